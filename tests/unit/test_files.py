"""docs/, data/ and the overrides under one rule: regular files and folders inside the
project; a page's front matter parses; include lines take files inside the project."""

from __future__ import annotations

import os
import shutil

import pytest

from macros.policy import files
from macros.site import check
from macros.policy.reading import read_text
from tests.conftest import CONTENT


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "projekt"
    for part in ("data", "docs"):
        shutil.copytree(CONTENT / part, root / part)
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", "utf-8")
    return root


def messages(folder, project, display="docs") -> list[str]:
    return [str(error) for error in files.folder_problems(folder, project, display)]


def test_the_content_breaks_no_rule(project):
    for part in ("docs", "data", "overrides"):
        assert files.folder_problems(project / part, project, part) == []


def test_links_inside_the_project_are_allowed_and_those_out_of_it_or_broken_are_not(project, tmp_path):
    outside = tmp_path / "hemlig.txt"
    outside.write_text("hemligt", "utf-8")
    docs = project / "docs"
    (docs / "inne.txt").symlink_to(project / "data" / "roller.yml")
    (docs / "bilder").mkdir()
    (docs / "bilder" / "data").symlink_to(project / "data", target_is_directory=True)
    assert messages(docs, project) == []
    (docs / "passwd.txt").symlink_to(outside)
    (docs / "trasig.md").symlink_to(tmp_path / "finns-inte.md")
    (docs / "bilder" / "ut").symlink_to(tmp_path, target_is_directory=True)
    (docs / "bilder" / "varv").symlink_to(docs, target_is_directory=True)
    (docs / ".#roller.md").symlink_to("redaktor@dator.1234")  # an editor's lock file: never read
    found = messages(docs, project)
    assert [m.split(":")[0] for m in found] == [
        "docs/bilder/ut", "docs/bilder/varv", "docs/passwd.txt", "docs/trasig.md"]
    assert "leder ut ur projektet" in found[0] and "leder ut ur projektet" in found[2]
    assert "tillbaka till en mapp som den själv ligger i" in found[1]
    assert "leder inte till något som finns" in found[3]


def test_a_fifo_or_a_huge_page_is_refused_and_a_folder_linked_out_too(project, tmp_path):
    docs = project / "docs"
    os.mkfifo(docs / "ror.md")
    with (docs / "stor.md").open("wb") as page:
        page.truncate(files.MAX_PAGE_BYTES + 1)
    found = messages(docs, project)
    assert any(m.startswith("docs/ror.md: filen är en namngiven pipe (FIFO)") for m in found), found
    assert any(m.startswith("docs/stor.md: sidan är 2\u00a0000\u00a0001 byte stor") for m in found), found
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    (project / "ut").symlink_to(elsewhere, target_is_directory=True)
    assert messages(project / "ut", project, "ut")[0].startswith("ut: den symboliska länken leder ut ur projektet")


def test_a_data_file_that_is_a_fifo_is_refused_without_waiting(project):
    roles = project / "data" / "roller.yml"
    roles.unlink()
    os.mkfifo(roles)
    text, error = read_text(roles, "data/roller.yml")
    assert text is None and "ingen vanlig fil" in error.message


def test_make_check_names_every_file_that_breaks_the_rule_and_reads_nothing(project, tmp_path, capsys):
    (project / "docs" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "overrides" / "main.html").unlink()
    (project / "overrides" / "main.html").symlink_to(tmp_path / "finns-inte.html")
    os.mkfifo(project / "data" / "anteckningar.txt")
    assert check.main(["--data", str(project / "data"), "--docs", str(project / "docs"),
                       "--overrides", str(project / "overrides")]) == 1
    report = capsys.readouterr().err
    assert "Traceback" not in report
    for name in ("docs/passwd.txt:", "overrides/main.html:", "data/anteckningar.txt:"):
        assert name in report.replace(str(project) + "/", ""), report


@pytest.mark.parametrize("front, line, words", [
    ('---\ntitle: "Föreslå ändringar\ndescription: Guide.\n---\n', 2, "citattecknet"),
    ("---\ntitle: A\ndescription: B\n\n# Rubrik\n", 1, "avslutas aldrig"),
    ("---\ntitle: A\n  fel: indrag\n---\n", 3, "YAML-syntaxfel i sidhuvudet"),
    ("---\ntitle: A\ntitle: B\n---\n", 3, "står två gånger"),
    ("---\n- a\n- b\n---\n", 2, "inte en lista"),
    ("---\n# bara en kommentar\n---\n", 2, "inga fält"),
    ("---\n---\n# Rubrik\n", 1, "tomt"),
    ("---\ntitle: &a A\n---\n", 2, "ankare"),
])
def test_front_matter_that_does_not_parse_is_named_with_its_line(front, line, words):
    [problem] = files.front_matter_problems(front + "\nText.\n", "docs/bidra.md")
    assert (problem.file, problem.line) == ("docs/bidra.md", line)
    assert words in problem.message


@pytest.mark.parametrize("page", [
    "---\ntitle: A\npdf: false\nsearch:\n  boost: 0.2\n---\n\n# A\n",
    "# Ingen sidhuvud\n\n---\n\nEn linje ovan.\n",
    "---\ntitle: A\n...\n",
])
def test_front_matter_that_parses_or_none_is_fine(page):
    assert files.front_matter_problems(page, "docs/a.md") == []


def test_an_include_line_may_not_take_a_file_out_of_the_project(project, tmp_path):
    (tmp_path / "hemlig.md").write_text("hemligt", "utf-8")
    (project / "CONTRIBUTING.md").symlink_to(tmp_path / "hemlig.md")
    (project / "inne.md").write_text("Text.\n", "utf-8")
    page = ('# Guiden\n\n--8<-- "inne.md"\n\n--8<-- "CONTRIBUTING.md:guide"\n\n'
            '--8<--\ninne.md\nCONTRIBUTING.md\n--8<--\n\n--8<-- "saknas.md"\n')
    assert files.included_files(page) == [
        ("inne.md", 3), ("CONTRIBUTING.md", 5), ("saknas.md", 12), ("inne.md", 8), ("CONTRIBUTING.md", 9)]
    found = [(p.line, p.message) for p in files.include_problems(page, "docs/bidra.md", project, included=True)]
    assert [line for line, _ in found] == [5, 12, 9]
    assert "raden tar in 'CONTRIBUTING.md:guide': den symboliska länken leder ut ur projektet" in found[0][1]
    assert "raden tar in 'saknas.md': filen finns inte i projektet" in found[1][1]
    assert "raden tar in 'CONTRIBUTING.md': den symboliska länken leder ut ur projektet" in found[2][1]


def test_an_include_line_names_a_file_and_a_section_that_exist(project):
    (project / "guide.md").write_text("Före.\n<!-- --8<-- [start:del] -->\nDelen.\n<!-- --8<-- [end:del] -->\n", "utf-8")
    page = '--8<-- "guide.md:del"\n\n--8<-- "guide.md:saknas"\n\n--8<-- "guide.md:2:3"\n\n--8<-- "guide.md"\n'
    found = [(p.line, p.message) for p in files.include_problems(page, "docs/a.md", project, included=True)]
    assert found == [(3, "raden tar in 'guide.md:saknas': filen har inget avsnitt 'saknas' (ett avsnitt "
                         "märks i filen med --8<-- [start:namn] och --8<-- [end:namn]); rätta namnet eller "
                         "ta bort raden")]


def test_an_include_line_takes_in_text_of_a_page_s_size(project):
    (project / "stor.md").write_bytes(b"a" * (files.MAX_PAGE_BYTES + 1))
    (project / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    (project / "text.md").write_text("\ufeffÅäö, en vanlig text.\n", "utf-8")
    page = '--8<-- "stor.md"\n\n--8<-- "bild.png"\n\n--8<-- "text.md"\n'
    found = [(p.line, p.message) for p in files.include_problems(page, "docs/a.md", project, included=True)]
    assert [line for line, _ in found] == [1, 3]
    assert "raden tar in 'stor.md': filen är" in found[0][1] and "en sida får ta in högst" in found[0][1]
    assert "raden tar in 'bild.png': filen är inte text i UTF-8" in found[1][1]
    # A version's sources hold no included file: nothing of this is asked of them.
    assert files.include_problems(page, "docs/a.md", project) == []
