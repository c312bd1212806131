"""The ClickHouse side of the offline demo: synthetic ClickPy and GitHub-events tables for the
fictitious `tidewater`, derived from the same daily truth as the pypistats.org answers
(`make-demo-recording.py`'s `truth_for`). Used as `make-demo-recording.py --clickhouse-rows DIR`.

This writes table rows, not recordings: `Tests/EndToEndTests/DemoRecordingTests.swift` loads them
into a real ClickHouse server, night by night (only the days before each night), runs the
demo's own nightly job against it with `--record`, and so records exactly what the client asks.

The model, per day (deterministic: one `random.Random` per day and purpose):

* Total downloads = pypistats' with_mirrors × (1 ± 1%), except the planted divergences
  (DIVERGENT). pypistats' outage day is a normal day here (the download log kept counting), so
  it diverges too, as it would for real.
* Installers: the mirror part (with − without) is bandersnatch, devpi and Artifactory; the rest
  is pip, uv, poetry, pdm, conda, Nexus (a caching proxy), requests, Browser (scanners),
  '' (no parsable user agent) and UNKNOWN_INSTALLER, a name linehaul's table does not know.
* Versions: people (pip, uv, ...) pull the newest releases, adopted over a few weeks; a
  syncing mirror (bandersnatch) pulls every released version about equally, and on a release
  day mostly the new one; caching proxies (Nexus, devpi, Artifactory) are PROXY_DEMAND parts
  the people's mix and the rest uniform, so the behind-proxy estimate has a known answer.
* Countries and file types: a few per installer (mirrors fetch sdists too).
* python_minor and system: the day's pypistats weights, split per version (largest remainder).
* The reference project `requests` (the freshness gate) has ~25 million downloads a day.
* GitHub events for REPO: stars (more after a release), forks, pushes on weekdays, issues,
  pull requests, reviews, comments, branch creates/deletes, and a ReleaseEvent per release
  (plus GITHUB_ONLY_RELEASES, tags with no PyPI upload).
  Actors are made-up `user-NNNN` names; the demo never asks for them.
"""
import datetime as dt
import math
import random
from pathlib import Path

PACKAGE = "tidewater"
REPO, REPO_ID = "tidewater-dev/tidewater", "704211953"
HISTORY_FROM = dt.date(2024, 12, 1)  # the data set's first day for tidewater
# Versions released before the pypistats window (RELEASES has the later ones).
EARLY_VERSIONS = [("2024-06-04", "1.1.0")]
DIVERGENT = {"2026-11-20": 0.88}  # ClickHouse total = with_mirrors × factor on these days
UNKNOWN_INSTALLER = "quayside-sync"
PROXY_DEMAND = 0.65
# Tags published on GitHub without a PyPI upload (a release candidate), so the newest snapshot's
# window holds a release.
GITHUB_ONLY_RELEASES = {"2026-11-20": "v2.1.0rc1"}

# installer → (share of its part, countries with weights, sdist share, version pattern)
PEOPLE = {
    "pip": (0.38, {"US": 5, "DE": 2, "": 1}, 0.02, "human"),
    "uv": (0.12, {"US": 3, "DE": 1}, 0.0, "human"),
    "poetry": (0.05, {"US": 1}, 0.0, "human"),
    "pdm": (0.01, {"DE": 1}, 0.0, "human"),
    "conda": (0.015, {"US": 1}, 0.0, "human"),
    "Nexus": (0.14, {"US": 1}, 0.0, "proxy"),
    "requests": (0.10, {"US": 1}, 0.0, "newest"),
    "Browser": (0.08, {"CN": 1}, 0.0, "uniform"),
    "": (0.07, {"": 1}, 0.0, "uniform"),
    UNKNOWN_INSTALLER: (0.005, {"NL": 1}, 0.0, "newest"),
}
MIRRORS = {
    "bandersnatch": (0.70, {"US": 2, "CN": 1}, 0.35, "sync"),
    "devpi": (0.20, {"DE": 1}, 0.0, "proxy"),
    "Artifactory": (0.10, {"US": 1}, 0.0, "proxy"),
}


def split(total, weights):
    """Integer counts proportional to `weights` that sum exactly to `total` (largest remainder)."""
    weights = {k: w for k, w in weights.items() if w > 0}
    scale = sum(weights.values())
    if total <= 0 or scale <= 0:
        return {}
    exact = {k: total * w / scale for k, w in weights.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[: total - sum(counts.values())]:
        counts[k] += 1
    return {k: n for k, n in counts.items() if n > 0}


def released(releases, date):
    """[(release date, version)] of the versions out on `date`, oldest first."""
    out = [(dt.date.fromisoformat(d), v) for d, v in EARLY_VERSIONS]
    out += [(dt.date.fromisoformat(d), v) for d, v, *_ in releases]
    return sorted((d, v) for d, v in out if d <= date)


def version_mix(pattern, versions, date):
    """Weights over the released versions for one installer's pattern."""
    if pattern in ("uniform", "sync"):
        mix = {v: 1.0 for _, v in versions}
        if pattern == "sync" and versions and versions[-1][0] >= date - dt.timedelta(days=1):
            mix[versions[-1][1]] += 2.0 * len(versions)  # a release: the mirror fetches the new files
        return mix
    if pattern == "newest":
        return {versions[-1][1]: 1.0}
    human = {}
    for rank, (d, v) in enumerate(reversed(versions)):
        age = (date - d).days
        human[v] = math.exp(-1.3 * rank) * (1 - math.exp(-(age + 1) / 12)) + 0.002
    if pattern == "proxy":
        scale = sum(human.values())
        return {v: PROXY_DEMAND * w / scale + (1 - PROXY_DEMAND) / len(versions) for v, w in human.items()}
    return human


def day_rows(date, truth, releases):
    """The detail cells of one day: {(version, installer, type, country): downloads}."""
    rng = random.Random(f"almanac-demo-clickhouse/{date.isoformat()}")
    total = round(truth["with"] * DIVERGENT.get(date.isoformat(), 1 + rng.uniform(-0.01, 0.01)))
    mirrors = max(0, min(total, truth["with"] - truth["without"]))
    versions = released(releases, date)
    cells = {}
    for part, table in ((total - mirrors, PEOPLE), (mirrors, MIRRORS)):
        shares = {name: share * math.exp(rng.gauss(0, 0.08)) for name, (share, *_) in table.items()}
        for installer, n in split(part, shares).items():
            _, countries, sdist, pattern = table[installer]
            weights = {}
            for v, wv in version_mix(pattern, versions, date).items():
                for c, wc in countries.items():
                    weights[(v, installer, "bdist_wheel", c)] = wv * wc * (1 - sdist)
                    if sdist:
                        weights[(v, installer, "sdist", c)] = wv * wc * sdist
            for key, k in split(n, weights).items():
                cells[key] = cells.get(key, 0) + k
    return cells


def events_for(date, releases, pool):
    """(time, event type, actor, action, tag) rows of one day for REPO."""
    rng = random.Random(f"almanac-demo-events/{date.isoformat()}")
    t = (date - HISTORY_FROM).days / 720
    release = [v for d, v, *_ in releases if dt.date.fromisoformat(d) == date]
    after_release = any(0 <= (date - dt.date.fromisoformat(d)).days <= 3 for d, *_ in releases)
    weekday = date.weekday() < 5
    rates = {
        "WatchEvent": (2 + 5 * t) * (4 if after_release else 1) * (1 if weekday else 0.7),
        "ForkEvent": 0.3 + 0.5 * t,
        "PushEvent": 5 if weekday else 0.8,
        "IssuesEvent": 1.2,
        "PullRequestEvent": 1.6 if weekday else 0.4,
        "PullRequestReviewEvent": 1.3 if weekday else 0.2,
        "IssueCommentEvent": 4.0,
        "CreateEvent": 0.8,
        "DeleteEvent": 0.6,
    }
    rows = []
    for kind, rate in rates.items():
        n = sum(1 for _ in range(int(rate * 4)) if rng.random() < 0.25) if rate < 50 else int(rate)
        for _ in range(n):
            if kind in ("WatchEvent", "ForkEvent"):
                pool[0] += 1
                actor = f"user-{pool[0]:05d}" if rng.random() > 0.05 else f"user-{rng.randint(1, pool[0]):05d}"
            else:
                actor = f"maintainer-{rng.randint(1, 6)}" if kind == "PushEvent" else f"user-{rng.randint(1, max(1, pool[0])):05d}"
            action = {"WatchEvent": "started", "IssuesEvent": rng.choice(["opened", "closed"]),
                      "PullRequestEvent": rng.choice(["opened", "closed"]),
                      "IssueCommentEvent": "created", "PullRequestReviewEvent": "created"}.get(kind, "none")
            rows.append((rng.randint(0, 86399), kind, actor, action, ""))
    tags = [f"v{v}" for v in release] + ([GITHUB_ONLY_RELEASES[date.isoformat()]] if date.isoformat() in GITHUB_ONLY_RELEASES else [])
    for tag in tags:
        rows.append((50_400, "ReleaseEvent", "maintainer-1", "published", tag))
        rows.append((50_300, "CreateEvent", "maintainer-1", "none", ""))
    return sorted(rows)


def write_rows(out, truth_for, releases, outage_day, last_night):
    """TSV files, one per table, every row of every day from HISTORY_FROM to the last night's
    yesterday; the loader keeps the days before each night. Dates lead each line."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    last = last_night - dt.timedelta(days=1)
    files = {name: open(out / f"{name}.tsv", "w", encoding="utf-8", newline="\n")
             for name in ("per_day", "detail", "python_minor", "system", "events")}
    pool = [0]
    date = HISTORY_FROM
    while date <= last:
        truth = truth_for(date)
        if date.isoformat() == outage_day:  # pypistats.org lost the day; the download log did not
            truth = truth_for(date - dt.timedelta(days=7))
        cells = day_rows(date, truth, releases)
        d = date.isoformat()
        by_version = {}
        for (v, i, ty, c), n in sorted(cells.items()):
            files["detail"].write(f"{d}\t{PACKAGE}\t{v}\t{i}\t{ty}\t{c}\t{n}\n")
            by_version[v] = by_version.get(v, 0) + n
        files["per_day"].write(f"{d}\t{PACKAGE}\t{sum(cells.values())}\n")
        rng = random.Random(f"almanac-demo-reference/{d}")
        files["per_day"].write(f"{d}\trequests\t{round(25_000_000 * math.exp(rng.gauss(0, 0.05)))}\n")
        python = {("" if k == "null" else k): w for k, w in truth["python"].items()}
        system = {("" if k == "null" else k): w for k, w in truth["system"].items()} | {"other": 0.001}
        for v, n in sorted(by_version.items()):
            for k, m in sorted(split(n, python).items()):
                files["python_minor"].write(f"{d}\t{PACKAGE}\t{v}\t{k}\t{m}\n")
            for k, m in sorted(split(n, system).items()):
                files["system"].write(f"{d}\t{PACKAGE}\t{v}\t{k}\t{m}\n")
        for seconds, kind, actor, action, tag in events_for(date, releases, pool):
            at = f"{d} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            files["events"].write(f"{at}\t{kind}\t{actor}\t{REPO}\t{REPO_ID}\t{action}\t{tag}\n")
        date += dt.timedelta(days=1)
    for f in files.values():
        f.close()
    (out / "repos.tsv").write_text(f"{REPO}\t{REPO_ID}\n", encoding="utf-8")
