"""Cases: the publishing, export and build commands with dangerous names, destinations and
make variables, run through the real make as a publisher would type them."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from tests.catalogue.framework import (
    Expectation, Kept, Literal, Project, Ran, Refused, Works, case, make,
)
from tests.conftest import ROOT

#: A file only an injected command would create (relative to the project copy).
PWNED = "injicerat-kommando-korde"


@dataclass
class NothingRan(Expectation):
    """The outcome ``then``, and no injected command ran: the marker file does not exist."""

    then: Expectation
    markers: tuple[Path, ...] = ()

    def verify(self, ran: Ran, project: Project) -> None:
        for marker in (project.path(PWNED), *self.markers):
            assert not marker.exists(), f"an injected command ran: {marker} exists"
        self.then.verify(ran, project)


@dataclass
class PublishedLiteral(Expectation):
    """make publish works, and the published version shows the hostile text literally."""

    shown: str
    marker: str
    version: str
    branch: str = "publicerat"

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", f"refs/heads/{self.branch}", self.version],
            cwd=project.root, check=True, capture_output=True,
        ).stdout
        folder = project.root.parent / "publicerat"
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        Literal(self.shown, self.marker).verify(dataclasses.replace(ran, site=folder / self.version), project)


def pwned(project: Project) -> str:
    return str(project.path(PWNED))


def as_draft(project: Project) -> str:
    """The document as a draft (so a publication gets as far as the build), committed with
    the project's .gitignore; returns a draft name to publish it under."""
    text = project.text("data/dokument.yml")
    project.write("data/dokument.yml", re.sub(r"(?m)^status: .*$", "status: utkast", text, count=1))
    project.write(".gitignore", (ROOT / ".gitignore").read_text(encoding="utf-8"))
    project.commit_all("Utkast")
    return "2026-2030-utkast"


def project_files(project: Project) -> dict[str, bytes | None]:
    """The project's sources and its git state, file by file."""
    files = [p for p in project.root.rglob("*") if p.is_file() and ".git" not in p.parts]
    return Kept.snapshot([*files, project.path(".git/HEAD"), project.path(".git/index"),
                          *project.path(".git/refs/heads").iterdir()])


# --- make publish: version names that would break the branch or the site --------

def _bad_version(name: str):
    def change(project: Project):
        return Refused(setting="VERSION")
    return change


for _id, _name, _what in (
    ("pub-version-dotgit", ".git", "VERSION=.git, som förstör den publicerade grenen"),
    ("pub-version-index-html", "index.html", "VERSION=index.html, grenens startsida"),
    ("pub-version-versions-json", "versions.json", "VERSION=versions.json, mikes versionslista"),
    ("pub-version-nojekyll", ".nojekyll", "VERSION=.nojekyll"),
    ("pub-version-climbs-out", "../utanfor", "VERSION med .. och /"),
    ("pub-version-leading-dash", "-rf", "VERSION som börjar med bindestreck (ser ut som en flagga)"),
    ("pub-version-newline", "2026-2030\nx", "VERSION med radbrytning"),
    ("pub-version-bidi", "2026-2030\u202eutkast", "VERSION med ett tecken som vänder textriktningen"),
    ("pub-version-overlong", "a" * 300, "VERSION på 300 tecken"),
):
    globals()[_id.replace("-", "_")] = case(_id, _what, make("publish", VERSION=_name), git=True)(
        _bad_version(_name))


@case("pub-version-is-the-alias", "VERSION lika med aliaset för den gällande versionen",
      make("publish", VERSION="gallande"), git=True)
def version_is_alias(project: Project):
    return Refused(setting="VERSION", words=("alias",))


@case("pub-alias-invalid", "ALIAS med / och ..", make("publish", VERSION="2026-2030", ALIAS="../x"),
      git=True)
def alias_invalid(project: Project):
    return Refused(setting="ALIAS")


# --- make variables that would run a command -------------------------------------

@case("pub-inject-version-quotes", 'VERSION=\'x"; touch fil; echo "\'',
      make("publish", VERSION=f'x"; touch {PWNED}; echo "'), git=True)
def inject_version_quotes(project: Project):
    return NothingRan(Refused(setting="VERSION"))


@case("pub-inject-title-backticks", "TITEL med `kommando` och $(kommando)",
      make("publish", VERSION="2026-2030-utkast", TITEL=f"`touch {PWNED}` $(touch {PWNED}x)"),
      git=True)
def inject_title_backticks(project: Project):
    # The document is adopted without its decision facts: refused, but only after the
    # title has passed through make; nothing in it may have run.
    return NothingRan(Refused(), (project.path(PWNED + "x"),))


@case("pub-inject-branch-unquoted", "BRANCH='x; touch fil' (var utan citattecken)",
      make("publish", VERSION="2026-2030", BRANCH=f"x; touch {PWNED}"), git=True)
def inject_branch(project: Project):
    return NothingRan(Refused(setting="BRANCH"))


@case("pub-inject-make-shell", "VERSION='$(shell touch fil)' (make-funktion)",
      make("publish", VERSION=f"$(shell touch {PWNED})"), git=True)
def inject_make_shell(project: Project):
    return NothingRan(Refused(setting="VERSION"))


@case("pub-inject-dollar-dollar", "RATTELSE='$$(touch fil)'",
      make("publish", VERSION="2026-2030", RATTELSE=f"$$(touch {PWNED})"), git=True)
def inject_dollar_dollar(project: Project):
    return NothingRan(Refused())


@case("make-help-inject-addr", 'ADDR=\'"; touch fil; echo "\' i make help',
      make("help", ADDR=f'x"; touch {PWNED}; echo \'"', BRANCH=f"`touch {PWNED}`"))
def inject_help(project: Project):
    return NothingRan(Works())


@case("changes-inject-fran", "FRAN='$(touch fil)' i make changes",
      make("changes", FRAN=f"$(touch {PWNED})", TILL=f"x'; touch {PWNED}; '"), git=True)
def inject_changes(project: Project):
    return NothingRan(Refused(setting="FRAN"))


# --- records: only a clean, committed tree is published ----------------------------

@case("pub-dirty-tree", "make publish med en ändring som inte är incheckad",
      make("publish", VERSION="2026-2030-utkast"), git=True)
def dirty_tree(project: Project):
    as_draft(project)
    project.write("docs/index.md", project.text("docs/index.md") + "\nInte incheckat.\n")
    return Refused(words=("incheckad", "docs/index.md"))


@case("pub-untracked-file", "make publish med en ny fil som inte är incheckad",
      make("publish", VERSION="2026-2030-utkast"), git=True)
def untracked_file(project: Project):
    as_draft(project)
    project.write("docs/ny-sida.md", "# Ny\n")
    project.add_to_nav("Ny", "ny-sida.md")  # as a whole page is added: make check accepts it
    return Refused(words=("incheckad", "docs/ny-sida.md"))


@case("pub-failing-build-keeps-site", "make publish vars bygge misslyckas lämnar site/ orörd",
      make("publish", VERSION="2026-2030-utkast"), git=True)
def failing_publish_keeps_site(project: Project):
    # What only the build of the version finds (make check, run first, reads the content,
    # not the theme): a link in the theme's footer to a page that does not exist. The
    # version's build stops, nothing is published and site/ is as it was.
    as_draft(project)
    footer = "overrides/partials/copyright.html"
    project.write(footer, project.text(footer) + '\n<a href="{{ base_url }}/finns-inte/">Död länk</a>\n')
    project.write("site/index.html", "<p>förra bygget</p>\n")
    project.commit_all("Död länk i temat")  # site/ is ignored: only the template is committed
    return Kept(Kept.snapshot([project.path("site")]), Refused(words=("misslyckades", "finns-inte")))


@case("pub-bad-site-url-refused", "make publish med POLICY_SITE_URL=javascript:… stoppas innan något byggs",
      make("publish", VERSION="2026-2030-utkast"), git=True)
def bad_site_url_before_publishing(project: Project):
    as_draft(project)
    project.env["POLICY_SITE_URL"] = "javascript:alert(1)//"
    return Kept(project_files(project), Refused(setting="POLICY_SITE_URL", words=("http",)))


@case("pub-dead-link-stopped-by-check", "make publish med en död länk i en sida stoppas av make check",
      make("publish", VERSION="2026-2030-utkast"), git=True)
def dead_link_before_publishing(project: Project):
    as_draft(project)
    project.write("docs/index.md", project.text("docs/index.md") + "\n[död länk](finns-inte.md)\n")
    project.write("site/index.html", "<p>förra bygget</p>\n")
    project.commit_all("Död länk")  # site/ is ignored: only the page is committed
    # make check's words ("... byggs inte förrän de är rättade"), not the build's: the
    # content is checked before anything is built.
    return Kept(Kept.snapshot([project.path("site")]),
                Refused("docs/index.md", None, ("finns-inte.md", "byggs inte förrän")))


@case("pub-title-markup-literal", "TITEL med <script> och \"><img onerror> visas som text",
      make("publish", VERSION="2026-2030-utkast",
           TITEL='<script>alert("titel")</script>"><img src=x onerror=alert(1)>'), git=True)
def title_markup_literal(project: Project):
    version = as_draft(project)
    return PublishedLiteral('<script>alert("titel")</script>"><img src=x onerror=alert(1)>',
                            'alert("titel")', version)


# --- make export: destinations whose content the export did not write ----------

@case("export-dest-project", "make export DEST=. (projektet självt)", make("export", DEST="."),
      git=True)
def export_project(project: Project):
    return Kept(project_files(project), Refused(setting="DEST"))


@case("export-dest-existing-folder", "make export till en mapp med annat innehåll",
      make("export", DEST="annan-mapp"), git=True)
def export_existing(project: Project):
    project.write("annan-mapp/viktigt.txt", "inte en export\n")
    return Kept(Kept.snapshot([project.path("annan-mapp")]), Refused(setting="DEST",
                                                                     words=(".policy-export",)))


@case("export-dest-file", "make export DEST=en fil", make("export", DEST="mkdocs.yml"), git=True)
def export_file(project: Project):
    return Kept(Kept.snapshot([project.path("mkdocs.yml")]), Refused(setting="DEST", words=("fil",)))


@case("export-dest-unwritable", "make export till en plats där ingen kan skriva",
      make("export", DEST="/proc/policy-export"), git=True)
def export_unwritable(project: Project):
    return Refused(setting="DEST")


@case("export-dest-inject", 'make export DEST=\'x"; touch fil; echo "\'',
      make("export", DEST=f'x"; touch {PWNED}; echo "'), git=True)
def export_inject(project: Project):
    return NothingRan(Refused())  # nothing published yet: refused, and nothing ran


# --- make build: a failed build keeps the last good site/ ----------------------

@case("build-failing-keeps-site", "make build som misslyckas lämnar förra site/ orörd",
      make("build"))
def failing_build_keeps_site(project: Project):
    project.write("docs/index.md", project.text("docs/index.md") + "\n[död länk](finns-inte.md)\n")
    project.write("site/index.html", "<p>förra bygget</p>\n")
    return Kept(Kept.snapshot([project.path("site")]), Refused(words=("finns-inte.md",)))
