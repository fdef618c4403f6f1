"""boto3 as the behaviour suite runs it: s3client.py OP ENDPOINT VOLUME ARGS...

  put    ENDPOINT VOLUME KEY LOCAL_FILE PART_MB   (PART_MB 0: one PutObject; else upload_file with that threshold/part size)
  get    ENDPOINT VOLUME KEY LOCAL_FILE
  list   ENDPOINT VOLUME PREFIX                   (one key per line)
  delete ENDPOINT VOLUME KEY
  refused-then-get ENDPOINT VOLUME KEY            (KEY exists: PutObject of a file with IfNoneMatch="*", a PutObject
                                                   into a volume that does not exist, then GetObject, on one client;
                                                   prints each outcome on a line: the error code, or the body read)
  header-roundtrip ENDPOINT VOLUME KEY NAME VALUE (VALUE with Python escapes, e.g. Hello\xe9: the header is set before
                                                   the call, as botocore's events allow; prints the bytes sent and
                                                   the bytes HeadObject returned, as hex:..., "absent" or the error code)

Credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION; an HTTPS server's
certificate from AWS_CA_BUNDLE. Everything else is boto3's default (CRC checksums on uploads since 1.36).
"""
import io
import sys

import boto3
from botocore.exceptions import ClientError
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
    elif op == "refused-then-get":
        key = argv[4]
        for bucket in (volume, volume + "-missing"):
            try:
                s3.put_object(Bucket=bucket, Key=key, Body=io.BytesIO(b"new body"), IfNoneMatch="*")
                print("stored")
            except ClientError as e:
                print(e.response["Error"]["Code"])
        print(s3.get_object(Bucket=volume, Key=key)["Body"].read().decode())
    elif op == "header-roundtrip":
        key, name = argv[4], argv[5]
        value = argv[6].encode("latin-1").decode("unicode_escape")

        def set_header(params, **_):
            params["headers"][name] = value

        s3.meta.events.register("before-call.s3.PutObject", set_header)
        try:
            s3.put_object(Bucket=volume, Key=key, Body=b"x")
        except ClientError as e:
            print(e.response["Error"]["Code"])
            return
        # botocore sends str header values as UTF-8 and reads response headers as Latin-1 (one char per byte).
        print("hex:" + value.encode("utf-8").hex())
        returned = s3.head_object(Bucket=volume, Key=key)["ResponseMetadata"]["HTTPHeaders"].get(name.lower())
        print("absent" if returned is None else "hex:" + returned.encode("latin-1").hex())
    else:
        raise SystemExit(f"unknown operation {op}")


if __name__ == "__main__":
    main(sys.argv)
