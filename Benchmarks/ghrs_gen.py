#!/usr/bin/env python3
"""Writes N repositories of github-repo-stats data (jgehrcke/github-repo-stats' layout:
DIR/<owner>/<repo>/ghrs-data/views_clones_aggregate.csv, stargazers.csv and a weekly
top-paths and top-referrers snapshot), a year each, seeded by the repository's number.

    ghrs_gen.py DIR [--repos 50] [--days 365]
"""
import argparse, datetime, os

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--repos", type=int, default=50)
p.add_argument("--days", type=int, default=365)
a = p.parse_args()
start = datetime.date(2025, 1, 1)
for n in range(a.repos):
    root = os.path.join(a.dir, "bench-org", f"repo{n:03d}", "ghrs-data")
    os.makedirs(os.path.join(root, "snapshots"), exist_ok=True)
    with open(os.path.join(root, "views_clones_aggregate.csv"), "w") as f:
        f.write("time_iso8601,clones_total,clones_unique,views_total,views_unique\n")
        for i in range(a.days):
            o = (i * 37 + n * 11) % 97
            f.write(f"{start + datetime.timedelta(days=i)} 00:00:00+00:00,{o % 13},{o % 7},{40 + o},{10 + o % 23}\n")
    with open(os.path.join(root, "stargazers.csv"), "w") as f:
        f.write("time_iso8601,stars_cumulative\n")
        for i in range(0, a.days, 3):
            f.write(f"{start + datetime.timedelta(days=i)} 12:00:00+00:00,{i // 3 + n}\n")
    for i in range(7, a.days, 7):
        day = start + datetime.timedelta(days=i)
        with open(os.path.join(root, "snapshots", f"{day}_000512_top_paths_snapshot.csv"), "w") as f:
            f.write(f"url_path,views_total,views_unique\n/bench-org/repo{n:03d},{25 + i % 9},{9 + i % 4}\n/bench-org/repo{n:03d}/issues,{5 + i % 3},{2}\n")
        with open(os.path.join(root, "snapshots", f"{day}_000512_top_referrers_snapshot.csv"), "w") as f:
            f.write(f"referrer,views_total,views_unique\ngithub.com,{30 + i % 7},{8}\nGoogle,{12 + n % 5},{6}\n")
