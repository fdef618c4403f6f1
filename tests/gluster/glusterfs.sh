#!/usr/bin/env bash
# Sourced by tests/gluster/stage.sh inside the stage's network namespace: a private glusterd (its own volfile,
# working directory, run directory and CLI socket under $GL_TMP; never /var/lib/glusterd), volumes on brick folders
# under $GL_TMP, and FUSE mounts. Every daemon is recorded in $GL_TMP/pids and stopped by its PID by gl_stop_all.
# Needs: GL_TMP (an empty temporary folder), GL_ADDR (the namespace's address; gluster refuses 127.x).

gl_cli() { gluster --mode=script --glusterd-sock="$GL_TMP/run/glusterd.socket" --log-file="$GL_TMP/log/cli.log" "$@"; }

gl_record() { echo "$1 $2" >> "$GL_TMP/pids"; }   # PID, what

# Starts glusterd (foreground mode, in the background) and waits until its CLI answers.
gl_start_glusterd() {
  mkdir -p "$GL_TMP/glusterd" "$GL_TMP/run" "$GL_TMP/log"
  cat > "$GL_TMP/glusterd.vol" <<VOL
volume management
    type mgmt/glusterd
    option working-directory $GL_TMP/glusterd
    option run-directory $GL_TMP/run
    option glusterd-sockfile $GL_TMP/run/glusterd.socket
    option transport-type socket
    option transport.socket.bind-address $GL_ADDR
    option transport.socket.listen-port 24007
    option transport.socket.keepalive-time 10
    option transport.socket.keepalive-interval 2
    option transport.socket.read-fail-log off
    option ping-timeout 0
    option event-threads 1
    option base-port 49152
    option max-port 49251
end-volume
VOL
  glusterd -N -f "$GL_TMP/glusterd.vol" -l "$GL_TMP/log/glusterd.log" --pid-file="$GL_TMP/run/glusterd.pid" &
  GL_GLUSTERD_PID=$!
  gl_record "$GL_GLUSTERD_PID" glusterd
  for _ in $(seq 1 100); do
    if gl_cli volume list >/dev/null 2>&1; then return 0; fi
    kill -0 "$GL_GLUSTERD_PID" 2>/dev/null || { echo "glusterd exited:"; tail -20 "$GL_TMP/log/glusterd.log"; return 1; } >&2
    sleep 0.2
  done
  echo "glusterd did not answer within 20 s" >&2
  return 1
}

# gl_create_volume NAME BRICKS: a distributed volume of BRICKS bricks (folders $GL_TMP/bricks/NAME-<i>), started.
gl_create_volume() {
  local name="$1" count="$2" bricks=() b
  for i in $(seq 1 "$count"); do
    b="$GL_TMP/bricks/$name-$i"
    mkdir -p "$b"
    # A reused brick folder keeps the volume id and gfid xattrs of its last volume: clear them.
    setfattr -x trusted.glusterfs.volume-id "$b" 2>/dev/null || true
    setfattr -x trusted.gfid "$b" 2>/dev/null || true
    rm -rf "$b/.glusterfs"
    bricks+=("$GL_ADDR:$b")
  done
  gl_cli volume create "$name" transport tcp "${bricks[@]}" force >/dev/null
  shift 2
  local opt
  for opt in "$@"; do
    gl_cli volume set "$name" ${opt%%=*} "${opt#*=}" >/dev/null
  done
  gl_cli volume start "$name" >/dev/null
  gl_record_bricks
}

# Brick daemons are started by glusterd (daemonized); their pid files are in the run directory.
gl_record_bricks() {
  local f pid
  for f in $(find "$GL_TMP/run" -name '*.pid' ! -name glusterd.pid 2>/dev/null); do
    pid="$(cat "$f" 2>/dev/null || true)"
    [ -n "$pid" ] && ! grep -q "^$pid " "$GL_TMP/pids" && gl_record "$pid" "brick $f"
  done
  return 0
}

# gl_mount VOLUME DIR [glusterfs options...]: one FUSE client (its own process) mounting VOLUME at DIR.
gl_mount() {
  local volume="$1" dir="$2" pid
  shift 2
  mkdir -p "$dir"
  glusterfs -N --volfile-server="$GL_ADDR" --volfile-id="$volume" --log-file="$GL_TMP/log/mount-$(basename "$dir").log" "$@" "$dir" &
  pid=$!
  gl_record "$pid" "fuse $dir"
  for _ in $(seq 1 100); do
    if grep -q " $dir fuse.glusterfs " /proc/mounts && stat -f "$dir" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "the FUSE client of $dir exited:"; tail -20 "$GL_TMP/log/mount-$(basename "$dir").log"; return 1; } >&2
    sleep 0.2
  done
  echo "$dir was not mounted within 20 s" >&2
  return 1
}

# gl_unmount_all: every glusterfs FUSE mount under $GL_TMP (lazily if busy).
gl_unmount_all() {
  local m
  for m in $(awk -v t="$GL_TMP" '$3 == "fuse.glusterfs" && index($2, t) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

# gl_stop_volume NAME: unmounted first by the caller.
gl_stop_volume() {
  gl_cli volume stop "$1" force >/dev/null 2>&1 || true
  sleep 0.5
  gl_prune
}

# Stops everything recorded, newest first, by PID: TERM, then KILL after 5 s.
gl_stop_all() {
  gl_unmount_all
  [ -f "$GL_TMP/pids" ] || return 0
  local pid what
  tac "$GL_TMP/pids" | while read -r pid what; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    local alive=0
    while read -r pid what; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$GL_TMP/pids"
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  while read -r pid what; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "killing $what ($pid)" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$GL_TMP/pids"
  sleep 0.2
  gl_prune
}

# gl_stop_recorded PREFIX...: stops (TERM, then KILL after 10 s) the recorded processes whose description starts
# with one of the prefixes.
gl_stop_recorded() {
  local pid what p pids=()
  while read -r pid what; do
    for p in "$@"; do
      case "$what" in "$p"*) pids+=("$pid") ;; esac
    done
  done < "$GL_TMP/pids"
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  gl_prune
}

# Forgets recorded processes that are gone, so that a later stop never signals a reused PID.
gl_prune() {
  local pid what
  [ -f "$GL_TMP/pids" ] || return 0
  while read -r pid what; do
    kill -0 "$pid" 2>/dev/null && echo "$pid $what"
  done < "$GL_TMP/pids" > "$GL_TMP/pids.alive" || true
  mv "$GL_TMP/pids.alive" "$GL_TMP/pids"
}

# gl_dump_bricks NAME: what each brick of volume NAME holds (files with mode and size, GlusterFS's link files show
# as ---------T, directories with their DHT layout and gfid xattrs), for the record of a failed run.
gl_dump_bricks() {
  local name="$1" b
  for b in "$GL_TMP/bricks/$name"-*; do
    echo "== brick $b"
    (cd "$b" && find . -path ./.glusterfs -prune -o \( -type f -o -type d \) -printf '%M %s %p\n' | sort -k3)
    find "$b" -path "$b/.glusterfs" -prune -o -type d -print0 \
      | xargs -0 getfattr --absolute-names -d -m 'trusted.glusterfs.dht$|trusted.gfid$' -e hex 2>/dev/null
  done
}
