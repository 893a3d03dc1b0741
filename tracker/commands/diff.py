"""`tracker diff A B`: what changed between two articles, claims first, then the text."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Iterable

import typer
from rich.table import Table
from rich.text import Text

from .. import dates
from .common import Db, Format, formats, Output, destination, handles_errors, open_store
from ..output.plain_table import Batch
from ..output.render import format_value
from ..models import StoredClaim, clause

if TYPE_CHECKING:  # the diff core loads diff-match-patch: imported when a diff runs
    from ..compare import diff as core
    from ..compare.align import SentenceChange, TextOp

DIRECTION_STYLES = {"up": "bold green", "down": "bold red", "same": "dim"}
OP_STYLES = {"delete": "red", "insert": "bold green", "equal": ""}
SIDE_STYLES = {"A": "red", "B": "green"}


DiffFormat = formats("DiffFormat", "table", "json")


@handles_errors
def diff(
    first: Annotated[str, typer.Argument(metavar="A", help="The first article: id, file name or stem, "
                                         "or hash prefix.")],
    second: Annotated[str, typer.Argument(metavar="B", help="The second article, compared against A.")],
    text: Annotated[bool, typer.Option(
        "--text", help="Show the whole aligned text (kept, deleted, inserted and rewritten sentences), "
        "not only the rewritten ones; in JSON, every step in `text`.")] = False,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="table or json.")] = DiffFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """Compare two articles: figures, targets, milestones, slogans, text.

    Figures and targets about the same metric of the same subject are
    paired and shown changed (A → B, up green, down red) or unchanged.
    Milestones are shared when their dates agree and they tell one event.
    Text is compared on simplified forms, so a traditional article
    compares with a simplified one; rewritten sentences are diffed
    within, numbers kept whole.

    Changes read as git's word diff: 京津研发、[-河北-]{+保定+}转化

    Example: tracker diff 003_96270f4216e9840f 001_015af695a5ec415d ; tracker diff 3 1 --format json
    """
    from ..compare import diff as core

    store = open_store(db)
    sides = []
    for name in (first, second):
        article_id = store.resolve(name)
        sides.append(core.Side.from_rows(store.article(article_id), store.sentences(article_id),
                                         store.claims(article_id)))
    # Changes read forward in time: the older article is A whichever order they were given in.
    swapped = dates.is_later(sides[0].published, sides[1].published)
    if swapped:
        sides.reverse()
    result = core.diff_articles(*sides)
    with destination(output) as console:
        if fmt == Format.json:
            data = {**result.to_dict(full_text=text), "swapped": swapped}
            console.out(json.dumps(data, ensure_ascii=False, indent=2), highlight=False)
            return
        out = Batch(console)  # some forty lines: drawn together, not each through rich's segments
        if swapped:
            out.print(Text(f"{second} is older than {first}: shown as A → B, older first", style="yellow"))
        _print(out, result, text)
        out.flush()


# ------------------------------------------------------------------- table


def _print(out, result: core.ArticleDiff, full_text: bool) -> None:
    for label, side in (("A", result.a), ("B", result.b)):
        line = Text(f"{label} ", style=f"bold {SIDE_STYLES[label]}")
        line.append(f"#{side.id} ", style="dim")
        line.append(side.title or side.path, style="bold")
        line.append(f"  {side.published or 'undated'}", style="cyan")
        out.print(line)
    out.print(Text(f"  {result.apart or 'one or both undated'}", style="dim"))
    if result.identical:
        out.print("no changes: every claim and sentence is the same in both", highlight=False)
        return
    _quantities(out, "figures", result.figures)
    _quantities(out, "targets", result.targets)
    _milestones(out, result.milestones)
    _formulations(out, result.formulations)
    _text(out, result.text, full_text)


def _heading(out, name: str, counts: Iterable[tuple[int, str]]) -> None:
    out.print()
    counts = list(counts)
    summary = ", ".join(f"{n} {what}" for n, what in counts) if any(n for n, _ in counts) else "none in either"
    out.print(Text.assemble((name, "bold underline"), f"  {summary}"))


def _quantities(out, name: str, part: core.QuantityDiff) -> None:
    _heading(out, name, ((len(part.changed), "changed"), (len(part.same), "same"),
                    (len(part.only_a), "only in A"), (len(part.only_b), "only in B")))
    if part.changed or part.same:
        table = Table(expand=False, show_edge=False, pad_edge=False)
        table.add_column("subject", overflow="fold", max_width=10)
        table.add_column("metric", overflow="fold", ratio=3)
        table.add_column("A", overflow="fold", ratio=1)
        table.add_column("B", overflow="fold", ratio=1)
        table.add_column("change", overflow="fold", ratio=1)
        for pair in (*part.changed, *part.same):
            table.add_row(pair.a.subject or "—", pair.a.metric or pair.a.surface, _amount(pair.a),
                          _amount(pair.b), _change(pair))
        out.table(table)
    _only(out, part.only_a, part.only_b, lambda f: (_clause(f), _amount(f)))


def _clause(fact: StoredClaim) -> str:
    return clause(fact.sentence, fact.surface, fact.at).strip() or fact.metric or ""


def _amount(fact: StoredClaim) -> str:
    value = format_value(fact.value, fact.unit, fact.qualifier, fact.value_high)
    if fact.kind == "target":
        return f"{value} by {fact.deadline}" if fact.deadline else value
    return f"{value} ({fact.as_of})" if fact.as_of else value


def _change(pair: core.Pair) -> Text:
    if pair.difference is None:
        return Text("")
    if not pair.difference:
        deadline = pair.a.kind == "target" and pair.changed
        return Text("deadline" if deadline else "=", style="yellow" if deadline else "dim")
    sign = "+" if pair.difference > 0 else "−"
    label = format_value(abs(pair.difference), pair.a.unit)
    arrow = "↑" if pair.direction == "up" else "↓"
    return Text(f"{arrow} {sign}{label}", style=DIRECTION_STYLES[pair.direction])


def _only(out, only_a, only_b, describe) -> None:
    if not only_a and not only_b:
        return
    table = Table(expand=False, show_edge=False, pad_edge=False)
    table.add_column("in", no_wrap=True)
    table.add_column("subject", overflow="fold", max_width=10)
    table.add_column("what", overflow="fold", ratio=3)
    table.add_column("value / date", overflow="fold", ratio=1)
    for label, facts in (("A", only_a), ("B", only_b)):
        for fact in facts:
            what, value = describe(fact)
            table.add_row(Text(label, style=SIDE_STYLES[label]), fact.subject or "—", what or fact.surface,
                          value)
    out.table(table)


def _milestones(out, part: core.MilestoneDiff) -> None:
    _heading(out, "milestones", ((len(part.shared), "shared"), (len(part.only_a), "only in A"),
                            (len(part.only_b), "only in B")))
    if part.shared:
        table = Table(expand=False, show_edge=False, pad_edge=False)
        table.add_column("date", no_wrap=True)
        table.add_column("event", overflow="fold", ratio=3)
        table.add_column("A says", overflow="fold", ratio=1)
        table.add_column("B says", overflow="fold", ratio=1)
        for shared in part.shared:
            table.add_row(shared.date or "—", shared.a.event or shared.a.surface, shared.a.surface,
                          shared.b.surface)
        out.table(table)
    _only(out, part.only_a, part.only_b, lambda f: (f.event or "", f.date or ""))


def _formulations(out, part: core.FormulationDiff) -> None:
    _heading(out, "formulations", ((len(part.shared), "shared"), (len(part.variants), "reworded"),
                              (len(part.only_a), "only in A"), (len(part.only_b), "only in B")))
    if part.shared:
        out.print(Text.assemble(("  both: ", "dim"), " · ".join(a.surface for a, _ in part.shared)))
    for variant in part.variants:
        line = Text("  reworded: ", style="dim")
        line.append(f"{variant.a.surface} → {variant.b.surface}: ")
        line.append_text(_parts(variant.parts))
        out.print(line)
    for label, alone in (("A", part.only_a), ("B", part.only_b)):
        if alone:
            out.print(Text.assemble((f"  only in {label}: ", SIDE_STYLES[label]),
                                        " · ".join(f.surface for f in alone)))


def _text(out, steps: tuple[SentenceChange, ...], full: bool) -> None:
    counts = {op: sum(1 for s in steps if s.op == op) for op in ("change", "equal", "delete", "insert")}
    _heading(out, "text", ((counts["change"], "rewritten"), (counts["equal"], "kept"),
                      (counts["delete"], "only in A"), (counts["insert"], "only in B")))
    for step in steps:
        if step.op == "change":
            out.print(Text(f"~ A{step.a} → B{step.b}", style="yellow"))
            out.print(Text("  ").append_text(_parts(step.parts)))
        elif not full:
            continue
        elif step.op == "equal":
            out.print(Text(f"  {step.a_text}", style="dim"))
        elif step.op == "delete":
            out.print(Text(f"- {step.a_text}", style="red"))
        else:
            out.print(Text(f"+ {step.b_text}", style="green"))
    if counts["change"] == 0 and not full:
        out.print("  no sentence rewritten; --text shows the whole aligned text", highlight=False)


def _parts(parts: Iterable[TextOp]) -> Text:
    """Inline changes marked as git's --word-diff does, [-gone-]{+new+}, so they read without colour too."""
    text = Text()
    for part in parts:
        if part.op == "equal":
            text.append(part.text)
        else:
            opening, closing = ("[-", "-]") if part.op == "delete" else ("{+", "+}")
            text.append(f"{opening}{part.text}{closing}", style=OP_STYLES[part.op])
    return text
