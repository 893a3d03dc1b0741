"""`tracker sources`, `show`, `search` and `claims`: what is in the database."""

from __future__ import annotations

import json
from collections import Counter
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..output import render
from ..errors import BadUsage
from ..models import StoredClaim
from .programmes import Programme, programme_names
from .common import MOST, TABLE_ROWS, ArticleFilter, Db, Format, formats, Limit, Output, destination, handles_errors, open_store

SOURCE_COLUMNS = ["id", "path", "sha256", "title", "outlet", "published", "precision", "basis",
                  "evidence", "script", "pieces", "sentences", "claims", "version", "earliest", "latest"]
CLAIM_COLUMNS = ["id", "article", "path", "piece", "kind", "sentence", "surface", "value", "value_high",
                 "unit", "qualifier", "subject", "metric", "as_of", "deadline", "strength", "date",
                 "precision", "event", "change", "start", "end", "as_of_basis"]
SEARCH_COLUMNS = ["id", "article", "title", "published", "number", "text", "simplified"]


class Kind(str, Enum):
    figure = "figure"
    target = "target"
    milestone = "milestone"
    formulation = "formulation"
    document = "document"


SourcesFormat = formats("SourcesFormat", "table", "json", "jsonl", "csv")
ShowFormat = formats("ShowFormat", "table", "json", "csv")
SearchFormat = formats("SearchFormat", "table", "json", "jsonl", "csv")
ClaimsFormat = formats("ClaimsFormat", "table", "json", "jsonl", "csv")


@handles_errors
def sources(
    limit: Limit = None,
    fmt: Annotated[SourcesFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = SourcesFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """List the articles in the database, newest first.

    Example: tracker sources --format json ; tracker sources --limit 10
    """
    rows = [_source_row(r) for r in open_store(db).articles(limit)]
    table = Table(title=render.plural(len(rows), "article"), expand=False)
    for column in ("id", "published", "title", "outlet", "pieces", "sentences", "claims"):
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "published"))
    for row in rows:
        mark = "?" if row["basis"] == "inferred" else ""
        table.add_row(str(row["id"]), (row["published"] or "undated") + mark, Text(row["title"] or row["path"]),
                      Text(row["outlet"] or ""), str(row["pieces"]), str(row["sentences"]), str(row["claims"]))
    if fmt == Format.table and rows:
        table.caption = "? = inferred from the text (tracker show ID says why)"
    with destination(output) as out:
        render.emit(out, rows, SOURCE_COLUMNS, fmt.value, table)


def _source_row(row: dict) -> dict:
    return {
        "id": row["id"], "path": row["path"], "sha256": row["content_hash"].removeprefix("sha256:"),
        "title": row["title"], "outlet": row["outlet"], "published": row["published"],
        "precision": row["published_precision"], "basis": row["published_basis"],
        "evidence": row["published_evidence"], "script": row["script"], "pieces": row["pieces"],
        "sentences": row["sentences"], "claims": row["claims"], "version": row["version"],
        "earliest": row.get("published_earliest"), "latest": row.get("published_latest"),
    }


@handles_errors
def show(
    article: Annotated[str, typer.Argument(help="Article id, file name or stem, or hash prefix.")],
    fmt: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="table (the text), json (everything) or csv (the claims).")] = ShowFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """Show one article: its metadata, the evidence for its date, its pieces and its text with claims marked.

    Example: tracker show 3 ; tracker show 000_2a7e4b1a25bea300
    """
    store = open_store(db)
    article_id = store.resolve(article)
    row = store.article(article_id)
    pieces = store.pieces(article_id)
    claims = store.claims(article_id)
    with destination(output) as out:
        if fmt == Format.table:
            _print_article(out, row, pieces, claims)
            return
        rows = [c.to_row() for c in claims]
        if fmt == Format.json:
            data = {k: v for k, v in row.items() if k not in ("simplified",)}
            data["sha256"] = row["content_hash"].removeprefix("sha256:")  # as in `tracker sources`
            data["pieces"] = pieces
            data["claims"] = rows
            out.out(json.dumps(data, ensure_ascii=False, indent=2, default=str), highlight=False)
        else:
            render.emit(out, rows, list(rows[0]) if rows else [], "csv")


def _bounds(row: dict) -> str:
    """How early and how late the document can be (``?`` where open); empty when both are."""
    earliest, latest = row.get("published_earliest"), row.get("published_latest")
    if not earliest and not latest:
        return ""
    return f"not before {earliest or '?'}, not after {latest or '?'}"


def _print_article(console, row: dict, pieces: list[dict], claims: list[StoredClaim]) -> None:
    """Metadata, pieces, and the body with each claim marked: by colour on a terminal, and
    by ``[text|kind]`` brackets where colour would be lost (a pipe, a file)."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    for label, value in (
        ("id", row["id"]), ("title", row["title"]), ("path", row["path"]),
        ("version", row["version"]), ("outlet", row["outlet"]), ("byline", row["byline"]),
        ("published", f"{row['published'] or 'undated'} ({row['published_precision'] or '-'}, "
                      f"{row['published_basis']})"),
        ("bounds", _bounds(row)),
        ("evidence", row["published_evidence"]), ("script", row["script"]),
        ("encoding", f"{row['encoding']} {row['format']}"),
        ("hash", row["content_hash"]), ("claims", _claim_counts(claims)),
    ):
        if value not in (None, ""):
            meta.add_row(label, Text(str(value)))
    console.print(Panel(meta, title=f"article {row['id']}", expand=False))
    if len(pieces) > 1:
        for piece in pieces:
            line = Text(f"  piece {piece['number'] + 1}: ")
            line.append(piece["title"] or "(untitled)")
            console.print(line, highlight=False)
    text = row["text"][row["body_start"]:row["body_end"]]
    spans = [(c.start - row["body_start"], c.end - row["body_start"], c.kind) for c in claims]
    legend = Text("  ").join(Text(kind, style=style) for kind, style in render.KIND_STYLES.items())
    render.print_texts(console, [Text(""), render.mark_spans(text, spans, brackets=not console.is_terminal), Text(""),
                                 legend])


def _claim_counts(claims: list[StoredClaim]) -> str:
    counts = Counter(c.kind for c in claims)
    return ", ".join(render.plural(n, kind) for kind, n in sorted(counts.items())) or "none"


@handles_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to find, simplified or traditional (雄安, 技术合同).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MOST, help="Show at most this many sentences.")] = 50,
    programme: Programme = None,
    fmt: Annotated[SearchFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = SearchFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """Find sentences containing a phrase, with their article and date, the match highlighted.

    Three or more characters use the full-text index; one or two characters are
    matched directly, so 雄安 works too.

    Example: tracker search 技术合同
    """
    if not query.strip():
        raise BadUsage("QUERY is empty: give words to find, such as 技术合同")
    rows = open_store(db).search(query, limit, programmes=programme_names(programme))
    table = Table(title=f"{render.plural(len(rows), 'sentence')} match {query!r}", expand=False)
    for column in ("article", "published", "sentence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["article"]), row["published"] or "",
                      render.highlight(row["text"], row["match"], haystack=row["simplified"]))
    with destination(output) as out:
        render.emit(out, rows, SEARCH_COLUMNS, fmt.value, table)


@handles_errors
def claims(
    article: ArticleFilter = None,
    kind: Annotated[Optional[Kind], typer.Option("--kind", "-k", help="Only claims of this kind.")] = None,
    programme: Programme = None,
    limit: Limit = None,
    fmt: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = ClaimsFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """List claims: figures, targets, milestones, formulations and cited documents, each with its sentence.

    JSON lines and CSV stream one claim at a time, so a large export holds little in memory.

    Example: tracker claims --article 1 --kind figure --format json ; tracker claims --programme 京津冀
    """
    store = open_store(db)
    article_id = store.resolve(article) if article else None
    shown = limit
    if limit is None and fmt == Format.table:
        limit = TABLE_ROWS + 1  # a terminal table: the first rows, and a note if there are more
    found = store.iter_claims(article_id, kind.value if kind else None, limit=limit,
                              programmes=programme_names(programme))
    with destination(output) as out:
        if fmt in (Format.jsonl, Format.csv):
            render.stream(out, (c.to_row() for c in found), CLAIM_COLUMNS, fmt.value)
            return
        found = list(found)
        if fmt == Format.json:
            render.emit(out, [c.to_row() for c in found], CLAIM_COLUMNS, "json")
            return
        if shown is None and len(found) > TABLE_ROWS:
            found = found[:TABLE_ROWS]
            render.print_line(out, f"the first {TABLE_ROWS} claims; --limit N shows more, --format jsonl streams them all",
                              "dim")
        render.print_table(out, _claims_table(found))


def _claims_table(found: list[StoredClaim]) -> Table:
    table = Table(title=render.plural(len(found), "claim"), expand=False)
    for column in ("id", "art", "kind", "surface", "value", "subject", "metric / event", "when"):
        table.add_column(column, overflow="fold")
    for claim in found:
        when = Text(claim.date or claim.as_of or (f"by {claim.deadline}" if claim.deadline else ""))
        if claim.as_of and claim.as_of_basis:  # why the figure sits in that period
            when.append(f" {claim.as_of_basis}", style="dim")
        table.add_row(
            str(claim.id), str(claim.article), Text(claim.kind, style=render.KIND_STYLES.get(claim.kind, "")),
            Text(claim.surface), render.format_value(claim.value, claim.unit, claim.qualifier, claim.value_high),
            Text(claim.subject or ""), Text(claim.metric or claim.event or claim.refers_to or ""), when,
        )
    return table
