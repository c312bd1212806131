#!/usr/bin/env python3
"""Generates a year of PyPI detail rows (date x version x installer x type x country) for one
large made-up package, as an Almanac detail records file (#almanac:detail:1). Seeded, so the
same arguments always write the same bytes. Used by Benchmarks/classify-bench.

The skew is meant to look like a popular package's: ~150 versions (100 older than the year, one
release a week after that), newer versions pulled most by people; pip dominant, then uv and
poetry; mirrors (bandersnatch, z3c.pypimirror, pep381client) fetch every version alike, proxies
(Nexus, Artifactory, devpi) follow demand; a long tail of countries (Zipf); wheels far above
sdists; a weekly dip at weekends and growth over the year; one unknown installer name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import numpy as np
import pandas as pd

INSTALLERS = [  # name, share of draws, how it picks versions
    ("pip", 0.60, "demand"), ("uv", 0.08, "demand"), ("poetry", 0.03, "demand"), ("pdm", 0.005, "demand"),
    ("conda", 0.002, "demand"), ("pipenv", 0.003, "demand"), ("pex", 0.002, "demand"),
    ("bandersnatch", 0.06, "sync"), ("z3c.pypimirror", 0.002, "sync"), ("pep381client", 0.002, "sync"),
    ("Nexus", 0.03, "demand"), ("Artifactory", 0.03, "demand"), ("devpi", 0.01, "demand"),
    ("requests", 0.03, "sync"), ("Browser", 0.02, "sync"), ("", 0.04, "demand"), ("OS", 0.003, "demand"),
    ("Homebrew", 0.003, "demand"), ("setuptools", 0.005, "demand"), ("Bazel", 0.004, "demand"),
    ("twine", 0.001, "demand"), ("maturin", 0.001, "demand"), ("fetchbot", 0.001, "sync"),
]
TYPES = [("bdist_wheel", 0.88), ("sdist", 0.12)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, default=5_000_000, help="at least this many rows")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--package", default="bigpkg")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    start = dt.date(2025, 11, 23)
    days = 365
    versions = [f"2.{k // 5}.{k % 5}" for k in range(150)]
    released = np.array([-1000 + k for k in range(100)] + [(k - 100) * 7 for k in range(100, 150)])
    countries = [""] + [chr(65 + a) + chr(65 + b) for a in range(26) for b in range(26)][::8][:80]
    cw = 1 / np.arange(1, len(countries) + 1) ** 1.2
    cw /= cw.sum()
    names = np.array([i[0] for i in INSTALLERS], dtype=object)
    iw = np.array([i[1] for i in INSTALLERS])
    iw /= iw.sum()
    sync = np.array([i[2] == "sync" for i in INSTALLERS])
    tw = np.array([t[1] for t in TYPES])

    per_day = int(args.rows / days * 1.03) + 1
    frames = []
    total = 0
    for d in range(days):
        live = np.flatnonzero(released <= d)
        age = d - released[live]
        # People: newest versions most, decaying with age; one old "LTS" stays popular.
        demand = np.exp(-age / 120.0) + (live == 60) * 0.5
        demand /= demand.sum()
        draws = int(per_day * 2.2)
        while True:
            inst = rng.choice(len(names), size=draws, p=iw)
            ver_d = live[rng.choice(len(live), size=draws, p=demand)]
            ver_s = live[rng.integers(0, len(live), size=draws)]
            ver = np.where(sync[inst], ver_s, ver_d)
            typ = rng.choice(len(TYPES), size=draws, p=tw)
            cty = rng.choice(len(countries), size=draws, p=cw)
            key = ((ver * len(names) + inst) * len(TYPES) + typ) * len(countries) + cty
            uniq, counts = np.unique(key, return_counts=True)
            if len(uniq) >= per_day or draws > per_day * 40:
                break
            draws *= 2
        if len(uniq) > per_day:
            keep = np.sort(rng.choice(len(uniq), size=per_day, replace=False))
            uniq, counts = uniq[keep], counts[keep]
        scale = (1.0 + d / days) * (0.6 if (start + dt.timedelta(days=d)).weekday() >= 5 else 1.0)
        downloads = np.maximum(1, (counts * rng.lognormal(2.0, 1.2, size=len(uniq)) * scale).astype(np.int64))
        cty = uniq % len(countries)
        rest = uniq // len(countries)
        typ = rest % len(TYPES)
        rest //= len(TYPES)
        inst = rest % len(names)
        ver = rest // len(names)
        frames.append(pd.DataFrame({
            "date": (start + dt.timedelta(days=d)).isoformat(), "package": args.package,
            "version": np.array(versions, dtype=object)[ver], "installer": names[inst],
            "type": np.array([t[0] for t in TYPES], dtype=object)[typ],
            "country": np.array(countries, dtype=object)[cty], "downloads": downloads,
        }))
        total += len(uniq)
    df = pd.concat(frames, ignore_index=True)
    df.sort_values(["date", "package", "version", "installer", "type", "country"], inplace=True, kind="stable")
    with open(args.out, "w", newline="\n") as f:
        f.write(f"#almanac:detail:1 snapshot={(start + dt.timedelta(days=days - 1)).isoformat()}\n")
        f.write("date,package,version,installer,type,country,downloads\n")
        df.to_csv(f, header=False, index=False, lineterminator="\n")
    print(f"{len(df)} rows", file=sys.stderr)
    if len(df) < args.rows:
        print(f"classify_gen.py: only {len(df)} rows, fewer than --rows {args.rows}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
