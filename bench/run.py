#!/usr/bin/env python3
"""`make bench`: builds the release binaries, measures every figure of issue 6 (B1–B7) beside its
reference in the same run, prints one table and writes it as JSON (bench/results/latest.json).

    bench/run.py                 everything
    bench/run.py --only B2,B7    some figures
    bench/run.py --quick         fewer samples and shorter windows (to try the harness, not for the record)
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import build
import hot_functions
from context import Context
from figures import hotpaths, idle, keys, memory, network, server, startup
from report import Report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# The demo portal's figures first (the network session checks out, changing its data last).
FIGURES = {"B1": startup, "B3": idle, "B5": network, "B2": keys, "B4": memory, "B7": server, "B6": hotpaths}
#: The figures that time the release `leora` itself (its hot functions' layout matters to them).
LEORA_FIGURES = {"B1", "B2", "B3", "B4", "B5"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated figures, e.g. B1,B5")
    parser.add_argument("--quick", action="store_true", help="fewer samples, shorter windows")
    parser.add_argument("--skip-build", action="store_true", help="use the release binaries as they are")
    parser.add_argument("--bin-dir", type=Path, help="measure the leora and leora-portal found here (no build)")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    arguments = parser.parse_args()
    wanted = [name.strip().upper() for name in arguments.only.split(",")] if arguments.only else list(FIGURES)

    report = Report()
    build_lines: list[str] = []
    report.facts.update({"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.node(),
                         "cpus": os.cpu_count(), "kernel": platform.release(), "quick": arguments.quick})
    if arguments.bin_dir:
        bin_dir = arguments.bin_dir.resolve()
        report.facts["bin_dir"] = str(bin_dir)
    elif arguments.skip_build:
        bin_dir = build.bin_dir(ROOT)
    else:
        bin_dir, facts = build.release_binaries(ROOT, RESULTS)
        report.facts.update(facts)
        kind = "cold" if facts["release_build_was_cold"] else "incremental"
        build_lines.append(f"release build ({kind}): {facts['release_build_seconds']:.0f} s")
        if "cold_build" in facts and kind != "cold":
            build_lines.append(f"cold release build: {facts['cold_build']['seconds']:.0f} s (measured {facts['cold_build']['at']})")
        if "B6" in wanted:
            seconds = build.benchmarks(ROOT)
            report.facts["benchmarks_build_seconds"] = round(seconds, 1)
            build_lines.append(f"micro-benchmarks build: {seconds:.0f} s")
        print("\n".join(build_lines), flush=True)
    # Whether the binary measured has its hot functions together (see Sources/leora/leora.order): a list gone
    # stale, or a link that ignored it, fails a run that times `leora` (CI does not build the release leora).
    hot_functions_line, together = hot_functions.layout(bin_dir / "leora")
    build_lines.append(hot_functions_line)
    report.facts["hot_functions"] = hot_functions_line

    started = time.perf_counter()
    failures = [] if together or not LEORA_FIGURES & set(wanted) else [hot_functions_line]
    with tempfile.TemporaryDirectory(prefix="leora-bench-") as work:
        context = Context(ROOT, bin_dir, Path(work), quick=arguments.quick)
        try:
            for name in [name for name in FIGURES if name in wanted]:
                print(f"{name}…", flush=True)
                figure_started = time.perf_counter()
                try:
                    FIGURES[name].run(context, report)
                except Exception as error:  # one broken figure must not hide the others
                    traceback.print_exc()
                    failures.append(f"{name}: {error}")
                report.facts[f"{name}_seconds"] = round(time.perf_counter() - figure_started, 1)
        finally:
            context.stop()
    report.facts["measure_seconds"] = round(time.perf_counter() - started, 1)
    report.facts["failures"] = failures

    print()
    print("\n".join(build_lines + [""]) if build_lines else "", end="")
    print(report.table())
    print(f"\nmeasured in {report.facts['measure_seconds']:.0f} s; written to {arguments.out.relative_to(ROOT) if arguments.out.is_relative_to(ROOT) else arguments.out}")
    report.save(arguments.out)
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
