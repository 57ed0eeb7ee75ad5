"""The built site runs no inline code, so a strict Content-Security-Policy (deploy/nginx.conf:
script-src 'self', style-src 'self', no 'unsafe-inline') allows everything it needs."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.conftest import ROOT

#: Script types a browser does not execute: data only.
DATA_SCRIPTS = {"application/json", "application/ld+json"}
#: Attributes that hold an address a click or a load could run as javascript:.
ADDRESSES = {"href", "src", "action", "formaction"}


class InlineCode(HTMLParser):
    """Records every inline script, style element, style attribute, event handler and
    javascript: address of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            kind = (values.get("type") or "").lower()
            self._script = "src" not in values and kind not in DATA_SCRIPTS
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style>")
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            address = (value or "").strip().lower()
            if name in ADDRESSES and address.startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_no_page_runs_inline_code(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 1
    found = {p.relative_to(built_site).as_posix(): inline_code(p.read_text("utf-8")) for p in pages}
    assert {page: code for page, code in found.items() if code} == {}


def test_the_check_finds_inline_code():
    assert inline_code('<script id="__config" type="application/json">{"a": 1}</script>'
                       '<script src="a.js"></script>') == []
    assert inline_code("<script>alert(1)</script>") == ["<script>alert(1)"]
    assert inline_code('<p style="color:red" onclick="x()"><a href=" JavaScript:x()">') == [
        "<p style>", "<p onclick>", "<a href=javascript:>"]
    assert inline_code("<style>p{}</style>") == ["<style>"]


def test_the_root_page_of_the_published_site_needs_no_script():
    """mike writes the root page from this template (mkdocs.yml, plugin mike)."""
    from jinja2 import Template

    template = (ROOT / "overrides" / "mike-redirect.html").read_text("utf-8")
    page = Template(template, autoescape=True).render(href='gallande/"><script>')
    assert inline_code(page) == []
    assert 'content="0; url=gallande/&#34;&gt;&lt;script&gt;"' in page
