"""make check's fidelity rule: the adopted text as decided (data/antagen-text.txt) on the
pages that carry it, every sentence word for word, in its section and in its order.

The pages are those with ``antagen_text: true`` in their front matter, in the order of
their files, rendered as make check renders them (macros/site/render.py): their text is
read as a reader sees it, split at each second-level heading, and compared with the file
by macros/policy/adopted_file.py, which names each unit that is not there with its line.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from ..policy.adopted_file import ADOPTED_TEXT_FILE, fidelity, fidelity_errors
from ..policy.adopted_text import is_adopted, normalize
from ..policy.errors import DataError
from ..policy.reading import read_text

_BLOCKS = {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "table", "caption", "thead",
    "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "figure",
    "figcaption", "blockquote", "details", "summary",
}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"}


class _Sections(HTMLParser):
    """A page's text, split into parts at each <h2>; heading permalinks left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[list[str]] = [[]]
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if self.skip:
            self.skip += tag not in _VOID
            return
        if "headerlink" in (dict(attrs).get("class") or "").split():
            self.skip = 1
            return
        if tag == "h2":
            self.parts.append([])
        if tag in _BLOCKS:
            self.parts[-1].append("\n")

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
            return
        if tag in _BLOCKS:
            self.parts[-1].append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts[-1].append(data)


def page_sections(html: str) -> list[str]:
    parser = _Sections()
    parser.feed(html)
    parser.close()
    return [normalize("".join(part)) for part in parser.parts]


def adopted_text_problems(data_dir: Path, shown_data: str, principle_names: list[str],
                          pages: dict[str, str], sources: dict[str, str], docs_dir: Path,
                          shown_docs: str, belongs: Callable[[str], bool] = lambda page: True,
                          ) -> list[DataError]:
    """Every unit of one document's antagen-text.txt (in ``data_dir``) missing from its
    adopted pages, or out of order (``pages``: built file -> rendered content;
    ``sources``: built file -> shown page; ``belongs``: whether a page of docs/, by its
    path there, is the document's)."""
    shown_file = f"{shown_data}/{ADOPTED_TEXT_FILE}"
    text, error = read_text(Path(data_dir) / ADOPTED_TEXT_FILE, shown_file)
    if error is not None:
        if error.message == "filen saknas":
            error = DataError(shown_file, None, "",
                              "filen saknas; den ska innehålla den antagna texten ordagrant, så som "
                              "den beslutades (formatet står i README, En annan organisation)")
        return [error]
    adopted, sections = [], []
    for built in sorted(pages, key=lambda b: sources[b]):
        name = sources[built]
        relative = name[len(shown_docs) + 1:]
        if not belongs(relative):
            continue
        page, page_error = read_text(Path(docs_dir) / relative, name, max_bytes=None, links=True)
        if page_error is None and is_adopted(page):
            adopted.append(name)
            sections += page_sections(pages[built])
    if not adopted:
        return []  # told once by the data's check (no page carries the adopted text)
    return fidelity_errors(fidelity(text, principle_names, sections), shown_file, adopted)
