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


def metadata_for(db_path: str, metadata_text: str) -> dict:
    """The metadata, parsed and re-keyed to the name Datasette gives ``db_path``."""
    import yaml  # a Datasette dependency: present wherever Datasette is

    metadata = yaml.safe_load(metadata_text) or {}
    name = Path(db_path).stem
    databases = metadata.get("databases") or {}
    if NAME_IN_METADATA in databases and name != NAME_IN_METADATA:
        databases[name] = databases.pop(NAME_IN_METADATA)
        if "description_html" in metadata:
            metadata["description_html"] = metadata["description_html"].replace(
                f"/{NAME_IN_METADATA}/", f"/{name}/")
    return metadata


def datasette_command(db_path: str, metadata_path: Optional[str], host: str, port: int,
                      writable: bool = False) -> list[str]:
    """The Datasette command line: immutable (read-only, cached) unless ``writable``."""
    command = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port)]
    command += [db_path] if writable else ["--immutable", db_path]
    if metadata_path:
        command += ["--metadata", metadata_path]
    # Chinese is slow to type; show 50 rows and allow long SQL for the canned queries.
    command += ["--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]
    return command
