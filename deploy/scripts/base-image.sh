#!/usr/bin/env bash
# Makes `debian:bookworm-slim` available to podman without a registry: a minbase rootfs from
# Debian's packages (merged /usr, no docs, man pages or locales), cached as a tarball outside
# the repo, imported under the name the Dockerfiles use. Anywhere with a registry the same
# Dockerfiles pull the real image instead.
set -euo pipefail
CACHE=${DAIRA_CI_CACHE:-/var/cache/daira-ci}
BASE=docker.io/library/debian:bookworm-slim
tarball="$CACHE/debian-bookworm-slim.tar"

if podman image exists "$BASE"; then exit 0; fi
mkdir -p "$CACHE"
if [ ! -s "$tarball" ]; then
  echo "== building the base image rootfs with mmdebstrap (once; cached in $tarball)"
  mmdebstrap --variant=minbase --format=tar --quiet \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm "$tarball.tmp" http://deb.debian.org/debian
  mv "$tarball.tmp" "$tarball"
fi
podman import --change 'CMD ["bash"]' "$tarball" "$BASE" >/dev/null
echo "== imported $BASE from $tarball"
