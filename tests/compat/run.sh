#!/usr/bin/env bash
# The compatibility run (docs/behaviour-suite.md, "Compatibility report"): the behaviour suite through its endpoint
# target against S3Spec, moto_server and s3rver, one after the other, each started here on a free loopback port and
# stopped by its PID (also on failure), then docs/compatibility.md generated from the three Cucumber Messages files.
# Usage: bash tests/compat/run.sh [--only s3spec,moto,s3rver] [--report-only] [--out FILE] [--fail-on-failures]
#   --only              run these targets only (the report uses the last result file of each target that has one)
#   --report-only       run nothing, regenerate the report from the result files in artifacts/compat
#   --out               where the report goes (default docs/compatibility.md)
#   --fail-on-failures  exit 1 when a scenario failed against a target run now (CI: --only s3spec)
# Result files and server logs: artifacts/compat/<target>.ndjson, <target>.suite.log, <target>.server.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

targets="s3spec,moto,s3rver"
report_only=false
strict=false
failed_targets=()
out="$repo/docs/compatibility.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) targets="$2"; shift 2 ;;
    --report-only) report_only=true; shift ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --fail-on-failures) strict=true; shift ;;
    *) echo "unknown argument '$1' (see the head of $0)" >&2; exit 2 ;;
  esac
done

results="$repo/artifacts/compat"
mkdir -p "$results"
scratch="$(mktemp -d /tmp/s3spec-compat-XXXXXX)"
server_pid=""
volume="s3spec-compat"

# A peer runs under a small supervisor: when it exits during the run (s3rver 3.7.1 dies on a file name longer than
# 255 bytes) it is started again on the same port and data, and each restart is counted for the report.
# server_pid is the supervisor's, child.pid the running server's; both are stopped by PID.
stop_server() {
  if [ -n "$server_pid" ]; then
    touch "$scratch/stop"
    local child
    child="$(cat "$scratch/child.pid" 2>/dev/null || true)"
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    [ -n "$child" ] && kill -KILL "$child" 2>/dev/null || true
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    rm -f "$scratch/stop" "$scratch/child.pid"
  fi
}
cleanup() {
  stop_server
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# supervise LOG COMMAND...: runs COMMAND in the background, restarting it when it exits, until stop_server.
supervise() {
  local log="$1"
  shift
  : > "$scratch/restarts"
  (
    while [ ! -f "$scratch/stop" ]; do
      "$@" >> "$log" 2>&1 &
      echo $! > "$scratch/child.pid"
      wait $! && code=0 || code=$?
      [ -f "$scratch/stop" ] && break
      echo "=== exited with $code at $(date -u +%H:%M:%S); started again by tests/compat/run.sh" >> "$log"
      echo x >> "$scratch/restarts"
      sleep 0.2
    done
  ) &
  server_pid=$!
}

restarts() { wc -l < "$scratch/restarts" | tr -d ' '; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the server started last accepts connections on its port; fails with its log if it exits first.
wait_listening() {
  local port="$1" log="$2"
  for _ in $(seq 1 900); do
    if ! kill -0 "$server_pid" 2>/dev/null || [ -s "$scratch/restarts" ]; then
      echo "the server exited before listening on $port:" >&2
      cat "$log" >&2
      exit 1
    fi
    if python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" "$port" 2>/dev/null; then
      return
    fi
    sleep 0.1
  done
  echo "the server did not listen on $port within 90 s" >&2
  exit 1
}

# Runs the suite against the server started last; the environment carries the endpoint target's settings.
run_suite() {
  local name="$1"
  shift
  echo "  suite against $name ($(date -u +%H:%M:%S))"
  local status=0
  env "$@" S3SPEC_FEATURE_RESULTS="$results/$name.ndjson" \
    timeout 60m dotnet test tests/S3Spec.Features -c Release --no-build --nologo --logger "console;verbosity=minimal" \
    > "$results/$name.suite.log" 2>&1 || status=$?
  grep -E "^(Passed|Failed)!" "$results/$name.suite.log" | tail -1 || true
  git -C "$repo" rev-parse --short HEAD > "$results/$name.commit" 2>/dev/null || true
  restarts > "$results/$name.restarts"
  if [ "$(cat "$results/$name.restarts")" != 0 ]; then
    echo "  $name exited $(cat "$results/$name.restarts") times during the run and was started again (see $results/$name.server.log)"
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    echo "  the suite against $name ended with exit code $status (see $results/$name.suite.log)" >&2
  fi
  [ "$status" -eq 0 ] || failed_targets+=("$name")
}

start_s3spec() {
  local port data log="$results/s3spec.server.log"
  port="$(free_port)"
  data="$scratch/s3spec-data"
  # The volume is a directory the runner creates (S3Spec does not create volumes over S3).
  mkdir -p "$data/$volume"
  : > "$log"
  supervise "$log" dotnet "$repo/src/S3Spec.Server/bin/Release/net10.0/S3Spec.Server.dll" --urls "http://127.0.0.1:$port" --data-root "$data" \
    --access-key compatkey --secret-key compatsecret --region us-east-1
  wait_listening "$port" "$log"
  run_suite s3spec S3SPEC_TEST_ENDPOINT="http://127.0.0.1:$port" S3SPEC_TEST_ACCESS_KEY=compatkey S3SPEC_TEST_SECRET_KEY=compatsecret \
    S3SPEC_TEST_REGION=us-east-1 S3SPEC_TEST_VOLUME="$volume"
  stop_server
}

start_moto() {
  local port log="$results/moto.server.log"
  port="$(free_port)"
  : > "$log"
  supervise "$log" python3 -m moto.server -H 127.0.0.1 -p "$port"
  wait_listening "$port" "$log"
  # moto accepts any key; the volume is created over the API.
  run_suite moto S3SPEC_TEST_ENDPOINT="http://127.0.0.1:$port" S3SPEC_TEST_ACCESS_KEY=testing S3SPEC_TEST_SECRET_KEY=testing \
    S3SPEC_TEST_REGION=us-east-1 S3SPEC_TEST_VOLUME="$volume" S3SPEC_TEST_CREATE_VOLUME=true
  stop_server
}

start_s3rver() {
  local port log="$results/s3rver.server.log" peers="$repo/tests/S3Spec.Benchmarks/peers"
  if [ ! -f "$peers/node_modules/s3rver/bin/s3rver.js" ]; then
    (cd "$peers" && npm ci --no-audit --no-fund --silent)
  fi
  port="$(free_port)"
  mkdir -p "$scratch/s3rver-data"
  : > "$log"
  supervise "$log" node "$peers/node_modules/s3rver/bin/s3rver.js" -d "$scratch/s3rver-data" -a 127.0.0.1 -p "$port" --silent
  wait_listening "$port" "$log"
  # s3rver's key is fixed (S3RVER/S3RVER); it takes neither aws-chunked bodies nor checksums.
  run_suite s3rver S3SPEC_TEST_ENDPOINT="http://127.0.0.1:$port" S3SPEC_TEST_ACCESS_KEY=S3RVER S3SPEC_TEST_SECRET_KEY=S3RVER \
    S3SPEC_TEST_REGION=us-east-1 S3SPEC_TEST_VOLUME="$volume" S3SPEC_TEST_CREATE_VOLUME=true \
    S3SPEC_TEST_CHECKSUMS=when-required S3SPEC_TEST_CHUNK_ENCODING=false
  stop_server
}

if [ "$report_only" = false ]; then
  # The suite's other clients (clients.feature), as tests/run-all.sh installs them.
  if [ ! -d tests/S3Spec.Features/clients/js/node_modules/@aws-sdk/client-s3 ]; then
    (cd tests/S3Spec.Features/clients/js && npm ci --no-audit --no-fund --silent)
  fi
  echo "building the suite, the server and the report generator"
  dotnet build tests/S3Spec.Features -c Release --nologo -v quiet
  dotnet build tests/S3Spec.LivingDoc -c Release --nologo -v quiet
  for target in ${targets//,/ }; do
    case "$target" in
      s3spec) start_s3spec ;;
      moto) start_moto ;;
      s3rver) start_s3rver ;;
      *) echo "unknown target '$target' (s3spec, moto, s3rver)" >&2; exit 2 ;;
    esac
  done
fi

moto_version="$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo '?')"
s3rver_version="$(node -p "require('$repo/tests/S3Spec.Benchmarks/peers/node_modules/s3rver/package.json').version" 2>/dev/null || echo '?')"
# The commit the S3Spec column was run at (its server and suite), not the one the report is regenerated at.
s3spec_version="$(cat "$results/s3spec.commit" 2>/dev/null || git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
note() {
  local n
  n="$(cat "$results/$1.restarts" 2>/dev/null || echo 0)"
  if [ "$n" != 0 ]; then
    echo "exited $n times during the run and was started again each time (same port and data; the scenario running then failed)"
  fi
}
columns=()
add_column() {
  if [ -f "$results/$2.ndjson" ]; then
    columns+=(--target "$1=$results/$2.ndjson")
    [ -z "$(note "$2")" ] || columns+=(--note "$1=$(note "$2")")
  fi
}
add_column "S3Spec ($s3spec_version)" s3spec
add_column "moto_server $moto_version" moto
add_column "s3rver $s3rver_version" s3rver
dotnet run --project tests/S3Spec.LivingDoc -c Release --no-build -- compatibility --out "$out" "${columns[@]}"
if [ "$strict" = true ] && [ ${#failed_targets[@]} -gt 0 ]; then
  echo "scenarios failed against: ${failed_targets[*]} (see $out and artifacts/compat/*.suite.log)" >&2
  exit 1
fi
