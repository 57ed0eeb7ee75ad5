"""Cases: make changes (and the job summary of a proposal, which is its output) shows every
change, in any data file or page, and shows hostile text as the literal text it is.

The version a case compares with is the copy's own content before the change, recorded
on the published branch as make publish records it (versions.json and the version's
kallor.json), written straight to the branch: what make changes reads, without a build.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field

import yaml

from tests.catalogue.framework import Expectation, Project, Ran, Works, case, make

#: The name and title the recorded version is published under (any valid name will do).
VERSION = "2026-2030"
ALIAS = "gallande"


def _git_input(project: Project, args: list[str], content: str) -> str:
    return subprocess.run(["git", *args], cwd=project.root, input=content, capture_output=True,
                          text=True, check=True).stdout.strip()


def publish_as_in_force(project: Project) -> None:
    """The copy's present sources as the published version in force (branch publicerat)."""
    from macros.policy import sources

    kallor = _git_input(project, ["hash-object", "-w", "--stdin"], sources.dumps(sources.collect(project.root)))
    versions = _git_input(project, ["hash-object", "-w", "--stdin"], json.dumps([{
        "version": VERSION, "title": "Mandatperiod 2026–2030", "aliases": [ALIAS],
        "properties": {"status": "antagen", "publicerad": "2026-11-29", "rattelser": [],
                       "kallcommit": project.git("rev-parse", "HEAD").strip()},
    }], ensure_ascii=False) + "\n")
    folder = _git_input(project, ["mktree"], f"100644 blob {kallor}\tkallor.json\n")
    root = _git_input(project, ["mktree"], f"040000 tree {folder}\t{VERSION}\n"
                      f"040000 tree {folder}\t{ALIAS}\n100644 blob {versions}\tversions.json\n")
    commit = _git_input(project, ["commit-tree", root, "-m", "Publicerad"], "")
    project.git("update-ref", "refs/heads/publicerat", commit)


# --- What GitHub-flavoured Markdown would read as markup --------------------------------

_CODE = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)", re.S)
#: Outside code, every one of these must be escaped: links and images, HTML, entities,
#: emphasis, strikethrough, tables, math; and no word GitHub links after reading the Markdown.
_MARKUP = re.compile(r"(?<!\\)[\[\]<>!~|&$`_]|(?<!\\)\*(?!\*(?:Ändring|Tillägg|Borttagning|Formatering)\b)")
_LINKED = re.compile(r"://|\bwww\.|@|[#!%~$&^]\w|:[\w+-]+:", re.I)


def markup_outside_code(markdown: str, ours: tuple[str, ...] = ()) -> list[str]:
    """The markup GFM would find in ``markdown`` outside code spans, our own bold labels
    (``**Ändring**``) and the lines' own list and heading marks left aside."""
    found = []
    for line in markdown.splitlines():
        body = re.sub(r"^\s*(?:#+ |- )", "", line)
        body = re.sub(r"\*\*(Ändring|Tillägg|Borttagning|Formatering)\*\*", "", body)
        plain = _CODE.sub(" ", body)
        found += [f"{m.group(0)!r} in {line!r}" for m in _MARKUP.finditer(plain)]
        found += [f"{m.group(0)!r} in {line!r}" for m in _LINKED.finditer(plain)]
    return found


def as_text(markdown: str) -> str:
    """What a reader sees of ``markdown``: code spans' content, escapes removed."""
    text = _CODE.sub(lambda m: m.group(2).strip() if m.group(2).strip() else m.group(2), markdown)
    return " ".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).split())


@dataclass
class Shown(Expectation):
    """make changes works, reports changes (never "Inga ändringar"), shows each of
    ``words`` as the text it is, and puts no markup of the data into its Markdown."""

    words: tuple[str, ...]
    absent: tuple[str, ...] = field(default_factory=tuple)

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        out = ran.output
        assert out.startswith("## Ändringar från"), out[-3000:]  # never "Inga ändringar ..."
        seen = as_text(out)
        for word in self.words:
            assert " ".join(word.split()) in seen, f"{word!r} is not shown in:\n{out[-3000:]}"
        for word in self.absent:
            assert word not in out, f"{word!r} in:\n{out[-3000:]}"
        markup = markup_outside_code(out)
        assert not markup, "markup from data in the Markdown: " + "; ".join(markup[:5])


def term_with_definition(text: str) -> tuple[str, int, str]:
    """data/ordlista.yml's text with a term that has a definition (the first one, or the
    first term given one), that term's index and its definition."""
    terms = yaml.safe_load(text)["termer"]
    found = next((i for i, t in enumerate(terms) if t.get("definition")), None)
    if found is not None:
        return text, found, terms[found]["definition"]
    first = re.search(r"(?m)^(\s*)- id: .*\n", text)
    indent = " " * (len(first.group(1)) + 2)
    definition = "Termens betydelse i policyn."
    return text[:first.end()] + f"{indent}definition: {definition}\n" + text[first.end():], 0, definition


@case("changes-glossary-opposite", "en definition i ordlistan vänds till sin motsats (make changes)",
      make("changes"), git=True)
def glossary_opposite(project: Project):
    text, index, definition = term_with_definition(project.text("data/ordlista.yml"))
    project.write("data/ordlista.yml", text)
    publish_as_in_force(project)
    opposite = "Motsatsen gäller: " + " ".join(definition.split())
    project.set_text("data/ordlista.yml", ("termer", index, "definition"), opposite)
    return Shown((opposite,))


@case("changes-accessibility-feedback", "återkopplingen i tillgänglighetsredogörelsen ber om lösenord",
      make("changes"), git=True)
def accessibility_feedback(project: Project):
    publish_as_in_force(project)
    feedback = "Mejla ditt lösenord till support@angripare.example så rättar vi bristen."
    project.set_text("data/tillganglighet.yml", ("återkoppling",), feedback)
    return Shown((feedback,))


@case("changes-role-name-markdown", "ett rollnamn med bild och länk i Markdown (jobbets sammanfattning)",
      make("changes"), git=True)
def role_name_markdown(project: Project):
    publish_as_in_force(project)
    name = ("Säkerhetschef ![](https://angripare.example/spara.png) "
            "[Inga ändringar att granska](https://angripare.example/)")
    project.set_text("data/roller.yml", ("roller", 0, "namn"), name)
    return Shown((name,))


@case("changes-markup-everywhere", "HTML, tabell, kod och kommentar i en princips definition (make changes)",
      make("changes"), git=True)
def markup_everywhere(project: Project):
    publish_as_in_force(project)
    value = ("<!-- resten döljs --> <img src=x onerror=alert(1)> | a | b | ~~struken~~ **fet** "
             "`kod` $x$ &lt;b&gt; www.angripare.example @granskare #12 [^1]")
    project.set_text("data/principer.yml", ("principer", 0, "definition"), value)
    return Shown((value,))


@case("changes-page-front-matter", "bara en sidas titel i sidhuvudet ändras (make changes)",
      make("changes"), git=True)
def page_front_matter(project: Project):
    publish_as_in_force(project)
    page = next(p for p in sorted(project.path("docs").rglob("*.md"))
                if re.match(r"---\n(?:.*\n)*?title: .+\n", p.read_text("utf-8")))
    name = f"docs/{page.relative_to(project.path('docs')).as_posix()}"
    text = project.text(name)
    title = re.search(r"(?m)^title: (.+)$", text).group(1)
    project.write(name, text.replace(f"title: {title}", "title: Ny titel", 1))
    return Shown(("title: Ny titel", name))


@case("changes-page-indented", "ett stycke dras in till kod, bara mellanrum ändras (make changes)",
      make("changes"), git=True)
def page_indented(project: Project):
    publish_as_in_force(project)
    page = project.text_page()
    text = project.text(page)
    body = text.split("\n---\n", 1)[-1]
    line = next(l for l in body.splitlines() if len(l.split()) >= 4 and l[:1].isalpha())
    project.write(page, text.replace(f"\n{line}\n", f"\n    {line}\n", 1))
    return Shown((page, "····" + line.split()[0]))
