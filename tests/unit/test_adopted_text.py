"""The adopted text as plain text: Markdown markup and macros are not words."""

from macros.adopted_text import markdown_to_text, occurs


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
