"""No page makes a request to any host but the site's own."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.search import search

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}


def page_urls(built_site, base_url: str) -> list[str]:
    return sorted(
        base_url + str(path.relative_to(built_site).parent).replace(".", "").lstrip("/") + ("/" if path.parent != built_site else "")
        for path in built_site.rglob("index.html")
    )


def test_every_page_and_search_request_only_the_sites_own_host(browser, built_site, site_url):
    own = urlsplit(site_url).netloc
    context = browser.new_context(locale="sv-SE")
    requests: list[str] = []
    failures: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    context.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page = context.new_page()
    urls = page_urls(built_site, site_url)
    assert len(urls) >= 3
    for url in urls:
        page.goto(url, wait_until="networkidle")
    assert search(page, site_url, "policy")  # loads the search worker, index and languages
    page.wait_for_load_state("networkidle")
    context.close()

    foreign = [
        url for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own
    ]
    assert foreign == []
    assert failures == []
    loaded = {urlsplit(url).path for url in requests}
    assert "/search/search_index.json" in loaded
    assert "/assets/javascripts/lunr/min/lunr.sv.min.js" in loaded
