#!/usr/bin/env bash
# Debian packages the deploy checks need (podman and friends, mmdebstrap for the base image,
# PostgreSQL 15 for the restore drill). Idempotent: installs only what is missing.
set -euo pipefail
wanted=(podman buildah skopeo runc mmdebstrap uidmap slirp4netns containernetworking-plugins
  fuse-overlayfs bc postgresql-15)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "== apt-get install ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
