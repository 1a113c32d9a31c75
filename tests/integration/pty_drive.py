#!/usr/bin/env python3
"""Drive a full-screen program in a pseudo-terminal, for replay_tty.sh.

usage: pty_drive.py ROWS COLS OUTDIR -- COMMAND [ARGS...]

COMMAND runs in a new session with a pseudo-terminal of ROWS x COLS as its
stdin and stdout (stderr goes to OUTDIR/stderr). Actions come on stdin, one
a line; the first that fails ends the script with status 1 and a line on
stderr. Nothing waits for a fixed time: every wait is for something to
happen, with a deadline.

  expect REGEX   until the screen drawn last (the text after the program's
                 last clear-screen) is whole (ROWS rows) and matches REGEX
  save NAME      that screen to OUTDIR/NAME: reverse video as ⟦ ⟧, other
                 escape sequences and carriage returns dropped
  send KEYS      KEYS to the terminal (Python escapes: \\x1b[C is an arrow);
                 the screens drawn before it are forgotten
  signal NAME    send signal NAME (e.g. TERM) to the program
  termios NAME   the terminal's local modes to OUTDIR/NAME: "echo=1 icanon=1"
  exit NAME      until the program exits; its status to OUTDIR/NAME (-N: signal N)
"""
import fcntl
import io
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios

DEADLINE = 60.0  # seconds: an ASan build on a busy machine
CLEAR = b"\x1b[H\x1b[2J"


class Terminal:
    def __init__(self, rows, cols, outdir, argv):
        self.rows, self.outdir = rows, outdir
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.err = open(os.path.join(outdir, "stderr"), "wb")
        self.proc = subprocess.Popen(argv, stdin=self.slave, stdout=self.slave,
                                     stderr=self.err, start_new_session=True)
        self.data = b""

    def read_some(self, timeout):
        """Whatever the program wrote within timeout seconds; False at the deadline."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            self.data += os.read(self.master, 65536)
        except OSError:
            return False
        return True

    def screen(self):
        """The last screen drawn since the last send, or None."""
        at = self.data.rfind(CLEAR)
        if at < 0:
            return None
        text = self.data[at + len(CLEAR):].decode("utf-8", "replace")
        text = text.replace("\x1b[7m", "⟦").replace("\x1b[27m", "⟧").replace("\r", "")
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)

    def expect(self, pattern):
        regex = re.compile(pattern, re.M)
        while True:
            s = self.screen()
            if s is not None and s.count("\n") >= self.rows - 1 and regex.search(s):
                return s
            if not self.read_some(DEADLINE):
                self.save("timeout", s or self.data.decode("utf-8", "replace"))
                fail("no screen matched %r (the last is in timeout)" % pattern)

    def save(self, name, text):
        with open(os.path.join(self.outdir, name), "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")

    def send(self, keys):
        self.data = b""
        os.write(self.master, keys.encode("utf-8").decode("unicode_escape").encode("latin-1"))

    def modes(self):
        lflag = termios.tcgetattr(self.slave)[3]
        return "echo=%d icanon=%d" % (bool(lflag & termios.ECHO), bool(lflag & termios.ICANON))

    def wait_exit(self):
        # What it writes on the way out (the modes it restores, a few bytes)
        # fits in the terminal's buffer: nothing needs reading meanwhile.
        try:
            return self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            fail("the program did not exit")


def fail(msg):
    print("pty_drive: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) < 6 or sys.argv[4] != "--":
        fail("usage: pty_drive.py ROWS COLS OUTDIR -- COMMAND [ARGS...]")
    t = Terminal(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[5:])
    last = ""
    try:
        for line in io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"):
            action, _, arg = line.rstrip("\n").partition(" ")
            if action == "expect":
                last = t.expect(arg)
            elif action == "save":
                t.save(arg, last)
            elif action == "send":
                t.send(arg)
            elif action == "signal":
                t.proc.send_signal(getattr(signal, "SIG" + arg))
            elif action == "termios":
                t.save(arg, t.modes())
            elif action == "exit":
                t.save(arg, str(t.wait_exit()))
            elif action:
                fail("unknown action " + action)
    finally:
        if t.proc.poll() is None:
            t.proc.kill()
            t.proc.wait()


if __name__ == "__main__":
    main()
