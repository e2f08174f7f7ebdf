"""What every page shares: the language switch and the problem banner."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import Path

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core.fmt import t
from dxkpi.core.model import Metrics
from dxkpi.presentation import echarts, markdown
from dxkpi.presentation import html as h
from dxkpi.reading.regions import Region, by_id, check_links

from . import data

LANGS = {"vi": "Tiếng Việt", "en": "English"}


@dataclasses.dataclass(frozen=True)
class Loaded(data.Snapshot):
    """A snapshot with a good model, which is what every page shows."""

    metrics: Metrics


def loaded() -> Loaded:
    """The current snapshot for a page: app.main runs a page only once a good model exists (kept from then on)."""
    snap = current()
    if snap.metrics is None:
        raise RuntimeError("a page ran before any good metrics file was loaded")
    return Loaded(**{f.name: getattr(snap, f.name) for f in dataclasses.fields(snap)})


def selected_region() -> Region:
    """The region the reader chose (the default one until the sidebar switch says otherwise)."""
    return by_id(data.regions(), st.session_state.get("region"))


def current() -> data.Snapshot:
    """The snapshot of the chosen region's file: what every page shows."""
    return data.current(selected_region().path)


def region_name(snap: data.Snapshot | None, region: Region, lang: str) -> str:
    """A region's name as its file writes it (meta.region, or region_en in English); its id if it has no model."""
    if snap is None or snap.metrics is None:
        return region.id
    meta = snap.metrics.meta
    return fmt.fallback(lang, meta.region, meta.region_en)


def region_label(region: Region, lang: str, regions: list[Region]) -> str:
    """'Tây Ninh · từ 01/07/2025', 'Long An · đến 30/06/2025': the name, and the dates a merger gives it."""
    snap = data.current(region.path)
    name = region_name(snap, region, lang)
    meta = snap.metrics.meta if snap.metrics else None
    if meta is not None and meta.formed is not None:
        return name + t(lang, f" · từ {fmt.date(meta.formed)}", f" · from {fmt.date(meta.formed)}")
    for other in regions:
        later = data.current(other.path).metrics
        if later is not None and region.id in later.meta.predecessors and later.meta.formed is not None:
            until = fmt.date(later.meta.formed - dt.timedelta(days=1))
            return name + t(lang, f" · đến {until}", f" · until {until}")
    return name


_labels: dict[Hashable, dict[str, str]] = {}


def region_labels(regions: list[Region], lang: str) -> dict[str, str]:
    """Each region's region_label by id; worked out again only when a region file changes."""
    key = (data.regions_state(regions), lang)
    # Both languages, and the versions that pages not yet rerun after a save may still ask for.
    return data.remembered(_labels, key, lambda: {r.id: region_label(r, lang, regions) for r in regions}, keep=8)


REGION_LABEL = "Địa phương / Region"
PILLS_MAX = 6  # regions a switch shows as pills; more get a drop-down


def region(lang: str) -> Region:
    """The sidebar's region switch, shown when there is more than one; kept in the URL (?region=tay-ninh)."""
    regions = data.regions()
    ids = [r.id for r in regions]
    if len(regions) == 1:
        if "region" in st.query_params:
            del st.query_params["region"]
        return regions[0]
    if st.session_state.get("region") not in ids:
        wanted = st.query_params.get("region")
        st.session_state["region"] = wanted if wanted in ids else ids[0]
    labels = region_labels(regions, lang)
    escaped = {i: markdown.literal(label) for i, label in labels.items()}
    shown = {i: label for i, label in escaped.items() if label is not None}
    # Pills, where they can show every name as written (their options are Markdown): a drop-down's script is the
    # biggest the overview would load, 0.05-0.12 s of its cold load. A long list, or a name whose Markdown would
    # change it, gets the drop-down, which shows text as typed.
    chosen: str | None
    if len(regions) <= PILLS_MAX and len(shown) == len(escaped):
        chosen = st.sidebar.pills(REGION_LABEL, ids, format_func=shown.__getitem__, key="region", required=True)
    else:
        chosen = st.sidebar.selectbox(REGION_LABEL, ids, format_func=labels.__getitem__, key="region")
    chosen = chosen if chosen in ids else ids[0]
    if chosen == ids[0]:
        if "region" in st.query_params:
            del st.query_params["region"]
    elif st.query_params.get("region") != chosen:
        st.query_params["region"] = chosen
    return by_id(regions, chosen)


def language(default: str = "vi") -> str:
    """The reader's language from the sidebar switch; kept in the URL (?lang=en) so links keep it."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", default)
        st.session_state["lang"] = wanted if wanted in LANGS else default
    # A segmented control, whose script the region's pills share (a radio's would be one more to load).
    lang = st.sidebar.segmented_control(
        "Ngôn ngữ / Language", list(LANGS), format_func=LANGS.__getitem__, key="lang", required=True
    )
    lang = lang if lang in LANGS else default
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def file_shown(path: Path) -> str:
    """A metrics file as the reader finds it: relative to the project folder (data/regions/tay-ninh.yaml)."""
    try:
        return data.resolved(path).relative_to(data.resolved(data.metrics_path()).parent).as_posix()
    except ValueError:
        return str(path)


def problem_banner(snap: data.Snapshot, lang: str) -> None:
    """The file's problems, worded as `python -m dxkpi validate` words them, above the last good data."""
    if not snap.problems:
        return
    n = len(snap.errors)  # the warnings beside them are listed, not counted
    name = snap.path.name
    missing = any(p.code == "file_missing" for p in snap.problems)
    if missing:
        where = snap.path
        head = t(lang, f"Không tìm thấy tệp {name} (cần có tại {where}).", f"{name} is missing (expected at {where}).")
        if snap.metrics is not None:
            at = snap.read_at
            head += " " + t(
                lang,
                f"Bảng dưới đây vẫn là số liệu hợp lệ gần nhất (đọc lúc {at}).",
                f"Below is still the last valid data (read at {at}).",
            )
    elif snap.metrics is not None:
        at = snap.read_at
        head = t(
            lang,
            f"Tệp {name} vừa lưu có {n} lỗi. Bảng dưới đây vẫn là số liệu hợp lệ gần nhất (đọc lúc {at}).",
            f"The saved {name} has {n} problem(s). Below is still the last valid data (read at {at}).",
        )
    else:
        head = t(
            lang,
            f"Chưa hiển thị được số liệu: tệp {name} có {n} lỗi.",
            f"Nothing to show yet: {name} has {n} problem(s).",
        )
    problem_box(snap, head, "problems", lang)


def problem_box(snap: data.Snapshot, head: str, key: str, lang: str, warn: bool = False) -> None:
    """The one problem banner: a sentence, the file's problems as `validate` words them, and how to check them."""
    with st.container(border=True, key=key):
        (st.warning if warn else st.error)(h.esc(head), icon="⚠️")  # Markdown: a file name is shown as written
        # st.code shows the lines exactly as written: no Markdown, so nothing in the file can render.
        st.code("\n".join(p.render(lang) for p in snap.problems), language=None, wrap_lines=True)
        st.caption(
            t(
                lang,
                "Sửa từng dòng theo hướng dẫn rồi lưu lại; trang tự cập nhật. "
                f"Kiểm tra tại máy: python -m dxkpi validate {file_shown(snap.path)}",
                "Fix each line as it says and save; the page updates by itself. "
                f"Check from a terminal: python -m dxkpi validate {file_shown(snap.path)} --lang en",
            )
        )


_links: dict[Hashable, list] = {}


def link_problems(region: Region) -> list:
    """Problems between the region files that concern this region's file (an unknown predecessor, an id used twice)."""
    regions = data.regions()

    def check() -> list:
        return check_links(regions, {r.path: data.current(r.path).metrics for r in regions}, file_shown)

    # Checked again only when a region file changes, not on every page's every run.
    problems = data.remembered(_links, data.regions_state(regions), check)
    return [p for p in problems if p.file == file_shown(region.path)]


def link_banner(region: Region, lang: str) -> None:
    """The links between region files that are wrong, worded as `python -m dxkpi validate` words them."""
    problems = link_problems(region)
    if not problems:
        return
    with st.container(border=True, key="links"):
        st.error(
            t(
                lang,
                "Liên kết giữa các tệp địa phương có lỗi: trang So sánh và Nền từ hai tỉnh cũ có thể thiếu địa phương.",
                "The links between region files have problems: the Compare and Baseline pages may miss a region.",
            ),
            icon="⚠️",
        )
        st.code("\n".join(p.render(lang) for p in problems), language=None, wrap_lines=True)


def warning_banner(snap: data.Snapshot, lang: str) -> None:
    """Warnings about the file shown, above its data: worth a look, but nothing is held back."""
    if not snap.warnings:
        return
    n = len(snap.warnings)
    label = t(
        lang,
        f"{n} cảnh báo về tệp số liệu (số liệu vẫn hiển thị đầy đủ)",
        f"{n} warning(s) about the metrics file (the data is shown in full)",
    )
    with st.container(key="warnings"), st.expander(label, icon=":material/info:"):
        st.code("\n".join(p.render(lang) for p in snap.warnings), language=None, wrap_lines=True)


def title(text: str) -> None:
    """A page title taken from the file, shown exactly as written (st.title would read it as Markdown)."""
    # HTML, not st.title with escaped text: Markdown would still turn an address in it into a link.
    html(h.title(text))


def html(markup: str) -> None:
    """Show HTML built by dxkpi.presentation.html (which escapes every text from the file)."""
    # st.html, not st.markdown(unsafe_allow_html=True): Markdown parses HTML in the browser's script, with a part
    # of 189 kB loaded for it, and the browser's own parser is much faster (issue 19, docs/speed.md).
    st.html(markup)


def flush(parts: list[str]) -> None:
    """Show the HTML pieces gathered so far as one element, and empty the list."""
    if parts:
        html("".join(parts))
        parts.clear()


# Streamlit cuts a pill's text short with "…" at the sidebar's edge: two regions whose long names start alike
# ("Thành phố Hồ Chí Minh (cũ) · đến …") would look the same, so the switches' names wrap instead.
SIDEBAR_CSS = (
    '<style>[data-testid="stSidebar"] [data-testid="stButtonGroup"] button{max-width:100%;height:auto;'
    "text-align:left}"
    '[data-testid="stSidebar"] [data-testid="stButtonGroup"] button *{white-space:normal;overflow:visible;'
    "text-overflow:clip}</style>"
)


def style() -> None:
    """The pages' own styles (presentation/html.py's CSS) and the sidebar's."""
    html(h.CSS + SIDEBAR_CSS)


def source_caption(snap: Loaded, source_id: str, period: str, qualifiers: str, lang: str) -> str:
    """'Kỳ 2023 · Nguồn: S16 (news.baolongan.vn)' as escaped HTML."""
    source = snap.metrics.source_by_id().get(source_id)
    parts = [f"{t(lang, 'Kỳ', 'Period')} {period}"]
    if qualifiers:
        parts.append(t(lang, f"nguồn ghi “{qualifiers}”", f"source says “{qualifiers}”"))
    parts.append(f"{t(lang, 'Nguồn', 'Source')}: {fmt.source_name(source, source_id)}")
    return '<div class="dx-meta">' + h.esc(" · ".join(parts)) + "</div>"


def status_of(snap: data.Snapshot, indicator_id: str) -> str:
    progress = snap.progress.get(indicator_id)
    return str(progress.status) if progress else "no_data"


Drawn = tuple[echarts.Option, int]  # an ECharts option and its height in pixels
_drawn: dict[Hashable, Drawn | None] = {}


def chart_of(key: Hashable, build: Callable[[], echarts.Figure | None], lang: str) -> Drawn | None:
    """The page's drawing of the figure `build` makes (None for no figure), remembered for every session by `key`,
    which holds what the figure depends on (the files' snapshots): a cold page skips plotly's building of its
    figures, 0.2 s of /chinh-quyen-so's run."""

    def draw() -> Drawn | None:
        figure = build()
        return None if figure is None else echarts.option(figure, lang)

    return data.remembered(_drawn, (key, lang), draw, keep=4096)


def snapshot_key(snap: data.Snapshot) -> Hashable:
    """What a snapshot's figures depend on: its file, the files' signatures and when it was read."""
    return (snap.path, snap.signature, snap.loaded_at)


def chart(drawn: Drawn, key: str) -> None:
    """A chart drawn on the page by ECharts (presentation/echarts.py says why), as SVG: sharp on a projector, and
    its texts are text."""
    option, height = drawn
    st.echarts_chart(option, key=key, height=height, renderer="svg", theme=None)
