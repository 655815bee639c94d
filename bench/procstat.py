"""What the kernel says about a running process: CPU ticks, context switches, peak memory."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Activity:
    """CPU time (in clock ticks, user + system) and context switches, summed over every thread."""

    cpu_ticks: int
    context_switches: int

    def __sub__(self, earlier: "Activity") -> "Activity":
        return Activity(self.cpu_ticks - earlier.cpu_ticks, self.context_switches - earlier.context_switches)


def activity(pid: int) -> Activity:
    """utime + stime from /proc/PID/stat, and voluntary + involuntary switches of every task."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name may hold spaces and parentheses: the fields start after the last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = int(fields[11]) + int(fields[12])
    switches = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                switches += int(line.split()[1])
    return Activity(cpu, switches)


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has had, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")
