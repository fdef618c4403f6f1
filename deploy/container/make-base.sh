#!/usr/bin/env bash
# Builds the base image localhost/s3spec-base:latest from this host's files, without any registry: the shared
# .NET + ASP.NET Core runtime from /usr/share/dotnet, the libraries `ldd` says it needs (plus OpenSSL, which the
# runtime loads with dlopen), the CA certificates and a static busybox (a shell for the Dockerfile's RUN step).
# No ICU: the image runs .NET in invariant globalization mode, as S3Spec does anyway.
# Usage: make-base.sh [image-name]   (needs setup-podman.sh first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/podman-env.sh"
image="${1:-$S3SPEC_BASE_IMAGE}"
dotnet_root="${DOTNET_ROOT:-/usr/share/dotnet}"

netcore="$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* 2>/dev/null | sort -V | tail -1)"
aspnet="$(ls -d "$dotnet_root"/shared/Microsoft.AspNetCore.App/10.* 2>/dev/null | sort -V | tail -1)"
fxr="$(ls -d "$dotnet_root"/host/fxr/10.* 2>/dev/null | sort -V | tail -1)"
if [ -z "$netcore" ] || [ -z "$aspnet" ] || [ -z "$fxr" ]; then
  echo "make-base.sh: no .NET 10 + ASP.NET Core 10 runtime under $dotnet_root" >&2
  exit 1
fi
version="$(basename "$netcore")"

work="$(mktemp -d "$S3SPEC_CONTAINERS/tmp/base-XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{usr/bin,usr/lib/x86_64-linux-gnu,usr/lib64,usr/share/dotnet/shared,usr/share/dotnet/host/fxr,etc/ssl,tmp,data,app}
# merged /usr, as on Debian 12
ln -s usr/bin "$root/bin"; ln -s usr/bin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp"

# .NET: the muxer, hostfxr and the two shared frameworks (no SDK)
cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$root/usr/share/dotnet/"
cp -a "$fxr" "$root/usr/share/dotnet/host/fxr/"
mkdir -p "$root/usr/share/dotnet/shared/Microsoft.NETCore.App" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
cp -a "$netcore" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$aspnet" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
ln -s ../share/dotnet/dotnet "$root/usr/bin/dotnet"

# native libraries: what ldd resolves for the runtime's binaries, plus OpenSSL 3 (dlopen'ed)
copy_lib() { # host path -> same path under merged /usr
  local src="$1" dst="$1"
  case "$src" in "$root"/*) return ;; esac # the runtime's own libraries (found via $ORIGIN)
  case "$dst" in /lib/*|/lib64/*) dst="/usr$dst" ;; esac
  [ -e "$root$dst" ] || cp -L "$src" "$root$dst"
}
libs="$(find "$root/usr/share/dotnet" -type f \( -name '*.so' -o -name dotnet \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' | sort -u)"
for l in $libs; do copy_lib "$l"; done
for name in libssl.so.3 libcrypto.so.3; do
  p="$(ls /usr/lib/x86_64-linux-gnu/$name /lib/x86_64-linux-gnu/$name 2>/dev/null | head -1)"
  if [ -z "$p" ]; then echo "make-base.sh: $name missing on the host (apt-get install libssl3)" >&2; exit 1; fi
  copy_lib "$p"
done
# every library the copied ones need in turn (libssl -> libcrypto, ...)
for l in "$root"/usr/lib/x86_64-linux-gnu/*.so*; do
  for dep in $(ldd "$l" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do copy_lib "$dep"; done
done

# busybox: sh and the few tools a Dockerfile RUN step uses
cp /bin/busybox "$root/usr/bin/busybox"
for a in sh mkdir chown chmod ls cat echo id env rm ln grep; do ln -s busybox "$root/usr/bin/$a"; done

# CA certificates (dereferenced: the host's hash links point into /usr/share/ca-certificates), no private keys
cp -rL /etc/ssl/certs "$root/etc/ssl/certs"
cp -L /etc/ssl/openssl.cnf "$root/etc/ssl/openssl.cnf"
mkdir -p "$root/usr/lib/ssl"; ln -s /etc/ssl/certs "$root/usr/lib/ssl/certs"; ln -s /etc/ssl/openssl.cnf "$root/usr/lib/ssl/openssl.cnf"

printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"

# a reproducible layer: fixed order, owners and times
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/rootfs.tar" .
podman rmi --force "$image" >/dev/null 2>&1 || true
podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
  --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
  --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true' \
  --change 'ENV DOTNET_NOLOGO=true' \
  --change "LABEL org.opencontainers.image.description=\"S3Spec base: .NET $version + ASP.NET Core runtime from the build host\"" \
  --change 'WORKDIR /app' \
  --change 'CMD ["dotnet", "--list-runtimes"]' \
  "$work/rootfs.tar" "$image" >/dev/null
echo "make-base.sh: $image ($(podman image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1/1000000 }'), .NET $version)"
