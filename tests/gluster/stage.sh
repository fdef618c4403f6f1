#!/usr/bin/env bash
# Inside the stage's network namespace (started by tests/gluster/run.sh, which documents it): per layout a fresh
# GlusterFS volume, three FUSE mounts, the replica tests over them (three replicas, one per mount, and HAProxy),
# then on the first layout the behaviour suite through HAProxy in front of three replicas. Env: GL_TMP, GL_ADDR,
# GL_OUT, GL_LAYOUTS, GL_SUITE, GL_CACHE, GL_FILTER (a dotnet test filter of the replica tests; empty: all), GL_BENCH (true: only the benchmark,
# on the first layout).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
. "$repo/tests/gluster/glusterfs.sh"
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

finish() {
  local status=$?
  gl_stop_all
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# glusterd and its brick daemons write fixed host paths (brick logs in /var/log/glusterfs, brick sockets in
# /run/gluster) and read /var/lib/glusterd: this invocation has its own mount namespace (a slave of the host's),
# so folders of the work folder are bound over them here, and the host's are never written.
mkdir -p "$GL_TMP/host/log" "$GL_TMP/host/run" "$GL_TMP/host/lib" "$GL_TMP/log"
mount --make-rslave /
mkdir -p /var/log/glusterfs /run/gluster /var/lib/glusterd
mount --bind "$GL_TMP/host/log" /var/log/glusterfs
mount --bind "$GL_TMP/host/run" /run/gluster
mount --bind "$GL_TMP/host/lib" /var/lib/glusterd

# The caches each FUSE client keeps (docs/replicas.md "GlusterFS"): coherent bounds them to what S3Spec needs.
volume_options=()
mount_options=()
if [ "$GL_CACHE" = coherent ]; then
  volume_options=(performance.stat-prefetch=off performance.quick-read=off performance.open-behind=off
    performance.readdir-ahead=off performance.io-cache=off performance.read-ahead=off performance.nl-cache=off)
  mount_options=(--attribute-timeout=0 --entry-timeout=0 --negative-timeout=0)
fi

gl_start_glusterd
server_dll="$repo/src/S3Spec.Server/bin/Release/net10.0/S3Spec.Server.dll"
status=0

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_listening() {
  local port="$1" pid="$2" what="$3"
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { echo "$what exited before listening on $port" >&2; return 1; }
    python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" "$port" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$what did not listen on $port within 60 s" >&2
  return 1
}

# start_cluster ROOT...: one replica per root and HAProxy in front (round robin); sets ports and lb_port.
start_cluster() {
  local roots=("$@") i port pid
  ports=()
  mkdir -p "${roots[0]}/s3spec-compat"
  for i in "${!roots[@]}"; do
    port="$(free_port)"
    ports+=("$port")
    dotnet "$server_dll" --urls "http://127.0.0.1:$port" --data-root "${roots[$i]}" \
      --access-key compatkey --secret-key compatsecret --region us-east-1 --S3Spec:TrustedProxies=127.0.0.1 \
      > "$GL_OUT/suite-replica-$i.log" 2>&1 &
    pid=$!
    gl_record "$pid" "replica $i"
    wait_listening "$port" "$pid" "replica $i"
  done
  lb_port="$(free_port)"
  cat > "$GL_TMP/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 5s
  timeout client 300s
  timeout server 300s
  option forwardfor
  option http-server-close
  http-reuse never
  option http-buffer-request
frontend s3
  bind 127.0.0.1:$lb_port
  default_backend replicas
backend replicas
  balance roundrobin
CFG
  for i in "${!ports[@]}"; do echo "  server r$i 127.0.0.1:${ports[$i]}" >> "$GL_TMP/haproxy.cfg"; done
  haproxy -db -f "$GL_TMP/haproxy.cfg" > "$GL_OUT/haproxy.log" 2>&1 &
  pid=$!
  gl_record "$pid" haproxy
  wait_listening "$lb_port" "$pid" haproxy
}

# Small requests and multipart (tests/gluster/bench.py) on the local disk, one replica on GlusterFS, and HAProxy
# in front of three (docs/performance.md "GlusterFS").
run_bench() {
  local volume="$1" roots=("${@:2}")
  echo "  benchmark, load $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S))"
  mkdir -p "$GL_TMP/local-disk"
  start_cluster "$GL_TMP/local-disk"
  python3 "$repo/tests/gluster/bench.py" local-disk "http://127.0.0.1:${ports[0]}" s3spec-compat 20 2>&1 | sed 's/^/  /' | tee -a "$GL_OUT/bench.txt" || status=1
  gl_stop_recorded "replica " haproxy
  start_cluster "${roots[0]}"
  python3 "$repo/tests/gluster/bench.py" "glusterfs-$volume-1-replica" "http://127.0.0.1:${ports[0]}" s3spec-compat 20 2>&1 | sed 's/^/  /' | tee -a "$GL_OUT/bench.txt" || status=1
  gl_stop_recorded "replica " haproxy
  start_cluster "${roots[@]}"
  python3 "$repo/tests/gluster/bench.py" "glusterfs-$volume-haproxy-3" "http://127.0.0.1:$lb_port" s3spec-compat 20 2>&1 | sed 's/^/  /' | tee -a "$GL_OUT/bench.txt" || status=1
  gl_stop_recorded "replica " haproxy
  echo "  load after the benchmark $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$GL_OUT/bench.txt"
}

# The behaviour suite through HAProxy in front of three replicas, one per mount.
run_suite() {
  local volume="$1" roots=("${@:2}")
  start_cluster "${roots[@]}"
  python3 "$repo/tests/gluster/concurrent-writers.py" "http://127.0.0.1:$lb_port" s3spec-compat 24 6 2>&1 | sed 's/^/  /' \
    | tee "$GL_OUT/concurrent-writers-$volume.txt" || status=1
  if [ -n "${GL_FILTER:-}" ]; then
    gl_stop_recorded "replica " haproxy
    return 0
  fi
  echo "  behaviour suite through haproxy :$lb_port over three replicas on $volume ($(date -u +%H:%M:%S))"
  local code=0
  S3SPEC_TEST_ENDPOINT="http://127.0.0.1:$lb_port" S3SPEC_TEST_ACCESS_KEY=compatkey S3SPEC_TEST_SECRET_KEY=compatsecret \
    S3SPEC_TEST_REGION=us-east-1 S3SPEC_TEST_VOLUME=s3spec-compat S3SPEC_FEATURE_RESULTS="$GL_OUT/suite-$volume.ndjson" \
    timeout 40m dotnet test tests/S3Spec.Features -c Release --no-build --nologo --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=suite-$volume.trx" --results-directory "$GL_OUT" > "$GL_OUT/suite-$volume.log" 2>&1 || code=$?
  grep -E "^(Passed|Failed)!" "$GL_OUT/suite-$volume.log" | tail -1 || true
  grep -E "^\s+Failed " "$GL_OUT/suite-$volume.log" | head -40 || true
  [ "$code" -eq 0 ] || status=1
  grep -q "InternalError" "$GL_OUT"/suite-replica-*.log && { echo "  a replica answered InternalError (see $GL_OUT/suite-replica-*.log)"; status=1; } || true
  gl_stop_recorded "replica " haproxy
}

first=true
for bricks in ${GL_LAYOUTS//,/ }; do
  volume="s3v$bricks"
  echo "=== volume $volume: $bricks brick(s), caches $GL_CACHE ($(date -u +%H:%M:%S))"
  gl_create_volume "$volume" "$bricks" "${volume_options[@]}"
  roots=()
  for i in 0 1 2; do
    gl_mount "$volume" "$GL_TMP/mnt/$volume-$i" "${mount_options[@]}"
    roots+=("$GL_TMP/mnt/$volume-$i")
  done
  if [ "${GL_BENCH:-false}" = true ]; then
    run_bench "$volume" "${roots[@]}"
    gl_unmount_all
    gl_stop_volume "$volume"
    gl_cli volume delete "$volume" >/dev/null 2>&1 || true
    break
  fi
  python3 "$repo/tests/gluster/cache-lag.py" "${roots[0]}" "${roots[1]}" | sed 's/^/  /' | tee "$GL_OUT/cache-lag-$volume.txt"
  python3 "$repo/tests/gluster/create-race.py" 30 "${roots[@]}" --expect ofd-range | sed 's/^/  /' | tee "$GL_OUT/create-race-$volume.txt" || status=1
  python3 "$repo/tests/gluster/replaced-descriptor.py" "${roots[0]}" "${roots[1]}" | sed 's/^/  /' | tee "$GL_OUT/replaced-descriptor-$volume.txt"
  echo "  replica tests over three mounts, three replicas and haproxy ($(date -u +%H:%M:%S))"
  code=0
  S3SPEC_REPLICA_ROOTS="$(IFS=:; echo "${roots[*]}")" S3SPEC_REPLICA_HAPROXY="$(command -v haproxy)" S3SPEC_REPLICA_LOGS="$GL_OUT/replicas-$volume-logs" \
    timeout 20m dotnet test tests/S3Spec.Replicas.Tests -c Release --no-build --nologo ${GL_FILTER:+--filter "$GL_FILTER"} --logger "console;verbosity=normal" \
    --logger "trx;LogFileName=replicas-$volume.trx" --results-directory "$GL_OUT" > "$GL_OUT/replicas-$volume.log" 2>&1 || code=$?
  grep -E "^\s+(Passed|Failed|Skipped) |^(Passed|Failed)!" "$GL_OUT/replicas-$volume.log" | sed "s/^ */  /" | awk "!seen[\$0]++" || true
  if [ "$code" -ne 0 ]; then
    status=1
    grep -A12 -E "^\s+Failed " "$GL_OUT/replicas-$volume.log" | head -80
    gl_dump_bricks "$volume" > "$GL_OUT/bricks-$volume.txt" 2>&1 || true
    echo "  the bricks' contents after the failure: $GL_OUT/bricks-$volume.txt"
  fi
  if [ "$first" = true ] && [ "$GL_SUITE" = true ]; then
    run_suite "$volume" "${roots[@]}"
  fi
  first=false
  # Last over these mounts: a replica's node lost (its mount's FUSE client killed), which leaves that mount dead.
  if [ -n "${GL_FILTER:-}" ] && [[ "$GL_FILTER" != *NodeLoss* ]]; then
    gl_unmount_all
    gl_stop_volume "$volume"
    gl_cli volume delete "$volume" >/dev/null 2>&1 || true
    continue
  fi
  fuse_pids="$(for r in "${roots[@]}"; do awk -v d="fuse $r" '{ p = $1; $1 = ""; sub(/^ /, ""); if ($0 == d) print p }' "$GL_TMP/pids"; done | paste -sd:)"
  echo "  node loss: FUSE clients $fuse_pids ($(date -u +%H:%M:%S))"
  code=0
  S3SPEC_REPLICA_ROOTS="$(IFS=:; echo "${roots[*]}")" S3SPEC_REPLICA_FUSE_PIDS="$fuse_pids" S3SPEC_REPLICA_LOGS="$GL_OUT/node-loss-$volume-logs" \
    timeout 10m dotnet test tests/S3Spec.Replicas.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~NodeLossTests" \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=node-loss-$volume.trx" --results-directory "$GL_OUT" \
    > "$GL_OUT/node-loss-$volume.log" 2>&1 || code=$?
  grep -E "^\s+(Passed|Failed|Skipped) |^(Passed|Failed)!" "$GL_OUT/node-loss-$volume.log" | sed "s/^ */  /" | awk "!seen[\$0]++" || true
  [ "$code" -eq 0 ] || { status=1; grep -A12 -E "^\s+Failed " "$GL_OUT/node-loss-$volume.log" | head -40; }
  gl_unmount_all
  gl_stop_volume "$volume"
  gl_cli volume delete "$volume" >/dev/null 2>&1 || true
done
exit "$status"
