"""The organisation's settings file inherits the project's and sets nothing of it (issue 21)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.site.config import BASE_FILE, settings_problems
from tests.conftest import CONTENT


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy2(CONTENT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _messages(project: Path) -> list[str]:
    return [str(problem) for problem in settings_problems(project)]


def _add(project: Path, text: str) -> int:
    """Append ``text`` to the settings file; the line it starts on."""
    path = project / "mkdocs.yml"
    before = path.read_text("utf-8").rstrip("\n") + "\n"
    path.write_text(before + text, "utf-8")
    return before.count("\n") + 1


def test_the_content_s_own_settings_file_inherits_the_project_s_and_adds_only_its_own(project):
    assert _messages(project) == []
    assert (project / "mkdocs.yml").read_text("utf-8").count(f"INHERIT: {BASE_FILE}") == 1


@pytest.mark.parametrize("setting, text", [
    ("plugins", "plugins:\n  - search\n"),
    ("markdown_extensions", "markdown_extensions:\n  - toc\n"),
    ("validation", "validation:\n  links: {}\n"),
    ("strict", "strict: false\n"),
])
def test_a_setting_of_the_project_is_refused_naming_it_and_its_line(project, setting, text):
    line = _add(project, text)
    assert _messages(project) == [
        f"mkdocs.yml:{line}: {setting}: inställningen hör till projektet och står i {BASE_FILE}, som "
        "alla organisationer delar; den får inte sättas om här. Ta bort den (projektets inställning gäller)"
    ]


def test_inside_the_theme_the_colours_are_the_organisation_s_and_the_theme_the_project_s(project):
    text = (project / "mkdocs.yml").read_text("utf-8")
    assert "\ntheme:\n" in text
    (project / "mkdocs.yml").write_text(text.replace("\ntheme:\n", "\ntheme:\n  custom_dir: mina-mallar\n", 1),
                                        "utf-8")
    line = text[: text.index("\ntheme:\n")].count("\n") + 3
    [message] = _messages(project)
    assert message.startswith(f"mkdocs.yml:{line}: theme.custom_dir: inställningen hör till projektet")


@pytest.mark.parametrize("key, setting", [
    ("repo_url", "POLICY_REPO_URL"), ("edit_uri", "POLICY_EDIT_URI"), ("site_url", "POLICY_SITE_URL"),
])
def test_what_the_build_sets_from_a_checked_setting_is_refused_naming_the_setting(project, key, setting):
    line = _add(project, f"{key}: javascript:alert(1)\n")
    [message] = _messages(project)
    assert message.startswith(f"mkdocs.yml:{line}: {key}: sätts av bygget från {setting}")


def test_a_file_that_does_not_inherit_the_project_s_settings_says_how_to(project):
    path = project / "mkdocs.yml"
    path.write_text("\n".join(line for line in path.read_text("utf-8").splitlines()
                              if not line.startswith("INHERIT:")) + "\n", "utf-8")
    assert _messages(project) == [
        f"mkdocs.yml:1: INHERIT: filen ärver inte projektets inställningar; skriv 'INHERIT: {BASE_FILE}' "
        "överst i filen"
    ]


def test_a_settings_file_that_does_not_parse_is_told_with_its_line(project):
    line = _add(project, 'site_author: "Öppet citat\n')
    [message] = _messages(project)
    assert message.startswith("mkdocs.yml:") and "kan inte läsas som YAML" in message
    assert int(message.split(":")[1]) >= line


def test_the_navigation_and_the_pages_of_docs_agree(tmp_path):
    from macros.site.config import nav_problems

    docs = tmp_path / "docs"
    for page in ("index.md", "del/a.md", "utanfor.md", ".utkast.md", "templates/mall.md"):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# Sida\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: publishing/mkdocs.base.yml\nnav:\n  - index.md\n  - Del:\n      - A: ./del/a.md\n"
        "      - Saknas: saknas.md\n  - Extern: https://example.org/sida.md\n", "utf-8")
    found = [(p.file, p.line, p.message) for p in nav_problems(tmp_path, docs)]
    assert found == [
        ("mkdocs.yml", 6, "navigeringen visar sidan 'saknas.md', som inte finns i docs/; rätta namnet "
                          "eller ta bort raden"),
        ("docs/utanfor.md", None, "sidan står inte i navigeringen (nav i mkdocs.yml), och bygget stoppar "
                                  "på en sida som ingen meny leder till; lägg till den där, eller ta bort filen"),
    ]
    # Pages left out of the navigation on purpose (MkDocs's not_in_nav), or no nav at all.
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - index.md\n  - del/a.md\nnot_in_nav: utanfor.md\n", "utf-8")
    assert nav_problems(tmp_path, docs) == []
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n", "utf-8")
    assert nav_problems(tmp_path, docs) == []
