"""B1: start-up to the first useful frame.

`leora` starts in a 120×35 pseudo-terminal, already logged in, its session and query cache
left by an earlier run (run once, quit with `q`), with a proxy holding every portal answer back
for 2 s. The clock runs from starting the process to reading the output that puts the start of
the briefing's summary on screen. References, in the same run: `less` on a file holding that
summary, and the C floor (bench/floor.c: libcurl and ncursesw initialised, the same text read
from a file and drawn).
"""
from __future__ import annotations

from context import Context
from figures.briefing_text import marker, summary
from proxy import Proxy
from report import Report, Row, Samples
from terminal import PtyTerminal

SERVER_DELAY = 2.0


def _time_to_text(terminal: PtyTerminal, text: str, quit_keys: bytes) -> float:
    try:
        return (terminal.wait_for_text(text, timeout=30) - terminal.started) * 1000
    finally:
        terminal.close(quit_keys)


def run(context: Context, report: Report) -> None:
    portal = context.portal("demo")
    proxy = Proxy(portal.port, delay=SERVER_DELAY)
    try:
        client = context.leora("startup")
        client.login(proxy.url)
        text = summary(client, proxy.url)
        wanted = marker(text)

        # The warm-up run leaves the session and whatever the TUI persists (its query cache).
        warm = client.tui(proxy.url)
        warm.wait_for_text(wanted, timeout=60)
        warm.settle(0.3)
        warm.close(b"q")
        cache_files = [path for path in (client.home / "cache").rglob("*") if path.is_file() and not path.name.endswith(".lock")]

        summary_file = context.text_file("briefing-summary.txt", text + "\n")
        env = client.env | {"LESSHISTFILE": "-", "LESS": ""}
        floor_binary = context.floor_binary()
        # Rounds of one start each, taken in turn, so that what the machine does meanwhile weighs on
        # all three alike; 15 of them, as a start varies by a few milliseconds from one to the next.
        # Each start begins once the portal has answered what the last `leora` asked.
        leora, less, floor = [], [], []
        for _ in range(context.samples(15)):
            for samples, start in ((leora, lambda: client.tui(proxy.url)), (less, lambda: PtyTerminal(["less", str(summary_file)], env)),
                                   (floor, lambda: PtyTerminal([str(floor_binary), str(summary_file)], env))):
                proxy.wait_until_portal_idle()
                samples.append(_time_to_text(start(), wanted, b"q"))
    finally:
        proxy.stop()

    note = f"every answer held back {SERVER_DELAY:.0f} s by the proxy; "
    if cache_files:
        note += f"query cache persisted ({', '.join(path.name for path in cache_files)})"
    else:
        note += "the TUI persisted no query cache (nothing under $XDG_CACHE_HOME/leora after the warm run), so the briefing waits for the server"
    value = Samples(leora, "ms")
    floor_samples = Samples(floor, "ms", "C floor")
    met = value.median <= 2 * floor_samples.median and value.median <= 50
    report.add(Row("B1", "start-up → briefing on screen", value, floor_samples, "≤ 2× C floor and ≤ 50 ms", met, note))
    report.add(Row("B1", "start-up vs less on a file", value, Samples(less, "ms", "less"), "reported"))
