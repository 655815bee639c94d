"""What one key costs after B2's pause, counted rather than timed: `python3 bench/cold_key.py [--keys N]`.

B2's time moves with the machine; what it charges for is how many cache lines a key touches that the
0.1 s pause left uncached (README, "Where the remaining time goes"). This counts them: `leora` (release,
1,000 orders, at B2's place) and the C ncurses floor (bench/motion_floor.c) each run under callgrind with
caches of a real core's size (32 KiB L1, 8 MiB last level), and bench/cold_key.c, preloaded, touches
64 MiB each time the program wakes for a key, so that every key starts with nothing cached. Per `j`, it
prints the lines of code, read and written by each object (the program, libc, ncurses) and the functions
of the program that touch the most. The same build gives the same counts within about 20 lines, so a
change is measured by running it before and after; B2's time above the bare program has been about
0.4–0.45 of these lines at ~190 ns each on the two-core AMD machine (stop 20).

Needs valgrind and objcopy (`make hot-functions` installs them).
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import build
from hot_functions import MOTION_SETUP, for_valgrind

ROOT = Path(__file__).resolve().parent.parent
FLUSH = "cold_key_flush"
# callgrind's events with --cache-sim=yes, in its order; the last-level misses are the lines fetched.
EVENTS = ["Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw"]
CACHES = ["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64"]


def profile(command: list[str], env: dict[str, str], out: Path, ready: str, setup: tuple[bytes, ...], keys: int, to_frame: bool,
            alternate: bool = False) -> Path:
    """The profile of the thread that reads keys, `command` under callgrind in a 120×35 pty: `setup` pressed,
    then `keys` × `j` counted, each pressed once the screen has been quiet for 1.5 s (a slow simulated key is
    never two keys). `to_frame`: each key counted only up to its first output (bench/cold_key.c). `alternate`: `k`
    and `j` in turn instead, each after the other, so that none was prepared (`PreparedMotion`)."""
    from terminal import PtyTerminal

    for stale in out.parent.glob(f"{out.name}-*"):  # a kept directory's last run
        stale.unlink()

    valgrind = ["valgrind", "--tool=callgrind", "--demangle=no", "--separate-threads=yes", *CACHES, "--instr-atstart=no", f"--callgrind-out-file={out}"]
    preload = {"LD_PRELOAD": str(out.parent / "cold_key.so")}
    if to_frame:
        valgrind.insert(-1, "--collect-atstart=no")
        preload["COLD_KEY_TO_FRAME"] = "1"
    terminal = PtyTerminal(valgrind + command, {**env, **preload})
    try:
        terminal.wait_for_text(ready, timeout=300)
        terminal.settle(1.0, timeout=120)
        for key in setup:
            terminal.press(key)
            terminal.settle(0.5, timeout=120)
        subprocess.run(["callgrind_control", "--instr=on", str(terminal.pid)], check=True, capture_output=True)
        for index in range(keys):
            terminal.press(b"kj"[index % 2:index % 2 + 1] if alternate else b"j")
            terminal.settle(1.5, timeout=120)
        subprocess.run(["callgrind_control", "--instr=off", str(terminal.pid)], check=True, capture_output=True)
    finally:
        terminal.close(b"q", timeout=60)
    # The thread that waits for keys (the others, such as the query cache's saves, are not the key's).
    return next(path for path in sorted(out.parent.glob(f"{out.name}-*")) if FLUSH in path.read_text(errors="replace"))


def costs(out: Path) -> list[tuple[list[int], str, str]]:
    """Each function's own events: (counts, object file name, symbol)."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", str(out)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in text.splitlines():
        line = re.sub(r"\(\s*[\d.]+%\)", " ", line)
        match = re.match(r"\s*((?:(?:[\d,]+|\.)\s+){9})(\S.*)$", line)
        if not match or "PROGRAM TOTALS" in line:
            continue
        counts = [0 if token == "." else int(token.replace(",", "")) for token in match.group(1).split()]
        name = match.group(2)
        found = re.search(r"^(.*?)\s*\[([^\]]*)\]\s*$", name)
        symbol, binary = (found.group(1), Path(found.group(2)).name) if found else (name, "?")
        rows.append((counts, binary, symbol.split(":", 1)[-1]))
    return rows


def report(title: str, out: Path, top: int) -> None:
    rows = costs(out)
    # Each flush writes every line of its 64 MiB once.
    flushes = sum(counts[EVENTS.index("D1mw")] for counts, _, symbol in rows if symbol == FLUSH) / ((64 << 20) // 64)
    keys = round(flushes)
    if keys == 0:
        sys.exit(f"cold_key: {title}: no key was counted (the preloaded flush never ran)")
    fetched = slice(EVENTS.index("ILmr"), EVENTS.index("DLmw") + 1)
    lines = [(counts[fetched], binary, symbol) for counts, binary, symbol in rows if symbol != FLUSH]
    code, read, written = (sum(line[0][index] for line in lines) / keys for index in range(3))
    print(f"{title}: {code + read + written:,.0f} lines a key ({code:,.0f} of code, {read:,.0f} read, {written:,.0f} written), {keys} keys")
    by_object: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    for counts, binary, _ in lines:
        for index in range(3):
            by_object[binary][index] += counts[index] / keys
    for binary, (c, r, w) in sorted(by_object.items(), key=lambda item: -sum(item[1]))[:6]:
        print(f"  {binary:28} {c + r + w:7,.0f}  (code {c:,.0f}, read {r:,.0f}, written {w:,.0f})")
    if top:
        print("  the functions that touch the most (lines a key: code, read, written):")
        ranked = sorted(lines, key=lambda line: -sum(line[0]))[:top]
        names = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbol for _, _, symbol in ranked),
                               capture_output=True, text=True).stdout.splitlines() if shutil.which("swift") else []
        for index, (counts, binary, symbol) in enumerate(ranked):
            name = names[index] if index < len(names) else symbol
            c, r, w = (count / keys for count in counts)
            print(f"  {c + r + w:6.0f}  {c:4.0f} {r:4.0f} {w:4.0f}  {binary[:12]:12} {name[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=12, help="keys counted (default 12)")
    parser.add_argument("--top", type=int, default=30, help="functions of leora listed (default 30)")
    parser.add_argument("--binaries", type=Path, help="a directory with release leora and leora-portal (default: build them)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep the profiles (default: a temporary one)")
    parser.add_argument("--alternate", action="store_true", help="k and j in turn instead of j after j: keys nothing was prepared for")
    parser.add_argument("--part", choices=("frame", "whole", "both"), default="both",
                        help="count each key to its frame's first output (what B2 times), whole (to the next key), or both (default)")
    arguments = parser.parse_args()
    for tool in ("valgrind", "callgrind_control", "objcopy", "gcc"):
        if shutil.which(tool) is None:
            sys.exit(f"cold_key: {tool} is needed (apt-get install valgrind binutils gcc)")
    binaries = arguments.binaries or build.release_binaries(ROOT, ROOT / "bench" / "results")[0]
    from context import Context

    with tempfile.TemporaryDirectory(prefix="leora-cold-") as work:
        work_dir = arguments.keep or Path(work)
        work_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(work_dir / "cold_key.so"), str(ROOT / "bench" / "cold_key.c"), "-ldl"], check=True)
        binary = for_valgrind(binaries, work_dir / "bin")
        context = Context(ROOT, work_dir / "bin", work_dir / "run", quick=True)
        parts = {"frame": [True], "whole": [False], "both": [True, False]}[arguments.part]
        profiles = []
        try:
            portal = context.portal("bench:1000")
            client = context.leora("cold")
            client.login(portal.url)
            for to_frame in parts:
                suffix = "frame" if to_frame else "whole"
                leora = profile([str(binary), "--server", portal.url], client.env, work_dir / f"leora-{suffix}.out", "Summary",
                                MOTION_SETUP + (b"j", b"j"), arguments.keys, to_frame, arguments.alternate)
                floor = profile([str(context.motion_floor_binary())], dict(os.environ), work_dir / f"floor-{suffix}.out", "of 1000",
                                (b"j", b"j"), arguments.keys, to_frame)
                profiles.append((suffix, leora, floor))
        finally:
            context.stop()
        for suffix, leora, floor in profiles:
            part = "to the frame's first output" if suffix == "frame" else "whole, to the next key"
            keys = "k and j in turn" if arguments.alternate else "j"
            report(f"leora, {keys} on 1,000 orders, {part}", leora, arguments.top)
            report(f"the C ncurses floor (bench/motion_floor.c), {part}", floor, 0)


if __name__ == "__main__":
    main()
