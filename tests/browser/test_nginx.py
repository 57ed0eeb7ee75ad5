"""make export served by a real nginx with deploy/nginx.conf, read in Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from macros.site.finish import FEED_FILE
from tests.browser import content
from tests.browser.search import WAIT_LIMIT, search, wait_until
from tests.conftest import ROOT, free_port
from tests.publishing.published import SUB_PATH

pytestmark = pytest.mark.browser

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
EXAMPLE_ROOT = "/var/www/informationssakerhet/"


@pytest.fixture(scope="module")
def nginx(exported, tmp_path_factory) -> str:
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"nginx saknas ({NGINX}); installera Debians paket: sh .ci/install-packages",
                    pytrace=False)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace(EXAMPLE_ROOT, str(exported) + "/")
    assert str(exported) in server
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"{kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
        "events {}\nhttp {\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
        f"access_log off;\n{temp}{server}\n}}\n",
        "utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)])
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_export_is_plain_files_with_every_version(exported, published):
    assert not [p for p in exported.rglob("*") if p.is_symlink()]
    assert {p.name for p in exported.iterdir()} >= {
        published.first, published.second, "gallande", "versions.json", "index.html"}
    assert (exported / "gallande" / content.text_page() / "index.html").is_file()


def test_nginx_serves_the_version_in_force_under_a_sub_path(browser, nginx, published):
    own = urlsplit(nginx).netloc
    context = browser.new_context(locale="sv-SE")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(nginx)
    page.wait_for_url(re.compile(r".*/gallande/$"))
    assert page.url == nginx + "gallande/"
    assert content.start_heading() in page.inner_text("article")
    # The version selector lists every version.
    page.wait_for_selector(".md-version__current")
    assert published.second_title in page.inner_text(".md-version__current")
    titles = page.eval_on_selector_all(".md-version__list .md-version__link",
                                       "links => links.map(a => a.textContent.trim())")
    assert any(published.second_title in t for t in titles)
    assert any(published.first_title in t for t in titles)
    # The version in force shows no banner.
    assert page.locator("[data-md-component=outdated]").is_hidden()
    # A page of the old version says it has been replaced and links the same page in force.
    roles = content.page_of("roller")
    page.goto(nginx + f"{published.first}/{roles}")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    said = ("Du läser en version som har ersatts." if content.several()
            else f"Du läser {published.first_title}, som har ersatts.")
    assert said in banner.inner_text()
    banner.get_by_role("link").click()
    page.wait_for_url(nginx + f"gallande/{roles}")
    # The calendar feed is served as a calendar.
    with urllib.request.urlopen(nginx + f"gallande/{FEED_FILE}") as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        assert response.read().startswith(b"BEGIN:VCALENDAR")
    context.close()
    assert [u for u in requests if urlsplit(u).netloc != own and urlsplit(u).scheme not in {"data", "blob"}] == []


# --- Serving safely: security headers and a strict Content-Security-Policy -----------------

#: Collects every CSP violation the document reports, before any of the page's scripts run.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def published_folders(exported: Path) -> list[str]:
    """Every folder of the export that holds a version: each version and each alias."""
    entries = json.loads((exported / "versions.json").read_text("utf-8"))
    return [name for entry in entries for name in (entry["version"], *entry["aliases"])]


def published_pages(exported: Path) -> list[str]:
    """The address (relative to the export's root) of every page of every folder."""
    pages = [""]
    for folder in published_folders(exported):
        for index in sorted((exported / folder).rglob("index.html")):
            pages.append(index.parent.relative_to(exported).as_posix() + "/")
    return pages


def header_problems(headers) -> list[str]:
    """What is missing from or too lax in one response's security headers."""
    headers = {k.lower(): v for k, v in dict(headers).items()}
    policy = {}
    for directive in headers.get("content-security-policy", "").split(";"):
        if directive.strip():
            name, *values = directive.split()
            policy[name.lower()] = values
    problems = []
    if policy.get("default-src") != ["'self'"]:
        problems.append(f"default-src {policy.get('default-src')}")
    if policy.get("script-src") != ["'self'"]:
        problems.append(f"script-src {policy.get('script-src')}")
    for directive, values in policy.items():
        if {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(values):
            problems.append(f"{directive} {values}")
    if policy.get("object-src") != ["'none'"]:
        problems.append(f"object-src {policy.get('object-src')}")
    if policy.get("frame-ancestors") != ["'none'"] or headers.get("x-frame-options") != "DENY":
        problems.append("frame policy")
    if headers.get("x-content-type-options") != "nosniff":
        problems.append("nosniff")
    if headers.get("referrer-policy") not in {"no-referrer", "same-origin", "strict-origin",
                                               "strict-origin-when-cross-origin"}:
        problems.append(f"Referrer-Policy {headers.get('referrer-policy')}")
    return problems


def fetch(url: str):
    """Status and headers of one response, without following a redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_every_response_carries_the_security_headers(exported, nginx):
    folder = published_folders(exported)[0]
    script = next((exported / folder / "assets" / "javascripts").glob("bundle.*.js")).name
    responses = {
        "page": (nginx + folder + "/", 200),
        "script": (nginx + f"{folder}/assets/javascripts/{script}", 200),
        "calendar": (nginx + f"{folder}/{FEED_FILE}", 200),
        "redirect": (nginx.rstrip("/"), 301),
        "404": (nginx + "finns-inte/", 404),
    }
    for kind, (url, status) in responses.items():
        got, headers = fetch(url)
        assert got == status, (kind, url, got)
        assert header_problems(headers) == [], (kind, url, header_problems(headers))


def test_the_headers_check_can_fail():
    strict = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; "
                                   "frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }
    assert header_problems(strict) == []
    lax = dict(strict, **{"Content-Security-Policy": strict["Content-Security-Policy"].replace(
        "script-src 'self'", "script-src 'self' 'unsafe-inline'")})
    assert header_problems(lax) != []
    sniffing = {k: v for k, v in strict.items() if k != "X-Content-Type-Options"}
    assert header_problems(sniffing) == ["nosniff"]
    assert "script-src None" in header_problems({})


def watched_page(browser):
    """A page that records CSP violations, CSP console messages and script errors."""
    context = browser.new_context(locale="sv-SE")
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    def console(message) -> None:
        if "Content Security Policy" in message.text or message.type == "error":
            problems.append(f"console {message.type}: {message.text} ({message.location['url']})")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    return context, page, problems


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_every_page_of_every_version_works_under_the_policy(browser, exported, nginx):
    context, page, problems = watched_page(browser)
    visited = []
    for address in published_pages(exported):
        page.goto(nginx + address)
        # The version selector is drawn by Material's script from versions.json: the page's
        # scripts have run and fetched what they need (the root page leads on to a version).
        try:
            page.wait_for_selector(".md-version__current")
            drawn = True
        except PlaywrightTimeout:
            drawn = False
        found = violations(page) + problems
        assert found == [], (address, found)
        assert drawn, f"{address}: the version selector never appeared ({page.url})"
        visited.append(page.url)
    assert len(visited) > len(published_folders(exported)) * 2
    context.close()


def test_the_not_found_page_breaks_no_policy(browser, nginx):
    context, page, problems = watched_page(browser)
    response = page.goto(nginx + "finns-inte/")
    assert response.status == 404
    page.wait_for_load_state("load")
    assert violations(page) == []
    assert [p for p in problems if "Content Security Policy" in p] == []
    context.close()


@pytest.mark.parametrize("missing", ["finns-inte/", "gallande/roller/finns/inte/heller.html"])
def test_the_not_found_page_has_its_styles_and_working_links_at_any_depth(browser, nginx, missing):
    context, page, problems = watched_page(browser)
    response = page.goto(nginx + missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    # The page itself is the only thing missing: nothing it loads is.
    assert f"404 {nginx + missing}" in problems
    assert [p for p in problems if nginx + missing not in p] == []
    assert violations(page) == []
    # Material's own styles hold: the header is drawn as Material draws it.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    links = page.eval_on_selector_all(".md-tabs__link, .md-nav__link[href]", "links => links.map(a => a.href)")
    assert links
    for address in sorted(set(links))[:5]:
        assert address.startswith(nginx), address
        assert fetch(address)[0] == 200, address
    context.close()


def word_in_the_site(exported: Path, folder: str) -> str:
    """A long word of the version's own search index that occurs in a page's text."""
    index = json.loads((exported / folder / "search" / "search_index.json").read_text("utf-8"))
    words = Counter(
        word.lower()
        for doc in index["docs"]
        for word in re.findall(r"[^\W\d_]{9,}", re.sub(r"<[^>]+>", " ", doc["text"]))
    )
    return words.most_common(1)[0][0]


def test_search_palette_and_version_selector_work_under_the_policy(browser, exported, nginx):
    folders = published_folders(exported)
    entries = json.loads((exported / "versions.json").read_text("utf-8"))
    current = next(e for e in entries if e["aliases"])
    older = next(e for e in entries if e is not current)
    alias = current["aliases"][0]
    context, page, problems = watched_page(browser)

    # Search: Material's worker and the Swedish analysis run under the policy.
    word = word_in_the_site(exported, alias)
    links = search(page, nginx + alias + "/", word)
    assert links, word
    assert all(link.startswith(nginx + alias + "/") for link in links), links

    # The palette toggle switches the scheme, and the choice holds on the next page.
    page.goto(nginx + alias + "/")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    # Polled from Python: wait_for_function's eval is what the policy forbids.
    wait_until(page, "before => document.body.dataset.mdColorScheme !== before", before)
    after = page.get_attribute("body", "data-md-color-scheme")
    page.goto(nginx + alias + "/" + next(
        p for p in published_pages(exported) if p.startswith(alias + "/") and p != alias + "/"
    )[len(alias) + 1:])
    assert page.get_attribute("body", "data-md-color-scheme") == after

    # The version selector leads to the older version.
    page.locator(".md-version__current").focus()
    # (versions.json holds each title HTML-escaped; the selector shows it as text.)
    page.locator(".md-version__list .md-version__link", has_text=html.unescape(older["title"])).click()
    page.wait_for_url(re.compile(re.escape(nginx + older["version"] + "/") + ".*"))
    page.locator("[data-md-component=outdated]").wait_for(state="visible")

    assert violations(page) + problems == []
    assert {alias, older["version"]} <= set(folders)
    context.close()


def test_the_changes_page_prints_every_change_in_words(browser, nginx):
    """The registrar prints the changes for the decision papers, often in black and white:
    on paper every insertion and deletion says what it is, and the site's chrome is gone."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(nginx + f"gallande/{content.macro_page('changes(')}")
    page.emulate_media(media="print")
    marks = page.evaluate("""() => [...document.querySelectorAll('article del, article ins')].map(e => ({
        tag: e.tagName.toLowerCase(),
        before: getComputedStyle(e, '::before').content,
        after: getComputedStyle(e, '::after').content,
        line: getComputedStyle(e).textDecorationLine,
        background: getComputedStyle(e).backgroundColor}))""")
    assert {m["tag"] for m in marks} == {"del", "ins"}, marks[:3]
    for mark in marks:
        word = "tas bort" if mark["tag"] == "del" else "läggs till"
        assert word in mark["before"] and "]" in mark["after"], mark
        assert mark["line"] == ("line-through" if mark["tag"] == "del" else "underline"), mark
        assert mark["background"] in ("rgba(0, 0, 0, 0)", "transparent"), mark
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    # On screen, the same marks are colour and line, without the words.
    page.emulate_media(media="screen")
    assert page.evaluate("getComputedStyle(document.querySelector('article ins'), '::before').content") == "none"
    context.close()


#: What a first visit to the start page may transfer (response bodies as sent, compressed).
FIRST_VISIT_BUDGET = 100 * 1024


def _first_visit(browser, nginx) -> dict[str, tuple[int, dict]]:
    """Every response a first visit to the start page of the version in force receives:
    its body's length as sent, and its headers."""
    context = browser.new_context(locale="sv-SE")
    finished, pending = [], set()
    context.on("request", lambda r: pending.add(r))
    context.on("requestfinished", lambda r: (pending.discard(r), finished.append(r)))
    context.on("requestfailed", lambda r: pending.discard(r))
    page = context.new_page()
    page.goto(nginx + "gallande/", wait_until="networkidle")
    # The search index and the scripts its worker imports come after the page is idle, later
    # on a busy machine: wait until the index has arrived and nothing has been asked for 500 ms.
    deadline, quiet_since, seen = time.monotonic() + WAIT_LIMIT, None, -1
    while time.monotonic() < deadline:
        idle = not pending and any(r.url.endswith("search_index.json") for r in finished)
        if not idle or len(finished) != seen:
            quiet_since, seen = time.monotonic(), len(finished)
        elif time.monotonic() - quiet_since >= 0.5:
            break
        page.wait_for_timeout(50)
    sent = {}
    for request in finished:
        headers = request.response().all_headers()
        # The body's length as sent; Chromium reports none for a worker's script.
        size = int(headers.get("content-length") or request.sizes()["responseBodySize"])
        sent[request.url] = (size, headers)
    context.close()
    assert any(url.endswith("search_index.json") for url in sent), "the whole first visit is summed"
    return sent


def test_text_files_are_sent_as_the_precompressed_copies_the_build_wrote(browser, exported, nginx):
    checked = 0
    for url, (size, headers) in _first_visit(browser, nginx).items():
        path = urlsplit(url).path.removeprefix(SUB_PATH) or "index.html"
        local = exported / (path + "index.html" if path.endswith("/") else path)
        copy = local.with_name(local.name + ".gz")
        if copy.is_file():  # gzip_static: the .gz file as it is, its length known
            assert headers.get("content-encoding") == "gzip", url
            assert int(headers["content-length"]) == copy.stat().st_size == size, url
            checked += 1
    assert checked >= 5


def test_a_first_visit_to_the_start_page_transfers_at_most_100_kib(browser, nginx):
    sent = _first_visit(browser, nginx)
    total = sum(size for size, _ in sent.values())
    largest = sorted(((size, url) for url, (size, _) in sent.items()), reverse=True)[:5]
    assert 0 < total <= FIRST_VISIT_BUDGET, f"{total} bytes; the largest: {largest}"
