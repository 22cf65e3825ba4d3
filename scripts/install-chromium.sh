#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (Playwright may not download browsers here).
set -u
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "cannot install chromium: not root and no sudo"; exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
echo "installing Debian's chromium (about 90 s, once per machine)"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ]
