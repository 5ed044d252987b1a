"""The Console emulator: a stdlib threaded HTTP server with API, asset host and test hooks."""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import struct
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.console_emulator.asset_host import ASSET_PREFIX, AssetHost, xml_error
from tests.console_emulator.catalog import Catalog
from tests.console_emulator.faults import FaultRule, Faults, RateLimiter, Stats
from tests.console_emulator.presign import Presigner
from tests.console_emulator.recording import RecordedRequest
from tests.console_emulator.response import Response, json_response
from tests.console_emulator.util import ApiError, Clock, Headers, dumps
from tests.console_emulator.world import CatalogEntry, World

HOOK_PREFIX = "/_emulator/"


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
            elif key in cfg:
                cfg[key] = value
            else:
                raise ValueError(f"unknown config option {key!r}")
        return dict(cfg, roles=self.state.user["roles"])

    def reset(self) -> None:
        """Back to the initial world; clears faults, requests, stats and clock offset."""
        self.state.reset()
        self.faults.clear()
        self.clear_requests()
        self.stats.reset()
        self.rate_limiter.reset()
        self.clock.reset()

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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    emulator: Emulator

    def handle_error(self, request: Any, client_address: Any) -> None:  # quiet
        return


class _AbortError(Exception):
    """Stop writing the response (connection dropped on purpose)."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 120
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    # ------------------------------------------------------------------ dispatch
    def _dispatch(self) -> None:
        emu = self.server.emulator
        raw_path, _, raw_query = self.path.partition("?")
        if "://" in raw_path:  # absolute-form request target
            raw_path = urlsplit(raw_path).path
        path = "/" + "/".join(p for p in raw_path.split("/") if p)
        query = dict(parse_qsl(raw_query, keep_blank_values=True))
        body = self._read_body()
        headers = Headers(self.headers.items())
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if path.startswith(HOOK_PREFIX) or path + "/" == HOOK_PREFIX:
            from tests.console_emulator.hooks import handle_hook

            emu.stats.enter("hook")
            try:
                resp = handle_hook(emu, self.command, path, query, body)
            except ApiError as exc:
                resp = json_response(exc.body(None), exc.status)
            self._write(resp, {})
            return
        kind = "asset" if path.startswith(ASSET_PREFIX) else "api"
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        rec = RecordedRequest(
            method=self.command,
            path=path,
            query=query,
            headers=headers,
            json=parsed,
            body=body,
            host=host,
            kind=kind,
            time=time.time(),
            raw_query=raw_query,
            authorization="Authorization" in headers,
        )
        emu._record(rec)
        in_flight = emu.stats.enter(kind)
        if kind == "asset" and rec.authorization:
            with emu.stats._lock:
                emu.stats.asset_auth_headers += 1
        try:
            faults = emu.faults.take(self.command, path)
            resp = self._pre_faults(faults, kind)
            if resp is None:
                if kind == "asset":
                    if self.command not in ("GET", "HEAD"):
                        resp = xml_error(
                            405, "MethodNotAllowed", "The specified method is not allowed"
                        )
                    else:
                        resp = emu.assets.serve(
                            path, query, self.headers.get("Range"), "ignore_range" in faults
                        )
                else:
                    from tests.console_emulator.routes import handle_api

                    resp = handle_api(
                        emu, self.command, path, query, parsed, body, headers, faults, in_flight
                    )
            if "malformed_json" in faults and kind == "api":
                resp.body = b'{"error": {"message": "trunc'
            rec.status = resp.status
            self._write(resp, faults)
        finally:
            emu.stats.leave(kind)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            return self.rfile.read(length)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = b""
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        return b""

    def _pre_faults(self, faults: dict[str, FaultRule], kind: str) -> Response | None:
        if "delay" in faults:
            time.sleep(float(faults["delay"].params.get("seconds", 1.0)))
        if "redirect" in faults:
            p = faults["redirect"].params
            return Response(
                int(p.get("status", 302)), b"", {"Location": p.get("location", self.path)}, None
            )
        if "rate_limit" in faults:
            retry = str(faults["rate_limit"].params.get("retry_after", 1))
            if kind == "asset":
                resp = xml_error(429, "SlowDown", "Please reduce your request rate.")
                resp.headers["Retry-After"] = retry
                return resp
            return json_response({"message": "Too Many Requests"}, 429, {"Retry-After": retry})
        if "status" in faults:
            p = faults["status"].params
            status = int(p.get("status", 500))
            headers = {"Retry-After": str(p["retry_after"])} if "retry_after" in p else {}
            if kind == "asset":
                resp = xml_error(status, "InternalError", "We encountered an internal error.")
                resp.headers.update(headers)
                return resp
            body = p.get("body") or {
                "message": "Internal Server Error" if status == 500 else "Service Unavailable"
            }
            return json_response(body, status, headers)
        return None

    # ------------------------------------------------------------------ writer
    def _write(self, resp: Response, faults: dict[str, FaultRule]) -> None:
        try:
            self._write_inner(resp, faults)
        except (
            BrokenPipeError,
            ConnectionResetError,
            ConnectionAbortedError,
            _AbortError,
            OSError,
        ):
            self.close_connection = True

    def _write_inner(self, resp: Response, faults: dict[str, FaultRule]) -> None:
        chunked = "chunked" in faults
        self.send_response(resp.status)
        if resp.content_type:
            self.send_header("Content-Type", resp.content_type)
        for k, v in resp.headers.items():
            self.send_header(k, v)
        length = resp.length
        close = False
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif "wrong_length" in faults:
            self.send_header(
                "Content-Length",
                str(max(0, length + int(faults["wrong_length"].params.get("delta", 1000)))),
            )
            close = True
        else:
            self.send_header("Content-Length", str(length))
        if "reset" in faults:
            close = True
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        self.wfile.flush()
        reset_after = (
            int(faults["reset"].params.get("after_bytes", 0)) if "reset" in faults else None
        )
        stall = faults.get("stall")
        bps = (
            float(faults["bandwidth"].params.get("bytes_per_sec", 1e12))
            if "bandwidth" in faults
            else None
        )
        sent = 0
        stalled = False
        if stall is not None and int(stall.params.get("after_bytes", 0)) == 0:
            time.sleep(float(stall.params.get("seconds", 1.0)))
            stalled = True
        chunk_size = 64 * 1024 if bps is None else max(1, min(64 * 1024, int(bps / 10) or 1))
        started = time.monotonic()
        for data in resp.chunks(chunk_size):
            if reset_after is not None and sent + len(data) >= reset_after:
                data = data[: max(0, reset_after - sent)]
                self._send(data, chunked)
                self._hard_close()
            self._send(data, chunked)
            sent += len(data)
            if (
                stall is not None
                and not stalled
                and sent >= int(stall.params.get("after_bytes", 0))
            ):
                time.sleep(float(stall.params.get("seconds", 1.0)))
                stalled = True
            if bps is not None:
                ahead = sent / bps - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
        if reset_after is not None:
            self._hard_close()
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _send(self, data: bytes, chunked: bool) -> None:
        if not data:
            return
        if chunked:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            self.wfile.write(data)

    def _hard_close(self) -> None:
        self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        raise _AbortError()
