"""Publishing with mike in a temporary git repository: keep, refuse, correct, compare."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape, unescape

import pytest

from macros.site.config import BASE_FILE

from tests.conftest import BUILD_DAY, made_once
from tests.publishing.published import (
    FIRST, MONTHS, SECOND, Decision, TwoVersions, copy_repo, git, loaded, macro_page, make_repo, page_title,
    part_page, per_term, publish, published_files, set_facts, shared_two_versions,
)

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> TwoVersions:
    """FIRST published; then a revision published as SECOND (made once per run, for every
    worker; a test that changes the repository changes a copy_repo() of it)."""
    return made_once(tmp_path_factory, "two-versions", shared_two_versions)


@pytest.fixture(scope="module")
def repo(published):
    return published.repo


def several(repo) -> bool:
    """Whether the content has several governing documents (tests/fixtures/region)."""
    from macros.policy.loading import load_policy

    return bool(load_policy(repo / "data", repo / "docs").documents)


def show(repo, path: str) -> str:
    return git(repo, "show", f"refs/heads/publicerat:{path}")


def test_both_versions_are_kept_and_the_second_is_in_force(published):
    repo = published.repo
    versions = json.loads(show(repo, "versions.json"))
    # Each title HTML-escaped (Material's selector writes it as HTML), markup included.
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        (published.second, escape(published.second_title), ["gallande"]),
        (published.first, escape(published.first_title), []),
    ]
    assert all(v["properties"]["status"] == "antagen" for v in versions)
    assert 'url=gallande/' in show(repo, "index.html")  # the default
    # Aliases are copies, never symlinks.
    modes = {line.split()[0] for line in git(repo, "ls-tree", "-r", "refs/heads/publicerat").splitlines()}
    assert modes == {"100644"}
    assert published_files(repo, "gallande/") and all(
        blob == published_files(repo, f"{published.second}/")[path.replace("gallande/", f"{published.second}/", 1)]
        for path, blob in published_files(repo, "gallande/").items()
    )


def test_the_first_version_is_byte_for_byte_unchanged(published):
    # published_files() of the first version, right after it was published (two_versions).
    before = published.first_files
    assert published_files(published.repo, f"{published.first}/") == before
    assert len(before) > 20


def test_old_version_shows_the_banner_linking_the_same_page_in_force(published):
    roles = part_page(published.repo, "roller")
    page = show(published.repo, f"{published.first}/{roles}index.html")
    banner = re.search(r'<div[^>]*data-md-component="outdated" hidden>(.*?)</div>\s*</div>|'
                       r'<div[^>]*data-md-component="outdated" hidden>(.*?)</aside>', page, re.S)
    text = unescape(" ".join((banner.group(1) or banner.group(2)).split()))
    if several(published.repo):  # a version that unchanged documents share names none
        assert "Du läser en version som har ersatts." in text
    else:
        assert f"Du läser {published.first_title}, som har ersatts." in text
    assert f'<a href="../{"../" * roles.count("/")}gallande/{roles}">' in text
    assert "Läs samma sida i den gällande versionen." in text


def expected_revise_by(document, decision: Decision) -> str:
    """'Revideras senast' in words, from the content's revision rule and the test decision."""
    rule = document.revision.rule
    if rule.per_term:
        following = int(decision.period[:4]) + 4
        return f"I anslutning till mandatperioden {following}–{following + 4}, som börjar 15 oktober {following}"
    if rule.by_years:
        day = dt.date.fromisoformat(decision.date)
        day = day.replace(year=day.year + document.revision.years)
    elif rule.by_date:
        day = document.revision.by_date
    else:
        return "Vid behov"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def test_header_shows_the_facts_and_computed_dates_of_each_version(published):
    repo = published.repo
    document = loaded(repo).document
    roles = part_page(repo, "roller")
    for version, title, decision in (
        (published.first, published.first_title, FIRST),
        (published.second, published.second_title, SECOND),
    ):
        page = show(repo, f"{version}/{roles}index.html")
        header = unescape(re.search(r'<aside class="document-header".*?</aside>', page, re.S).group(0))
        for fact in decision.facts:
            assert fact in header, (version, fact)
        if document.revision.rule.per_term:
            assert f"<dt>Mandatperiod</dt>\n<dd>{decision.period_label}</dd>" in header
        else:  # versions named after their decision date speak of no mandate period
            assert "<dt>Mandatperiod</dt>" not in header
        assert f"<dt>Revideras senast</dt>\n<dd>{expected_revise_by(document, decision)}" in header
        if several(repo):  # the version says nothing of one document of several
            assert "<dt>Version</dt>" not in header
        else:
            assert f"<dt>Version</dt>\n<dd>{title}</dd>" in header


def test_changes_page_compares_with_the_previous_version(published):
    repo, revision = published.repo, published.revision
    changes = macro_page(repo, "changes(")
    page = show(repo, f"{published.second}/{changes}index.html")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert (f"Jämförelse mellan {published.first_title} (före) och {published.second_title} (efter)."
            in text)
    assert f"Beslutsdatum {FIRST.date} {SECOND.date}" in text
    before, after = revision.month_names
    item = f"Ändring – Skyldighet: {revision.obligation_title} "
    assert item in text
    assert f"Månad: {before} → {after}" in text.split(item, 1)[1].split(" Ändring – ", 1)[0]
    for prose_page in revision.pages:
        assert f"Ändring – {page_title(repo, prose_page)}" in text
    assert "beslut.datum" not in text and f" {revision.obligation_id} " not in f" {text} "
    assert f"<del>{revision.word_before}</del> <ins>{revision.word_after}</ins>" in page
    first = show(repo, f"{published.first}/{changes}index.html")
    assert "Det finns ingen tidigare publicerad version att jämföra med." in first


def test_changes_page_names_the_previous_version_by_its_published_title(published):
    """The previous version is named as it was published (its title, escaped once: the
    shared first version's title is markup, published.MARKUP_TITLE), not by a name the build
    guesses from the version's folder."""
    repo = published.repo
    page = show(repo, f"{published.second}/{macro_page(repo, 'changes(')}index.html")
    named = f"Jämförelse mellan {escape(published.first_title, quote=False)} (före) och "
    assert named in page.replace("&#34;", '"').replace("&quot;", '"')
    assert published.first_title != FIRST.title(per_term(repo))
    assert "<script>window.injected" not in page and "<img src=x" not in page


def test_changes_command_compares_any_two_versions_and_the_working_tree(published):
    repo = published.repo
    between = publish(repo, "changes", "--fran", published.first, "--till", published.second)
    assert between.returncode == 0, between.stderr
    assert f"## Ändringar från {published.first} till {published.second}" in between.stdout
    assert f"- `beslut.datum`: {FIRST.date} → {SECOND.date}" in between.stdout
    unchanged = publish(repo, "changes")
    assert unchanged.stdout == f"Inga ändringar jämfört med version {published.second}.\n"


def test_an_adopted_version_is_never_overwritten_without_a_correction(published):
    repo = published.repo
    head = git(repo, "rev-parse", "refs/heads/publicerat")
    again = publish(repo, "publish", published.second)
    assert again.returncode == 1
    assert f"version {published.second} är publicerad som antagen och skrivs aldrig över" in again.stderr
    assert 'RATTELSE="..."' in again.stderr
    assert git(repo, "rev-parse", "refs/heads/publicerat") == head


def test_a_correction_is_recorded_and_shown_and_touches_nothing_else(published, tmp_path):
    repo = copy_repo(published.repo, tmp_path / "policy")
    old = published_files(repo, f"{published.first}/")
    corrected = publish(repo, "publish", published.second, "--rattelse", "Fel diarienummer i första utgåvan")
    assert corrected.returncode == 0, corrected.stderr
    versions = {v["version"]: v for v in json.loads(show(repo, "versions.json"))}
    assert versions[published.second]["properties"]["rattelser"] == [
        {"datum": BUILD_DAY.isoformat(), "skäl": "Fel diarienummer i första utgåvan"}]
    assert versions[published.second]["aliases"] == ["gallande"]
    page = show(repo, f"gallande/{part_page(repo, 'roller')}index.html")
    assert f"Rättad {BUILD_DAY.isoformat()}: Fel diarienummer i första utgåvan" in page
    assert published_files(repo, f"{published.first}/") == old


def test_adopted_version_needs_its_decision_facts(tmp_path):
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, None)  # adopted, but date, paragraph and number unknown
    refused = publish(repo, "publish", FIRST.name(per_term(repo)))
    assert refused.returncode == 1
    assert ("versionen är markerad som antagen men saknar beslutsdatum, paragraf, diarienummer i "
            "data/dokument.yml (beslut)") in refused.stderr
    assert git(repo, "branch", "--list", "publicerat") == ""


def test_a_version_whose_build_stops_is_not_published_and_the_build_says_why(tmp_path):
    """The build mike runs stops (here: the start page links to a page that does not
    exist, which the strict build refuses): the publication says so in Swedish with the
    build's own words naming the page, without a traceback or mike's line about the
    command, and nothing is published."""
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, FIRST)
    start = repo / "docs" / "index.md"
    start.write_text(start.read_text("utf-8") + "\n\n[En trasig länk](sidan-som-inte-finns.md)\n", "utf-8")
    git(repo, "commit", "-qam", "En länk till en sida som inte finns")
    refused = publish(repo, "publish", FIRST.name(per_term(repo)))
    assert refused.returncode == 1, refused.stderr
    said = refused.stderr
    assert "bygget av versionen misslyckades, ingenting är publicerat och site/ är orörd:" in said
    assert "index.md" in said and "sidan-som-inte-finns.md" in said, said
    assert "Traceback" not in said and "error: Command" not in said, said
    assert git(repo, "branch", "--list", "publicerat") == ""
    assert git(repo, "for-each-ref", "refs/") == git(repo, "for-each-ref", "refs/heads/", "refs/tags/")


def test_adopted_version_goes_under_the_name_its_decision_gives(tmp_path):
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, FIRST)
    refused = publish(repo, "publish", SECOND.period)  # another mandate period's name
    assert refused.returncode == 1
    if per_term(repo):
        assert (f"beslutsdatum {FIRST.date} hör till mandatperiod {FIRST.period_label}, "
                f"inte till {SECOND.period_label}") in refused.stderr
    else:
        assert (f"en antagen version publiceras under det namn som beslutet ger, '{FIRST.date}' "
                in refused.stderr)
        assert f"inte som '{SECOND.period}'. Utelämna VERSION" in refused.stderr
    assert git(repo, "branch", "--list", "publicerat") == ""


def test_a_draft_is_published_under_a_draft_name_and_never_in_force(tmp_path):
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
    repo = make_repo(tmp_path / "policy")
    term = per_term(repo)
    first_facts, second_facts = ("2027-03-10", "§ 31", "KS 2027/9"), ("2028-05-20", "§ 44", "KS 2028/3")
    set_facts(repo, first_facts)
    first_name = "2026-2030" if term else first_facts[0]
    second_name = f"2026-2030-{second_facts[0]}" if term else second_facts[0]
    # make publish alone (no VERSION): the name is the one the decision gives, and said.
    first = publish(repo, "publish")
    assert first.returncode == 0, first.stderr
    assert f"Versionen heter '{first_name}'" in first.stderr
    before = published_files(repo, f"{first_name}/")
    set_facts(repo, second_facts)
    # The later decision may not take the earlier one's name; the refusal names both.
    refused = publish(repo, "publish", first_name)
    assert refused.returncode == 1 and f"'{second_name}'" in refused.stderr
    assert f"inte som '{first_name}'" in refused.stderr and "Utelämna VERSION" in refused.stderr
    second = publish(repo, "publish")
    assert second.returncode == 0, second.stderr
    assert f"Versionen heter '{second_name}'" in second.stderr
    versions = {v["version"]: v for v in json.loads(show(repo, "versions.json"))}
    assert set(versions) == {first_name, second_name}
    assert versions[second_name]["aliases"] == ["gallande"] and versions[first_name]["aliases"] == []
    assert versions[second_name]["properties"]["beslutsdatum"] == second_facts[0]
    assert published_files(repo, f"{first_name}/") == before


def test_the_root_page_leads_on_without_a_script_whatever_mkdocs_yml_says(tmp_path):
    """The root page is overrides/mike-redirect.html (no inline script, which the policy of
    deploy/nginx.conf forbids) even where the settings do not configure mike's plugin."""
    repo = make_repo(tmp_path / "policy")
    config = repo / BASE_FILE  # the project's settings, which hold the plugins
    config.write_text(re.sub(r"(?m)^  - mike:\n(?:(?:      .*)?\n)*", "", config.read_text("utf-8")), "utf-8")
    assert "redirect_template" not in config.read_text("utf-8")
    git(repo, "commit", "-q", "--allow-empty", "-am", "Utan mike-inställning")
    set_facts(repo, FIRST)
    assert publish(repo, "publish", FIRST.name(per_term(repo))).returncode == 0
    root = show(repo, "index.html")
    assert "<script" not in root and "gallande/" in root
