"""What every figure shares: the release binaries, a scratch directory, the seeded portals (started
once, on first use) and how many samples to take."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from leora_client import Leora
from portal import Portal
from postgres import PostgresCluster


@dataclass
class Context:
    root: Path
    bin_dir: Path
    work: Path
    #: Fewer samples and shorter windows, to try the harness out (not for the record).
    quick: bool = False
    portals: dict[str, Portal] = field(default_factory=dict)
    clusters: list[PostgresCluster] = field(default_factory=list)

    def samples(self, full: int, quick: int = 2) -> int:
        return quick if self.quick else full

    @property
    def leora_binary(self) -> Path:
        return self.bin_dir / "leora"

    def portal(self, seed: str, backend: str = "sqlite") -> Portal:
        """The portal seeded with `seed` (`demo`, `bench:N`) on `backend` (`sqlite`, or `postgres`: a throwaway
        cluster of its own), started on first use."""
        name = seed if backend == "sqlite" else f"{seed}@{backend}"
        if name not in self.portals:
            cluster = None
            if backend == "postgres":
                cluster = PostgresCluster()
                self.clusters.append(cluster)
            portal = Portal(self.bin_dir / "leora-portal", seed, self.work / f"portal-{name.replace(':', '-').replace('@', '-')}",
                            cluster.url if cluster else None)
            portal.cluster = cluster
            self.portals[name] = portal
        return self.portals[name]

    def stop_portal(self, seed: str, backend: str = "sqlite") -> None:
        """Stops the portal `portal(seed, backend)` started (its cluster too), if it runs."""
        name = seed if backend == "sqlite" else f"{seed}@{backend}"
        if portal := self.portals.pop(name, None):
            portal.stop()
            if portal.cluster:
                portal.cluster.stop()
                self.clusters.remove(portal.cluster)

    def leora(self, name: str) -> Leora:
        """A client with fresh state, cache and config directories of its own."""
        home = self.work / f"client-{name}"
        shutil.rmtree(home, ignore_errors=True)
        return Leora(self.leora_binary, home)

    def floor_binary(self) -> Path:
        """The C floor program of B1 (bench/floor.c), compiled on first use."""
        return self._c_program("floor", "-lcurl", "-lncursesw")

    def motion_floor_binary(self) -> Path:
        """The C floor program of B2 (bench/motion_floor.c), compiled on first use."""
        return self._c_program("motion_floor", "-lncursesw")

    def cold_lines_binary(self) -> Path:
        """B2's measure of the machine (bench/cold_lines.c), compiled on first use."""
        return self._c_program("cold_lines")

    def _c_program(self, name: str, *libraries: str) -> Path:
        output = self.work / name
        if not output.exists():
            subprocess.run(["gcc", "-O2", "-o", str(output), str(self.root / "bench" / f"{name}.c"), *libraries], check=True)
        return output

    def text_file(self, name: str, text: str) -> Path:
        path = self.work / name
        path.write_text(text)
        return path

    def stop(self) -> None:
        for portal in self.portals.values():
            portal.stop()
        self.portals.clear()
        for cluster in self.clusters:
            cluster.stop()
        self.clusters.clear()
