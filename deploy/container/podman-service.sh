#!/usr/bin/env bash
# The Docker-compatible API socket for Testcontainers: unix://$S3SPEC_CONTAINERS/podman.sock.
#   podman-service.sh start   start `podman system service` in the background, PID in $S3SPEC_PODMAN_PID
#   podman-service.sh stop    remove the suite's containers, stop the service by its PID, then `check`
#   podman-service.sh check   fail if a container, a conmon process or an overlay mount of ours is left
# Only processes started here are stopped, and only by their PID.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/podman-env.sh"
log="$S3SPEC_CONTAINERS/podman-service.log"

running_pid() {
  [ -f "$S3SPEC_PODMAN_PID" ] || return 1
  local pid; pid="$(cat "$S3SPEC_PODMAN_PID")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q "system" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

ping_socket() {
  curl -sf --max-time 2 --unix-socket "$S3SPEC_PODMAN_SOCK" http://d/_ping >/dev/null 2>&1
}

start() {
  if pid="$(running_pid)"; then
    echo "podman-service.sh: already running (pid $pid)"
    return 0
  fi
  mkdir -p "$S3SPEC_CONTAINERS"
  rm -f "$S3SPEC_PODMAN_SOCK"
  podman system service --time=0 "unix://$S3SPEC_PODMAN_SOCK" >"$log" 2>&1 </dev/null &
  echo $! > "$S3SPEC_PODMAN_PID"
  for _ in $(seq 1 100); do
    if ping_socket; then
      echo "podman-service.sh: started (pid $(cat "$S3SPEC_PODMAN_PID")), DOCKER_HOST=unix://$S3SPEC_PODMAN_SOCK"
      return 0
    fi
    sleep 0.1
  done
  echo "podman-service.sh: the socket did not answer; log:" >&2
  cat "$log" >&2
  stop || true
  return 1
}

remove_containers() {
  # Every container in this private storage belongs to the suite (the storage is not shared with anything else).
  local ids; ids="$(podman ps -aq)"
  if [ -n "$ids" ]; then
    echo "podman-service.sh: removing containers $ids"
    # shellcheck disable=SC2086
    podman rm --force --time 10 $ids >/dev/null 2>&1 || true
  fi
}

stop() {
  remove_containers
  if pid="$(running_pid)"; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "podman-service.sh: pid $pid ignored SIGTERM, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    echo "podman-service.sh: stopped (pid $pid)"
  fi
  rm -f "$S3SPEC_PODMAN_PID" "$S3SPEC_PODMAN_SOCK"
  check
}

check() {
  local left=0
  if [ -n "$(podman ps -aq)" ]; then
    echo "podman-service.sh: containers left:" >&2; podman ps -a >&2; left=1
  fi
  if pgrep -af conmon | grep -F "$S3SPEC_CONTAINERS" >&2; then
    echo "podman-service.sh: conmon processes left (above)" >&2; left=1
  fi
  if findmnt -rn -t overlay -o TARGET | grep -F "$S3SPEC_CONTAINERS" >&2; then
    echo "podman-service.sh: overlay mounts left (above)" >&2; left=1
  fi
  if running_pid >/dev/null; then
    echo "podman-service.sh: the service is still running (pid $(cat "$S3SPEC_PODMAN_PID"))" >&2; left=1
  fi
  [ "$left" = 0 ] && echo "podman-service.sh: clean (no container, conmon, overlay mount or service of ours)"
  return "$left"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) check ;;
  *) echo "usage: $0 start|stop|check" >&2; exit 2 ;;
esac
