#!/usr/bin/env python3
"""Concurrent PutObjects of one key through a load balancer with boto3 (docs/replicas.md, SignatureDoesNotMatch).

Usage: concurrent-writers.py ENDPOINT BUCKET [WRITERS] [ROUNDS]
Each round, WRITERS threads put one key at once, with file-like bodies (boto3 sends Expect: 100-continue) of
different sizes: without retries (every answer seen) and with boto3's standard retries, both with boto3's default
CRC trailer (aws-chunked body), then without retries and without the trailer (signed payload hash). Every answer must
be 200 or a documented retryable 409/503; a 403 (SignatureDoesNotMatch) or any other answer fails. The object read
back must be one writer's whole body. Prints a count of the answers; exits 1 on a failure.
"""
import collections
import hashlib
import io
import os
import sys
import threading

import boto3
import botocore.config
import botocore.exceptions

ALLOWED = {(409, "ConditionalRequestConflict"), (503, "StorageUnavailable"), (503, "SlowDown")}


def client(endpoint, retries, checksums):
    config = botocore.config.Config(
        retries={"mode": "standard", "max_attempts": 5} if retries else {"max_attempts": 1},
        s3={"addressing_style": "path"},
        max_pool_connections=64,
        request_checksum_calculation=checksums,
    )
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="compatkey",
                        aws_secret_access_key="compatsecret", config=config)


def main():
    endpoint, bucket = sys.argv[1], sys.argv[2]
    writers = int(sys.argv[3]) if len(sys.argv) > 3 else 24
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 6
    counts = collections.Counter()
    failures = []
    for retries, checksums in ((False, "when_supported"), (True, "when_supported"), (False, "when_required")):
        s3 = client(endpoint, retries, checksums)
        for r in range(rounds):
            key = f"concurrent-writers/{'retrying' if retries else 'once'}-{checksums}-{r}.bin"
            bodies = [os.urandom(64 * 1024 + i * 1031) for i in range(writers)]
            barrier = threading.Barrier(writers)
            answers = [None] * writers

            def put(i):
                barrier.wait()
                try:
                    got = s3.put_object(Bucket=bucket, Key=key, Body=io.BytesIO(bodies[i]))
                    answers[i] = (200, "", got["ETag"])
                except botocore.exceptions.ClientError as e:
                    answers[i] = (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code", ""), "")

            threads = [threading.Thread(target=put, args=(i,)) for i in range(writers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for i, (status, code, etag) in enumerate(answers):
                counts[f"{status} {code}".strip()] += 1
                if status == 200:
                    if etag != '"' + hashlib.md5(bodies[i]).hexdigest() + '"':
                        failures.append(f"{key}: writer {i} got ETag {etag} for its body")
                elif (status, code) not in ALLOWED:
                    failures.append(f"{key}: writer {i} got {status} {code}")
            try:
                body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            except botocore.exceptions.ClientError as e:
                failures.append(f"{key}: the GET after the puts got {e.response['ResponseMetadata']['HTTPStatusCode']} {e.response['Error'].get('Code', '')}")
                continue
            if body not in bodies:
                failures.append(f"{key}: the object read back ({len(body)} bytes) is no writer's body")
    print(f"boto3 concurrent writers through {endpoint}: {writers} per round, {rounds} rounds of each of 3 clients: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    for f in failures[:20]:
        print("  FAILED " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
