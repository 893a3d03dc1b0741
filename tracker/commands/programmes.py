"""`tracker programmes`: the programmes followed, their terms, and how many pieces each covers."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..output import render
from .common import Db, Output, destination, formats, handles_errors, open_store

COLUMNS = ["name", "aliases", "start", "part_of", "parts", "names", "regions", "bodies", "projects", "places", "topics",
           "relevant_pieces", "passing_pieces", "articles"]
ProgrammesFormat = formats("ProgrammesFormat", "table", "json", "jsonl", "csv")
#: Names shown per programme in the table (json and csv give them all).
SHOWN = 4
ROLE_COLUMNS = {"name": "names", "region": "regions", "body": "bodies", "project": "projects", "place": "places", "topic": "topics"}

Programme = Annotated[Optional[str], typer.Option(
    "--programme", "-p", help="Only pieces about this programme (京津冀, 雄安新区…; `tracker programmes` lists them).")]


@handles_errors
def programmes(
    name: Annotated[Optional[str], typer.Argument(help="Show only this programme (a name, an alias or its start).")] = None,
    rescore: Annotated[bool, typer.Option(
        "--rescore", help="Score every stored piece again first (after editing the programme tables).")] = False,
    fmt: Annotated[ProgrammesFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = ProgrammesFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """List the programmes followed, the words that make a piece about each, and how many pieces it covers.

    A programme is a row of tracker/data/programmes.tsv and its words are rows of
    tracker/data/programme_terms.tsv: add rows there to follow another programme.
    `--programme NAME` on claims and search keeps the pieces about it.

    Example: tracker programmes ; tracker programmes 京津冀 --format json
    """
    from ..compare.relevance import find_programme, programmes as known_programmes

    store = open_store(db)
    if rescore:
        store.rescore_programmes()
    chosen = [find_programme(name)] if name else list(known_programmes())
    counts = store.programme_counts()
    rows = [_row(p, counts.get(p.name, {})) for p in chosen]
    table = Table(title=render.plural(len(rows), "programme"), expand=False)
    for column in ("name", "start", "part of", "names", "places", "terms", "pieces", "passing", "articles"):
        table.add_column(column, overflow="fold", no_wrap=column in ("name", "start"))
    for row in rows:
        names = sorted(row["regions"], key=len) + sorted(row["names"], key=len)
        terms = len(names) + len(row["bodies"]) + len(row["projects"]) + len(row["topics"])
        table.add_row(Text(row["name"]), row["start"], Text(row["part_of"] or ""),
                      Text("、".join(names[:SHOWN]) + ("…" if len(names) > SHOWN else "")),
                      Text("、".join(row["places"])), str(terms),
                      str(row["relevant_pieces"]), str(row["passing_pieces"]), str(row["articles"]))
    with destination(output) as out:
        if fmt.value == "csv":
            flat = [{k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows]
            render.emit(out, flat, COLUMNS, "csv", table)
        else:
            render.emit(out, rows, COLUMNS, fmt.value, table)


def _row(programme, counts: dict) -> dict:
    row = {"name": programme.name, "aliases": list(programme.aliases), "start": programme.start,
           "part_of": programme.part_of, "parts": list(programme.parts)}
    for role, column in ROLE_COLUMNS.items():
        row[column] = list(programme.terms.get(role, ()))
    row.update(relevant_pieces=counts.get("relevant", 0), passing_pieces=counts.get("passing", 0),
               articles=counts.get("articles", 0))
    return row


def programme_names(name: Optional[str]) -> Optional[list[str]]:
    """The stored programme name(s) a `--programme` value stands for (None: no filter)."""
    if not name:
        return None
    from ..compare.relevance import find_programme

    return [find_programme(name).name] if name else None


