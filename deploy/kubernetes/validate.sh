#!/usr/bin/env bash
# Validates every manifest of deploy/kubernetes against the Kubernetes API schemas (offline, no cluster):
# installs the pinned checker (validate/package-lock.json) with `npm ci`, then runs validate/validate.mjs over the
# directory. Where kubectl is installed, the kustomize build (`kubectl kustomize`) is validated as well.
# Exit code non-zero on any error. Usage: deploy/kubernetes/validate.sh [extra files or directories]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

(cd "$here/validate" && npm ci --no-audit --no-fund --loglevel=error)

targets=("$here" "$@")
if command -v kubectl >/dev/null 2>&1; then
  built="$(mktemp -d)"
  trap 'rm -rf "$built"' EXIT
  kubectl kustomize "$here" > "$built/kustomize-build.yaml"
  targets+=("$built/kustomize-build.yaml")
fi

node "$here/validate/validate.mjs" "${targets[@]}"
