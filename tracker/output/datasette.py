"""Serve the database with Datasette: the metadata for this file, and the command that runs it.

Datasette keys its metadata by database name, which is the file's stem; the shipped
``db/metadata.yml`` describes a database called ``tracker``.  :func:`metadata_for`
re-keys it (and its links) to the file being served, so ``tracker serve --db x.db``
shows the same titles, descriptions, facets and canned queries.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from ..errors import BadUsage

# Package data, so a plain (not editable) install ships it too; db/metadata.yml links to it.
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "metadata.yml"
NAME_IN_METADATA = "tracker"


def find_metadata(db_path: str) -> Optional[Path]:
    """``metadata.yml`` beside the database, else the one shipped with the package."""
    beside = Path(db_path).resolve().parent / "metadata.yml"
    for candidate in (beside, SHIPPED):
        if candidate.is_file():
            return candidate
    return None


def read_metadata(path: Path) -> str:
    """The text of a metadata file, or :class:`BadUsage` saying why it cannot be used."""
    if not path.exists():
        raise BadUsage(f"--metadata {path}: no such file")
    if not path.is_file():
        raise BadUsage(f"--metadata {path}: a folder, not a metadata file")
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadUsage(f"--metadata {path}: cannot read it ({error})") from None


def metadata_for(db_path: str, metadata_text: str, source: str = "metadata") -> dict:
    """The metadata, parsed and re-keyed to the name Datasette gives ``db_path``."""
    import yaml  # a Datasette dependency: present wherever Datasette is

    try:
        metadata = yaml.safe_load(metadata_text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise BadUsage(f"{source}: not valid YAML{line}; fix it or leave --metadata out") from None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise BadUsage(f"{source}: Datasette metadata is a mapping (title:, databases: …), "
                       f"not a {type(metadata).__name__}")
    name = Path(db_path).stem
    databases = metadata.get("databases") or {}
    if NAME_IN_METADATA in databases and name != NAME_IN_METADATA:
        databases[name] = databases.pop(NAME_IN_METADATA)
        if "description_html" in metadata:
            metadata["description_html"] = metadata["description_html"].replace(
                f"/{NAME_IN_METADATA}/", f"/{name}/")
    return metadata


def readme_text() -> str:
    """The README: beside the package in a checkout, else the installed package's description."""
    beside = Path(__file__).resolve().parents[2] / "README.md"
    if beside.is_file():
        return beside.read_text("utf-8")
    from importlib import metadata

    try:
        return metadata.metadata("tracker").get_payload() or ""
    except metadata.PackageNotFoundError:
        return ""


def datasette_command(db_path: str, metadata_path: Optional[str], host: str, port: int,
                      writable: bool = False, allow_download: bool = False,
                      about_folder: Optional[str] = None) -> list[str]:
    """The Datasette command line: immutable (read-only, cached) unless ``writable``.

    Downloading the whole database is off unless ``allow_download``: the texts in it stay
    under their publishers' terms, and a mirror of the archive is not ours to hand out.
    """
    command = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port)]
    command += [db_path] if writable else ["--immutable", db_path]
    if metadata_path:
        command += ["--metadata", metadata_path]
    command += ["--setting", "allow_download", "on" if allow_download else "off"]
    if about_folder:  # the metadata's "about" link points at /about/README.md
        command += ["--static", f"about:{about_folder}"]
    # Chinese is slow to type; show 50 rows and allow long SQL for the canned queries.
    command += ["--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]
    return command
