#!/usr/bin/env python3
"""The peer of a live `ges-idle-stop run` for benchmarks: a plain sequential script with the official SDK.

    sdk_stop.py ENDPOINT PROJECT_ID AK SK IDS_FILE

Stops every graph ID listed in IDS_FILE (one a line), one after the other, with huaweicloudsdkges v2, as an
operator's script would; prints how many were requested and the seconds it took. No retries.
"""
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkges.v2 import GesClient, StopGraph2Request


def main():
    endpoint, project_id, ak, sk, ids_file = sys.argv[1:6]
    ids = [line.strip() for line in open(ids_file) if line.strip()]
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (GesClient.new_builder().with_http_config(config)
              .with_credentials(BasicCredentials(ak, sk, project_id)).with_endpoints([endpoint]).build())
    started = time.monotonic()
    requested = 0
    for graph_id in ids:
        if client.stop_graph2(StopGraph2Request(graph_id=graph_id)).job_id:
            requested += 1
    print(f"sdk: {requested}/{len(ids)} stops requested in {time.monotonic() - started:.2f} s")
    return 0 if requested == len(ids) else 1


if __name__ == "__main__":
    sys.exit(main())
