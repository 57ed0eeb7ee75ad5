"""Every id on a built page is there once (issue 20): generated ids are unique by
construction (roles.source_anchor joins ids by '--', which no id holds), and the build
stops on any id that stands twice (macros/site/link_check.py)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]

    handle_startendtag = handle_starttag


def ids_of(page: Path) -> list[str]:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


def test_no_built_page_has_an_id_twice(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    twice = {page.relative_to(built_site).as_posix(): [i for i, n in Counter(ids_of(page)).items() if n > 1]
             for page in pages}
    assert not {page: ids for page, ids in twice.items() if ids}
    # The matrix's cells are there, each with its own id.
    assert any(i.startswith("kalla-") and "--" in i for page in pages for i in ids_of(page))
