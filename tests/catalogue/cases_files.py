"""Cases: files as they arrive broken: other encodings, stray files, a broken assessment,
and the line ends and byte order marks of other editors, which must simply work."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from macros.policy.sources import collect, fingerprint
from tests.catalogue.framework import (
    BUILD,
    CHECK,
    Expectation,
    Literal,
    Project,
    Ran,
    Refused,
    Works,
    case,
    fresh_project,
    site_markup,
)
from tests.conftest import BUILD_DAY

ROLES = "data/roller.yml"
ASSESSMENT = "data/granskning.json"


# --- The same site, whatever the line ends ----------------------------------------------------


def _page_texts(site: Path) -> dict[str, str]:
    return {name: " ".join("".join(page.text).split()) for name, page in site_markup(site).items()}


_BASELINE: dict[str, object] = {}


def _baseline() -> dict[str, object]:
    """The pages' text and the recorded sources of the unchanged project, built once."""
    if not _BASELINE:
        folder = Path(tempfile.mkdtemp(prefix="katalog-utgangslage-"))
        atexit.register(shutil.rmtree, folder, True)
        ran = BUILD(fresh_project(folder / "projekt"))
        assert ran.returncode == 0 and ran.site is not None, ran.output[-3000:]
        _BASELINE["pages"] = _page_texts(ran.site)
        _BASELINE["sources"] = (ran.site / "kallor.json").read_text(encoding="utf-8")
    return _BASELINE


@dataclass
class SameSite(Expectation):
    """The build and make check succeed, and the site reads exactly as the unchanged one."""

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        Works().verify(CHECK(project), project)
        assert ran.site is not None
        baseline = _baseline()
        pages = _page_texts(ran.site)
        assert sorted(pages) == sorted(baseline["pages"])
        differing = [name for name in pages if pages[name] != baseline["pages"][name]]
        assert not differing, f"pages that read differently: {differing}"
        recorded = (ran.site / "kallor.json").read_text(encoding="utf-8")
        assert recorded == baseline["sources"], "kallor.json records other sources"


def _windows(project: Project, folder: str, pattern: str) -> None:
    """Save every file as a Windows editor might: a BOM and CRLF line ends."""
    for path in sorted(project.path(folder).glob(pattern)):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


@case("bom-crlf-data-build", "alla datafiler med BOM och CRLF ger samma webbplats", command=BUILD)
def bom_crlf_data(project: Project):
    _windows(project, "data", "*.yml")
    return SameSite()


@case("bom-crlf-pages-build", "alla sidor med BOM och CRLF ger samma webbplats", command=BUILD)
def bom_crlf_pages(project: Project):
    _windows(project, "docs", "*.md")
    return SameSite()


# --- Encodings ---------------------------------------------------------------------------------


def _first_non_ascii_line(text: str) -> int:
    index = next(i for i, c in enumerate(text) if ord(c) > 127)
    return text[:index].count("\n") + 1


def _latin1(project: Project, name: str) -> int:
    """Save a file as Latin-1; the line of its first byte that is not UTF-8."""
    text = project.text(name)
    project.write(name, text.encode("latin-1", errors="replace"))
    return _first_non_ascii_line(text)


@case("encoding-data-latin1", "en datafil sparad som Latin-1")
def data_latin1(project: Project):
    line = _latin1(project, ROLES)
    return Refused(ROLES, line, ("UTF-8",))


@case("encoding-data-utf16", "en datafil sparad som UTF-16")
def data_utf16(project: Project):
    project.write(ROLES, project.text(ROLES).encode("utf-16"))
    return Refused(ROLES, 1, ("UTF-8",))


@case("encoding-page-latin1", "en sida sparad som Latin-1")
def page_latin1(project: Project):
    page = project.text_page()
    line = _latin1(project, page)
    return Refused(page, line, ("UTF-8",))


@case("encoding-page-latin1-build", "en sida sparad som Latin-1, när webbplatsen byggs", command=BUILD)
def page_latin1_build(project: Project):
    page = project.text_page()
    line = _latin1(project, page)
    return Refused(page, line, ("UTF-8",))


@case("data-too-large", "en datafil på 3 MB")
def data_too_large(project: Project):
    project.write(ROLES, project.text(ROLES) + ("# " + "x" * 1000 + "\n") * 3000)
    return Refused(ROLES, None, ("byte",))


@case("data-symlink", "en datafil som är en symbolisk länk")
def data_symlink(project: Project):
    elsewhere = project.root.parent / "utanfor.yml"
    elsewhere.write_text(project.text(ROLES), encoding="utf-8")
    project.path(ROLES).unlink()
    project.path(ROLES).symlink_to(elsewhere)
    return Refused(ROLES, None, ("länk",))


# --- Stray files -------------------------------------------------------------------------------


@case("stray-twin", "roller.yaml bredvid roller.yml")
def stray_twin(project: Project):
    project.write("data/roller.yaml", project.text(ROLES))
    return Refused("data/roller.yaml", None, ("menade du 'roller.yml'",))


@case("stray-broken-notes", "en trasig anteckningar.yml i data/")
def stray_notes(project: Project):
    project.write("data/anteckningar.yml", "att göra: [\n")
    return Refused("data/anteckningar.yml", None, ("läses inte",))


@case("stray-subfolder", "en datafil i en undermapp av data/")
def stray_subfolder(project: Project):
    project.write("data/gammalt/roller.yml", project.text(ROLES))
    return Refused("data/gammalt/roller.yml", None, ("läses inte",))


@case("stray-json", "en okänd JSON-fil i data/", command=BUILD)
def stray_json(project: Project):
    project.write("data/export.json", "{}\n")
    return Refused("data/export.json", None, ("läses inte",))


# --- The accessibility assessment (data/granskning.json) ---------------------------------------


def _recorded(project: Project) -> dict:
    """A valid assessment of the copy's own site, as make granskning writes it."""
    document, statement = project.data("dokument.yml"), project.data("tillganglighet.yml")
    record = {
        "organisation": document["organisation"], "tjänst": statement["tjänst"],
        "källor": fingerprint(collect(project.root)),
        "datum": BUILD_DAY.isoformat(), "verktyg": "axe-core 4.12.1",
        "regler": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        "sidor": 10, "lägen": ["ljust", "mörkt"], "bredder": [1280, 360], "kontroller": 40, "fel": 0,
    }
    project.write(ASSESSMENT, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return record


def _assessment(project: Project, key: str, value: str) -> int:
    """Replace the JSON value of a key of the assessment; the line of the key."""
    record = _recorded(project)
    old = f'"{key}": {json.dumps(record[key], ensure_ascii=False)}'
    if old not in project.text(ASSESSMENT):  # a list written over several lines
        old = f'"{key}": ['
        line = project.line_of(ASSESSMENT, old)
        lines = project.text(ASSESSMENT).split("\n")
        end = next(i for i in range(line - 1, len(lines)) if lines[i].strip().startswith("]"))
        lines[line - 1 : end + 1] = [lines[line - 1].split('"')[0] + f'"{key}": {value}' + lines[end].strip()[1:]]
        project.write(ASSESSMENT, "\n".join(lines))
        return line
    return project.replace(ASSESSMENT, old, f'"{key}": {value}')


@case("assessment-invalid-json", "granskning.json med ett kommatecken för lite")
def assessment_invalid(project: Project):
    _recorded(project)
    line = project.line_of(ASSESSMENT, '"verktyg"')
    project.replace(ASSESSMENT, project.text(ASSESSMENT).split("\n")[line - 1] + "\n",
                    project.text(ASSESSMENT).split("\n")[line - 1].rstrip(",") + "\n")
    return Refused(ASSESSMENT, line + 1, ("JSON",))


@case("assessment-invalid-json-build", "granskning.json trasig när webbplatsen byggs", command=BUILD)
def assessment_invalid_build(project: Project):
    _recorded(project)
    project.write(ASSESSMENT, project.text(ASSESSMENT)[:-5])
    return Refused(ASSESSMENT, None, ("JSON",))


@dataclass
class StatementSays(Expectation):
    """The site builds, and the accessibility statement says ``said`` and not ``unsaid``."""

    said: str
    unsaid: str

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        pages = {name: " ".join("".join(page.text).split()) for name, page in site_markup(ran.site).items()}
        statement = [name for name, text in pages.items() if "automatisk granskning" in text.casefold()
                     or "automatiska granskningen" in text]
        assert statement, "no page speaks of the automated assessment"
        for name in statement:
            assert self.said in pages[name], (name, self.said)
            assert self.unsaid not in pages[name], (name, self.unsaid)


@case("assessment-other-site", "granskning.json kopierad från en annan organisations webbplats",
      command=BUILD)
def assessment_other_site(project: Project):
    record = _recorded(project)
    _assessment(project, "organisation", json.dumps("Någon annans kommun"))
    return StatementSays("Ingen automatisk granskning är registrerad för den här webbplatsen.",
                         record["verktyg"])


@case("assessment-other-service", "granskning.json från en annan tjänst", command=BUILD)
def assessment_other_service(project: Project):
    record = _recorded(project)
    _assessment(project, "tjänst", json.dumps("Ett annat intranät"))
    return StatementSays("Ingen automatisk granskning är registrerad för den här webbplatsen.",
                         record["verktyg"])


@case("assessment-earlier-content", "granskning.json från innehållet före en ändring", command=BUILD)
def assessment_earlier(project: Project):
    record = _recorded(project)
    project.write("docs/index.md", project.text("docs/index.md") + "\nEn mening som inte fanns vid granskningen.\n")
    return StatementSays(f"gjordes {record['datum']} med {record['verktyg']}, av en tidigare version",
                         "av just det här innehållet")


@case("assessment-current-content", "granskning.json från just det här innehållet", command=BUILD)
def assessment_current(project: Project):
    record = _recorded(project)
    return StatementSays(f"gjordes {record['datum']} med {record['verktyg']}, av just det här innehållet",
                         "tidigare version")


@case("assessment-wrong-type", "granskning.json med en text där ett antal krävs")
def assessment_wrong_type(project: Project):
    line = _assessment(project, "sidor", '"många"')
    return Refused(ASSESSMENT, line, ("sidor", "heltal"))


@case("assessment-date-9999", "granskning.json med datum år 9999")
def assessment_date(project: Project):
    line = _assessment(project, "datum", '"9999-12-31"')
    return Refused(ASSESSMENT, line, ("2200-12-31",))


@case("assessment-newline", "granskning.json med radbrytning och HTML i verktygets namn")
def assessment_newline(project: Project):
    line = _assessment(project, "verktyg", json.dumps("axe\n<script>alert(1)</script>"))
    return Refused(ASSESSMENT, line, ("radbrytningar",))


@case("assessment-script-literal", "granskning.json med <script> i verktygets namn", command=BUILD)
def assessment_script(project: Project):
    hostile = "axe <script>alert('granskning')</script>"
    _assessment(project, "verktyg", json.dumps(hostile))
    return Literal(hostile, "alert('granskning')")


@case("assessment-unknown-key", "granskning.json med en okänd nyckel")
def assessment_unknown_key(project: Project):
    line = _assessment(project, "fel", '0, "extra": 1')
    return Refused(ASSESSMENT, line, ("okänt fält 'extra'",))


@case("assessment-not-object", "granskning.json som är en lista")
def assessment_list(project: Project):
    project.write(ASSESSMENT, "[1, 2, 3]\n")
    return Refused(ASSESSMENT, 1, ("samling",))


@case("assessment-deep", "granskning.json nästlad 100 000 nivåer")
def assessment_deep(project: Project):
    project.write(ASSESSMENT, "[" * 100_000 + "]" * 100_000 + "\n")
    return Refused(ASSESSMENT, 1, ("nästlad",))


# --- The navigation and the pages of docs/ ----------------------------------------


@case("page-not-in-nav", "en ny sida i docs/ som navigeringen inte visar", command=BUILD)
def page_not_in_nav(project: Project):
    project.write("docs/ny-sida.md", "# Ny sida\n\nText.\n")
    return Refused("docs/ny-sida.md", None, ("navigeringen", "nav i mkdocs.yml"))


@case("nav-page-missing", "navigeringen visar en sida som inte finns i docs/", command=BUILD)
def nav_page_missing(project: Project):
    line = project.add_to_nav("Saknas", "finns-inte-alls.md")
    return Refused("mkdocs.yml", line, ("finns-inte-alls.md", "navigeringen"))
