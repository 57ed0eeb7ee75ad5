"""A throwaway git repository of the project, for publishing scenarios.

The scenarios run on any organisation's content (tests/conftest.py CONTENT): the decision
facts they write are test values; the names versions get follow the content's revision
rule (a rule tied to mandate periods publishes under the period, any other rule under the
decision date); what a revision rewords is picked from the content's own data and pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import warm
from tests.conftest import BUILD_EPOCH, ROOT, copy_project

#: Swedish month names, as the site writes a date in words.
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


@dataclass(frozen=True)
class Decision:
    """Test decision facts, and the mandate period their date falls in (elections 2022, 2026:
    a period starts on 15 October of its election year)."""

    date: str
    paragraph: str
    number: str
    period: str  # "2022-2026"

    @property
    def facts(self) -> tuple[str, str, str]:
        return (self.date, self.paragraph, self.number)

    @property
    def period_label(self) -> str:
        return self.period.replace("-", "–")

    def name(self, per_term: bool) -> str:
        """The name an adopted version with these facts is published under (the first
        adopted decision of its period, for a rule tied to mandate periods)."""
        return self.period if per_term else self.date

    def title(self, per_term: bool) -> str:
        return f"Mandatperiod {self.period_label}" if per_term else f"Beslutad {self.date}"


FIRST = Decision("2023-02-15", "§ 12", "KS 2023/45", "2022-2026")
SECOND = Decision("2027-03-10", "§ 31", "KS 2027/9", "2026-2030")
FACTS_2023 = FIRST.facts  # kept for callers that only write the facts
FACTS_2027 = SECOND.facts


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def loaded(repo: Path):
    from macros.policy.loading import load_policy

    return load_policy(repo / "data", repo / "docs").policy


def per_term(repo: Path) -> bool:
    """Whether the content's revision rule ties versions to mandate periods."""
    return loaded(repo).document.revision.rule.per_term


def make_repo(target: Path) -> Path:
    """A repository of a copy of the project, with the content under test."""
    return init_repo(copy_project(target))


def init_repo(repo: Path) -> Path:
    """Make the project in ``repo`` a git repository whose one commit holds it all."""
    if not (repo / "publishing").exists():
        shutil.copytree(ROOT / "publishing", repo / "publishing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / ".gitignore", repo / ".gitignore")  # what a publication may leave untracked
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "registrator@example.invalid")
    git(repo, "config", "user.name", "Registrator")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Policyn som den antogs")
    return repo


def set_facts(repo: Path, facts: tuple[str, str, str] | Decision | None, status: str = "antagen",
              document: str | None = None) -> None:
    """Write the decision facts (or 'uppgift saknas') and the status, and commit.

    ``document``: the id of a further document (its facts are in data/<id>/), or "" for the
    first; by default every document of the site, so that the test decision is the newest
    and names the version, however many documents the content has."""
    if document is None:
        from tests.documents import settings_ids

        for other in settings_ids(repo)[1:]:
            _write_facts(repo / "data" / other / "dokument.yml", facts, status)
        document = ""
    _write_facts(repo / "data" / document / "dokument.yml", facts, status)
    values = facts.facts if isinstance(facts, Decision) else facts or ("uppgift saknas",) * 3
    git(repo, "commit", "-q", "--allow-empty", "-am", f"Beslutsuppgifter {values[0]}")


def _write_facts(path: Path, facts: tuple[str, str, str] | Decision | None, status: str) -> None:
    if isinstance(facts, Decision):
        facts = facts.facts
    text = path.read_text("utf-8")
    values = facts or ("uppgift saknas",) * 3
    for key, value in zip(("datum", "paragraf", "diarienummer"), values):
        text, found = re.subn(rf"(?m)^(\s+){key}: .*$", rf"\g<1>{key}: {value}", text, count=1)
        assert found, f"{path} has no beslut.{key} line"
    text, found = re.subn(r"(?m)^status: .*$", f"status: {status}", text, count=1)
    assert found, f"{path} has no status line"
    path.write_text(text, "utf-8")


# --- A revision, picked from the content ------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """What revise() changed: one planned month of an obligation, one word of a sentence."""

    obligation_id: str
    obligation_title: str
    month_before: int
    month_after: int
    sentence: str  # the sentence as it was
    word_before: str
    word_after: str
    pages: tuple[str, ...]  # docs/ pages (relative paths) whose prose held the sentence

    @property
    def month_names(self) -> tuple[str, str]:
        return MONTHS[self.month_before - 1], MONTHS[self.month_after - 1]


def _planned_month(repo: Path):
    """The first obligation whose month the planning set (not the policy)."""
    for obligation in loaded(repo).obligations:
        timing = obligation.timing
        if timing and timing.month and timing.set_by.value == "planeringen":
            return obligation
    return None


def _move_month(repo: Path, obligation) -> int:
    """Move the obligation's planned month one month earlier (later, for January)."""
    path = repo / "data" / "uppfoljning.yml"
    text = path.read_text("utf-8")
    start = re.search(rf"(?m)^\s*- id: {re.escape(obligation.id)}\s*$", text)
    assert start, f"{obligation.id} not found in data/uppfoljning.yml"
    following = re.compile(r"(?m)^\s*- id: ").search(text, start.end())
    end = following.start() if following else len(text)
    month = obligation.timing.month
    after = month - 1 if month > 1 else 2
    block, found = re.subn(rf"(?m)^(\s+)månad: {month}\s*$", rf"\g<1>månad: {after}",
                           text[start.end():end], count=1)
    assert found, f"no 'månad: {month}' in {obligation.id}"
    path.write_text(text[:start.end()] + block + text[end:], "utf-8")
    return after


def _sentence_pattern(sentence: str) -> re.Pattern:
    """The sentence wherever it stands, however a file wraps it."""
    return re.compile(r"\s+".join(re.escape(word) for word in sentence.split()))


def _content_files(repo: Path) -> list[Path]:
    return sorted(p for folder in ("docs", "data") for p in (repo / folder).rglob("*")
                  if p.is_file() and p.suffix in (".md", ".yml", ".yaml", ".txt"))


def _reword(repo: Path, sentence: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Replace one word of ``sentence`` wherever it stands in docs/ and data/; None (and
    nothing changed) if the sentence is not in the prose of a page or the result does
    not load."""
    words = sentence.split()
    index = next((i for i, w in enumerate(words) if i > 0 and w.isalpha()), None)
    if index is None:
        return None
    before = words[index]
    after = "ska" if before != "ska" else "bör"
    pattern = _sentence_pattern(sentence)
    originals = {path: path.read_text("utf-8") for path in _content_files(repo)}
    pages = tuple(path.relative_to(repo / "docs").as_posix() for path, text in originals.items()
                  if path.suffix == ".md" and path.is_relative_to(repo / "docs") and pattern.search(text))
    if not pages:
        return None

    def replace(match: re.Match) -> str:
        parts = re.split(r"(\s+)", match.group(0))  # words at even indexes
        parts[2 * index] = after
        return "".join(parts)

    for path, text in originals.items():
        changed = pattern.sub(replace, text)
        if changed != text:
            path.write_text(changed, "utf-8")
    from macros.policy.errors import DataErrors

    try:
        loaded(repo)
    except DataErrors:  # the reworded sentence broke another quotation: try another
        for path, text in originals.items():
            path.write_text(text, "utf-8")
        return None
    return before, after, pages


def revise(repo: Path) -> Revision:
    """A revision: one planned month moved, one sentence of a responsibility that the
    policy's prose also says reworded (prose and data alike); committed."""
    obligation = _planned_month(repo)
    assert obligation is not None, "the content has no obligation with a planned month"
    responsibilities = loaded(repo).responsibilities
    month_after = _move_month(repo, obligation)
    for responsibility in responsibilities:
        sentence = " ".join(responsibility.source.split())
        reworded = _reword(repo, sentence)
        if reworded:
            break
    else:  # pragma: no cover - every content quotes its prose in ansvar.yml
        raise AssertionError("no responsibility's sentence stands in the prose of a page")
    git(repo, "commit", "-qam", "Revidering")
    return Revision(obligation.id, obligation.title, obligation.timing.month, month_after,
                    sentence, *reworded)


def publish(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m publishing *args`` in ``repo``, as make publish, changes and export run it,
    from a warm start (tests/warm.py); returncode None if it has not ended within 300 s."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return warm.run_completed("publishing", list(args), repo, env, 300)


def published_files(repo: Path, prefix: str) -> dict[str, str]:
    """path -> blob id of every file under ``prefix`` on the published branch (byte identity)."""
    listing = git(repo, "ls-tree", "-r", "refs/heads/publicerat", prefix)
    return {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}


def publish_adopted(repo: Path, decision: Decision, title: str | None = None) -> str:
    """Write ``decision`` as the adopted facts and publish under the name it gives (with
    ``title`` as the publisher's TITEL, if given)."""
    set_facts(repo, decision)
    name = decision.name(per_term(repo))
    result = publish(repo, "publish", name, *([f"--titel={title}"] if title is not None else []))
    assert result.returncode == 0, result.stderr
    return name


@dataclass(frozen=True)
class TwoVersions:
    """A repository with two adopted decisions published, the later in force."""

    repo: Path
    first: str  # version names
    second: str
    first_title: str
    second_title: str
    revision: Revision
    first_files: dict[str, str]  # published_files() of the first version before the second


def two_versions(target: Path, first_title: str | None = None) -> TwoVersions:
    """FIRST published as adopted, then a revision adopted as SECOND (2022–2026 and then
    2026–2030, for a rule tied to mandate periods). The first is published under
    ``first_title`` when given, else under the title its decision gives."""
    repo = make_repo(target)
    term = per_term(repo)
    first = publish_adopted(repo, FIRST, first_title)
    first_files = published_files(repo, f"{first}/")
    set_facts(repo, SECOND)
    revision = revise(repo)
    second = SECOND.name(term)
    result = publish(repo, "publish", second)
    assert result.returncode == 0, result.stderr
    return TwoVersions(repo, first, second, FIRST.title(term) if first_title is None else first_title,
                       SECOND.title(term), revision, first_files)


def copy_repo(repo: Path, target: Path) -> Path:
    """A copy of a repository (its work tree and .git) that a test may change: what a
    shared fixture made is read by other tests, on other workers, meanwhile."""
    return Path(shutil.copytree(repo, target, symlinks=True))


def first_version(folder: Path) -> Path:
    """A repository with FIRST published as adopted, as make publish does it (shared by
    tests/publishing/test_safety.py and tests/pdf/test_pdf.py, see conftest's made_once)."""
    repo = make_repo(folder / "policy")
    publish_adopted(repo, FIRST)
    return repo


#: Where the shared two versions are published (deploy/nginx.conf's example), as a publisher
#: gives it: tests/browser/test_nginx.py serves them there.
SUB_PATH = "/styrdokument/informationssakerhet/"
SITE_URL = "http://intranat.example" + SUB_PATH


#: The title the shared first version is published under, as a careless or hostile
#: publisher could give it (TITEL): markup that would break out of an attribute, load an
#: image and run a script if it were ever written as HTML. Every page, the version
#: selector, the banner and the changes page must show it as the text it is.
MARKUP_TITLE = 'Första <utgåvan> & <img src=x onerror="window.injected=1">"><script>window.injected=2</script>'


def shared_two_versions(folder: Path) -> TwoVersions:
    """two_versions() published at SITE_URL, the first under MARKUP_TITLE: made once per
    test run (conftest's made_once, "two-versions") and read by the publishing tests and
    the browser tests of nginx and the version selector."""
    with pytest.MonkeyPatch.context() as setting:
        setting.setenv("POLICY_SITE_URL", SITE_URL)
        return two_versions(folder / "policy", MARKUP_TITLE)


def export_versions(published: TwoVersions, folder: Path) -> Path:
    """The published versions exported (make export) to a new folder in ``folder``."""
    www = folder / "www"
    result = publish(published.repo, "export", str(www))
    assert result.returncode == 0, result.stderr
    assert "Exporterade 2 version(er)" in result.stdout
    return www


def two_periods(target: Path) -> Path:
    """The repository of two_versions() (kept for callers that need only the repository)."""
    return two_versions(target).repo


# --- Pages ---------------------------------------------------------------------------


def page_address(markdown_path: str) -> str:
    """docs/ path -> the page's folder in the built site (``ansvar.md`` -> ``ansvar/``,
    ``index.md`` -> ``''``)."""
    stem = markdown_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def part_page(repo: Path, part: str) -> str:
    """The folder of the page that plays ``part`` (macros/site/pages.py), e.g. the roles page."""
    from macros.site.pages import find

    pages = find(repo / "docs")
    assert part in pages, f"no page of the content shows {part}"
    return page_address(pages[part])


def macro_page(repo: Path, call: str) -> str:
    """The folder of the first page (in name order) whose Markdown calls ``call``, e.g. 'changes('."""
    for path in sorted((repo / "docs").rglob("*.md")):
        if re.search(r"\{\{-?\s*" + re.escape(call), path.read_text("utf-8")):
            return page_address(path.relative_to(repo / "docs").as_posix())
    raise AssertionError(f"no page of the content calls {call}")


def page_title(repo: Path, markdown_path: str) -> str:
    """A page's title as the changes page names it."""
    from macros.views.changes import page_title as title

    return title((repo / "docs" / markdown_path).read_text("utf-8"), markdown_path)
