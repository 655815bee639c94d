"""B7: server.

`wrk` for 10 s at 64 connections (2 threads) on `GET /api/portal/orders` with a valid access-token
cookie, each request a page chosen at random in the deeper half of the list (20 a page), and on
`GET /api/health`, against the portal seeded with 100,000 orders for the rep: once on SQLite, once on a
throwaway PostgreSQL cluster. The two alternate, three times each, so that noise from the rest of the
machine falls on both.
"""
from __future__ import annotations

import http.client
import json
import re
import subprocess
from pathlib import Path

from context import Context
from portal import Portal
from report import Report, Row, Samples

SECONDS = 10
CONNECTIONS = 64
LIMIT = 20
BACKENDS = ("sqlite", "postgres")


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url: str, cookie: str | None, seconds: int, script: Path | None = None) -> tuple[float, float]:
    """Requests per second and the 99th-percentile latency in ms."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors on {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    return rate, p99


def deep_pages_script(context: Context, portal: Portal, cookie: str) -> tuple[Path, str]:
    """A wrk script asking for a random page of the deeper half of the rep's orders, and which pages."""
    connection = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=30)
    connection.request("GET", f"/api/portal/orders?limit={LIMIT}", headers={"Cookie": cookie})
    pagination = json.loads(connection.getresponse().read())["meta"]["pagination"]
    last = pagination["totalPages"]
    first = max(1, last // 2)
    # One deep page first: it builds the list's page boundaries, which every later page reuses (wrk measures
    # that steady state, not 64 connections building them at once).
    connection.request("GET", f"/api/portal/orders?limit={LIMIT}&page={last}", headers={"Cookie": cookie})
    connection.getresponse().read()
    connection.close()
    script = context.text_file(f"deep-pages-{portal.port}.lua", f"""\
-- Deep pages of the rep's orders: page {first}–{last} of {LIMIT}, at random.
math.randomseed(os.time())
request = function()
    return wrk.format(nil, "/api/portal/orders?limit={LIMIT}&page=" .. math.random({first}, {last}))
end
""")
    return script, f"pages {first}–{last} of {pagination['total']:,} orders, {LIMIT} a page"


def run(context: Context, report: Report) -> None:
    seconds = 3 if context.quick else SECONDS
    for backend in BACKENDS:
        portal = context.portal("bench:100000", backend)
        cookie = portal.login_cookie()
        script, pages = deep_pages_script(context, portal, cookie)
        orders_url, health_url = f"{portal.url}/api/portal/orders", f"{portal.url}/api/health"
        orders, health = [], []
        for _ in range(context.samples(3, 1)):
            orders.append(wrk(orders_url, cookie, seconds, script))
            health.append(wrk(health_url, None, seconds))
        orders_rate = Samples([rate for rate, _ in orders], "req/s")
        health_rate = Samples([rate for rate, _ in health], "req/s", "health")
        report.add(Row("B7", f"GET /api/portal/orders deep pages, {backend}: throughput", orders_rate, health_rate, "≥ 0.3× health",
                       orders_rate.median >= 0.3 * health_rate.median,
                       f"{pages}; wrk {CONNECTIONS} connections, {seconds} s per run"))
        report.add(Row("B7", f"GET /api/portal/orders deep pages, {backend}: p99 latency", Samples([p99 for _, p99 in orders], "ms"),
                       Samples([p99 for _, p99 in health], "ms", "health"), "reported"))
        # One portal at a time: the next backend's seeding and serving do not share the cores with this one.
        context.stop_portal("bench:100000", backend)
