#!/usr/bin/env python3
"""Drives the HTML replay in headless chromium as a teacher would: keys, a
click on a milestone box, the buttons, the fault selector and an edited
address, each followed by what the page then shows and the hash it names.
python3 replay_keys.py PAGE DB RUN FAULT OTHER_FAULT. Talks to chromium over
its DevTools pipe (--remote-debugging-pipe: JSON messages ending in NUL on
fds 3 and 4), so only the standard library is needed. Prints what is wrong,
one line each, and exits 1 if anything is."""
import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

page, db_path = sys.argv[1], sys.argv[2]
run, fault, other = (int(a) for a in sys.argv[3:6])
db = sqlite3.connect(db_path)
bad = []


def moved(fd):
    """fd moved above 4, where the child's dup2 onto 3 and 4 cannot clobber it."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Browser:
    def __init__(self):
        to_chrome, self.w = os.pipe()
        self.r, from_chrome = os.pipe()
        to_chrome, from_chrome = moved(to_chrome), moved(from_chrome)
        profile = tempfile.mkdtemp(dir=os.path.dirname(page))
        self.proc = subprocess.Popen(
            ["timeout", "60", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
             "--window-size=1280,720", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=lambda: (os.dup2(to_chrome, 3), os.dup2(from_chrome, 4)))
        os.close(to_chrome)
        os.close(from_chrome)
        self.buf, self.next_id, self.session = b"", 0, None

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, wait_event=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        result, seen = None, wait_event is None
        while result is None or not seen:
            m = self.read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                result = m["result"]
            seen = seen or m.get("method") == wait_event
        return result

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        return r["result"].get("value")

    def key(self, key, code, vk, text=None):
        """A key pressed and released; one that types nothing goes down raw."""
        down = {"type": "keyDown", "text": text} if text else {"type": "rawKeyDown"}
        for event in (down, {"type": "keyUp"}):
            self.call("Input.dispatchKeyEvent", key=key, code=code, windowsVirtualKeyCode=vk, **event)

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def first_step(seq, milestone=None):
    sql = "SELECT min(step_idx) FROM fault_steps WHERE run_id = ? AND fault_seq = ?"
    args = (run, seq)
    if milestone:
        sql, args = sql + " AND milestone = ?", args + (milestone,)
    return db.execute(sql, args).fetchone()[0]


def shows(b, what, seq, step, lit=None):
    """The page names fault seq, step in its hash and marks that step."""
    got = b.js("[location.hash, document.querySelector('#insns tr.at td.idx').textContent,"
               " [...document.querySelectorAll('.milestone.lit')].map(e => e.dataset.m)]")
    want = [f"#fault={seq}&step={step}", str(step)]
    if got[:2] != want or (lit is not None and got[2] != [str(lit)]):
        bad.append(f"{what}: the page shows {got}, expected {want} with box {lit} lit")


b = Browser()
try:
    target = next(t for t in b.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
    b.session = b.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
    b.call("Page.enable")
    start = first_step(fault)
    b.call("Page.navigate", wait_event="Page.loadEventFired",
           url=f"file://{page}#fault={fault}&step={start}")
    shows(b, "opened at the first step", fault, start)
    b.key("ArrowRight", "ArrowRight", 39)
    shows(b, "right arrow", fault, start + 1)
    b.key("ArrowLeft", "ArrowLeft", 37)
    shows(b, "left arrow", fault, start)
    m5 = first_step(fault, 5)
    b.key("5", "Digit5", 53, "5")
    shows(b, "key 5", fault, m5, 5)
    b.js("document.getElementById('next').click()")
    shows(b, "the next button", fault, m5 + 1)
    b.js("document.getElementById('prev').click()")
    shows(b, "the previous button", fault, m5, 5)
    m8 = first_step(fault, 8)
    b.js("document.querySelector('.milestone[data-m=\"8\"]').click()")
    shows(b, "a click on box 8", fault, m8, 8)
    b.js(f"const s = document.getElementById('fault'); s.value = '{other}';"
         " s.dispatchEvent(new Event('change'))")
    shows(b, "another fault chosen in the selector", other, first_step(other))
    b.js("new Promise(done => { addEventListener('hashchange', done, {once: true});"
         f" location.hash = '#fault={fault}&step={m5}'; }})")
    shows(b, "an address edited to another step", fault, m5, 5)
except (EOFError, RuntimeError, StopIteration, OSError) as e:
    bad.append(f"driving chromium failed: {e!r}")
finally:
    b.close()
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
