"""B2: key → frame.

On the orders pane, with 1,000 and with 100,000 orders on the portal, after scrolling to the end
(`G`) and back a few pages (PgUp), `j` is pressed again and again; each sample is the time from
writing the key to reading the output that changed the screen, the output having gone quiet
before each press. Reference: `less` scrolling one line (`j`) of a 1,000-line file. Reported beside:
the time to the last of the output a key caused (the frame whole, not only its first part), and
the C floor (bench/motion_floor.c), a bare ncursesw program redrawing the same two rows and status bar
— what any ncurses client pays on this machine. And what the machine charges (bench/cold_lines.c): a
program that only answers the key (the wake-up and the terminal alone), and one that first follows a chain
of 1,000 memory lines; their difference gives the cost of a line the pause left uncached, and leora's
and the floor's time above the first, counted in such lines, is a footprint that does not move with the
machine as the ratio to `less` does.

Since stop 21 a repeated key's frame is worked out before it comes (`PreparedMotion`): B2's `j` after `j`
is that case. Reported beside it, the key when nothing was prepared for it: `j` and `k` pressed in turn
(each the other's successor), against `less` pressed in the same rounds.

The programs run side by side and are pressed in turn (leora with 1,000 orders, with 100,000, the C
floor, `less`, the two cold-lines programs, again and again), so that each figure and its reference are taken under the same conditions:
a run's wake-up latency drifts (`less`'s median has moved from 0.11 to 0.29 ms between runs), and
taken one after the other, a drift between the blocks went into the ratio.
"""
from __future__ import annotations

import time

from context import Context
from report import Report, Row, Samples
from terminal import PAGE_UP, PtyTerminal

ORDER_COUNTS = (1_000, 100_000)
#: The lines bench/cold_lines.c touches to measure what one costs.
COLD_LINES = 1_000


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


def _less(context: Context) -> PtyTerminal:
    """`less` on a 1,000-line file of order-like lines."""
    lines = "".join(f"NW-{100000 + n}  2026-11-{1 + n % 28:02d}  Customer {n % 32:02d}  pending  {n % 40:3d}  $1,{n % 1000:03d}.00\n"
                    for n in range(1_000))
    text_file = context.text_file("orders.txt", lines)
    less = PtyTerminal(["less", str(text_file)], {"LANG": "C.UTF-8", "LESSHISTFILE": "-", "LESS": "", "PATH": "/usr/bin:/bin"})
    less.wait_for_text("NW-100000")
    return less


def _motion_floor(context: Context) -> PtyTerminal:
    floor = PtyTerminal([str(context.motion_floor_binary())], {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    floor.wait_for_text("of 1000")
    return floor


def _cold_lines(context: Context, lines: int) -> PtyTerminal:
    program = PtyTerminal([str(context.cold_lines_binary()), str(lines)], {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    program.wait_for_text(f"cold lines: {lines}")
    return program


def _presses_in_turn(terminals: list[PtyTerminal], key: bytes, count: int) -> list[tuple[list[float], list[float]]]:
    """`count` presses of `key` on each terminal, one terminal after the other; each press after its
    terminal's output has been quiet for 0.1 s. The samples of each terminal in ms: to the first change of
    the screen, and to the last of the output."""
    samples: list[tuple[list[float], list[float]]] = [([], []) for _ in terminals]
    for _ in range(count):
        for terminal, (first, whole) in zip(terminals, samples):
            terminal.settle(0.1)
            to_first, to_whole = terminal.key_to_frame_and_whole(key)
            first.append(to_first * 1000)
            whole.append(to_whole * 1000)
    return samples


def _alternating_with_less(leora: PtyTerminal, less: PtyTerminal, count: int) -> tuple[list[float], list[float]]:
    """`count` rounds of `k` then `j` on `leora` (a key that follows the other: nothing prepared for it), each
    round also pressing `j` on `less`; the samples to the first change of the screen, in ms."""
    leora_samples: list[float] = []
    less_samples: list[float] = []
    for _ in range(count):
        for key in (b"k", b"j"):  # the last key before was `j`: `k` first
            leora.settle(0.1)
            leora_samples.append(leora.key_to_frame_and_whole(key)[0] * 1000)
        less.settle(0.1)
        less_samples.append(less.key_to_frame_and_whole(b"j")[0] * 1000)
    return leora_samples, less_samples


def run(context: Context, report: Report) -> None:
    presses = context.samples(40, 5)
    terminals: list[PtyTerminal] = []
    try:
        for orders in ORDER_COUNTS:
            terminals.append(_orders_pane(context, orders))
        terminals.append(_motion_floor(context))
        terminals.append(_less(context))
        terminals.extend(_cold_lines(context, lines) for lines in (0, COLD_LINES))
        # The clients write their query caches a second after the walk's last page: not during the presses.
        time.sleep(2)
        (thousand_samples, thousand_whole), (hundred_thousand_samples, _), (floor_samples, floor_whole), (less_samples, less_whole), \
            (bare_samples, _), (cold_samples, _) = _presses_in_turn(terminals, b"j", presses)
        unprepared_samples, unprepared_less = _alternating_with_less(terminals[0], terminals[3], presses)
    finally:
        for terminal in terminals:
            terminal.close(b"q")

    thousand = Samples(thousand_samples, "ms")
    less_reference = Samples(less_samples, "ms", "less j")
    report.add(Row("B2", "key → frame, j, 1,000 orders", thousand, less_reference, "≤ 2× less",
                   thousand.median <= 2 * less_reference.median))
    report.add(Row("B2", "key → frame, j, C ncurses floor", Samples(floor_samples, "ms", "C floor"), less_reference,
                   note="bench/motion_floor.c: the same two rows and status bar, nothing else"))
    less_whole_reference = Samples(less_whole, "ms", "less j, whole")
    report.add(Row("B2", "key → whole frame written, j, 1,000 orders", Samples(thousand_whole, "ms"), less_whole_reference,
                   note="to the last of the key's output: leora writes a frame at once, others in parts"))
    report.add(Row("B2", "key → whole frame written, j, C ncurses floor", Samples(floor_whole, "ms", "C floor"), less_whole_reference))
    report.add(Row("B2", "key → frame, j and k in turn (nothing prepared), 1,000 orders", Samples(unprepared_samples, "ms"),
                   Samples(unprepared_less, "ms", "less j"), note="each key after the other: its frame not worked out before it came"))
    _machine_rows(report, thousand_samples, floor_samples, bare_samples, cold_samples)
    hundred_thousand = Samples(hundred_thousand_samples, "ms")
    report.add(Row("B2", "key → frame, j, 100,000 orders", hundred_thousand, Samples(thousand_samples, "ms", "1,000 orders"),
                   "≤ 1.2× the 1,000 figure", hundred_thousand.median <= 1.2 * thousand.median))


def _machine_rows(report: Report, leora: list[float], floor: list[float], bare: list[float], cold: list[float]) -> None:
    """What this machine charges for a key (bench/cold_lines.c): the wake-up and the terminal alone, and one
    memory line no longer cached after the pause; then leora's and the C floor's time above the first, in
    such lines. Pressed in the same rounds as the figures, so each difference is taken round by round."""
    bare_reference = Samples(bare, "ms", "bare program")
    report.add(Row("B2", "key → frame, a C program that touches nothing", bare_reference,
                   note="bench/cold_lines.c 0: the wake-up and the terminal alone"))
    per_line = Samples([(c - b) / COLD_LINES * 1e6 for c, b in zip(cold, bare)], "ns")
    report.add(Row("B2", "one memory line not cached after the pause", per_line,
                   note=f"bench/cold_lines.c {COLD_LINES:,} (a chain of lines at random) less the bare program, over {COLD_LINES:,}"))
    if per_line.median <= 0:
        return
    def as_lines(samples: list[float], label: str = "") -> Samples:
        return Samples([(value - b) * 1e6 / per_line.median for value, b in zip(samples, bare)], "lines", label)
    report.add(Row("B2", "leora's j above the bare program, in such lines", as_lines(leora), as_lines(floor, "C floor"),
                   note="the memory lines a key touches that the pause left uncached, as this machine charges them"))
