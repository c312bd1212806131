#!/usr/bin/env python3
"""Timing harness for Benchmarks/run (Python standard library only).

Runs Almanac's release executables and the reference tool (hugovk's `pypistats` CLI) on the
same recorded pypistats.org answers for the made-up package `tidewater`, offline, and prints
median and min wall-clock times and almanac/reference ratios. See Benchmarks/README.md.

Each figure is timed with time.perf_counter() around subprocess.run(); both tools' stdout goes
to /dev/null and stderr to a pipe (kept for error messages). Every command runs once as a
warm-up (and is checked), then N times. The N rounds are interleaved — round i runs every
command once — so a burst of load from another process on this shared machine hits both
tools alike instead of skewing one column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NIGHT = "2026-11-22"  # the recorded night both tools process
PACKAGE = "tidewater"
ENDPOINTS = ("recent", "overall", "python_minor", "system")

# The reference "night": the pypistats CLI producing its views of the same four answers.
REFERENCE_NIGHT = {
    "recent": ["recent", PACKAGE],
    "overall": ["overall", PACKAGE, "--daily", "-f", "json"],
    "python_minor": ["python_minor", PACKAGE, "-f", "json"],
    "system": ["system", PACKAGE, "-f", "json"],
}

# Any HTTP(S) request either tool might try goes to a closed port and fails at once.
DEAD_PROXY = "http://127.0.0.1:9"


class BenchError(Exception):
    pass


def recorded_body(recording: Path, night: str, endpoint: str) -> dict:
    """The verbatim API body pypistats.org gave for one endpoint on one night, parsed."""
    path = recording / night / f"GET_pypistats.org_api_packages_{PACKAGE}_{endpoint}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        exchange = json.load(f)
    return json.loads(exchange["response"]["body"])


def run(argv: list[str], env: dict, cwd: Path, capture_stdout: bool = False):
    """Run one command, timed. Returns (seconds, CompletedProcess)."""
    stdout = subprocess.PIPE if capture_stdout else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=stdout, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, proc


def require_ok(name: str, argv: list[str], proc) -> None:
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise BenchError(f"{name}: `{' '.join(argv)}` exited {proc.returncode}; nothing was "
                         f"measured past this point.\n{tail}")


class ReferenceCache:
    """Pre-fills the pypistats CLI's cache so it answers from the recording, not the network.

    pypistats 1.11.0 caches each answer at
    $XDG_CACHE_HOME/pypistats/<UTC today>-<slugify(url)>.json. Rather than re-implement
    python-slugify, we ask the tool: with an empty cache and the dead proxy, `-v` prints the
    exact file it looks for and then fails to connect — which also proves that a cache miss
    cannot reach the network. The date prefix is recomputed before every run so a benchmark
    that crosses UTC midnight still hits the cache.
    """

    def __init__(self, pypistats: str, env: dict, cwd: Path, bodies: dict[str, dict]):
        self.dir = Path(env["XDG_CACHE_HOME"]) / "pypistats"
        self.bodies = bodies
        self.slugs: dict[str, str] = {}
        for endpoint, args in REFERENCE_NIGHT.items():
            argv = [pypistats, *args, "-v"]
            _, proc = run(argv, env, cwd)
            paths = [line.split("Cache file:", 1)[1].strip()
                     for line in proc.stderr.splitlines() if line.startswith("Cache file:")]
            if not paths:
                raise BenchError(f"`{' '.join(argv)}` did not print its cache file path:\n"
                                 f"{proc.stderr[-2000:]}")
            if proc.returncode == 0:
                raise BenchError(f"`{' '.join(argv)}` succeeded with an empty cache and the "
                                 f"proxy set to {DEAD_PROXY}: it reached the network some other "
                                 "way, so the reference would not be measured offline.")
            path = Path(paths[0])
            if path.parent != self.dir:
                raise BenchError(f"pypistats looks for its cache in {path.parent}, not "
                                 f"{self.dir}; is XDG_CACHE_HOME honoured?")
            # "<YYYY-MM-DD>-<slug>.json"
            self.slugs[endpoint] = path.name[len("YYYY-MM-DD-"):]

    def fill(self) -> None:
        today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
        self.dir.mkdir(parents=True, exist_ok=True)
        for endpoint, slug in self.slugs.items():
            path = self.dir / f"{today}-{slug}"
            if not path.exists():
                path.write_text(json.dumps(self.bodies[endpoint]), encoding="utf-8")

    def path(self, endpoint: str) -> Path:
        today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
        return self.dir / f"{today}-{self.slugs[endpoint]}"


class Case:
    """One command to time. `prepare(i)` does the untimed per-run set-up (fresh directories,
    cache refill) and returns the argv for run i; `check` inspects the warm-up run."""

    def __init__(self, name, prepare, env, cwd, check=None):
        self.name, self.prepare, self.env, self.cwd, self.check = name, prepare, env, cwd, check
        self.times: list[float] = []


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def machine_facts(pypistats: str) -> list[tuple[str, str]]:
    try:
        swift = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True).stdout.strip().splitlines()
        swift_line = swift[0] if swift else "?"
    except OSError:
        swift_line = "swift not on PATH"
    ref = subprocess.run([pypistats, "--version"], stdout=subprocess.PIPE, text=True).stdout
    return [
        ("nproc", str(len(os.sched_getaffinity(0)))),
        ("uname -m", platform.machine()),
        ("swift", swift_line),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("reference", ref.strip()),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--bin", required=True, help="directory with Almanac's release executables")
    ap.add_argument("--pypistats", required=True, help="the reference tool's executable")
    ap.add_argument("--recording", required=True, type=Path, help="Almanac's demo recording")
    args = ap.parse_args()

    binary = Path(args.bin)
    almanac, normalize = str(binary / "almanac"), str(binary / "almanac-normalize")
    nights = sorted(p.name for p in args.recording.iterdir() if p.is_dir())
    if NIGHT not in nights:
        raise BenchError(f"{args.recording} has no night {NIGHT}")
    facts = machine_facts(args.pypistats)
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())

    with tempfile.TemporaryDirectory(prefix="almanac-bench.") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        for var in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY",
                    "https_proxy", "http_proxy", "all_proxy"):
            env[var] = DEAD_PROXY
        env.pop("NO_PROXY", None)
        env.pop("no_proxy", None)
        env["XDG_CACHE_HOME"] = str(work / "xdg-cache")
        counter = iter(range(10**9))

        def fresh(kind: str) -> Path:
            return work / f"{kind}-{next(counter)}"

        # --- the reference's cache: the night's four bodies, as the CLI itself would store them
        bodies = {e: recorded_body(args.recording, NIGHT, e) for e in ENDPOINTS}
        cache = ReferenceCache(args.pypistats, env, work, bodies)

        def reference(endpoint_args):
            def prepare(_i):
                cache.fill()
                return [args.pypistats, *endpoint_args]
            return prepare

        # --- a stored raw snapshot for the single-stage figure: run the demo once, keep its raw
        demo_once = work / "demo-for-raw"
        argv = [almanac, "demo", "--out", str(demo_once), "--quiet"]
        _, proc = run(argv, env, work)
        require_ok("making a raw snapshot", argv, proc)
        # The night is a delta against the month's earlier nights (DESIGN point 85): copy the
        # directory and name the whole file; almanac-normalize rebuilds it from its chain.
        shutil.copytree(demo_once / "raw" / "pypistats", work / "raw" / "pypistats")
        raw_file = work / "raw" / "pypistats" / f"{NIGHT}.json"

        # --- checks run on each warm-up, so a figure never times a command that did nothing
        facts_rows: dict[str, str] = {}

        def check_reference(endpoint):
            def check(argv, proc, stdout):
                if "Cache file exists" not in proc.stderr or "HTTP status code" in proc.stderr:
                    raise BenchError(f"`{' '.join(argv)}` did not answer from the pre-filled "
                                     f"cache {cache.path(endpoint)}:\n{proc.stderr[-2000:]}")
                if not stdout.strip():
                    raise BenchError(f"`{' '.join(argv)}` printed nothing")
                if "-f" in argv:
                    out = json.loads(stdout)
                    if out.get("package") != PACKAGE or not out.get("data"):
                        raise BenchError(f"`{' '.join(argv)}` printed no data for {PACKAGE}")
                    if endpoint == "overall" and len(out["data"]) != len(bodies["overall"]["data"]):
                        raise BenchError("`pypistats overall --daily` did not print every "
                                         "recorded row")
            return check

        def check_night(argv, proc, _stdout):
            stats = Path(argv[argv.index("--config") + 1]).parent / "stats"
            records = stats / "records" / "pypistats" / f"{NIGHT}.csv"
            if not (stats / "REPORT.md").is_file() or not records.is_file():
                raise BenchError(f"`almanac run` exited 0 but wrote no records/report in {stats}")
            rows = [line for line in records.read_text().splitlines()
                    if line and not line.startswith("#")]
            facts_rows["records"] = f"{len(rows) - 1:,}"  # less the CSV header

        def check_demo(argv, _proc, _stdout):
            out = Path(argv[argv.index("--out") + 1])
            missing = [n for n in nights if not any((out / "raw" / "pypistats" / f"{n}{ext}").is_file()
                                                    for ext in (".json", ".json.delta"))]
            if missing or not (out / "REPORT.md").is_file():
                raise BenchError(f"`almanac demo` did not write every night's files into {out}")

        def check_normalize(argv, _proc, _stdout):
            stats = Path(argv[argv.index("--stats-dir") + 1])
            if not (stats / "records" / "pypistats" / f"{NIGHT}.csv").is_file():
                raise BenchError(f"`almanac-normalize` wrote no records into {stats}")

        # --- the commands. Almanac always gets fresh output directories (untimed set-up), so
        # every run does the full work rather than finding its files already "unchanged".
        def almanac_night(_i):
            d = fresh("night")
            d.mkdir()
            (d / "almanac.yml").write_text(
                "version: 1\n"
                f"stats_dir: {d / 'stats'}\n"
                f"targets:\n  packages: [{PACKAGE}]\n"
                "sources:\n  pypistats:\n    request_interval: 0\n")
            return [almanac, "run", "--date", NIGHT, "--replay", str(args.recording / NIGHT),
                    "--config", str(d / "almanac.yml")]

        def almanac_demo(_i):
            return [almanac, "demo", "--out", str(fresh("demo"))]

        def almanac_normalize(_i):
            return [normalize, str(raw_file), "--date", NIGHT, "--stats-dir", str(fresh("stage"))]

        cases = [
            # a. start-up: print help and exit — process launch, runtime/interpreter start-up,
            #    argument parsing. Almanac: one stage's executable; reference: its CLI.
            Case("a.almanac", lambda _i: [normalize, "--help"], env, work),
            Case("a.reference", lambda _i: [args.pypistats, "--help"], env, work),
            # b. one night: Almanac's whole nightly job on the four recorded answers
            #    (fetch from recording → normalize → classify → aggregate → render); the
            #    reference's four views of the same four answers, from its cache.
            Case("b.almanac", almanac_night, env, work, check_night),
            *(Case(f"b.reference.{e}", reference(a), env, work, check_reference(e))
              for e, a in REFERENCE_NIGHT.items()),
            # c. the whole demo: four nights through every stage.
            Case("c.almanac", almanac_demo, env, work, check_demo),
            # d. one stage on a stored raw snapshot vs the reference's one view of `overall`
            #    (b.reference.overall, timed above, is that command).
            Case("d.almanac", almanac_normalize, env, work, check_normalize),
        ]

        # Warm-up: one untimed run of each, checked.
        for case in cases:
            argv = case.prepare(-1)
            if case.check and case.name.startswith("b.reference"):
                argv = argv + ["-v"]  # prints whether the cache answered
            _, proc = run(argv, case.env, case.cwd, capture_stdout=True)
            require_ok(case.name, argv, proc)
            if case.check:
                case.check(argv, proc, proc.stdout or "")

        # Timed rounds, interleaved.
        for i in range(args.runs):
            for case in cases:
                argv = case.prepare(i)
                seconds, proc = run(argv, case.env, case.cwd)
                require_ok(case.name, argv, proc)
                case.times.append(seconds)
            print(f"  round {i + 1}/{args.runs} done", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())

    t = {c.name: c.times for c in cases}
    ref_night = [sum(parts) for parts in zip(*(t[f"b.reference.{e}"] for e in ENDPOINTS))]
    n_nights = len(nights)
    demo_per_night = [x / n_nights for x in t["c.almanac"]]

    def med(xs):
        return statistics.median(xs)

    rows = [
        ("a. start-up (--help)", t["a.almanac"], t["a.reference"]),
        (f"b. one night ({NIGHT}, 4 answers)", t["b.almanac"], ref_night),
        (f"c. whole demo, {n_nights} nights (absolute)", t["c.almanac"], None),
        ("c. whole demo, per night (4 sources)", demo_per_night, None),
        ("d. one stage (normalize | overall)", t["d.almanac"], t["b.reference.overall"]),
    ]

    print()
    print(f"Almanac vs pypistats CLI — wall-clock ms, median (min) of {args.runs} runs; "
          "ratio = almanac / reference median (< 1: Almanac faster)")
    print()
    header = ("figure", "almanac", "reference", "ratio")
    table = [header]
    for name, a, r in rows:
        a_cell = f"{fmt_ms(med(a))} ({fmt_ms(min(a))})"
        if r is None:
            table.append((name, a_cell, "—", "—"))
        else:
            table.append((name, a_cell, f"{fmt_ms(med(r))} ({fmt_ms(min(r))})",
                          f"{med(a) / med(r):.2f}"))
    widths = [max(len(row[k]) for row in table) for k in range(4)]
    for k, row in enumerate(table):
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("reference night = sum of: " + ", ".join(
        f"{' '.join(REFERENCE_NIGHT[e])} {fmt_ms(med(t[f'b.reference.{e}']))}"
        for e in ENDPOINTS) + " (medians, ms)")
    print(f"b. Almanac's night wrote {facts_rows.get('records', '?')} record rows from the "
          f"4 answers; c. per night = demo time / {n_nights}")
    print()
    for key, value in facts + [("load average", f"{load_start} at start, {load_end} at end "
                                                "(1/5/15 min; other jobs share this machine)")]:
        print(f"{key:<13} {value}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"\nBenchmarks/run: {e}", file=sys.stderr)
        sys.exit(1)
