#!/usr/bin/env bash
# Publishes the `s3spec` command as one self-contained linux-x64 executable for machines without the .NET SDK or
# runtime: artifacts/s3spec-linux-x64/s3spec (about 100 MB) next to its appsettings.json (logging levels; every
# setting also has a default in code). The build's defaults for publishing projects under src/ (ReadyToRun,
# framework-dependent; Directory.Build.props) are overridden here. Usage: bash deploy/build-single-file.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts/s3spec-linux-x64"
rm -rf "$out"
dotnet publish "$repo/src/S3Spec.Tool" -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=false \
  -p:GeneratePackageOnBuild=false -p:DebugType=none -o "$out" --nologo -v quiet
rm -f "$out"/*.runtimeconfig.json "$out"/*.pdb
test -x "$out/s3spec"
"$out/s3spec" serve --help >/dev/null
echo "build-single-file.sh: $out/s3spec ($(du -h "$out/s3spec" | cut -f1))"
