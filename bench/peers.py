#!/usr/bin/env python3
"""The usage aggregation of ges-idle-stop (docs/SPEC.md §3, §4 "Idle, precisely") in DuckDB or pandas, for benchmarks.

    peers.py duckdb|pandas USAGE.csv FLEET.json NOW_UNIX OUT.csv [--windows 24h,7d]

Per graph of the fleet and per window (covered seconds as the sum, over periods sorted by start, of
what each adds beyond the furthest end before it) [now - w, now): requests of every row that starts before now and
overlaps the window (counted whole), covered seconds (union of periods clipped to the window), and
last_activity (end, clipped to now, of the latest period with requests > 0). Writes
graph_id,requests_<w>,covered_<w>...,last_activity sorted by graph_id, the shape `compare.py` reads.
"""
import json
import sys
import time

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def windows_of(text):
    return [(w, int(w[:-1]) * UNITS[w[-1]]) for w in text.split(",")]


def run_duckdb(usage, fleet_ids, now, windows, out):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute("CREATE TABLE fleet(graph_id VARCHAR)")
    con.executemany("INSERT INTO fleet VALUES (?)", [(i,) for i in fleet_ids])
    con.execute(
        f"""
        CREATE TABLE u AS
        SELECT graph_id, epoch(period_start)::BIGINT AS s, epoch(period_start)::BIGINT + period_seconds AS e, requests
        FROM read_csv('{usage}', header = true, auto_detect = false,
             columns = {{'graph_id': 'VARCHAR', 'period_start': 'TIMESTAMPTZ', 'period_seconds': 'BIGINT',
                         'requests': 'BIGINT', 'cpu_util': 'DOUBLE'}})
        WHERE graph_id IN (SELECT graph_id FROM fleet) AND epoch(period_start)::BIGINT < {now}
        """
    )
    parts = []
    for name, seconds in windows:
        lo = now - seconds
        parts.append(
            f"""
            w_{name} AS (
              SELECT graph_id, sum(requests) AS requests_{name} FROM u WHERE e > {lo} GROUP BY graph_id),
            c_{name} AS (
              SELECT graph_id, sum(greatest(0, ce - greatest(cs, coalesce(reach, cs)))) AS covered_{name} FROM (
                SELECT graph_id, cs, ce, max(ce) OVER (PARTITION BY graph_id ORDER BY cs, ce
                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                FROM (SELECT graph_id, greatest(s, {lo}) AS cs, least(e, {now}) AS ce FROM u WHERE e > {lo}))
              GROUP BY graph_id)"""
        )
    select = ", ".join(
        f"coalesce(w_{n}.requests_{n}, 0) AS requests_{n}, coalesce(c_{n}.covered_{n}, 0) AS covered_{n}"
        for n, _ in windows
    )
    joins = " ".join(
        f"LEFT JOIN w_{n} USING (graph_id) LEFT JOIN c_{n} USING (graph_id)" for n, _ in windows
    )
    query = f"""
        WITH {", ".join(parts)},
        last AS (SELECT graph_id, max(least(e, {now})) AS last_activity FROM u WHERE requests > 0 GROUP BY graph_id)
        SELECT graph_id, {select}, last.last_activity
        FROM fleet {joins} LEFT JOIN last USING (graph_id) ORDER BY graph_id"""
    rows = con.execute(query).fetchall()
    write(out, windows, rows)


def run_pandas(usage, fleet_ids, now, windows, out):
    import pandas as pd

    frame = pd.read_csv(
        usage,
        usecols=["graph_id", "period_start", "period_seconds", "requests"],
        dtype={"graph_id": "string", "period_start": "string", "period_seconds": "int64", "requests": "int64"},
    )
    starts = pd.to_datetime(frame["period_start"], format="ISO8601", utc=True)
    frame["s"] = starts.dt.tz_convert(None).astype("datetime64[s]").astype("int64")
    frame["e"] = frame["s"] + frame["period_seconds"]
    frame = frame[frame["graph_id"].isin(set(fleet_ids)) & (frame["s"] < now)]
    result = pd.DataFrame({"graph_id": sorted(fleet_ids)}).set_index("graph_id")
    for name, seconds in windows:
        lo = now - seconds
        inside = frame[frame["e"] > lo]
        result[f"requests_{name}"] = inside.groupby("graph_id")["requests"].sum()
        clipped = pd.DataFrame(
            {"graph_id": inside["graph_id"], "cs": inside["s"].clip(lower=lo), "ce": inside["e"].clip(upper=now)}
        ).sort_values(["graph_id", "cs", "ce"])
        # Sorted by start, a period adds what it covers beyond the furthest end before it.
        reach = clipped.groupby("graph_id")["ce"].cummax().groupby(clipped["graph_id"]).shift(1)
        added = (clipped["ce"] - clipped["cs"].where(reach.isna() | (clipped["cs"] > reach), reach)).clip(lower=0)
        result[f"covered_{name}"] = added.groupby(clipped["graph_id"]).sum()
    active = frame[frame["requests"] > 0]
    result["last_activity"] = active["e"].clip(upper=now).groupby(active["graph_id"]).max()
    rows = []
    for graph_id, row in result.iterrows():
        values = [graph_id]
        for name, _ in windows:
            values += [int(row[f"requests_{name}"]) if row[f"requests_{name}"] == row[f"requests_{name}"] else 0,
                       int(row[f"covered_{name}"]) if row[f"covered_{name}"] == row[f"covered_{name}"] else 0]
        last = row["last_activity"]
        values.append(int(last) if last == last else None)
        rows.append(values)
    write(out, windows, rows)


def write(out, windows, rows):
    with open(out, "w") as f:
        f.write("graph_id," + ",".join(f"requests_{n},covered_{n}" for n, _ in windows) + ",last_activity\n")
        for row in rows:
            f.write(",".join("" if v is None else str(v) for v in row) + "\n")


def main():
    engine, usage, fleet, now, out = sys.argv[1:6]
    windows = windows_of(sys.argv[7] if len(sys.argv) > 7 and sys.argv[6] == "--windows" else "24h,7d")
    with open(fleet) as f:
        fleet_ids = [g["id"] for g in json.load(f)["graphs"]]
    started = time.monotonic()
    {"duckdb": run_duckdb, "pandas": run_pandas}[engine](usage, fleet_ids, int(now), windows, out)
    print(f"{engine}: {time.monotonic() - started:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
