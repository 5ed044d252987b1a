"""Emulated S3 asset host: presigned hrefs, key resolution, GET/HEAD/Range serving."""

from __future__ import annotations

import mimetypes
import re
import threading
from pathlib import Path
from typing import Any

from tests.console_emulator.presign import Presigner, s3_error_xml
from tests.console_emulator.response import FileBody, Response
from tests.console_emulator.world import CatalogEntry, World

ASSET_PREFIX = "/assets/"
LICENSE_NAME = "license.pdf"
CATALOG_THUMB_TTL = 10 * 365 * 86400
TITLES = {
    "HH": "Data file",
    "VV": "Data file",
    "metadata": "Extended metadata",
    "thumbnail": "Thumbnail",
    "preview": "Preview",
    "analytic_product": "Analytic product",
    "analytic_product_diag": "Analytic product diagnostics",
    "landmask": "Land mask",
    "changemap": "Change map",
    "license": "License",
}
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
_LICENSE_BYTES = (
    b"%PDF-1.4\n% Capella Space emulator license placeholder\n"
    b"This data is licensed for testing purposes only.\n%%EOF\n"
)


def media_type(key: str, filename: str) -> str:
    if filename.endswith((".tif", ".tiff")):
        return "image/tiff; application=geotiff" if key in ("HH", "VV") else "image/tiff"
    if filename.endswith(".png"):
        return "image/png"
    if filename.endswith(".json"):
        return "application/json"
    if filename.endswith(".geojson"):
        return "application/geo+json"
    if filename.endswith(".ntf"):
        return "application/vnd.nitf"
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


class AssetHost:
    """Maps items to asset paths and serves them with S3 semantics."""

    def __init__(self, world: World, store: Any, presigner: Presigner, cache_dir: Path) -> None:
        self.world = world
        self.store = store
        self.presigner = presigner
        self.cache_dir = cache_dir
        self.asset_base = ""
        self._names: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ naming
    def item_dir(self, entry: CatalogEntry) -> str:
        dt = entry.props["datetime"]
        y, m, d = int(dt[0:4]), int(dt[5:7]), int(dt[8:10])
        return f"{ASSET_PREFIX}{entry.collection}/{y}/{m}/{d}/{entry.id}/"

    def filenames(self, entry: CatalogEntry) -> dict[str, str]:
        """key -> filename for the item's assets (cached)."""
        with self._lock:
            names = self._names.get(entry.id)
        if names is None:
            names = {
                k: self.store.filename(entry.item, k) for k in self.store.asset_keys(entry.item)
            }
            with self._lock:
                self._names[entry.id] = names
        return names

    def assets(self, entry: CatalogEntry, ttl: float | None) -> dict[str, dict[str, str]]:
        """Asset objects; presigned with ``ttl`` or (``None``) catalog-style unsigned hrefs."""
        base = self.item_dir(entry)
        out: dict[str, dict[str, str]] = {}
        for key, name in self.filenames(entry).items():
            path = base + name
            if ttl is not None:
                href = self.presigner.sign(self.asset_base, path, ttl)
            elif key == "thumbnail":
                href = self.presigner.sign(self.asset_base, path, CATALOG_THUMB_TTL)
            else:
                href = self.asset_base + path
            out[key] = {
                "href": href,
                "title": self._title(key),
                "type": self._type(entry, key, name),
            }
        lic = base + LICENSE_NAME
        out["license"] = {
            "href": self.presigner.sign(self.asset_base, lic, ttl)
            if ttl is not None
            else self.asset_base + lic,
            "title": "License",
            "type": "application/pdf",
        }
        return out

    def _title(self, key: str) -> str:
        fn = getattr(self.store, "title", None)
        return fn(key) if fn else TITLES.get(key, key)

    def _type(self, entry: CatalogEntry, key: str, name: str) -> str:
        fn = getattr(self.store, "media_type", None)
        return fn(key, entry.item) if fn else media_type(key, name)

    # ------------------------------------------------------------------ serving
    def _resolve(self, path: str) -> Path | None:
        parts = path[len(ASSET_PREFIX) :].split("/")
        if len(parts) != 6:
            return None
        collection, _y, _m, _d, stac_id, filename = parts
        entry = self.world.by_id.get(stac_id)
        if (
            entry is None
            or entry.collection != collection
            or self.item_dir(entry) != path.rsplit("/", 1)[0] + "/"
        ):
            return None
        if filename == LICENSE_NAME:
            try:
                return Path(self.store.path(entry.item, "license"))
            except (KeyError, ValueError, NotImplementedError):
                pass
            target = self.cache_dir / LICENSE_NAME
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(f".{threading.get_ident()}.tmp")
                tmp.write_bytes(_LICENSE_BYTES)
                tmp.replace(target)
            return target
        for key, name in self.filenames(entry).items():
            if name == filename:
                return Path(self.store.path(entry.item, key))
        return None

    def serve(
        self,
        path: str,
        query: dict[str, str],
        range_header: str | None,
        ignore_range: bool = False,
        *,
        method: str = "GET",
        authorization: str | None = None,
    ) -> Response:
        if authorization is not None:
            # S3: a presigned URL plus an Authorization header is two auth mechanisms (400);
            # without a signature the header is read as AWS auth, and "ApiKey" is not one.
            if self.presigner.is_signed(query):
                message = (
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                    "parameter, Signature query string parameter or the Authorization header "
                    "should be specified"
                )
            else:
                message = "Unsupported Authorization Type"
            return xml_error(400, "InvalidArgument", message, path)
        problem = self.presigner.verify(path, query, method)
        if problem:
            status, code, message = problem
            return xml_error(status, code, message, path)
        target = self._resolve(path)
        if target is None:
            return xml_error(404, "NoSuchKey", "The specified key does not exist.", path)
        size = target.stat().st_size
        name = target.name
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{size:x}-{int(target.stat().st_mtime):x}"'}
        ctype = media_type("HH" if name.endswith(".tif") else "", name)
        if range_header and not ignore_range:
            m = _RANGE_RE.match(range_header.strip())
            if m and (m.group(1) or m.group(2)):
                first, last = m.group(1), m.group(2)
                if first:
                    start = int(first)
                    end = min(int(last), size - 1) if last else size - 1
                else:  # suffix range bytes=-N
                    start = max(0, size - int(last))
                    end = size - 1
                if start >= size or end < start:
                    headers["Content-Range"] = f"bytes */{size}"
                    resp = xml_error(
                        416, "InvalidRange", "The requested range is not satisfiable", path
                    )
                    resp.headers.update(headers)
                    return resp
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
                return Response(206, FileBody(target, start, end - start + 1), headers, ctype)
        return Response(200, FileBody(target, 0, size), headers, ctype)


def xml_error(status: int, code: str, message: str, resource: str = "") -> Response:
    return Response(status, s3_error_xml(code, message, resource), {}, "application/xml")
