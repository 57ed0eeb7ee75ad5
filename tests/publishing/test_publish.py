"""Publishing with mike in a temporary git repository: keep, refuse, correct, compare."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from tests.publishing.published import (
    FACTS_2023, FACTS_2027, git, make_repo, publish, published_files, set_facts, two_periods,
)
from tests.sitetext import article_text

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """2022–2026 published; its files recorded; then 2026–2030 published."""
    base = tmp_path_factory.mktemp("repo") / "policy"
    return two_periods(base)


def show(repo, path: str) -> str:
    return git(repo, "show", f"refs/heads/publicerat:{path}")


def test_both_periods_are_kept_and_the_second_is_in_force(repo):
    versions = json.loads(show(repo, "versions.json"))
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        ("2026-2030", "Mandatperiod 2026–2030", ["gallande"]),
        ("2022-2026", "Mandatperiod 2022–2026", []),
    ]
    assert all(v["properties"]["status"] == "antagen" for v in versions)
    assert 'url=gallande/' in show(repo, "index.html")  # the default
    # Aliases are copies, never symlinks.
    modes = {line.split()[0] for line in git(repo, "ls-tree", "-r", "refs/heads/publicerat").splitlines()}
    assert modes == {"100644"}
    assert published_files(repo, "gallande/") and all(
        blob == published_files(repo, "2026-2030/")[path.replace("gallande/", "2026-2030/", 1)]
        for path, blob in published_files(repo, "gallande/").items()
    )


def test_the_first_version_is_byte_for_byte_unchanged(tmp_path):
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, FACTS_2023)
    assert publish(repo, "publish", "2022-2026").returncode == 0
    before = published_files(repo, "2022-2026/")
    set_facts(repo, FACTS_2027)
    assert publish(repo, "publish", "2026-2030").returncode == 0
    assert published_files(repo, "2022-2026/") == before
    assert len(before) > 20


def test_old_version_shows_the_banner_linking_the_same_page_in_force(repo):
    page = show(repo, "2022-2026/roller/index.html")
    banner = re.search(r'<div[^>]*data-md-component="outdated" hidden>(.*?)</div>\s*</div>|'
                       r'<div[^>]*data-md-component="outdated" hidden>(.*?)</aside>', page, re.S)
    text = unescape(" ".join((banner.group(1) or banner.group(2)).split()))
    assert "Du läser Mandatperiod 2022–2026, som har ersatts." in text
    assert '<a href="../../gallande/roller/">' in text
    assert "Läs samma sida i den gällande versionen." in text


def test_header_shows_the_facts_and_computed_dates_of_each_version(repo):
    for version, facts, period, revise_by in (
        ("2022-2026", FACTS_2023, "2022–2026", "2026–2030, som börjar 15 oktober 2026"),
        ("2026-2030", FACTS_2027, "2026–2030", "2030–2034, som börjar 15 oktober 2030"),
    ):
        page = show(repo, f"{version}/policy/index.html")
        header = unescape(re.search(r'<aside class="document-header".*?</aside>', page, re.S).group(0))
        for fact in facts:
            assert fact in header, (version, fact)
        assert f"<dt>Mandatperiod</dt>\n<dd>{period}</dd>" in header
        assert f"I anslutning till mandatperioden {revise_by}" in header
        assert f"<dd>Mandatperiod {period}</dd>" in header


def test_changes_page_compares_with_the_previous_version(repo):
    page = show(repo, "2026-2030/andringar/index.html")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Jämförelse mellan Mandatperiod 2022–2026 (före) och Mandatperiod 2026–2030 (efter)." in text
    assert "Beslutsdatum 2023-02-15 2027-03-10" in text
    assert "Ändring – Skyldighet: Rapport om informationssäkerhetsarbetet Månad: mars → februari" in text
    assert "Ändring – Informationssäkerhetspolicy" in text
    assert "beslut.datum" not in text and "arlig-rapport" not in text
    assert "<del>kan</del> <ins>ska</ins>" in page
    first = show(repo, "2022-2026/andringar/index.html")
    assert "Det finns ingen tidigare publicerad version att jämföra med." in first


def test_changes_command_compares_any_two_versions_and_the_working_tree(repo):
    between = publish(repo, "changes", "--fran", "2022-2026", "--till", "2026-2030")
    assert between.returncode == 0, between.stderr
    assert "## Ändringar från 2022-2026 till 2026-2030" in between.stdout
    assert "- `beslut.datum`: 2023-02-15 → 2027-03-10" in between.stdout
    unchanged = publish(repo, "changes")
    assert unchanged.stdout == "Inga ändringar jämfört med version 2026-2030.\n"


def test_an_adopted_version_is_never_overwritten_without_a_correction(repo):
    head = git(repo, "rev-parse", "refs/heads/publicerat")
    again = publish(repo, "publish", "2026-2030")
    assert again.returncode == 1
    assert "version 2026-2030 är publicerad som antagen och skrivs aldrig över" in again.stderr
    assert 'RATTELSE="..."' in again.stderr
    assert git(repo, "rev-parse", "refs/heads/publicerat") == head


def test_a_correction_is_recorded_and_shown_and_touches_nothing_else(tmp_path):
    repo = two_periods(tmp_path / "policy")
    old = published_files(repo, "2022-2026/")
    corrected = publish(repo, "publish", "2026-2030", "--rattelse", "Fel diarienummer i första utgåvan")
    assert corrected.returncode == 0, corrected.stderr
    versions = {v["version"]: v for v in json.loads(show(repo, "versions.json"))}
    assert versions["2026-2030"]["properties"]["rattelser"] == [
        {"datum": "2026-11-29", "skäl": "Fel diarienummer i första utgåvan"}]
    assert versions["2026-2030"]["aliases"] == ["gallande"]
    page = show(repo, "gallande/policy/index.html")
    assert "Rättad 2026-11-29: Fel diarienummer i första utgåvan" in page
    assert published_files(repo, "2022-2026/") == old


def test_adopted_version_needs_its_decision_facts(tmp_path):
    repo = make_repo(tmp_path / "policy")  # the seed: date, paragraph and number unknown
    refused = publish(repo, "publish", "2022-2026")
    assert refused.returncode == 1
    assert ("versionen är markerad som antagen men saknar beslutsdatum, paragraf, diarienummer i "
            "data/dokument.yml (beslut)") in refused.stderr
    assert git(repo, "branch", "--list", "publicerat") == ""


def test_adopted_version_goes_under_the_period_of_its_decision(tmp_path):
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, FACTS_2023)
    refused = publish(repo, "publish", "2026-2030")
    assert refused.returncode == 1
    assert "beslutsdatum 2023-02-15 hör till mandatperiod 2022–2026, inte till 2026–2030" in refused.stderr


def test_a_draft_is_published_under_a_draft_name_and_never_in_force(repo, tmp_path):
    draft = make_repo(tmp_path / "draft")
    set_facts(draft, None, status="utkast")
    refused = publish(draft, "publish", "2026-2030")
    assert refused.returncode == 1 and "under ett utkastnamn" in refused.stderr
    accepted = publish(draft, "publish", "2026-2030-utkast")
    assert accepted.returncode == 0, accepted.stderr
    versions = json.loads(show(draft, "versions.json"))
    assert versions[0]["aliases"] == [] and versions[0]["title"] == "Utkast: 2026-2030-utkast"
    assert "index.html" not in git(draft, "ls-tree", "--name-only", "refs/heads/publicerat")


def test_two_adopted_decisions_in_one_mandate_period_are_both_kept(tmp_path):
    """'... eller vid behov': a second adopted revision within a period is a new version,
    never an overwrite; the newer decision is in force, the earlier is kept byte for byte."""
    from macros.loading import load_policy
    from tests.editing import edit

    repo = make_repo(tmp_path / "policy")
    per_term = load_policy(repo / "data").policy.document.revision.rule.per_term
    first_facts, second_facts = ("2027-03-10", "§ 31", "KS 2027/9"), ("2028-05-20", "§ 44", "KS 2028/3")
    set_facts(repo, first_facts)
    first_name = "2026-2030" if per_term else first_facts[0]
    second_name = f"2026-2030-{second_facts[0]}" if per_term else second_facts[0]
    first = publish(repo, "publish", first_name)
    assert first.returncode == 0, first.stderr
    before = published_files(repo, f"{first_name}/")
    set_facts(repo, second_facts)
    # The later decision may not take the earlier one's name.
    refused = publish(repo, "publish", first_name)
    assert refused.returncode == 1 and f"'{second_name}'" in refused.stderr
    second = publish(repo, "publish", second_name)
    assert second.returncode == 0, second.stderr
    versions = {v["version"]: v for v in json.loads(show(repo, "versions.json"))}
    assert set(versions) == {first_name, second_name}
    assert versions[second_name]["aliases"] == ["gallande"] and versions[first_name]["aliases"] == []
    assert versions[second_name]["properties"]["beslutsdatum"] == second_facts[0]
    assert published_files(repo, f"{first_name}/") == before
