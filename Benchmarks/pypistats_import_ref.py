#!/usr/bin/env python3
"""The reference for Benchmarks/pypistats-import: what a user would write without Almanac to
merge a git-scraping repository of pypistats.org answers (DIR/<YYYY-MM-DD>/<package>-<endpoint>.json)
into one CSV per endpoint — every answer parsed, the newest answer's value kept per
(category, date), rows written sorted. It does less than `almanac import` (no validation of
bodies, no raw snapshots, no per-day records, no outage or provisional handling, no fsync), so
the ratio is an upper bound on Almanac's overhead, not a like-for-like race.

    pypistats_import_ref.py DIR OUT
"""
import csv, json, os, sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
merged = {}
for day in sorted(os.listdir(src)):
    folder = os.path.join(src, day)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        endpoint = name[:-5].rsplit("-", 1)[-1]
        if endpoint == "recent":
            continue
        with open(os.path.join(folder, name)) as f:
            answer = json.load(f)
        table = merged.setdefault(endpoint, {})
        for row in answer.get("data") or []:
            table[(row["date"], row["category"])] = row["downloads"]
for endpoint, table in merged.items():
    with open(os.path.join(out, f"{endpoint}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "category", "downloads"])
        for (date, category), n in sorted(table.items()):
            w.writerow([date, category, n])
