"""The glossary: synonyms for search, abbreviations in the text, its page."""

from __future__ import annotations

import re

import pytest

from macros.views.glossary import abbreviations, glossary_sections, mark_abbreviations, synonyms, tokens
from macros.policy.model import Term

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

SEPARATOR = r'[\s\-,:;!?()\[\]"”’/.]+'


def term(tid, name, abbr=(), other=(), definition=None):
    return Term(id=tid, term=name, förkortningar=list(abbr), andra_namn=list(other),
                definition=definition, källa="Test")


TERMS = [
    term("gdpr", "Dataskyddsförordningen", ["GDPR"], ["EU:s dataskyddsförordning"]),
    term("lis", "Ledningssystem för informationssäkerhet", ["LIS"]),
    term("krt", "Konfidentialitet, riktighet och tillgänglighet", ["KRT"]),
    term("iso", "ISO/IEC 27000-serien", other=["ISO 27001"]),
]


def test_tokens_split_like_the_index():
    assert tokens("ISO/IEC 27000-serien", SEPARATOR) == ["iso", "iec", "27000", "serien"]
    assert tokens("EU:s dataskyddsförordning", SEPARATOR) == ["eu", "dataskyddsförordning"]


def test_synonyms_go_both_ways_and_keep_distinctive_words():
    table = synonyms(TERMS, SEPARATOR, {"ledningssystem": 2, "informationssäkerhet": 17})
    assert table["gdpr"] == ["dataskyddsförordningen", "eu", "dataskyddsförordning"]
    assert "gdpr" in table["dataskyddsförordningen"]
    assert table["lis"] == ["ledningssystem"]  # not the common "informationssäkerhet"
    assert table["krt"] == ["konfidentialitet", "riktighet", "tillgänglighet"]
    assert "27000" in table["27001"] and "27001" in table["27000"]
    assert "konfidentialitet" not in table  # a word of a longer name is no synonym


def test_abbreviations_are_marked_in_running_text_only():
    marked = mark_abbreviations(
        'Enligt LIS. <a title="LIS">LIS</a> `LIS` <abbr>LIS</abbr> LISA {#LIS} [x](LIS.md) '
        '<svg><title>LIS</title></svg> ISO/LIS',
        abbreviations(TERMS),
    )
    expected = '<abbr title="Ledningssystem för informationssäkerhet">LIS</abbr>'
    assert marked.count(expected) == 2  # the prose and the link text
    assert marked.startswith(f"Enligt {expected}.")
    for untouched in ('`LIS`', "<abbr>LIS</abbr>", "LISA", "{#LIS}", "(LIS.md)", "<title>LIS</title>", "ISO/LIS"):
        assert untouched in marked


def test_glossary_has_a_section_per_term_in_order():
    markdown = glossary_sections(TERMS + [term("a", "Avtal <x>", definition="Ett *avtal*.")])
    assert re.findall(r"^## (.*)$", markdown, re.M) == [
        r"Avtal &lt;x&gt; {#term-a}", "Dataskyddsförordningen {#term-gdpr}", r"ISO/IEC 27000\-serien {#term-iso}",
        "Konfidentialitet, riktighet och tillgänglighet {#term-krt}",
        "Ledningssystem för informationssäkerhet {#term-lis}",
    ]
    assert '<abbr title="Dataskyddsförordningen">GDPR</abbr>' in markdown
    assert "Ett *avtal*." in markdown  # text, never Markdown


MARKUP_WORDS = [term("t", "Testord", ["amp", "gt", "quot", "href", "class", "lt"])]


def test_abbreviations_are_never_marked_inside_entities_tags_code_or_urls():
    content = (
        '<p class="x" title="a &quot;gt&quot; > lt">Ett &amp; två &lt;b&gt; &#62; &quot;citat&quot;</p>\n'
        '<a href="https://example.org/href?class=1&amp;lt=2">länk</a> <https://example.org/amp>\n'
        "[text](sida.md#href \"class\")\n\n[ref]: https://example.org/lt\n\n"
        "```\nhref class amp\n```\n\n<!-- lt gt -->\n"
        "Orden href och class i löptext, och amp.\n"
    )
    marked = mark_abbreviations(content, abbreviations(MARKUP_WORDS))
    before, _, prose = marked.partition("Orden ")
    assert before == content.partition("Orden ")[0]  # nothing marked in the markup
    assert marked.count('<abbr title="Testord">') == 3
    for word in ("href", "class", "amp"):
        assert f'<abbr title="Testord">{word}</abbr>' in marked


def test_abbreviations_are_marked_outside_template_code_and_titles_hold_no_braces():
    # The marking runs on a page's source before its template code is rendered.
    source = "LIS here {{ macro('LIS') }} {% if LIS %}{% endif %} {## LIS ##} and LIS."
    marked = mark_abbreviations(source, {"LIS": "{{ 7*7 }} {% x %}"})
    assert marked.count("<abbr") == 2
    assert "{{ macro('LIS') }} {% if LIS %}{% endif %} {## LIS ##}" in marked
    assert '<abbr title="&#123;&#123; 7*7 &#125;&#125; &#123;% x %&#125;">LIS</abbr>' in marked
