"""B5: network.

A scripted session against the demo portal, counted at a proxy in front of it: `leora` starts
logged in (the cart's customer chosen beforehand with the CLI, outside the count), each of the five
panes is visited three times within a minute, then three cart changes (add a product from the
products pane, `+` twice on the cart pane) and one checkout. The reference is what a client
without a cache sends for the same session: one fetch per pane visit and one request per change,
15 + 4 = 19.
"""
from __future__ import annotations

import time
from collections import Counter

from context import Context
from proxy import Proxy
from report import Report, Row, Samples
from terminal import ENTER, PtyTerminal

PANES = ["1", "2", "3", "4", "5"]
ROUNDS = 3
CART_CHANGES = 3
NO_CACHE_REQUESTS = len(PANES) * ROUNDS + CART_CHANGES + 1


def _settled(terminal: PtyTerminal) -> None:
    """Waits for the pane's data: no spinner, nothing arriving for a moment."""
    terminal.settle(0.3, timeout=30)


def run(context: Context, report: Report) -> None:
    portal = context.portal("demo")
    proxy = Proxy(portal.port)
    client = context.leora("network")
    try:
        client.login(proxy.url)
        customers = client.json(proxy.url, "customers", "list")
        customer = customers["customers"][0]["id"]
        client.run(proxy.url, "cart", "customer", customer)

        start = proxy.mark()
        terminal = client.tui(proxy.url)
        repeat_requests = 0
        visits = 0
        began = time.perf_counter()
        try:
            terminal.wait_for_text("Summary", timeout=60)
            _settled(terminal)
            for round_number in range(ROUNDS):
                for pane in PANES:
                    if round_number == 0 and pane == "1":
                        visits += 1  # the briefing is shown at start
                        continue
                    before = proxy.mark()
                    terminal.press(pane.encode())
                    _settled(terminal)
                    visits += 1
                    if round_number > 0:
                        repeat_requests += len(proxy.log.since(before))
            visits_seconds = time.perf_counter() - began

            terminal.press(b"3")
            _settled(terminal)
            terminal.press(b"a")
            _settled(terminal)
            terminal.press(ENTER)
            _settled(terminal)
            terminal.press(b"4")
            _settled(terminal)
            for _ in range(CART_CHANGES - 1):
                terminal.press(b"+")
                _settled(terminal)
            terminal.press(b"C")
            _settled(terminal)
            terminal.press(b"y")
            _settled(terminal)
            time.sleep(0.5)
        finally:
            terminal.close(b"q")
        exchanges = proxy.log.since(start)
    finally:
        proxy.stop()

    checkouts = [e for e in exchanges if e.method == "POST" and e.path.endswith("/cart/checkout")]
    if not any(e.status in (200, 201) for e in checkouts):
        raise RuntimeError(f"the scripted checkout did not succeed: {[(e.method, e.target, e.status) for e in exchanges]}")
    breakdown = Counter(f"{e.method} {e.path} {e.status}" for e in exchanges)
    duplicates = sum(e.duplicate for e in exchanges)
    not_modified = sum(e.status == 304 for e in exchanges)
    total = Samples([len(exchanges)], "requests")
    note = (f"{visits} pane visits in {visits_seconds:.0f} s; n=1 (one scripted session); requests: "
            + ", ".join(f"{key} ×{count}" for key, count in sorted(breakdown.items())))
    report.add(Row("B5", "requests in the scripted session", total, Samples([NO_CACHE_REQUESTS], "requests", "no-cache client"),
                   "≤ 0.5× the no-cache client", len(exchanges) * 2 <= NO_CACHE_REQUESTS, note))
    report.add(Row("B5", "requests on repeat visits (within stale time)", Samples([repeat_requests], "requests"), None, "0",
                   repeat_requests == 0))
    report.add(Row("B5", "duplicate requests in flight", Samples([duplicates], "requests"), None, "0", duplicates == 0))
    report.add(Row("B5", "304 answers", Samples([not_modified], "answers"), None, "counted"))
