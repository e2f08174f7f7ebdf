"""Small HTML pieces for the pages (cards, badges, tables). Pure: every text from the file is escaped."""

from __future__ import annotations

from dxkpi.core import fmt
from dxkpi.core import model as m

# HTML's own characters, and what Markdown (and Streamlit's $…$ maths) would act on, since the slides pass this
# HTML through Streamlit's Markdown renderer (the pages show it with st.html, where an entity is just its
# character): each becomes a numeric entity, in one pass.
# Line breaks too: a blank line would end the HTML block and let Markdown read the rest. The colon
# because Streamlit turns :smile:, :material/x: and :red[x] into emoji, icons and colours.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`!#$~|\\{}+-=:\n\r"})


def esc(text: object) -> str:
    """Text from metrics.yaml made inert in HTML and Markdown."""
    return str(text).translate(_INERT)


def title(text: str) -> str:
    """A page's title, drawn as Streamlit draws st.title."""
    return f'<h1 class="dx-title">{esc(text)}</h1>'


def heading(text: str) -> str:
    """A section's heading, drawn as Streamlit draws st.subheader."""
    return f'<h3 class="dx-h3">{esc(text)}</h3>'


def badge(status: str, lang: str) -> str:
    """A status as icon, word and colour."""
    return (
        f'<span class="dx-badge" style="border-color:{fmt.status_color(status)};color:{fmt.status_ink(status)}">'
        f"{esc(fmt.status_label(status, lang))}</span>"
    )


def other_wordings(ind: m.Indicator, obs: m.Observation, sources: dict[str, m.Source], lang: str) -> list[str]:
    """Plain text, one line per other source of the same figure: 'vietnamnet.vn ghi: gần 96%'."""
    lines = []
    for cite in obs.also:
        source = sources.get(cite.source)
        wording = fmt.qualified(obs.value, ind, cite.qualifier, lang, obs.out_of)
        who = fmt.source_name(source, cite.source)
        lines.append(fmt.t(lang, f"{who} ghi: {wording}", f"{who} says: {wording}"))
    return lines


def national_line(ind: m.Indicator, series: m.NationalSeries, sources: dict[str, m.Source], lang: str) -> str:
    """Plain text: 'Cả nước (tham khảo): ước 14,02% năm 2025 · Nguồn: vneconomy.vn', or the series has no figure."""
    label = fmt.national_label(series, lang)
    latest = series.latest_figure()
    if latest is None:
        return f"{label}: {fmt.t(lang, 'chưa có số liệu', 'no data')}"
    source = fmt.source_name(sources.get(latest.source), latest.source)
    when = fmt.published(latest, lang)
    when = f" · {when}" if when else ""
    return f"{label}: {fmt.figure_at(latest, ind, lang)}{when} · {fmt.t(lang, 'Nguồn', 'Source')}: {source}"


def claims(ind: m.Indicator, obs: m.Observation, sources: dict[str, m.Source], lang: str) -> list[str]:
    """Plain text, one line per other source's different number for the figure's measure and period, with why it
    is not charted: the claims side by side with the charted figure."""
    return [fmt.claim(c, ind, sources, lang) for c in obs.claims]


def figure_card(ind: m.Indicator, obs: m.Observation, source: m.Source | None, lang: str) -> str:
    """A key figure: value with the source's qualifier, what it is, its period and source."""
    value = fmt.figure(obs, ind, lang)
    words = fmt.qualifier_words(obs.qualifier, lang)
    words_html = f' <span class="dx-q">({esc(words)})</span>' if words else ""
    return (
        '<div class="dx-card">'
        f'<div class="dx-value">{esc(value)}</div>'
        f'<div class="dx-name">{esc(fmt.name(ind, lang))}</div>'
        f'<div class="dx-meta">{esc(fmt.period_published(obs, lang))}{words_html} · '
        f"{esc(fmt.source_name(source, obs.source))}</div>"
        "</div>"
    )


def count_card(status: str, count: int, lang: str, of: int | None = None) -> str:
    """A status and how many have it; '7/28' with `of`."""
    color = fmt.status_color(status)
    shown = f"{count}/{of}" if of is not None else str(count)
    return (
        f'<div class="dx-card dx-count" style="border-top:6px solid {color}">'
        f'<div class="dx-value">{shown}</div>'
        f'<div class="dx-name">{esc(fmt.status_label(status, lang))}</div>'
        "</div>"
    )


def grid(cards: list[str], columns: int) -> str:
    return f'<div class="dx-grid" style="grid-template-columns:repeat({columns},1fr)">{"".join(cards)}</div>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table; header and cells are HTML already (escape text with esc first)."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    table = f'<table class="dx-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return f'<div class="dx-scroll">{table}</div>'  # a narrow window scrolls the table, not the page


# Every text at WCAG AA (4.5:1) or more, on a projector too. Streamlit draws st.caption in the text colour at 60 %
# opacity, #767d85 on white, 4.16:1; the captions are our text, so they take the meta grey #4a5562 (7.6:1) opaque.
CSS = """
<style>
.dx-title{font-size:2.75rem;font-weight:700;line-height:1.2;margin:0;padding:1.25rem 0 1rem 0}
.dx-h3{font-size:1.75rem;font-weight:600;line-height:1.2;letter-spacing:-0.005em;margin:1rem 0 0 0;
  padding:.75rem 0 1rem 0}
ul.dx-meta{font-size:1rem;margin:6px 0 1rem 0;padding-left:0}
ul.dx-meta li{margin:.2em 0 .2em 1.15em;padding-left:.3em}
.dx-grid{display:grid;gap:14px;margin:6px 0 18px 0}
.dx-lead{font-size:1.15rem;font-weight:600;color:#1b2733;margin:4px 0 10px 0}
.dx-card{border:1px solid #d0d4da;border-radius:10px;padding:14px 16px;background:#fff}
.dx-value{font-size:2.1rem;font-weight:700;line-height:1.15;color:#1b2733}
.dx-name{font-size:1.02rem;margin-top:4px;color:#1b2733}
.dx-meta{font-size:.9rem;color:#4a5562;margin-top:6px}
.dx-facts>div+div{margin-top:10px}
.dx-q{color:#4a5562}
.dx-count .dx-value{font-size:2.4rem}
.dx-badge{display:inline-block;border:2px solid;border-radius:999px;padding:2px 12px;font-weight:600;
  background:#fff;white-space:nowrap}
.dx-table{border-collapse:collapse;width:100%;font-size:1rem}
.dx-table th,.dx-table td{border:1px solid rgba(27,39,51,.1);padding:8px 10px;text-align:left;vertical-align:top}
.dx-table th{background:#f2f4f7}
.dx-num{text-align:right;font-variant-numeric:tabular-nums}
.dx-scroll{overflow-x:auto;max-width:100%}
.dx-table th .dx-badge{white-space:normal}
.dx-index .dx-scroll{max-height:26rem;overflow-y:auto;border:1px solid #d0d4da;border-radius:8px}
.dx-index .dx-table th{position:sticky;top:0;z-index:1}
div[data-testid="stCaptionContainer"]{color:#4a5562;opacity:1}
</style>
"""


def slide_html(slide, lang: str) -> str:
    """A deck slide's text part (everything but its charts) as escaped HTML, sized for a 16:9 screen."""
    parts = [
        f'<div class="dx-slide dx-kind-{esc(slide.kind)}">',
        f'<h1 class="dx-slide-title dx-clamp2">{esc(slide.title)}</h1>',
    ]
    if slide.subtitle:
        parts.append(f'<div class="dx-slide-sub dx-clamp2">{esc(slide.subtitle)}</div>')
    if slide.counts:
        chips = "".join(f"{badge(status, lang)} <b>{n}</b> &nbsp; " for status, n in slide.counts)
        parts.append(f'<div class="dx-slide-counts">{chips}</div>')
    if slide.cards:
        cards = "".join(
            f'<div class="dx-card"><div class="dx-value">{esc(c.value)}</div>'
            f'<div class="dx-name dx-clamp3">{esc(c.label)}</div>'
            f'<div class="dx-meta dx-clamp2">{esc(c.meta)}</div></div>'
            for c in slide.cards
        )
        parts.append(f'<div class="dx-grid dx-slide-cards">{cards}</div>')
    if slide.rows:
        rows = []
        for r in slide.rows:
            detail = " · ".join(x for x in (r.value, r.target) if x)
            reason = f'<div class="dx-meta dx-clamp1">{esc(r.reason)}</div>' if r.reason else ""
            rows.append(
                f'<tr><td>{badge(r.status, lang)}</td><td><b class="dx-clamp2">{esc(r.name)}</b>{reason}</td>'
                f'<td class="dx-meta"><div class="dx-clamp3">{esc(detail)}</div></td></tr>'
            )
        parts.append(f'<table class="dx-table dx-slide-table"><tbody>{"".join(rows)}</tbody></table>')
    if slide.more:
        parts.append(f'<div class="dx-meta dx-clamp1">{esc(slide.more)}</div>')
    if slide.lines:
        cls, clamp = ("dx-slide-lines dx-two-col", 4) if slide.kind == "sources" else ("dx-slide-lines", 3)
        lines = "".join(f'<p class="dx-clamp{clamp}">{esc(line)}</p>' for line in slide.lines)
        parts.append(f'<div class="{cls}">{lines}</div>')
    parts.append("</div>")
    return "".join(parts)


SLIDE_CSS = """
<style>
.dx-slide{overflow-wrap:anywhere}
.dx-clamp1,.dx-clamp2,.dx-clamp3,.dx-clamp4{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
.dx-clamp1{-webkit-line-clamp:1}.dx-clamp2{-webkit-line-clamp:2}.dx-clamp3{-webkit-line-clamp:3}
.dx-clamp4{-webkit-line-clamp:4}
.dx-slide-title{font-size:clamp(28px,5.2vh,64px);margin:0 0 .2em 0;padding:0;line-height:1.1}
.dx-slide-title-only{font-size:clamp(36px,7vh,88px)}
.dx-slide-sub{font-size:clamp(16px,2.6vh,32px);color:#4a5562;margin-bottom:.6em}
.dx-slide-counts{font-size:clamp(14px,2.1vh,26px);margin:.3em 0 .8em 0;line-height:2}
.dx-slide-cards{grid-template-columns:repeat(3,1fr);margin-bottom:0}
.dx-slide .dx-value{font-size:clamp(24px,5vh,60px)}
.dx-slide .dx-name{font-size:clamp(14px,2.1vh,26px)}
.dx-slide .dx-meta{font-size:clamp(12px,1.7vh,20px)}
.dx-slide-table td{font-size:clamp(13px,1.9vh,22px);padding:.35em .5em;line-height:1.3}
.dx-slide-lines p{font-size:clamp(15px,2.3vh,28px);margin:.3em 0}
.dx-kind-sources .dx-slide-lines p{font-size:clamp(13px,2vh,24px)}
.dx-two-col{column-count:2;column-gap:2em}
.dx-kind-title .dx-slide-lines p:first-child{font-weight:600}
</style>
"""
