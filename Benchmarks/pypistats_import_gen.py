#!/usr/bin/env python3
"""Writes N days of stored pypistats.org answers, as a git-scraping repository keeps them:
DIR/<YYYY-MM-DD>/<package>-<endpoint>.json, each the compact JSON the site sends (keys sorted),
181 days of rows (fewer at the start), sparse (zero days have no row), one day lost at the
source (absent from every answer).

    pypistats_import_gen.py DIR [--days 1500] [--package tidewater]
"""
import argparse, datetime, json, os

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--days", type=int, default=1500)
p.add_argument("--package", default="tidewater")
a = p.parse_args()

start = datetime.date(2022, 1, 1)
outage = start + datetime.timedelta(days=400)
epoch = datetime.date(1970, 1, 1)


def rows(day):
    first = max(start - datetime.timedelta(days=30), day - datetime.timedelta(days=181))
    d = first
    while d < day:
        if d != outage:
            yield d.isoformat(), (d - epoch).days
        d += datetime.timedelta(days=1)


def body(kind, data):
    return json.dumps({"data": data, "package": a.package, "type": kind}, sort_keys=True, separators=(",", ":")) + "\n"


for i in range(a.days):
    day = start + datetime.timedelta(days=i)
    days = list(rows(day))
    overall = [{"category": c, "date": d, "downloads": n} for c, f in (("with_mirrors", 300), ("without_mirrors", 200))
               for d, o in days for n in [f + o * 31 % 97]]
    minor = [{"category": c, "date": d, "downloads": n} for c, g in (("3.12", lambda o: 120 + o % 11), ("3.13", lambda o: o % 4))
             for d, o in days for n in [g(o)] if n]
    major = [{"category": "3", "date": d, "downloads": 120 + o % 11 + o % 4} for d, o in days]
    system = [{"category": c, "date": d, "downloads": n} for c, g in (("Linux", lambda o: 180 + o % 9), ("Windows", lambda o: o % 3))
              for d, o in days for n in [g(o)] if n]
    last = [r for r in overall if r["category"] == "without_mirrors"]
    recent = {"last_day": last[-1]["downloads"] if last else 0, "last_week": sum(r["downloads"] for r in last[-7:]),
              "last_month": sum(r["downloads"] for r in last[-30:])}
    folder = os.path.join(a.dir, day.isoformat())
    os.makedirs(folder, exist_ok=True)
    for name, text in (("recent", body("recent_downloads", recent)), ("overall", body("overall_downloads", overall)),
                       ("python_major", body("python_major_downloads", major)), ("python_minor", body("python_minor_downloads", minor)),
                       ("system", body("system_downloads", system))):
        with open(os.path.join(folder, f"{a.package}-{name}.json"), "w") as f:
            f.write(text)
