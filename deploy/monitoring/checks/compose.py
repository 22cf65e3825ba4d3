"""deploy/compose.yaml: valid for Compose (`docker-compose config`, the Compose file schema and
interpolation, run without a Docker engine), every file it mounts exists, and it names the
images and Dockerfiles that deploy/docker builds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
COMPOSE = REPO / "deploy" / "compose.yaml"
EXPECTED_SERVICES = {
    "postgres", "redis", "migrate", "api", "worker", "web",
    "prometheus", "alertmanager", "grafana", "jaeger",
}  # fmt: skip


def main() -> int:
    tool = shutil.which("docker-compose")
    if tool is None:
        print("compose: docker-compose is missing (apt-get install docker-compose)")
        return 1
    env = {**os.environ, "SECRET_KEY": "x" * 48, "GRAFANA_ADMIN_PASSWORD": "check"}
    answer = subprocess.run(  # noqa: S603 - a fixed program
        [tool, "-f", str(COMPOSE), "config"], env=env, capture_output=True, text=True, check=False
    )
    if answer.returncode:
        print(f"compose: invalid\n{answer.stderr}")
        return 1
    config = yaml.safe_load(answer.stdout)
    services = config["services"]
    problems = [f"service {name} is missing" for name in EXPECTED_SERVICES - set(services)]
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source")
            if source and source.startswith("/") and not Path(source).exists():
                problems.append(f"{name}: mounts {source}, which does not exist")
        build = service.get("build")
        if build and (REPO / "deploy" / "docker").is_dir():
            dockerfile = Path(build["context"]) / build["dockerfile"]
            if not dockerfile.exists():
                problems.append(f"{name}: {dockerfile} does not exist")
    images = {services[s]["image"] for s in ("api", "worker", "migrate", "web")}
    if images != {"daira-api", "daira-web"}:
        problems.append(f"images must be daira-api and daira-web, not {sorted(images)}")
    if answer.returncode == 0 and not (REPO / "deploy" / "docker").is_dir():
        print("compose: deploy/docker is not on this branch; Dockerfiles not checked")
    print(f"compose: {len(services)} services valid (docker-compose config)")
    for problem in problems:
        print(f"  FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
