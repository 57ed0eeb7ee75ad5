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
#: What is never running text: fenced code, HTML comments, template code (macro calls,
#: statements, comments), tags (quoted attribute values may hold '>'), character
#: references, inline code, attribute lists, link targets and link reference definitions.
_PIECES = re.compile(
    r"(^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$"
    r"|<!--.*?-->"
    r"|\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}"
    r"|</?[a-zA-Z][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>"
    r"|<(?:https?|mailto):[^<>\s]*>"
    r"|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"
    r"|`[^`\n]*`"
    r"|\{[#.:][^}\n]*\}"
    r"|\]\([^)\n]*\)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$)",
    re.DOTALL | re.MULTILINE,
)


def mark_abbreviations(content: str, expansions: dict[str, str]) -> str:
    """Wrap each abbreviation in ``<abbr title="...">`` where it stands in running text.

    Works on Markdown with raw HTML as well as on HTML: tags, code, template code,
    attribute lists, link targets and the inside of abbr, code, svg and similar elements
    are left alone. It runs on a page's source before its template code is rendered, so
    the expansion (from data/) never holds a brace that the template engine would read.
    """
    if not expansions:
        return content
    pattern = re.compile(
        r"(?<![\w/])(" + "|".join(re.escape(a) for a in sorted(expansions, key=len, reverse=True))
        + r")(?![\w/])"
    )
    titles = {
        abbr: escape(expansion, quote=True).replace("{", "&#123;").replace("}", "&#125;")
        for abbr, expansion in expansions.items()
    }
    out, skipping = [], []
    position = 0
    pieces = []
    for match in _PIECES.finditer(content):
        pieces += [content[position:match.start()], match.group(0)]
        position = match.end()
    pieces.append(content[position:])
    for index, piece in enumerate(pieces):
        if index % 2:  # markup, never running text
            _track(piece, skipping)
            out.append(piece)
        elif skipping:
            out.append(piece)
        else:
            out.append(pattern.sub(
                lambda m: f'<abbr title="{titles[m.group(1)]}">{m.group(1)}</abbr>',
                piece,
            ))
    return "".join(out)


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
