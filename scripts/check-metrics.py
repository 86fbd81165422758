#!/usr/bin/env python3
"""Checks a ges-idle-stop metrics file against the CSV report of the same run (docs/SPEC.md §8).

Usage: check-metrics.py METRICS_FILE REPORT_CSV [EXIT_STATUS]
The file must parse with prometheus_client's text parser, every family must be a gauge, every decision and
result label must be present, and the counts and per-currency savings must equal what the report's rows say.
Exits non-zero on the first mismatch.
"""
import csv
import sys
from collections import Counter, defaultdict
from decimal import Decimal

from prometheus_client.parser import text_string_to_metric_families

DECISIONS = ["stop", "keep", "skip", "flag"]
RESULTS = ["requested", "confirmed", "dry-run", "already-stopped", "failed", "held", "unknown", "noticed"]
SAVED = {"requested", "confirmed", "dry-run", ""}  # the results whose savings the summary line counts


def fail(message):
    print(f"check-metrics: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def expect(what, actual, wanted):
    if actual != wanted:
        fail(f"{what}: the metrics file says {actual!r}, the report says {wanted!r}")


def main():
    if len(sys.argv) not in (3, 4):
        fail("usage: check-metrics.py METRICS_FILE REPORT_CSV [EXIT_STATUS]")
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    for family in families.values():
        expect(f"type of {family.name}", family.type, "gauge")

    def values(name, label):
        if name not in families:
            fail(f"{name} is missing")
        return {sample.labels.get(label): sample.value for sample in families[name].samples}

    def single(name):
        found = values(name, None)
        if list(found) != [None]:
            fail(f"{name} should be one sample without labels, found {found}")
        return found[None]

    with open(sys.argv[2], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    status = single("ges_idle_stop_last_run_exit_status")
    if len(sys.argv) == 4 and status != float(sys.argv[3]):
        fail(f"ges_idle_stop_last_run_exit_status is {status!r}, the run exited {sys.argv[3]}")
    if single("ges_idle_stop_last_run_timestamp_seconds") <= 0:
        fail("ges_idle_stop_last_run_timestamp_seconds is not a time")
    if single("ges_idle_stop_run_duration_seconds") < 0:
        fail("ges_idle_stop_run_duration_seconds is negative")
    modes = {row["mode"] for row in rows}
    if modes:
        expect("ges_idle_stop_last_run_dry_run", single("ges_idle_stop_last_run_dry_run"),
               1.0 if modes == {"dry-run"} else 0.0)

    decisions = Counter(row["decision"] for row in rows)
    expect("ges_idle_stop_graphs", values("ges_idle_stop_graphs", "decision"),
           {decision: float(decisions[decision]) for decision in DECISIONS})
    results = Counter(row["result"] for row in rows if row["decision"] == "stop")
    expect("ges_idle_stop_stops", values("ges_idle_stop_stops", "result"),
           {result: float(results[result]) for result in RESULTS})

    savings = defaultdict(Decimal)
    for row in rows:
        if row["decision"] == "stop" and row["result"] in SAVED and row["projected_savings"] and row["currency"]:
            savings[row["currency"]] += Decimal(row["projected_savings"])
    family = families.get("ges_idle_stop_projected_savings")
    parsed = {sample.labels["currency"]: sample.value for sample in family.samples} if family else {}
    expect("ges_idle_stop_projected_savings", parsed,
           {currency: float(total) for currency, total in savings.items()})

    covered = single("ges_idle_stop_usage_covered_graphs")
    evaluated = single("ges_idle_stop_usage_evaluated_graphs")
    if not 0 <= covered <= evaluated <= len(rows):
        fail(f"usage: {covered} covered of {evaluated} evaluated graphs does not fit {len(rows)} report rows")

    print(f"check-metrics: ok: {len(families)} families agree with {len(rows)} report rows")


if __name__ == "__main__":
    main()
