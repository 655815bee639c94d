"""The rows `make bench` prints and saves: each figure's samples beside its reference's, the
median with min and max, their ratio, the target and whether it is met."""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Samples:
    values: list[float]
    unit: str
    #: What the values are, when not the row's own subject (a reference's name).
    label: str = ""
    #: How many measurements the values summarise, when they are a summary (min, median, max).
    count: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def text(self) -> str:
        def number(value: float) -> str:
            if value == int(value) and abs(value) >= 10:
                return f"{value:.0f}"
            return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
        middle = f"{number(self.median)} {self.unit}".strip()
        if len(self.values) > 1 and min(self.values) != max(self.values):
            middle += f" [{number(min(self.values))}–{number(max(self.values))}]"
        if (count := self.count or len(self.values)) > 1:
            middle += f" n={count}"
        return f"{self.label}: {middle}" if self.label else middle

    def as_json(self) -> dict:
        return {"label": self.label, "unit": self.unit, "median": self.median, "min": min(self.values),
                "max": max(self.values), "samples": self.values, "count": self.count or len(self.values)}


@dataclass
class Row:
    figure: str
    name: str
    value: Samples
    reference: Samples | None = None
    target: str = "reported"
    #: True, False, or None when the row only reports.
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference.median == 0:
            return None
        return self.value.median / self.reference.median

    def as_json(self) -> dict:
        return {"figure": self.figure, "name": self.name, "value": self.value.as_json(),
                "reference": self.reference.as_json() if self.reference else None, "ratio": self.ratio,
                "target": self.target, "met": self.met, "note": self.note}


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.figure} {row.name}: {row.value.text()}" + (f" (ref {row.reference.text()})" if row.reference else ""),
              flush=True)

    def table(self) -> str:
        header = ["figure", "value (median [min–max])", "reference", "ratio", "target", "met?"]
        lines = []
        for row in self.rows:
            ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
            met = {True: "yes", False: "NO", None: "—"}[row.met]
            lines.append([f"{row.figure} {row.name}", row.value.text(), row.reference.text() if row.reference else "—",
                          ratio, row.target, met])
        widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
        def format_line(cells: list[str]) -> str:
            return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths)).rstrip()
        notes = [f"  {row.figure} {row.name}: {row.note}" for row in self.rows if row.note]
        return "\n".join([format_line(header), format_line(["-" * w for w in widths]), *map(format_line, lines),
                          *(["", "Notes:", *notes] if notes else [])])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"facts": self.facts, "rows": [row.as_json() for row in self.rows]}, indent=2,
                                   ensure_ascii=False) + "\n")
