"""B4: memory.

The orders pane with 100,000 orders on the portal: `G` to the last order, then PgUp until the first
one (until a burst of PgUp changes nothing on screen), so every page of the list is fetched and
shown on the way (checked at the counting proxy: every page number requested). Keys go in bursts,
each burst followed by the output going quiet (the spinner stops when the pages are in). The figure is the peak resident set (VmHWM) at the end.
Reference: the same walk through 1,000 orders — flat means the 100,000 figure is no more than
10% above it. One walk each (n=1): the walk itself takes most of a minute.
"""
from __future__ import annotations

import math
import re

from context import Context
from procstat import peak_rss_mb
from proxy import Proxy
from report import Report, Row, Samples
from terminal import PAGE_UP

PAGE_SIZE = 50
BURST = 40


def _walk(context: Context, orders: int) -> tuple[float, int, int]:
    """Peak RSS in MiB after paging through every order; the pages requested and expected."""
    portal = context.portal(f"bench:{orders}")
    proxy = Proxy(portal.port)
    client = context.leora(f"memory-{orders}")
    client.login(proxy.url)
    terminal = client.tui(proxy.url)
    try:
        terminal.wait_for_text("Summary", timeout=60)
        terminal.settle()
        terminal.press(b"2")
        terminal.wait_for_text("Number", timeout=60)
        terminal.settle(0.3)
        terminal.press(b"G")
        terminal.settle(0.3)
        # PgUp moves at least a few rows; the cap only stops a walk that has gone wrong.
        for _ in range(math.ceil(orders / 10 / BURST) + 2):
            terminal.screen.dirty.clear()
            terminal.press(PAGE_UP * BURST)
            terminal.settle(0.3, timeout=120)
            if not terminal.screen.dirty:
                break
        peak = peak_rss_mb(terminal.pid)
    finally:
        terminal.close(b"q")
        proxy.stop()
    pages = {int(match.group(1)) for exchange in proxy.log.exchanges
             if exchange.path == "/api/portal/orders" and (match := re.search(r"[?&]page=(\d+)", exchange.target))}
    return peak, len(pages), math.ceil(orders / PAGE_SIZE)


def run(context: Context, report: Report) -> None:
    small_peak, _, _ = _walk(context, 1_000)
    peak, pages, expected = _walk(context, 100_000)
    note = f"{pages} of {expected} pages fetched on the walk; one walk each (n=1)"
    reference = Samples([small_peak], "MiB", "1,000 orders")
    met = peak <= 64 and peak <= 1.10 * small_peak
    report.add(Row("B4", "peak RSS after paging through 100,000 orders", Samples([peak], "MiB"), reference,
                   "≤ 64 MiB and ≤ 1.1× the 1,000 walk", met, note))
