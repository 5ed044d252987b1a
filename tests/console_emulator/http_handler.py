"""HTTP plumbing of the Console emulator: the threaded server, dispatch and fault-aware writer.

Requests under ``/_emulator/`` go to the test hooks, ``/assets``-style paths to the presigned
asset host, everything else to the API routes; faults armed on the emulator shape the reply.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import parse_qsl, urlsplit

from tests.console_emulator.asset_host import ASSET_PREFIX, xml_error
from tests.console_emulator.faults import MALFORMED_TIMESTAMP, FaultRule, malform_timestamps
from tests.console_emulator.recording import RecordedRequest
from tests.console_emulator.response import Response, json_response
from tests.console_emulator.util import ApiError, Headers, dumps

if TYPE_CHECKING:
    from tests.console_emulator.server import Emulator

HOOK_PREFIX = "/_emulator/"


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
    # Per request (a handler serves every request of one keep-alive connection).
    _asset_path: str | None = None
    _query: dict[str, str]
    _expire_on_drop: FaultRule | None = None
    _counted_path: str | None = None

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    # ------------------------------------------------------------------ dispatch
    def _dispatch(self) -> None:
        emu = self.server.emulator
        self._asset_path, self._query, self._expire_on_drop = None, {}, None
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
        # The writer counts body bytes per asset path and expires links mid-file.
        self._asset_path = path if kind == "asset" else None
        self._query = query
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
        # A client may start its next request as soon as the last byte reaches it, so the
        # request counts as finished just before that byte is written (see _finish_once).
        self._finish_once = self._once(lambda: emu.stats.leave(kind))
        if kind == "asset" and rec.authorization:
            with emu.stats._lock:
                emu.stats.asset_auth_headers += 1
        try:
            faults = emu.faults.take(self.command, path, self.headers.get("Range"))
            if "silence" in faults:
                # Accepted and read, never answered: the client sees a connection that says
                # nothing, then closes (no status line at all).
                emu.faults.sleep(float(faults["silence"].params.get("seconds", 1.0)))
                self.close_connection = True
                return
            resp = self._pre_faults(faults, kind)
            if resp is None:
                if kind == "asset":
                    if self.command not in ("GET", "HEAD"):
                        resp = xml_error(
                            405, "MethodNotAllowed", "The specified method is not allowed"
                        )
                    else:
                        resp = emu.assets.serve(
                            path,
                            query,
                            self.headers.get("Range"),
                            "ignore_range" in faults,
                            method=self.command,
                            authorization=headers.get("Authorization"),
                        )
                else:
                    from tests.console_emulator.routes import handle_api

                    resp = handle_api(
                        emu, self.command, path, query, parsed, body, headers, faults, in_flight
                    )
            if "malformed_timestamp" in faults and kind == "api":
                self._malform_timestamps(resp, faults["malformed_timestamp"])
            if "malformed_json" in faults and kind == "api":
                resp.body = b'{"error": {"message": "trunc'
            rec.status = resp.status
            self._write(resp, faults)
        finally:
            self._finish_once()

    @staticmethod
    def _malform_timestamps(resp: Response, rule: FaultRule) -> None:
        """A successful JSON answer with a timestamp no calendar has (fault
        ``malformed_timestamp``)."""
        if resp.status >= 300 or not isinstance(resp.body, bytes):
            return
        try:
            data = json.loads(resp.body)
        except ValueError:
            return
        p = rule.params
        field = str(p.get("field", "windowClose"))
        value = str(p.get("value", MALFORMED_TIMESTAMP))
        if malform_timestamps(data, field, value, int(p.get("n", 1))):
            resp.body = dumps(data)

    def _request_finished(self) -> None:
        # Hook requests are not counted and never set _finish_once.
        getattr(self, "_finish_once", lambda: None)()

    @staticmethod
    def _once(action: Callable[[], None]) -> Callable[[], None]:
        done = [False]

        def run() -> None:
            if not done[0]:
                done[0] = True
                action()

        return run

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
            self.server.emulator.faults.sleep(float(faults["delay"].params.get("seconds", 1.0)))
        if "redirect" in faults:
            p = faults["redirect"].params
            return Response(
                int(p.get("status", 302)), b"", {"Location": p.get("location", self.path)}, None
            )
        if "rate_limit" in faults:
            # Retry-After only when the rule gives one: throttling often sends none.
            retry = faults["rate_limit"].params.get("retry_after")
            headers = {} if retry is None else {"Retry-After": str(retry)}
            if kind == "asset":
                resp = xml_error(429, "SlowDown", "Please reduce your request rate.")
                resp.headers.update(headers)
                return resp
            return json_response({"message": "Too Many Requests"}, 429, headers)
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
        # Object bytes only: error bodies (S3 XML) are not part of any asset.
        self._counted_path = self._asset_path if resp.status in (200, 206) else None
        # Bytes of the body actually sent: fewer under short_length (the rest never goes out).
        limit = length
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif "wrong_length" in faults:
            self.send_header(
                "Content-Length",
                str(max(0, length + int(faults["wrong_length"].params.get("delta", 1000)))),
            )
            close = True
        elif "short_length" in faults:
            # A complete-looking, well-formed response whose body is too short: only a size
            # known from elsewhere (a probe's Content-Range, the asset's file:size) reveals it.
            limit = max(0, length - int(faults["short_length"].params.get("delta", 1000)))
            self.send_header("Content-Length", str(limit))
            close = True
        else:
            self.send_header("Content-Length", str(length))
        expire = faults.get("expired_links") if self._asset_path is not None else None
        if "reset" in faults or expire is not None:
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
        if expire is not None:
            cut = int(expire.params.get("after_bytes", length // 2))
            reset_after = cut if reset_after is None else min(reset_after, cut)
            self._expire_on_drop = expire
        stall = faults.get("stall")
        bps = (
            float(faults["bandwidth"].params.get("bytes_per_sec", 1e12))
            if "bandwidth" in faults
            else None
        )
        sent = 0
        stalled = False
        if stall is not None and int(stall.params.get("after_bytes", 0)) == 0:
            self.server.emulator.faults.sleep(float(stall.params.get("seconds", 1.0)))
            stalled = True
        chunk_size = _chunk_size(bps)
        started = time.monotonic()
        for data in resp.chunks(chunk_size):
            if sent + len(data) > limit:
                data = data[: max(0, limit - sent)]
            if not chunked and reset_after is None and sent + len(data) >= limit:
                self._request_finished()
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
                self.server.emulator.faults.sleep(float(stall.params.get("seconds", 1.0)))
                stalled = True
            if bps is not None:
                ahead = sent / bps - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
            if sent >= limit:
                break
        if reset_after is not None:
            self._hard_close()
        if chunked:
            self._request_finished()
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _send(self, data: bytes, chunked: bool) -> None:
        if not data:
            return
        if chunked:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            self.wfile.write(data)
        if self._counted_path is not None:
            self.server.emulator.stats.add_asset_bytes(self._counted_path, len(data))

    def _expire_link(self, rule: FaultRule) -> None:
        """Move the emulator clock past this link's expiry (``advance`` s, default just past)."""
        emu = self.server.emulator
        if "advance" in rule.params:
            emu.clock.advance(float(rule.params["advance"]))
            return
        try:
            expires = float(self._query.get("Expires") or "")
        except ValueError:
            return
        emu.clock.advance(max(0.0, expires - emu.clock.time()) + 1.0)

    def _hard_close(self) -> None:
        self.wfile.flush()
        expire, self._expire_on_drop = self._expire_on_drop, None
        if expire is not None:
            # The link runs out while the file is on its way: the next request (a resume)
            # needs a fresh link from /orders/{id}/download.
            self._expire_link(expire)
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        raise _AbortError()


def _chunk_size(bps: float | None) -> int:
    """Body write size: 64 KiB, or ~1/10 s of a slow capped rate.

    Fast capped rates (S3-like, >= 10 MB/s) are written in up to 1 MiB pieces: with 64 KiB
    pieces the emulator's own per-write Python work (and its GIL, shared by every serving
    thread) capped the aggregate rate of many connections far below connections x cap.
    """
    if bps is None:
        return 64 * 1024
    ceiling = 64 * 1024 if bps < 10e6 else 1024 * 1024
    return max(1, min(ceiling, int(bps / 10) or 1))
