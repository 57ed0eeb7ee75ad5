"""The glossary: synonyms for search, abbreviations in the text, its page."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

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


# --- Only prose: never the page's structure (issue 20, second round) ------------------------

WORDS = {"guide": "Guiden", "LIS": "Ledningssystem", "md": "Markdown", "TOC": "Innehåll", "note": "Not"}


def marked_words(content: str, expansions: dict[str, str] = WORDS) -> list[str]:
    return re.findall(r'<abbr title="[^"]*">([^<]*)</abbr>', mark_abbreviations(content, expansions))


@pytest.mark.parametrize("unchanged", [
    '--8<-- "CONTRIBUTING.md:guide"\n',  # an include line, with its section
    '--8<-- "CONTRIBUTING.md"\n',  # ... a whole file
    ';--8<-- "guide.md"\n',  # ... an escaped one
    '--8<--\nguide.md\nLIS/note.md\n--8<--\n',  # ... a block of them
    '---\ntitle: En guide om LIS\nnote: TOC\n---\n',  # front matter
    "Text.\n\n    kod med guide och LIS\n    mer LIS\n",  # an indented code block
    "# Rubrik\n    kod med LIS\n",  # ... right after a heading
    "- punkt\n\n        kod i punkten med LIS\n",  # ... in a list item
    "Kod ``a ` LIS`` och ```guide``` och `LIS\növer raden`.\n",  # code spans of several backticks
    "```\nguide\n```\n~~~~\nLIS\n~~~~\n",  # fenced code
    '!!! note "Om LIS"\n',  # an admonition's first line
    '???+ note "guide"\n',  # ... details
    "/// note | LIS\n",  # ... a block
    "[text][LIS] och [LIS][] och [LIS]\n\n[LIS]: https://example.org/lis\n",  # reference labels
    "![LIS i en bild](bild.png) [^LIS]\n",  # an image's text, a footnote reference
    "[TOC]\n",  # the table of contents' marker
    "Filen CONTRIBUTING.md, guide.md, x.guide, a@LIS.se och ISO/LIS.\n",  # not whole words
])
def test_abbreviations_never_change_markup_directives_or_code(unchanged):
    assert mark_abbreviations(unchanged, WORDS) == unchanged


def test_abbreviations_are_marked_in_the_prose_around_what_is_not():
    page = (
        '---\ntitle: guide\n---\n\n# En guide om LIS\n\nStycket om LIS:s guide (LIS).\n\n'
        '--8<-- "CONTRIBUTING.md:guide"\n\n- punkt om LIS\n\n    text i punkten om LIS\n\n'
        "    kod\n\nText.\n\n    kod med LIS\n\nSista guide.\n"
    )
    assert marked_words(page) == ["guide", "LIS", "LIS", "guide", "LIS", "LIS", "LIS", "guide"]
    assert '--8<-- "CONTRIBUTING.md:guide"' in mark_abbreviations(page, WORDS)
    assert "    kod med LIS\n" in mark_abbreviations(page, WORDS)


def test_in_html_only_tags_and_skipped_elements_are_left_alone():
    html = '<p>En guide om LIS.</p>\n\n    <p>LIS</p>\n<code>LIS</code><p title="LIS">--8<-- guide</p>'
    marked = mark_abbreviations(html, WORDS, markdown=False)
    assert re.findall(r">([^<]*)</abbr>", marked) == ["guide", "LIS", "LIS", "guide"]
    assert "<code>LIS</code>" in marked and 'title="LIS"' in marked


@pytest.mark.parametrize("abbreviation", ["LIS", "IT-chef", "ISO/IEC", "e.Kr", "Å", "K2", "EU TS"])
def test_an_abbreviation_is_a_word(abbreviation):
    assert Term(id="t", term="T", förkortningar=[abbreviation], källa="k").abbreviations == [abbreviation]


@pytest.mark.parametrize("abbreviation", [
    "-", "*", "--8<--", "[TOC]", "LIS.", "-LIS", "a--b", "a  b", "`kod`", "<b>", "{{ x }}", "#",
    "1", "2026", "_", "a_b", "LIS:s", "!!!", "|", "&amp;",
])
def test_an_abbreviation_that_could_change_the_structure_is_refused(abbreviation):
    with pytest.raises(ValidationError) as caught:
        Term(id="t", term="T", förkortningar=["LIS", abbreviation], källa="k")
    [error] = caught.value.errors()
    assert error["loc"] == ("förkortningar", 1)
    assert "kan ändra sidornas uppbyggnad" in str(error["ctx"]["error"])
