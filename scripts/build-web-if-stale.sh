#!/usr/bin/env bash
# Build web/dist when it is missing or older than any source file of the web app.
set -euo pipefail
cd "$(dirname "$0")/../web" 2>/dev/null || exit 0
[ -f package.json ] || exit 0
stamp=dist/index.html
if [ -f "$stamp" ] && [ -z "$(find src public index.html package.json package-lock.json vite.config.ts tsconfig*.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "building the web app"
npm run --silent build
