#!/usr/bin/env bash
# Publishes S3Spec.Server on the host and builds the image localhost/s3spec:dev (override: S3SPEC_IMAGE) on the
# locally made base image (made first when missing). Needs setup-podman.sh first. No registry is contacted.
# Extra arguments go to `podman build` (e.g. --build-arg UID=2000 --build-arg GID=2000).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
. "$here/podman-env.sh"

publish_dir="$repo/artifacts/publish/server"
rm -rf "$publish_dir"
dotnet publish "$repo/src/S3Spec.Server" -c Release -r linux-x64 -o "$publish_dir" -p:UseAppHost=false --nologo -v quiet
test -f "$publish_dir/S3Spec.Server.dll"
dotnet publish "$repo/src/S3Spec.Admin" -c Release -r linux-x64 -o "$publish_dir" -p:UseAppHost=false --nologo -v quiet
test -f "$publish_dir/S3Spec.Admin.dll"

if ! podman image exists "$S3SPEC_BASE_IMAGE"; then
  "$here/make-base.sh" "$S3SPEC_BASE_IMAGE"
fi

# --network host: the RUN step gets the host's network namespace instead of a bridge; --pull never: local only.
podman build --quiet --format docker --pull=never --network host \
  --build-arg "BASE_IMAGE=$S3SPEC_BASE_IMAGE" \
  -t "$S3SPEC_IMAGE" "$@" -f "$repo/Dockerfile" "$repo" >/dev/null
podman image prune --force >/dev/null
echo "build-image.sh: $S3SPEC_IMAGE on $S3SPEC_BASE_IMAGE"
