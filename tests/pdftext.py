"""Reading a PDF as assistive technology does: the text of its tagged structure, in order.

Text is taken per marked-content id (MCID) from each page's content stream, then put
in the order of the structure tree. Running headers and footers are not in the tree
(they are artifacts), so they do not break a sentence that runs across pages.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject

from tests.sitetext import normalize


def _marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text drawn inside that marked content."""
    result: dict[tuple[int, int], list[str]] = {}
    page_numbers = {}
    for index, page in enumerate(reader.pages):
        page_numbers[page.indirect_reference.idnum] = index
        stack: list[int | None] = []

        def before(operator, operands, cm, tm, index=index, stack=stack):
            if operator in (b"BDC", b"BMC"):
                mcid = None
                if operator == b"BDC" and len(operands) > 1 and isinstance(operands[1], dict):
                    mcid = operands[1].get("/MCID")
                stack.append(None if mcid is None else int(mcid))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(chunk, cm, tm, font, size, index=index, stack=stack):
            current = next((m for m in reversed(stack) if m is not None), None)
            if current is not None and chunk:
                result.setdefault((index, current), []).append(chunk)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {key: "".join(parts) for key, parts in result.items()}


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


#: Structure types that start a block of their own: a space separates them from what
#: comes before. Inline types (Span, Link) join the text around them as drawn.
BLOCK_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "P", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TFoot", "TR", "TH", "TD", "Caption",
    "Figure", "BlockQuote",
}


def events(path: Path) -> Iterator[tuple[str, str]]:
    """("open", structure type) and ("text", text) in the order of the structure tree.

    Read once per file as it stands (its size and time of change) in each test process:
    several tests read the same PDF, and reading one takes seconds."""
    stat = Path(path).stat()
    return iter(_events(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _events(path: str, size: int, changed: int) -> tuple[tuple[str, str], ...]:
    return tuple(_read_events(Path(path)))


def _read_events(path: Path) -> Iterator[tuple[str, str]]:
    reader = PdfReader(path)
    texts = _marked_text(reader)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root = _resolve(reader.trailer["/Root"]["/StructTreeRoot"])

    def walk(node, page_index):
        node = _resolve(node)
        if not isinstance(node, DictionaryObject):
            return
        if "/Pg" in node:
            page_index = pages.get(node.raw_get("/Pg").idnum, page_index)
        if "/S" in node:
            yield "open", str(node["/S"]).lstrip("/")
        kids = node.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
        for kid in kids:
            if isinstance(kid, (NumberObject, int)):
                yield "text", texts.get((page_index, int(kid)), "")
            else:
                yield from walk(kid, page_index)

    yield from walk(root, 0)


def structure_types(path: Path) -> list[str]:
    """Every structure element's type, in reading order."""
    return [value for event, value in events(path) if event == "open"]


def sections(path: Path, split_at: str = "H2") -> list[str]:
    """The text in reading order, split where each ``split_at`` element begins."""
    parts: list[list[str]] = [[]]
    for event, value in events(path):
        if event == "open":
            if value == split_at:
                parts.append([])
            if value in BLOCK_TYPES:
                parts[-1].append(" ")
        else:
            parts[-1].append(value)
    return [normalize("".join(part)) for part in parts]


def reading_text(path: Path) -> str:
    """All the text of the tagged structure, in reading order, whitespace normalised."""
    return normalize(" ".join(sections(path, split_at="")))


def pdfa_2a(path: Path, language: str) -> tuple[PdfReader, str]:
    """The PDF at ``path`` and its XMP metadata, once it is shown to declare PDF/A-2a:
    unencrypted, in ``language``, marked (tagged)."""
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert "/Encrypt" not in reader.trailer
    assert str(catalog["/Lang"]) == language
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    return reader, xmp
