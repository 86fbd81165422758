#!/usr/bin/env python3
"""Reads ges-sim's Cloud Eye endpoint with the official Huawei Cloud Python SDK (huaweicloudsdkces v1).

Usage: ces-sdk-check.py ENDPOINT PROJECT_ID AK SK USAGE_CSV
Checks that batch_list_metric_data (period 3600, filter sum) returns exactly the CSV's hourly records,
gaps as gaps; that a range beyond the datapoint budget is shortened silently (from moves forward, no
error); that show_metric_data (the single-metric GET) agrees; and that 501 metrics (400 ces.0014) and a
wrong SK (401) are refused. Exits non-zero on the first mismatch.
"""
import csv
import sys
from collections import defaultdict
from datetime import datetime

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkces.v1 import (BatchListMetricDataRequest, BatchListMetricDataRequestBody, CesClient,
                                  MetricInfo, MetricsDimension, ShowMetricDataRequest)

HOUR = 3600
MAX_DATAPOINTS = 3000          # metrics x range / period, per call
MAX_RANGE_3600 = 10 * 86400    # range limit of period 3600


def fail(message):
    print(f"ces-sdk-check: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def client(endpoint, project_id, ak, sk):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(ak, sk, project_id)
    return (CesClient.new_builder()
            .with_http_config(config)
            .with_credentials(credentials)
            .with_endpoint(endpoint)
            .build())


def parse_time(text):
    text = text.strip()
    if text.isdigit():
        return int(text)
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def read_usage(path):
    """{graph_id: {period_start: summed requests}} for hourly, hour-aligned records."""
    usage = defaultdict(lambda: defaultdict(int))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            start, seconds = parse_time(row["period_start"]), int(row["period_seconds"])
            if seconds != HOUR or start % HOUR:
                fail(f"{path}: this check expects hourly, hour-aligned records; got {row}")
            usage[row["graph_id"]][start] += int(row["requests"])
    return usage


def metric(graph_id):
    return MetricInfo(namespace="SYS.GES", metric_name="ges004_request_count",
                      dimensions=[MetricsDimension(name="instance_id", value=graph_id)])


def batch(ces, graph_ids, start, end, period="3600", filter_="sum"):
    body = BatchListMetricDataRequestBody(metrics=[metric(g) for g in graph_ids], period=period,
                                          filter=filter_, _from=start * 1000, to=end * 1000)
    answer = ces.batch_list_metric_data(BatchListMetricDataRequest(body=body))
    result = {}
    for data in answer.metrics:
        graph_id = next(d.value for d in data.dimensions if d.name == "instance_id")
        result[graph_id] = {p.timestamp // 1000: getattr(p, filter_) for p in (data.datapoints or [])}
    if sorted(result) != sorted(graph_ids):
        fail(f"batch answer holds {sorted(result)}, asked {sorted(graph_ids)}")
    return result


def main():
    endpoint, project_id, ak, sk, usage_file = sys.argv[1:6]
    usage = read_usage(usage_file)
    graphs = sorted(usage)
    first = min(min(points) for points in usage.values())
    end = max(max(points) for points in usage.values()) + HOUR
    ces = client(endpoint, project_id, ak, sk)

    # 1. Every graph, every hour, in calls that stay within the limits: exactly the CSV, gaps as gaps.
    per_call = max(1, min(len(graphs), MAX_DATAPOINTS * HOUR // MAX_RANGE_3600))
    window = min(MAX_RANGE_3600, MAX_DATAPOINTS // per_call * HOUR)
    seen = defaultdict(dict)
    calls = 0
    for index in range(0, len(graphs), per_call):
        batch_graphs = graphs[index:index + per_call]
        for start in range(first, end, window):
            for graph_id, points in batch(ces, batch_graphs, start, min(start + window, end)).items():
                seen[graph_id].update(points)
            calls += 1
    for graph_id in graphs:
        expected = dict(usage[graph_id])
        got = {t: int(v) for t, v in seen[graph_id].items()}
        if got != expected:
            missing = sorted(set(expected) - set(got))[:3]
            extra = sorted(set(got) - set(expected))[:3]
            wrong = [t for t in expected if t in got and got[t] != expected[t]][:3]
            fail(f"{graph_id}: missing {missing}, extra {extra}, different {wrong}")
        if any(float(v) != int(v) for v in seen[graph_id].values()):
            fail(f"{graph_id}: a sum is not a whole number")
    total = sum(len(points) for points in usage.values())
    hours = (end - first) // HOUR
    print(f"ces-sdk-check: {total} hourly datapoints of {len(graphs)} graphs match the CSV exactly "
          f"({calls} calls; {len(graphs) * hours - total} graph-hours without a record came back as gaps)")

    # 2. Silent shortening, as Cloud Eye does it: no error, `from` moved forward.
    #    a) One graph over 12 days at period 3600: only the last 10 days come back.
    graph_id = max(graphs, key=lambda g: len(usage[g]))
    span_end = first + 12 * 86400
    cut = span_end - MAX_RANGE_3600
    if not any(t < cut for t in usage[graph_id]):
        fail(f"{graph_id} has no record in the first two days: the check would prove nothing")
    got = {t: int(v) for t, v in batch(ces, [graph_id], first, span_end)[graph_id].items()}
    expected = {t: v for t, v in usage[graph_id].items() if cut <= t < span_end}
    if got != expected:
        fail(f"12 days at period 3600: {len(got)} datapoints from {min(got, default=None)}; "
             f"expected {len(expected)} from {cut}")
    print(f"ces-sdk-check: 12 days at period 3600 shortened silently to the last 10 days ({len(got)} datapoints)")
    #    b) All graphs over 24 h at period 300: more than 3000 datapoints, so only the last
    #       3000 / metrics five-minute buckets come back; whole hours after the cut add up to the CSV.
    day_end = end
    buckets = MAX_DATAPOINTS // len(graphs)
    if len(graphs) * 288 <= MAX_DATAPOINTS:
        fail("the CSV has too few graphs to exceed the datapoint budget at period 300")
    cut = day_end - buckets * 300
    answer = batch(ces, graphs, day_end - 86400, day_end, period="300")
    earliest = min((t for points in answer.values() for t in points), default=None)
    if earliest is None or earliest < cut:
        fail(f"{len(graphs)} metrics x 24 h at period 300 not shortened: earliest {earliest}, cut {cut}")
    for graph_id in graphs:
        hourly = defaultdict(int)
        for t, v in answer[graph_id].items():
            hourly[t // HOUR * HOUR] += int(v)
        first_whole = -(-cut // HOUR) * HOUR
        expected = {t: v for t, v in usage[graph_id].items() if first_whole <= t < day_end}
        if {t: v for t, v in hourly.items() if t >= first_whole} != expected:
            fail(f"{graph_id}: period-300 datapoints after the cut do not add up to the CSV's hours")
    print(f"ces-sdk-check: {len(graphs)} metrics x 24 h at period 300 shortened silently to the last "
          f"{buckets} buckets; their hours add up to the CSV")

    # 3. The single-metric GET, at period 1200: the thirds of each hour add up to the hour.
    graph_id = max(graphs, key=lambda g: sum(usage[g].values()))
    start = first
    answer = ces.show_metric_data(ShowMetricDataRequest(
        namespace="SYS.GES", metric_name="ges004_request_count", dim_0=f"instance_id,{graph_id}",
        filter="sum", period=1200, _from=start * 1000, to=(start + 24 * HOUR) * 1000))
    hourly = defaultdict(int)
    for point in answer.datapoints:
        hourly[point.timestamp // 1000 // HOUR * HOUR] += int(point.sum)
    expected = {t: v for t, v in usage[graph_id].items() if start <= t < start + 24 * HOUR}
    if dict(hourly) != expected:
        fail(f"show_metric_data for {graph_id}: {dict(hourly)}; expected {expected}")
    print(f"ces-sdk-check: show_metric_data at period 1200 adds up to the CSV's hours for {graph_id}")

    # 4. 501 metrics are refused with 400 ces.0014.
    try:
        batch(ces, [f"graph-{n}" for n in range(501)], first, first + HOUR)
        fail("501 metrics were accepted")
    except exceptions.ClientRequestException as error:
        if error.status_code != 400 or error.error_code != "ces.0014":
            fail(f"501 metrics: {error.status_code} {error.error_code}; expected 400 ces.0014")
    print("ces-sdk-check: 501 metrics refused with 400 ces.0014")

    # 5. A wrong secret key gives 401.
    wrong = client(endpoint, project_id, ak, sk + "-wrong")
    try:
        batch(wrong, graphs[:1], first, first + HOUR)
        fail("a wrong SK was accepted")
    except exceptions.ClientRequestException as error:
        if error.status_code != 401:
            fail(f"wrong SK: status {error.status_code}; expected 401")
    print("ces-sdk-check: wrong SK refused with 401")
    print("ces-sdk-check: OK")


if __name__ == "__main__":
    main()
