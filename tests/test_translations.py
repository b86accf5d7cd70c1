"""The Chinese edition shows what the English one shows, in step with it.

Each docs/<page>.zh.md (.zh.ipynb) has the English page's code blocks in the same order —
so each block is tested once, on the English page — its figures and heading anchors, and
quotes the source article verbatim, and states every number its English page states
(clinic/translations.py).
"""
import json
import re
from types import SimpleNamespace

import pytest

from clinic import translations
from clinic.pages import DOCS, ROOT, site_pages, translation

SEED = ROOT.parent / "shared" / "seed" / "000_d43f2c555c40ad83.txt"


def glossary_variants() -> dict[str, str]:
    """{variant: our term} from the glossary's 'Not' column (docs/glossary.md)."""
    variants = {}
    for row in (DOCS / "glossary.md").read_text(encoding="utf-8").split("\n"):
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[2] and cells[2] not in ("Not", "---"):
            variants |= {variant.strip(): cells[1] for variant in cells[2].split(",")}
    return variants


NOT_OUR_TERMS = glossary_variants()


@pytest.mark.parametrize("page", site_pages(), ids=lambda page: str(page.relative_to(DOCS)))
def test_every_page_has_a_chinese_translation(page):
    assert translation(page).exists(), f"no Chinese page {translation(page).relative_to(DOCS)}"


@pytest.mark.parametrize("page", translations.translations(),
                         ids=lambda page: str(page.relative_to(DOCS)))
def test_translation_shows_what_its_english_page_shows(page):
    assert translations.differences(page) == []


@pytest.mark.parametrize("page", [page for page in translations.translations()
                                  if page.name != "glossary.zh.md"],  # it names the variants
                         ids=lambda page: str(page.relative_to(DOCS)))
def test_translation_uses_the_glossary_terms(page):
    text = page.read_text(encoding="utf-8")
    found = {term: ours for term, ours in NOT_OUR_TERMS.items() if term in text}
    assert not found, f"write {found}"


def test_the_glossary_names_variants_to_avoid():
    assert NOT_OUR_TERMS["批归一化"] == "批量规范化" and len(NOT_OUR_TERMS) >= 8


def test_the_source_article_is_the_seed_article():
    if SEED.exists():  # beside a clone of the project; a reader's clone has only the copy
        assert translations.SOURCE_ARTICLE.read_bytes() == SEED.read_bytes()
    assert "梯度消失" in translations.SOURCE_ARTICLE.read_text(encoding="utf-8")


def test_an_article_quote_must_be_verbatim():
    box = '!!! failure "原文的说法与我们的测量"\n    **原文**说：“{}”\n\n后文“不是引文”。\n'
    verbatim = "常用的激活函数有ReLU、sigmoid和tanh等。"
    assert translations.article_quotes(box.format(verbatim)) == [verbatim]
    assert translations.misquotes(box.format(verbatim)) == []
    assert translations.misquotes(box.format("常用的激活函数有ReLU和GELU。")) != []


@pytest.mark.parametrize("english, chinese, lost", [
    ("Loss 142 → 6.31 in 50 steps.", "50步内损失从142降到6.31。", []),
    ("Nineteen factors of 0.22.", "19个0.22的因子。", []),  # a digit for a word is fine
    ("The first 375 million tokens, 2,000 steps.", "最初3.75亿个词元，2,000步。", []),
    ("Loss 142 → 6.31 in 50 steps.", "50步内损失从142降到6.3。", ["6.31"]),  # changed
    ("Between 0.25 and 0.39.", "介于0.25之间。", ["0.39"]),  # dropped
    ("0.01, 0.01 and 0.01.", "约为0.01。", ["0.01 (2x)"]),  # each time it is stated
    ("In float32 and e4m3, `x = 7`.\n\n```python\ny = 8\n```\n", "float32和e4m3中，`x = 7`。", []),
    ("See [this](page-2.md#step-3).", "见[此处](page-2.md#step-3)。", []),
])
def test_a_translation_states_every_number_its_english_page_states(english, chinese, lost):
    assert translations.lost_numbers(english, chinese) == lost


def test_a_translated_notebook_states_every_number_of_its_markdown(tmp_path):
    def notebook(path, text):
        cells = [{"cell_type": "markdown", "metadata": {}, "source": [text]},
                 {"cell_type": "code", "metadata": {}, "source": ["x = 1"], "outputs": [],
                  "execution_count": None}]
        path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                    "nbformat_minor": 5}), encoding="utf-8")
    notebook(tmp_path / "project.ipynb", "Accuracy 0.97 after 3 epochs.")
    notebook(tmp_path / "project.zh.ipynb", "3轮后准确率为0.97。")
    assert translations.differences(tmp_path / "project.zh.ipynb") == []
    notebook(tmp_path / "project.zh.ipynb", "3轮后准确率为0.96。")
    assert translations.differences(tmp_path / "project.zh.ipynb") == [
        "numbers the English notebook states and this one does not: 0.97"]


def test_a_translation_behind_its_english_page_says_so(tmp_path):
    english, chinese = tmp_path / "page.md", tmp_path / "page.zh.md"
    english.write_text("# Page\n\nVersion 1.\n", encoding="utf-8")
    chinese.write_text("# 页面 {#page}\n\n第 1 版。\n", encoding="utf-8")
    translations.stamp(chinese)
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(chinese)),
                           url="zh/section/page/")
    assert not translations.is_stale(chinese)
    assert translations.on_page_markdown("正文", page, None, None) == "正文"

    english.write_text("# Page\n\nVersion 2.\n", encoding="utf-8")
    assert translations.is_stale(chinese)
    notice = translations.on_page_markdown("正文", page, None, None)
    assert re.search(r'href="\.\./\.\./\.\./section/page/"', notice) and notice.endswith("正文")
    translations.stamp(chinese)
    assert not translations.is_stale(chinese)
    assert chinese.read_text(encoding="utf-8").count("translation_of:") == 1
