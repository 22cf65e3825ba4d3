"""`make restore-drill`: backup and point-in-time restore, for real, on this machine.

A throwaway PostgreSQL 15 archives its WAL through barman-cloud to an S3 stand-in
(moto_server); Daira's own `daira migrate`, `seed-demo`, `rules import` and `create-admin`
write the data. After a base backup more rows are written, the target time is taken, and
rows written after it must not come back. The restore (barman-cloud-restore + WAL replay
to the target) is timed, every table is counted against the source at the target, and the
audit hash chain is verified. Media: a versioned bucket is rolled back to the target time.
Negative case: the same restore with one WAL segment removed from S3 must fail.

Runs as root (PostgreSQL itself runs as `postgres`) with the barman venv's Python, which is
/usr/bin/python3 so that the `postgres` user can run barman-cloud from it.
"""

# PostgreSQL, barman-cloud and moto are run as subprocesses by design.

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import boto3

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("DAIRA_CI_CACHE", "/var/cache/daira-ci"))
BARMAN = CACHE / "venvs" / "barman" / "bin"
MOTO = CACHE / "venvs" / "moto" / "bin" / "moto_server"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DAIRA = REPO / "backend" / ".venv" / "bin" / "daira"
PG_PORT = int(os.environ.get("DRILL_PG_PORT", "19210"))
S3_PORT = int(os.environ.get("DRILL_S3_PORT", "19211"))
ENDPOINT = f"http://127.0.0.1:{S3_PORT}"
BACKUPS, MEDIA, SERVER = "daira-backups", "daira-media", "daira-db"
AWS = {
    "AWS_ACCESS_KEY_ID": "drill",
    "AWS_SECRET_ACCESS_KEY": "drill",
    "AWS_DEFAULT_REGION": "us-east-1",
}
TABLES = [
    "users",
    "posts",
    "follows",
    "likes",
    "comments",
    "moderation_rules",
    "audit_log",
]


def run(
    cmd: list[str],
    *,
    user: str | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    if user:
        cmd = [
            "runuser",
            "-u",
            user,
            "--",
            "env",
            *[f"{k}={v}" for k, v in (env or {}).items()],
            *cmd,
        ]
        env = None
    result = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if check and result.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return result


def psql(sql: str, port: int = PG_PORT, db: str = "daira") -> str:
    return run(
        [
            str(PG_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            db,
            "-Atc",
            sql,
        ]
    ).stdout.strip()


def counts(port: int = PG_PORT) -> dict[str, int]:
    return {t: int(psql(f"SELECT count(*) FROM {t}", port)) for t in TABLES}


def daira(*args: str) -> str:
    env = {
        "DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{PG_PORT}/daira",
        "DAIRA_ADMIN_PASSWORD": "drill: correct horse battery staple",
    }
    return run([str(DAIRA), *args], env=env).stdout


def wait_for(what: str, predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"FAIL: timed out waiting for {what}")
        time.sleep(0.3)


STARTED = time.monotonic()


def step(message: str) -> None:
    print(f"  ok  [{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


class Drill:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.s3 = boto3.client(
            "s3",
            endpoint_url=ENDPOINT,
            aws_access_key_id=AWS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=AWS["AWS_SECRET_ACCESS_KEY"],
            region_name=AWS["AWS_DEFAULT_REGION"],
        )
        self.cloud = ["--endpoint-url", ENDPOINT, f"s3://{BACKUPS}/drill", SERVER]

    def pg_ctl(self, data: Path, action: str) -> None:
        run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(data.parent / f"{data.name}.log"),
                "-w",
                "-t",
                "120",
                action,
            ],
            user="postgres",
            env=AWS,
        )

    def configure(self, data: Path, extra: str) -> None:
        bin_ = BARMAN
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(f"""
listen_addresses = '127.0.0.1'
port = {PG_PORT}
unix_socket_directories = '{self.work}'
wal_level = replica
archive_mode = on
archive_command = '{bin_}/barman-cloud-wal-archive --gzip {" ".join(self.cloud)} %p'
archive_timeout = 60
{extra}
""")

    def archived(self) -> int:
        return int(psql("SELECT archived_count FROM pg_stat_archiver", db="postgres"))

    def switch_wal(self) -> str:
        before = self.archived()
        segment = psql("SELECT pg_walfile_name(pg_switch_wal())", db="postgres")
        wait_for("the WAL segment to be archived", lambda: self.archived() > before)
        return segment


def media_drill(s3, target_wait: float) -> None:  # type: ignore[no-untyped-def]
    """A versioned media bucket rolled back to a point in time, compared byte for byte."""
    s3.create_bucket(Bucket=MEDIA)
    s3.put_bucket_versioning(
        Bucket=MEDIA, VersioningConfiguration={"Status": "Enabled"}
    )
    originals = {f"avatars/{i}.webp": os.urandom(2048 + i) for i in range(5)}
    for key, body in originals.items():
        s3.put_object(Bucket=MEDIA, Key=key, Body=body)
    time.sleep(target_wait)
    target = datetime.now(UTC)
    time.sleep(target_wait)
    # After the target: one avatar deleted by mistake, one overwritten, one new.
    s3.delete_object(Bucket=MEDIA, Key="avatars/0.webp")
    s3.put_object(Bucket=MEDIA, Key="avatars/1.webp", Body=b"overwritten")
    s3.put_object(Bucket=MEDIA, Key="avatars/late.webp", Body=b"after the target")

    # The restore: every key back to its newest version at or before the target.
    versions = s3.list_object_versions(Bucket=MEDIA)
    history = sorted(
        versions.get("Versions", []) + versions.get("DeleteMarkers", []),
        key=lambda v: v["LastModified"],
    )
    keys = {v["Key"] for v in history}
    for key in keys:
        before = [v for v in history if v["Key"] == key and v["LastModified"] <= target]
        if before and "ETag" in before[-1]:
            s3.copy_object(
                Bucket=MEDIA,
                Key=key,
                CopySource={
                    "Bucket": MEDIA,
                    "Key": key,
                    "VersionId": before[-1]["VersionId"],
                },
            )
        else:
            s3.delete_object(Bucket=MEDIA, Key=key)
    restored = {o["Key"] for o in s3.list_objects_v2(Bucket=MEDIA).get("Contents", [])}
    if restored != set(originals):
        raise SystemExit(
            f"FAIL: media restore has {sorted(restored)}, wanted {sorted(originals)}"
        )
    for key, body in originals.items():
        got = s3.get_object(Bucket=MEDIA, Key=key)["Body"].read()
        if hashlib.sha256(got).digest() != hashlib.sha256(body).digest():
            raise SystemExit(f"FAIL: media {key} differs after the restore")
    step(
        f"media: {len(originals)} objects restored to the target byte for byte "
        "(a deleted and an overwritten one back, a later upload gone)"
    )


def main() -> int:
    for tool in (BARMAN / "barman-cloud-backup", MOTO, PG_BIN / "initdb", DAIRA):
        if not tool.exists():
            print(f"FAIL: {tool} is missing (make restore-drill installs the tools)")
            return 1
    work = Path(tempfile.mkdtemp(prefix="daira-drill-"))
    shutil.chown(work, "postgres", "postgres")
    work.chmod(0o755)
    moto = subprocess.Popen(
        [str(MOTO), "-H", "127.0.0.1", "-p", str(S3_PORT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    drill = Drill(work)
    source, restored = work / "source", work / "restored"
    try:
        wait_for(
            "moto_server",
            lambda: run(["curl", "-sf", ENDPOINT], check=False).returncode == 0,
        )
        drill.s3.create_bucket(Bucket=BACKUPS)
        run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(source),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            user="postgres",
        )
        drill.configure(source, "")
        drill.pg_ctl(source, "start")
        psql("CREATE DATABASE daira", db="postgres")
        step(
            f"throwaway PostgreSQL 15 on 127.0.0.1:{PG_PORT}, WAL archived by barman-cloud to moto S3"
        )

        daira("migrate")
        daira("seed-demo", "--users", "12")
        daira("rules", "import", "--pack", "default")
        step(f"data through Daira's CLI (migrate, seed-demo, rules import): {counts()}")

        run(
            [
                str(BARMAN / "barman-cloud-backup"),
                "--gzip",
                "--immediate-checkpoint",
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                *drill.cloud,
            ],
            user="postgres",
            env=AWS,
        )
        listing = run(
            [
                str(BARMAN / "barman-cloud-backup-list"),
                "--format",
                "json",
                *drill.cloud,
            ],
            user="postgres",
            env=AWS,
        ).stdout
        backup_id = json.loads(listing)["backups_list"][-1].get("backup_id", "?")
        step(f"base backup {backup_id} taken with barman-cloud-backup")

        for i in range(3):
            daira(
                "create-admin",
                "--email",
                f"before{i}@drill.example",
                "--username",
                f"before_target_{i}",
            )
        time.sleep(1)
        target = psql("SELECT now()")
        at_target = counts()
        time.sleep(1)
        for i in range(3):
            daira(
                "create-admin",
                "--email",
                f"after{i}@drill.example",
                "--username",
                f"after_target_{i}",
            )
        after = counts()
        segment = drill.switch_wal()
        step(
            f"3 admins written before the target {target}, 3 after; WAL up to {segment} archived"
        )
        drill.pg_ctl(source, "stop")

        def restore(into: Path) -> float:
            started = time.monotonic()
            run(
                [
                    str(BARMAN / "barman-cloud-restore"),
                    *drill.cloud,
                    "latest",
                    str(into),
                ],
                user="postgres",
                env=AWS,
            )
            (into / "recovery.signal").touch()
            shutil.chown(into / "recovery.signal", "postgres", "postgres")
            drill.configure(
                into,
                f"""
restore_command = '{BARMAN}/barman-cloud-wal-restore {" ".join(drill.cloud)} %f %p'
recovery_target_time = '{target}'
recovery_target_action = 'promote'
archive_mode = off
""",
            )
            for leftover in ("postmaster.pid", "postmaster.opts"):
                (into / leftover).unlink(missing_ok=True)
            drill.pg_ctl(into, "start")
            wait_for(
                "the restore to be promoted",
                lambda: psql("SELECT pg_is_in_recovery()", db="postgres") == "f",
                timeout=120,
            )
            return time.monotonic() - started

        seconds = restore(restored)
        got = counts()
        names = psql(
            "SELECT string_agg(username, ',' ORDER BY username) FROM users "
            "WHERE username LIKE '%_target_%'"
        ).split(",")
        if got != at_target or names != [f"before_target_{i}" for i in range(3)]:
            raise SystemExit(f"FAIL: restored {got} {names}; at the target {at_target}")
        step(f"restored rows equal the source at the target: {got}")
        step(
            f"none of the {after['users'] - at_target['users']} users written after the target came back"
        )
        audit = run(
            [str(DAIRA), "audit", "verify"],
            env={
                "DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{PG_PORT}/daira"
            },
            check=False,
        )
        if audit.returncode != 0:
            raise SystemExit(
                f"FAIL: the restored audit chain does not verify: {audit.stdout}{audit.stderr}"
            )
        step("daira audit verify passes on the restored database")
        drill.pg_ctl(restored, "stop")

        # Negative case: one WAL segment between the backup and the target is lost.
        wal = drill.s3.list_objects_v2(Bucket=BACKUPS, Prefix=f"drill/{SERVER}/wals/")[
            "Contents"
        ]
        segments = sorted(
            o["Key"]
            for o in wal
            if ".backup" not in o["Key"] and ".history" not in o["Key"]
        )
        missing = segments[-2]
        drill.s3.delete_object(Bucket=BACKUPS, Key=missing)
        broken = work / "broken"
        try:
            restore(broken)
        except SystemExit:
            step(
                f"negative case: with {Path(missing).name} missing the restore fails, as it must"
            )
        else:
            raise SystemExit(
                "FAIL: a restore with a missing WAL segment claimed success"
            )
        finally:
            run(
                [str(PG_BIN / "pg_ctl"), "-D", str(broken), "-m", "immediate", "stop"],
                user="postgres",
                check=False,
            )

        media_drill(drill.s3, 1.0)
        print(
            f"recovery point: {target} (WAL archived every 60 s at most: RPO <= 1 min); "
            f"restore time: {seconds:.1f} s from base backup {backup_id}; rows at the target: {at_target}"
        )
        print("restore drill: 1 passed, 0 failed")
        return 0
    finally:
        for data in (source, restored):
            run(
                [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                user="postgres",
                check=False,
            )
        moto.terminate()
        moto.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
