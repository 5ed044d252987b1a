"""What a catalog search hands to its consumer while pages arrive (see ``search()``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Optional

from capella_qgis.core.search.pages import PARSE_LOCK, RawFeature, freeze_kept, release_gradually
from capella_qgis.core.search.query import SearchResult

LOGGER = logging.getLogger(__name__)

# Called with the new (de-duplicated) items of each page, in result order, as pages arrive.
PageCallback = Callable[[list[Any]], Any]
# Called in the fetch thread with every parsed page's raw features, before de-duplication:
# a consumer may precompute per-feature data there (``RawFeature.prepared``) while other
# pages are still in flight. A hint only: consumers must cope with unprepared features.
ParsedCallback = Callable[[list[Any]], Any]


@dataclass
class PageHooks:
    """The consumer's callbacks and whether the result keeps the items (all optional)."""

    on_page: Optional[PageCallback] = None
    on_parsed: Optional[ParsedCallback] = None
    keep_items: bool = True

    def parsed(self, features: list[RawFeature]) -> None:
        """In the fetch thread, right after a page is parsed."""
        if not features:
            return
        if self.on_parsed is not None:
            try:
                # Same lock as parsing: one CPU-bound fetch thread at a time keeps the UI
                # thread's GIL waits short. A failing hint costs only its speed-up.
                with PARSE_LOCK:
                    self.on_parsed(features)
            except Exception:
                LOGGER.debug("on_parsed failed; the consumer prepares items itself", exc_info=True)
        if self.keep_items:
            freeze_kept()

    def handed(self, result: SearchResult, new: list[Any], features: list[Any]) -> None:
        """In the search thread, once a page's new items joined the result (in order)."""
        if self.on_page is not None and new:
            self.on_page(new)
        if not self.keep_items:
            # Free the page now, in slices: every reference goes, the last one frees ~100 k
            # objects without holding the GIL for long.
            result.drop_held()
            release_gradually(new)
            release_gradually(features)
