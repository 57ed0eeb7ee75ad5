"""The publishing commands end every failure in a Swedish message, never a traceback."""

from __future__ import annotations

import subprocess

import pytest

import publishing.__main__ as cli
from macros.policy.errors import DataError, DataErrors

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_unreadable_source_in_make_changes_is_a_located_message(repo, monkeypatch, capsys):
    def unreadable(*args, **kwargs):
        raise DataErrors([DataError("docs/policy.md", 3, "", "filen är inte sparad som UTF-8")])

    monkeypatch.setattr(cli, "compare", unreadable)
    assert cli.main(["changes"]) == 1
    err = capsys.readouterr().err
    assert "docs/policy.md:3: filen är inte sparad som UTF-8" in err
    assert err.startswith("Avbrutet:") and "Traceback" not in err


def test_a_failing_git_command_in_make_export_is_a_message(repo, monkeypatch, capsys, tmp_path):
    def refused(*args, **kwargs):
        raise subprocess.CalledProcessError(128, ["git", "archive", "--format=tar"],
                                            stderr=b"fatal: not a valid object name")

    monkeypatch.setattr(cli, "export", refused)
    assert cli.main(["export", str(tmp_path / "ut")]) == 1
    err = capsys.readouterr().err
    # git's English (LC_ALL=C) is told in Swedish.
    assert "git misslyckades (archive --format=tar): git hittar inte det som efterfrågades i förrådet" in err
    assert "Traceback" not in err and "not a valid object name" not in err


def test_make_publish_needs_no_version_and_make_export_needs_a_destination(capsys):
    from publishing.make import arguments

    # An adopted version is named by its decision (publishing/publish.py): VERSION is for
    # drafts and for checking the name.
    assert arguments("publish", {})[-1] == "publish"
    assert arguments("publish", {"VERSION": "2026-2030-utkast"})[-2:] == ["--", "2026-2030-utkast"]
    assert arguments("export", {}) is None
    assert "Ange DEST" in capsys.readouterr().err
