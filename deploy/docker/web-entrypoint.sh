#!/bin/busybox sh
# Fills in nginx.conf's listen port and API address from the environment, then becomes nginx.
set -eu
/bin/busybox sed -e "s|__PORT__|${WEB_PORT:-8080}|" -e "s|__API__|${API_UPSTREAM:-daira-api:8000}|" \
  /etc/nginx/nginx.conf.template > /tmp/nginx.conf
exec /usr/sbin/nginx -c /tmp/nginx.conf -g 'daemon off;'
