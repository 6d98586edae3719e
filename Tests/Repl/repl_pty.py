"""`convbook repl` in a pseudo-terminal, driven as a person would type: keys in, screen text out."""

import os
import pty
import re
import select
import signal
import time

BIN = os.environ.get("CONVBOOK_BIN", "convbook")


class Repl:
    """A `convbook repl` child on its own pseudo-terminal (its controlling terminal, so Ctrl-C is SIGINT)."""

    def __init__(self, history, env=None, args=(), command=("repl",)):
        environment = dict(os.environ)
        environment.update({"TERM": "xterm", "CONVBOOK_HISTORY": history, "CONVBOOK_IMAGES": "none"})
        environment.pop("KITTY_WINDOW_ID", None)
        environment.update(env or {})
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(BIN, [BIN, *command, *args], environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = b""
        self.seen = 0  # how much of the output `expect` has consumed
        self.status = None

    def send(self, text):
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return None
        if not chunk:
            return None
        self.output += chunk
        return True

    def expect(self, pattern, timeout=10):
        """Waits until `pattern` (a regex on the text) appears after what was matched before; returns the match."""
        regex = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        deadline = time.monotonic() + timeout
        while True:
            found = regex.search(self.output, self.seen)
            if found:
                self.seen = found.end()
                return found
            left = deadline - time.monotonic()
            if left <= 0 or self._read(min(left, 0.2)) is None and not regex.search(self.output, self.seen):
                if left <= 0 or not regex.search(self.output, self.seen):
                    raise AssertionError(
                        f"{pattern!r} not seen; output after the last match:\n"
                        + self.output[self.seen:].decode(errors="replace"))

    def prompt(self, timeout=10):
        """Waits for a fresh `>>> ` prompt: the last thing written (terminal escapes aside), with
        nothing following for a moment (libedit also redraws `>>> line` while a line is typed)."""
        end = re.compile(rb">>> (?:\x1b\[[0-9;]*[A-Za-z])*$")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if end.search(self.output, self.seen) and self._read(0.05) is False:
                self.seen = len(self.output)
                return
            self._read(0.1)
        raise AssertionError("no prompt; output after the last match:\n"
                             + self.output[self.seen:].decode(errors="replace"))

    def quiet_for(self, seconds):
        """Reads for `seconds`; returns the text that arrived."""
        start = len(self.output)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._read(deadline - time.monotonic()) is None:
                break
        return self.output[start:].decode(errors="replace")

    def wait(self, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        raise AssertionError("the REPL did not exit; output:\n" + self.output.decode(errors="replace"))

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
