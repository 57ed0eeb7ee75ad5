"""A further governing document added to a copy of any organisation's content, as an
editor adds one: its folder in data/ and docs/, and one line in the settings file.

The document is a routine of the organisation's own roles and areas, adopted by the role
that adopts its first document, with two responsibilities and a monthly obligation whose
sources are sentences of its own page. Whatever the content under test, the site then
has one document more than it had.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

#: The added document's id (its folders) and name.
ID = "provrutin"
NAME = "Rutin för prov av informationssäkerheten"
SENTENCES = (
    "Rutinen beskriver hur informationssäkerheten prövas.",
    "Rollen i rutinen ansvarar för att provet genomförs.",
    "Rollen i rutinen rapporterar resultatet av provet varje månad.",
    "Rutinen revideras vid behov.",
)


def settings_ids(project: Path) -> list[str]:
    """The documents the settings file lists (an empty list for a site of one)."""
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Loader) or {}
    return list((config.get("extra") or {}).get("styrdokument") or [])


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def list_documents(project: Path, ids: list[str]) -> None:
    """Write ``ids`` as the settings file's list of documents (one line, as an editor)."""
    path = project / "mkdocs.yml"
    text = path.read_text("utf-8")
    line = f"  styrdokument: [{', '.join(ids)}]"
    if re.search(r"^  styrdokument:.*$", text, re.MULTILINE):
        text = re.sub(r"^  styrdokument:.*$", line, text, count=1, flags=re.MULTILINE)
    elif re.search(r"^extra:\s*$", text, re.MULTILINE):
        text = re.sub(r"^extra:\s*$", "extra:\n" + line, text, count=1, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + "\n\nextra:\n" + line + "\n"
    path.write_text(text, "utf-8")


def add_document(project: Path, makes_concrete: str | None = None) -> str:
    """Add the routine to the copy in ``project``; the id of its first document (which the
    routine makes concrete unless told otherwise)."""
    data = project / "data"
    facts = yaml.safe_load((data / "dokument.yml").read_text("utf-8"))
    roles = yaml.safe_load((data / "roller.yml").read_text("utf-8"))["roller"]
    areas = yaml.safe_load((data / "omraden.yml").read_text("utf-8"))["områden"]
    ids = settings_ids(project) or ["huvuddokument"]
    first = ids[0]
    role, receiver, area = roles[-1]["id"], roles[0]["id"], areas[0]["id"]
    folder = data / ID
    folder.mkdir()
    (folder / "dokument.yml").write_text(yaml.safe_dump({
        "dokumentnamn": NAME,
        "organisation": facts["organisation"],
        "dokumenttyp": "rutin",
        "status": "antagen",
        "beslutas_av": facts["beslutas_av"],
        "beslut": {"datum": "uppgift saknas", "paragraf": "uppgift saknas", "diarienummer": "uppgift saknas"},
        "dokumentansvarig": "uppgift saknas",
        "gäller_för": "uppgift saknas",
        "konkretiserar": makes_concrete or first,
        "revidering": {"regel": "vid_behov", "källa": SENTENCES[3]},
    }, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "ansvar.yml").write_text(yaml.safe_dump({"ansvar": [
        {"id": "provrutin-ansvar", "roll": role, "område": area, "typ": "ansvarar", "källa": SENTENCES[1]},
        {"id": "provrutin-rapport", "roll": role, "område": area, "typ": "rapporterar",
         "till": [receiver], "källa": SENTENCES[2]},
    ]}, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "uppfoljning.yml").write_text(yaml.safe_dump({"skyldigheter": [
        {"id": "provrapport", "benämning": "Rapport om provet", "slag": "rapport", "vem": role,
         "till": [receiver], "hur_ofta": "varje_månad", "källa": SENTENCES[2]},
    ]}, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "antagen-text.txt").write_text(f"{NAME}\n\n1. Rutinen\n" + "\n".join(SENTENCES) + "\n", "utf-8")
    pages = project / "docs" / ID
    pages.mkdir()
    (pages / "index.md").write_text(
        f"---\ntitle: {NAME}\nantagen_text: true\n---\n\n# {NAME}\n\n## 1. Rutinen\n\n"
        + " ".join(SENTENCES) + "\n", "utf-8")
    add_to_nav(project, NAME, f"{ID}/index.md")
    list_documents(project, [*ids, ID])
    return first


def add_to_nav(project: Path, title: str, page: str) -> None:
    """Add a page at the end of the settings file's navigation."""
    path = project / "mkdocs.yml"
    lines = path.read_text("utf-8").splitlines()
    start = lines.index("nav:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    lines.insert(end, f"  - {title}: {page}")
    path.write_text("\n".join(lines) + "\n", "utf-8")


def build_with_a_document_added(folder: Path) -> tuple[Path, Path]:
    """(project, site): a copy of the content under test with the routine added, and a page
    showing the documents' table when the content has none, built with each document's
    PDF (POLICY_PDF): shared, through conftest's made_once("document-added"), by
    tests/build/test_documents.py and tests/pdf/test_documents.py."""
    from macros.site import pages as site_pages
    from tests.conftest import copy_project, mkdocs_build

    project = folder / "project"
    copy_project(project)
    add_document(project)
    if "styrdokument" not in site_pages.find(project / "docs"):
        (project / "docs" / "styrdokument-prov.md").write_text(
            "---\ntitle: Styrdokument\n---\n\n# Styrdokument\n\n{{ document_hierarchy() }}\n", "utf-8")
        add_to_nav(project, "Styrdokument", "styrdokument-prov.md")
    site = folder / "site"
    built = mkdocs_build(project, site, POLICY_PDF="1")
    assert built.returncode == 0, built.stderr[-3000:]
    return project, site
