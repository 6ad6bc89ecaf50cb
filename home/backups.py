"""Backup and restore of the database and the media files (``manage.py backup DIR`` / ``restore DIR``).

A backup folder holds ``database.sqlite3`` (SQLite's online backup API: a consistent copy while
the portal runs) or ``database.pgdump`` (``pg_dump`` custom format), ``media.tar.gz`` (MEDIA_ROOT,
when media are files on disk; a bucket keeps its own versions) and ``backup.json`` saying what is
there. Restoring replaces the database and the media folder with the backup's: what was added
since is gone, so the round trip gives back exactly what was saved.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "backup.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    pass


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def backup(folder: Path) -> dict:
    """Write a backup of the database and the media into *folder*; what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {"created": timezone.now().isoformat(), "engine": engine(), "files": []}
    if engine() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        with target:
            connection.connection.backup(target)
        target.close()
        written["files"].append(SQLITE_FILE)
    elif engine() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_FILE)])
        written["files"].append(PG_FILE)
    else:
        raise BackupError(f"no backup for the {engine()} database")
    if _media_on_disk():
        with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
            archive.add(Path(settings.MEDIA_ROOT), arcname=".")
        written["files"].append(MEDIA_FILE)
    (folder / MANIFEST).write_text(json.dumps(written, indent=2))
    return written


def restore(folder: Path) -> dict:
    """Replace the database and the media with the backup in *folder*; what was restored."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as problem:
        raise BackupError(f"{folder} holds no backup ({MANIFEST}: {problem})") from None
    if manifest["engine"] != engine():
        raise BackupError(f"the backup is of a {manifest['engine']} database; this portal uses {engine()}")
    if SQLITE_FILE in manifest["files"]:
        source = sqlite3.connect(folder / SQLITE_FILE)
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("restore cannot run inside a transaction")
        source.backup(connection.connection)
        source.close()
    if PG_FILE in manifest["files"]:
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                settings.DATABASES["default"]["NAME"],
                str(folder / PG_FILE),
            ]
        )
    if MEDIA_FILE in manifest["files"] and _media_on_disk():
        _replace_media(folder / MEDIA_FILE)
    return manifest


def _replace_media(archive_path: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(unpacked, filter="data")  # no absolute paths, links out or devices
    if media.exists():
        shutil.rmtree(media)
    unpacked.rename(media)


def _media_on_disk() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def _run(argv: list[str]) -> None:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": str(db["NAME"]),
    }
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {done.stderr.strip()[-2000:]}")
