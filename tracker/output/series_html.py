"""`tracker evolve --format html`: one self-contained page, a chart and a table per series.

Each series is drawn on one scale: a target as a band (≈7.5 is 7–8, ≥1000万 runs to the
top, ≤3 to the bottom, 6–6.5 is the range) at its deadline, a figure as a point at its
``as_of``, so a year's outcome stands visibly inside or outside its target's band.  The
page needs no script and no network: the charts are inline SVG.
"""

from __future__ import annotations

import html
from typing import Optional

from ..models import Evolution, Point, Series, format_value

WIDTH, HEIGHT, PAD = 640, 180, 28
#: Half the width of a 左右 band: in points for a percentage, else a share of the value.
ABOUT_PERCENT_POINTS, ABOUT_SHARE = 0.5, 0.05


def _span(point: Point, unit: Optional[str]) -> Optional[tuple[float, float]]:
    if point.value is None:
        return None
    low, high = point.value, point.value_high if point.value_high is not None else point.value
    if point.kind == "target" and point.qualifier == "~":
        pad = ABOUT_PERCENT_POINTS if unit == "%" else ABOUT_SHARE * abs(point.value)
        low, high = low - pad, high + pad
    return low, high


def _chart(series: Series) -> str:
    spans = [_span(p, series.unit) for p in series.points]
    known = [s for s in spans if s]
    if not known:
        return ""
    bottom, top = min(0.0, min(s[0] for s in known)), max(s[1] for s in known)
    scale = (top - bottom) or 1.0
    step = (WIDTH - 2 * PAD) / max(1, len(series.points))

    def y(value: float) -> float:
        return HEIGHT - PAD - (value - bottom) / scale * (HEIGHT - 2 * PAD)

    shapes = [f'<line x1="{PAD}" y1="{y(0):.1f}" x2="{WIDTH - PAD}" y2="{y(0):.1f}" class="axis"/>']
    for number, (point, span) in enumerate(zip(series.points, spans)):
        if span is None:
            continue
        x = PAD + step * (number + 0.5)
        label = html.escape(f"{point.when or 'undated'}: {format_value(point.value, series.unit, point.qualifier, point.value_high)}")
        if point.kind == "target":
            low, high = span
            if point.qualifier in (">", ">="):
                high = top
            if point.qualifier in ("<", "<="):
                low = bottom
            shapes.append(f'<rect x="{x - step * 0.35:.1f}" y="{y(high):.1f}" width="{step * 0.7:.1f}" '
                          f'height="{max(2.0, y(low) - y(high)):.1f}" class="target"><title>target {label}</title></rect>')
        else:
            shapes.append(f'<circle cx="{x:.1f}" cy="{y(span[0]):.1f}" r="4" class="figure">'
                          f'<title>outcome {label}</title></circle>')
        shapes.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" class="when">{html.escape(point.when or "")}</text>')
    return f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img">{"".join(shapes)}</svg>'


def _rows(series: Series) -> str:
    rows = []
    for point in series.points:
        value = format_value(point.value, series.unit, point.qualifier, point.value_high)
        rows.append(f"<tr class=\"{point.kind}\"><td>{html.escape(point.when or 'undated')}</td>"
                    f"<td>{point.kind}</td><td>{html.escape(value)}</td><td>#{point.article}</td>"
                    f"<td>{html.escape(point.clause.strip())}</td></tr>")
    return "".join(rows)


def to_html(evolution: Evolution) -> str:
    """The page for ``evolve QUERY``: every series charted, its points listed, conflicts named."""
    e = html.escape
    sections = []
    for series in evolution.series:
        head = f"{series.metric} · {series.subject or 'no subject'} · {series.unit or 'no unit'}"
        sections.append(f"<section><h2>{e(head)}</h2>{_chart(series)}<table><tr><th>when</th><th>kind</th>"
                        f"<th>value</th><th>source</th><th>as told</th></tr>{_rows(series)}</table></section>")
    for conflict in evolution.conflicts:
        a, b = conflict.points
        sections.append(f"<p class=\"conflict\">conflict: {e(conflict.metric)} {e(conflict.as_of)} — "
                        f"{e(format_value(a.value, conflict.unit))} (#{a.article}) vs "
                        f"{e(format_value(b.value, conflict.unit))} (#{b.article})</p>")
    if not evolution.series:
        sections.append("<p>No figures or targets match.</p>")
    return (f"<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{e(evolution.query)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{e(evolution.query)}</h1><p class=\"note\">Targets are "
            "bands at their deadline (≈ within the 左右 tolerance, ≥ to the top, ≤ to the bottom); outcomes "
            f"are points at the period they describe.</p>{''.join(sections)}</body></html>\n")


_CSS = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
svg{width:100%;height:auto;background:#fafafa}.axis{stroke:#999}.target{fill:#c9f;opacity:.6}
.figure{fill:#07c}.when{font-size:10px;text-anchor:middle;fill:#555}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
tr.target td:nth-child(2){color:#80c}.conflict{color:#c00}.note{color:#555}"""
