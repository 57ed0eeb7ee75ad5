"""The adopted text as plain text: Markdown markup and macros are not words; quotes are
whole sentences of the pages that declare the adopted text."""

import pytest

from macros.policy.adopted_text import AdoptedText, blocks, is_adopted, markdown_to_text, occurs

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


def test_markdown_markup_is_removed():
    markdown = (
        "## 2. Mål {#mal}\n\nText med *betoning* och [en länk](a.md).\n\n"
        "{{ goals() }}\n\n- En punkt\n{## kommentar ##}\n<div class=\"x\">Inuti</div>\n"
    )
    assert markdown_to_text(markdown) == "2. Mål Text med betoning och en länk. En punkt Inuti"


def test_quotes_match_across_line_breaks_but_not_changed_words():
    corpus = markdown_to_text("Policyn ska revideras\nsenast vid behov.")
    assert occurs("Policyn ska revideras senast vid behov.", corpus)
    assert not occurs("Policyn ska revideras tidigast vid behov.", corpus)


def test_a_page_declares_that_it_carries_the_adopted_text():
    assert is_adopted("---\ntitle: Policy\nantagen_text: true\n---\n\nText.")
    assert not is_adopted("---\ntitle: Hjälp\n---\n\nText.")
    assert not is_adopted("---\nantagen_text: ja\n---\n")  # only the YAML value true
    assert not is_adopted("Text utan sidhuvud.\n")


def test_blocks_are_paragraphs_list_items_and_headings():
    page = (
        "---\ntitle: X\n---\n# Rubrik\nEtt stycke\növer två rader. Och en mening till.\n\n"
        "- Första punkten\n- Andra punkten:\n\n{{ goals() }}\nEfter makrot.\n"
    )
    assert blocks(page) == [
        "Rubrik", "Ett stycke över två rader. Och en mening till.", "Första punkten",
        "Andra punkten:", "Efter makrot.",
    ]


def test_a_quote_is_whole_sentences():
    text = AdoptedText(("Ett stycke över två rader. Och en mening till.", "Första punkten"), 1)
    for quote in ("Ett stycke över två rader.", "Och en mening till.", "Första punkten",
                  "Ett stycke över\ntvå rader. Och en mening till."):
        assert text.whole_sentences(quote), quote
    for quote in ("E", "a", "Ett stycke", "över två rader.", "rader. Och", "Och en mening till",
                  "Första", "", "Första punkten Ett stycke över två rader."):
        assert not text.whole_sentences(quote), quote
