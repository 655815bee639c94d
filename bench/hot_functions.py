"""`make hot-functions`: writes Sources/leora/leora.order, the functions a release `leora` links next to
each other (see Package.swift), from what a real session runs under valgrind's callgrind.

A key press runs some 700 functions, which a plain link scatters over some 400 pages of a 90 MB binary;
listed here, they are laid out together, so a key after a pause (its code no longer cached) reads a few
dozen pages instead. First the functions a move of the orders list's selection runs (B2's `j` and `k`, the
key a rep presses most; packed together, a `j` after a pause reads a third fewer pages), then the rest a
session's keys run (the orders list walked, every pane shown, the help), the most run first; then those only
the start runs. Names that a later change removes are ignored by the linker, and new functions are linked
where they would have been: run again after a change to the hot paths (`make bench` prints how many listed
functions are still found).

Needs valgrind (callgrind) and objcopy. Usage: python3 bench/hot_functions.py [--out FILE]

`--check` builds the release `leora` only and checks the list took effect: most of the functions it
names as run by keys are in the binary, and they lie together (their span is about their size). `make
bench` fails on the same check of the binary it measures.
"""
from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from typing import TYPE_CHECKING

import build

# The profile's harness (pyte among it) is imported where it is used: `--check` needs none of it.
if TYPE_CHECKING:
    from leora_client import Leora

ROOT = Path(__file__).resolve().parent.parent
ORDER_FILE = ROOT / "Sources" / "leora" / "leora.order"
# The list's second line, which says how many of its names are the key functions (written and read here).
KEYS_LINE = "# {keys} that a session's keys run (a move of the orders list's selection first), then {start} only the start runs."

# What a rep does in a session, as keys: the orders list walked (by one, by pages, to the end and back),
# every pane shown and moved in, the help opened and closed.
PAGE_UP, PAGE_DOWN = b"\x1b[5~", b"\x1b[6~"
SESSION = [b"2", *[b"j"] * 12, *[b"k"] * 6, PAGE_DOWN, PAGE_UP, b"G", *[b"k"] * 4, b"g",
           b"3", *[b"j"] * 6, b"4", b"5", b"6", b"1", b"?", b"\x1b", b"2", *[b"j"] * 12]
# The selection moved by one row on the orders list, at B2's place (the end, then back a few pages): only the
# moves are profiled.
MOTION_SETUP = (b"2", b"G", PAGE_UP, PAGE_UP, PAGE_UP)
MOTION = [*[b"j"] * 10, *[b"k"] * 10]


def for_valgrind(binaries: Path, directory: Path) -> Path:
    """Copies of the release binaries in `directory` that valgrind can read (it cannot read the DWARF 5 the
    toolchain writes: `leora` without it, its symbols kept); returns `leora`'s."""
    directory.mkdir(parents=True, exist_ok=True)
    binary = directory / "leora"
    subprocess.run(["objcopy", "--strip-debug", str(binaries / "leora"), str(binary)], check=True)
    shutil.copy2(binaries / "leora-portal", directory / "leora-portal")
    return binary


def callgrind(binary: Path, server: str, leora: Leora, out: Path, keys: list[bytes], setup: tuple[bytes, ...] = ()) -> None:
    """`leora` under callgrind, a profile per thread (`out`-01, `out`-02…): the start only when `keys` is
    empty, else the keys only (pressed after `setup`, which is not counted)."""
    from terminal import PtyTerminal

    command = ["valgrind", "--tool=callgrind", "--demangle=no", "--separate-threads=yes", f"--callgrind-out-file={out}"]
    if keys:
        command.append("--instr-atstart=no")
    terminal = PtyTerminal(command + [str(binary), "--server", server], leora.env)
    try:
        terminal.wait_for_text("Summary", timeout=300)
        terminal.settle(1.0, timeout=120)
        for key in setup:
            terminal.press(key)
            terminal.settle(0.3, timeout=120)
        if keys:
            subprocess.run(["callgrind_control", "--instr=on", str(terminal.pid)], check=True, capture_output=True)
            for key in keys:
                terminal.press(key)
                terminal.settle(0.3, timeout=120)
            subprocess.run(["callgrind_control", "--instr=off", str(terminal.pid)], check=True, capture_output=True)
    finally:
        terminal.close(b"q", timeout=60)


def functions(profiles: list[Path], binary_name: str) -> collections.Counter[str]:
    """The instructions each function of `binary_name` ran in callgrind profiles, by symbol."""
    counts: collections.Counter[str] = collections.Counter()
    for profile in profiles:
        counts.update(functions_in(profile, binary_name))
    return counts


def functions_in(profile: Path, binary_name: str) -> collections.Counter[str]:
    names: dict[str, dict[str, str]] = {"ob": {}, "fn": {}}
    counts: collections.Counter[str] = collections.Counter()
    current = {"ob": "", "fn": ""}
    after_call = False
    positions = 1  # columns before the costs: "line", or "instr line" with --dump-instr
    for line in profile.read_text(errors="replace").splitlines():
        if line.startswith("positions:"):
            positions = len(line.split()) - 1
            continue
        if match := re.match(r"(c?)(ob|fn)=\((\d+)\)(.*)", line):
            called, kind, number, name = match.groups()
            if name.strip():
                names[kind][number] = name.strip()
            if not called:
                current[kind] = names[kind].get(number, "")
            continue
        if line.startswith("calls="):
            after_call = True  # the next line is the call's inclusive cost, not the caller's own
            continue
        if after_call:
            after_call = False
            continue
        fields = line.split()
        if len(fields) > positions and (fields[0][0] in "+-*" or fields[0][0].isdigit()) and current["ob"].endswith("/" + binary_name):
            counts[current["fn"]] += int(fields[positions])
    # Addresses without a symbol cannot be ordered.
    return collections.Counter({name: count for name, count in counts.items() if name and not name.startswith("0x")})


def orderable(swift: str, binaries: Path) -> set[str]:
    """The functions the linker can move one by one: those in a section of their own, in the toolchain's
    static libraries and in the release build's objects. The rest share a section with others (the
    standard library's merged functions, the packages built without function sections): ordering one of
    them would bring its whole section, up to megabytes, into the hot functions, so they stay where they are.
    A name defined both ways (a generic specialised in a package and in the standard library) is left too:
    the linker may keep the shared copy."""
    static = Path(swift).resolve().parent.parent / "lib" / "swift_static" / "linux"
    files = sorted(static.glob("*.a")) + sorted(binaries.glob("*.build/*.o"))
    alone: set[str] = set()
    shared: set[str] = set()
    for chunk in range(0, len(files), 200):
        table = subprocess.run(["objdump", "-t", *map(str, files[chunk:chunk + 200])], capture_output=True, text=True).stdout
        for line in table.splitlines():
            # "addr flags section size [.hidden] name"
            fields = line.split()
            section = next((field for field in fields if field.startswith(".text")), None)
            if section is not None:
                (alone if section == ".text." + fields[-1] else shared).add(fields[-1])
    return alone - shared


def layout(binary: Path, order: Path = ORDER_FILE) -> tuple[str, bool]:
    """How the listed key functions lie in `binary`: a line saying so, and whether they are together
    (most of them found, within three times their size)."""
    lines = order.read_text().splitlines()
    keys_line = re.compile(re.escape(KEYS_LINE).replace(re.escape("{keys}"), r"(\d+)").replace(re.escape("{start}"), r"\d+"))
    hot_count = int(next(match.group(1) for line in lines if (match := keys_line.fullmatch(line))))
    hot = [line for line in lines if line and not line.startswith("#")][:hot_count]
    symbols = subprocess.run(["nm", "-S", str(binary)], capture_output=True, text=True, check=True).stdout
    placed: dict[str, tuple[int, int]] = {}
    for line in symbols.splitlines():
        fields = line.split()
        if len(fields) == 4:
            placed[fields[3]] = (int(fields[0], 16), int(fields[1], 16))
    found = [placed[name] for name in hot if name in placed]
    if len(found) < 0.8 * len(hot):
        return f"hot functions: {len(hot) - len(found)} of {len(hot)} listed key functions are gone from leora: run `make hot-functions`", False
    size = sum(length for _, length in found)
    span = max(start + length for start, length in found) - min(start for start, _ in found)
    line = f"hot functions: {len(found)} of {len(hot)} listed key functions in leora, {size // 1024} KiB over {span // 1024} KiB"
    if span > 3 * size:
        # SwiftPM does not rebuild objects when only their flags change: a release build from before the
        # function sections keeps objects the linker cannot reorder.
        return line + ": not linked together (a release build older than its flags? remove it and build again)", False
    return line, True


def check(order: Path) -> None:
    """Exits with a message unless the release `leora` has the listed key functions, together."""
    subprocess.run(build.RELEASE + ["--product", "leora"], cwd=ROOT, check=True)
    line, together = layout(build.bin_dir(ROOT) / "leora", order)
    if not together:
        sys.exit(line)
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ORDER_FILE)
    parser.add_argument("--check", action="store_true", help="check the release leora instead of profiling")
    arguments = parser.parse_args()
    if arguments.check:
        check(arguments.out)
        return
    from context import Context

    for tool in ("valgrind", "callgrind_control", "objcopy"):
        if shutil.which(tool) is None:
            sys.exit(f"hot_functions: {tool} is needed (apt-get install valgrind binutils)")
    binaries, _ = build.release_binaries(ROOT, ROOT / "bench" / "results")
    with tempfile.TemporaryDirectory(prefix="leora-hot-") as work:
        work_dir = Path(work)
        binary = for_valgrind(binaries, work_dir / "bin")
        context = Context(ROOT, work_dir / "bin", work_dir / "run", quick=True)
        try:
            portal = context.portal("bench:1000")
            client = context.leora("hot")
            client.login(portal.url)
            started = time.perf_counter()
            callgrind(binary, portal.url, client, work_dir / "motion.out", MOTION, setup=MOTION_SETUP)
            callgrind(binary, portal.url, client, work_dir / "keys.out", SESSION)
            callgrind(binary, portal.url, client, work_dir / "start.out", [])
            # The keys: the loop's thread only (the one that draws), not the cache written meanwhile elsewhere.
            def loop_profiles(name: str) -> list[Path]:
                return [path for path in work_dir.glob(f"{name}.out-*") if "RuntimeC3run" in path.read_text(errors="replace")]
            motion = functions(loop_profiles("motion"), "leora")
            keys = functions(loop_profiles("keys"), "leora") + motion
            start = functions(sorted(work_dir.glob("start.out-*")), "leora")
        finally:
            context.stop()
    movable = orderable(shutil.which("swift") or "/opt/swift/usr/bin/swift", binaries)
    moves = [name for name, _ in motion.most_common() if name in movable]
    hot = moves + [name for name, _ in keys.most_common() if name in movable and name not in motion]
    ordered = hot + [name for name, _ in start.most_common() if name not in keys and name in movable]
    header = [
        "# The functions a release `leora` links next to each other (Package.swift, lld --symbol-ordering-file):",
        KEYS_LINE.format(keys=len(hot), start=len(ordered) - len(hot)),
        "# Written by `make hot-functions` (bench/hot_functions.py); do not edit.",
    ]
    arguments.out.write_text("\n".join(header + ordered) + "\n")
    # SwiftPM does not know the list is an input of the link: without the binary, the next build links again.
    (binaries / "leora").unlink(missing_ok=True)
    print(f"{arguments.out}: {len(ordered)} functions ({len(hot)} run by keys), profiled in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
