"""A program in a pseudo-terminal, its output read by a real terminal emulator (pyte).

Times are taken when the bytes that changed the screen were read, so the emulator's own
processing is not counted. `TERM=screen-256color`: 256 colours, and no `rep` capability,
which pyte does not implement; its scrolls of a region (`indn`, `rin`) are added below.
"""
from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from typing import Callable

import pyte

TERM = "screen-256color"


class Screen(pyte.Screen):
    """pyte's screen plus SU and SD (`CSI n S`, `CSI n T`: scroll the scrolling region up or down),
    which ncurses sends for `indn` and `rin` and pyte 0.8 ignores, leaving a wrong screen."""

    def scroll_up(self, count: int | None = None, *_, **__) -> None:
        self._at_top_margin(self.delete_lines, count)

    def scroll_down(self, count: int | None = None, *_, **__) -> None:
        self._at_top_margin(self.insert_lines, count)

    def _at_top_margin(self, operation: Callable[[int | None], None], count: int | None) -> None:
        x, y = self.cursor.x, self.cursor.y
        self.cursor.y = self.margins.top if self.margins else 0
        operation(count)
        self.cursor.x, self.cursor.y = x, y


class Stream(pyte.ByteStream):
    csi = {**pyte.ByteStream.csi, "S": "scroll_up", "T": "scroll_down"}


class Timeout(Exception):
    """The screen did not reach the expected state in time; carries the screen for the report."""


class PtyTerminal:
    def __init__(self, argv: list[str], env: dict[str, str], columns: int = 120, rows: int = 35, cwd: str | None = None):
        self.columns, self.rows = columns, rows
        self.screen = Screen(columns, rows)
        self.stream = Stream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": TERM}, cwd=cwd,
            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0), close_fds=True)
        os.close(slave)
        self.master = master
        os.set_blocking(master, False)
        self.bytes_read = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _read(self, timeout: float) -> float | None:
        """Feeds what arrives within `timeout` to the emulator; returns when it was read, or None."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = os.read(self.master, 1 << 16)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:  # EIO: the program ended and closed the terminal
            raise Timeout("the program closed its terminal\n" + self.text())
        read_at = time.perf_counter()
        if not data:
            raise Timeout("the program closed its terminal\n" + self.text())
        self.bytes_read += len(data)
        self.stream.feed(data)
        return read_at

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Reads until `condition()` holds; returns the time (perf_counter) of the read that made it so."""
        deadline = time.perf_counter() + timeout
        if condition():
            return time.perf_counter()
        while (left := deadline - time.perf_counter()) > 0:
            read_at = self._read(left)
            if read_at is not None and condition():
                return read_at
        raise Timeout(f"timed out after {timeout:.0f} s waiting for {what}; the screen:\n{self.text()}")

    def wait_for_text(self, text: str, timeout: float = 30) -> float:
        return self.wait_for(lambda: text in self.text(), timeout, repr(text))

    def settle(self, quiet: float = 0.15, timeout: float = 30) -> None:
        """Reads until nothing has arrived for `quiet` seconds (a spinner keeps it from settling)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self._read(quiet) is None:
                return
        raise Timeout(f"output never went quiet for {quiet} s; the screen:\n{self.text()}")

    def press(self, keys: bytes) -> float:
        sent_at = time.perf_counter()
        os.write(self.master, keys)
        return sent_at

    def key_to_frame_and_whole(self, keys: bytes, quiet: float = 0.05, timeout: float = 10) -> tuple[float, float]:
        """Seconds from writing `keys` to reading the output that changed a line of the screen, and to
        reading the last of the output it caused (nothing more within `quiet`): a program that writes its
        frame in parts changes the screen with the first part and finishes it with the last."""
        self.screen.dirty.clear()
        sent_at = self.press(keys)
        changed_at = self.wait_for(lambda: bool(self.screen.dirty), timeout, f"a change after {keys!r}")
        last = changed_at
        while (read_at := self._read(quiet)) is not None:
            last = read_at
        return changed_at - sent_at, last - sent_at

    def close(self, quit_keys: bytes | None = None, timeout: float = 5) -> None:
        """Quits with `quit_keys` when given (waiting for the exit), else terminates the program."""
        if self.process.poll() is None and quit_keys:
            os.write(self.master, quit_keys)
            end = time.perf_counter() + timeout
            while self.process.poll() is None and time.perf_counter() < end:
                try:
                    self._read(0.05)
                except Timeout:
                    break
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


# Keys as a terminal sends them.
PAGE_UP = b"\x1b[5~"
PAGE_DOWN = b"\x1b[6~"
ENTER = b"\r"
