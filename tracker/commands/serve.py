"""`tracker serve`: browse the database in Datasette."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..output import datasette as serving
from .common import Db, console, handles_errors, open_store
from ..errors import TrackerError


class DatasetteMissing(TrackerError):
    """Datasette is an optional extra."""



@handles_errors
def serve(
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 shares it on the network.")]
    = "127.0.0.1",
    writable: Annotated[bool, typer.Option(
        "--writable", help="Open read-write (default: immutable, read-only and faster).")] = False,
    metadata: Annotated[Optional[Path], typer.Option(
        "--metadata", help="Datasette metadata file (default: metadata.yml beside the database, "
        "else the one shipped with tracker).")] = None,
    allow_download: Annotated[bool, typer.Option(
        "--allow-download", help="Let visitors download the whole database file (off by default: "
        "the texts stay under their publishers' terms).")] = False,
    db: Db = "db/tracker.db",
):
    """Browse, filter and search the database in Datasette, with titles, descriptions and canned queries.

    Needs the serve extra: pip install -e '.[serve]'.  The same, by hand:
    datasette serve -i db/tracker.db --metadata db/metadata.yml

    Example: tracker serve --port 8001
    """
    if importlib.util.find_spec("datasette") is None:
        raise DatasetteMissing("Datasette is not installed: run pip install -e '.[serve]' (or pip install datasette)")
    if not Path(db).is_file():
        raise DatasetteMissing(f"{db}: no database here yet; run tracker ingest first, or pass --db")
    open_store(db).close()  # migrate before Datasette opens it read-only
    source = metadata or serving.find_metadata(db)
    metadata_path = None
    # Beside the database's own name in the user's cache, not a temporary file: the
    # process below replaces this one, so nothing would be left to delete it.
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "tracker"
    cache.mkdir(parents=True, exist_ok=True)
    if source is not None:
        adjusted = serving.metadata_for(db, serving.read_metadata(Path(source)), str(source))
        metadata_path = str(cache / f"metadata-{Path(db).stem}.json")
        Path(metadata_path).write_text(json.dumps(adjusted, ensure_ascii=False), "utf-8")
    about = cache / "about"
    about.mkdir(parents=True, exist_ok=True)
    (about / "README.md").write_text(serving.readme_text(), "utf-8")
    command = serving.datasette_command(db, metadata_path, host, port, writable, allow_download, str(about))
    console.print(f"Datasette on http://{host}:{port}/{Path(db).stem} (Ctrl-C stops it)", highlight=False,
                  markup=False)
    console.print(f"metadata: {source or 'none found (titles and canned queries are missing)'}; "
                  f"{'read-write' if writable else 'read-only'}; whole-database download "
                  f"{'on' if allow_download else 'off'}", highlight=False, markup=False)
    sys.stdout.flush()
    # Become Datasette: a signal to this process reaches the server, and no child outlives it.
    os.execv(command[0], command)
