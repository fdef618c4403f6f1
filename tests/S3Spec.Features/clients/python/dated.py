"""boto3 with a Date header set before signing: dated.py OP ENDPOINT VOLUME KEY [TEXT]

  put  ENDPOINT VOLUME KEY TEXT   PutObject of TEXT (UTF-8)
  get  ENDPOINT VOLUME KEY        GetObject; prints "body: <text>"

A 'before-sign.s3' handler gives every request a Date header, as a program does that sets one; botocore then signs
with Date instead of x-amz-date (SigV4Auth._set_necessary_date_headers). A 'before-send.s3' handler prints what is
sent: "sent-date: <Date>" and "sent-x-amz-date: <value or ->" for each request. Credentials and region come from
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.
"""
import sys

import boto3
from botocore.config import Config


def give_date(request, **_):
    # Any value: botocore replaces it with the signing time in RFC 2822 form (email.utils.formatdate).
    request.headers["Date"] = "set by the program"


def text(value):
    return value.decode("latin-1") if isinstance(value, bytes) else (value or "-")


def show_sent(request, **_):
    print("sent-date: " + text(request.headers.get("Date")))
    print("sent-x-amz-date: " + text(request.headers.get("X-Amz-Date")))


def main(argv):
    op, endpoint, volume, key = argv[1], argv[2], argv[3], argv[4]
    s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
    s3.meta.events.register("before-sign.s3", give_date)
    s3.meta.events.register("before-send.s3", show_sent)
    if op == "put":
        s3.put_object(Bucket=volume, Key=key, Body=argv[5].encode("utf-8"))
    elif op == "get":
        print("body: " + s3.get_object(Bucket=volume, Key=key)["Body"].read().decode("utf-8"))
    else:
        raise SystemExit(f"unknown operation {op}")


if __name__ == "__main__":
    main(sys.argv)
