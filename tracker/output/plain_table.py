"""A rich Table drawn as plain lines, for a console that shows no colour (a pipe, a file).

Rich lays out a table by rendering every cell into styled segments, padding, shaping
and cropping them: a hundred-row table took 0.1–0.2 s, most of a query's time.  Where
no style is shown, only the characters matter, so :func:`print_table` keeps rich's own
decisions — its column widths (``Table._calculate_column_widths``), its wrapping of each
cell (``Text.wrap``), its box characters — and joins the lines itself.  Anything it does
not draw the same way (a terminal, a renderable that is not text, lines between all rows,
a footer, a line that does not fit its cell) goes to ``console.print``.  Reads no data tables.

:func:`print_texts` does the same for a column of texts (``console.print(Group(...))``):
each line as ``Text.wrap`` breaks it, without the segments rich makes of every one.
"""

from __future__ import annotations

from typing import Optional

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


def print_table(console: Console, table: Table) -> None:
    """``console.print(table)``, the same characters, faster where no colour is shown."""
    try:
        lines = _plain_lines(console, table) if _plain(console, table) else None
    except (AttributeError, TypeError):  # rich's private layout moved in another version: let rich draw
        lines = None
    if lines is None:
        console.print(table)
        return
    console.file.write("".join(line + "\n" for line in lines))
    console.file.flush()


def print_texts(console: Console, renderables: list) -> None:
    """``console.print(Group(*renderables))`` for texts and left-padded texts, the same characters,
    faster where no colour is shown."""
    try:
        lines = _texts_lines(console, renderables) if _plain_console(console) and not console.soft_wrap else None
    except (AttributeError, TypeError):  # rich's wrapping moved in another version: let rich draw
        lines = None
    if lines is None:
        from rich.console import Group

        console.print(Group(*renderables))
        return
    console.file.write("".join(line + "\n" for line in lines))
    console.file.flush()


def print_line(console: Console, message: str, style: str) -> None:
    """``console.print(message, style=style)``: drawn plain where no colour shows (no highlighter
    is built for what shows no highlights), by rich anywhere else or where the message could hold
    an emoji code or markup."""
    if ":" in message or console._markup or not _plain_console(console) or console.soft_wrap:
        console.print(message, style=style)
    else:
        print_texts(console, [Text(message)])


class Batch:
    """A console's ``print`` and :func:`print_table` for a command that prints line by line: each
    run of texts (a Text, or a blank line) is drawn at once by :func:`print_texts`."""

    def __init__(self, console: Console):
        self.console, self._texts = console, []

    def print(self, *objects, **options) -> None:
        if not options and len(objects) <= 1 and all(type(one) is Text for one in objects):
            self._texts.append(objects[0] if objects else Text(""))  # print() is a blank line
            return
        self.flush()
        self.console.print(*objects, **options)

    def table(self, table: Table) -> None:
        self.flush()
        print_table(self.console, table)

    def flush(self) -> None:
        if self._texts:
            texts, self._texts = self._texts, []
            print_texts(self.console, texts)


def _plain_console(console: Console) -> bool:
    return (console.color_system is None and not console.is_terminal and not console.record
            and not console._buffer)


def _texts_lines(console: Console, renderables: list) -> Optional[list[str]]:
    width = console.width
    out: list[str] = []
    for renderable in renderables:
        if type(renderable) is Padding:
            lines = _padded_lines(console, renderable, width)
        elif type(renderable) is Text:
            lines = _wrapped(console, renderable, width, pad=False)
        else:
            return None
        if lines is None:
            return None
        out += lines
    return out


def _padded_lines(console: Console, padding: Padding, width: int) -> Optional[list[str]]:
    """Padding(text, (0, 0, 0, left), expand=False): the text wrapped in what is left of the
    line after the padding, each line filled out to the width of the widest (rich's pad=True)."""
    text, left = padding.renderable, padding.left
    if type(text) is not Text or padding.top or padding.bottom or padding.right or padding.expand:
        return None
    widest = min(_words_and_lines(text.plain)[1], width)  # Measurement.get's maximum
    inner = min(widest + left, width) - left
    if widest < 1 or inner < 1:
        return None
    lines = _wrapped(console, text, inner, pad=True)
    return None if lines is None else [" " * left + line for line in lines]


def _wrapped(console: Console, text: Text, width: int, pad: bool) -> Optional[list[str]]:
    """The lines ``Text.__rich_console__`` draws in ``width`` cells (filled out to it with ``pad``);
    None where rich would shape them some other way."""
    if text.end != "\n" or text.justify not in (None, "default") or width < 1:
        return None
    plain = text.plain
    if "\n" not in plain and "\t" not in plain and "\x1b" not in plain:
        size = cell_len(plain)
        # One line that fits: Text.wrap leaves it as it is, unless it has more characters
        # than cells (zero-width ones) and ends in spaces, which rich trims by characters.
        if size <= width and (len(plain) <= width or not plain[-1:].isspace()):
            return [plain + " " * (width - size) if pad else plain]
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    lines = []
    for line in text.wrap(console, width, justify="default", overflow=text.overflow or "fold",
                          tab_size=tab_size or 8, no_wrap=text.no_wrap or False):
        plain = line.plain
        size = cell_len(plain)
        if size > width or "\n" in plain or "\r" in plain or "\x1b" in plain:
            return None  # rich crops and shapes such a line its own way
        lines.append(plain + " " * (width - size) if pad else plain)
    return lines


def _plain(console: Console, table: Table) -> bool:
    return (_plain_console(console) and table.columns and table.box is not None and not table.show_footer
            and not table.show_lines and not table.leading and not table.collapse_padding and tuple(table.padding) in ((0, 1, 0, 1),)
            and table.width is None)


def _plain_lines(console: Console, table: Table) -> Optional[list[str]]:
    # The options console.print renders with.
    options = console.options.update(justify=None, overflow=None, height=None, no_wrap=None, markup=None,
                                     highlight=None)
    columns = table.columns
    rows = [[column.header for column in columns]] if table.show_header else []
    rows += [[column._cells[i] for column in columns] for i in range(table.row_count)]
    texts = [[_text(console, cell, options) for cell in row] for row in rows]
    if any(text is None for row in texts for text in row):
        return None
    extra = table._extra_width
    # Rich's own width arithmetic, each cell measured from its text once (rich measures a
    # padded copy of every cell through three layers of Measurement).
    sizes = [[_words_and_lines(text.plain) for text in row] for row in texts]  # asked for again at each width
    table._measure_column = lambda console, options, column: _measure_column(table, options, column, sizes)
    try:
        widths = table._calculate_column_widths(console, options.update_width(options.max_width - extra))
    finally:
        del table._measure_column
    table_width = sum(widths) + extra
    if table_width > console.width:
        return None
    render_options = options.update(width=table_width, highlight=table.highlight, height=None)
    out: list[str] = []
    if table.title and not _annotation(console, table.title, table.title_justify, render_options, out):
        return None
    box = table.box.substitute(options, safe=console.safe_box if table.safe_box is None else table.safe_box)
    box = box.get_plain_headed_box() if not table.show_header else box
    edge = table.show_edge
    if edge:
        out.append(box.get_top(widths))
    last_column = len(columns) - 1
    for index, row in enumerate(texts):
        header = table.show_header and index == 0
        first, last = index == 0, index == len(rows) - 1
        left, right, divider = ((box.head_left, box.head_right, box.head_vertical) if first else
                                (box.foot_left, box.foot_right, box.foot_vertical) if last else
                                (box.mid_left, box.mid_right, box.mid_vertical))
        cells = []
        for number, (width, column, text) in enumerate(zip(widths, columns, row)):
            pad_left = 0 if (number == 0 and not table.pad_edge) else 1
            pad_right = 0 if (number == last_column and not table.pad_edge) else 1
            lines = _cell_lines(console, text, column, width - pad_left - pad_right)
            if lines is None:
                return None
            cells.append([" " * pad_left + line + " " * pad_right for line in lines])
        height = max(len(cell) for cell in cells)
        for number, cell in enumerate(cells):
            blank = [" " * widths[number]] * (height - len(cell))
            # A header sits at the bottom of its row, a body cell at the top (rich's default).
            vertical = "bottom" if header else (columns[number].vertical or "top")
            if vertical != "top" and not header:
                return None
            cells[number] = blank + cell if header else cell + blank
        for line in range(height):
            text = divider.join(cell[line] for cell in cells)
            out.append(left + text + right if edge else text)
        if header:
            out.append(box.get_row(widths, "head", edge=edge))
        elif not last and table.rows[index - table.show_header].end_section:
            out.append(box.get_row(widths, "row", edge=edge))  # add_section's rule
    if edge:
        out.append(box.get_bottom(widths))
    if table.caption and not _annotation(console, table.caption, table.caption_justify, render_options, out):
        return None
    return out


def _text(console: Console, cell, options) -> Optional[Text]:
    """The Text rich makes of a cell (a string's emoji codes replaced); None for anything else."""
    if isinstance(cell, str):
        if ":" not in cell and not (options.markup or (options.markup is None and console._markup)):
            return Text(cell)  # render_str's own answer: no emoji code to replace (nor rich's emoji table to load)
        return console.render_str(cell, markup=options.markup, highlight=False)
    if type(cell) is Text and getattr(cell, "vertical", None) is None and cell.end == "\n":
        return cell
    return None


def _measure_column(table: Table, options, column, sizes: list[list[tuple[int, int]]]) -> Measurement:
    """``Table._measure_column`` as rich computes it for cells of text padded left and right."""
    max_width = options.max_width
    if max_width < 1:
        return Measurement(0, 0)
    extra = table._get_padding_width(column._index)
    if column.width is not None:
        return Measurement(column.width + extra, column.width + extra).with_maximum(max_width)
    lows, highs = [], []
    for row in sizes:
        low, high = _measure_cell(row[column._index], max_width, extra)
        lows.append(low)
        highs.append(high)
    measurement = Measurement(max(lows) if lows else 1, max(highs) if highs else max_width).with_maximum(max_width)
    return measurement.clamp(None if column.min_width is None else column.min_width + extra,
                             None if column.max_width is None else column.max_width + extra)


def _measure_cell(size: tuple[int, int], max_width: int, extra: int) -> tuple[int, int]:
    """Measurement.get of Padding(text) with ``extra`` cells of padding, ``size`` the text's
    widest word and line: the same clamps in the same order."""
    if max_width - extra < 1:
        low = high = max_width
    else:
        low, high = _clamped(*size, max_width)  # the text, measured inside the padding
        low, high = min(low + extra, max_width), min(high + extra, max_width)
    return _clamped(low, high, max_width)


def _clamped(low: int, high: int, max_width: int) -> tuple[int, int]:
    """``measurement.normalize().with_maximum(max_width)``, (0, 0) below one cell, normalized again."""
    low = min(max(0, low), high)
    low, high = max(0, low), max(0, max(low, high))
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _words_and_lines(plain: str) -> tuple[int, int]:
    """Text.__rich_measure__: the widest word and the widest line."""
    lines = plain.splitlines()
    widest_line = max(cell_len(line) for line in lines) if lines else 0
    words = plain.split()
    return (max(cell_len(word) for word in words) if words else widest_line), widest_line


def _cell_lines(console: Console, text: Text, column, width: int) -> Optional[list[str]]:
    """A cell's lines, each exactly ``width`` cells wide, as rich wraps it; None if rich would crop."""
    if width < 1:
        return None
    justify = text.justify or column.justify or "default"
    overflow = text.overflow or column.overflow or "fold"
    no_wrap = text.no_wrap if text.no_wrap is not None else column.no_wrap
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    plain = text.plain
    if justify in ("default", "left") and "\t" not in plain and "\r" not in plain and "\x1b" not in plain:
        parts = plain.split("\n")  # Text.split("\n", allow_blank=True)
        sizes = [cell_len(part) for part in parts]
        if max(sizes) <= width:  # lines that fit: Text.wrap would leave them as they are
            return [part + " " * (width - size) for part, size in zip(parts, sizes)]
    lines = []
    for line in text.wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size or 8,
                          no_wrap=no_wrap or False):
        plain = line.plain
        size = cell_len(plain)
        if size > width or "\n" in plain or "\r" in plain or "\x1b" in plain:
            return None  # rich crops and shapes such a line its own way
        lines.append(plain + " " * (width - size))
    return lines or [" " * width]


def _annotation(console: Console, text, justify, options, out: list[str]) -> bool:
    """A title or caption rendered by rich itself (one line of text), appended as plain lines."""
    renderable = _text(console, text, options) if isinstance(text, str) else text
    lines = console.render_lines(renderable, options.update(justify=justify), pad=False)
    for line in lines:
        out.append("".join(segment.text for segment in line if not segment.control))
    return True
