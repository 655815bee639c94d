"""B2: key → frame.

On the orders pane, with 1,000 and with 100,000 orders on the portal, after scrolling to the end
(`G`) and back a few pages (PgUp), `j` is pressed again and again; each sample is the time from
writing the key to reading the output that changed the screen, the output having gone quiet
before each press. Reference: `less` scrolling one line (`j`) of a 1,000-line file.
"""
from __future__ import annotations

from context import Context
from report import Report, Row, Samples
from terminal import PAGE_UP, PtyTerminal

ORDER_COUNTS = (1_000, 100_000)


def _orders_pane(context: Context, orders: int) -> PtyTerminal:
    """The TUI on the orders pane of a portal with `orders` orders, scrolled to the end and back."""
    portal = context.portal(f"bench:{orders}")
    client = context.leora(f"keys-{orders}")
    client.login(portal.url)
    terminal = client.tui(portal.url)
    terminal.wait_for_text("Summary", timeout=60)
    terminal.settle()
    terminal.press(b"2")
    terminal.wait_for_text("Number", timeout=60)
    terminal.settle(0.3)
    terminal.press(b"G")
    terminal.settle(0.3)
    for _ in range(3):
        terminal.press(PAGE_UP)
        terminal.settle(0.3)
    return terminal


def _presses(terminal: PtyTerminal, key: bytes, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        terminal.settle(0.1)
        samples.append(terminal.key_to_frame(key) * 1000)
    return samples


def run(context: Context, report: Report) -> None:
    presses = context.samples(25, 5)
    results: dict[int, list[float]] = {}
    for orders in ORDER_COUNTS:
        terminal = _orders_pane(context, orders)
        try:
            results[orders] = _presses(terminal, b"j", presses)
        finally:
            terminal.close(b"q")

    lines = "".join(f"NW-{100000 + n}  2026-11-{1 + n % 28:02d}  Customer {n % 32:02d}  pending  {n % 40:3d}  $1,{n % 1000:03d}.00\n"
                    for n in range(1_000))
    text_file = context.text_file("orders.txt", lines)
    less = PtyTerminal(["less", str(text_file)], {"LANG": "C.UTF-8", "LESSHISTFILE": "-", "LESS": "", "PATH": "/usr/bin:/bin"})
    try:
        less.wait_for_text("NW-100000")
        less_samples = _presses(less, b"j", presses)
    finally:
        less.close(b"q")

    thousand = Samples(results[1_000], "ms")
    less_reference = Samples(less_samples, "ms", "less j")
    report.add(Row("B2", "key → frame, j, 1,000 orders", thousand, less_reference, "≤ 2× less",
                   thousand.median <= 2 * less_reference.median))
    hundred_thousand = Samples(results[100_000], "ms")
    report.add(Row("B2", "key → frame, j, 100,000 orders", hundred_thousand, Samples(results[1_000], "ms", "1,000 orders"),
                   "≤ 1.2× the 1,000 figure", hundred_thousand.median <= 1.2 * thousand.median))
