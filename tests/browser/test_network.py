"""No page makes a request to any host but the site's own: neither the site that make build
makes nor the one that make build-zensical makes (Zensical's scripts, like Material's, can
fetch from public CDNs for features the site does not use)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests import zensical
from tests.browser.search import search, search_zensical

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}


def page_urls(built_site, base_url: str) -> list[str]:
    return sorted(
        base_url + str(path.relative_to(built_site).parent).replace(".", "").lstrip("/") + ("/" if path.parent != built_site else "")
        for path in built_site.rglob("index.html")
    )


def visit_every_page_and_search(browser, site, site_url, search_for) -> set[str]:
    """Load every page of ``site`` (served at ``site_url``) and search it; assert that no
    request went to another host and none failed; the paths requested."""
    own = urlsplit(site_url).netloc
    context = browser.new_context(locale="sv-SE")
    requests: list[str] = []
    failures: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    context.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page = context.new_page()
    urls = page_urls(site, site_url)
    assert len(urls) >= 3
    for url in urls:
        page.goto(url, wait_until="networkidle")
    search_for(page)
    page.wait_for_load_state("networkidle")
    context.close()

    foreign = [
        url for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own
    ]
    assert foreign == []
    assert failures == []
    return {urlsplit(url).path for url in requests}


def test_every_page_and_search_request_only_the_sites_own_host(browser, built_site, site_url):
    def search_for(page):
        assert search(page, site_url, "policy")  # loads the search worker, index and languages

    loaded = visit_every_page_and_search(browser, built_site, site_url, search_for)
    assert "/search/search_index.json" in loaded
    assert "/assets/javascripts/lunr/min/lunr.sv.min.js" in loaded


def test_every_page_and_search_of_the_zensical_build_request_only_the_sites_own_host(
        browser, tmp_path_factory, tmp_path):
    _, zensical_site = zensical.both_sites(tmp_path_factory)
    with zensical.served_as_published(zensical_site, tmp_path) as site_url:
        loaded = visit_every_page_and_search(
            browser, zensical_site, site_url, lambda page: search_zensical(page, site_url, "policy"))
    version = urlsplit(site_url).path
    assert any(path.startswith(f"{version}assets/javascripts/workers/search") for path in loaded), sorted(loaded)
