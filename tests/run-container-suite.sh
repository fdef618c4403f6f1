#!/usr/bin/env bash
# The behaviour suite against the server image under rootful podman (host networking, loopback only):
# installs/configures podman, builds the image, starts the Docker-API socket, runs tests/S3Spec.Features with
# S3SPEC_TEST_TARGET=container and the Testcontainers module's sample (samples/S3Spec.Testcontainers.Sample, consuming
# the packed S3Spec.Testcontainers package), then stops everything it started and fails if a container, a conmon process, an
# overlay mount or the API service is left. Needs root. Extra arguments go to `dotnet test`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
deploy="$repo/deploy/container"
. "$deploy/podman-env.sh"

cleanup() {
  local rc=$?
  trap - EXIT
  if ! "$deploy/podman-service.sh" stop; then
    echo "run-container-suite.sh: something was left behind (see above)" >&2
    [ "$rc" = 0 ] && rc=1
  fi
  exit "$rc"
}

started=$(date +%s)
"$deploy/setup-podman.sh"
"$deploy/build-image.sh"
trap cleanup EXIT
"$deploy/podman-service.sh" start

export DOCKER_HOST="unix://$S3SPEC_PODMAN_SOCK"
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export S3SPEC_TEST_TARGET=container
export S3SPEC_TEST_IMAGE="$S3SPEC_IMAGE"
export AWS_EC2_METADATA_DISABLED=true
dotnet test "$repo/tests/S3Spec.Features" --nologo "$@"
dotnet build "$repo/src/S3Spec.Testcontainers" -c Release --nologo -v quiet
S3SPEC_TEST_HOST_NETWORK=true bash "$repo/tests/run-package-sample.sh" S3Spec.Testcontainers.Sample
echo "run-container-suite.sh: suite finished after $(( $(date +%s) - started )) s"
