"""B7: server.

`wrk` for 10 s at 64 connections (2 threads) on `GET /api/portal/orders` with a valid access-token
cookie and on `GET /api/health`, against the portal seeded with 100,000 orders for the rep. The two
alternate, three times each, so that noise from the rest of the machine falls on both.
"""
from __future__ import annotations

import re
import subprocess

from context import Context
from report import Report, Row, Samples

SECONDS = 10
CONNECTIONS = 64


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url: str, cookie: str | None, seconds: int) -> tuple[float, float]:
    """Requests per second and the 99th-percentile latency in ms."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors on {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    return rate, p99


def run(context: Context, report: Report) -> None:
    portal = context.portal("bench:100000")
    cookie = portal.login_cookie()
    seconds = 3 if context.quick else SECONDS
    orders_url, health_url = f"{portal.url}/api/portal/orders", f"{portal.url}/api/health"
    orders, health = [], []
    for _ in range(context.samples(3, 1)):
        orders.append(wrk(orders_url, cookie, seconds))
        health.append(wrk(health_url, None, seconds))
    orders_rate = Samples([rate for rate, _ in orders], "req/s")
    health_rate = Samples([rate for rate, _ in health], "req/s", "health")
    report.add(Row("B7", "GET /api/portal/orders throughput", orders_rate, health_rate, "≥ 0.3× health",
                   orders_rate.median >= 0.3 * health_rate.median, f"wrk {CONNECTIONS} connections, {seconds} s per run"))
    report.add(Row("B7", "GET /api/portal/orders p99 latency", Samples([p99 for _, p99 in orders], "ms"),
                   Samples([p99 for _, p99 in health], "ms", "health"), "reported"))
