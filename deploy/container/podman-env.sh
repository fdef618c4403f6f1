# Sourced by the scripts in deploy/container and tests/run-container-suite.sh (not run on its own).
# Podman here uses a private configuration, storage and API socket under S3SPEC_CONTAINERS, so nothing in
# /etc/containers or /var/lib/containers is touched. Rationale and settings: docs/container.md.
S3SPEC_CONTAINERS="${S3SPEC_CONTAINERS:-/tmp/s3spec-containers}"
S3SPEC_PODMAN_SOCK="$S3SPEC_CONTAINERS/podman.sock"
S3SPEC_PODMAN_PID="$S3SPEC_CONTAINERS/podman-service.pid"
S3SPEC_IMAGE="${S3SPEC_IMAGE:-localhost/s3spec:dev}"
S3SPEC_BASE_IMAGE="${S3SPEC_BASE_IMAGE:-localhost/s3spec-base:latest}"
export CONTAINERS_CONF="$S3SPEC_CONTAINERS/conf/containers.conf"
export CONTAINERS_STORAGE_CONF="$S3SPEC_CONTAINERS/conf/storage.conf"
