"""The glossary: its page, the abbreviations marked up in the text, the search synonyms."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..policy.adopted_text import data_texts
from ..policy.model import Policy, Term
from .markup import escape, swedish_list, tag, text

#: How the search index splits words, unless the site configures its own separator.
SEPARATOR = r"[\s\-]+"
#: Swedish words too common to stand for a term.
STOP_WORDS = frozenset("av den det de en ett för i med och om på som till är att".split())


def tokens(name: str, separator: str = SEPARATOR) -> list[str]:
    """The search terms of a name: lower case, split like the index, edges' punctuation off."""
    words = (re.sub(r"^[^\w]+|[^\w]+$", "", t) for t in re.split(separator, name.lower()))
    return [w for w in words if len(w) > 1 and w not in STOP_WORDS]


def synonyms(
    terms: Sequence[Term], separator: str = SEPARATOR, frequency: dict[str, int] | None = None
) -> dict[str, list[str]]:
    """Search term -> the words of the term's other names, for every one-word name.

    A search for ``gdpr`` then also finds ``dataskyddsförordningen``, and the other way
    round; a number in a name (``27001``) counts as a one-word name too. Of a name of
    several words, only its distinctive words stand in: with ``frequency`` (in how many
    sections of the site a word occurs), the words at most twice as common as its
    rarest one ("ledningssystem", not "informationssäkerhet", for LIS).
    """
    frequency = frequency or {}

    def distinctive(name: str) -> list[str]:
        words = tokens(name, separator)
        if len(words) < 2 or not frequency:
            return words
        rarest = min(frequency.get(w, 0) for w in words)
        return [w for w in words if frequency.get(w, 0) <= max(2 * rarest, 2)]

    table: dict[str, list[str]] = {}
    for term in terms:
        for name in term.names:
            words = tokens(name, separator)
            keys = words if len(words) == 1 else [w for w in words if w.isdigit()]
            others = [w for other in term.names if other != name for w in distinctive(other)]
            for key in keys:
                merged = table.setdefault(key, [])
                merged += [w for w in dict.fromkeys(others) if w != key and w not in merged]
    return {key: words for key, words in sorted(table.items()) if words}


def abbreviations(terms: Sequence[Term]) -> dict[str, str]:
    """Abbreviation -> what it stands for."""
    return {abbr: term.term for term in terms for abbr in term.abbreviations}


_SKIPPED = ("abbr", "code", "pre", "script", "style", "svg", "title", "textarea", "kbd")
#: What is never prose, wherever it stands: fenced code, include lines of the snippets
#: extension (``--8<-- "CONTRIBUTING.md:guide"``, one line or a block of them), the first
#: line of an admonition, a details block or a block (``!!! note "..."``), HTML comments,
#: template code (macro calls, statements, comments), tags (quoted attribute values may hold
#: '>'), autolinks, character references, code spans (of any number of backticks, over line
#: breaks but not a blank line), attribute lists, link targets, reference labels
#: (``[text][label]``), images' alternative text, footnotes, the table of contents' marker
#: and link reference definitions.
_PIECES = re.compile(
    r"""
    ^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$
    | ^[ \t]*--8<--[ \t]*\n.*?^[ \t]*--8<--[ \t]*$
    | ^[ \t]*;?--8<--[^\n]*$
    | ^[ \t]*(?:!!!|\?\?\?\+?|///)[^\n]*$
    | <!--.*?-->
    | \{\{.*?\}\} | \{%.*?%\} | \{\#\#.*?\#\#\}
    | (?P<tag></?[a-zA-Z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>)
    | <(?:https?|mailto):[^<>\s]*>
    | &(?:[a-zA-Z][a-zA-Z0-9]*|\#[0-9]+|\#[xX][0-9a-fA-F]+);
    | (?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)
    | \{[#.:][^}\n]*\}
    | \]\([^)\n]*\)
    | \]\[[^\]\n]*\]
    | !\[[^\]\n]*\]
    | \[\^[^\]\n]*\]
    | \[TOC\]
    | ^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$
    """,
    re.DOTALL | re.MULTILINE | re.VERBOSE,
)
#: A page's YAML front matter (as MkDocs reads it).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: A link reference definition: its label, which a shortcut reference (``[label]``) repeats.
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n^]+)\]:", re.MULTILINE)
#: A line whose text goes on indented four spaces: a list item, an admonition or details.
_CONTAINER = re.compile(r"[ ]*(?:[-*+]|[0-9]+[.)]|!!!|\?\?\?\+?)(?:[ ]|$)")
_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ ]|$)")


def mark_abbreviations(content: str, expansions: dict[str, str], markdown: bool = True) -> str:
    """Wrap each abbreviation in ``<abbr title="...">`` where it stands as a word in prose.

    Works on a page's Markdown (with raw HTML) and, with ``markdown=False``, on HTML:
    nothing is marked in what is not prose (``_PIECES``: code, include lines, template
    code, tags, attribute lists, link targets and labels …), inside abbr, code, svg and
    similar elements, and in Markdown also not in the front matter or an indented code
    block. It runs on a page's source before its template code is rendered, so the
    expansion (from data/) never holds a brace that the template engine would read. An
    abbreviation is a word (the model allows letters, digits and single joining marks):
    it is marked where no letter, digit, slash or a word joined by a full stop or @ stands
    next to it ("LIS", "LIS:s", "(LIS)." – not "LISA", "ISO/LIS" or "fil.lis").
    """
    if not expansions:
        return content
    pattern = re.compile(
        r"(?<![\w/])(?<!\w[.@])("
        + "|".join(re.escape(a) for a in sorted(expansions, key=len, reverse=True))
        + r")(?![\w/])(?![.@]\w)"
    )
    titles = {
        abbr: escape(expansion, quote=True).replace("{", "&#123;").replace("}", "&#125;")
        for abbr, expansion in expansions.items()
    }
    out: list[str] = []
    skipping: list[str] = []  # the elements (code, abbr …) whose content is never marked

    def prose(text_value: str) -> str:
        if skipping:
            return text_value
        return pattern.sub(lambda m: f'<abbr title="{titles[m.group(1)]}">{m.group(1)}</abbr>', text_value)

    position = 0
    for start, end, is_tag in _markup_spans(content, markdown):
        out.append(prose(content[position:start]))
        piece = content[start:end]
        if is_tag:
            _track(piece, skipping)
        out.append(piece)
        position = end
    out.append(prose(content[position:]))
    return "".join(out)


def _markup_spans(content: str, markdown: bool) -> list[tuple[int, int, bool]]:
    """Where ``content`` is not prose: (start, end, whether it is one tag), in order and
    apart; spans that overlap are joined (and then are no tag)."""
    found = [(m.start(), m.end(), m.group("tag") is not None) for m in _PIECES.finditer(content)]
    if markdown:
        front = _FRONT_MATTER.match(content)
        if front:
            found.append((0, front.end(), False))
        found += [(start, end, False) for start, end in _indented_code(content)]
        labels = {" ".join(m.group(1).split()) for m in _DEFINITION.finditer(content)}
        if labels:
            shortcut = re.compile(
                r"\[(?:" + "|".join(r"\s+".join(map(re.escape, label.split())) for label in labels) + r")\]",
                re.IGNORECASE,
            )
            found += [(m.start(), m.end(), False) for m in shortcut.finditer(content)]
    found.sort()
    spans: list[tuple[int, int, bool]] = []
    for start, end, is_tag in found:
        if spans and start < spans[-1][1]:
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), False)
        else:
            spans.append((start, end, is_tag))
    return spans


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _indented_code(content: str) -> list[tuple[int, int]]:
    """Where a page has indented code blocks: a line indented four spaces more than its
    container's text (the page, or a list item's text), after a blank line or a heading,
    and the lines after it that are blank or as indented. When it is unsure whether a
    line is code or a list item's text, it takes it for code (nothing is marked there)."""
    lines = content.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    spans: list[tuple[int, int]] = []
    after_break = True  # the start of the page counts as after a blank line
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            after_break = True
            i += 1
            continue
        indent = _indent(line)
        threshold = _code_indent(lines, i, indent) if after_break and indent >= 4 else None
        if threshold is not None and indent >= threshold:
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= threshold):
                end += 1
            spans.append((offsets[i], offsets[end]))
            i = end
            after_break = True
            continue
        after_break = bool(_HEADING.match(line))
        i += 1
    return spans


def _code_indent(lines: list[str], i: int, indent: int) -> int:
    """How far a line after a blank line must be indented to be code where line ``i``
    stands: four spaces more than the text of the list item (or admonition) it belongs to,
    whose text stands four spaces in from its marker, or four at the page's level."""
    j = i - 1
    while j >= 0:
        line = lines[j]
        if not line.strip() or _indent(line) >= indent:
            j -= 1
            continue
        # The nearest line less indented: a list item, or a paragraph (maybe the lazy
        # continuation of a list item above it).
        k = j
        while k >= 0 and lines[k].strip():
            if _CONTAINER.match(lines[k].expandtabs(4)) and _indent(lines[k]) < indent:
                return _indent(lines[k]) + 8
            k -= 1
        if _indent(line) < 4:
            return 4  # a paragraph of the page itself
        return _code_indent(lines, j, _indent(line))  # a paragraph of a list item's text
    return 4


def _track(piece: str, skipping: list[str]) -> None:
    """Follow the elements whose content is never marked (code, links, abbr …)."""
    if piece.startswith("<"):
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
        if name and name.group(1).lower() in _SKIPPED and not piece.endswith("/>"):
            if piece.startswith("</"):
                if skipping and skipping[-1] == name.group(1).lower():
                    skipping.pop()
            else:
                skipping.append(name.group(1).lower())


def term_uses(policy: Policy) -> dict[str, str]:
    """For terms without a definition: the first adopted sentence that uses the term."""
    sentences = [s for text in data_texts(policy) for s in text.replace("\n", " ").split(". ")]
    # One lower-cased text, the sentences apart by a line break (none holds one): each
    # name is one search in it, not a pass over every sentence.
    starts, position = [], 0
    for sentence in sentences:
        starts.append(position)
        position += len(sentence) + 1
    haystack = "\n".join(s.lower() for s in sentences)
    uses = {}
    for term in policy.glossary:
        for name in term.names:
            found = haystack.find(name.lower()) if name else -1
            if found != -1:
                hit = sentences[bisect.bisect_right(starts, found) - 1]
                uses[term.id] = hit.rstrip(".") + "."
                break
    return uses


def glossary_sections(terms: Sequence[Term], used_in: dict[str, str] | None = None) -> str:
    """Markdown: a heading per term (a search result of its own), alphabetical."""
    from .markup import markdown_text

    blocks = []
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        details = []
        if term.abbreviations:
            details.append("Förkortning: " + swedish_list(
                tag("abbr", text(a), title=term.term) for a in term.abbreviations))
        if term.other_names:
            details.append("Även: " + swedish_list(text(n) for n in term.other_names))
        body = "".join(tag("p", d, class_="glossary-names") for d in details)
        if term.definition:
            body += tag("p", text(term.definition))
        elif used_in and term.id in used_in:
            body += tag("p", "Policyn använder termen: " + tag("q", text(used_in[term.id])))
        body += tag("p", "Källa: " + text(term.source), class_="glossary-source")
        blocks.append(f"## {markdown_text(term.term)} {{#term-{term.id}}}\n\n"
                      + tag("div", body, class_="glossary-entry"))
    return "\n\n".join(blocks) + "\n"
