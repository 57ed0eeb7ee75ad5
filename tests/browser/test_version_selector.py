"""Material's version selector (its JavaScript reads mike's versions.json) shows a hostile
version title as text: no element it holds is created, nothing in it runs."""

from __future__ import annotations

import pytest

from tests.conftest import serve
from tests.publishing.published import FIRST, make_repo, per_term, publish, set_facts

pytestmark = pytest.mark.browser

TITLE = '<img src=x onerror="window.injected=1">"><script>window.injected=2</script>'


def test_a_markup_title_is_text_in_the_version_selector(tmp_path, page):
    repo = make_repo(tmp_path / "policy")
    set_facts(repo, FIRST)
    name = FIRST.name(per_term(repo))
    done = publish(repo, "publish", name, f"--titel={TITLE}")
    assert done.returncode == 0, done.stderr
    assert publish(repo, "export", str(tmp_path / "www")).returncode == 0
    with serve(tmp_path / "www") as url:
        page.goto(url + f"{name}/")
        selector = page.locator(".md-version")
        selector.wait_for(state="attached")
        assert page.locator(".md-version__current").text_content().strip().startswith(TITLE)
        items = page.locator(".md-version__link")
        assert any(items.nth(i).text_content().strip().startswith(TITLE) for i in range(items.count()))
        assert page.locator(".md-version img, .md-version script").count() == 0
        assert page.evaluate("window.injected") is None
