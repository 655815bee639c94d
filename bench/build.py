"""The release build `make bench` measures, timed. A cold build (no release products yet) is
remembered in bench/results/cold-build.json, so a later incremental run can still report it."""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

# The Swift runtime, Foundation included, linked into the binaries: `leora` then loads a handful of
# shared libraries instead of a dozen more, and its crash settings need no second start (see
# Sources/LeoraCrashSettings). Both products share the flag, so building one never rebuilds the other.
RELEASE = ["swift", "build", "-c", "release", "--static-swift-stdlib"]


def _timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    return time.perf_counter() - started


def bin_dir(root: Path) -> Path:
    """Where the release binaries are (or will be)."""
    return Path(subprocess.run(RELEASE + ["--show-bin-path"], cwd=root, check=True, capture_output=True, text=True).stdout.strip())


def place_backtracer(binaries: Path) -> None:
    """A static Swift runtime looks for its crash reporter, `swift-backtrace`, beside the executable:
    the toolchain's static one is copied there (without it a crash is reported without a backtrace)."""
    swift = shutil.which("swift")
    if swift is None:
        return
    source = Path(swift).resolve().parent.parent / "libexec" / "swift" / "linux" / "swift-backtrace-static"
    target = binaries / "swift-backtrace"
    if source.exists() and (not target.exists() or target.stat().st_mtime < source.stat().st_mtime):
        shutil.copy2(source, target)


def release_binaries(root: Path, results: Path) -> tuple[Path, dict]:
    """Builds `leora` and `leora-portal` in release; their directory and the build facts."""
    binaries = bin_dir(root)
    cold = not (binaries / "leora").exists() or not (binaries / "leora-portal").exists()
    # One product per invocation: given several `--product`s, swift build builds only the last.
    seconds = sum(_timed(RELEASE + ["--product", product], root) for product in ("leora-portal", "leora"))
    place_backtracer(binaries)
    facts = {"release_build_seconds": round(seconds, 1), "release_build_was_cold": cold}
    record = results / "cold-build.json"
    if cold:
        results.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"seconds": round(seconds, 1), "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}) + "\n")
    if record.exists():
        facts["cold_build"] = json.loads(record.read_text())
    return binaries, facts


def benchmarks(root: Path) -> float:
    """Builds the micro-benchmarks (Benchmarks/, release), so their run is not their build. SwiftPM does not
    notice a file added to the main package (Benchmarks' dependency by path) and compiled its modules without
    it: the build plan is made again each time (removing it keeps what was compiled)."""
    (root / "Benchmarks" / ".build" / "release.yaml").unlink(missing_ok=True)
    return _timed(["swift", "build", "-c", "release", "--package-path", "Benchmarks", "--product", "HotPaths"], root)
