#!/usr/bin/env python3
"""Small-request and multipart throughput against one S3 endpoint (tests/gluster/run.sh --bench; docs/performance.md).

Usage: bench.py LABEL ENDPOINT BUCKET [SECONDS]
small: 8 threads for SECONDS each doing PUT, GET, HEAD of 4 KiB objects (boto3, no retries): requests per second and
p50/p99 per operation. multipart: 3 uploads of 64 MiB in 8 MiB parts, 4 parts in parallel, completed: MiB/s.
Prints one line per workload: LABEL workload numbers.
"""
import concurrent.futures
import io
import os
import statistics
import sys
import threading
import time

import boto3
import botocore.config


def client(endpoint):
    config = botocore.config.Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}, max_pool_connections=32,
                                    request_checksum_calculation="when_required")
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="compatkey",
                        aws_secret_access_key="compatsecret", config=config)


def small(s3, bucket, seconds):
    body = os.urandom(4096)
    lat = {"put": [], "get": [], "head": []}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(t):
        mine = {"put": [], "get": [], "head": []}
        i = 0
        while time.monotonic() < stop:
            key = f"bench/small/t{t}-{i % 50}"
            a = time.perf_counter(); s3.put_object(Bucket=bucket, Key=key, Body=body); b = time.perf_counter()
            s3.get_object(Bucket=bucket, Key=key)["Body"].read(); c = time.perf_counter()
            s3.head_object(Bucket=bucket, Key=key); d = time.perf_counter()
            mine["put"].append(b - a); mine["get"].append(c - b); mine["head"].append(d - c)
            i += 1
        with lock:
            for k in lat:
                lat[k].extend(mine[k])

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(worker, range(8)))
    elapsed = time.monotonic() - start
    total = sum(len(v) for v in lat.values())
    parts = [f"{total / elapsed:.0f} req/s"]
    for k, v in lat.items():
        v.sort()
        parts.append(f"{k} p50 {statistics.median(v) * 1000:.1f} ms p99 {v[int(len(v) * 0.99) - 1] * 1000:.1f} ms")
    return ", ".join(parts)


def multipart(s3, bucket):
    part = os.urandom(8 * 1024 * 1024)
    rates = []
    for u in range(3):
        key = f"bench/multipart-{u}.bin"
        start = time.perf_counter()
        up = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]

        def put(n):
            got = s3.upload_part(Bucket=bucket, Key=key, UploadId=up, PartNumber=n, Body=io.BytesIO(part))
            return {"PartNumber": n, "ETag": got["ETag"]}

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            parts = list(pool.map(put, range(1, 9)))
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=up, MultipartUpload={"Parts": parts})
        rates.append(64 / (time.perf_counter() - start))
    return "MiB/s per upload " + " ".join(f"{r:.0f}" for r in rates) + f" (median {statistics.median(rates):.0f})"


def main():
    label, endpoint, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 20
    s3 = client(endpoint)
    print(f"{label} small {small(s3, bucket, seconds)}", flush=True)
    print(f"{label} multipart {multipart(s3, bucket)}", flush=True)


if __name__ == "__main__":
    main()
