# syntax=docker/dockerfile:1
# Daira's web app: nginx serving web/dist (built by `npm run build` before this, as CI does)
# with /api and /media proxied to the API. The final stage is FROM scratch: nginx, the
# libraries it links, a static busybox for the entrypoint and the health check, and the assets.
# Build from the repository root: podman build -f deploy/docker/web.Dockerfile .

FROM debian:bookworm-slim AS build
ARG DEBIAN_FRONTEND=noninteractive
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-brotli-static \
      brotli busybox-static \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY web/dist /rootfs/usr/share/daira/web
# Precompressed beside each file, so nginx sends .br or .gz without compressing per request.
# Vite already writes them for the larger assets (for `daira serve`); -f makes one consistent
# set for every file whatever the build left.
RUN find /rootfs/usr/share/daira/web -type f \
      \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.txt' -o -name '*.map' \) \
      -exec gzip -9 -k -f {} + -exec brotli -q 11 -k -f {} +
COPY deploy/docker/nginx.conf /rootfs/etc/nginx/nginx.conf.template
COPY deploy/docker/security-headers.conf /rootfs/etc/nginx/security-headers.conf
COPY deploy/docker/web-entrypoint.sh /rootfs/usr/local/bin/web-entrypoint
RUN set -eu; \
    module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so; \
    for lib in $(ldd /usr/sbin/nginx "$module" | grep -o '/[^ :]*\.so[^ :]*' | sort -u); do \
      cp --parents -L "$lib" /rootfs/; \
    done; \
    cp --parents /usr/sbin/nginx "$module" /etc/nginx/mime.types /etc/ld.so.cache /rootfs/; \
    install -D /bin/busybox /rootfs/bin/busybox; \
    install -d -m 1777 /rootfs/tmp; \
    echo 'nginx:x:10101:10101:nginx:/nonexistent:/bin/false' > /rootfs/etc/passwd; \
    echo 'nginx:x:10101:' > /rootfs/etc/group

FROM scratch
COPY --from=build /rootfs /
ENV WEB_PORT=8080 \
    API_UPSTREAM=daira-api:8000
USER 10101:10101
EXPOSE 8080
# nginx finishes open requests on SIGQUIT; SIGTERM would drop them.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/web-entrypoint"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["/bin/busybox", "sh", "-c", "/bin/busybox wget -q -O /dev/null http://127.0.0.1:${WEB_PORT}/healthz"]
