#!/usr/bin/env python3
"""Checks the DOM of `faultline replay --html` as chromium --dump-dom printed
it, at one step, against the database: python3 replay_dom.py DOM DB RUN FAULT
STEP. Every expected value comes from SQL here (the registers folded from
step_regs by a query), never from faultline's own model. Prints what is
wrong, one line each, and exits 1 if anything is."""
import html.parser
import sqlite3
import sys

dom_path, db_path = sys.argv[1], sys.argv[2]
run, seq, step = (int(a) for a in sys.argv[3:6])
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
LEVELS = {4: "PML4E", 3: "PDPTE", 2: "PDE", 1: "PTE"}
DASH = "\u2014"


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids = tag, dict(attrs), parent, []

    def text(self):
        return "".join(k if isinstance(k, str) else k.text() for k in self.kids)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def all(self, tag=None, cls=None):
        for k in self.kids:
            if isinstance(k, Node):
                if (tag is None or k.tag == tag) and (cls is None or cls in k.classes()):
                    yield k
                yield from k.all(tag, cls)


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.kids.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        n = self.at
        while n.parent and n.tag != tag:
            n = n.parent
        if n.parent:
            self.at = n.parent

    def handle_data(self, data):
        self.at.kids.append(data)


tree = Tree()
tree.feed(open(dom_path, encoding="utf-8").read())
root = tree.root
by_id = {n.attrs["id"]: n for n in root.all() if "id" in n.attrs}
bad = []


def expect(what, got, want):
    if got != want:
        bad.append(f"{what}: the page shows {got!r}, the database has {want!r}")


db = sqlite3.connect(db_path)
db.text_factory = lambda b: b.decode("utf-8", "replace")
key = (run, seq)


def one(sql, *args):
    r = db.execute(sql, args).fetchone()
    return r[0] if r else None


def shown(s):
    """Database text as the page shows it: controls and bidi overrides as
    \\uXXXX (the terminal replay's rule)."""
    def esc(c):
        o = ord(c)
        hidden = (o < 0x20 or 0x7f <= o <= 0x9f or o in (0x61c, 0x200e, 0x200f)
                  or 0x2028 <= o <= 0x202e or 0x2066 <= o <= 0x2069)
        return f"\\u{o:04x}" if hidden else c
    return "".join(esc(c) for c in s)


def hexs(v):
    return DASH if v is None else f"0x{v & 0xffffffff:08x}"


def check_milestone():
    phase = one("SELECT milestone FROM fault_steps WHERE run_id = ? AND fault_seq = ?"
                " AND step_idx <= ? AND milestone IS NOT NULL ORDER BY step_idx DESC LIMIT 1", *key, step)
    lit = [b.attrs.get("data-m") for b in root.all("button", "milestone") if "lit" in b.classes()]
    expect("the lit milestone box", lit, [str(phase)] if phase else [])
    expect("milestone boxes", len(list(root.all("button", "milestone"))), 8)


def check_instruction():
    row = db.execute("SELECT step_idx, eip, eip_symbol, insn, src_file, src_line FROM fault_steps"
                     " WHERE run_id = ? AND fault_seq = ? AND step_idx = ?", key + (step,)).fetchone()
    if row is None:
        bad.append(f"no step {step} in the database")
        return
    at = [r for r in by_id["insns"].all("tr") if "at" in r.classes()]
    if len(at) != 1:
        bad.append(f"{len(at)} current instruction rows")
        return
    cells = {c.classes()[0]: c.text() for c in at[0].all("td") if c.classes()}
    want = {"idx": str(row[0]), "eip": hexs(row[1]), "symbol": shown(row[2] or ""),
            "insn": shown(row[3] or "")}
    expect("the current instruction", {k: cells.get(k) for k in want}, want)
    src = [d.text() for d in by_id["source"].all("div")]
    if row[4] is not None:
        expect("the source line", src[:1], [shown(f"{row[4]}:{row[5]}")])
        text = one("SELECT text FROM source_lines WHERE run_id = ? AND file = ? AND line = ?",
                   run, row[4], row[5])
        if text is not None:
            cur = [d.text() for d in by_id["source"].all("div", "at")]
            if len(cur) != 1 or shown(text.expandtabs(8)) not in cur[0]:
                bad.append(f"the source text {text!r} is not the marked line: {cur!r}")


def check_registers():
    # step_regs holds a register's value at the steps where it changed:
    # its value at step N is the row with the greatest step_idx <= N.
    want = dict(db.execute(
        "SELECT reg, value FROM step_regs r WHERE run_id = ?1 AND fault_seq = ?2 AND step_idx ="
        " (SELECT max(step_idx) FROM step_regs WHERE run_id = ?1 AND fault_seq = ?2"
        " AND reg = r.reg AND step_idx <= ?3)", key + (step,)).fetchall())
    first = one("SELECT min(step_idx) FROM fault_steps WHERE run_id = ? AND fault_seq = ?", *key)
    changed = {r for (r,) in db.execute("SELECT reg FROM step_regs WHERE run_id = ? AND"
                                       " fault_seq = ? AND step_idx = ?", key + (step,))}
    rows = list(by_id["regs"].all("tr"))
    got = {r.attrs.get("data-reg"): next(r.all("td", "value")).text() for r in rows}
    names = ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "eflags", "cs", "ss",
             "cr2", "cr3"]
    expect("the registers", got, {n: hexs(want.get(n)) for n in names})
    lit = {r.attrs.get("data-reg") for r in rows if "changed" in r.classes()}
    expect("the registers marked changed", lit, changed if step != first else set())


def check_probes():
    want = [(f"#{p} {o}[{i}] 0x{n:08x} {r}", s > step) for p, s, o, i, n, r in db.execute(
        "SELECT probe, step_idx, owner, idx, insn, result FROM extable_probes"
        " WHERE run_id = ? AND fault_seq = ? ORDER BY probe", key)]
    got = [(c.text(), "pending" in c.classes()) for c in by_id["probes"].all("span", "probe")]
    expect("the probes in order (text, not made yet)", got, want)


def check_walk():
    level, reason = db.execute("SELECT walk_level, walk_reason FROM faults WHERE run_id = ? AND"
                               " seq = ?", key).fetchone()
    rows = list(by_id["levels"].all("tr"))
    failing = [next(r.all("td", "name")).text() for r in rows if "failing" in r.classes()]
    expect("the level marked failing", failing, [LEVELS[level]] if level else [])
    got = {next(r.all("td", "name")).text(): (next(r.all("td", "addr")).text(),
                                              next(r.all("td", "value")).text()) for r in rows}
    for lv, addr, value in db.execute("SELECT level, entry_addr, entry_value FROM fault_walk"
                                      " WHERE run_id = ? AND fault_seq = ?", key):
        expect(f"the {LEVELS[lv]}", got.get(LEVELS[lv]),
               (f"0x{addr:x}", f"0x{value & (1 << 64) - 1:016x}"))
    if reason and reason != "allowed" and reason.replace("_", " ") not in by_id["reason"].text():
        bad.append(f"the walk's reason {reason!r} is not in {by_id['reason'].text()!r}")


def check_frame():
    cols = ("frame_eip_before", "resume_eip", "frame_eax_before", "frame_eax_after", "eax_after",
            "frame_edx_before", "frame_edx_after", "edx_after")
    ids = ("eip-before", "eip-after", "eax-before", "eax-trap", "eax-after", "edx-before",
           "edx-trap", "edx-after")
    vals = db.execute(f"SELECT {', '.join(cols)} FROM faults WHERE run_id = ? AND seq = ?",
                      key).fetchone()
    for col, i, v in zip(cols, ids, vals):
        expect(col, by_id["frame-" + i].text(), hexs(v))


def check_page():
    stepped = [s for (s,) in db.execute("SELECT DISTINCT fault_seq FROM fault_steps WHERE"
                                        " run_id = ? ORDER BY 1", (run,))]
    options = list(by_id["fault"].all("option"))
    expect("the faults in the selector", [o.attrs.get("value") for o in options],
           [str(s) for s in stepped])
    expect("markup besides the page's own (img, iframe, object, embed, link)",
           [n.tag for n in root.all() if n.tag in ("img", "iframe", "object", "embed", "link")], [])
    expect("script elements", len(list(root.all("script"))), 2)
    expect("the 'incomplete' notice hidden", "hidden" in by_id["status"].attrs, True)


for check in (check_page, check_milestone, check_instruction, check_registers, check_probes,
              check_walk, check_frame):
    try:
        check()
    except (KeyError, StopIteration, TypeError) as e:
        bad.append(f"{check.__name__}: the page lacks what it looks for ({e!r})")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
