"""Hostile text and addresses: refused by the model, harmless in the renderers on their own."""

from __future__ import annotations

import pytest
from jinja2 import Environment
from pydantic import ValidationError

from macros.views.document_facts import related_documents
from macros.policy.loading import load_policy
from macros.views.markup import external_link, safe_href, tag, text
from macros.policy.model import NAME_MAX, Area, DocumentType, RelatedDocument, RelatedStatus
from macros.site.page_check import page_error
from macros.site.link_check import dead_links
from tests.conftest import CONTENT

UNSAFE = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)", "data:text/html,x",
          "vbscript:x", "file:///etc/passwd", "../relativ.html", "//example.org/x"]
SAFE = ["https://example.org/a?b=1&c=2", "http://example.org", "mailto:registrator@example.org"]


@pytest.mark.parametrize("url", UNSAFE)
def test_only_http_https_and_mailto_become_links(url):
    assert safe_href(url) is None
    assert external_link("Namn", url) == "Namn"


@pytest.mark.parametrize("url", SAFE)
def test_safe_addresses_become_links_escaped(url):
    assert external_link("Namn", url).startswith('<a href="')
    assert "&amp;" in external_link("x", SAFE[0])


def test_tag_never_writes_a_script_address_whoever_built_it():
    assert tag("a", "x", href="javascript:alert(1)") == "<a>x</a>"
    assert tag("a", "x", href="#roll-a") == '<a href="#roll-a">x</a>'


def test_the_renderer_is_safe_without_the_model():
    """Even a value that bypassed validation never becomes a live script link."""
    policy = load_policy(CONTENT / "data", CONTENT / "docs").policy
    # The content's first related document, or (the list is optional) one of its own kind.
    related = dict(policy.document.related[0]) if policy.document.related else {
        "id": "relaterat-dokument", "name": "Relaterat dokument", "document_type": DocumentType.GUIDELINES,
        "adopted_by": policy.document.adopted_by, "source": "Text."}
    hostile = RelatedDocument.model_construct(**{**related, "status": RelatedStatus.PUBLISHED,
                                                 "url": "javascript:alert(1)"})
    document = policy.document.model_copy(update={"related": [hostile]})
    html = related_documents(policy.model_copy(update={"document": document}))
    assert f'id="dokument-{hostile.id}"' in html  # the hostile row is rendered
    assert "javascript:" not in html and "<a " not in html


def test_text_never_makes_a_blank_line():
    assert text("a\n\n\n  b <c>") == "a\nb &lt;c&gt;"


@pytest.mark.parametrize("value,words", [
    ("Kommun\nstyrelsen", "radbrytning"),
    ("\u202eKommunstyrelsen", "U+202E"),
    ("Kommun\u2067styrelsen", "U+2067"),
    ("Kommun\u200bstyrelsen", "U+200B"),
    ("Kommun\u2028styrelsen", "U+2028"),
    ("Kommun\x1bstyrelsen", "U+001B"),
    ("Kommun\tstyrelsen", "tabbtecken"),
    ("R" * (NAME_MAX + 1), f"högst {NAME_MAX} tecken"),
])
def test_a_name_is_one_visible_line(value, words):
    with pytest.raises(ValidationError) as caught:
        Area(id="a", namn=value)
    [error] = caught.value.errors()
    assert words in str(error["ctx"]["error"])
    assert value not in str(error["ctx"]["error"]) or len(value) < 50


def test_a_name_may_be_long_up_to_the_limit():
    assert Area(id="a", namn="R" * NAME_MAX).name == "R" * NAME_MAX


def test_an_undefined_macro_in_a_page_is_named_with_its_line():
    env = Environment()
    known = {"goals": lambda: "", "feed_link": lambda label: ""}
    assert page_error(env, "a\n\n{{ golas() }}\n", known, "docs/x.md", 4) == (
        "docs/x.md:7: 'golas' finns inte: sidan använder ett makro eller en variabel som inte är "
        "definierad; menade du 'goals'? (makron: feed_link, goals)"
    )
    assert page_error(env, "a\n{% if x %}\nb\n", {"x": 1}, "docs/x.md").startswith(
        "docs/x.md:2: blocket '{% if %}' avslutas aldrig")
    assert page_error(env, "{{ feed_link() }}", known, "docs/x.md").startswith(
        "docs/x.md:1: makrot 'feed_link' anropas med fel argument")
    assert page_error(env, "{{ feed_link('x') }} {{ goals() }}", known, "docs/x.md") is None


def test_dead_links_and_anchors_are_found_in_the_built_pages():
    pages = {
        "index.html": '<a href="roller/#roll-a">a</a><a href="roller/#roll-b">b</a>'
                      '<a href="saknas/">c</a><a href="https://example.org/#x">d</a>'
                      '<a href="uppfoljning.ics">e</a><a href="#topp">f</a><h1 id="topp">T</h1>',
        "roller/index.html": '<h2 id="roll-a">A</h2><a href="../">Start</a><a href="#roll-c">c</a>',
    }
    files = set(pages) | {"uppfoljning.ics"}
    found = dead_links(pages, {"index.html": "docs/index.md", "roller/index.html": "docs/roller.md"}, files)
    assert [str(d) for d in found] == [
        "docs/index.md: länken 'roller/#roll-b' leder till ett avsnitt (#roll-b) som inte finns på sidan roller/",
        "docs/index.md: länken 'saknas/' leder till en sida eller fil som inte finns",
        "docs/roller.md: länken '#roll-c' leder till ett avsnitt (#roll-c) som inte finns på samma sida",
    ]


def test_an_id_that_stands_twice_on_a_page_is_found():
    from macros.site.link_check import duplicate_ids

    pages = {
        "index.html": '<h2 id="a">A</h2><a name="a">x</a><p id="b"></p>',
        "roller/index.html": '<tr id="omrade-x"></tr><h2 id="omrade-x">X</h2><span id=\'omrade-x\'>'
                             '<script>var s = \'<b id="omrade-x">\';</script><i id="c"></i>',
        "404.html": '<p id="d"></p><p id="d"></p>',  # not a page of docs/: not checked
    }
    found = duplicate_ids(pages, {"index.html": "docs/index.md", "roller/index.html": "docs/roller.md"})
    assert [str(d) for d in found] == ["docs/roller.md: id:t 'omrade-x' står 3 gånger på sidan"]
