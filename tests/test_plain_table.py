"""Plain tables are drawn with the very characters rich draws (or left to rich)."""

import io

from hypothesis import given, settings, strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.output.plain_table import _plain_lines, print_table

CHARACTERS = st.sampled_from(list("ab Z09.,-%") + list("雄安新区京津冀发展（）、，。：") + [" ", "  ", "\n", "\t", ":smile:",
                                                                                    "\u200b", "é", "🙂", "[b]", "\x07"])
CELL = st.lists(CHARACTERS, max_size=30).map("".join)


@st.composite
def tables(draw):
    table = Table(title=draw(st.one_of(st.none(), CELL)), caption=draw(st.one_of(st.none(), CELL)),
                  show_edge=draw(st.booleans()), pad_edge=draw(st.booleans()), expand=draw(st.booleans()),
                  show_header=draw(st.booleans()))
    count = draw(st.integers(1, 5))
    for _ in range(count):
        table.add_column(draw(CELL), overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
                         no_wrap=draw(st.booleans()), ratio=draw(st.one_of(st.none(), st.integers(1, 3))),
                         max_width=draw(st.one_of(st.none(), st.integers(1, 12))),
                         min_width=draw(st.one_of(st.none(), st.integers(1, 8))),
                         justify=draw(st.sampled_from(["left", "right", "center", "full", "default"])))
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(CELL) for _ in range(count)]
        table.add_row(*[Text(c, style="bold") if draw(st.booleans()) else c for c in cells],
                      end_section=draw(st.booleans()))
    return table


def rich_draws(table: Table, width: int) -> str:
    console = Console(file=io.StringIO(), markup=False, width=width)
    console.print(table)
    return console.file.getvalue()


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(8, 130))
def test_a_plain_table_is_what_rich_prints(table, width):
    console = Console(file=io.StringIO(), markup=False, width=width)
    lines = _plain_lines(console, table)
    if lines is not None:
        assert "".join(line + "\n" for line in lines) == rich_draws(table, width)


def test_print_table_draws_the_commands_tables_itself_and_the_same(tmp_path):
    table = Table(title="3 claims", expand=False)
    for column in ("id", "surface", "metric"):
        table.add_column(column, overflow="fold")
    table.add_row("1", Text("吸纳京津技术合同成交额同比增长34.8%"), "吸纳京津技术合同成交额")
    table.add_section()
    table.add_row("2", Text("雄安新区"), "")
    console = Console(file=io.StringIO(), markup=False, width=30)
    assert _plain_lines(console, table) is not None  # drawn here, not left to rich
    print_table(console, table)
    assert console.file.getvalue() == rich_draws(table, 30)


def test_a_terminal_still_gets_rich_with_its_colours():
    table = Table()
    table.add_column("kind")
    table.add_row(Text("figure", style="green"))
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=40)
    print_table(console, table)
    assert "\x1b[" in console.file.getvalue()


def test_a_rich_whose_private_layout_moved_still_draws_the_table(monkeypatch):
    # print_table leans on rich's private column arithmetic; another rich must still print.
    table = Table()
    table.add_column("metric")
    table.add_row("技术合同成交额")
    from tracker.output import plain_table

    def moved(*args, **kwargs):
        raise AttributeError("'Table' object has no attribute '_cells'")

    monkeypatch.setattr(plain_table, "_measure_column", moved)
    console = Console(file=io.StringIO(), markup=False, width=40)
    print_table(console, table)
    assert "技术合同成交额" in console.file.getvalue()
