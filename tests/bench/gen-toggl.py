#!/usr/bin/env python3
"""gen-toggl.py: a Toggl Track detailed report (CSV) for the import benchmark.

    python3 tests/bench/gen-toggl.py ROWS OUT.csv "Client Name" ["Client Name"...]

One person; the given clients in turn; days spread over the 3,000 from
2015-01-01 (the generated portfolios lock no month); durations from 10
seconds (about 1% of the rows, some skipped) to 4 hours; descriptions with commas and quotes now and
then, so the reader takes its quoted path too.  Deterministic (seed 7).
"""
import csv
import datetime
import random
import sys

rows, out, clients = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
rnd = random.Random(7)


def hms(s):
    return "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


words = ("review", "call", "vendor", "policy", "board", "roadmap", "audit", "migration",
         "hiring", "budget", "security", "network")
with open(out, "w", newline="", encoding="utf-8") as fp:
    w = csv.writer(fp, lineterminator="\n")
    w.writerow(["User", "Email", "Client", "Project", "Task", "Description", "Billable",
                "Start date", "Start time", "End date", "End time", "Duration", "Tags",
                "Amount (USD)"])
    for i in range(rows):
        day = datetime.date(2015, 1, 1).toordinal() + i * 3000 // rows
        d = datetime.date.fromordinal(day).isoformat()
        secs = rnd.choice((10, 45)) if rnd.random() < 0.01 else rnd.randrange(300, 4 * 3600)
        start = rnd.randrange(7 * 3600, 19 * 3600)
        end = min(start + secs, 86399)
        desc = " ".join(rnd.choice(words) for _ in range(rnd.randrange(2, 7)))
        if rnd.random() < 0.1:
            desc += ', "follow-up"'
        w.writerow(["Dana Reyes", "dana@example.com", clients[i % len(clients)],
                    rnd.choice(("", "Roadmap", "Security", "Ops")), rnd.choice(("", "Meetings")),
                    desc, "Yes" if rnd.random() < 0.8 else "No", d, hms(start), d, hms(end),
                    hms(secs), "", "%.2f" % (secs / 3600 * 150)])
