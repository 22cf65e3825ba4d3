#!/usr/bin/env bash
# `make tf-check`: deploy/terraform formatted, valid, scanned by checkov, and taken through
# plan -> apply -> re-plan (must show no changes) -> destroy against moto_server, with the
# provider's endpoints pointed at it by an override file written only here (ci_override.tf).
# Skipped, loudly, where terraform or the AWS provider mirror is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${DAIRA_CI_CACHE:-/var/cache/daira-ci}
PLUGINS=${TF_PLUGIN_DIR:-/opt/tf-plugins}
PORT=${TF_MOTO_PORT:-19220}
SRC=$PWD/deploy/terraform

if ! command -v terraform >/dev/null || [ ! -d "$PLUGINS/registry.terraform.io/hashicorp/aws" ]; then
  echo "!!! SKIPPED: make tf-check — terraform or its AWS provider mirror ($PLUGINS) is missing"
  echo "!!! (install terraform 1.11 and the hashicorp/aws 5.100 provider into \$TF_PLUGIN_DIR)"
  exit 0
fi

work=$(mktemp -d)
moto_pid=""
cleanup() {
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null && wait "$moto_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# An empty CLI configuration: nothing from the machine's ~/.terraformrc, no network mirror.
: > "$work/terraformrc"
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
tf() { terraform -chdir="$work/module" "$@"; }
ok() { echo "  ok  $*"; }

echo "== terraform fmt, init, validate"
terraform fmt -check -recursive "$SRC"
ok "terraform fmt -check"
mkdir -p "$work/module"
cp -r "$SRC"/*.tf "$SRC"/*.tfvars "$SRC"/modules "$work/module/"
tf init -backend=false -plugin-dir="$PLUGINS" -no-color >/dev/null
tf validate -no-color >/dev/null
ok "terraform validate"

echo "== checkov"
"$PWD/deploy/scripts/tools.sh" checkov
"$CACHE/venvs/checkov/bin/checkov" --quiet --compact --skip-download --framework terraform \
  --config-file "$SRC/checkov.yaml" -d "$SRC"
ok "checkov (skip list in deploy/terraform/checkov.yaml)"

echo "== plan -> apply -> re-plan -> destroy against moto_server on 127.0.0.1:$PORT"
"$PWD/deploy/scripts/tools.sh" moto
# AWS-managed IAM policies (AmazonEKSClusterPolicy, ...) exist in moto only when loaded.
MOTO_IAM_LOAD_MANAGED_POLICIES=true "$CACHE/venvs/moto/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT" >/dev/null && break; sleep 0.2; done
endpoint=http://127.0.0.1:$PORT
cat > "$work/module/ci_override.tf" <<TF
# Written by deploy/scripts/tf-check.sh only: every service the module uses goes to moto.
provider "aws" {
  access_key                  = "moto"
  secret_key                  = "moto"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  s3_use_path_style           = true
  endpoints {
    cloudfront = "$endpoint"
    ec2        = "$endpoint"
    ecr        = "$endpoint"
    eks        = "$endpoint"
    iam        = "$endpoint"
    kms        = "$endpoint"
    s3         = "$endpoint"
    sts        = "$endpoint"
  }
}

# moto answers every node group with an SSH key (remote_access) it was never given and without
# the update_config it was given; the first would force a replacement on each plan.
resource "aws_eks_node_group" "main" {
  lifecycle {
    ignore_changes = [remote_access, update_config]
  }
}

# moto drops origin_access_control_id from origins and reports ssl_support_method for the
# default certificate, so both would show as changes on every plan.
resource "aws_cloudfront_distribution" "main" {
  lifecycle {
    ignore_changes = [origin, viewer_certificate]
  }
}

# moto delivers S3 access logs for real; the throwaway log bucket goes with its objects.
module "logs" {
  force_destroy = true
}
TF
# moto has no CreateResponseHeadersPolicy: the cycle uses AWS's managed SecurityHeadersPolicy
# instead of creating Daira's own (validate and checkov still cover that resource).
cat > "$work/module/ci.auto.tfvars" <<'TF'
response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03"
TF
summary() { grep -Eo '(Plan|Apply complete|Destroy complete)[^.]*' "$1" | tail -1; }
start=$(date +%s)
tf plan -no-color -var-file=staging.tfvars -out=plan.bin >"$work/plan.log" 2>&1 || { grep -A12 Error "$work/plan.log"; exit 1; }
ok "plan: $(summary "$work/plan.log")"
tf apply -no-color -auto-approve plan.bin >"$work/apply.log" 2>&1 || { tail -40 "$work/apply.log"; exit 1; }
ok "apply: $(summary "$work/apply.log")"
set +e
tf plan -no-color -var-file=staging.tfvars -detailed-exitcode >"$work/replan.log" 2>&1
replan=$?
set -e
if [ "$replan" -ne 0 ]; then
  grep -E '^\s+# .*(will|must)|forces|->' "$work/replan.log" | head -40
  cp "$work/replan.log" "${TMPDIR:-/tmp}/daira-tf-replan.log"
  echo "FAIL: the re-plan after apply is not empty (exit $replan; full plan in ${TMPDIR:-/tmp}/daira-tf-replan.log)"; exit 1
fi
ok "re-plan: no changes"
tf output -no-color distribution_domain >/dev/null
tf destroy -no-color -auto-approve -var-file=staging.tfvars >"$work/destroy.log" 2>&1 || { tail -40 "$work/destroy.log"; exit 1; }
ok "destroy: $(summary "$work/destroy.log")"
ok "cycle took $(( $(date +%s) - start )) s"

echo "== negative case: a module with a dangling reference must not validate"
cp "$SRC/../terraform-tests/dangling-reference.tf" "$work/module/"
if tf validate -no-color >/dev/null 2>&1; then
  echo "FAIL: terraform validate accepted a reference to an undeclared variable"; exit 1
fi
ok "terraform validate rejects deploy/terraform-tests/dangling-reference.tf"
echo "tf-check: 1 passed, 0 failed"
