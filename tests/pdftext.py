"""Reading a PDF as assistive technology does: the text of its tagged structure, in order.

Text is taken per marked-content id (MCID) from each page's content stream, then put
in the order of the structure tree. Running headers and footers are not in the tree
(they are artifacts), so they do not break a sentence that runs across pages.
"""

from __future__ import annotations

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


def structure(path: Path) -> Iterator[tuple[str, str]]:
    """(structure type, its own text) for every structure element, in reading order;
    an element's text is that of its marked content, not of its children."""
    reader = PdfReader(path)
    texts = _marked_text(reader)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root = _resolve(reader.trailer["/Root"]["/StructTreeRoot"])

    def walk(node, page_index):
        node = _resolve(node)
        if isinstance(node, DictionaryObject):
            if "/Pg" in node:
                page_index = pages.get(node.raw_get("/Pg").idnum, page_index)
            kind = str(node.get("/S", ""))
            own = []
            kids = node.get("/K")
            kids = kids if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
            children = []
            for kid in kids:
                if isinstance(kid, NumberObject) or isinstance(kid, int):
                    own.append(texts.get((page_index, int(kid)), ""))
                else:
                    children.append(kid)
            yield kind.lstrip("/"), "".join(own)
            for kid in children:
                yield from walk(kid, page_index)

    yield from walk(root, 0)


def structure_types(path: Path) -> set[str]:
    return {kind for kind, _ in structure(path)}


def reading_text(path: Path) -> str:
    """All the text of the tagged structure, in reading order, whitespace normalised."""
    return normalize(" ".join(text for _, text in structure(path) if text))
