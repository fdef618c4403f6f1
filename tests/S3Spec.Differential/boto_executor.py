"""boto3 executor of the differential harness (tests/S3Spec.Differential, docs/differential.md).

Reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
  request: {"target": NAME, "op": "put_object", "params": {...}, "body_b64": "..." (optional)}
  answer:  {"status": HTTP status or -1, "code": S3 error code or the client's exception name, "fields": {...}}
The first line configures the targets: {"targets": {NAME: ENDPOINT, ...}, "access_key": K, "secret_key": S, "region": R}.
fields are the parsed response flattened with "." and "[i]" (Contents[0].Key, Metadata.a), the body of GetObject as
"<length> bytes sha256:<first 16 hex digits>". Only boto3 is used (no retries, path-style addressing, explicit
credentials and region; AWS_EC2_METADATA_DISABLED is set by the harness).
"""
import base64
import datetime
import hashlib
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def flatten(value, path, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            flatten(v, f"{path}[{i}]", out)
    elif isinstance(value, datetime.datetime):
        out[path] = value.isoformat()
    elif isinstance(value, bool):
        out[path] = "true" if value else "false"
    elif isinstance(value, bytes):
        out[path] = value.hex()
    else:
        out[path] = str(value)


def summary(data):
    return f"{len(data)} bytes sha256:{hashlib.sha256(data).hexdigest()[:16]}"


def run(clients, request):
    client = clients[request["target"]]
    params = dict(request.get("params", {}))
    if "body_b64" in request:
        params["Body"] = base64.b64decode(request["body_b64"])
    try:
        response = getattr(client, request["op"])(**params)
    except ClientError as e:
        error = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", -1)
        return {"status": status, "code": error.get("Code"), "fields": {}}
    except Exception as e:  # noqa: BLE001 - any client-side failure is an outcome to compare
        return {"status": -1, "code": type(e).__name__, "fields": {}}
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", -1)
    response.pop("ResponseMetadata", None)
    fields = {}
    body = response.pop("Body", None)
    if body is not None:
        try:
            fields["Body"] = summary(body.read())
        except Exception as e:  # noqa: BLE001
            fields["Body"] = "unreadable: " + type(e).__name__
    flatten(response, "", fields)
    return {"status": status, "code": None, "fields": fields}


def main():
    config = json.loads(sys.stdin.readline())
    cfg = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"},
                 connect_timeout=10, read_timeout=60)
    clients = {
        name: boto3.client("s3", endpoint_url=endpoint, region_name=config["region"],
                           aws_access_key_id=config["access_key"], aws_secret_access_key=config["secret_key"],
                           config=cfg)
        for name, endpoint in config["targets"].items()
    }
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = run(clients, json.loads(line))
        except Exception as e:  # noqa: BLE001
            answer = {"status": -1, "code": "executor:" + type(e).__name__, "fields": {}}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
