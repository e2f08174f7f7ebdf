"""The deck as a 16:9 PowerPoint file: the same slides, text as text, charts as high-resolution pictures.

Only standard python-pptx features (the default template's "Title Only" layout, text boxes, rounded
rectangles, tables, pictures, notes), so PowerPoint and LibreOffice Impress both open it. Each slide's
title is its title placeholder (what the outline view and screen readers use); its speaker notes list
the sources behind it, one a line.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dxkpi.core import fmt
from dxkpi.presentation.slides import Slide

from .common import Report, t
from .images import png_size, render_png

SLIDE_W = Inches(13.333)
SLIDE_H = Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_TOP = Inches(0.35)
TITLE_H = Inches(0.95)
BODY_TOP = Inches(2.15)
BODY_BOTTOM = SLIDE_H - Inches(0.4)
GAP = Inches(0.2)
CHART_COLUMN = Inches(4.9)  # the right-hand column that holds a pillar's charts, as in presentation mode
CHART_WIDTH_PX = 480  # laid out narrower than the PDF's, so their 16 px text reads ~12 pt in the column: 480 x 4 = 1920
CHART_SCALE = 4
TITLE_LAYOUT = 5  # "Title Only" in python-pptx's default template

INK = RGBColor(0x1B, 0x27, 0x33)
GREY = RGBColor(0x4A, 0x55, 0x62)
RULE = RGBColor(0xD0, 0xD4, 0xDA)
HEAD_BG = RGBColor(0xF2, 0xF4, 0xF7)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

LANGUAGE = {"vi": MSO_LANGUAGE_ID.VIETNAMESE, "en": MSO_LANGUAGE_ID.ENGLISH_UK}


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def _add_run(paragraph, text: str, size: float, lang: str, *, bold: bool = False, color: RGBColor = INK):
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color
    font.language_id = LANGUAGE.get(lang, MSO_LANGUAGE_ID.VIETNAMESE)
    return run


def _paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def _textbox(slide, left, top, width, height, lines, lang: str, *, anchor=MSO_ANCHOR.TOP):
    """A text box; `lines` are (text, size, bold, color) tuples, one paragraph each."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, (text, size, bold, color) in enumerate(lines):
        paragraph = _paragraph(frame, i == 0)
        _add_run(paragraph, text, size, lang, bold=bold, color=color)
        paragraph.space_after = Pt(size * 0.35)
    return box


def _title(slide, text: str, lang: str, *, top: int = TITLE_TOP, height: int = TITLE_H, size: float = 36) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, top, CONTENT_W, height
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _add_run(paragraph, text, size, lang, bold=True)


def _counts(slide, s: Slide, lang: str, top) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, CONTENT_W, Inches(0.45))
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    for i, (status, n) in enumerate(s.counts):
        if i:
            _add_run(paragraph, "     ", 16, lang)
        _add_run(paragraph, fmt.status_label(status, lang), 16, lang, bold=True, color=_rgb(fmt.status_ink(status)))
        _add_run(paragraph, f" {n}", 16, lang, bold=True)


def _heading(slide, s: Slide, lang: str) -> None:
    _title(slide, s.title, lang)
    if s.subtitle:
        _textbox(slide, MARGIN, Inches(1.3), CONTENT_W, Inches(0.4), [(s.subtitle, 18, False, GREY)], lang)
    if s.counts:
        _counts(slide, s, lang, Inches(1.65))


def _title_slide(slide, s: Slide, lang: str) -> None:
    _title(slide, s.title, lang, top=Inches(1.6), height=Inches(1.6), size=44)
    lines = [(s.subtitle, 26, False, GREY)] if s.subtitle else []
    lines += [(line, 18, i == 0, INK) for i, line in enumerate(s.lines)]
    _textbox(slide, MARGIN, Inches(3.4), CONTENT_W, Inches(3.4), lines, lang)


def _overview(slide, s: Slide, lang: str) -> None:
    _heading(slide, s, lang)
    columns = 3
    rows = max(1, math.ceil(len(s.cards) / columns))
    width = (CONTENT_W - GAP * (columns - 1)) // columns
    height = (BODY_BOTTOM - BODY_TOP - GAP * (rows - 1)) // rows
    for i, card in enumerate(s.cards):
        r, c = divmod(i, columns)
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, MARGIN + c * (width + GAP), BODY_TOP + r * (height + GAP), width, height
        )
        shape.adjustments[0] = 0.06
        shape.fill.solid()
        shape.fill.fore_color.rgb = WHITE
        shape.line.color.rgb = RULE
        shape.line.width = Pt(1)
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Inches(0.15))
        for j, (text, size, bold, color) in enumerate(
            [(card.value, 30, True, INK), (card.label, 14, False, INK), (card.meta, 11, False, GREY)]
        ):
            paragraph = _paragraph(frame, j == 0)
            paragraph.alignment = PP_ALIGN.LEFT
            paragraph.space_after = Pt(6)
            _add_run(paragraph, text, size, lang, bold=bold, color=color)


def _cell(cell, parts, lang: str, fill: RGBColor = WHITE) -> None:
    """A table cell holding paragraphs of (text, size, bold, color)."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.05)
    frame = cell.text_frame
    frame.word_wrap = True
    for i, (text, size, bold, color) in enumerate(parts):
        _add_run(_paragraph(frame, i == 0), text, size, lang, bold=bold, color=color)


def _table(slide, header: list[str], rows: list[list[list[tuple]]], left, top, widths: list[int], lang: str) -> None:
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, sum(widths), Inches(0.4) * (len(rows) + 1))
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for c, width in enumerate(widths):
        table.columns[c].width = Emu(width)
    for c, text in enumerate(header):
        _cell(table.cell(0, c), [(text, 12, True, INK)], lang, HEAD_BG)
    for r, row in enumerate(rows, start=1):
        table.rows[r].height = Inches(0.4)
        for c, parts in enumerate(row):
            _cell(table.cell(r, c), parts, lang)


def _status(status: str, lang: str, size: float) -> tuple:
    return (fmt.status_label(status, lang), size, True, _rgb(fmt.status_ink(status)))


def _charts(slide, pngs: list[bytes]) -> None:
    """The charts stacked in the right-hand column, each as wide as the column unless they would not fit."""
    left = SLIDE_W - MARGIN - CHART_COLUMN
    sizes = [png_size(png) for png in pngs]
    heights = [CHART_COLUMN * h / w for w, h in sizes]
    room = BODY_BOTTOM - BODY_TOP - GAP * (len(pngs) - 1)
    shrink = min(1.0, room / sum(heights))
    top = int(BODY_TOP)
    for png, height in zip(pngs, heights, strict=True):
        width = int(CHART_COLUMN * shrink)
        slide.shapes.add_picture(io.BytesIO(png), left + (CHART_COLUMN - width), top, width, int(height * shrink))
        top += int(height * shrink) + GAP


def _pillar(slide, s: Slide, pngs: list[bytes], lang: str) -> None:
    _heading(slide, s, lang)
    width = CONTENT_W - (CHART_COLUMN + GAP if pngs else 0)
    if s.rows:
        header = [t(lang, "Trạng thái", "Status"), fmt.pick(lang, s.item_word), t(lang, "Số liệu", "Figures")]
        rows = []
        for r in s.rows:
            name = [(r.name, 13, True, INK)] + ([(r.reason, 10.5, False, GREY)] if r.reason else [])
            target = t(lang, "Mục tiêu ", "Target ") + r.target if r.target else ""
            detail = [(x, 11, False, INK) for x in (r.value, target) if x]
            rows.append([[_status(r.status, lang, 11)], name, detail or [("—", 11, False, GREY)]])
        widths = [int(width * f) for f in (0.24, 0.5, 0.26)]
        _table(slide, header, rows, MARGIN, BODY_TOP, widths, lang)
    if s.more:
        _textbox(slide, MARGIN, BODY_BOTTOM - Inches(0.1), width, Inches(0.4), [(s.more, 11, False, GREY)], lang)
    if pngs:
        _charts(slide, pngs)


def _milestones(slide, s: Slide, lang: str) -> None:
    _heading(slide, s, lang)
    if s.rows:
        size = 14 if len(s.rows) <= 8 else 12
        header = [t(lang, "Trạng thái", "Status"), t(lang, "Cột mốc", "Milestone"), t(lang, "Thời điểm", "When")]
        rows = [
            [[_status(r.status, lang, size)], [(r.name, size, True, INK)], [(r.value, size, False, INK)]]
            for r in s.rows
        ]
        widths = [int(CONTENT_W * f) for f in (0.2, 0.64, 0.16)]
        _table(slide, header, rows, MARGIN, BODY_TOP, widths, lang)


def fitting_size(
    lines: list[str], width_in: float, height_in: float, largest: float = 18, smallest: float = 8
) -> float:
    """The largest font size (pt) at which the lines, wrapped, fit the box: an estimate at half an em a character."""
    size = largest
    while size > smallest:
        per_line = max(1, int(width_in * 72 / (size * 0.52)))
        rows = sum(max(1, math.ceil(len(line) / per_line)) for line in lines)
        if rows * size * 1.2 / 72 + len(lines) * size * 0.35 / 72 <= height_in:
            return size
        size -= 0.5
    return smallest


def _sources(slide, s: Slide, lang: str) -> None:
    _heading(slide, s, lang)
    top = Inches(1.9)
    half = (CONTENT_W - GAP) // 2
    middle = math.ceil(len(s.lines) / 2)
    columns = [s.lines[:middle], s.lines[middle:]]
    height = BODY_BOTTOM - top
    size = min(fitting_size(list(col), half / 914400, height / 914400) for col in columns if col) if s.lines else 14
    for i, col in enumerate(columns):
        if col:
            _textbox(slide, MARGIN + i * (half + GAP), top, half, height, [(x, size, False, INK) for x in col], lang)


def build(report: Report, path: Path, pngs: list[bytes]) -> None:
    """Write the deck to `path` as .pptx, given its charts' PNGs in deck order."""
    lang = report.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    props = prs.core_properties
    props.title = report.deck[0].title
    props.subject = report.deck[0].lines[0] if report.deck[0].lines else ""
    props.author = report.metrics.meta.region
    props.language = fmt.t(lang, "vi-VN", "en-GB")
    images = iter(pngs)
    layout = prs.slide_layouts[TITLE_LAYOUT]
    for s in report.deck:
        slide = prs.slides.add_slide(layout)
        if s.kind == "title":
            _title_slide(slide, s, lang)
        elif s.kind == "overview":
            _overview(slide, s, lang)
        elif s.kind in ("pillar", "final"):
            _pillar(slide, s, [next(images) for _ in s.charts], lang)
        elif s.kind == "milestones":
            _milestones(slide, s, lang)
        else:
            _sources(slide, s, lang)
        if s.notes or s.full_text:
            slide.notes_slide.notes_text_frame.text = "\n".join(s.speaker_notes(lang))
    prs.save(str(path))


def write(report: Report, path: Path, progress: bool | None = None) -> None:
    """Render the deck's charts in one browser session, then write the .pptx."""
    figures = [chart.figure for slide in report.deck for chart in slide.charts]
    pngs = render_png(figures, width=CHART_WIDTH_PX, scale=CHART_SCALE, lang=report.lang, progress=progress)
    build(report, path, pngs)
