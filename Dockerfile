# S3Spec.Server image. The server is published on the host first (no SDK image, no restore in a container):
#   dotnet publish src/S3Spec.Server -c Release -r linux-x64 -o artifacts/publish/server   (ReadyToRun)
#   podman build --format docker -t localhost/s3spec:dev .        (deploy/container/build-image.sh does both)
# --format docker keeps HEALTHCHECK (the OCI format has no health check). Settings and usage: docs/container.md.
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
FROM ${BASE_IMAGE}

# The server runs as this non-root user; a directory mounted at /data must be writable by it.
ARG UID=10001
ARG GID=10001

USER 0:0
RUN echo "s3spec:x:${GID}:" >> /etc/group \
 && echo "s3spec:x:${UID}:${GID}:S3Spec:/home/s3spec:/sbin/nologin" >> /etc/passwd \
 && mkdir -p /data /home/s3spec /app \
 && chown "${UID}:${GID}" /data /home/s3spec \
 && chmod 0750 /data /home/s3spec

# Root-owned and read-only for the server user.
COPY artifacts/publish/server/ /app/

ENV HOME=/home/s3spec \
    ASPNETCORE_URLS=http://0.0.0.0:9000 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true \
    S3SPEC__DATAROOT=/data

VOLUME ["/data"]
EXPOSE 9000
WORKDIR /app
USER ${UID}:${GID}

# SIGTERM stops accepting connections and lets in-flight requests finish within the host's shutdown timeout
# (DOTNET_SHUTDOWNTIMEOUTSECONDS, default 30 s); give `podman stop -t` / `--stop-timeout` a few seconds more.
STOPSIGNAL SIGTERM

# No curl: the server probes itself (`--probe` without a URL follows ASPNETCORE_URLS).
HEALTHCHECK --interval=30s --timeout=10s --start-period=15s --retries=3 \
  CMD ["dotnet", "/app/S3Spec.Server.dll", "--probe"]

ENTRYPOINT ["dotnet", "/app/S3Spec.Server.dll"]
