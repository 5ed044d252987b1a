"""Download-specific CapellaError subclasses (messages say what happened and what to do)."""

from __future__ import annotations

from capella_qgis.core.exceptions import CapellaError


class DownloadError(CapellaError):
    default_code = "DOWNLOAD_FAILED"
    default_hint = "Run the download again; finished files are kept and partial files resume."


class UrlExpiredError(DownloadError):
    """The presigned asset URL was refused as expired (S3 ``AccessDenied``)."""

    default_code = "URL_EXPIRED"
    default_hint = "The download link expired; fetch fresh links from the order and resume."


class AssetNotFoundError(DownloadError):
    default_code = "ASSET_NOT_FOUND"
    default_hint = "The file is missing on the server; contact Capella support with the order id."


class DiskFullError(DownloadError):
    default_code = "DISK_FULL"
    default_hint = "Free some disk space or pick another folder, then resume the download."


class InsufficientSpaceError(DownloadError):
    default_code = "INSUFFICIENT_DISK_SPACE"
    default_hint = "Free some disk space or pick another download folder."


class RedirectLoopError(DownloadError):
    """The asset host kept redirecting (httpx' limit of hops); retrying would loop again."""

    default_code = "TOO_MANY_REDIRECTS"
    default_hint = (
        "Run the download again later; if it keeps failing, contact Capella support with "
        "the order id."
    )


class ServerWaitError(DownloadError):
    """The file waited its whole budget (RetryPolicy.wait_budget) for a busy or silent server."""

    default_code = "SERVER_WAIT_EXCEEDED"
    default_hint = "Run the download again later; finished files are kept and partial files resume."


class IncompleteDownloadError(DownloadError):
    default_code = "INCOMPLETE_DOWNLOAD"


class RangeNotSupportedError(DownloadError):
    """Internal: the server stopped honouring Range; the caller falls back to one stream."""

    default_code = "RANGE_NOT_SUPPORTED"
    default_hint = ""
