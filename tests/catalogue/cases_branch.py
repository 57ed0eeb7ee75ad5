"""Cases: the published branch (issue 20, items 8, 9 and 10). Publishing never writes on a
branch that holds the sources, whatever HEAD is; a publication that was killed is
completed by the next; and what git says reaches the publisher in Swedish."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

from tests.catalogue.cases_publishing import as_draft, project_files
from tests.catalogue.framework import Expectation, Kept, Project, Ran, Refused, Works, case, make
from tests.conftest import ROOT


def _run(project: Project, *args: str, stdin: str = "") -> str:
    return subprocess.run(["git", *args], cwd=project.root, input=stdin, capture_output=True, text=True,
                          check=True).stdout.strip()


def _blob(project: Project, content: str) -> str:
    return _run(project, "hash-object", "-w", "--stdin", stdin=content)


def _tree(project: Project, entries: dict[str, tuple[str, str]]) -> str:
    """A tree of ``name -> (mode, object)``."""
    listing = "".join(f"{mode} {'tree' if mode == '040000' else 'blob'} {obj}\t{name}\n"
                      for name, (mode, obj) in sorted(entries.items()))
    return _run(project, "mktree", stdin=listing)


# --- Item 9: never a branch with the sources -------------------------------------------

@case("pub-branch-main-detached", "make publish BRANCH=main med lös HEAD (grenen med källorna)",
      make("publish", VERSION="2026-2030", BRANCH="main"), git=True)
def branch_main_detached(project: Project):
    project.git("checkout", "-q", "--detach")
    return Kept(project_files(project), Refused(setting="BRANCH", words=("källor",)))


@case("pub-branch-at-sign", "make publish BRANCH=@ med lös HEAD (git läser det som HEAD)",
      make("publish", VERSION="2026-2030", BRANCH="@"), git=True)
def branch_at_sign(project: Project):
    project.git("checkout", "-q", "--detach")
    return Kept(project_files(project), Refused(setting="BRANCH"))


@case("pub-branch-orphan-sources", "make publish på en egen gren som bär en kopia av källorna",
      make("publish", VERSION="2026-2030", BRANCH="kopia"), git=True)
def branch_orphan_sources(project: Project):
    commit = _run(project, "commit-tree", _run(project, "rev-parse", "HEAD^{tree}"), "-m", "Kopia")
    project.git("update-ref", "refs/heads/kopia", commit)
    return Kept(project_files(project), Refused(setting="BRANCH", words=("mkdocs.yml", "källor")))


@case("pub-branch-shared-history", "make publish på en gren som ser publicerad ut men delar källornas historia",
      make("publish", VERSION="2026-2030", BRANCH="blandad"), git=True)
def branch_shared_history(project: Project):
    versions = _blob(project, json.dumps([{"version": "2022-2026", "title": "x", "aliases": []}]))
    tree = _tree(project, {"versions.json": ("100644", versions)})
    commit = _run(project, "commit-tree", tree, "-p", "HEAD", "-m", "Ser publicerad ut")
    project.git("update-ref", "refs/heads/blandad", commit)
    return Kept(project_files(project), Refused(setting="BRANCH", words=("delar historia",)))


# --- Item 8: a killed publication is completed by the next -----------------------------

@dataclass
class Completed(Expectation):
    """make publish works; the branch is whole (the version, its alias, its sources and
    the root page), the version keeps the date it was first published, and nothing a
    killed publication left is there any more."""

    version: str
    published: str

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        assert "den görs klar nu" in ran.output, ran.output[-3000:]
        root = project.git("show", "refs/heads/publicerat:index.html")
        assert "gallande/" in root, root
        for path in (f"{self.version}/index.html", f"{self.version}/kallor.json", "gallande/index.html"):
            project.git("cat-file", "-e", f"refs/heads/publicerat:{path}")
        versions = json.loads(project.git("show", "refs/heads/publicerat:versions.json"))
        entry = next(v for v in versions if v["version"] == self.version)
        assert entry["aliases"] == ["gallande"] and entry["properties"]["publicerad"] == self.published
        assert not project.git("for-each-ref", "refs/publicering/").strip()
        left = [p.name for p in project.root.iterdir()
                if p.name.startswith((".publicering-", ".mkdocs-publicering-", "mike-mkdocs"))]
        assert not left, left


@case("pub-killed-first-publish-completed",
      "make publish efter en första publicering som dödades mellan mikes steg (grenen utan rotsida)",
      make("publish"), git=True)
def killed_first_publish(project: Project):
    from tests.publishing.published import FIRST, per_term, set_facts

    project.write(".gitignore", (ROOT / ".gitignore").read_text(encoding="utf-8"))
    project.commit_all("Gitignore")
    set_facts(project.root, FIRST)
    version = FIRST.name(per_term(project.root))
    project.env["VERSION"] = version  # the name the decision gives, for make through its environment
    # What mike's deploy had written when the publication was killed before the default
    # was set: the version, its alias and versions.json, but no root page.
    head = project.git("rev-parse", "HEAD").strip()
    properties = {"status": "antagen", "publicerad": "2026-11-01", "kallcommit": head, "rattelser": [],
                  "beslutsdatum": FIRST.date}
    versions = _blob(project, json.dumps([{"version": version, "title": FIRST.title(per_term(project.root)),
                                           "aliases": ["gallande"], "properties": properties}]))
    folder = _tree(project, {"index.html": ("100644", _blob(project, "<p>halv</p>\n")),
                             "kallor.json": ("100644", _blob(project, "{}\n"))})
    root = _tree(project, {version: ("040000", folder), "gallande": ("040000", folder),
                           "versions.json": ("100644", versions), ".nojekyll": ("100644", _blob(project, ""))})
    commit = _run(project, "commit-tree", root, "-m", "Publicera (avbruten)")
    project.git("update-ref", "refs/heads/publicerat", commit)
    # And what a killed publication of today leaves: its work ref, folder and configuration.
    project.git("update-ref", "refs/publicering/publicerat", commit)
    project.write(".publicering-dodad/site/index.html", "<p>halvbyggd</p>\n")
    project.write(".mkdocs-publicering-dodad.yml", "site_name: x\n")
    return Completed(version, "2026-11-01")


# --- Item 10: git's messages in Swedish ------------------------------------------------

@dataclass
class InSwedish(Expectation):
    """``then``, and none of git's English words in the output."""

    then: Expectation
    english: tuple[str, ...]

    def verify(self, ran: Ran, project: Project) -> None:
        self.then.verify(ran, project)
        for words in self.english:
            assert words not in ran.output, f"git's English {words!r} in:\n{ran.output[-3000:]}"


@case("pub-push-without-remote", "make publish PUSH=1 i ett förråd utan fjärrförråd: gits fel på svenska",
      make("publish", VERSION="2026-2030-utkast", PUSH="1"), git=True)
def push_without_remote(project: Project):
    as_draft(project)
    return InSwedish(Refused(words=("fjärrförrådet 'origin' finns inte", "git push origin publicerat")),
                     ("does not appear", "Could not read", "fatal:"))


@case("export-branch-with-sources", "make export BRANCH=main skulle lägga källorna på webbservern",
      make("export", DEST="webb", BRANCH="main"), git=True)
def export_branch_with_sources(project: Project):
    project.git("checkout", "-q", "--detach")
    return Kept(Kept.snapshot([project.path("webb")]), Refused(setting="BRANCH", words=("källor",)))


@case("pub-branch-clash", "make publish BRANCH=main/publicerat när grenen main finns (gits fel före bygget)",
      make("publish", VERSION="2026-2030", BRANCH="main/publicerat"), git=True)
def branch_clash(project: Project):
    return InSwedish(Kept(project_files(project), Refused(setting="BRANCH", words=("grenen 'main' finns",))),
                     ("cannot lock", "exists; cannot create"))

