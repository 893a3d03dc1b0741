"""Columns of texts are drawn with the very characters rich draws (or left to rich)."""

import io

from hypothesis import given, settings, strategies as st
from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from tracker.output.plain_table import _texts_lines, print_texts

CHARACTERS = st.sampled_from(list("ab Z09.,-%#") + list("雄安新区京津冀发展（）、，。：") + [" ", "  ", "\n", "\t", "\r",
                                                                                     "\u200b", "é", "🙂", "\x07", "─"])
PLAIN = st.lists(CHARACTERS, max_size=60).map("".join)


@st.composite
def texts(draw):
    text = Text(draw(PLAIN), style=draw(st.sampled_from(["", "dim", "bold cyan"])),
                justify=draw(st.sampled_from([None] * 12 + ["default", "left", "right", "center", "full"])),
                overflow=draw(st.sampled_from([None, None, "fold", "crop", "ellipsis"])),
                no_wrap=draw(st.sampled_from([None, None, False, True])),
                end=draw(st.sampled_from(["\n"] * 12 + [""])))
    for _ in range(draw(st.integers(0, 3))):
        text.append(draw(PLAIN), style=draw(st.sampled_from(["bold", "red", ""])))
    return text


@st.composite
def renderables(draw):
    found = []
    for _ in range(draw(st.integers(0, 6))):
        text = draw(texts())
        if draw(st.booleans()):
            pad = draw(st.sampled_from([(0, 0, 0, 13)] * 3 + [(0, 0, 0, 2), (0, 0, 0, 0), (1, 0, 0, 2), (0, 1, 0, 2)]))
            found.append(Padding(text, pad, expand=draw(st.sampled_from([False] * 5 + [True]))))
        else:
            found.append(text)
    return found


def rich_draws(renderables, width: int) -> str:
    console = Console(file=io.StringIO(), markup=False, width=width)
    console.print(Group(*renderables))
    return console.file.getvalue()


@settings(max_examples=600, deadline=None)
@given(renderables(), st.integers(1, 130))
def test_plain_texts_are_what_rich_prints(found, width):
    console = Console(file=io.StringIO(), markup=False, width=width)
    lines = _texts_lines(console, found)
    if lines is not None:
        assert "".join(line + "\n" for line in lines) == rich_draws(found, width)


def test_a_line_of_zero_width_characters_ending_in_a_space_is_trimmed_as_rich_trims_it():
    found = [Text("\u200b ")]  # one cell, two characters: rich trims the space to fit one
    console = Console(file=io.StringIO(), markup=False, width=1)
    assert "".join(line + "\n" for line in _texts_lines(console, found)) == rich_draws(found, 1) == "\u200b\n"


def test_print_texts_draws_the_evolve_lines_itself_and_the_same():
    found = [Text(""), Text("国内生产总值增长  全国 · %  ▁█  2 sources", style="bold"),
             Text("  2024        ├┼┤              5%左右          target #1  by 2024"),
             Padding(Text("今年经济社会发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上" * 2, style="dim"),
                     (0, 0, 0, 13), expand=False)]
    console = Console(file=io.StringIO(), markup=False, width=60)
    assert _texts_lines(console, found) is not None  # drawn here, not left to rich
    print_texts(console, found)
    assert console.file.getvalue() == rich_draws(found, 60)


def test_a_terminal_still_gets_rich_with_its_colours():
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=40)
    print_texts(console, [Text("figure", style="green")])
    assert "\x1b[" in console.file.getvalue()


def test_anything_but_text_is_left_to_rich():
    console = Console(file=io.StringIO(), markup=False, width=40)
    assert _texts_lines(console, [Text("a"), "a string"]) is None
    print_texts(console, [Text("a"), "b"])
    assert console.file.getvalue() == "a\nb\n"


def test_a_batch_prints_what_the_console_prints_line_by_line():
    from rich.table import Table

    from tracker.output.plain_table import Batch

    table = Table(expand=False, show_edge=False, pad_edge=False)
    table.add_column("metric", overflow="fold")
    table.add_row("技术合同成交额")

    def steps(out, draw_table):
        out.print(Text("A #1 ", style="bold red"))
        out.print()
        out.print(Text.assemble(("figures", "bold underline"), "  2 changed"))
        draw_table(table)
        out.print("no sentence rewritten: 12 kept", highlight=False)
        out.print(Text("~ A3 → B4 " + "京津冀协同发展" * 9, style="yellow"))

    for terminal in (False, True):
        options = dict(force_terminal=True, color_system="truecolor") if terminal else {}
        direct = Console(file=io.StringIO(), markup=False, width=50, **options)
        steps(direct, direct.print)
        batched = Console(file=io.StringIO(), markup=False, width=50, **options)
        batch = Batch(batched)
        steps(batch, batch.table)
        batch.flush()
        assert batched.file.getvalue() == direct.file.getvalue()


def test_a_note_prints_what_the_console_prints():
    from tracker.output.plain_table import print_line

    notes = ["the first 100 claims; --limit N shows more", "12 of 340 points: 3 of 9 series " * 6,
             "an emoji code :smile: and a time 12:30", "[bold]not markup[/bold] 2024-05-12 +3.5%"]
    for terminal in (False, True):
        options = dict(force_terminal=True, color_system="truecolor") if terminal else {}
        for note in notes:
            direct = Console(file=io.StringIO(), markup=False, width=40, **options)
            direct.print(note, style="dim")
            ours = Console(file=io.StringIO(), markup=False, width=40, **options)
            print_line(ours, note, "dim")
            assert ours.file.getvalue() == direct.file.getvalue(), (terminal, note)
