"""The Báo cáo as a Word document, laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I, requires.

A4 portrait, margins inside the decree's ranges, Times New Roman 13–14; the letterhead as a borderless table;
the body justified with a first-line indent; real footnotes citing each figure's source; page numbers centred in
the top margin, none on the first page; each phụ lục a landscape section numbered on its own, its table's header
row repeated on every page. Everything is editable text and tables; charts (optional) are pictures under their
paragraph. python-docx has no API for footnotes or page fields: the few lines of WordprocessingML are written here.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from dxkpi.presentation.report import Annex, Block, Draft, annex_reference

from .common import ExportError, Report, t

FONT = "Times New Roman"
BODY = 14  # pt: the body, the title, the motto, the page numbers (the decree's 13–14)
HEAD = 13  # pt: the number (13), the tables
CAPS = 12  # pt: the bodies and the nation's name in capitals (the decree's 12–13: 12 keeps the nation on one line)
PAGE_W, PAGE_H = Mm(210), Mm(297)  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}  # decree: 20–25, 20–25, 30–35, 15–20
INDENT = Mm(12.7)  # the first-line indent: 1,27 cm
CHART_W = Mm(150)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# What may follow an element this module adds, in the schema's order (ECMA-376 Part 1, §17): Word repairs, or refuses,
# a file whose children are out of order, where LibreOffice forgives it.
PBDR_AFTER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
BORDERS_AFTER = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                 "w:tblPrChange")  # fmt: skip
CELL_MARGINS_AFTER = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
FOOTNOTE_PROPS_AFTER = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def _fonts(element, size: float | None = None) -> None:
    """Times New Roman for every script of a run properties element (rPr), at `size` points if given."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        element.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win over it
        fonts.attrib.pop(qn(theme), None)


def _setup_styles(doc, lang: str) -> None:
    """Normal: Times New Roman 14, black, 6 pt after, single spacing, in the report's language."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY)
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{t(lang, "vi-VN", "en-GB")}"/>'))
    fmt_ = normal.paragraph_format
    fmt_.space_before = Pt(0)
    fmt_.space_after = Pt(6)
    fmt_.line_spacing = 1.0
    # The document defaults too, so a table cell or a footnote never falls back to the template's Calibri.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rpr_default in defaults.iter(qn("w:rPr")):
            _fonts(rpr_default)


def _page(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_numbers(section, restart: bool) -> None:
    """A PAGE field centred in the top margin, none on the section's first page; numbering from 1 if `restart`."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rpr = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="{BODY * 2}"/></w:rPr>'
    for xml in (
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}>{rpr}<w:t>1</w:t></w:r>",
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>',
    ):
        para._p.append(parse_xml(xml))
    if restart:
        sect = section._sectPr
        old = sect.find(qn("w:pgNumType"))
        if old is not None:
            sect.remove(old)
        number = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>')
        # CT_SectPr's order: ... pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols ...
        cols = sect.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(number)
        else:
            sect.append(number)


def _para(
    container,
    text: str = "",
    *,
    size: float = BODY,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    before: float = 0,
    indent=None,
):
    para = container.add_paragraph()
    para.alignment = align
    pf = para.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    if indent is not None:
        pf.first_line_indent = indent
    if text:
        _run(para, text, size=size, bold=bold, italic=italic)
    return para


def _run(para, text: str, *, size: float = BODY, bold: bool = False, italic: bool = False):
    run = para.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _fonts(run._r.get_or_add_rPr())
    return run


def _rule(cell, width_fraction: float, cell_width) -> None:
    """A short solid line centred in the cell: a tiny paragraph with a bottom border, indented to its length."""
    para = cell.add_paragraph()
    pf = para.paragraph_format
    side = int(cell_width * (1 - width_fraction) / 2)
    pf.left_indent = side
    pf.right_indent = side
    pf.space_before = Pt(3)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(1)
    ppr = para._p.get_or_add_pPr()
    border = f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    ppr.insert_element_before(parse_xml(border), *PBDR_AFTER)
    _run(para, "", size=1)


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr.insert_element_before(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"), *BORDERS_AFTER)


def _bordered(table) -> None:
    tbl_pr = table._tbl.tblPr
    line = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr.insert_element_before(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"), *BORDERS_AFTER)


def _widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice read the cells' widths; the grid follows)."""
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width


def _letterhead(doc, draft: Draft, text_width) -> None:
    """The decree's header: the bodies top left, the nation and motto top right, the number and the place and date."""
    lh = draft.letterhead
    widths = (int(text_width * 0.38), text_width - int(text_width * 0.38))
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    margins = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("left", "right"))
    cell_margins = parse_xml(f"<w:tblCellMar {nsdecls('w')}>{margins}</w:tblCellMar>")
    table._tbl.tblPr.insert_element_before(cell_margins, *CELL_MARGINS_AFTER)
    _widths(table, widths)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], lh.parent, size=CAPS)
    _para(left, lh.issuer, size=CAPS, bold=True)
    _rule(left, 0.4, widths[0])
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], draft.nation, size=CAPS, bold=True)
    _para(right, draft.motto, size=BODY, bold=True)
    _rule(right, 0.6, widths[1])
    number, place = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraphs[0].paragraph_format.space_before = Pt(6)
    _run(number.paragraphs[0], lh.number, size=HEAD)
    place.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    place.paragraphs[0].paragraph_format.space_before = Pt(6)
    _run(place.paragraphs[0], lh.place_date, size=BODY, italic=True)


class _Footnotes:
    """The footnotes part, built as the body is written: a reference mark in the text, the note in the part."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def mark(self, para, text: str) -> None:
        """A superscript reference to a new footnote holding `text`, at the end of `para`."""
        self.notes.append(text)
        number = len(self.notes)  # ids 0 and 1 (w:id -1, 0 in Word's own files) are the separators
        para._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
                f'<w:sz w:val="{BODY * 2}"/><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        )

    def xml(self) -> bytes:
        fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        )
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr>{fonts}<w:sz w:val="20"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{fonts}<w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
            "</w:p></w:footnote>"
            for n, text in enumerate(self.notes, start=1)
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
            f"{separators}{notes}</w:footnotes>"
        ).encode()

    def attach(self, doc) -> None:
        """Add the part to the package and the settings Word expects beside it."""
        if not self.notes:
            return
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.xml(), doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
        settings = doc.settings.element
        if settings.find(qn("w:footnotePr")) is None:
            props = f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            settings.insert_element_before(parse_xml(props), *FOOTNOTE_PROPS_AFTER)


def _heading(doc, block: Block) -> None:
    if block.kind == "part":  # 'Phần I' on its own line, bold, its title in capitals below
        _para(doc, block.number, bold=True, before=12)
        _para(doc, block.title, bold=True, after=6)
        return
    para = _para(doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, before=6 if block.kind == "section" else 0,
                 indent=INDENT)  # fmt: skip
    bold = block.kind in ("section", "item")
    italic = block.kind == "sub"
    _run(para, f"{block.number} {block.title}", bold=bold, italic=italic)


def _body(doc, draft: Draft, notes: _Footnotes, pngs: list[bytes]) -> None:
    for block in draft.body:
        if block.kind in ("part", "section", "item", "sub"):
            _heading(doc, block)
        elif block.kind == "chart":
            assert block.chart is not None
            para = _para(doc, after=6)
            para.add_run().add_picture(io.BytesIO(pngs[block.chart]), width=CHART_W)
        else:
            para = _para(doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=INDENT)
            for run in block.runs:
                _run(para, run.text, italic=block.kind == "placeholder")
                if run.note:
                    notes.mark(para, run.note)


def _closing(doc, draft: Draft, text_width) -> None:
    """'Nơi nhận:' (12, bold italic) and its list (11) on the left; the signer's block on the right."""
    widths = (int(text_width * 0.45), text_width - int(text_width * 0.45))
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, widths)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    first.paragraph_format.space_before = Pt(12)
    _run(first, draft.recipients_head, size=12, bold=True, italic=True)
    for line in draft.recipients:
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    top = right.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    top.paragraph_format.space_before = Pt(12)
    _run(top, draft.signer[0], bold=True)
    for line in draft.signer[1:]:
        _para(right, line, bold=True)


def _header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def _annex(doc, draft: Draft, annex: Annex) -> None:
    """A landscape section of its own: 'Phụ lục I', its title, the reference to the report, the table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _page_numbers(section, restart=True)
    _para(doc, annex.label, bold=True)
    _para(doc, annex.title, bold=True)
    _para(doc, annex_reference(draft), italic=True, after=12)
    text_width = PAGE_H - MARGINS["left"] - MARGINS["right"]  # landscape: the page's width is A4's height
    total = sum(annex.widths)
    widths = [int(text_width * w / total) for w in annex.widths]
    table = doc.add_table(rows=1, cols=len(annex.columns))
    _bordered(table)
    _widths(table, widths)
    head = table.rows[0]
    _header_row(head)
    for cell, text in zip(head.cells, annex.columns, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, size=HEAD, bold=True)
    for values in annex.rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="true"/>'))
        for n, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[n]
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER if n == 0 else WD_ALIGN_PARAGRAPH.LEFT
            _run(cell.paragraphs[0], text, size=HEAD)
    if not annex.rows:
        _para(doc, annex.empty, italic=True, before=6)
    if annex.note:
        _para(doc, annex.note, size=HEAD, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)


def build(draft: Draft, path: Path, pngs: list[bytes] | None = None) -> None:
    """Write the .docx of `draft` to `path`; `pngs` are its charts (Draft.charts, in order)."""
    doc = Document()
    _setup_styles(doc, draft.lang)
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(section, restart=False)
    text_width = PAGE_W - MARGINS["left"] - MARGINS["right"]
    _letterhead(doc, draft, text_width)
    _para(doc, draft.kind_word, bold=True, before=18)
    _para(doc, draft.summary, bold=True)
    _rule(doc._body, 0.25, text_width)  # the short line under the summary
    _para(doc, draft.recipient, before=12, after=12)
    notes = _Footnotes()
    _body(doc, draft, notes, pngs or [])
    _closing(doc, draft, text_width)
    for annex in draft.annexes:
        _annex(doc, draft, annex)
    notes.attach(doc)
    props = doc.core_properties
    props.title = draft.summary
    props.subject = draft.title
    props.author = draft.letterhead.issuer
    props.language = t(draft.lang, "vi-VN", "en-GB")
    props.keywords = "dxkpi"
    doc.save(str(path))


def write(report: Report, path: Path, progress: bool | None = None, **options) -> None:
    """The export's entry: the draft of the report's model with `options` (as_of, kind, charts, today, plan)."""
    from dxkpi.presentation.report import UnknownPlan
    from dxkpi.presentation.report import draft as make_draft

    try:
        made = make_draft(report.metrics, report.lang, **options)
    except UnknownPlan as unknown:
        known = ", ".join(unknown.known)
        raise ExportError(
            t(
                report.lang,
                f"Không có kế hoạch '{unknown.plan_id}': có {known}",
                f"Unknown plan '{unknown.plan_id}': the plans are {known}",
            )
        ) from None
    pngs: list[bytes] = []
    if made.charts:
        from .images import render_png  # a browser only when charts are asked for

        pngs = render_png(list(made.charts), lang=report.lang, progress=progress)
    build(made, path, pngs)
