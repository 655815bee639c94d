"""The `leora` client as a benchmark drives it: its own state, cache and config directories, a
session logged in once with the CLI, and the terminal UI started in a pseudo-terminal."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from portal import DEMO_PASSWORD, REP_EMAIL
from terminal import PtyTerminal

COLUMNS, ROWS = 120, 35


class Leora:
    def __init__(self, binary: Path, home: Path):
        self.binary = binary
        self.home = home
        for name in ("state", "cache", "config"):
            (home / name).mkdir(parents=True, exist_ok=True)

    @property
    def env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
        }

    def run(self, server: str, *arguments: str, stdin: str | None = None) -> str:
        result = subprocess.run([str(self.binary), "--server", server, *arguments], input=stdin, env=self.env,
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"leora {' '.join(arguments)} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout

    def login(self, server: str, email: str = REP_EMAIL, password: str = DEMO_PASSWORD) -> None:
        self.run(server, "login", "--email", email, "--password-stdin", stdin=password + "\n")

    def json(self, server: str, *arguments: str):
        return json.loads(self.run(server, "--json", *arguments))

    def tui(self, server: str, columns: int = COLUMNS, rows: int = ROWS) -> PtyTerminal:
        return PtyTerminal([str(self.binary), "--server", server], self.env, columns, rows)
