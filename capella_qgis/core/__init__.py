"""Pure-Python Capella Console client (httpx + pydantic); imports neither Qt nor QGIS."""

from __future__ import annotations

from capella_qgis.core.api.client import DEFAULT_BASE_URL, ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.retry import RetryPolicy
from capella_qgis.core.api.tasking import BulkOutcome, BulkResult
from capella_qgis.core.exceptions import (
    ApiTimeoutError,
    AuthenticationError,
    AuthorizationError,
    CancelledError,
    CapellaError,
    CollectionAccessDeniedError,
    ContractNotFoundError,
    InputError,
    InsufficientFundsError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    NoValidStacIdsError,
    OrderExpiredError,
    OrderRejectedError,
    OrderValidationError,
    RateLimitedError,
    ServerError,
    TaskNotCompleteError,
    ValidationError,
)
from capella_qgis.core.models.payloads import (
    RepeatRequestCreate,
    RepeatRequestUpdate,
    TaskingRequestCreate,
    TaskingRequestUpdate,
)
from capella_qgis.core.search.query import CatalogQuery, SearchResult

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiTimeoutError",
    "AuthenticationError",
    "AuthorizationError",
    "BulkOutcome",
    "BulkResult",
    "CancelledError",
    "CapellaError",
    "CatalogQuery",
    "CollectionAccessDeniedError",
    "ConsoleClient",
    "ContractNotFoundError",
    "Credential",
    "InputError",
    "InsufficientFundsError",
    "MalformedResponseError",
    "NetworkError",
    "NoValidStacIdsError",
    "NotFoundError",
    "OrderExpiredError",
    "OrderRejectedError",
    "OrderValidationError",
    "RateLimitedError",
    "RepeatRequestCreate",
    "RepeatRequestUpdate",
    "RetryPolicy",
    "SearchResult",
    "ServerError",
    "TaskNotCompleteError",
    "TaskingRequestCreate",
    "TaskingRequestUpdate",
    "ValidationError",
]
