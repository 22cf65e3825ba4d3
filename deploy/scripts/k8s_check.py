"""`make k8s-check`: every overlay built with kustomize and checked the strict way.

1. deploy/k8s/base/prometheusrule.yaml is in sync with deploy/monitoring/rules/*.yaml;
2. `kubectl kustomize` of each overlay; core kinds through `kubernetes-validate --strict`;
3. custom resources against the CRDs in ../shared/crds, unknown fields rejected;
4. Daira's policies (limits, probes, non-root, read-only root, no plain Secret, pinned images,
   PDB and HPA per Deployment, default-deny NetworkPolicy, 3 database instances with backups);
5. checkov with the skip list in deploy/k8s/checkov.yaml;
and then the same checks on deploy/k8s/tests/bad/, each of which must fail.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import yaml

DEPLOY = Path(__file__).resolve().parents[1]
K8S = DEPLOY / "k8s"
CRDS = Path(os.environ.get("DAIRA_CRDS", DEPLOY.parents[1] / "shared" / "crds"))
CACHE = Path(os.environ.get("DAIRA_CI_CACHE", "/var/cache/daira-ci"))
KUBE_VERSION = "1.32.0"
OVERLAYS = ["staging", "production"]
WORKLOADS = {"Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet"}
DAIRA_IMAGES = ("daira-api", "daira-web")
VERSION_TAG = re.compile(r":v?\d+\.\d+\.\d+[\w.-]*$")

failures = 0


def report(ok: bool, what: str) -> bool:
    global failures
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    failures += not ok
    return ok


def docs(text: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(text) if d]


# ---- core kinds -------------------------------------------------------------------------
def kubernetes_validate(path: Path) -> tuple[bool, str]:
    result = subprocess.run(
        [
            str(CACHE / "venvs/k8s/bin/kubernetes-validate"),
            "--strict",
            "--quiet",
            "-k",
            KUBE_VERSION,
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


# ---- custom resources -------------------------------------------------------------------
def strict(schema: Any) -> Any:
    """The CRD schema as the API server applies it: unknown fields are errors."""
    if isinstance(schema, dict):
        schema = {k: strict(v) for k, v in schema.items()}
        if (
            schema.get("type") == "object"
            and "properties" in schema
            and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")
        ):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def load_crds() -> dict[tuple[str, str], Any]:
    schemas = {}
    for path in sorted(CRDS.glob("*.yaml")):
        for crd in docs(path.read_text()):
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
                schema = strict(schema)
                # metadata is checked by the API server itself, not by the CRD.
                schema.get("properties", {})["metadata"] = {"type": "object"}
                schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


CORE_GROUPS = (
    "v1",
    "apps/",
    "batch/",
    "networking.k8s.io/",
    "policy/",
    "autoscaling/",
    "rbac.authorization.k8s.io/",
)


def is_core(doc: dict[str, Any]) -> bool:
    api = doc["apiVersion"]
    return api == "v1" or api.startswith(CORE_GROUPS[1:])


def crd_errors(
    items: list[dict[str, Any]], crds: dict[tuple[str, str], Any]
) -> list[str]:
    errors = []
    for doc in items:
        if is_core(doc):
            continue
        key = (doc["apiVersion"], doc["kind"])
        name = f"{doc['kind']}/{doc['metadata']['name']}"
        if key not in crds:
            errors.append(f"{name}: no CRD for {key} in {CRDS}")
            continue
        validator = jsonschema.Draft7Validator(crds[key])
        errors += [
            f"{name}: {'.'.join(map(str, e.path))}: {e.message}"
            for e in validator.iter_errors(doc)
        ]
    return errors


# ---- policies ---------------------------------------------------------------------------
def pod_specs(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = doc.get("spec", {})
    if doc["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    yield spec["template"]["spec"]


def policy_errors(items: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    kinds = {(d["kind"], d["metadata"]["name"]) for d in items}
    for doc in items:
        name = f"{doc['kind']}/{doc['metadata']['name']}"
        if doc["kind"] == "Secret":
            errors.append(
                f"{name}: a plain Secret (commit secrets only as SealedSecrets)"
            )
        if doc["kind"] not in WORKLOADS:
            continue
        runs_to_completion = doc["kind"] in {"Job", "CronJob"}
        for pod in pod_specs(doc):
            pod_sc = pod.get("securityContext", {})
            if pod_sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
                errors.append(f"{name}: seccompProfile is not RuntimeDefault")
            if pod.get("automountServiceAccountToken") is not False:
                errors.append(
                    f"{name}: mounts a service account token it does not need"
                )
            for c in pod.get("initContainers", []) + pod["containers"]:
                where = f"{name}/{c['name']}"
                sc = c.get("securityContext", {})
                res = c.get("resources", {})
                for bound in ("requests", "limits"):
                    for resource in ("cpu", "memory"):
                        if resource not in res.get(bound, {}):
                            errors.append(f"{where}: no {resource} {bound}")
                if not runs_to_completion:
                    for probe in ("livenessProbe", "readinessProbe"):
                        if probe not in c:
                            errors.append(f"{where}: no {probe}")
                if not (
                    sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) is True
                    and sc.get("runAsUser", pod_sc.get("runAsUser", 0)) != 0
                ):
                    errors.append(f"{where}: may run as root")
                if sc.get("readOnlyRootFilesystem") is not True:
                    errors.append(f"{where}: root filesystem is writable")
                if sc.get("allowPrivilegeEscalation") is not False:
                    errors.append(f"{where}: allows privilege escalation")
                if "ALL" not in sc.get("capabilities", {}).get("drop", []):
                    errors.append(f"{where}: keeps Linux capabilities")
                errors += image_errors(where, c["image"])
        if doc["kind"] == "Deployment":
            if ("PodDisruptionBudget", doc["metadata"]["name"]) not in kinds:
                errors.append(f"{name}: no PodDisruptionBudget")
            if (
                doc["metadata"]["name"] != "daira-worker"
                and ("HorizontalPodAutoscaler", doc["metadata"]["name"]) not in kinds
            ):
                errors.append(f"{name}: no HorizontalPodAutoscaler")
    return errors


def image_errors(where: str, image: str) -> list[str]:
    base = image.rsplit("/", 1)[-1].split(":")[0].split("@")[0]
    if "@sha256:" in image:
        return []
    if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
        return [f"{where}: image {image} has no pinned tag"]
    if base in DAIRA_IMAGES:
        # Ours: a registry path and a tag from the overlay (the workflow sets the commit's).
        if "/" not in image or image.endswith(":set-by-overlay"):
            return [f"{where}: image {image} not set by the overlay"]
        return []
    if not VERSION_TAG.search(image):
        return [f"{where}: third-party image {image} not pinned to an exact version"]
    return []


def overlay_errors(items: list[dict[str, Any]]) -> list[str]:
    errors = []
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for d in items:
        by_kind.setdefault(d["kind"], []).append(d)
    if not any(
        p["spec"].get("podSelector") == {}
        and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
        for p in by_kind.get("NetworkPolicy", [])
    ):
        errors.append("no default-deny NetworkPolicy")
    clusters = by_kind.get("Cluster", [])
    if not clusters or any(c["spec"].get("instances", 0) < 3 for c in clusters):
        errors.append("the database is not a Cluster of 3 instances")
    if any("barmanObjectStore" not in c["spec"].get("backup", {}) for c in clusters):
        errors.append("a database Cluster has no barman-cloud backups")
    if not by_kind.get("ScheduledBackup"):
        errors.append("no ScheduledBackup")
    for kind in ("Ingress", "ServiceMonitor", "PrometheusRule", "SealedSecret"):
        if not by_kind.get(kind):
            errors.append(f"no {kind}")
    return errors


# ---- checkov ----------------------------------------------------------------------------
def checkov(path: Path) -> tuple[bool, str]:
    result = subprocess.run(
        [
            str(CACHE / "venvs/checkov/bin/checkov"),
            "--quiet",
            "--compact",
            "--skip-download",
            "--framework",
            "kubernetes",
            "--config-file",
            str(K8S / "checkov.yaml"),
            "-f",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "BC_SKIP_MAPPING": "TRUE",
            "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
        },
    )
    return result.returncode == 0, result.stdout.strip()[-4000:]


def check_rendered(
    label: str, text: str, crds: dict[tuple[str, str], Any], full: bool
) -> None:
    items = docs(text)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    path = Path(f.name)
    try:
        core = [d for d in items if is_core(d)]
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as cf:
            yaml.safe_dump_all(core, cf)
        ok, out = kubernetes_validate(Path(cf.name))
        os.unlink(cf.name)
        if core:
            report(
                ok,
                f"{label}: {len(core)} core objects pass kubernetes-validate --strict ({KUBE_VERSION})",
            )
        if not ok:
            print(out)
        errors = crd_errors(items, crds)
        report(
            not errors,
            f"{label}: {len(items) - len(core)} custom resources match their CRDs strictly",
        )
        for e in errors:
            print(f"       {e}")
        errors = policy_errors(items) + (overlay_errors(items) if full else [])
        report(
            not errors,
            f"{label}: policies (limits, probes, non-root, read-only root, pinned images, no plain Secret, PDB/HPA, default deny, 3-instance database with backups)",
        )
        for e in errors:
            print(f"       {e}")
        if full:
            ok, out = checkov(path)
            report(ok, f"{label}: checkov (skip list in deploy/k8s/checkov.yaml)")
            if not ok:
                print(out)
    finally:
        path.unlink()


def must_fail(label: str, rejected: bool) -> None:
    report(rejected, f"negative case {label}: the check rejects it")


def main() -> int:
    if not CRDS.is_dir():
        print(f"FAIL: the CRDs are not at {CRDS} (set DAIRA_CRDS)")
        return 1
    crds = load_crds()
    gen = subprocess.run(
        [sys.executable, str(DEPLOY / "scripts/gen-prometheusrule.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    report(
        gen.returncode == 0,
        "PrometheusRule in sync with deploy/monitoring/rules/*.yaml",
    )
    if gen.returncode:
        print(gen.stdout)
    for overlay in OVERLAYS:
        built = subprocess.run(
            ["kubectl", "kustomize", str(K8S / "overlays" / overlay)],
            capture_output=True,
            text=True,
            check=False,
        )
        if not report(built.returncode == 0, f"kubectl kustomize overlays/{overlay}"):
            print(built.stderr)
            continue
        check_rendered(f"overlays/{overlay}", built.stdout, crds, full=True)
    restore = (K8S / "restore" / "cluster-restore.yaml").read_text()
    check_rendered("restore/cluster-restore.yaml", restore, crds, full=False)

    print("== negative cases (deploy/k8s/tests/bad): each must be rejected")
    bad = K8S / "tests" / "bad"
    must_fail(
        "unknown-field.yaml (kubernetes-validate)",
        not kubernetes_validate(bad / "unknown-field.yaml")[0],
    )
    must_fail(
        "misspelled-cluster.yaml (CRD schema)",
        bool(crd_errors(docs((bad / "misspelled-cluster.yaml").read_text()), crds)),
    )
    with tempfile.NamedTemporaryFile("w", suffix=".yaml") as stale:
        stale.write("# an older PrometheusRule\n")
        stale.flush()
        out_of_sync = subprocess.run(
            [
                sys.executable,
                str(DEPLOY / "scripts/gen-prometheusrule.py"),
                "--check",
                "--target",
                stale.name,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    must_fail("a stale PrometheusRule (sync check)", out_of_sync.returncode != 0)
    no_limits = docs((bad / "no-limits.yaml").read_text())
    expected = [
        "no cpu limits",
        "no livenessProbe",
        "may run as root",
        "no pinned tag",
        "a plain Secret",
    ]
    found = policy_errors(no_limits)
    for phrase in expected:
        must_fail(f"no-limits.yaml ({phrase})", any(phrase in e for e in found))
    print(f"k8s-check: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
