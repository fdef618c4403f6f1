#!/usr/bin/env bash
# Installs what the tests need where it is missing, then builds and runs every test of the solution:
# unit tests (tests/*.Tests) and the behaviour suite (tests/S3Spec.Features running features/*.feature against a
# real server process with the real AWS SDK for .NET and AWS CLI v2).
# Usage: bash tests/run-all.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

need_apt=()
[ -x /usr/bin/aws ] || need_apt+=(awscli)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
/usr/bin/aws --version

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
p = f = s = 0
for trx in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(trx).getroot().find("{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}ResultSummary/{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
