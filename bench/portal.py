"""A seeded `leora-portal` on a free loopback port, with a temporary database."""
from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import subprocess
import time
from pathlib import Path

REP_EMAIL = "rep@northwind.test"
DEMO_PASSWORD = "leora-demo"


class Portal:
    def __init__(self, binary: Path, seed: str, workdir: Path, database: str | None = None):
        """`database`: a postgres:// URL, or None for a SQLite file in `workdir`."""
        self.seed = seed
        #: The throwaway PostgreSQL cluster `database` lives in, when the context made one for this portal.
        self.cluster = None
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / "portal.log"
        self.log = open(self.log_path, "wb")
        started = time.perf_counter()
        environment = dict(os.environ)
        if database:
            # PostgreSQL asks for the signing secret every instance on the database shares.
            environment["LEORA_JWT_SECRET"] = secrets.token_hex(32)
        # bcrypt cost 4 keeps start-up and logins quick; the benchmarks never measure logging in.
        self.process = subprocess.Popen(
            [str(binary), "--seed", seed, "--port", "0", "--database", database or str(workdir / "portal.sqlite"),
             "--bcrypt-cost", "4", "--log-level", "warning", "--no-webhook-scheduler", "--metrics-address", "none"],
            stdout=subprocess.PIPE, stderr=self.log, env=environment)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().decode()
        match = re.match(r"listening on (http://[\d.]+:(\d+))", line)
        if not match:
            self.stop()
            tail = self.log_path.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"leora-portal --seed {seed} did not start: {line!r}; its log ends:\n{tail}")
        self.url, self.port = match.group(1), int(match.group(2))
        self.startup_seconds = time.perf_counter() - started

    @property
    def pid(self) -> int:
        return self.process.pid

    def login_cookie(self, email: str = REP_EMAIL, password: str = DEMO_PASSWORD) -> str:
        """A `Cookie` header value carrying the access token of a fresh login."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("POST", "/api/portal/auth/login", json.dumps({"email": email, "password": password}),
                           {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"login as {email} answered {response.status}")
        cookies = [header.split(";", 1)[0] for name, header in response.getheaders() if name.lower() == "set-cookie"]
        connection.close()
        access = [cookie for cookie in cookies if cookie.startswith("accessToken=")]
        if not access:
            raise RuntimeError(f"login set no accessToken cookie: {cookies}")
        return access[0]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
