#!/usr/bin/env bash
# The GlusterFS replica stage (docs/replicas.md, "Tested on GlusterFS"): S3Spec replicas, each over its own FUSE
# mount of one GlusterFS 10 volume, behind HAProxy (round robin per request), all inside a network namespace this
# script creates (gluster refuses loopback addresses; the namespace's lo gets 192.0.2.10, a documentation address,
# and nothing leaves it). Installs glusterfs-server, glusterfs-client, haproxy and attr with apt where missing,
# builds outside the namespace (it has no route to package registries), then runs tests/gluster/stage.sh inside it
# in ONE invocation (a mount made by one `ip netns exec` is invisible to the next). Everything it starts is stopped
# by its PID, the mounts unmounted and the namespace deleted, also on failure. Needs root and /dev/fuse.
# Usage: bash tests/gluster/run.sh [--layouts 1,2] [--no-suite] [--cache defaults|coherent] [--filter EXPR] [--bench]
#   --layouts  bricks per volume to test, one volume each (default 1,2: one brick, then a 2-brick distributed volume)
#   --no-suite skip the behaviour suite through the balancer (run on the first layout)
#   --cache    coherent (default): the client caches bounded as docs/replicas.md says; defaults: gluster's own
#              defaults, to show what they break
#   --filter   only the replica tests this `dotnet test --filter` expression selects (the node-loss test only when
#              the expression names NodeLoss) and no behaviour suite (the boto3 concurrent writers still run,
#              unless --no-suite), e.g. --filter "FullyQualifiedName~StaleRead" --layouts 1
#   --bench    only the benchmark (tests/gluster/bench.py) on the first layout: the local disk, one replica on
#              GlusterFS, HAProxy in front of three (docs/performance.md "GlusterFS"); results in bench.txt
# Results: artifacts/gluster/ (test logs, trx, suite messages, gluster and replica logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

layouts="1,2"
suite=true
cache=coherent
filter=""
bench=false
while [ $# -gt 0 ]; do
  case "$1" in
    --layouts) layouts="$2"; shift 2 ;;
    --no-suite) suite=false; shift ;;
    --cache) cache="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    --bench) bench=true; suite=false; shift ;;
    *) echo "unknown argument '$1' (see the head of $0)" >&2; exit 2 ;;
  esac
done
case "$cache" in coherent|defaults) ;; *) echo "--cache is coherent or defaults" >&2; exit 2 ;; esac

[ "$(id -u)" -eq 0 ] || { echo "the GlusterFS stage needs root (network namespace, glusterd, FUSE mounts)" >&2; exit 2; }
[ -c /dev/fuse ] || { echo "the GlusterFS stage needs /dev/fuse" >&2; exit 2; }

need_apt=()
command -v glusterd >/dev/null || need_apt+=(glusterfs-server)
command -v glusterfs >/dev/null || need_apt+=(glusterfs-client)
command -v haproxy >/dev/null || need_apt+=(haproxy)
command -v setfattr >/dev/null || need_apt+=(attr)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  apt-get update -qq
  # Debian starts no service here (policy-rc.d in containers); the stage never uses the packaged glusterd state.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "$suite" = true ] && [ -z "$filter" ] && [ ! -d tests/S3Spec.Features/clients/js/node_modules/@aws-sdk/client-s3 ]; then
  (cd tests/S3Spec.Features/clients/js && npm ci --no-audit --no-fund --silent)
fi
echo "building the server and the test projects (outside the namespace)"
dotnet build tests/S3Spec.Replicas.Tests -c Release --nologo -v quiet
[ "$suite" = false ] || [ -n "$filter" ] || dotnet build tests/S3Spec.Features -c Release --nologo -v quiet

out="$repo/artifacts/gluster"
rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d /tmp/s3spec-gluster-XXXXXX)"
ns="s3spec-gl-$$"
inner=""
cleanup() {
  local status=$?
  if [ -n "$inner" ] && kill -0 "$inner" 2>/dev/null; then
    kill -TERM "$inner" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$inner" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$inner" 2>/dev/null || true
  fi
  # What the stage recorded and did not stop (it was killed itself): by PID.
  if [ -f "$work/pids" ]; then
    while read -r pid what; do
      kill -0 "$pid" 2>/dev/null && { echo "stopping leftover $what ($pid)" >&2; kill -KILL "$pid" 2>/dev/null || true; }
    done < "$work/pids"
  fi
  ip netns delete "$ns" 2>/dev/null || true
  cp -r "$work/log" "$out/gluster-logs" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr add 192.0.2.10/32 dev lo
echo "namespace $ns (192.0.2.10 on its lo), work folder $work"
ip netns exec "$ns" env GL_TMP="$work" GL_ADDR=192.0.2.10 GL_OUT="$out" GL_LAYOUTS="$layouts" GL_SUITE="$suite" GL_CACHE="$cache" GL_FILTER="$filter" GL_BENCH="$bench" \
  bash "$repo/tests/gluster/stage.sh" &
inner=$!
wait "$inner"
