#!/usr/bin/env bash
# Installs what the tests need where it is missing, then builds and runs every test of the solution:
# unit tests (tests/*.Tests) and the behaviour suite (tests/S3Spec.Features running features/*.feature against a
# real server process with the real AWS SDK for .NET and AWS CLI v2).
# Installs only from Debian's packages (apt-get, as root or with sudo) and the npm registry (the JS SDK), never pip.
# Usage: bash tests/run-all.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

need_apt=()
[ -x /usr/bin/aws ] || need_apt+=(awscli)
command -v rclone >/dev/null || need_apt+=(rclone)
command -v s3cmd >/dev/null || need_apt+=(s3cmd)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
# boto3: the python3 on PATH where it has it, else Debian's python3-boto3 with Debian's python3.
if ! python3 -c "import boto3" 2>/dev/null; then
  /usr/bin/python3 -c "import boto3" 2>/dev/null || need_apt+=(python3-boto3)
  export S3SPEC_PYTHON=/usr/bin/python3
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
/usr/bin/aws --version

# The behaviour suite's other clients (features/clients.feature): boto3 (above), the AWS SDK for JavaScript v3 (npm ci
# in its folder), rclone and s3cmd. The AWS CLI v1 is not packaged by Debian: it is used where a python3 has it
# (S3SPEC_AWS_CLI_V1 names another); where none has it, its scenario fails and says so.
if [ -z "${S3SPEC_AWS_CLI_V1:-}" ] && ! python3 -c "import awscli" 2>/dev/null && [ ! -x /root/.pyenv/shims/aws ]; then
  echo "Note: no AWS CLI v1 here (Debian packages only v2); the 'AWS CLI v1' scenario of features/clients.feature will fail."
fi
js_client=tests/S3Spec.Features/clients/js
if [ ! -d "$js_client/node_modules/@aws-sdk/client-s3" ]; then
  (cd "$js_client" && npm ci --no-audit --no-fund --silent)
fi

results="TestResults"
rm -rf "$results"
dotnet build S3Spec.sln -c Release --nologo -v quiet
set +e
dotnet test S3Spec.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
set -e

# One plain closing line over all test projects.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
p = f = s = 0
failed = []
for trx in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(trx).getroot()
    c = root.find(f"{ns}ResultSummary/{ns}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
    for r in root.iter(f"{ns}UnitTestResult"):
        if r.get("outcome") == "Failed":
            msg = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            text = (msg.text or "").strip().splitlines()[0][:300] if msg is not None and msg.text else ""
            failed.append(f"  FAILED {r.get('testName')}: {text}")
# Failed tests last, so that a log's tail names them.
print("\n".join(failed))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
