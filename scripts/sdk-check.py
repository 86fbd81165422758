#!/usr/bin/env python3
"""Talks to a running ges-sim with the official Huawei Cloud Python SDK (huaweicloudsdkges v2).

Usage: sdk-check.py ENDPOINT PROJECT_ID AK SK FLEET_FILE
Checks paging, stop + job polling, GES.7001 on a stopped graph, and 401 for a wrong SK.
Exits non-zero on the first mismatch.
"""
import json
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkges.v2 import GesClient, ListGraphs2Request, ShowJob2Request, StopGraph2Request


def fail(message):
    print(f"sdk-check: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def client(endpoint, project_id, ak, sk):
    # The project id is given, so the SDK does not ask IAM for it; plain http is accepted
    # for an explicit endpoint. Retries are off so a failure shows at once.
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = BasicCredentials(ak, sk, project_id)
    return (GesClient.new_builder()
            .with_http_config(config)
            .with_credentials(credentials)
            .with_endpoints([endpoint])
            .build())


def main():
    endpoint, project_id, ak, sk, fleet_file = sys.argv[1:6]
    fleet = json.load(open(fleet_file))
    expected_ids = [g["id"] for g in fleet["graphs"]]
    ges = client(endpoint, project_id, ak, sk)

    # 1. Page through the fleet two graphs at a time.
    seen, offset, total = [], 0, None
    while True:
        page = ges.list_graphs2(ListGraphs2Request(offset=offset, limit=2))
        total = page.graph_count
        seen.extend(g.id for g in page.graphs)
        offset += len(page.graphs)
        if not page.graphs or offset >= total:
            break
    if total != len(expected_ids) or seen != expected_ids:
        fail(f"listing: graph_count {total}, ids {seen}; expected {expected_ids}")
    print(f"sdk-check: listed {len(seen)} graphs in pages of 2")

    # 2. Stop a running graph and poll its job until it succeeds.
    running = next(g for g in fleet["graphs"] if g["status"] == "200" and g.get("product_type") != "Persistence")
    stop = ges.stop_graph2(StopGraph2Request(graph_id=running["id"]))
    if not stop.job_id:
        fail(f"stop_graph2 returned no job_id: {stop}")
    deadline = time.time() + 20
    while True:
        job = ges.show_job2(ShowJob2Request(graph_id=running["id"], job_id=stop.job_id))
        if job.status == "success":
            break
        if job.status == "failed" or time.time() > deadline:
            fail(f"job {stop.job_id} ended as {job.status}: {job.fail_reason}")
        time.sleep(0.1)
    print(f"sdk-check: stopped {running['name']} (job {stop.job_id} succeeded)")

    # 3. Stopping it again is refused with GES.7001.
    try:
        ges.stop_graph2(StopGraph2Request(graph_id=running["id"]))
        fail("second stop_graph2 succeeded; expected GES.7001")
    except exceptions.ClientRequestException as error:
        if error.status_code != 400 or error.error_code != "GES.7001":
            fail(f"second stop: {error.status_code} {error.error_code}; expected 400 GES.7001")
    print("sdk-check: second stop refused with GES.7001")

    # 4. A wrong secret key gives 401.
    wrong = client(endpoint, project_id, ak, sk + "-wrong")
    try:
        wrong.list_graphs2(ListGraphs2Request(offset=0, limit=2))
        fail("a wrong SK was accepted")
    except exceptions.ClientRequestException as error:
        if error.status_code != 401:
            fail(f"wrong SK: status {error.status_code}; expected 401")
    print("sdk-check: wrong SK refused with 401")
    print("sdk-check: OK")


if __name__ == "__main__":
    main()
