"""The deck as an A4 landscape PDF report: title page, overview, the four pillars, milestones, sources.

Text is real text in DejaVu Sans, embedded (subset) so Vietnamese reads the same on any machine and
can be searched and copied; charts are the high-resolution PNGs from images.py.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dxkpi.core import fmt
from dxkpi.presentation.slides import Slide

from .common import Report, t
from .images import png_size, render_png

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PAGE = landscape(A4)
MARGIN = 15 * mm
FRAME_W = PAGE[0] - 2 * MARGIN
FRAME_H = PAGE[1] - 2 * MARGIN - 6 * mm  # room for the footer
CHART_MAX_H = 56 * mm

INK = colors.HexColor("#1b2733")
GREY = colors.HexColor("#4a5562")
RULE = colors.HexColor("#d0d4da")
HEAD_BG = colors.HexColor("#f2f4f7")


def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) with reportlab, once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _style(
    name: str, size: float, *, bold: bool = False, color=INK, leading: float | None = None, **kw
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.25,
        textColor=color,
        **kw,
    )


STYLES = {
    "cover": _style("cover", 30, bold=True, leading=36, spaceAfter=8),
    "cover_sub": _style("cover_sub", 18, color=GREY, spaceAfter=18),
    "cover_line": _style("cover_line", 13, spaceAfter=6),
    "h1": _style("h1", 22, bold=True, spaceAfter=2),
    "sub": _style("sub", 12, color=GREY, spaceAfter=6),
    "counts": _style("counts", 11, leading=16, spaceAfter=8),
    "value": _style("value", 20, bold=True, leading=24),
    "label": _style("label", 10, leading=12.5, spaceBefore=3),
    "meta": _style("meta", 8.5, color=GREY, leading=10.5, spaceBefore=3),
    "cell": _style("cell", 9, leading=11.5),
    "cell_bold": _style("cell_bold", 9, bold=True, leading=11.5),
    "status": _style("status", 9, bold=True, leading=11.5),
    "note": _style("note", 9, color=GREY, spaceBefore=4),
    "source": _style("source", 9, leading=12, spaceAfter=4, leftIndent=10, firstLineIndent=-10),
}


def _p(text: str, style: str, color: str | None = None) -> Paragraph:
    body = escape(text)
    if color:
        body = f'<font color="{color}">{body}</font>'
    return Paragraph(body, STYLES[style])


def _status(status: str, lang: str) -> Paragraph:
    return _p(fmt.status_label(status, lang), "status", fmt.status_ink(status))


def _counts(slide: Slide, lang: str) -> Paragraph | None:
    if not slide.counts:
        return None
    chips = [
        f'<font color="{fmt.status_ink(s)}" name="{FONT_BOLD}">{escape(fmt.status_label(s, lang))}</font> <b>{n}</b>'
        for s, n in slide.counts
    ]
    return Paragraph("&nbsp;&nbsp;&nbsp;&nbsp; ".join(chips), STYLES["counts"])


def _heading(slide: Slide, lang: str) -> list[Flowable]:
    parts: list[Flowable] = [_p(slide.title, "h1")]
    if slide.subtitle:
        parts.append(_p(slide.subtitle, "sub"))
    counts = _counts(slide, lang)
    if counts:
        parts.append(counts)
    return parts


def _table(header: list[str], rows: list[list[Flowable]], widths: list[float]) -> Table:
    head = [_p(h, "cell_bold") for h in header]
    table = Table([head, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # the default Helvetica would be referenced, not embedded
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _fractions(*parts: float) -> list[float]:
    total = sum(parts)
    return [FRAME_W * p / total for p in parts]


def _title_page(slide: Slide) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(1, 40 * mm), _p(slide.title, "cover")]
    if slide.subtitle:
        parts.append(_p(slide.subtitle, "cover_sub"))
    parts += [_p(line, "cover_line") for line in slide.lines]
    return parts


def _overview(slide: Slide, lang: str) -> list[Flowable]:
    parts = _heading(slide, lang)
    if slide.cards:
        cells = [[_p(c.value, "value"), _p(c.label, "label"), _p(c.meta, "meta")] for c in slide.cards]
        columns = 3
        grid: list[list[Any]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        grid[-1] += [""] * (columns - len(grid[-1]))
        gap = 4 * mm
        table = Table(grid, colWidths=[FRAME_W / columns] * columns, hAlign="LEFT")
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8 + gap),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ]
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell:
                    style.append(("BOX", (c, r), (c, r), 0.75, RULE))
        table.setStyle(TableStyle(style))
        parts += [Spacer(1, 3 * mm), table]
    return parts


def _chart(png: bytes) -> Image:
    w, h = png_size(png)
    width = FRAME_W
    height = width * h / w
    if height > CHART_MAX_H:
        width, height = width * CHART_MAX_H / height, CHART_MAX_H
    return Image(io.BytesIO(png), width=width, height=height, hAlign="LEFT")


def _sources_line(slide: Slide, lang: str) -> Paragraph | None:
    ids = [line.split("]")[0].lstrip("[") for line in slide.notes[1:]]
    if not ids:
        return None
    return _p(t(lang, "Nguồn: ", "Sources: ") + ", ".join(ids), "note")


def _pillar(slide: Slide, pngs: list[bytes], lang: str) -> list[Flowable]:
    head = _heading(slide, lang)
    charts: list[Flowable] = []
    for png in pngs:
        charts += [_chart(png), Spacer(1, 2 * mm)]
    parts: list[Flowable] = [KeepTogether(head + charts[:1])] + charts[1:]
    # A report has room for every indicator, those with no data yet included; a slide shows only `rows`.
    shown = slide.all_rows or slide.rows
    if shown:
        header = [
            t(lang, "Trạng thái", "Status"),
            fmt.pick(lang, slide.item_word),
            t(lang, "Giá trị", "Value"),
            t(lang, "Mục tiêu", "Target"),
            t(lang, "Lý do", "Reason"),
        ]
        rows = [
            [
                _status(r.status, lang),
                _p(r.name, "cell_bold"),
                _p(r.value, "cell"),
                _p(r.target, "cell"),
                _p(r.reason, "cell"),
            ]
            for r in shown
        ]
        parts += [Spacer(1, 2 * mm), _table(header, rows, _fractions(22, 27, 14, 12, 25))]
    if slide.more and not slide.all_rows:
        parts.append(_p(slide.more, "note"))
    source = _sources_line(slide, lang)
    if source:
        parts.append(source)
    return parts


def _milestones(slide: Slide, lang: str) -> list[Flowable]:
    parts = _heading(slide, lang)
    if slide.rows:
        header = [t(lang, "Trạng thái", "Status"), t(lang, "Cột mốc", "Milestone"), t(lang, "Thời điểm", "When")]
        rows = [[_status(r.status, lang), _p(r.name, "cell_bold"), _p(r.value, "cell")] for r in slide.rows]
        parts.append(_table(header, rows, _fractions(18, 64, 18)))
    source = _sources_line(slide, lang)
    if source:
        parts.append(source)
    return parts


def _sources(slide: Slide, lang: str) -> list[Flowable]:
    # A page has room for every citation in full (title, date, address): the slide's notes hold them.
    return _heading(slide, lang) + [_p(line, "source") for line in (slide.notes[1:] or slide.lines)]


def story(report: Report, pngs: list[bytes]) -> list[Flowable]:
    """The report's flowables, one section a slide, each starting on a new page."""
    lang = report.lang
    images = iter(pngs)
    out: list[Flowable] = []
    for slide in report.deck:
        if out:
            out.append(PageBreak())
        if slide.kind == "title":
            out += _title_page(slide)
        elif slide.kind == "overview":
            out += _overview(slide, lang)
        elif slide.kind in ("pillar", "final"):
            out += _pillar(slide, [next(images) for _ in slide.charts], lang)
        elif slide.kind == "milestones":
            out += _milestones(slide, lang)
        else:
            out += _sources(slide, lang)
    return out


def build(report: Report, path: Path, pngs: list[bytes]) -> None:
    """Write the PDF to `path` from the report and its charts' PNGs (in deck order)."""
    register_fonts()
    deck = report.deck
    title = deck[0].title
    footer = f"{title} · {deck[0].subtitle}" if deck[0].subtitle else title
    page_word = t(report.lang, "Trang", "Page")

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN / 2, footer)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"{page_word} {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=report.metrics.meta.region,
        subject=deck[0].lines[0] if deck[0].lines else "",
        creator="dxkpi",
        lang=report.lang,
        displayDocTitle=True,
        invariant=True,
        initialFontName=FONT,
    )
    frame = Frame(MARGIN, MARGIN + 6 * mm, FRAME_W, FRAME_H, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story(report, pngs))


def write(report: Report, path: Path, progress: bool | None = None) -> None:
    """Render the deck's charts in one browser session, then write the PDF."""
    figures = [chart.figure for slide in report.deck for chart in slide.charts]
    build(report, path, render_png(figures, lang=report.lang, progress=progress))
