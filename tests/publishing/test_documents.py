"""A site of several governing documents: each adopted decision of any document is a new
version, in which the documents that did not change read byte for byte as before (issue
22, item 4).

Runs on any organisation's content: a site of one document gets a second (tests/documents.py),
and decision facts the content lacks are test values; the new decision is the newest of the
site's by one day, whatever the content's dates. Two publications.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest

from macros.policy.adopted_text import is_adopted
from macros.policy.documents import page_document
from macros.policy.loading import load_policy
from macros.policy.mandate import period_for
from macros.site.pages import find
from tests.documents import add_document, settings_ids
from tests.publishing.published import (
    FIRST,
    git,
    macro_page,
    make_repo,
    page_address,
    publish,
    published_files,
    set_facts,
)

pytestmark = pytest.mark.build

#: What the new decision of the second document adds to its adopted text (page and file).
ADDED = "Dokumentet gäller också för inhyrd personal."


def _loaded(repo):
    return load_policy(repo / "data", repo / "docs", project=repo)


def _show(repo, path: str) -> str:
    return git(repo, "show", f"refs/heads/publicerat:{path}")


def _article(page: str) -> str:
    found = re.search(r"<article\b.*?</article>", page, re.DOTALL)
    assert found, "the page has no <article>"
    return found.group(0)


def _own_pages(repo, setting) -> list[str]:
    """The first document's own pages (docs/ paths): its adopted text and its facts page,
    none of which shows a view across documents."""
    docs = repo / "docs"
    adopted = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))
               if is_adopted(p.read_text("utf-8-sig"))]
    facts = find(docs).get("dokument")
    own = [p for p in [*adopted, *([facts] if facts else [])] if page_document(p, setting) == setting.main]
    assert own, "the first document has no page of its own"
    return list(dict.fromkeys(own))


def _text(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_new_decision_of_the_second_document_leaves_the_first_as_it_was(tmp_path):
    repo = make_repo(tmp_path / "policy")
    if not settings_ids(repo)[1:]:  # a site of one document: a second, as an editor adds one
        add_document(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "Ett dokument till")
    loaded = _loaded(repo)
    first, second = loaded.policy.document, loaded.documents[0]
    if first.decision.date is None:
        set_facts(repo, FIRST)
    first_date = _loaded(repo).policy.document.decision.date
    if second.policy.document.decision.date is None:
        set_facts(repo, ((first_date + dt.timedelta(days=30)).isoformat(), "§ 3", "DNR 1/1"),
                  document=second.id)

    published = publish(repo, "publish")
    assert published.returncode == 0, published.stderr
    (before,) = json.loads(_show(repo, "versions.json"))
    old = before["version"]
    old_files = published_files(repo, f"{old}/")
    loaded = _loaded(repo)
    assert before["properties"]["dokument"] == {
        loaded.setting.main: loaded.policy.document.decision.date.isoformat(),
        **{d.id: d.policy.document.decision.date.isoformat() for d in loaded.documents}}

    # The second document's new decision: a sentence more in its adopted text, a new date.
    second = loaded.documents[0]
    newest = max(loaded.policy.document.decision.date,
                 *(d.policy.document.decision.date for d in loaded.documents))
    decided = newest + dt.timedelta(days=1)
    adopted = next(p for p in sorted((repo / "docs" / second.id).rglob("*.md"))
                   if is_adopted(p.read_text("utf-8-sig")))
    adopted.write_text(adopted.read_text("utf-8").rstrip("\n") + f"\n\n{ADDED}\n", "utf-8")
    text_file = repo / "data" / second.id / "antagen-text.txt"
    if text_file.is_file():
        text_file.write_text(text_file.read_text("utf-8").rstrip("\n") + f"\n{ADDED}\n", "utf-8")
    facts = second.policy.document.decision
    set_facts(repo, (decided.isoformat(), facts.paragraph, facts.registry_number), document=second.id)

    republished = publish(repo, "publish")
    assert republished.returncode == 0, republished.stderr
    if loaded.policy.document.revision.rule.per_term:
        period = period_for(decided)
        new = period.id if period.id != old and not old.startswith(period.id) else f"{period.id}-{decided}"
    else:
        new = decided.isoformat()
    name = second.policy.document.name
    assert f"Versionen heter '{new}'" in republished.stderr
    assert name in republished.stderr and f"data/{second.id}/dokument.yml" in republished.stderr

    versions = {v["version"]: v for v in json.loads(_show(repo, "versions.json"))}
    assert set(versions) == {old, new}
    assert versions[new]["aliases"] == ["gallande"] and versions[old]["aliases"] == []
    assert versions[new]["properties"]["dokument"][second.id] == decided.isoformat()
    # The previous version is as it was, and still there to read.
    assert published_files(repo, f"{old}/") == old_files
    assert "<article" in _show(repo, f"{old}/index.html")

    # The first document's own pages read as before: the whole page, byte for byte (the
    # version selector names the version client-side; the banner of a replaced version names
    # none on a site of several documents; the link to the document's PDF gives its size, and
    # its PDF holds only its own pages and names no version of the site).
    for page in _own_pages(repo, loaded.setting):
        address = page_address(page)
        was, now = (_show(repo, f"{v}/{address}index.html") for v in (old, new))
        assert now == was, page
        assert ADDED not in now and "<article" in now
        assert 'class="policy-pdf__link"' in now, page

    # The changes page names the second document, and not the first (the comparison: the
    # page itself is the first document's, under its header).
    changes = _show(repo, f"{new}/{macro_page(repo, 'changes(')}index.html")
    article = _text(_article(changes).split('class="changes-versions"', 1)[1])
    assert name in article and ADDED in article
    assert loaded.policy.document.name not in article
    assert "Övriga dokument på webbplatsen är oförändrade." in article
    # ... and so does make changes.
    told = publish(repo, "changes", "--fran", old, "--till", new)
    assert told.returncode == 0, told.stderr
    assert f"### {name}" in told.stdout and loaded.policy.document.name not in told.stdout
