"""A throwaway PostgreSQL cluster for B7, as the tests make one (Tests/PortalTestSupport/PostgresTestCluster.swift):
`initdb` into a temporary directory (as the `postgres` system user when running as root: PostgreSQL refuses
root), `pg_ctl start` on a Unix socket in that directory only (`listen_addresses=''`, no TCP port), and a
`leora` role (NOSUPERUSER NOBYPASSRLS) owning the `leora` database the portal connects to. Removed at `stop()`."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROLE = "leora"
DATABASE = "leora"


def binaries() -> Path | None:
    """`/usr/lib/postgresql/N/bin` of the newest installed version."""
    root = Path("/usr/lib/postgresql")
    versions = sorted((int(entry.name) for entry in root.iterdir() if entry.name.isdigit()), reverse=True) if root.is_dir() else []
    return next((root / str(version) / "bin" for version in versions if (root / str(version) / "bin" / "initdb").exists()), None)


class PostgresCluster:
    def __init__(self) -> None:
        found = binaries()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); `make deps` installs it")
        self.bin = found
        self.as_root = os.geteuid() == 0
        # Short: a socket path is limited to about 107 bytes.
        self.directory = Path(tempfile.mkdtemp(prefix="lpgb.", dir="/tmp"))
        os.chmod(self.directory, 0o755)
        if self.as_root:
            shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        self._run("initdb", "-D", str(self.data), "--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C")
        options = f"-k {self.directory} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "-l", str(self.directory / "log"), "-o", options, "start")
        self.started = True
        self._run("psql", "-h", str(self.directory), "-U", "postgres", "-d", "postgres", "-q", "-v", "ON_ERROR_STOP=1",
                  "-c", f"CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOBYPASSRLS", "-c", f"CREATE DATABASE {DATABASE} OWNER {ROLE}")

    @property
    def url(self) -> str:
        """The portal's `--database`: the `leora` role over the socket, libpq style."""
        return f"postgres://{ROLE}@/{DATABASE}?host={self.directory}"

    def _run(self, tool: str, *arguments: str) -> None:
        command = [str(self.bin / tool), *arguments]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/tmp")

    def stop(self) -> None:
        if getattr(self, "started", False):
            try:
                self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")
            except subprocess.CalledProcessError:
                pass
            self.started = False
        shutil.rmtree(self.directory, ignore_errors=True)
