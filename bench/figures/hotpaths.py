"""B6: hot paths, with ordo-one/benchmark (Benchmarks/, a package of its own).

`swift package benchmark` runs every benchmark of Benchmarks/Benchmarks/HotPaths (each for up to
2 s) and exports JMH JSON, read here: wall-clock time and malloc count, median with min and max
over the iterations. The unchanged-frame row is the promise that a frame where nothing changed
costs no allocation per cell: the diff of two identical 120×35 frames (4,200 cells). A changed row's
cost is the frame with one order changed less the frame with none (every row then comes from the
table's row cache); `j` that scrolls is B2's case, every row of the table moved.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from context import Context
from report import Report, Row, Samples

CELLS = 120 * 35


def _samples(element: dict, metric: str, unit: str) -> Samples:
    """Min, median and max over the benchmark's iterations."""
    percentiles = element["secondaryMetrics"][metric]["scorePercentiles"]
    values = [percentiles["0.0"], percentiles["50.0"], percentiles["100.0"]]
    return Samples(values, unit, count=element["measurementIterations"])


def run_benchmarks(root: Path) -> dict[str, dict]:
    """Runs the suite; the JMH elements by benchmark name."""
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run(
            ["swift", "package", "--package-path", str(root / "Benchmarks"), "--allow-writing-to-directory", directory,
             "benchmark", "--format", "jmh", "--path", directory, "--no-progress"],
            check=True, stdout=subprocess.DEVNULL)
        elements = []
        for path in Path(directory).glob("*.json"):
            elements += json.loads(path.read_text())
    return {element["benchmark"].rsplit(".", 1)[-1].replace("_", " "): element for element in elements}


def run(context: Context, report: Report) -> None:
    results = run_benchmarks(context.root)
    for name, element in sorted(results.items()):
        time = _samples(element, "Time (wall clock)", "µs")
        mallocs = _samples(element, "Malloc (total)", "allocs")
        report.add(Row("B6", f"{name}: time", time, None, "reported"))
        if name.startswith("diff unchanged frame"):
            per_cell = mallocs.median / CELLS
            report.add(Row("B6", f"{name}: allocations", mallocs, Samples([CELLS], "cells", "cells in the frame"),
                           "no allocation per cell (0 per frame)", mallocs.median == 0,
                           f"{per_cell:.4f} allocations per cell"))
        else:
            report.add(Row("B6", f"{name}: allocations", mallocs, None, "reported"))
    changed, unchanged = results.get("render orders frame with one changed row 120x35"), results.get("render orders frame 120x35")
    if changed and unchanged:
        time = _samples(changed, "Time (wall clock)", "µs").median - _samples(unchanged, "Time (wall clock)", "µs").median
        mallocs = _samples(changed, "Malloc (total)", "allocs").median - _samples(unchanged, "Malloc (total)", "allocs").median
        report.add(Row("B6", "one changed row: time", Samples([time], "µs"), None, "reported"))
        report.add(Row("B6", "one changed row: allocations", Samples([mallocs], "allocs"), None, "reported"))
