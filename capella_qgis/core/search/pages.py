"""Fast search-page parsing: raw STAC feature dicts plus their exact wire text, GC-frozen."""

from __future__ import annotations

import contextlib
import gc
import json
import re
import threading
from collections.abc import Iterator
from typing import Any, Optional, cast

from capella_qgis.core.exceptions import MalformedResponseError

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_GC_LOCK = threading.Lock()
# One page parsed at a time: parsing is CPU-bound under the GIL, so parallel parsers gain
# nothing but, as several runnable threads, keep the UI thread waiting for the GIL.
PARSE_LOCK = threading.Lock()
RELEASE_SLICE = 250
_GC_DEPTH = 0
_GC_FREEZING = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Keep the cyclic GC off the rest of the process's heap while a search runs.

    The outermost block (a whole search) collects the young generations and ``gc.freeze()``s
    what exists: the collections that parsing ~1 M dicts and lists sets off then traverse only
    what was made since, not the whole QGIS heap (a full collection of that holds the GIL for
    ~100 ms and stalls the UI thread). The end of that block ``gc.unfreeze()``s it all. The GC
    stays on for every other plugin of the shared QGIS (never ``gc.disable()``): what anyone
    makes during the search is collected as usual. Nested blocks do nothing more, and a
    permanent generation someone else filled is theirs: then nothing is frozen.

    Freezing after every parsed page instead (the first design) also froze other code's young
    garbage: the bench's 10 ms stream of short-lived cycles kept ~5 000 of them alive until
    the search ended. :func:`freeze_kept` does that only for pages a search keeps.
    """
    global _GC_DEPTH, _GC_FREEZING
    with _GC_LOCK:
        if _GC_DEPTH == 0:
            _GC_FREEZING = gc.get_freeze_count() == 0
            if _GC_FREEZING:
                gc.collect(1)  # young garbage of anyone is freed, not frozen (~1 ms)
                gc.freeze()
        _GC_DEPTH += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_DEPTH -= 1
            if _GC_FREEZING and not _GC_DEPTH:
                gc.unfreeze()  # back to the oldest generation, collected as usual


def freeze_kept() -> None:
    """Inside :func:`gc_paused`: freeze a page the search keeps (its items are long-lived).

    Kept pages (``keep_items``: 10 000 items are ~1.5 M objects) would otherwise be traversed
    by every full collection until the search ends.
    """
    with _GC_LOCK:
        if _GC_FREEZING and _GC_DEPTH:
            gc.collect(0)
            gc.freeze()


def release_gradually(items: list[Any], step: int = RELEASE_SLICE) -> None:
    """Empty ``items`` a slice at a time (from the end) instead of in one ``del``.

    Freeing 10 000 parsed features (~1 M objects) in one statement holds the GIL ~50 ms,
    stalling the UI thread; slices of ~1 ms let the interpreter switch threads in between.
    """
    while items:
        del items[-step:]


class RawFeature:
    """One STAC feature as received: the decoded dict and (when known) its exact JSON text.

    ``prepared`` holds whatever a consumer precomputed for it in the fetch thread (see the
    search's ``on_parsed``); core never reads it.
    """

    __slots__ = ("data", "prepared", "text")

    def __init__(self, data: dict[str, Any], text: Optional[str] = None) -> None:
        self.data = data
        self.text = text
        self.prepared: Any = None

    @property
    def id(self) -> str:
        return cast(str, self.data["id"])  # check_features() made sure it is one

    @property
    def collect_id(self) -> Optional[str]:
        props = self.data.get("properties")
        return props.get("capella:collect_id") if isinstance(props, dict) else None

    def slim(self) -> None:
        """Keep only the id (de-duplication needs it): for a streaming consumer that took
        what it stores into ``prepared`` and never reads the feature again.

        A parsed feature is ~15 KB of dicts and lists: freed as soon as its row is built, the
        pages waiting for their turn to be written hold a third of the memory, and the cyclic
        GC has that much less to traverse.
        """
        self.data = {"id": self.data["id"]}
        self.text = None

    def to_json(self) -> str:
        """Compact JSON of the feature (the wire text when it was kept)."""
        if self.text is not None:
            return self.text
        return json.dumps(self.data, separators=(",", ":"), ensure_ascii=False)

    def __repr__(self) -> str:
        return f"RawFeature({self.data.get('id')!r})"


def _skip(text: str, index: int) -> int:
    return _WS.match(text, index).end()  # type: ignore[union-attr]


def _split_array(text: str, index: int) -> tuple[list[RawFeature], int]:
    """Decode the array starting at ``text[index] == '['`` element by element."""
    out: list[RawFeature] = []
    index = _skip(text, index + 1)
    if text[index] == "]":
        return out, index + 1
    while True:
        value, end = _DECODER.raw_decode(text, index)
        out.append(RawFeature(value, text[index:end]))
        index = _skip(text, end)
        char = text[index]
        if char == "]":
            return out, index + 1
        if char != ",":
            raise ValueError(f"expected ',' or ']' at {index}")
        index = _skip(text, index + 1)


def _split_object(text: str) -> dict[str, Any]:
    index = _skip(text, 0)
    if text[index] != "{":
        raise ValueError("not an object")
    out: dict[str, Any] = {}
    index = _skip(text, index + 1)
    if text[index] == "}":
        return out
    while True:
        key, index = _DECODER.raw_decode(text, index)
        if not isinstance(key, str):
            raise ValueError("object key is not a string")
        index = _skip(text, index)
        if text[index] != ":":
            raise ValueError(f"expected ':' at {index}")
        index = _skip(text, index + 1)
        if key == "features" and text[index] == "[":
            value, index = _split_array(text, index)
        else:
            value, index = _DECODER.raw_decode(text, index)
        out[key] = value
        index = _skip(text, index)
        if text[index] == "}":
            if text[index + 1 :].strip():
                raise ValueError("extra data after the object")
            return out
        if text[index] != ",":
            raise ValueError(f"expected ',' or '}}' at {index}")
        index = _skip(text, index + 1)


def split_search_page(content: bytes) -> Any:
    """Decode a search page; ``features`` become :class:`RawFeature` (dict + wire text).

    Anything unusual (not UTF-8, not an object, malformed) falls back to ``json.loads``, which
    raises the usual ``ValueError`` for bad JSON; features of the fallback carry no text.
    """
    try:
        return _split_object(content.decode("utf-8"))
    except (ValueError, IndexError):
        pass
    data = json.loads(content)
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        data["features"] = [RawFeature(f) if isinstance(f, dict) else f for f in data["features"]]
    return data


def check_features(features: list[Any], endpoint: str) -> None:
    """The cheap per-item check done eagerly: an object with a string ``id``."""
    for index, feature in enumerate(features):
        data = feature.data if isinstance(feature, RawFeature) else None
        if not isinstance(data, dict):
            field = f"features.{index}"
            problem = "is not an object"
        elif not isinstance(data.get("id"), str):
            field = f"features.{index}.id"
            problem = "is missing or not a string"
        else:
            continue
        raise MalformedResponseError(
            f"Unexpected response from {endpoint}: field '{field}' {problem}", field=field
        )
