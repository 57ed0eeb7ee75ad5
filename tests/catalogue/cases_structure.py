"""Cases: input that would change the site's structure (issue 20, second round): an
abbreviation that rewrites the pages, generated ids that collide, a reporting graph too
dense to draw, files in docs/ and the overrides that are not files of the project, and a
page's front matter that does not parse."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.site.config import BASE_FILE
from tests.catalogue.framework import (
    BUILD,
    Expectation,
    Project,
    Ran,
    Refused,
    Works,
    case,
    site_markup,
)
from tests.editing import add_key

GLOSSARY = "data/ordlista.yml"


def _rewrite(project: Project, name: str, change) -> None:
    """Change a data file's plain value and write it back (its comments are lost)."""
    value = project.data(name)
    change(value)
    project.write(f"data/{name}", yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100))


def _page_calling(project: Project, macro: str) -> str:
    """``docs/<page>.md`` of the first page (in name order) that calls ``macro``."""
    for path in sorted(project.path("docs").rglob("*.md")):
        if re.search(r"\{\{-?\s*" + macro + r"\(", path.read_text("utf-8")):
            return f"docs/{path.relative_to(project.path('docs')).as_posix()}"
    raise AssertionError(f"no page of the copy calls {macro}()")


def _pages(ran: Ran) -> dict[str, str]:
    assert ran.site is not None
    return {p.relative_to(ran.site).as_posix(): p.read_text("utf-8") for p in ran.site.rglob("*.html")}


# --- 1. An abbreviation is marked in prose only, and never one that is syntax ------------------


def _abbreviation_added(project: Project, abbreviation: str) -> tuple[int, dict]:
    """Add ``abbreviation`` to the first term that has abbreviations (in a glossary without
    any, to its first term, as an organisation that adds one would); its line and term."""
    terms = project.data("ordlista.yml")["termer"]
    index = next((i for i, t in enumerate(terms) if t.get("förkortningar")), None)
    if index is None:
        return add_key(project.path(GLOSSARY), "termer", "förkortningar", f'["{abbreviation}"]'), terms[0]
    term = terms[index]
    listed = ", ".join(f'"{a}"' for a in [*term["förkortningar"], abbreviation])
    line = project.set(GLOSSARY, ("termer", index, "förkortningar"), f"[{listed}]")
    return line, term


@case("abbr-dash-refused", "förkortningen '-' (varje punktlista skulle bli stycken)")
def abbr_dash(project: Project):
    line, _ = _abbreviation_added(project, "-")
    return Refused(GLOSSARY, line, ("förkortningen '-'", "uppbyggnad"))


@case("abbr-dash-refused-build", "förkortningen '-' när webbplatsen byggs", BUILD)
def abbr_dash_build(project: Project):
    line, _ = _abbreviation_added(project, "-")
    return Refused(GLOSSARY, line, ("förkortningen '-'", "uppbyggnad"))


@case("abbr-include-line-refused", "förkortningen --8<-- (raden som tar in guiden)")
def abbr_include_token(project: Project):
    line, _ = _abbreviation_added(project, "--8<--")
    return Refused(GLOSSARY, line, ("uppbyggnad",))


#: The guide for editors, as a page includes it (docs/bidra.md: --8<-- "CONTRIBUTING.md:guide").
INCLUDE = re.compile(r"""^--8<--[ \t]+(["'])CONTRIBUTING\.md(?::([\w-]+))?\1""", re.MULTILINE)


def _guide_page(project: Project) -> tuple[str, str]:
    """The page that includes the editors' guide, and the word its include line holds (the
    section's name). Content without one gets the line on its start page, as an organisation
    that shows the guide would write it (the snippets extension is the project's, for all)."""
    for path in sorted(project.path("docs").rglob("*.md")):
        found = INCLUDE.search(path.read_text("utf-8"))
        if found:
            return f"docs/{path.relative_to(project.path('docs')).as_posix()}", found.group(2) or "md"
    assert "pymdownx.snippets" in project.text(BASE_FILE)
    page = "docs/index.md"
    project.write(page, project.text(page).rstrip("\n") + '\n\n## Guiden {#guiden}\n\n--8<-- "CONTRIBUTING.md:guide"\n')
    return page, "guide"


def _guide_headings(project: Project, section: str) -> list[str]:
    """The headings of the guide's section in CONTRIBUTING.md, as a reader sees them."""
    text = project.text("CONTRIBUTING.md")
    if section != "md":
        text = text.split(f"[start:{section}]", 1)[1].split(f"[end:{section}]", 1)[0]
    return [re.sub(r"[`*]", "", h).strip() for h in re.findall(r"^#{2,3} (.+)$", text, re.MULTILINE)]


@dataclass
class MarkedInProseOnly(Expectation):
    """Builds; on ``page`` the word is marked in the prose, the include line is not shown
    as text and the included guide is there (each of its headings)."""

    page: str
    word: str
    expansion: str
    headings: list[str]

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        html = _pages(ran)[project.built(self.page)]
        assert f'<abbr title="{self.expansion}">{self.word}</abbr>' in html, "not marked in the prose"
        assert "--8&lt;--" not in html and "--8<--" not in html, "the include line is shown as text"
        text = " ".join("".join(site_markup(ran.site)[project.built(self.page)].text).split())
        assert self.headings, "the guide has no headings"
        for heading in self.headings:
            assert heading in text, f"the guide's heading {heading!r} is not on {self.page}"


@case("abbr-word-in-include-line", "en förkortning som också står i raden som tar in guiden", BUILD)
def abbr_word_in_include_line(project: Project):
    page, word = _guide_page(project)
    _, term = _abbreviation_added(project, word)
    project.write(page, project.text(page).rstrip("\n") + f"\n\nOrdet {word} står också i löptexten.\n")
    return MarkedInProseOnly(page, word, term["term"], _guide_headings(project, word))


def _include_added(project: Project, target: str) -> tuple[str, int]:
    """A line that takes in ``target`` (--8<--) at the end of the start page; the page and
    the line."""
    page = "docs/index.md"
    text = project.text(page).rstrip("\n") + "\n\n"
    project.write(page, text + f'--8<-- "{target}"\n')
    return page, text.count("\n") + 1


@case("include-missing-file-refused", "en sida tar in en fil som inte finns (--8<--)", BUILD)
def include_missing_file(project: Project):
    page, line = _include_added(project, "finns-inte-alls.md")
    return Refused(page, line, ("finns-inte-alls.md", "finns inte i projektet"))


@case("include-missing-section-refused", "en sida tar in ett avsnitt av guiden som inte finns", BUILD)
def include_missing_section(project: Project):
    page, line = _include_added(project, "CONTRIBUTING.md:finns-inte-alls")
    return Refused(page, line, ("CONTRIBUTING.md:finns-inte-alls", "inget avsnitt"))


@case("include-outside-project-refused", "en sida tar in en fil utanför projektet (/etc/passwd)", BUILD)
def include_outside(project: Project):
    page, line = _include_added(project, "/etc/passwd")
    return Refused(page, line, ("/etc/passwd", "utanför projektet"))


@case("include-binary-file-refused", "en sida tar in en fil som inte är text (en bild)", BUILD)
def include_binary(project: Project):
    project.write("bild.png", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    page, line = _include_added(project, "bild.png")
    return Refused(page, line, ("bild.png", "inte text i UTF-8"))


@case("include-address-refused", "en sida tar in en adress (https://…)", BUILD)
def include_address(project: Project):
    page, line = _include_added(project, "https://example.org/text.md")
    return Refused(page, line, ("https://example.org/text.md", "bara in filer i projektet"))


@case("include-page-itself-refused", "en sida tar in sig själv, så att dess rubriker står två gånger", BUILD)
def include_page_itself(project: Project):
    page = "docs/index.md"
    project.write(page, project.text(page).rstrip("\n") + "\n\n## Egen rubrik {#egen-rubrik-2f9}\n")
    _include_added(project, page)
    # The build stops on the id that now stands twice, and make check sees it first; both
    # name the cause (macros/site/link_check.py, DUPLICATE_ID_ADVICE).
    return Refused(page, None, ("'egen-rubrik-2f9'", "står 2 gånger på sidan", "tar in med --8<--"))


# --- 2. Generated ids never collide ----------------------------------------------------------


def _ids(html: str) -> list[str]:
    return re.findall(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""", html)


@dataclass
class UniqueIds(Expectation):
    """Builds; no page has an id twice, and ``present`` are on ``page``."""

    page: str
    present: tuple[str, ...]

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        pages = _pages(ran)
        for name, html in pages.items():
            ids = _ids(html)
            twice = sorted({i for i in ids if ids.count(i) > 1})
            assert not twice, f"{name}: ids twice: {twice[:5]}"
        ids = set(_ids(pages[project.built(self.page)]))
        for wanted in self.present:
            assert wanted in ids, f"{wanted} not on {self.page}"


@case("ids-area-role-collide", "område 'a' med roll 'b-c' och område 'a-b' med roll 'c' (samma id med ett bindestreck)",
      BUILD)
def ids_collide(project: Project):
    # Two new cells: area A with role "krock-R" and area "A-krock" with role R, where A and R
    # are the area and role of the first responsibility: joined by single hyphens, both
    # would be "kalla-A-krock-R-<type>".
    first = project.data("ansvar.yml")["ansvar"][0]
    area, role, kind = first["område"], first["roll"], first["typ"]
    new_role, new_area = f"krock-{role}", f"{area}-krock"
    _rewrite(project, "roller.yml", lambda v: v["roller"].append(
        {"id": new_role, "namn": "Krockroll", "slag": "funktion"}))
    _rewrite(project, "omraden.yml", lambda v: v["områden"].append({"id": new_area, "namn": "Krockområde"}))
    _rewrite(project, "ansvar.yml", lambda v: v["ansvar"].extend([
        {"id": "krock-1", "roll": new_role, "område": area, "typ": kind, "källa": first["källa"]},
        {"id": "krock-2", "roll": role, "område": new_area, "typ": kind, "källa": first["källa"]},
    ]))
    project.assessment_follows()
    return UniqueIds(_page_calling(project, "role_matrix"), (f"omrade-{new_area}", f"roll-{new_role}"))


# --- 3. A reporting graph too dense to draw is shown as text ------------------------------------


@dataclass
class DrawingLeftOut(Expectation):
    """Builds; ``page`` has no drawing of the reporting lines but a sentence that says so,
    and the text list names every role of ``roles``."""

    page: str
    roles: list[str]

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        html = _pages(ran)[project.built(self.page)]
        assert 'id="rapportvagar"' not in html and "diagram--unscaled" not in html, "drawn"
        assert "Diagrammet över rapportvägarna är inte ritat" in html
        listed = re.search(r'<ul class="diagram-text">(.*?)</ul>', html, re.S).group(1)
        for role in self.roles:
            assert f'href="#roll-{role}"' in listed, role


@case("reporting-dense-graph", "50 roller som var och en rapporterar till alla andra", BUILD)
def reporting_dense(project: Project):
    answers = project.data("ansvar.yml")["ansvar"]
    reporting = next(a for a in answers if a["typ"] == "rapporterar")
    ids = [f"tat-{i}" for i in range(1, 51)]
    _rewrite(project, "roller.yml", lambda v: v["roller"].extend(
        {"id": i, "namn": f"Roll {i}", "slag": "funktion"} for i in ids))
    _rewrite(project, "ansvar.yml", lambda v: v["ansvar"].extend(
        {"id": f"{i}-rapporterar", "roll": i, "område": reporting["område"], "typ": "rapporterar",
         "till": [j for j in ids if j != i], "källa": reporting["källa"]} for i in ids))
    project.assessment_follows()
    return DrawingLeftOut(_page_calling(project, "reporting_diagram"), ids)


# --- 6. docs/ and the overrides: regular files inside the project -------------------------------


@dataclass
class RefusedNothingOut(Expectation):
    """Refused naming ``file``; no file of the site holds what ``outside`` holds."""

    file: str
    outside: Path
    words: tuple[str, ...]

    def verify(self, ran: Ran, project: Project) -> None:
        Refused(self.file, None, self.words).verify(ran, project)
        secret = self.outside.read_bytes() if self.outside.is_file() else None
        if ran.site is not None and ran.site.exists() and secret:
            for path in ran.site.rglob("*"):
                assert not (path.is_file() and path.read_bytes() == secret), f"{path} is the file outside"


def _outside(project: Project) -> Path:
    secret = project.root.parent / "utanfor-projektet.txt"
    secret.write_text("hemlig rad utanför projektet\n", encoding="utf-8")
    return secret


@case("docs-symlink-out", "en symbolisk länk i docs/ till en fil utanför projektet", BUILD)
def docs_symlink_out(project: Project):
    secret = _outside(project)
    project.path("docs/passwd.txt").symlink_to(secret)
    return RefusedNothingOut("docs/passwd.txt", secret, ("länk", "ut ur projektet"))


@case("docs-symlink-out-check", "en symbolisk länk i docs/ ut ur projektet, med make check")
def docs_symlink_out_check(project: Project):
    project.path("docs/passwd.txt").symlink_to(_outside(project))
    return Refused("docs/passwd.txt", None, ("ut ur projektet",))


@case("docs-symlink-broken", "en trasig symbolisk länk i docs/", BUILD)
def docs_symlink_broken(project: Project):
    project.path("docs/bild.png").symlink_to(project.root / "finns-inte.png")
    return Refused("docs/bild.png", None, ("länk", "inte till något som finns"))


@case("docs-fifo", "en namngiven pipe (FIFO) i docs/", BUILD)
def docs_fifo(project: Project):
    os.mkfifo(project.path("docs/ror.md"))
    return Refused("docs/ror.md", None, ("FIFO",))


@case("docs-folder-link-out", "en mapp i docs/ som är en länk till en mapp utanför projektet", BUILD)
def docs_folder_out(project: Project):
    secret = _outside(project)
    project.path("docs/bilder").symlink_to(secret.parent, target_is_directory=True)
    return RefusedNothingOut("docs/bilder", secret, ("ut ur projektet",))


@case("overrides-symlink-out", "en symbolisk länk i temats overrides/ ut ur projektet", BUILD)
def overrides_symlink_out(project: Project):
    secret = _outside(project)
    project.path("overrides/assets/hemlig.txt").symlink_to(secret)
    return RefusedNothingOut("overrides/assets/hemlig.txt", secret, ("ut ur projektet",))


# --- 7. A page's front matter that does not parse stops the build -------------------------------


def _page_with_title(project: Project) -> tuple[str, str]:
    """The first page (in name order) whose front matter has a title line, and the line."""
    for path in sorted(project.path("docs").rglob("*.md")):
        text = path.read_text("utf-8")
        front = re.match(r"---\n(.*?\n)---\n", text, re.S)
        title = front and re.search(r"^title: [^\"'\n].*$", front.group(1), re.M)
        if title:
            return f"docs/{path.relative_to(project.path('docs')).as_posix()}", title.group(0)
    raise AssertionError("no page of the copy has a title in its front matter")


def _open_quote(project: Project) -> tuple[str, int]:
    page, title = _page_with_title(project)
    line = project.replace(page, title, title.replace("title: ", 'title: "', 1))
    return page, line


@case("front-matter-open-quote", "ett citattecken som aldrig avslutas i en sidas sidhuvud", BUILD)
def front_matter_open_quote(project: Project):
    page, line = _open_quote(project)
    return Refused(page, line, ("sidhuvudet", "citattecknet"))


@case("front-matter-open-quote-check", "ett citattecken som aldrig avslutas i en sidas sidhuvud, make check")
def front_matter_open_quote_check(project: Project):
    page, line = _open_quote(project)
    return Refused(page, line, ("sidhuvudet", "citattecknet"))


@case("front-matter-unclosed", "ett sidhuvud utan den avslutande raden ---", BUILD)
def front_matter_unclosed(project: Project):
    page, _ = _page_with_title(project)
    text = project.text(page)
    end = text.index("\n---\n", 3)
    project.write(page, text[:end] + "\n" + text[end + 5:])
    return Refused(page, 1, ("avslutas aldrig",))
