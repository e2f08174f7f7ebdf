"""One way to say each figure: the card, the status sentence, the chart, the slide, the final account and the Word
report all word a figure of the shipped file the same way, in both languages."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

from dxkpi.analysis import plans
from dxkpi.analysis.account import Outcome, final_account
from dxkpi.analysis.progress import Status, assess_all
from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import charts
from dxkpi.presentation import html as h
from dxkpi.presentation.slides import build_deck
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent
METRICS = load(ROOT / "metrics.yaml").metrics
PROGRESS = assess_all(METRICS, dt.date(2026, 11, 25))
QUOTING = {Status.ACHIEVED, Status.OFF_TRACK, Status.ONE_OBSERVATION}
FIGURED = [i for i in METRICS.indicators if i.latest_figure() is not None]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("ind", FIGURED, ids=[i.id for i in FIGURED])
def test_every_view_words_the_latest_figure_the_same_way(ind, lang):
    latest = ind.latest_figure()
    words = fmt.figure(latest, ind, lang)
    sources = METRICS.source_by_id()
    progress = PROGRESS[ind.id]
    card = h.figure_card(ind, latest, sources.get(latest.source), lang)
    figure = charts.indicator_chart(ind, progress, METRICS.targets_of(ind), sources, lang, METRICS.national_of(ind))
    chart_words = [text for trace in figure.data for text in (trace.text or ())]
    deck = build_deck(METRICS, PROGRESS, lang)
    (row,) = [r for s in deck if s.kind == "pillar" for r in s.all_rows if r.name == fmt.name(ind, lang)]
    seen = {
        "card": h.esc(words) in card,
        "chart": html.escape(words, quote=False) in chart_words,  # plotly reads HTML: the chart escapes text
        "slide": row.value.startswith(words),
        # a sentence that names the figure it rests on (met, due, one year so far) names it as the card does
        "sentence": progress.status not in QUOTING or words in progress.reason(lang),
    }
    assert seen == {"card": True, "chart": True, "slide": True, "sentence": True}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_final_account_words_each_counted_figure_as_the_cards_do(lang):
    lines = [line for line in final_account(METRICS).lines if line.figure is not None]
    assert lines
    assert [
        line.indicator.id for line in lines if fmt.figure(line.figure, line.indicator, lang) not in line.sentence(lang)
    ] == []


def test_a_recorded_figure_is_never_rounded_into_another_one():
    commune = next(i for i in METRICS.indicators if i.id == "trao-doi-van-ban-dien-tu-cap-xa")
    dti = next(i for i in METRICS.indicators if i.id == "chi-so-dti")
    assert (fmt.figure(commune.latest_figure(), commune), fmt.figure(dti.latest_figure(), dti, "en")) == (
        "99,99%",
        "0.6386 (scale 0–1)",
    )


# ----- the Word report -----


@pytest.fixture(scope="module", params=["vi", "en"])
def word(request, tmp_path_factory):
    """The Word report of the shipped file as the deck sees it (the same day), read back: its text and tables."""
    import docx

    from dxkpi.export import export

    out = tmp_path_factory.mktemp("agree") / f"report-{request.param}.docx"
    export(ROOT / "metrics.yaml", "docx", out, request.param, options={"as_of": dt.date(2026, 11, 25)})
    doc = docx.Document(str(out))
    return request.param, "\n".join(p.text for p in doc.paragraphs), doc.tables


def test_the_word_report_words_every_figure_as_the_slide_does_with_the_sources_words_spelled_out(word):
    lang, text, _ = word
    deck = build_deck(METRICS, PROGRESS, lang)
    rows = {r.name: r for s in deck if s.kind == "pillar" for r in s.all_rows}
    disagree = []
    for ind in FIGURED:
        if ind.kind is m.Kind.MILESTONE:
            continue
        latest = ind.latest_figure()
        number = fmt.with_unit(latest.value, ind, lang, latest.out_of)
        said = f"{fmt.name(ind, lang)}: {fmt.spoken(latest, ind, lang)}"
        words = [fmt.pick(lang, fmt.QUALIFIER[q]) for q in latest.qualifier]
        slide = rows[fmt.name(ind, lang)].value
        if said not in text or number not in slide or not all(w in said for w in words):
            disagree.append(ind.id)
    assert disagree == []


def test_the_word_report_judges_each_target_as_the_deck_does(word):
    """Each figure's target and pace in the pillars' paragraphs are the deck's (Phụ lục I now holds the plan's
    targets: the next test)."""
    lang, text, _ = word
    tracked = [i for i in METRICS.indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and METRICS.targets_of(i)]
    said = [
        (i.id, fmt.t(lang, ", mục tiêu ", ", target ") + fmt.target_short(PROGRESS[i.id].target, i, lang)
         + f": {fmt.status_word(PROGRESS[i.id].status, lang).lower()}")
        for i in tracked if i.latest_figure() is not None
    ]  # fmt: skip
    assert said
    assert [i for i, words in said if words not in text] == []


def test_the_word_reports_phu_luc_i_words_the_plans_targets_as_the_plans_page_does(word):
    from dxkpi.presentation.plan_rows import target_rows

    lang, _, tables = word
    as_of = dt.date(2026, 11, 25)
    account = plans.account_of(METRICS, plans.open_plans(METRICS, as_of)[0], as_of)
    page = target_rows(account, METRICS.source_by_id(), lang)
    rows = [(r.cells[1].text, r.cells[2].text, r.cells[3].text, r.cells[5].text) for r in tables[2].rows[1:]]
    assert rows == [(x.name, f"{x.goal}; {x.plan}", x.figure, x.status_text.split(" ", 1)[1]) for x in page]


def test_the_word_report_counts_the_2025_targets_as_the_final_account_does(word):
    lang, text, _ = word
    account = final_account(METRICS)
    achieved = fmt.count_of(account.count(Outcome.ACHIEVED), account.total)
    assert fmt.t(lang, f"hoàn thành {achieved} mục tiêu", f"achieved {achieved} targets") in text


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("region", ["metrics.yaml", "data/regions/tay-ninh.yaml"])
def test_the_plans_page_the_deck_and_the_excel_count_each_plan_in_the_same_sentence(
    region, lang, tmp_path, monkeypatch
):
    from openpyxl import load_workbook
    from streamlit.testing.v1 import AppTest

    from dxkpi.core import clock
    from dxkpi.export import export

    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))  # the page reads the copy, never the repo
    metrics = load(tmp_path / region).metrics
    today = clock.today()
    accounts = [plans.account_of(metrics, plan, today) for plan in plans.open_plans(metrics, today)]
    sentences = [a.target_sentence(lang) + (" · " + a.task_sentence(lang) if a.tasks else "") for a in accounts]
    title = fmt.t(lang, "Các kế hoạch đang thực hiện", "Plans under way")
    (slide,) = [s for s in build_deck(metrics, assess_all(metrics), lang) if s.title == title]
    assert [r.reason for r in slide.all_rows] == sentences
    out = tmp_path / "plans.xlsx"
    export(tmp_path / region, "xlsx", out, lang)
    sheet = load_workbook(out)[fmt.t(lang, "Kế hoạch", "Plans")]
    rows = sheet.iter_rows(min_row=2, values_only=True)
    assert [row[3] for row in rows] == [a.target_sentence(lang) for a in accounts]
    for account in accounts:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
        at.query_params.update({"lang": lang, "plan": account.plan.id})
        if "tay-ninh" in region:
            at.query_params["region"] = "tay-ninh"
        at.run()
        at.switch_page("dxkpi/ui/pages/plans.py").run()
        shown = html.unescape("\n".join(e.value for e in at.html))
        assert account.target_sentence(lang) in shown, account.plan.id


# ----- the Word report's plan and the Plans page -----


def test_the_word_reports_plan_counts_are_the_plans_accounts_sentences(word):
    """The shipped file's report counts its first open plan as the Plans page's PlanAccount does on the same day."""
    lang, text, _ = word
    as_of = dt.date(2026, 11, 25)
    plan = plans.open_plans(METRICS, as_of)[0]
    account = plans.account_of(METRICS, plan, as_of)  # as the Plans page counts it: the file as loaded
    assert f"\n{account.target_sentence(lang)}" in text
    assert f"\n{account.task_sentence(lang)}." in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_word_report_and_the_plans_page_count_the_provinces_plan_in_the_same_words(tmp_path, monkeypatch, lang):
    """The new Tây Ninh, today: the Plans page's default plan and its two sentences, as the page sends them, are the
    Word report's default plan and sentences."""
    import docx
    from streamlit.testing.v1 import AppTest

    from dxkpi.export import export

    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page("dxkpi/ui/pages/plans.py").run()
    assert not at.exception
    sent = "\n".join(e.value for e in at.html)
    said = {
        key: html.unescape(re.search(rf'data-testid="dx-plan-{key}">(.*?)</div>', sent).group(1))
        for key in ("targets", "tasks")
    }
    out = tmp_path / "report.docx"
    export(tmp_path / "data" / "regions" / "tay-ninh.yaml", "docx", out, lang)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert at.selectbox(key="plan").value == "tn-ha-tang-so"
    assert f"\n{said['targets']}{fmt.t(lang, ' (chi tiết tại Phụ lục I)', ' (details in Annex I)')}." in text
    assert f"\n{said['tasks']}." in text
