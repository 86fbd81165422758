#!/usr/bin/env python3
"""Checks that a peer's per-graph aggregation (peers.py output) agrees with ours.

    compare.py PEER.csv OURS.csv

OURS is either a `ges-idle-stop` CSV report (requests_in_window, window_hours, coverage rounded down to 4
decimals, last_activity as ISO 8601) or a CSV in the peers' shape. Prints the number of graphs compared;
exits 1 and lists the first differences when any number disagrees.
"""
import csv
import sys
from datetime import datetime


def unix(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()) if text else None


def main():
    peer = {row["graph_id"]: row for row in csv.DictReader(open(sys.argv[1]))}
    ours = list(csv.DictReader(open(sys.argv[2])))
    problems, compared = [], 0
    for row in ours:
        theirs = peer.get(row["graph_id"])
        if theirs is None:
            continue
        if "requests_in_window" not in row:
            if row != theirs:
                problems.append(f"{row['graph_id']}: ours {row} theirs {theirs}")
            compared += 1
            continue
        if row["last_activity"] != "" or theirs["last_activity"] != "":
            if unix(row["last_activity"]) != (int(theirs["last_activity"]) if theirs["last_activity"] else None):
                problems.append(f"{row['graph_id']}: last_activity {row['last_activity']} vs {theirs['last_activity']}")
        if row["requests_in_window"] == "":
            compared += 1
            continue
        seconds = round(float(row["window_hours"]) * 3600)
        name = next((k[len("requests_"):] for k in theirs if k.startswith("requests_") and
                     window_seconds(k[len("requests_"):]) == seconds), None)
        if name is None:
            problems.append(f"{row['graph_id']}: no peer column for a {row['window_hours']} h window")
            continue
        if int(float(row["requests_in_window"])) != int(theirs[f"requests_{name}"]):
            problems.append(f"{row['graph_id']}: requests {row['requests_in_window']} vs {theirs[f'requests_{name}']}")
        expected = int(theirs[f"covered_{name}"]) * 10000 // seconds / 10000
        if row["coverage"] != "" and abs(float(row["coverage"]) - expected) > 1e-9:
            problems.append(f"{row['graph_id']}: coverage {row['coverage']} vs {expected}")
        compared += 1
    print(f"compared {compared} graphs, {len(problems)} differences")
    for problem in problems[:10]:
        print("  " + problem)
    return 1 if problems or compared == 0 else 0


def window_seconds(name):
    return int(name[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[name[-1]]


if __name__ == "__main__":
    sys.exit(main())
