"""The Chinese edition shows what the English one shows, in step with it.

Each docs/<page>.zh.md (.zh.ipynb) has the English page's code blocks in the same order —
so each block is tested once, on the English page — its figures and heading anchors, and
quotes the source article verbatim (clinic/translations.py).
"""
import re
from types import SimpleNamespace

import pytest

from clinic import translations
from clinic.pages import DOCS, ROOT, site_pages, translation

SEED = ROOT.parent / "shared" / "seed" / "000_d43f2c555c40ad83.txt"
# zh.d2l.ai's terms; the variants on the right read as another school's usage.
NOT_OUR_TERMS = {"批标准化": "批量规范化", "批归一化": "批量规范化", "层归一化": "层规范化",
                 "层标准化": "层规范化", "梯度剪裁": "梯度裁剪", "梯度截断": "梯度裁剪",
                 "残差链接": "残差连接", "学习率热身": "学习率预热"}


@pytest.mark.parametrize("page", site_pages(), ids=lambda page: str(page.relative_to(DOCS)))
def test_every_page_has_a_chinese_translation(page):
    assert translation(page).exists(), f"no Chinese page {translation(page).relative_to(DOCS)}"


@pytest.mark.parametrize("page", translations.translations(),
                         ids=lambda page: str(page.relative_to(DOCS)))
def test_translation_shows_what_its_english_page_shows(page):
    assert translations.differences(page) == []


@pytest.mark.parametrize("page", translations.translations(),
                         ids=lambda page: str(page.relative_to(DOCS)))
def test_translation_uses_the_glossary_terms(page):
    text = page.read_text(encoding="utf-8")
    found = {term: ours for term, ours in NOT_OUR_TERMS.items() if term in text}
    assert not found, f"write {found}"


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
