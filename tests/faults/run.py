#!/usr/bin/env python3
"""run.py: cxo under failing writes and kills.

    CXO=build/cxo SHIM=build/faults-shim.so python3 tests/faults/run.py

Faults: every write command, sync, backup and restore run once with the shim
(shim.c) counting their writes, syncs and truncations on files, then
again with one of them failing (EIO or ENOSPC in turn; at most PER_KIND
of each kind, spread over the count).  A failed run must exit 74 (73
when a file cannot be made) with a "cxo: " message, and leave the
database as it was (PRAGMA integrity_check, and every row equal); a run
the fault did not stop must have done its work whole.  A failed backup
leaves no file and no temporary directory; a failed restore changes
nothing and keeps nothing.

Kills: backups, restores and writes of a database of a few megabytes,
killed with SIGKILL after a random part of their usual time: the backup
is whole (integrity_check) or absent, the database whole and either as
before or as after.

Prints the figures last; exits 1 on any problem.
"""
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

CXO = os.path.abspath(os.environ.get("CXO", "build/cxo"))
SHIM = os.path.abspath(os.environ.get("SHIM", "build/faults-shim.so"))
PER_KIND = int(os.environ.get("FAULTS_PER_KIND", "3"))
KILLS = int(os.environ.get("FAULTS_KILLS", "5"))
KINDS = ["write", "pwrite", "fsync", "ftruncate"]

problems = []
figures = {"runs": 0, "injected": 0, "failed": 0, "survived": 0, "by_kind": {k: 0 for k in KINDS},
           "by_errno": {"EIO": 0, "ENOSPC": 0}, "commands": 0}
root = tempfile.mkdtemp(prefix="cxo-faults.")
random.seed(int(os.environ.get("FAULTS_SEED", "1")))


def problem(what):
    problems.append(what)
    print("FAIL faults: " + what)


def env(extra=None):
    e = dict(os.environ)
    for k in ("CXO_DB", "CXO_CLIENT", "CXO_CONFIG"):
        e.pop(k, None)
    e.update(HOME=os.path.join(root, "home"), XDG_DATA_HOME=os.path.join(root, "home/data"),
             XDG_CONFIG_HOME=os.path.join(root, "home/config"),
             XDG_STATE_HOME=os.path.join(root, "home/state"), TZ="UTC", LC_ALL="C.UTF-8")
    # The shim comes after ASan's runtime, which must not insist on being
    # first (make sanitize).
    e["ASAN_OPTIONS"] = "detect_leaks=1:verify_asan_link_order=0"
    if extra:
        e.update(extra)
    return e


def cxo(db, args, extra=None, **kw):
    return subprocess.run([CXO, "-d", db] + args, env=env(extra), capture_output=True, text=True,
                          cwd=root, **kw)


def dump(path):
    """Every row, sorted, and integrity_check's answer; None when unreadable."""
    try:
        con = sqlite3.connect(path)
        check = [r[0] for r in con.execute("PRAGMA integrity_check")]
        rows = sorted(con.iterdump())
        con.close()
        return check == ["ok"], [r for r in rows if not r.startswith(("BEGIN", "COMMIT"))]
    except sqlite3.Error as e:
        return False, ["<%s>" % e]


def fresh(src, dst):
    for side in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dst + side):
            os.unlink(dst + side)
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o600)


def backups():
    """The backups kept, not the directory a killed one may leave."""
    d = os.path.join(root, "home/data/cxo/backups")
    return sorted(n for n in os.listdir(d) if not n.startswith(".cxo-copy")) if os.path.isdir(d) else []


def leftovers(d):
    return [n for n in os.listdir(d) if n.startswith(".cxo-copy")]


def clean_backups():
    d = os.path.join(root, "home/data/cxo/backups")
    if os.path.isdir(d):
        shutil.rmtree(d)


def counts_of(log):
    with open(log) as f:
        line = f.read().strip().splitlines()[-1]
    d = dict(w.split("=") for w in line.split())
    return {k: int(v) for k, v in d.items()}


def spread(n, most):
    """At most `most` of 1..n, the first and the last among them."""
    if n <= most:
        return list(range(1, n + 1))
    if most == 1:
        return [n]
    return sorted({1 + round(i * (n - 1) / (most - 1)) for i in range(most)})


# ---- the databases ----
os.makedirs(os.path.join(root, "home"))
base = os.path.join(root, "base.db")
good = os.path.join(root, "good.db")
work = os.path.join(root, "work.db")
seed = os.path.join(root, "seed.db")
r = cxo(seed, ["init", "--sample"])
if r.returncode != 0:
    print("faults: cannot make the sample database: " + r.stderr)
    sys.exit(1)
cxo(seed, ["use", "acme"])
action = cxo(seed, ["action", "list", "--format", "json"])
action_id = json.loads(action.stdout)[0]["id"]
cxo(seed, ["backup", base])
cxo(seed, ["note", "add", "a note only the backup has"])
cxo(seed, ["backup", good])
archive = os.path.join(root, "good.json")
cxo(seed, ["export", "--output", archive])
with_timer = os.path.join(root, "timer.db")
cxo(seed, ["start", "a call"])
cxo(seed, ["backup", with_timer])

COMMANDS = [
    (base, ["log", "45m", "vendor call"]),
    (base, ["start", "timed call"]),
    (with_timer, ["stop"]),
    (base, ["action", "add", "Send the roadmap", "--due", "fri"]),
    (base, ["action", "done", action_id]),
    (base, ["risk", "add", "No DR test", "--likelihood", "3", "--impact", "4"]),
    (base, ["note", "add", "Board wants the roadmap by Friday."]),
    (base, ["client", "add", "newco", "--name", "NewCo"]),
    (base, ["mandate", "add", "Vendor review"]),
    (base, ["vendor", "add", "Okta", "--cost", "18000", "--term-end", "+6m", "--notice", "60d",
            "--auto-renew"]),
    (base, ["use", "medix"]),
    (base, ["client", "edit", "acme", "--round", "15m", "--rollover-cap", "2h"]),
    (base, ["hours", "lock", "--month", "last", "--invoice", "INV-1"]),
    (base, ["import", archive]),
    (base, ["import", "--from", "toggl", "--create-clients",
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "../data/toggl.csv")]),
]


def judge_write(name, r, before, after_ok, injected):
    ok, rows = dump(work)
    if not ok:
        problem("%s: the database fails integrity_check after the fault (exit %d)" % (name, r.returncode))
    if r.returncode == 0:
        figures["survived"] += 1
        if rows == before:
            problem("%s: exit 0 but nothing was written" % name)
        return
    figures["failed"] += 1
    if r.returncode not in (73, 74):
        problem("%s: exit %d (expected 74): %s" % (name, r.returncode, r.stderr.strip()))
    if not r.stderr.startswith("cxo: "):
        problem("%s: exit %d with no message" % (name, r.returncode))
    if rows != before:
        problem("%s: exit %d but the database changed" % (name, r.returncode))


def run_faulty(name, src, args, judge, prepare=None):
    figures["commands"] += 1
    log = os.path.join(root, "count.log")
    fresh(src, work)
    if prepare:
        prepare()
    r = cxo(work, args, {"LD_PRELOAD": SHIM, "CXO_FAULT_LOG": log})
    if r.returncode != 0:
        problem("%s: fails with no fault: %s" % (name, r.stderr.strip()))
        return
    counts = counts_of(log)
    i = 0
    for kind in KINDS:
        for n in spread(counts[kind], PER_KIND):
            err = "EIO" if i % 2 == 0 else "ENOSPC"
            i += 1
            fresh(src, work)
            if prepare:
                prepare()
            before = dump(work)[1]
            r = cxo(work, args, {"LD_PRELOAD": SHIM, "CXO_FAULT_LOG": log, "CXO_FAULT_CALL": kind,
                                 "CXO_FAULT_NTH": str(n), "CXO_FAULT_ERRNO": err})
            figures["runs"] += 1
            if not counts_of(log)["injected"]:
                continue  # the run took another path: no Nth call
            figures["injected"] += 1
            figures["by_kind"][kind] += 1
            figures["by_errno"][err] += 1
            judge("%s (%s #%d %s)" % (name, kind, n, err), r, before)


for src, args in COMMANDS:
    run_faulty(" ".join(args[:2]), src, args, lambda name, r, before: judge_write(name, r, before, None, True))

# ---- backup ----
out = os.path.join(root, "out")
os.makedirs(out)
target = os.path.join(out, "b.db")


def judge_backup(name, r, before):
    ok, rows = dump(work)
    if not ok or rows != before:
        problem("%s: the database changed" % name)
    if leftovers(out):
        problem("%s: a temporary directory is left: %s" % (name, leftovers(out)))
    if r.returncode == 0:
        figures["survived"] += 1
        bok, brows = dump(target)
        if not bok or brows != before:
            problem("%s: exit 0 but the backup is not whole" % name)
        os.unlink(target)
        return
    figures["failed"] += 1
    if os.path.exists(target):
        problem("%s: exit %d and a file is left under the backup's name" % (name, r.returncode))
        os.unlink(target)
    if "work.db" in r.stderr:
        problem("%s: the message names the database, not the backup file: %s"
                % (name, r.stderr.strip()))
    if r.returncode != 74 or "b.db" not in r.stderr:
        problem("%s: exit %d (expected 74 naming the backup file): %s"
                % (name, r.returncode, r.stderr.strip()))


def no_target():
    if os.path.exists(target):
        os.unlink(target)


run_faulty("backup", base, ["backup", target], judge_backup, no_target)

# ---- restore ----
good_rows = dump(good)[1]


def judge_restore(name, r, before):
    ok, rows = dump(work)
    if not ok:
        problem("%s: the database fails integrity_check (exit %d)" % (name, r.returncode))
    if leftovers(root):
        problem("%s: a temporary directory is left: %s" % (name, leftovers(root)))
        for d in leftovers(root):
            shutil.rmtree(os.path.join(root, d))
    kept = backups()
    if r.returncode == 0 or (r.returncode == 74 and "is restored" in r.stderr):
        figures["survived"] += 1
        if rows != good_rows:
            problem("%s: exit %d but the database is not the backup" % (name, r.returncode))
        if len(kept) != 1 or dump(os.path.join(root, "home/data/cxo/backups", kept[0]))[1] != before:
            problem("%s: exit %d but the database before is not kept" % (name, r.returncode))
        return
    figures["failed"] += 1
    if r.returncode != 74 or not r.stderr.startswith("cxo: "):
        problem("%s: exit %d (expected 74): %s" % (name, r.returncode, r.stderr.strip()))
    if rows != before:
        problem("%s: exit %d but the database changed" % (name, r.returncode))
    if kept:
        problem("%s: exit %d but a backup was kept: %s" % (name, r.returncode, kept))


def prepare_restore():
    clean_backups()
    # The database as cxo leaves it: WAL, its -wal and -shm beside it.
    cxo(work, ["-C", "acme", "log", "15m", "before the restore"])


run_faulty("restore", base, ["restore", good], judge_restore, prepare_restore)

# ---- sync ----
# A device with changes to send (the sample's and two more) and a folder
# another device joined; each fault either fails the run with a message
# (73 or 74), the database whole, or lets it finish.  Either way the next
# run without a fault sends every change, and the other device applies
# them all: no file half written, none lost, none taken twice.
folder = os.path.join(root, "folder")
pristine = os.path.join(root, "folder.pristine")
syncbase = os.path.join(root, "syncbase.db")
reader_base = os.path.join(root, "reader.base.db")
reader = os.path.join(root, "reader.db")
fresh(base, work)
setup = [cxo(work, ["sync", "init", folder, "--device", "laptop"]),
         cxo(reader, ["sync", "init", folder, "--device", "desk"]),
         cxo(work, ["-C", "acme", "log", "20m", "to send"]),
         cxo(work, ["-C", "acme", "note", "add", "also to send"]),
         cxo(work, ["backup", syncbase]), cxo(reader, ["backup", reader_base])]
if any(r.returncode for r in setup):
    problem("sync: setup failed: " + " | ".join(r.stderr.strip() for r in setup))
shutil.copytree(folder, pristine)
con = sqlite3.connect(reader_base)
had = con.execute("SELECT applied_seq FROM sync_peers WHERE device = 'laptop'").fetchone()[0]
con.close()


def prepare_sync():
    shutil.rmtree(folder)
    shutil.copytree(pristine, folder)


def judge_sync(name, r, before):
    ok, rows = dump(work)
    if not ok:
        problem("%s: the database fails integrity_check (exit %d)" % (name, r.returncode))
    if r.returncode == 0:
        figures["survived"] += 1
    else:
        figures["failed"] += 1
        if r.returncode not in (73, 74) or not r.stderr.startswith("cxo: "):
            problem("%s: exit %d (expected 74): %s" % (name, r.returncode, r.stderr.strip()))
    again = cxo(work, ["sync"])
    if again.returncode != 0 or again.stderr:
        problem("%s: the run after it: exit %d: %s" % (name, again.returncode, again.stderr.strip()))
    con = sqlite3.connect(work)
    unsent, sent = con.execute("SELECT (SELECT count(*) FROM journal WHERE device IS NULL AND "
                               "out_seq IS NULL), (SELECT out_seq FROM sync_state)").fetchone()
    con.close()
    names = sorted(n for n in os.listdir(os.path.join(folder, "devices/laptop"))
                   if not n.startswith("."))
    if unsent or names != ["%08d.changeset" % i for i in range(1, sent + 1)]:
        problem("%s: after the next run %d changes unsent, files %s" % (name, unsent, names))
    fresh(reader_base, reader)
    got = cxo(reader, ["sync"])
    if got.returncode != 0 or got.stderr or "applied %d from laptop" % (sent - had) not in got.stdout:
        problem("%s: the other device: exit %d: %s %s"
                % (name, got.returncode, got.stdout.strip(), got.stderr.strip()))


run_faulty("sync", syncbase, ["sync"], judge_sync, prepare_sync)

# ---- kills ----
big = os.path.join(root, "big.db")
fresh(base, big)
con = sqlite3.connect(big)
client = con.execute("select id from clients where key = 'acme'").fetchone()[0]
text = "A long note about the state of the infrastructure. " * 60
con.executemany("insert into notes(id, client_id, body, created) values (?, ?, ?, ?)",
                [(str(uuid.uuid4()), client, text, "2026-11-%02dT10:00:00Z" % (1 + i % 28))
                 for i in range(2500)])
con.commit()
con.close()


def notes(path):
    """integrity_check's verdict and the number of notes: enough to tell
    the big database before a write from after it, and whole from not."""
    try:
        con = sqlite3.connect(path)
        ok = [r[0] for r in con.execute("PRAGMA integrity_check")] == ["ok"]
        n = con.execute("select count(*) from notes").fetchone()[0]
        con.close()
        return ok, n
    except sqlite3.Error:
        return False, -1


big_rows = notes(big)[1]
good_notes = notes(good)[1]
kills = {"backup": [0, 0, 0], "restore": [0, 0, 0], "write": [0, 0, 0]}  # killed, whole/after, absent/before


def timed(args, db):
    t = time.monotonic()
    r = cxo(db, args)
    return time.monotonic() - t, r


def kill_after(db, args, delay):
    p = subprocess.Popen([CXO, "-d", db] + args, env=env(), cwd=root, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    return p.wait() == -signal.SIGKILL


t_backup, r = timed(["backup", os.path.join(out, "timing.db")], big)
for i in range(KILLS):
    t = os.path.join(out, "k%d.db" % i)
    if kill_after(big, ["backup", t], random.uniform(0.1, 1.0) * t_backup):
        kills["backup"][0] += 1
    if os.path.exists(t):
        ok, rows = notes(t)
        if not ok or rows != big_rows:
            problem("kill %d: a backup that is not whole is left under its name" % i)
        kills["backup"][1] += 1
    else:
        kills["backup"][2] += 1
for d in leftovers(out):  # what a killed backup may leave: removed
    shutil.rmtree(os.path.join(out, d))

fresh(big, work)
t_write, r = timed(["-C", "acme", "note", "add", "timing"], work)
for i in range(KILLS):
    fresh(big, work)
    if kill_after(work, ["-C", "acme", "note", "add", "killed %d" % i],
                  random.uniform(0.1, 1.0) * t_write):
        kills["write"][0] += 1
    ok, rows = notes(work)
    if not ok:
        problem("kill %d: the database fails integrity_check after a killed write" % i)
    elif rows == big_rows:
        kills["write"][2] += 1
    elif rows == big_rows + 1:
        kills["write"][1] += 1
    else:
        problem("kill %d: a killed write left part of its change" % i)

fresh(big, work)
t_restore, r = timed(["restore", good], work)
for i in range(KILLS):
    fresh(big, work)
    clean_backups()
    if kill_after(work, ["restore", good], random.uniform(0.1, 1.0) * t_restore):
        kills["restore"][0] += 1
    ok, rows = notes(work)
    if not ok:
        problem("kill %d: the database fails integrity_check after a killed restore" % i)
    elif rows == good_notes:
        kills["restore"][1] += 1
    elif rows == big_rows:
        kills["restore"][2] += 1
    else:
        problem("kill %d: a killed restore left a database that is neither" % i)
    for b in backups():
        bok, brows = notes(os.path.join(root, "home/data/cxo/backups", b))
        if not bok or brows != big_rows:
            problem("kill %d: a kept backup that is not whole" % i)

shutil.rmtree(root, ignore_errors=True)
f = figures
print("faults: %d runs over %d commands, %d with a fault injected (write %d, pwrite %d, fsync %d, "
      "ftruncate %d; EIO %d, ENOSPC %d): %d failed cleanly, %d completed whole"
      % (f["runs"], f["commands"], f["injected"], f["by_kind"]["write"], f["by_kind"]["pwrite"],
         f["by_kind"]["fsync"], f["by_kind"]["ftruncate"], f["by_errno"]["EIO"],
         f["by_errno"]["ENOSPC"], f["failed"], f["survived"]))
print("kills: %d backups (%d killed: %d whole, %d absent), %d writes (%d killed: %d done, %d not), "
      "%d restores (%d killed: %d restored, %d as before)"
      % (KILLS, kills["backup"][0], kills["backup"][1], kills["backup"][2], KILLS, kills["write"][0],
         kills["write"][1], kills["write"][2], KILLS, kills["restore"][0], kills["restore"][1],
         kills["restore"][2]))
print("faults: %d problems" % len(problems))
sys.exit(1 if problems else 0)
