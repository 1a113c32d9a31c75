#!/usr/bin/env python3
"""Checks a `faultline export --format chrome-json` file against its database:
python3 chrome_trace.py TRACE DB [RUN]. Prints what is wrong, one line each,
and exits 1 if anything is; the counts are the database's rows."""
import json
import sqlite3
import sys

trace, dbpath = sys.argv[1], sys.argv[2]
run = int(sys.argv[3]) if len(sys.argv) > 3 else 0
bad = []
doc = json.load(open(trace, encoding="utf-8"))
events = doc["traceEvents"] if isinstance(doc, dict) else None
if not isinstance(events, list):
    sys.exit("no traceEvents array")

need = {"M": ("name", "pid", "tid", "args"), "X": ("name", "pid", "tid", "ts", "dur"),
        "i": ("name", "pid", "tid", "ts", "s")}
for e in events:
    ph = e.get("ph")
    if ph not in need:
        bad.append(f"unknown phase {ph!r}: {e}")
        continue
    missing = [k for k in need[ph] if k not in e]
    if missing:
        bad.append(f"{ph} event without {missing}: {e}")
    if ph == "X" and e["dur"] < 0:
        bad.append(f"negative duration: {e}")

db = sqlite3.connect(dbpath)
flt = " WHERE (? = 0 OR run_id = ?)"
def count(sql):
    return db.execute(sql, (run, run)).fetchone()[0]
faults = [e for e in events if e.get("ph") == "X" and e.get("cat") == "fault"]
steps = [e for e in events if e.get("ph") == "X" and e.get("cat") == "milestone"]
want = {
    "runs (process_name)": (count("SELECT count(*) FROM runs WHERE (? = 0 OR id = ?)"),
                            sum(e.get("ph") == "M" and e.get("name") == "process_name" for e in events)),
    "faults (X)": (count("SELECT count(*) FROM faults" + flt), len(faults)),
    "milestones (child X)": (count("SELECT count(*) FROM fault_steps" + flt + " AND milestone IS NOT NULL"),
                             len(steps)),
    "console lines (i)": (count("SELECT count(*) FROM console" + flt),
                          sum(e.get("ph") == "i" for e in events)),
}
for what, (rows, evs) in want.items():
    if rows != evs:
        bad.append(f"{what}: {rows} rows in the database, {evs} events")

for e in faults:
    missing = [k for k in ("seq", "cr2", "eip", "symbol", "lookup", "fixup", "outcome",
                           "refused_by")
               if k not in e.get("args", {})]
    if missing:
        bad.append(f"fault without args {missing}: {e}")

ns = lambda us: round(us * 1000)    # three decimals: whole nanoseconds
parent = {(e["pid"], e["args"]["seq"]): e for e in faults}
for e in steps:
    p = parent.get((e["pid"], e["args"].get("seq")))
    if p is None or p["tid"] != e["tid"]:
        bad.append(f"milestone without its fault on its track: {e}")
    elif not (ns(p["ts"]) <= ns(e["ts"]) and ns(e["ts"]) + ns(e["dur"]) <= ns(p["ts"]) + ns(p["dur"])):
        bad.append(f"milestone outside its fault's [ts, ts+dur]: {e} in {p}")

# Slices on one track must nest or be disjoint: faults never overlap.
tracks = {}
for e in faults + steps:
    tracks.setdefault((e["pid"], e["tid"], e["cat"]), []).append((ns(e["ts"]), ns(e["ts"]) + ns(e["dur"])))
for key, spans in tracks.items():
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            bad.append(f"overlapping {key[2]} slices on pid {key[0]} tid {key[1]}: {a} {b}")

for line in bad[:20]:
    print("#", line)
print(f"# {len(events)} events, {len(faults)} faults, {len(steps)} milestones")
sys.exit(1 if bad else 0)
