"""Reading a built page as a reader sees it: the text of its article, by section."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

BLOCK_TAGS = {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "article", "table", "caption",
    "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "figure",
    "figcaption", "blockquote", "details", "summary", "nav", "header", "footer",
}
SKIPPED_CLASSES = {"headerlink"}


class _ArticleText(HTMLParser):
    """Collects the text of <article>, split into sections at each <h2>; with ``whole``, of
    the whole HTML given (a page's content without the theme)."""

    def __init__(self, whole: bool = False):
        super().__init__(convert_charrefs=True)
        self.depth = int(whole)  # depth inside <article>
        self.skip = 0  # depth inside a skipped element (the heading permalinks)
        self.sections: list[list[str]] = [[]]
        self.ids: list[str | None] = [None]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self.depth = 1
            return
        if not self.depth:
            return
        if tag not in {"br", "img", "hr", "input", "meta", "link"}:
            self.depth += 1
        if self.skip or SKIPPED_CLASSES & set((attrs.get("class") or "").split()):
            self.skip += 1
            return
        if tag == "h2":
            self.sections.append([])
            self.ids.append(attrs.get("id"))
        if tag in BLOCK_TAGS:
            self.sections[-1].append("\n")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
            return
        if tag in BLOCK_TAGS:
            self.sections[-1].append("\n")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.sections[-1].append(data)


def normalize(text: str) -> str:
    return " ".join(text.split())


def article_sections(html_path: Path) -> list[tuple[str | None, str]]:
    """(id of the h2, normalized text) for the part before the first h2 and each h2 section."""
    parser = _ArticleText()
    parser.feed(html_path.read_text(encoding="utf-8"))
    return [(sid, normalize("".join(parts))) for sid, parts in zip(parser.ids, parser.sections)]


def article_text(html_path: Path) -> str:
    return " ".join(text for _, text in article_sections(html_path))


def block_texts(html: str) -> list[str]:
    """The normalized text of each block (paragraph, list item, heading, admonition's title
    …) of an HTML fragment, in order; the heading permalinks left out."""
    parser = _ArticleText(whole=True)
    parser.feed(html)
    return [normalize(block) for block in "".join(p for s in parser.sections for p in s).split("\n")
            if block.strip()]
