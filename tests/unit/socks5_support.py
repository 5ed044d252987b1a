"""A small SOCKS5 proxy (RFC 1928/1929) on an asyncio loop in a thread, for the proxy tests."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import quote

NO_AUTH = 0x00
USER_PASSWORD = 0x02
NO_ACCEPTABLE = 0xFF


@dataclass
class Tunnel:
    """One CONNECT the proxy served: who asked (user) and where to (as the client named it)."""

    host: str
    port: int
    user: Optional[str] = None


@dataclass
class Socks5Proxy:
    """``Socks5Proxy().start()`` serves on 127.0.0.1:<free port>; ``users`` turns on RFC 1929."""

    users: dict[str, str] = field(default_factory=dict)
    tunnels: list[Tunnel] = field(default_factory=list)
    refused: int = 0

    def __post_init__(self) -> None:
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="socks5-proxy", daemon=True)
        self._server: Optional[asyncio.AbstractServer] = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Socks5Proxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("SOCKS5 proxy did not start")
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def url(
        self, user: Optional[str] = None, password: Optional[str] = None, scheme: str = "socks5"
    ) -> str:
        auth = ""
        if user is not None:
            auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "") + "@"
        return f"{scheme}://{auth}127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        self._loop.close()

    # -------------------------------------------------------------------- protocol

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: Optional[asyncio.StreamWriter] = None
        try:
            user = await self._greet(reader, writer)
            if user is False:
                return
            target = await self._request(reader)
            if target is None:
                writer.write(b"\x05\x07\x00\x01" + b"\0" * 6)  # command not supported
                return
            host, port = target
            try:
                up_reader, upstream = await asyncio.open_connection(host, port)
            except OSError:
                writer.write(b"\x05\x05\x00\x01" + b"\0" * 6)  # connection refused
                return
            with self._lock:
                self.tunnels.append(Tunnel(host, port, user or None))
            bound = upstream.get_extra_info("sockname")
            addr = ipaddress.ip_address(bound[0])
            kind = b"\x01" if addr.version == 4 else b"\x04"
            writer.write(b"\x05\x00\x00" + kind + addr.packed + struct.pack("!H", bound[1]))
            await writer.drain()
            await asyncio.gather(
                self._pipe(reader, upstream), self._pipe(up_reader, writer), return_exceptions=True
            )
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            for stream in (upstream, writer):
                if stream is not None:
                    with contextlib.suppress(Exception):
                        stream.close()

    async def _greet(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> object:
        """Method negotiation (and RFC 1929 login); the user name, "" or False when refused."""
        version, count = await reader.readexactly(2)
        methods = set(await reader.readexactly(count))
        if version != 5:
            return False
        wanted = USER_PASSWORD if self.users else NO_AUTH
        if wanted not in methods:
            with self._lock:
                self.refused += 1
            writer.write(bytes([5, NO_ACCEPTABLE]))
            return False
        writer.write(bytes([5, wanted]))
        await writer.drain()
        if wanted == NO_AUTH:
            return ""
        _, ulen = await reader.readexactly(2)
        user = (await reader.readexactly(ulen)).decode()
        (plen,) = await reader.readexactly(1)
        password = (await reader.readexactly(plen)).decode()
        ok = self.users.get(user) == password
        if not ok:  # counted before answering: the client stops as soon as it reads the answer
            with self._lock:
                self.refused += 1
        writer.write(bytes([1, 0 if ok else 1]))
        await writer.drain()
        return user if ok else False

    async def _request(self, reader: asyncio.StreamReader) -> Optional[tuple[str, int]]:
        _, command, _, kind = await reader.readexactly(4)
        if kind == 1:
            host = socket.inet_ntop(socket.AF_INET, await reader.readexactly(4))
        elif kind == 4:
            host = socket.inet_ntop(socket.AF_INET6, await reader.readexactly(16))
        elif kind == 3:
            (length,) = await reader.readexactly(1)
            host = (await reader.readexactly(length)).decode("idna")
        else:
            return None
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        return (host, port) if command == 1 else None  # CONNECT only

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while True:
                data = await source.read(65536)
                if not data:
                    break
                sink.write(data)
                await sink.drain()
        finally:
            with contextlib.suppress(Exception):
                sink.write_eof()
