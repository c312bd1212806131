#!/usr/bin/env python3
"""Write the bundled offline demo recording: pypistats.org answers for a fictitious package.

The package `tidewater` does not exist; every number here comes from the model below, never from
real data. The script is deterministic (one fixed seed, one `random.Random` per day), so running
it twice writes the same bytes; `scripts/check-demo-recording` relies on that.

The model (one daily truth, generated once; each night's answers are views of it):

* without_mirrors = trend × weekday rhythm × noise. The trend grows geometrically from ~800/day
  (2025-11-26) to ~2,500/day (2026-11-21); weekends are 55–65% of a weekday; noise is
  log-normal (sigma 0.07).
* with_mirrors = without_mirrors plus 15–30% mirror traffic (bandersnatch, devpi, ...).
* Releases (RELEASES): on the release day and the day after, without_mirrors and with_mirrors
  are multiplied by the listed factors (mirrors resync every file, so with_mirrors jumps ×3–5).
* Outage (OUTAGE_DAY): counts fall to 0.2% of normal, like pypistats.org's real 2024-06-19.
* python_minor and system split without_mirrors exactly (largest remainder, so they sum to it).
  Python shares drift towards newer versions over the year; "3.14" appears from 2026-10-07;
  "3.8" shows up on some days only, with a handful of downloads. System is mostly Linux;
  "other" is 0–3 a day. A category with 0 downloads gets no row (pypistats series are sparse).
* Revisions (REVISIONS): the night of 2026-11-22 re-runs the two newest days the night before
  reported, scaling their counts up by the listed factors (pypistats deletes and re-inserts).

pypistats.org answers on night N with dates N-181 ... N-1 (181 dates, newest is yesterday), rows
ordered by category then date, bodies as Flask's jsonify writes them (compact, sorted keys,
trailing newline). `recent` is computed from that night's without_mirrors series.

Each request becomes one exchange file, OUT/<night>/<slug>.json.gz, in Almanac's record/replay
format (format_version 1, kind "exchange").
"""
import argparse
import datetime as dt
import gzip
import json
import math
import random
import re
import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo_clickhouse  # noqa: E402  (the ClickHouse tables of the same truth)

SEED = "almanac-demo-recording/tidewater/v1"
PACKAGE = "tidewater"
BASE_URL = "https://pypistats.org/api"
OWNED_PREFIX = "pypistats.org_"  # file names GET_pypistats.org_… are this script's
NIGHTS = ["2026-05-26", "2026-11-20", "2026-11-21", "2026-11-22"]
WINDOW = 181  # pypistats.org keeps D-180 ... D
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "Sources/AlmanacCLI/Resources/demo-recording"

START_PER_DAY, END_PER_DAY = 800, 2500
# release date, version, (without_mirrors ×, with_mirrors ×) on the day and on the day after
RELEASES = [
    ("2025-02-11", "1.2.0", (1.50, 4.0), (1.30, 3.0)),  # before the pypistats window: ClickHouse only
    ("2025-07-08", "1.3.0", (1.55, 4.4), (1.35, 3.2)),
    ("2026-03-03", "1.4.0", (1.55, 4.6), (1.35, 3.4)),
    ("2026-07-14", "1.5.0", (1.60, 4.9), (1.40, 3.8)),
    ("2026-10-14", "2.0.0", (1.50, 4.2), (1.30, 3.1)),
]
OUTAGE_DAY, OUTAGE_FRACTION = "2026-06-19", 0.002
REVISION_NIGHT = "2026-11-22"
REVISIONS = {"2026-11-19": 1.012, "2026-11-20": 1.027}
# python_minor weights at the start and at the end of the year (interpolated, then normalised)
PYTHON_DRIFT = {"3.9": (0.12, 0.04), "3.10": (0.19, 0.11), "3.11": (0.27, 0.19),
                "3.12": (0.27, 0.28), "3.13": (0.10, 0.25), "null": (0.05, 0.04)}
PY314_FROM, PY314_END_WEIGHT = "2026-10-07", 0.09
SYSTEM_DRIFT = {"Linux": (0.78, 0.82), "Windows": (0.12, 0.10), "Darwin": (0.08, 0.06), "null": (0.015, 0.015)}


def day(text):
    return dt.date.fromisoformat(text)


FIRST = day(NIGHTS[0]) - dt.timedelta(days=WINDOW)  # oldest date any night reports
LAST = day(NIGHTS[-1]) - dt.timedelta(days=1)        # newest date any night reports


def split(total, weights):
    """Integer counts proportional to `weights` that sum exactly to `total` (largest remainder)."""
    scale = sum(weights.values())
    exact = {k: total * w / scale for k, w in weights.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (counts[k] - exact[k], k))
    for k in by_remainder[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def drifted(table, t, rng):
    return {k: (a + (b - a) * t) * math.exp(rng.gauss(0, 0.05)) for k, (a, b) in table.items()}


def truth_for(date):
    """One day of the underlying truth: totals, category weights and the small fixed counts."""
    rng = random.Random(f"{SEED}/{date.isoformat()}")
    t = (date - FIRST).days / (LAST - FIRST).days
    base = START_PER_DAY * (END_PER_DAY / START_PER_DAY) ** t * math.exp(rng.gauss(0, 0.07))
    if date.weekday() >= 5:
        base *= rng.uniform(0.55, 0.65)
    mirrors = 1 + rng.uniform(0.15, 0.30)
    without, with_ = base, base * mirrors
    for released, _, on_day, after in RELEASES:
        offset = (date - day(released)).days
        if offset in (0, 1):
            m_without, m_with = on_day if offset == 0 else after
            without, with_ = base * m_without, base * mirrors * m_with
    python, system = drifted(PYTHON_DRIFT, t, rng), drifted(SYSTEM_DRIFT, t, rng)
    if date >= day(PY314_FROM):
        ramp = (date - day(PY314_FROM)).days / (LAST - day(PY314_FROM)).days
        python["3.14"] = 0.005 + (PY314_END_WEIGHT - 0.005) * ramp
    py38 = rng.randint(1, 4) if rng.random() < 0.45 - 0.35 * t else 0
    other = rng.choice([0, 0, 1, 1, 2, 3])
    if date == day(OUTAGE_DAY):
        without, with_ = without * OUTAGE_FRACTION, with_ * OUTAGE_FRACTION
        py38 = other = 0
    return {"without": round(without), "with": max(round(with_), round(without)),
            "python": python, "py38": py38, "system": system, "other": other}


def counts_for(truth, factor=1.0):
    """Per-endpoint counts for one day; `factor` scales a re-run (revision) of the day."""
    without, with_ = round(truth["without"] * factor), round(truth["with"] * factor)
    py38, other = min(truth["py38"], without), min(truth["other"], without)
    python = split(without - py38, truth["python"]) | {"3.8": py38}
    system = split(without - other, truth["system"]) | {"other": other}
    return {"overall": {"with_mirrors": with_, "without_mirrors": without},
            "python_minor": python, "system": system}


def night_view(truths, night):
    """What pypistats.org answers on `night`: {endpoint: body object}."""
    newest = day(night) - dt.timedelta(days=1)
    dates = [newest - dt.timedelta(days=i) for i in range(WINDOW - 1, -1, -1)]
    rows = {"overall": [], "python_minor": [], "system": []}
    for date in dates:
        revised = night >= REVISION_NIGHT and date.isoformat() in REVISIONS
        counts = counts_for(truths[date], REVISIONS[date.isoformat()] if revised else 1.0)
        for endpoint, by_category in counts.items():
            rows[endpoint] += [{"category": c, "date": date.isoformat(), "downloads": n}
                               for c, n in by_category.items() if n > 0]  # sparse: no zero rows
    bodies = {}
    daily = {r["date"]: r["downloads"] for r in rows["overall"] if r["category"] == "without_mirrors"}

    def window(days):  # date > D - days
        return sum(n for d, n in daily.items() if day(d) > newest - dt.timedelta(days=days))

    bodies["recent"] = {"data": {"last_day": daily.get(newest.isoformat(), 0),
                                 "last_month": window(30), "last_week": window(7)},
                        "package": PACKAGE, "type": "recent_downloads"}
    for endpoint, data in rows.items():
        data.sort(key=lambda r: (r["category"], r["date"]))  # ORDER BY category, date
        bodies[endpoint] = {"data": data, "package": PACKAGE, "type": f"{endpoint}_downloads"}
    return bodies


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def slug(method, url):
    name = method + "_" + re.sub(r"[^A-Za-z0-9._-]", "_", re.sub(r"^https?://", "", url))
    if len(name) > 180:
        name = name[:163] + "-" + format(fnv1a64(f"{method} {url}"), "016x")
    return name


def exchange_bytes(url, body):
    text = json.dumps(body, sort_keys=True, separators=(",", ":")) + "\n"  # Flask jsonify
    doc = {"format_version": 1, "kind": "exchange",
           "request": {"method": "GET", "url": url},
           "response": {"status": 200, "headers": {"content-type": "application/json"}, "body": text}}
    data = (json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return gzip.compress(data, compresslevel=9, mtime=0)


def readme():
    releases = "\n".join(
        f"- {d} (release {v}): without_mirrors ×{a[0]}, with_mirrors ×{a[1]} on the day; "
        f"×{b[0]} and ×{b[1]} the day after" for d, v, a, b in RELEASES)
    revisions = "\n".join(f"- {d}: revised by +{(f - 1) * 100:.1f}% on night {REVISION_NIGHT}"
                          for d, f in REVISIONS.items())
    return f"""# Demo recording: pypistats.org answers for `{PACKAGE}`

Recorded-format HTTP exchanges that `almanac demo` replays offline. `{PACKAGE}` is a fictitious
package: every number is generated by `scripts/make-demo-recording.py` from a seeded model. The
files are never hand-edited and never copied from real data; to change them, edit the script,
re-run it, and commit both (`scripts/check-demo-recording` verifies they match).

Nights, one directory each: {", ".join(NIGHTS)}. pypistats.org's newest date is the day
before the night, and each answer holds 181 dates. Dates from the first night have left the
later windows, so the demo shows history kept beyond pypistats.org's 181 days.

Each night has four exchanges: `GET {BASE_URL}/packages/{PACKAGE}/{{recent,overall,python_minor,system}}`.

Planted events:

{releases}
- {OUTAGE_DAY}: outage, all counts at {OUTAGE_FRACTION * 100:.1f}% of normal (like pypistats.org's 2024-06-19)
{revisions}
- "3.14" appears in python_minor from {PY314_FROM}; "3.8" and system "other" are sparse (absent on some days)

## ClickHouse answers (`POST_sql-clickhouse.clickhouse.com_…`)

The `pypi` and `github-events` sources' answers, for `tidewater` and `{demo_clickhouse.REPO}`. They
are recorded, not written: `make-demo-recording.py --clickhouse-rows DIR` writes ClickPy and
GitHub-events table rows from the same truth (`scripts/demo_clickhouse.py` describes the model),
and `Tests/AlmanacCLITests/DemoRecordingTests.swift` loads the days before each night into a real
ClickHouse server and records what `almanac demo`'s own nightly job asks (`scripts/make-demo-recording`
does both). The first night backfills 400 days; the data set starts {demo_clickhouse.HISTORY_FROM}.

- ClickHouse totals follow with_mirrors within 1%, except {", ".join(f"{d} (×{f})" for d, f in demo_clickhouse.DIVERGENT.items())}
  and pypistats.org's outage day {OUTAGE_DAY} (the download log kept counting): the consistency check reports both
- installer `{demo_clickhouse.UNKNOWN_INSTALLER}` is not in the rule table: the "unknown installer" diagnostic
- GitHub-only release tags: {", ".join(f"{t} ({d})" for d, t in demo_clickhouse.GITHUB_ONLY_RELEASES.items())}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--clickhouse-rows", type=Path, metavar="DIR",
                        help="write only the synthetic ClickHouse tables (TSV) into DIR, for "
                             "Tests/EndToEndTests/DemoRecordingTests.swift to load and record")
    args = parser.parse_args()
    if args.clickhouse_rows:
        demo_clickhouse.write_rows(args.clickhouse_rows, truth_for, RELEASES, OUTAGE_DAY, day(NIGHTS[-1]))
        return
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    # This script owns the pypistats.org exchanges only; the ClickHouse ones (POST_sql-clickhouse…)
    # are recorded by DemoRecordingTests and left alone here.
    for night_dir in out.iterdir():
        if night_dir.is_dir() and re.fullmatch(r"\d{4}-\d\d-\d\d", night_dir.name):
            for f in night_dir.glob(f"GET_{OWNED_PREFIX}*"):
                f.unlink()
            if night_dir.name not in NIGHTS and not any(night_dir.iterdir()):
                night_dir.rmdir()
    truths = {FIRST + dt.timedelta(days=i): truth_for(FIRST + dt.timedelta(days=i))
              for i in range((LAST - FIRST).days + 1)}
    for night in NIGHTS:
        (out / night).mkdir(exist_ok=True)
        sizes = []
        for endpoint, body in night_view(truths, night).items():
            url = f"{BASE_URL}/packages/{PACKAGE}/{endpoint}"
            data = exchange_bytes(url, body)
            (out / night / f"{slug('GET', url)}.json.gz").write_bytes(data)
            sizes.append(len(data))
        print(f"{night}: {len(sizes)} files, {sum(sizes)} bytes", file=sys.stderr)
    (out / "README.md").write_text(readme(), encoding="utf-8")


if __name__ == "__main__":
    main()
