"""Highlighted code keeps its look and its text with fewer elements (clinic/lighter_code.py)."""
import re

from clinic.lighter_code import unwrap_plain_tokens

LINE = ('<code><span class="n">grad</span><span class="w"> </span><span class="o">=</span>'
        '<span class="w"> </span><span class="n">torch</span><span class="o">.</span>'
        '<span class="n">ones</span><span class="p">(</span><span class="mi">3</span>'
        '<span class="p">)</span></code>')


def test_names_and_spaces_lose_their_spans_and_keep_their_text():
    lighter = unwrap_plain_tokens(LINE)
    assert re.sub(r"<[^>]+>", "", lighter) == "grad = torch.ones(3)"
    assert 'class="n"' not in lighter and 'class="w"' not in lighter


def test_coloured_tokens_keep_their_spans():
    lighter = unwrap_plain_tokens(LINE)
    for token in ('<span class="o">=</span>', '<span class="mi">3</span>', '<span class="p">(</span>'):
        assert token in lighter
