"""What the kernel says about a running process: CPU ticks, context switches, peak memory."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Activity:
    """CPU time (clock ticks, user + system, the whole process) and each thread's context switches
    (voluntary + involuntary) at one moment."""

    cpu_ticks: int
    switches_by_thread: dict[int, int]
    #: The voluntary part of each thread's switches: one per sleep (a wake-up); the rest are
    #: preemptions while running, which a busy machine adds.
    voluntary_by_thread: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Interval:
    """What a process did between two `Activity` readings."""

    cpu_ticks: int
    #: Switches of the threads seen at both ends, all switches of threads born meanwhile, and one
    #: for each thread that ended (the kernel drops a dead thread's own counts).
    context_switches: int
    #: The voluntary part of those (each one a sleep the thread woke from), counted the same way.
    wakeups: int
    threads_started: int
    threads_ended: int


def interval(before: Activity, after: Activity) -> Interval:
    started = after.switches_by_thread.keys() - before.switches_by_thread.keys()
    ended = before.switches_by_thread.keys() - after.switches_by_thread.keys()
    switches = sum(count - before.switches_by_thread.get(tid, 0) for tid, count in after.switches_by_thread.items())
    wakeups = sum(count - before.voluntary_by_thread.get(tid, 0) for tid, count in after.voluntary_by_thread.items())
    return Interval(after.cpu_ticks - before.cpu_ticks, switches + len(ended), wakeups + len(ended), len(started), len(ended))


def activity(pid: int) -> Activity:
    """utime + stime from /proc/PID/stat, and every task's switches from /proc/PID/task/*/status."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name may hold spaces and parentheses: the fields start after the last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = int(fields[11]) + int(fields[12])
    switches, voluntary = {}, {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        switches[int(task.name)] = sum(int(line.split()[1]) for line in status.splitlines()
                                       if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
        voluntary[int(task.name)] = sum(int(line.split()[1]) for line in status.splitlines()
                                        if line.startswith("voluntary_ctxt_switches"))
    return Activity(cpu, switches, voluntary)


def thread_name(pid: int, tid: int) -> str:
    try:
        return Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
    except FileNotFoundError:
        return "(ended)"


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has had, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")
