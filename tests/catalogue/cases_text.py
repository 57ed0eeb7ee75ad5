"""Cases: hostile text in data and prose, single-line names, quotes, macros in pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.catalogue.framework import (
    BUILD,
    Expectation,
    Literal,
    Project,
    Ran,
    Refused,
    Works,
    case,
    site_markup,
)
from tests.editing import with_related_document

#: Markup, script, a script URL and template syntax in one value: all must be shown as text.
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> \"><svg onload=alert(3)> "
    "javascript:alert(4) {{ 7*7 }} {% include 'x' %}"
)
MARKER = "alert("


def _literal(name: str, loc: tuple):
    def change(project: Project):
        if name == "metodik.yml" and not (project.path("data/metodik.yml").exists()
                                          and (project.data("metodik.yml") or {}).get("metodik")):
            # A policy without methods (they are optional: no file, or "metodik: []"): the
            # case gives it one, shown where the adopted text stands, as an organisation
            # that adds them would.
            project.write("data/metodik.yml", 'metodik:\n  - id: metod\n    text: "Text."\n')
            page = project.text_page()
            project.write(page, project.text(page) + "\n{{ methods() }}\n")
        if name == "dokument.yml" and loc[0] == "relaterade_dokument":
            # Related documents are optional too: a content without them is given one, and
            # the table of them where the document's facts stand, if no page shows it yet.
            with_related_document(project.path("data"))
            if not any("related_documents(" in p.read_text("utf-8") for p in project.path("docs").rglob("*.md")):
                page = project.page("dokument")
                project.write(page, project.text(page) + "\n{{ related_documents() }}\n")
        where = loc
        if len(loc) == 3 and isinstance(loc[1], int):
            # The first item that has the field (an optional field may be absent from some).
            items = project.data(name)[loc[0]]
            index = next((i for i, item in enumerate(items) if loc[2] in item), None)
            if index is None:  # no item has it: give the first one the field
                index = loc[1]
                text = project.text(f"data/{name}")
                first = re.search(r"(?m)^(\s*)- id: .*\n", text)
                indent = " " * (len(first.group(1)) + 2)
                project.write(f"data/{name}", text[:first.end()] + f"{indent}{loc[2]}: Text.\n"
                              + text[first.end():])
            where = (loc[0], index, loc[2])
        project.set_text(f"data/{name}", where, HOSTILE)
        project.assessment_follows()
        return Literal(HOSTILE, MARKER)

    return change


# --- Every text field from data is shown as the literal text it is ----------------------

_LITERAL_FIELDS = (
    ("role-name", "rollens namn", "roller.yml", ("roller", 0, "namn")),
    ("area-name", "områdets namn", "omraden.yml", ("områden", 0, "namn")),
    ("principle-name", "principens namn", "principer.yml", ("principer", 0, "namn")),
    ("principle-definition", "principens definition", "principer.yml", ("principer", 0, "definition")),
    ("goal-text", "en viljeriktning", "viljeriktningar.yml", ("viljeriktningar", 0, "text")),
    ("method-text", "en punkt i metodiken", "metodik.yml", ("metodik", 0, "text")),
    ("obligation-title", "en skyldighets benämning", "uppfoljning.yml", ("skyldigheter", 0, "benämning")),
    ("term", "en term i ordlistan", "ordlista.yml", ("termer", 0, "term")),
    ("term-definition", "en definition i ordlistan", "ordlista.yml", ("termer", 0, "definition")),
    ("term-source", "källan till en term i ordlistan", "ordlista.yml", ("termer", 0, "källa")),
    ("a11y-service", "tjänsten i tillgänglighetsredogörelsen", "tillganglighet.yml", ("tjänst",)),
    ("a11y-method", "metoden i tillgänglighetsredogörelsen", "tillganglighet.yml", ("metod",)),
    ("a11y-feedback", "återkopplingen i tillgänglighetsredogörelsen", "tillganglighet.yml", ("återkoppling",)),
    ("a11y-shortcoming", "en känd brist", "tillganglighet.yml", ("brister", 0, "brist")),
    ("a11y-reason", "skälet till en brist", "tillganglighet.yml", ("brister", 0, "skäl")),
    ("a11y-manual-check", "en manuell kontroll", "tillganglighet.yml", ("manuella_kontroller", 0)),
    ("document-name", "dokumentets namn", "dokument.yml", ("dokumentnamn",)),
    ("document-organisation", "organisationen", "dokument.yml", ("organisation",)),
    ("document-scope", "gäller för", "dokument.yml", ("gäller_för",)),
    ("related-name", "ett relaterat dokuments namn", "dokument.yml", ("relaterade_dokument", 0, "namn")),
)

for _id, _what, _file, _loc in _LITERAL_FIELDS:
    globals()[f"literal_{_id.replace('-', '_')}"] = case(
        f"literal-{_id}", f"skript, händelser, javascript: och mallkod i {_what}", BUILD
    )(_literal(_file, _loc))


# --- Single-line names --------------------------------------------------------------------


def _refused_text(name: str, loc: tuple, value: str, *words: str):
    def change(project: Project):
        line = project.set_text(f"data/{name}", loc, value)
        return Refused(f"data/{name}", line, words)

    return change


def _with(project: Project, name: str, loc: tuple, make) -> str:
    value = project.data(name)
    for part in loc:
        value = value[part]
    return make(value)


@case("name-newline", "radbrytning i en rolls namn")
def name_newline(project: Project):
    name = _with(project, "roller.yml", ("roller", 1, "namn"), lambda v: v[:3] + "\n" + v[3:])
    line = project.set_text("data/roller.yml", ("roller", 1, "namn"), name)
    return Refused("data/roller.yml", line, ("radbrytning",))


@case("name-bidi", "riktningsändrande tecken (U+202E) i ett områdes namn")
def name_bidi(project: Project):
    name = _with(project, "omraden.yml", ("områden", 0, "namn"), lambda v: "\u202e" + v)
    line = project.set_text("data/omraden.yml", ("områden", 0, "namn"), name)
    return Refused("data/omraden.yml", line, ("U+202E",))


@case("name-isolate", "riktningsisolering (U+2066) i en princips namn")
def name_isolate(project: Project):
    name = _with(project, "principer.yml", ("principer", 0, "namn"), lambda v: v + "\u2066")
    line = project.set_text("data/principer.yml", ("principer", 0, "namn"), name + "x")
    return Refused("data/principer.yml", line, ("U+2066",))


@case("name-zero-width", "osynligt mellanrum (U+200B) i en skyldighets benämning")
def name_zero_width(project: Project):
    loc = ("skyldigheter", 0, "benämning")
    title = _with(project, "uppfoljning.yml", loc, lambda v: v[:4] + "\u200b" + v[4:])
    line = project.set_text("data/uppfoljning.yml", loc, title)
    return Refused("data/uppfoljning.yml", line, ("U+200B",))


@case("name-control", "styrtecken (BEL) i en term")
def name_control(project: Project):
    term = _with(project, "ordlista.yml", ("termer", 0, "term"), lambda v: v + "\x07")
    line = project.set_text("data/ordlista.yml", ("termer", 0, "term"), term)
    return Refused("data/ordlista.yml", line, ("U+0007",))


@case("name-line-separator", "radavgränsare (U+2028) i dokumentets namn")
def name_line_separator(project: Project):
    name = _with(project, "dokument.yml", ("dokumentnamn",), lambda v: v + "\u2028" + v)
    line = project.set_text("data/dokument.yml", ("dokumentnamn",), name)
    return Refused("data/dokument.yml", line, ("U+2028",))


@case("name-tab", "tabbtecken inuti organisationens namn")
def name_tab(project: Project):
    name = _with(project, "dokument.yml", ("organisation",), lambda v: v.replace(" ", "\t", 1) + "\tx")
    line = project.set_text("data/dokument.yml", ("organisation",), name)
    return Refused("data/dokument.yml", line, ("tabb",))


@case("name-too-long", "ett rollnamn på 201 tecken")
def name_too_long(project: Project):
    line = project.set_text("data/roller.yml", ("roller", 0, "namn"), "R" * 201)
    return Refused("data/roller.yml", line, ("200 tecken",))


@case("name-huge", "ett rollnamn på en miljon tecken: meddelandet upprepar det inte")
def name_huge(project: Project):
    line = project.set_text("data/roller.yml", ("roller", 0, "namn"), "R" * 1_000_000)
    return Refused("data/roller.yml", line, ("tecken långt",), max_output=1500)


@case("scope-newline", "radbrytning i 'gäller för'")
def scope_newline(project: Project):
    line = project.set_text("data/dokument.yml", ("gäller_för",), "Alla\nverksamheter")
    return Refused("data/dokument.yml", line, ("radbrytning",))


@case("text-bidi", "riktningsändrande tecken i en flerradig antagen text")
def text_bidi(project: Project):
    loc = ("principer", 1, "definition")
    text = _with(project, "principer.yml", loc, lambda v: v.replace(" ", " \u202d", 1))
    line = project.set_text("data/principer.yml", loc, text)
    return Refused("data/principer.yml", line, ("U+202D",))


@case("text-newline-kept", "radbrytningar i en flerradig text fungerar", BUILD)
def text_newline_kept(project: Project):
    loc = ("principer", 1, "definition")
    text = _with(project, "principer.yml", loc, lambda v: v.replace(" ", "\n", 2))
    project.set_text("data/principer.yml", loc, text)
    return Literal(" ".join(text.split()), "\x00never")


# --- Values that end in table cells ------------------------------------------------------


@dataclass
class RowIntact(Expectation):
    """The site builds and the table row ``row_id`` on ``page`` has as many cells (by their
    span) as the table's header row, and the value is shown in it."""

    page: str
    row_id: str
    shown: str

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        html = (ran.site / self.page).read_text(encoding="utf-8")
        row = re.search(rf'<tr[^>]*id="{re.escape(self.row_id)}"[^>]*>(.*?)</tr>', html, re.DOTALL)
        assert row, f"row {self.row_id} not on {self.page}"
        table_start = html.rfind("<table", 0, row.start())
        header = re.search(r"<thead>\s*<tr>(.*?)</tr>", html[table_start:], re.DOTALL)
        expected = len(re.findall(r"<t[hd][\s>]", header.group(1)))
        # A cell spanning columns (empty matrix cells side by side) counts as its span.
        cells = sum(int(span or 1) for span in re.findall(r'<t[hd](?=[\s>])(?:\s[^>]*?colspan="(\d+)")?[^>]*>',
                                                          row.group(1)))
        assert cells == expected, f"{cells} cells in {self.row_id}, header has {expected}"
        shown = " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split())
        assert " ".join(self.shown.split()) in shown.replace("&amp;", "&"), shown


@case("table-pipe-title", "lodstreck | i en skyldighets benämning (en tabellcell)", BUILD)
def table_pipe_title(project: Project):
    obligation = project.data("uppfoljning.yml")["skyldigheter"][0]
    title = "A | B || C |"
    project.set_text("data/uppfoljning.yml", ("skyldigheter", 0, "benämning"), title)
    return RowIntact(project.built(project.page("uppfoljning")), f"skyldighet-{obligation['id']}", title)


@case("table-pipe-area", "lodstreck | i ett områdes namn (en rad i rollmatrisen)", BUILD)
def table_pipe_area(project: Project):
    area = project.data("omraden.yml")["områden"][0]
    project.set_text("data/omraden.yml", ("områden", 0, "namn"), "| Ett | två |")
    return RowIntact(project.built(project.page("roller")), f"omrade-{area['id']}", "| Ett | två |")


@case("table-blank-line-source", "tomma rader i en källa som står i en tabellcell", BUILD)
def table_blank_line_source(project: Project):
    obligation = project.data("uppfoljning.yml")["skyldigheter"][0]
    words = obligation["källa"].split()
    value = " ".join(words[:3]) + "\n\n\n" + " ".join(words[3:])
    project.set_text("data/uppfoljning.yml", ("skyldigheter", 0, "källa"), value)
    return RowIntact(project.built(project.page("uppfoljning")), f"skyldighet-{obligation['id']}", " ".join(words))


# --- Sources must be whole sentences of the adopted text --------------------------------


@case("quote-one-letter", "källan är en enda bokstav ur texten")
def quote_one_letter(project: Project):
    line = project.set_text("data/ansvar.yml", ("ansvar", 0, "källa"), "a")
    return Refused("data/ansvar.yml", line, ("hela meningar",))


def _help_sentence(project: Project) -> str:
    """A whole sentence of a page that is not the adopted text (the start page)."""
    body = project.text("docs/index.md").split("\n---\n", 1)[1]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n")
                  if p.strip() and not p.lstrip().startswith(("#", "-", "{", "<", "*"))]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p)
                 if len(s.split()) >= 5 and s.endswith(".")]
    return sentences[0]


@case("quote-help-text", "källan är en mening ur webbplatsens egen hjälptext")
def quote_help_text(project: Project):
    line = project.set_text("data/uppfoljning.yml", ("skyldigheter", 0, "källa"), _help_sentence(project))
    return Refused("data/uppfoljning.yml", line, ("antagna",))


@case("quote-half-sentence", "källan är första halvan av en mening")
def quote_half_sentence(project: Project):
    words = project.data("ansvar.yml")["ansvar"][1]["källa"].split()
    line = project.set_text("data/ansvar.yml", ("ansvar", 1, "källa"), " ".join(words[: len(words) // 2]))
    return Refused("data/ansvar.yml", line, ("hela meningar",))


@case("quote-sentence-tail", "källan börjar mitt i en mening")
def quote_sentence_tail(project: Project):
    words = project.data("dokument.yml")["revidering"]["källa"].split()
    line = project.set_text("data/dokument.yml", ("revidering", "källa"), " ".join(words[2:]))
    return Refused("data/dokument.yml", line, ("hela meningar",))


@case("quote-declared-page", "en sida som själv anger att den bär antagen text kan citeras")
def quote_declared_page(project: Project):
    sentence = _help_sentence(project)
    text = project.text("docs/index.md")
    project.write("docs/index.md", text.replace("---\n", "---\nantagen_text: true\n", 1))
    project.set_text("data/uppfoljning.yml", ("skyldigheter", 0, "källa"), sentence)
    return Works()


# --- Macros and template syntax in pages ---------------------------------------------------


def _append(project: Project, page: str, addition: str) -> int:
    text = project.text(page).rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    project.write(page, text + addition + "\n")
    return line


@case("page-undefined-macro", "ett makro som inte finns i en sida", BUILD)
def page_undefined_macro(project: Project):
    line = _append(project, "docs/index.md", "Text {{ finns_inte() }} mer text.")
    return Refused("docs/index.md", line, ("finns_inte",))


@case("page-unclosed-block", "ett {% if %} som aldrig avslutas i en sida", BUILD)
def page_unclosed_block(project: Project):
    page = project.page("dokument")
    line = _append(project, page, "{% if true %}\nVillkorad text.")
    return Refused(page, line, ("endif",))


@case("page-broken-expression", "ett trasigt uttryck {{ ( }} i en sida", BUILD)
def page_broken_expression(project: Project):
    page = project.page("roller")
    line = _append(project, page, "Fel: {{ ( }}")
    return Refused(page, line, ("mall",))


@case("page-missing-include", "en sida tar in en fil som inte finns", BUILD)
def page_missing_include(project: Project):
    page = project.text_page()
    line = _append(project, page, "{% include 'finns-inte.md' %}")
    return Refused(page, line, ("finns-inte.md",))


@case("page-macro-wrong-arguments", "ett makro med fel argument i en sida", BUILD)
def page_macro_wrong_arguments(project: Project):
    page = project.page("uppfoljning")
    line = _append(project, page, "{{ feed_link() }}")
    return Refused(page, line, ("feed_link",))


# --- Abbreviations are never marked up inside markup --------------------------------------


@dataclass
class AbbreviationsOutsideMarkup(Expectation):
    """Builds; no abbr inside an entity, tag or attribute; the running-text words marked."""

    marked: tuple[str, ...]
    shown: str

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        pages = {p.relative_to(ran.site).as_posix(): p.read_text(encoding="utf-8")
                 for p in ran.site.rglob("*.html")}
        for name, html in pages.items():
            assert not re.search(r"&<abbr|&#?<abbr", html), f"{name}: abbr inside an entity"
            assert not re.search(r"<abbr[^>]*>\w+</abbr>;", html), f"{name}: abbr inside an entity"
            for tag in re.findall(r"<[a-zA-Z][^<>]*<abbr", html):
                raise AssertionError(f"{name}: abbr inside a tag: {tag[:200]}")
        markup = site_markup(ran.site)
        for name, page in markup.items():
            for url in page.urls:
                assert "abbr" not in url, f"{name}: abbr in a link {url}"
        text = " ".join(" ".join("".join(p.text).split()) for p in markup.values())
        assert self.shown in text, f"{self.shown!r} not shown"
        for word in self.marked:
            assert any(re.search(rf"<abbr title=\"[^\"]*\">{word}</abbr>", h) for h in pages.values()), word


@case("abbr-entities", "förkortningarna amp, gt, quot, href, class och lt märks bara i löptext", BUILD)
def abbr_entities(project: Project):
    terms = project.text("data/ordlista.yml").rstrip("\n")
    project.write("data/ordlista.yml", terms + (
        "\n  - id: testord\n    term: Ett \"ord\" & <annat>\n"
        "    förkortningar: [amp, gt, quot, href, class, lt]\n"
        "    definition: 'Tecknen & < > \"citat\" och ordet href i löptext.'\n"
        "    källa: Test\n"
    ))
    _append(project, project.page("dokument"),
            "Orden href och class står här, i `kod med amp` och i [en länk](index.md \"gt\").\n\n"
            "```\nhref class amp\n```")
    return AbbreviationsOutsideMarkup(("href", "class"), 'Tecknen & < > "citat"')


# --- The adopted text as decided (data/antagen-text.txt) on the pages --------------------

ADOPTED_FILE = "data/antagen-text.txt"


def _last_sentence_line(project: Project) -> tuple[int, str]:
    """The line of the file's last section where a sentence starts, and that line."""
    lines = project.text(ADOPTED_FILE).splitlines()
    for number in range(len(lines), 0, -1):
        words = lines[number - 1].split()
        if len(words) >= 3 and not re.match(r"^\d+(\.\d+)*\.?$", words[0]) and words[0][0].isupper():
            return number, lines[number - 1]
    raise AssertionError("no sentence in the adopted text")


@case("adopted-sentence-not-on-page", "en mening i den antagna texten som inte står på sidan")
def adopted_sentence_not_on_page(project: Project):
    number, line = _last_sentence_line(project)
    words = line.split()
    lines = project.text(ADOPTED_FILE).splitlines(keepends=True)
    lines[number - 1] = lines[number - 1].replace(words[0], words[0] + "x", 1)  # a word misspelt
    project.write(ADOPTED_FILE, "".join(lines))
    return Refused(ADOPTED_FILE, number, ("står inte ordagrant",))


@case("adopted-text-missing", "data/antagen-text.txt saknas")
def adopted_text_missing(project: Project):
    project.path(ADOPTED_FILE).unlink()
    return Refused(ADOPTED_FILE, None, ("filen saknas", "README"))


@case("adopted-page-undeclared", "ingen sida har antagen_text: true")
def adopted_page_undeclared(project: Project):
    for path in project.path("docs").rglob("*.md"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"^antagen_text:\s*true\s*\n", "", text, flags=re.MULTILINE), "utf-8")
    return Refused("docs/", None, ("antagen_text: true",))
