"""Small HTML pieces for the pages (cards, badges, tables). Pure: every text from the file is escaped."""

from __future__ import annotations

from . import fmt
from . import model as m

# HTML's own characters, and what Markdown (and Streamlit's $…$ maths) would act on, since Streamlit
# passes this HTML through its Markdown renderer: each becomes a numeric entity, in one pass.
# Line breaks too: a blank line would end the HTML block and let Markdown read the rest.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`!#$~|\\{}+-=\n\r"})


def esc(text: object) -> str:
    """Text from metrics.yaml made inert in HTML and Markdown."""
    return str(text).translate(_INERT)


def badge(status: str, lang: str) -> str:
    """A status as icon, word and colour."""
    color = fmt.status_color(status)
    return (
        f'<span class="dx-badge" style="border-color:{color};color:{color}">'
        f"{esc(fmt.status_label(status, lang))}</span>"
    )


def source_name(source: m.Source | None, source_id: str) -> str:
    if source is None:
        return source_id
    date = f", {fmt.date(source.date)}" if source.date else ""
    return f"{source.publisher}{date}"


def figure_card(ind: m.Indicator, obs: m.Observation, source: m.Source | None, lang: str) -> str:
    """A key figure: value with the source's qualifier, what it is, its period and source."""
    value = fmt.qualified(obs.value, ind, obs.qualifier, lang)
    words = fmt.qualifier_words(obs.qualifier, lang)
    words_html = f' <span class="dx-q">({esc(words)})</span>' if words else ""
    return (
        '<div class="dx-card">'
        f'<div class="dx-value">{esc(value)}</div>'
        f'<div class="dx-name">{esc(fmt.name(ind, lang))}</div>'
        f'<div class="dx-meta">{esc(fmt.period(obs.period, lang))}{words_html} · '
        f"{esc(source_name(source, obs.source))}</div>"
        "</div>"
    )


def count_card(status: str, count: int, lang: str) -> str:
    color = fmt.status_color(status)
    return (
        f'<div class="dx-card dx-count" style="border-top:6px solid {color}">'
        f'<div class="dx-value">{count}</div>'
        f'<div class="dx-name">{esc(fmt.status_label(status, lang))}</div>'
        "</div>"
    )


def grid(cards: list[str], columns: int) -> str:
    return f'<div class="dx-grid" style="grid-template-columns:repeat({columns},1fr)">{"".join(cards)}</div>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table; header and cells are HTML already (escape text with esc first)."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="dx-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


CSS = """
<style>
.dx-grid{display:grid;gap:14px;margin:6px 0 18px 0}
.dx-card{border:1px solid #d0d4da;border-radius:10px;padding:14px 16px;background:#fff}
.dx-value{font-size:2.1rem;font-weight:700;line-height:1.15;color:#1b2733}
.dx-name{font-size:1.02rem;margin-top:4px;color:#1b2733}
.dx-meta{font-size:.9rem;color:#4a5562;margin-top:6px}
.dx-q{font-style:italic}
.dx-count .dx-value{font-size:2.4rem}
.dx-badge{display:inline-block;border:2px solid;border-radius:999px;padding:2px 12px;font-weight:600;
  background:#fff;white-space:nowrap}
.dx-table{border-collapse:collapse;width:100%;font-size:1rem}
.dx-table th,.dx-table td{border-bottom:1px solid #d0d4da;padding:8px 10px;text-align:left;vertical-align:top}
.dx-table th{background:#f2f4f7}
.dx-num{text-align:right;font-variant-numeric:tabular-nums}
</style>
"""
