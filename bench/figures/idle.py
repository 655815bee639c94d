"""B3: idle.

`leora` on the briefing pane, data loaded, no key pressed and no poll due, for 60 s; `less` on a
file idles beside it over the same 60 s as the reference. Every 20 s the CPU time (utime + stime
from /proc/PID/stat, in clock ticks) and the context switches of all threads (/proc/PID/task/*/status;
a thread that ended counts one) are read: the three 20 s windows are the samples, each scaled to 60 s
for the CPU figure and to one second for the wake-ups; the targets (issue 13: at most one wake-up a
minute) are judged on the whole 60 s, and each thread's switches are listed. A wake-up is a voluntary
switch: a thread that slept and woke. Involuntary switches are preemptions while it was already awake
(another process took the CPU, as the bench's own reader does on a two-core machine); they are
reported beside, not counted as wake-ups.
"""
from __future__ import annotations

import time

from context import Context
from figures.briefing_text import marker, summary
from procstat import activity, interval, thread_name
from report import Report, Row, Samples
from terminal import PtyTerminal


def run(context: Context, report: Report) -> None:
    window, windows = (5.0, 2) if context.quick else (20.0, 3)
    portal = context.portal("demo")
    client = context.leora("idle")
    client.login(portal.url)
    wanted = marker(summary(client, portal.url))
    text_file = context.text_file("idle.txt", "\n".join(f"line {n}" for n in range(200)) + "\n")

    leora = client.tui(portal.url)
    less = PtyTerminal(["less", str(text_file)], client.env | {"LESSHISTFILE": "-", "LESS": ""})
    try:
        leora.wait_for_text(wanted, timeout=60)
        less.wait_for_text("line 0")
        # Let the start-up's last fetches land, the spinner stop and the cache be written (1 s after its
        # last change): what follows is idling, not starting.
        leora.settle(3.0)
        less.settle(0.5)
        leora_samples, less_samples = [], []
        before = (activity(leora.pid), activity(less.pid))
        first = before[0]
        for _ in range(windows):
            time.sleep(window)
            after = (activity(leora.pid), activity(less.pid))
            leora_samples.append(interval(before[0], after[0]))
            less_samples.append(interval(before[1], after[1]))
            before = after
        by_thread = {tid: count - first.switches_by_thread.get(tid, 0) for tid, count in before[0].switches_by_thread.items()}
        busiest = max(by_thread, default=None, key=lambda tid: by_thread[tid])
        busiest_switches = by_thread.get(busiest, 0)
        busiest_name = thread_name(leora.pid, busiest) if busiest else "-"
        voluntary = {tid: count - first.voluntary_by_thread.get(tid, 0) for tid, count in before[0].voluntary_by_thread.items()}
        # Every thread's switches (of which voluntary: its wake-ups), main thread first: which one still wakes.
        threads = ", ".join(f"{'main' if tid == leora.pid else thread_name(leora.pid, tid)} {tid}: {count} ({voluntary.get(tid, 0)} voluntary)"
                            for tid, count in sorted(by_thread.items(), key=lambda item: (item[0] != leora.pid, item[0])))
        # Keep the pty drained so a late write is not mistaken for idling.
        leora.settle(0.05)
    finally:
        leora.close(b"q")
        less.close(b"q")

    scale = 60 / window
    total_ticks = sum(sample.cpu_ticks for sample in leora_samples)
    total_switches = sum(sample.context_switches for sample in leora_samples)
    total_wakeups = sum(sample.wakeups for sample in leora_samples)
    threads_ended = sum(sample.threads_ended for sample in leora_samples)
    span = window * windows
    cpu = Samples([sample.cpu_ticks * scale for sample in leora_samples], "ticks/60 s")
    cpu_reference = Samples([sample.cpu_ticks * scale for sample in less_samples], "ticks/60 s", "less")
    report.add(Row("B3", "idle CPU time", cpu, cpu_reference, "≤ 1 tick in 60 s", total_ticks * 60 / span <= 1,
                   f"{windows}×{window:.0f} s windows; over the whole {span:.0f} s: {total_ticks} ticks, {total_switches} context switches ({threads_ended} threads ended, counted one each)"))
    wakeups = Samples([sample.wakeups / window for sample in leora_samples], "/s")
    wakeups_reference = Samples([sample.wakeups / window for sample in less_samples], "/s", "less")
    report.add(Row("B3", "idle wake-ups", wakeups, wakeups_reference, "≤ 1 per minute", total_wakeups * 60 / span <= 1,
                   f"{total_wakeups} wake-ups (voluntary switches) of {total_switches} switches in {span:.0f} s; the busiest thread ({busiest_name!r}) switched {busiest_switches} times in {span:.0f} s; per thread: {threads}"))
