#!/usr/bin/env bash
# Builds and tests a copy of samples/NAME as an outside user would: a nuget.config that adds artifacts/packages to the
# usual sources, a private package folder (the global one only as a read-only fallback, so a repacked package of the
# same version is never served stale), no repository build rules. The packages come from a Release build.
# Usage: bash tests/run-package-sample.sh NAME [dotnet test arguments]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
name="$1"; shift
work="$(mktemp -d /tmp/s3spec-sample-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/samples"
cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Packages.props" "$work/samples/"
cp -r "$repo/samples/$name" "$work/samples/$name"
rm -rf "$work/samples/$name/bin" "$work/samples/$name/obj"
cat > "$work/samples/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="s3spec-local" value="$repo/artifacts/packages" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="global" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
  </fallbackPackageFolders>
</configuration>
XML
cd "$work/samples"
NUGET_PACKAGES="$work/nuget-cache" dotnet test "$name" --nologo "$@"
