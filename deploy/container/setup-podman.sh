#!/usr/bin/env bash
# Installs rootful podman (Debian 12) and writes its private configuration under $S3SPEC_CONTAINERS
# (default /tmp/s3spec-containers). Idempotent: packages already present are not reinstalled, the config files
# are rewritten with the same content. Creates no network and pulls no image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/podman-env.sh"

if [ "$(id -u)" != 0 ]; then
  echo "setup-podman.sh: needs root (rootful podman)" >&2
  exit 1
fi

packages=(podman runc busybox-static ca-certificates)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-podman.sh: installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$S3SPEC_CONTAINERS"/{conf,storage,runroot,tmp}
chmod 0700 "$S3SPEC_CONTAINERS"

cat > "$CONTAINERS_STORAGE_CONF.new" <<EOT
[storage]
driver = "overlay"
runroot = "$S3SPEC_CONTAINERS/runroot"
graphroot = "$S3SPEC_CONTAINERS/storage"
EOT

# Fix 1: crun refuses this host's hybrid cgroups ("cgroups in hybrid mode not supported") -> runc.
# Fix 2: without CAP_SYS_RESOURCE podman's default rlimits exceed the hard limits
#        ("setrlimit RLIMIT_NOFILE: Operation not permitted") -> ulimits at or below them.
# netns = "host": a container started without --network gets the host's network, never a bridge.
cat > "$CONTAINERS_CONF.new" <<EOT
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
netns = "host"
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$S3SPEC_CONTAINERS/tmp/libpod"
static_dir = "$S3SPEC_CONTAINERS/storage/libpod"
volume_path = "$S3SPEC_CONTAINERS/storage/volumes"

[network]
network_config_dir = "$S3SPEC_CONTAINERS/conf/networks"
EOT
mv "$CONTAINERS_STORAGE_CONF.new" "$CONTAINERS_STORAGE_CONF"
mv "$CONTAINERS_CONF.new" "$CONTAINERS_CONF"
mkdir -p "$S3SPEC_CONTAINERS/conf/networks"

podman info --format '{{.Host.OCIRuntime.Name}} {{.Store.GraphDriverName}} {{.Host.CgroupManager}}' >/dev/null
echo "setup-podman.sh: podman $(podman version --format '{{.Client.Version}}') ready; storage $S3SPEC_CONTAINERS"
