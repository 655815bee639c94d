"""An HTTP/1.1 proxy in front of the portal that can hold every answer back and counts requests.

It reads each request and answer on a kept-alive connection (Content-Length or chunked bodies),
so it knows the method, path and status of every exchange, including `304`s, and which requests
were sent while an identical one (same method and target) was still in flight.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Exchange:
    method: str
    target: str
    started: float
    status: int | None = None
    ended: float | None = None
    #: Sent while an identical request was still waiting for its answer.
    duplicate: bool = False
    #: When the portal's answer (or the failure to get one) reached the proxy.
    upstream_done: float | None = None

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


@dataclass
class Log:
    exchanges: list[Exchange] = field(default_factory=list)
    in_flight: Counter = field(default_factory=Counter)

    def since(self, mark: int) -> list[Exchange]:
        return self.exchanges[mark:]


class ProxyError(Exception):
    pass


async def _read_head(reader: asyncio.StreamReader) -> bytes | None:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise ProxyError("connection closed mid-head")
        return None


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str], until_close: bool) -> bytes:
    """The body exactly as sent (chunked framing kept)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            body += size_line
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                # Trailers, then the empty line.
                while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
                    body += line
                body += b"\r\n"
                return bytes(body)
            body += await reader.readexactly(size + 2)
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    return await reader.read() if until_close else b""


class Proxy:
    """Listens on 127.0.0.1 (a free port) and forwards to `upstream_port`, in a thread of its own."""

    def __init__(self, upstream_port: int, delay: float = 0.0):
        self.upstream_port = upstream_port
        #: Seconds each answer's first byte is held back.
        self.delay = delay
        self.log = Log()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result()
        self.port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def mark(self) -> int:
        """A position in the log, for `log.since(mark)`."""
        return len(self.log.exchanges)

    def wait_until_portal_idle(self, timeout: float = 10) -> None:
        """Returns once the portal has answered every request forwarded so far (the answers may
        still be held back): its work for one start must not weigh on the next one measured."""
        deadline = time.perf_counter() + timeout
        while any(exchange.upstream_done is None for exchange in self.log.exchanges):
            if time.perf_counter() > deadline:
                raise ProxyError(f"the portal did not answer within {timeout:.0f} s")
            time.sleep(0.005)

    def stop(self) -> None:
        async def close() -> None:
            self._server.close()
            # The connections still open end here, not when the loop is gone (their `writer.close()`
            # would then raise "Event loop is closed" at exit).
            connections = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in connections:
                task.cancel()
            await asyncio.gather(*connections, return_exceptions=True)
            await self._server.wait_closed()
        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            while True:
                head = await _read_head(client_reader)
                if head is None:
                    return
                request_line, headers = _headers(head)
                method, target = request_line.split(" ")[:2]
                body = await _read_body(client_reader, headers, until_close=False)
                exchange = Exchange(method, target, time.perf_counter())
                key = (method, target)
                exchange.duplicate = self.log.in_flight[key] > 0
                self.log.in_flight[key] += 1
                self.log.exchanges.append(exchange)
                try:
                    upstream_writer.write(head + body)
                    await upstream_writer.drain()
                    response_head = await _read_head(upstream_reader)
                    if response_head is None:
                        raise ProxyError("the portal closed the connection")
                    status_line, response_headers = _headers(response_head)
                    exchange.status = int(status_line.split(" ")[1])
                    has_body = method != "HEAD" and exchange.status not in (204, 304) and exchange.status >= 200
                    closes = response_headers.get("connection", "").lower() == "close"
                    response_body = await _read_body(upstream_reader, response_headers, until_close=closes) if has_body else b""
                    exchange.upstream_done = time.perf_counter()
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    client_writer.write(response_head + response_body)
                    await client_writer.drain()
                finally:
                    exchange.ended = time.perf_counter()
                    exchange.upstream_done = exchange.upstream_done or exchange.ended
                    self.log.in_flight[key] -= 1
                if closes:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ProxyError):
            return
        except asyncio.CancelledError:
            # `stop()` ends the connection: the task ends as if it had returned, since Python 3.11's
            # stream protocol asks a finished connection task for its exception, which a cancelled one
            # raises (a traceback at every stop).
            return
        finally:
            for writer in (client_writer, upstream_writer):
                writer.close()
