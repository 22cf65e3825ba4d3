# syntax=docker/dockerfile:1
# Daira's backend: one image for the API (`daira serve`, the default), the worker
# (`daira worker`) and migrations (`daira migrate`). Debian's Python, so the same file builds
# with podman on a machine without a registry (deploy/scripts/base-image.sh) and anywhere else.
# Build from the repository root: podman build -f deploy/docker/backend.Dockerfile .

FROM debian:bookworm-slim AS build
ARG DEBIAN_FRONTEND=noninteractive
# A CA bundle for a TLS-intercepting proxy, mounted by the build on such machines only.
ARG EXTRA_CA_FILE=""
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates binutils \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN python3 -m venv /opt/uv \
 && /opt/uv/bin/pip install --quiet --no-cache-dir ${EXTRA_CA_FILE:+--cert "$EXTRA_CA_FILE"} uv==0.13.8
COPY backend/pyproject.toml backend/uv.lock ./
# Dependencies first (cached while only the code changes), then the project itself.
RUN SSL_CERT_FILE=${EXTRA_CA_FILE:-/etc/ssl/certs/ca-certificates.crt} \
    UV_PYTHON=/usr/bin/python3 UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 \
    /opt/uv/bin/uv sync --frozen --no-dev --no-install-project --no-cache
COPY backend/daira ./daira
COPY backend/migrations ./migrations
COPY backend/alembic.ini ./
RUN SSL_CERT_FILE=${EXTRA_CA_FILE:-/etc/ssl/certs/ca-certificates.crt} \
    UV_PYTHON=/usr/bin/python3 UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 \
    /opt/uv/bin/uv sync --frozen --no-dev --no-cache \
 # botocore ships the API models of every AWS service (about 80 MB); media only uses S3.
 && find /app/.venv/lib/python3.11/site-packages/botocore/data -mindepth 1 -maxdepth 1 -type d \
      ! -name s3 ! -name sts ! -name sso ! -name sso-oidc -exec rm -rf {} + \
 && find /app/.venv -name '*.cpython-311-*.so' -type f -exec strip --strip-unneeded {} + \
 && find /app/.venv -depth -type d -name tests -path '*/site-packages/*' -exec rm -rf {} + \
 && python3 -m compileall -q /app/daira /app/migrations

FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 tini ca-certificates \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log \
 && useradd --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin daira \
 && install -d -o daira -g daira /var/lib/daira/media
COPY --from=build /app/.venv /app/.venv
COPY --from=build /app/daira /app/daira
COPY --from=build /app/migrations /app/migrations
COPY --from=build /app/alembic.ini /app/pyproject.toml /app/
WORKDIR /app
# Read-only root filesystem friendly: writes go to /tmp (an emptyDir or tmpfs) and the media
# volume only; no .pyc is written at run time.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ENVIRONMENT=production \
    MEDIA_ROOT=/var/lib/daira/media \
    WEB_DIST=/nonexistent \
    DAIRA_HOST=0.0.0.0 \
    DAIRA_PORT=8000
USER 10001:10001
EXPOSE 8000
# tini forwards SIGTERM to the server (uvicorn finishes in-flight requests) or the worker
# (arq finishes running jobs within WORKER_SHUTDOWN_GRACE_SECONDS, then hands them back).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["daira", "serve"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('DAIRA_PORT', '8000'), timeout=2)"]
