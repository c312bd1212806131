#!/usr/bin/env python3
"""Timing harness for Benchmarks/classify-bench (run with Benchmarks/.venv's Python).

Runs Almanac's streaming classifier (`almanac classify-detail`), pandas and DuckDB (one thread,
and all threads for information) over the same detail CSV; each command runs under
`/usr/bin/time -v` for its peak memory (maximum resident set size) and is timed with
time.perf_counter() around subprocess.run(). One checked warm-up per command (its outputs are
compared across the three tools: same per-day class totals, same could-be-human totals, same
per-version class totals), then N interleaved rounds. Prints median (min) seconds, rows/s,
peak RSS, and ratios against Almanac. See Benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


class BenchError(Exception):
    pass


def timed(cmd: list[str], cwd: str) -> tuple[float, int, float]:
    """Wall seconds, peak RSS in KiB and CPU seconds (user + system) of one run; raises if the
    command fails."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if not m:
        raise BenchError(f"/usr/bin/time -v printed no maximum resident set size for {cmd[0]}")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))
    return wall, int(m.group(1)), cpu


def read_almanac(path: Path):
    by_day, human, by_version = {}, {}, {}
    with open(path, newline="") as f:
        next(f)
        for row in csv.DictReader(f):
            dim, cat, n = row["dimension"], row["category"], int(row["downloads"])
            if dim == "installer_class":
                by_day[(row["date"], cat)] = n
            elif dim == "audience" and cat == "could_be_human":
                human[row["date"]] = n
            elif dim.startswith("version_"):
                by_version[(row["date"], cat, dim[len("version_"):])] = n
    return by_day, human, by_version


def read_reference(outdir: Path):
    by_day, human, by_version = {}, defaultdict(int), {}
    with open(outdir / "by_day.csv", newline="") as f:
        for row in csv.DictReader(f):
            by_day[(row["date"], row["class"])] = int(row["downloads"])
            human[row["date"]] += int(row["could_be_human"])
    with open(outdir / "by_version.csv", newline="") as f:
        for row in csv.DictReader(f):
            by_version[(row["date"], row["version"], row["class"])] = int(row["downloads"])
    return by_day, dict(human), by_version


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shuffled", help="the same rows in another order (a query without ORDER BY)")
    ap.add_argument("--compare-bin", help="another build's directory (say, before a change), timed in the same rounds")
    args = ap.parse_args()
    data = str(Path(args.data).resolve())
    args.bin = str(Path(args.bin).resolve())
    py = sys.executable
    nproc = os.cpu_count() or 1
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="almanac-classify-bench."))
    commands = {
        "almanac (streaming, 1 thread)": [f"{args.bin}/almanac", "classify-detail", data, "-o", str(work / "almanac.csv"), "--quiet", "--config", str(work / "none.yml")],
        **({"almanac (rows in any order)": [f"{args.bin}/almanac", "classify-detail", str(Path(args.shuffled).resolve()), "-o", str(work / "almanac-shuffled.csv"), "--quiet", "--config", str(work / "none.yml")]} if args.shuffled else {}),
        **({f"{label} [--compare-bin]": [f"{Path(args.compare_bin).resolve()}/almanac", "classify-detail", path, "-o", str(work / f"compare{i}.csv"), "--quiet", "--config", str(work / "none.yml")]
            for i, (label, path) in enumerate([("almanac", data)] + ([("almanac any order", str(Path(args.shuffled).resolve()))] if args.shuffled else []))}
           if args.compare_bin else {}),
        "duckdb (threads=1)": [py, str(HERE / "classify_ref.py"), "duckdb", data, str(work / "duckdb1"), "--threads", "1"],
        **({"duckdb (threads=1, rows in any order)": [py, str(HERE / "classify_ref.py"), "duckdb", str(Path(args.shuffled).resolve()), str(work / "duckdb1s"), "--threads", "1"]}
           if args.shuffled else {}),
        f"duckdb (threads={nproc})": [py, str(HERE / "classify_ref.py"), "duckdb", data, str(work / "duckdbN"), "--threads", str(nproc)],
        "pandas": [py, str(HERE / "classify_ref.py"), "pandas", data, str(work / "pandas")],
    }
    startup = {
        "almanac --help": [f"{args.bin}/almanac", "--help"],
        "python -c 'import duckdb'": [py, "-c", "import duckdb"],
        "python -c 'import pandas'": [py, "-c", "import pandas"],
    }
    # Page cache warm for everyone: read the file once, untimed.
    with open(data, "rb") as f:
        while f.read(1 << 24):
            pass
    print("warm-up and cross-check (untimed)...", file=sys.stderr)
    for name, cmd in {**commands, **startup}.items():
        timed(cmd, str(work))
    almanac = read_almanac(work / "almanac.csv")
    if args.shuffled and (work / "almanac.csv").read_bytes() != (work / "almanac-shuffled.csv").read_bytes():
        raise BenchError("Almanac's output differs between the sorted and the shuffled rows")
    refs = [("pandas", "pandas"), ("duckdb (threads=1)", "duckdb1"), (f"duckdb (threads={nproc})", "duckdbN")]
    for name, sub in refs + ([("duckdb (threads=1, rows in any order)", "duckdb1s")] if args.shuffled else []):
        ref = read_reference(work / sub)
        for label, a, b in zip(("per-day class totals", "per-day could-be-human", "per-version class totals"), almanac, ref):
            if a != b:
                diff = sorted(set(a.items()) ^ set(b.items()))[:5]
                raise BenchError(f"Almanac and {name} disagree on {label} ({len(a)} vs {len(b)} keys), e.g. {diff}")
    print(f"outputs agree: {len(almanac[0])} day x class, {len(almanac[2])} day x version x class figures", file=sys.stderr)

    if args.compare_bin:
        for i in range(2 if args.shuffled else 1):
            if (work / f"compare{i}.csv").read_bytes() != (work / "almanac.csv").read_bytes():
                raise BenchError(f"the --compare-bin build's output differs from this build's ({work / f'compare{i}.csv'})")

    walls = defaultdict(list)
    rss = defaultdict(list)
    cpus = defaultdict(list)
    for r in range(args.runs):
        print(f"round {r + 1}/{args.runs}", file=sys.stderr)
        for name, cmd in {**commands, **startup}.items():
            w, m, c = timed(cmd, str(work))
            walls[name].append(w)
            rss[name].append(m)
            cpus[name].append(c)
    load_end = os.getloadavg()

    size = os.path.getsize(data)
    base = statistics.median(walls[next(iter(commands))])
    base_rss = max(rss[next(iter(commands))])
    print()
    print(f"{args.rows:,} detail rows, {size / 1e6:.0f} MB ({data})")
    print()
    base_cpu = statistics.median(cpus[next(iter(commands))])
    print(f"| {'command':<40} | {'median (min–max) s':>22} | {'rows/s':>12} | {'CPU s (min–max)':>20} | {'peak RSS':>10} | {'time vs Almanac':>15} | {'CPU vs Almanac':>14} | {'memory vs Almanac':>17} |")
    print(f"|{'-' * 42}|{'-' * 24}:|{'-' * 14}:|{'-' * 22}:|{'-' * 12}:|{'-' * 17}:|{'-' * 16}:|{'-' * 19}:|")
    for name in commands:
        med = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        peak = max(rss[name])
        print(f"| {name:<40} | {med:>8.2f} ({min(walls[name]):.2f}–{max(walls[name]):.2f}) | {args.rows / med:>12,.0f} | "
              f"{cpu:>6.2f} ({min(cpus[name]):.2f}–{max(cpus[name]):.2f}) | {peak / 1024:>7.0f} MB | "
              f"{med / base:>14.2f}x | {cpu / base_cpu:>13.2f}x | {peak / base_rss:>16.1f}x |")
    print()
    if args.shuffled:
        # The cost of order: each tool's time over the shuffled rows against its own over the sorted rows.
        pairs = [("almanac", "almanac (streaming, 1 thread)", "almanac (rows in any order)"),
                 ("duckdb (threads=1)", "duckdb (threads=1)", "duckdb (threads=1, rows in any order)")]
        if args.compare_bin:
            pairs.append(("--compare-bin build", "almanac [--compare-bin]", "almanac any order [--compare-bin]"))
        print("Rows in any order against the same rows sorted (median wall, median CPU; min wall / min wall): " + "; ".join(
            f"{label} {statistics.median(walls[b]) / statistics.median(walls[a]):.2f}x, {statistics.median(cpus[b]) / statistics.median(cpus[a]):.2f}x CPU"
            f" ({min(walls[b]) / min(walls[a]):.2f}x)" for label, a, b in pairs))
    print("Start-up alone (in the figures above): " + ", ".join(
        f"{n} {statistics.median(walls[n]):.2f} s / {max(rss[n]) / 1024:.0f} MB" for n in startup))
    print("Ratios: the tool's median time (CPU time, peak memory) divided by Almanac's; above 1 means Almanac is faster (smaller).")
    print("CPU time is user + system from /usr/bin/time; on a loaded machine it moves less than wall time "
          "(DuckDB with several threads adds up every thread's).")
    print(f"Machine: nproc {nproc}, {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end; {args.runs} timed runs per command.")
    subprocess.run(["rm", "-rf", str(work)])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"Benchmarks/classify-bench: {e}", file=sys.stderr)
        sys.exit(1)
