"""The one lookup tasking request ids → collect ids → catalog products (nothing is ordered).

Used by ``core.download.sources.resolve`` (a download of collects or tasking requests) and by
``core.workflows.orders`` (what ordering a tasking request buys); each caller decides what an
empty result means for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional

from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.models.base import problems_of
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.query import CatalogQuery

if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient

#: Largest number of products a collect / tasking request lookup takes from the catalog.
COLLECT_SEARCH_LIMIT = 500


@dataclass
class CollectProducts:
    """The collects found, their catalog products, and what could not be read in full."""

    collect_ids: list[str] = field(default_factory=list)
    items: list[StacItem] = field(default_factory=list)
    # Records the Console sent that could not be read in full (a collect's bad timestamp):
    # the rest went ahead; each line names the record and the field.
    warnings: list[str] = field(default_factory=list)
    # Tasking requests that are completed but have no collects (yet), in the order given.
    without_collects: list[str] = field(default_factory=list)

    @property
    def stac_ids(self) -> list[str]:
        return [i.id for i in self.items]


def collect_products(
    client: ConsoleClient,
    *,
    tasking_request_ids: Sequence[str] = (),
    collect_ids: Sequence[str] = (),
    product_types: Sequence[str] = (),
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> CollectProducts:
    """The catalog products of ``collect_ids`` and of the collects of the completed
    ``tasking_request_ids`` (only ``product_types``, when given).

    A request that is not completed raises TaskNotCompleteError; no collects or no products is
    an empty result (no catalog search is sent without collects).
    """
    found = CollectProducts(collect_ids=list(dict.fromkeys(collect_ids)))
    for tr_id in tasking_request_ids:
        _check(is_cancelled)
        ids = client.tasking.resolve_collect_ids_for_tasking_request(tr_id)
        if not ids:
            found.without_collects.append(tr_id)
        found.collect_ids += [i for i in ids if i not in found.collect_ids]
        found.warnings += [str(problem) for problem in problems_of(ids)]
    if not found.collect_ids:
        return found
    _check(is_cancelled)
    query: dict[str, Any] = {"collect_id": {"in": found.collect_ids}}
    if product_types:
        query["product_type"] = {"in": list(product_types)}
    result = client.catalog.search(
        CatalogQuery(filters=query, limit=COLLECT_SEARCH_LIMIT), is_cancelled=is_cancelled
    )
    found.items = list(result.items)
    return found


def _check(is_cancelled: Optional[Callable[[], bool]]) -> None:
    if is_cancelled is not None and is_cancelled():
        raise CancelledError()
