"""The Console emulator: a stdlib threaded HTTP server with API, asset host and test hooks."""

from __future__ import annotations

import secrets
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.console_emulator.asset_host import AssetHost
from tests.console_emulator.catalog import Catalog
from tests.console_emulator.faults import Faults, RateLimiter, Stats
from tests.console_emulator.http_handler import HOOK_PREFIX, _Handler, _Server
from tests.console_emulator.presign import Presigner
from tests.console_emulator.recording import RecordedRequest
from tests.console_emulator.util import Clock, dumps
from tests.console_emulator.world import SHAPE_OPTIONS, CatalogEntry, World

__all__ = ["HOOK_PREFIX", "Emulator"]


def _load_store_class() -> Any:
    try:
        from tests.console_emulator.assets import AssetStore
    except ImportError:
        from tests.console_emulator.fallback_assets import FallbackAssetStore as AssetStore
    return AssetStore


class Emulator:
    """Local Capella Console: ``Emulator(...).start()`` serves on a background thread."""

    def __init__(
        self,
        items: int = 5000,
        seed: int = 7,
        host: str = "127.0.0.1",
        port: int = 0,
        api_keys: tuple[str, ...] | list[str] = ("demo",),
        tokens: tuple[str, ...] | list[str] = ("demo-token",),
        asset_host: str = "localhost",
        asset_size: int | None = None,
        order_ttl: float = 3600,
        url_ttl: float = 3600,
        clock: Any = None,
        cache_dir: str | Path | None = None,
        asset_store: Any = None,
    ) -> None:
        if isinstance(clock, Clock):
            self.clock = clock
        else:
            self.clock = Clock(clock)
        self.host = host
        self.port = port
        self.api_keys = set(api_keys)
        self.tokens = set(tokens)
        self.asset_hostname = asset_host
        self.state = World(items, seed, self.clock, float(order_ttl), float(url_ttl))
        self.world = self.state
        self.faults = Faults()
        self.stats = Stats()
        self.rate_limiter = RateLimiter()
        self.catalog = Catalog(self.state)
        self.cache_dir = Path(cache_dir or Path(tempfile.gettempdir()) / f"capella-emulator-{seed}")
        store = asset_store
        if store is None:
            store = _load_store_class()(self.cache_dir, seed, asset_size)
        self.store = store
        self.presigner = Presigner(secrets.token_bytes(32), self.clock)
        self.assets = AssetHost(self.state, store, self.presigner, self.cache_dir)
        self._requests: list[RecordedRequest] = []
        self._req_lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        self.asset_base = ""

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> Emulator:
        server = _Server((self.host, self.port), _Handler)
        server.emulator = self
        self._server = server
        self.port = server.server_address[1]
        self.url = f"http://{self.host}:{self.port}"
        self.asset_base = f"http://{self.asset_hostname}:{self.port}"
        self.assets.asset_base = self.asset_base
        self.state.renderer = self.render_entry
        for entry in self.state.entries:
            entry.json = self.render_entry(entry)
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Emulator:
        return self if self._server else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ helpers
    def render_entry(self, entry: CatalogEntry) -> bytes:
        item = dict(entry.item)
        item["assets"] = self.assets.assets(entry, None)
        item["links"] = [
            {"rel": "collection", "href": f"{self.url}/catalog/collections/{entry.collection}"},
            {
                "rel": "self",
                "href": f"{self.url}/catalog/collections/{entry.collection}/items/{entry.id}",
            },
        ]
        return dumps(item)

    def requests(self, kind: str | None = None) -> list[RecordedRequest]:
        with self._req_lock:
            return [r for r in self._requests if kind is None or r.kind == kind]

    def clear_requests(self) -> None:
        with self._req_lock:
            self._requests.clear()

    def _record(self, rec: RecordedRequest) -> None:
        with self._req_lock:
            self._requests.append(rec)
            if len(self._requests) > 20000:
                del self._requests[:10000]

    def configure(self, **options: Any) -> dict[str, Any]:
        """Update runtime config (insufficient_funds, reject_orders, error_shape, ...)."""
        cfg = self.state.config
        for key, value in options.items():
            if key == "token_ttl":
                cfg["token_expires_at"] = (
                    None if value is None else self.clock.time() + float(value)
                )
            elif key == "roles":
                self.state.user["roles"] = list(value)
            elif key in SHAPE_OPTIONS and value not in SHAPE_OPTIONS[key]:
                raise ValueError(f"{key} must be one of {', '.join(SHAPE_OPTIONS[key])}")
            elif key in cfg:
                cfg[key] = value
            else:
                raise ValueError(f"unknown config option {key!r}")
        return dict(cfg, roles=self.state.user["roles"])

    def reset(self) -> None:
        """Back to the initial world; clears faults, requests, stats and clock offset.

        The clock goes first: the world is seeded again relative to it.
        """
        self.clock.reset()
        self.state.reset()
        self.faults.clear()
        self.clear_requests()
        self.stats.reset()
        self.rate_limiter.reset()

    def presign(self, stac_id: str, key: str, ttl: float = 3600) -> str:
        entry = self.state.by_id[stac_id]
        return self.assets.assets(entry, ttl)[key]["href"]

    def authenticate(self, header: str | None) -> dict[str, Any] | None:
        if not header:
            return None
        parts = header.strip().split(None, 1)
        if len(parts) != 2:
            return None
        prefix, value = parts[0].lower(), parts[1].strip()
        if prefix == "apikey" and value in self.api_keys:
            return self.state.user
        if prefix == "bearer" and value in self.tokens:
            exp = self.state.config["token_expires_at"]
            if exp is None or self.clock.time() < exp:
                return self.state.user
        return None
