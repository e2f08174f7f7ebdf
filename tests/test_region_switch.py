"""The sidebar's region switch (AppTest): every page shows the chosen region's file, and the address keeps it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dxkpi.ui.common import PILLS_MAX
from tests.test_app import ROOT, app, markup, page_text

LABELS = {
    "vi": ["Long An · đến 30/06/2025", "Tây Ninh (cũ) · đến 30/06/2025", "Tây Ninh · từ 01/07/2025"],
    "en": ["Long An · until 30/06/2025", "Tây Ninh (former) · until 30/06/2025", "Tây Ninh · from 01/07/2025"],
}


@pytest.fixture
def regions_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped files (metrics.yaml and data/, with data/regions) that a test may edit."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    return tmp_path


def switch(at):
    """The sidebar's region switch: pills, or a drop-down."""
    return next(w for w in [*at.sidebar.button_group, *at.sidebar.selectbox] if w.label == "Địa phương / Region")


def shown(options: list[str]) -> list[str]:
    """The options as their Markdown shows them: each backslash escape is the character it escapes."""
    return [re.sub(r"\\(.)", r"\1", o) for o in options]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_switch_names_each_region_with_the_dates_the_merger_gives_it(regions_copy, lang):
    at = app()
    at.query_params["lang"] = lang
    at.run()
    box = switch(at)
    assert (box.value, shown(box.options)) == ("long-an", LABELS[lang])


@pytest.mark.parametrize(
    ("region", "title", "figure"),
    [
        ("tay-ninh", "Chỉ tiêu chuyển đổi số tỉnh Tây Ninh", "95,25%"),
        ("tay-ninh-cu", "Chỉ tiêu chuyển đổi số tỉnh Tây Ninh (cũ)", "41,11%"),
    ],
)
def test_an_address_with_a_region_opens_that_regions_figures(regions_copy, region, title, figure):
    at = app()
    at.query_params["region"] = region
    at.run()
    assert not at.exception
    assert f'<h1 class="dx-title">{title}</h1>' in markup(at).replace("&#40;", "(").replace("&#41;", ")")
    assert figure in page_text(at)
    assert "gần 11.500 tỷ đồng" not in page_text(at)  # Long An's revenue figure belongs to Long An only


def test_choosing_a_region_puts_it_in_the_address_and_the_default_takes_it_out(regions_copy):
    at = app().run()
    switch(at).set_value("tay-ninh").run()
    assert (at.query_params.get("region"), "95,25%" in page_text(at)) == ("tay-ninh", True)
    switch(at).set_value("long-an").run()
    assert ("region" in at.query_params, "gần 11.500 tỷ đồng" in page_text(at)) == (False, True)


def test_an_unknown_region_in_the_address_opens_the_default_one(regions_copy):
    at = app()
    at.query_params["region"] = "ha-noi"
    at.run()
    assert (not at.exception, switch(at).value) == (True, "long-an")
    assert "gần 11.500 tỷ đồng" in page_text(at)


def test_with_a_single_file_there_is_no_switch(regions_copy):
    shutil.rmtree(regions_copy / "data" / "regions")
    at = app().run()
    assert [w.label for w in [*at.sidebar.button_group, *at.sidebar.selectbox]] == ["Ngôn ngữ / Language"]
    assert "gần 11.500 tỷ đồng" in page_text(at)


def test_a_region_file_with_a_mistake_shows_its_line_and_the_last_good_figures(regions_copy):
    at = app()
    at.query_params["region"] = "tay-ninh"
    at.run()
    path = regions_copy / "data" / "regions" / "tay-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 95.25", "value: 95,25"), encoding="utf-8")
    at.run()
    problems = "\n".join(c.value for c in at.code)
    assert not at.exception
    assert "tay-ninh.yaml:" in problems and "95,25" in problems
    assert "95,25%" in page_text(at)  # the last good figure is still there, beside the problem
    assert "python -m dxkpi validate data/regions/tay-ninh.yaml" in "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("dxkpi/ui/pages/nen_tang.py", "48,96%"),  # the new province's 5G figure
        ("dxkpi/ui/pages/final_account.py", "Tỷ lệ xã, phường có hạ tầng mạng 5G"),
        ("dxkpi/ui/pages/present.py", "Chỉ tiêu chuyển đổi số tỉnh Tây Ninh"),
    ],
)
def test_every_page_follows_the_chosen_region(regions_copy, page, shown):
    at = app()
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page(page).run()
    text = page_text(at)
    assert (not at.exception, shown in text, "88,9%" in text) == (True, True, False)  # 88,9%: Long An's fibre


def test_a_predecessor_that_has_no_file_is_shown_on_the_new_provinces_pages(regions_copy):
    path = regions_copy / "data" / "regions" / "tay-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("predecessors: [long-an, tay-ninh-cu]", "predecessors: [long-an, tay-ninh-c]"), "utf-8"
    )
    at = app()
    at.query_params["region"] = "tay-ninh"
    at.query_params["lang"] = "en"
    at.run()
    codes = "\n".join(c.value for c in at.code)
    assert not at.exception
    assert "data/regions/tay-ninh.yaml:25:17: meta.predecessors[1]: no region with id 'tay-ninh-c'" in codes
    assert "95.25%" in page_text(at)  # the figures are still shown


def test_a_region_file_added_or_removed_while_the_app_runs_is_in_the_switch_at_the_next_run(regions_copy):
    at = app().run()
    folder = regions_copy / "data" / "regions"
    text = (folder / "tay-ninh-cu.yaml").read_text(encoding="utf-8")
    (folder / "binh-phuoc.yaml").write_text(text.replace('region: "Tây Ninh (cũ)"', 'region: "Bình Phước"'), "utf-8")
    at.run()
    assert shown(switch(at).options) == [*LABELS["vi"][:1], "Bình Phước", *LABELS["vi"][1:]]
    (folder / "binh-phuoc.yaml").unlink()
    at.run()
    assert shown(switch(at).options) == LABELS["vi"]


def test_a_broken_link_fixed_in_notepad_leaves_the_banner_and_a_renamed_region_renames_its_label(regions_copy):
    path = regions_copy / "data" / "regions" / "tay-ninh.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("[long-an, tay-ninh-cu]", "[long-an, tay-ninh-c]"), encoding="utf-8")
    at = app()
    at.query_params["region"] = "tay-ninh"
    at.query_params["lang"] = "en"
    at.run()
    broken = "data/regions/tay-ninh.yaml:25:17: meta.predecessors[1]: no region with id 'tay-ninh-c'"
    assert broken in "\n".join(c.value for c in at.code)
    path.write_text(good.replace('region_en: "Tây Ninh"', 'region_en: "Tây Ninh (new)"'), encoding="utf-8")
    at.run()
    assert (
        [c.value for c in at.code if "tay-ninh-c" in c.value],
        shown(switch(at).options)[2],
    ) == ([], "Tây Ninh (new) · from 01/07/2025")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Bình Phước (cũ)", "button_group"),  # pills, the name escaped for their Markdown
        ("**b** $x^2$ :smile: :red[r] <b>t</b> [l](http://e.com)", "button_group"),
        ("Bình Phước -> Đồng Nai", "selectbox"),  # Markdown would draw the arrow as →, whatever the escape
        ("Tỉnh :streamlit:", "selectbox"),  # ... and this as Streamlit's logo
    ],
)
def test_the_switch_shows_pills_unless_markdown_would_change_a_name_and_then_a_drop_down(regions_copy, name, kind):
    folder = regions_copy / "data" / "regions"
    text = (folder / "tay-ninh-cu.yaml").read_text(encoding="utf-8")
    (folder / "binh-phuoc.yaml").write_text(text.replace('region: "Tây Ninh (cũ)"', f"region: {name!r}"), "utf-8")
    at = app().run()
    box = switch(at)
    options = shown(box.options) if kind == "button_group" else box.options
    assert (not at.exception, type(box).__name__.lower(), options[1]) == (True, kind.replace("_", ""), name)


def test_more_regions_than_pills_can_hold_get_a_drop_down(regions_copy):
    folder = regions_copy / "data" / "regions"
    text = (folder / "tay-ninh-cu.yaml").read_text(encoding="utf-8")
    for n in range(PILLS_MAX):
        (folder / f"xa-{n}.yaml").write_text(text.replace('region: "Tây Ninh (cũ)"', f'region: "Xã {n}"'), "utf-8")
    at = app().run()
    assert (type(switch(at)).__name__, len(switch(at).options)) == ("Selectbox", PILLS_MAX + 3)
