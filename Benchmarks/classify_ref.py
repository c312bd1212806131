#!/usr/bin/env python3
"""The reference side of Benchmarks/classify-bench: the same classify + group-by Almanac's
`classify-detail` does, in pandas or DuckDB, over the same detail CSV.

  classify_ref.py pandas IN OUTDIR
  classify_ref.py duckdb IN OUTDIR [--threads N]

Both map installer -> class with Almanac's rule table (version 1, below; unknown names ->
`unknown`), mark pip and uv as could-be-human, and write two CSVs to OUTDIR:
  by_version.csv  date, version, class, downloads     (Almanac: version_<class>)
  by_day.csv      date, class, downloads, could_be_human (Almanac: installer_class, audience)
"""

from __future__ import annotations

import sys
import os

CLASSES = {
    "pip": "installer", "uv": "installer", "poetry": "installer", "pdm": "installer", "conda": "installer",
    "pex": "installer", "pipenv": "installer", "hatch": "installer", "pip-tools": "installer", "rye": "installer",
    "flit": "installer",
    "bandersnatch": "mirror", "z3c.pypimirror": "mirror", "pep381client": "mirror", "devpi": "mirror",
    "Artifactory": "mirror", "Nexus": "mirror",
    "Browser": "browser", "requests": "http_client", "Python-urllib": "http_client",
    "Homebrew": "os_packaging", "OS": "os_packaging",
    "Bazel": "build", "maturin": "build", "setuptools": "build", "distribute": "build", "twine": "build",
    "": "unknown",
}
HUMAN = {"pip", "uv"}


def run_pandas(path: str, out: str) -> None:
    import pandas as pd

    df = pd.read_csv(
        path, skiprows=1, usecols=["date", "version", "installer", "downloads"],
        dtype={"date": "category", "version": "category", "installer": "category", "downloads": "int64"},
        keep_default_na=False, na_filter=False, engine="c")
    df["class"] = df["installer"].map(CLASSES).astype("object").fillna("unknown").astype("category")
    df["human"] = df["downloads"].where(df["installer"].isin(HUMAN), 0)
    g = df.groupby(["date", "version", "class"], observed=True, sort=True)[["downloads", "human"]].sum()
    g = g[g["downloads"] > 0]
    g["downloads"].to_csv(os.path.join(out, "by_version.csv"))
    by_day = g.groupby(level=["date", "class"], observed=True).sum()
    by_day.rename(columns={"human": "could_be_human"}).to_csv(os.path.join(out, "by_day.csv"))


def run_duckdb(path: str, out: str, threads: int) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads={threads}")
    con.execute("CREATE TABLE rules(installer VARCHAR, class VARCHAR, human BOOLEAN)")
    con.executemany("INSERT INTO rules VALUES (?, ?, ?)", [(k, v, k in HUMAN) for k, v in CLASSES.items()])
    columns = "{'date': 'VARCHAR', 'package': 'VARCHAR', 'version': 'VARCHAR', 'installer': 'VARCHAR', 'type': 'VARCHAR', 'country': 'VARCHAR', 'downloads': 'BIGINT'}"
    con.execute(f"""
        CREATE TABLE g AS
        SELECT d.date, d.version, coalesce(r.class, 'unknown') AS class, sum(d.downloads) AS downloads,
               sum(CASE WHEN r.human THEN d.downloads ELSE 0 END) AS human
        FROM read_csv('{path}', skip=1, header=true, auto_detect=false, delim=',', quote='"', escape='"',
                      columns={columns}) AS d
        LEFT JOIN rules r ON r.installer = coalesce(d.installer, '')
        GROUP BY ALL""")
    con.execute(f"COPY (SELECT date, version, class, downloads FROM g WHERE downloads > 0 ORDER BY ALL) TO '{out}/by_version.csv' (HEADER)")
    con.execute(f"""COPY (SELECT date, class, sum(downloads) AS downloads, sum(human) AS could_be_human FROM g
                  GROUP BY ALL ORDER BY ALL) TO '{out}/by_day.csv' (HEADER)""")


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[1] not in ("pandas", "duckdb"):
        print(__doc__, file=sys.stderr)
        return 64
    tool, path, out = sys.argv[1:4]
    threads = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--threads" else 1
    os.makedirs(out, exist_ok=True)
    if tool == "pandas":
        run_pandas(path, out)
    else:
        run_duckdb(path, out, threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
