"""The renderers, on small data: structure, escaping, unknown facts."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from macros.views import document_facts
from macros.views import policy_text
from macros.policy.model import (
    Decision,
    DocumentFile,
    Policy,
    Principle,
    RelatedDocument,
    Revision,
    Role,
    Statement,
)

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


class Tree(HTMLParser):
    """Records start tags and text, to assert on structure rather than strings."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


HOSTILE = "<script>alert('x')</script> {{ config.site_name }} & {% if x %}"


def principle(pid: str, name: str, definition: str) -> Principle:
    return Principle(id=pid, namn=name, definition=definition)


def small_policy(**document_changes) -> Policy:
    fields = {
        "dokumentnamn": "Testpolicy",
        "organisation": "Exempels kommun",
        "dokumenttyp": "policy",
        "status": "antagen",
        "beslutas_av": "fullmaktige",
        "beslut": Decision(datum="uppgift saknas", paragraf="§ 12", diarienummer="uppgift saknas"),
        "dokumentansvarig": "uppgift saknas",
        "gäller_för": "Hela kommunen",
        "revidering": Revision(regel="vid_behov", källa="Policyn revideras vid behov."),
        "relaterade_dokument": [
            RelatedDocument(
                id="bestammelser", namn="Bestämmelser", dokumenttyp="bestämmelser",
                beslutas_av="styrelsen", status="ej_publicerat", källa="Se bestämmelser.",
            ),
            RelatedDocument(
                id="riktlinjer", namn="Riktlinjer", dokumenttyp="riktlinjer",
                beslutas_av="styrelsen", status="publicerat", adress="https://intranat.example.org/riktlinjer/",
                källa="Se riktlinjer.",
            ),
        ],
    }
    fields.update(document_changes)
    return Policy(
        document=DocumentFile(**fields),
        principles=[principle("a", "A", "Def A.")],
        goals=[],
        methods=[],
        roles=[
            Role(id="fullmaktige", namn="Fullmäktige", slag="politisk_församling"),
            Role(id="styrelsen", namn="Styrelsen", slag="styrelse_eller_nämnd"),
        ],
        areas=[],
        responsibilities=[],
        obligations=[],
    )


def test_principles_are_one_description_list_of_named_parts():
    html = policy_text.principles(
        [principle("k", "Konfidentialitet", "Def K."), principle("r", "Riktighet", "Def R."),
         principle("t", "Tillgänglighet", "Def T.")]
    )
    tree = Tree(html)
    assert tree.names().count("dl") == 1
    assert tree.names().count("dt") == 3 and tree.names().count("dd") == 3
    assert tree.tags[0][1]["aria-label"] == "Principer"
    assert " ".join("".join(tree.text).split()) == (
        "Konfidentialitet Def K. Riktighet Def R. Tillgänglighet Def T."
    )
    assert "\n\n" not in html  # one raw HTML block for Markdown


def test_data_text_is_escaped_and_never_a_template():
    html = policy_text.principles([principle("x", HOSTILE, HOSTILE)])
    assert "<script>" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; {{ config.site_name }} &amp; {% if x %}" in html
    tree = Tree(html)
    assert "".join(tree.text).count(HOSTILE) == 2


def test_statement_list_keeps_order_and_ids():
    html = policy_text.statement_list(
        [Statement(id="forsta", text="Första."), Statement(id="andra", text="Andra <b>.")],
        "mal",
    )
    tree = Tree(html)
    assert [a.get("id") for t, a in tree.tags if t == "li"] == ["mal-forsta", "mal-andra"]
    assert [t for t in tree.text if t.strip()] == ["Första.", "Andra <b>."]


def test_role_texts_skip_roles_without_adopted_text():
    roles = [
        Role(id="a", namn="A", slag="funktion", policytext=["Första stycket.", "Andra stycket."]),
        Role(id="b", namn="B", slag="grupp"),
    ]
    tree = Tree(policy_text.role_texts(roles))
    assert [a["id"] for t, a in tree.tags if t == "div"] == ["roll-a"]
    assert tree.names().count("p") == 2


def test_facts_table_says_unknown_facts_are_missing():
    tree = Tree(document_facts.facts_table(small_policy()))
    rows = [a for t, a in tree.tags if t == "th"]
    assert all(a["scope"] == "row" for a in rows)
    assert "caption" in tree.names()
    text = [t for t in tree.text if t.strip()]
    assert text[text.index("Beslutsdatum") + 1] == "Uppgift saknas"
    assert text[text.index("Paragraf") + 1] == "§ 12"
    assert text[text.index("Diarienummer") + 1] == "Uppgift saknas"
    assert text[text.index("Beslutad av") + 1] == "Fullmäktige"


def test_facts_table_shows_a_known_date_as_time():
    policy = small_policy(
        beslut=Decision(datum=dt.date(2026, 11, 2), paragraf="§ 1", diarienummer="KS 2026/1")
    )
    tree = Tree(document_facts.facts_table(policy))
    assert ("time", {"datetime": "2026-11-02"}) in tree.tags


def test_a_related_document_of_the_site_links_to_its_page_there():
    on_site = RelatedDocument(id="rutin", namn="Rutin", dokumenttyp="rutin", beslutas_av="styrelsen",
                              status="publicerat", dokument="rutin", källa="Se rutinen.")
    policy = small_policy(relaterade_dokument=[on_site])
    tree = Tree(document_facts.related_documents(policy, {"rutin": "../rutin/"}))
    assert [a["href"] for t, a in tree.tags if t == "a"] == ["../rutin/"]
    assert "Publicerat" in tree.text


def test_related_documents_link_only_what_is_published():
    tree = Tree(document_facts.related_documents(small_policy()))
    links = [a["href"] for t, a in tree.tags if t == "a"]
    assert links == ["https://intranat.example.org/riktlinjer/"]
    assert "Inte publicerat ännu" in tree.text
    assert [a["scope"] for t, a in tree.tags if t == "th"] == ["col"] * 4 + ["row"] * 2
