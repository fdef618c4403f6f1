"""boto3 as the behaviour suite runs it: s3client.py OP ENDPOINT VOLUME ARGS...

  put    ENDPOINT VOLUME KEY LOCAL_FILE PART_MB   (PART_MB 0: one PutObject; else upload_file with that threshold/part size)
  get    ENDPOINT VOLUME KEY LOCAL_FILE
  list   ENDPOINT VOLUME PREFIX                   (one key per line)
  delete ENDPOINT VOLUME KEY

Credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION; an HTTPS server's
certificate from AWS_CA_BUNDLE. Everything else is boto3's default (CRC checksums on uploads since 1.36).
"""
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config


def main(argv):
    op, endpoint, volume = argv[1], argv[2], argv[3]
    s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
    if op == "put":
        key, local, part_mb = argv[4], argv[5], int(argv[6])
        if part_mb > 0:
            size = part_mb * 1024 * 1024
            s3.upload_file(local, volume, key, Config=TransferConfig(multipart_threshold=size, multipart_chunksize=size))
        else:
            with open(local, "rb") as body:
                s3.put_object(Bucket=volume, Key=key, Body=body)
    elif op == "get":
        key, local = argv[4], argv[5]
        body = s3.get_object(Bucket=volume, Key=key)["Body"].read()
        with open(local, "wb") as out:
            out.write(body)
    elif op == "list":
        paginator = s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=volume, Prefix=argv[4]):
            for item in page.get("Contents", []):
                print(item["Key"])
    elif op == "delete":
        s3.delete_object(Bucket=volume, Key=argv[4])
    else:
        raise SystemExit(f"unknown operation {op}")


if __name__ == "__main__":
    main(sys.argv)
