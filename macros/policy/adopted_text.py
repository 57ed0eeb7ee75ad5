"""The adopted text as the site carries it, and the rule for quoting it.

The adopted wording is spread over Markdown pages (prose) and data/ (the parts
rendered by macros). Which pages carry it, each page says itself in its front
matter (``antagen_text: true``); the other pages (help, accessibility, the editors'
guide) are the site's own text and can never be a source. A quote in the data, such
as the sentence a rule comes from, must be whole sentences of the adopted text word
for word: it starts where a sentence starts and ends where a sentence ends, in one
paragraph, list item or data text. Only whitespace and Markdown markup are ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from .model import Policy

#: libyaml's safe loader when PyYAML has it (the same result, many times faster).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The front matter key by which a page says that it carries the adopted text.
ADOPTED_KEY = "antagen_text"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)

_MARKUP = (
    (_FRONT_MATTER, " "),  # YAML front matter
    (re.compile(r"\{%.*?%\}|\{##.*?##\}", re.DOTALL), " "),  # Jinja statements and comments
    (re.compile(r"\{\{.*?\}\}", re.DOTALL), " "),  # Jinja expressions (macro calls)
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),  # HTML comments
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(r"\{:?\s*[#.][^}]*\}"), " "),  # attribute lists: {#id .class}
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images -> their text
    (re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?=\S)", re.MULTILINE), ""),  # list markers
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), ""),  # heading markers
    (re.compile(r"^\s*>\s?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
)

#: Lines that start a block of their own: list items, headings, block quotes, rules.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+\.\s|#{1,6}\s|>|---)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
#: What ends a sentence: the mark, and a closing quotation mark or parenthesis after it.
_SENTENCE_END = re.compile(r"[.!?:][\"”’)]?$")


def normalize(text: str) -> str:
    """Collapse whitespace, so line breaks in YAML or Markdown do not matter."""
    return " ".join(text.split())


def markdown_to_text(markdown: str) -> str:
    """The reader-visible words of a Markdown page, without its markup."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return normalize(markdown)


def front_matter(markdown: str) -> dict:
    """The page's front matter (the YAML between the first two '---' lines), or {}."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}
    try:
        value = yaml.load(match.group(1), Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return {}
    return value if isinstance(value, dict) else {}


def is_adopted(markdown: str) -> bool:
    """Whether the page says that it carries the adopted text."""
    return front_matter(markdown).get(ADOPTED_KEY) is True


def blocks(markdown: str) -> list[str]:
    """The page's paragraphs, list items and headings as plain text, one string each."""
    markdown = _FRONT_MATTER.sub("", markdown)
    # A macro, a template statement or a comment stands between blocks, never inside a sentence.
    markdown = re.sub(r"\{%.*?%\}|\{##.*?##\}|\{\{.*?\}\}|<!--.*?-->", "\n\n", markdown, flags=re.DOTALL)
    found: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            found.append(markdown_to_text("\n".join(current)))
            current.clear()

    for line in markdown.splitlines():
        if not line.strip():
            flush()
            continue
        if _BLOCK_START.match(line):
            flush()
        current.append(line)
        if _HEADING.match(line):
            flush()
    flush()
    return [block for block in found if block]


def data_texts(policy: Policy, role_texts: bool = True) -> Iterable[str]:
    """The adopted wording that data/ holds and macros render (the roles' texts are the
    site's first document's: ``role_texts`` False for any other)."""
    for principle in policy.principles:
        yield principle.name
        yield principle.definition
    for statement in (*policy.goals, *policy.methods):
        yield statement.text
    for role in policy.roles if role_texts else ():
        yield from role.policy_text


#: Where one sentence ends and the next begins: the mark, a closing quotation mark or
#: parenthesis after it, and the space.
_SENTENCE_BREAK = re.compile(r"[.!?:][\"”’)]? ")


def _first_sentence(text: str, start: int = 0) -> str:
    """The text from ``start`` to its first sentence break (or to its end)."""
    found = _SENTENCE_BREAK.search(text, start)
    return text[start:found.end() - 1] if found else text[start:]


@dataclass(frozen=True)
class AdoptedText:
    """The adopted text as blocks of normalized text, and whether any page declared it."""

    blocks: tuple[str, ...]
    pages: int  # how many pages said that they carry it

    def occurs(self, quote: str) -> bool:
        """Whether the quote stands anywhere in the text, word for word."""
        wanted = normalize(quote)
        return bool(wanted) and any(wanted in block for block in self.blocks)

    @functools.cached_property
    def _starts(self) -> dict[str, list[tuple[str, int]]]:
        """Each sentence of the text -> the blocks and positions where it starts one:
        a quote is looked up by its first sentence, never compared with every block."""
        starts: dict[str, list[tuple[str, int]]] = {}
        for block in self.blocks:
            for start in [0, *(m.end() for m in _SENTENCE_BREAK.finditer(block))]:
                starts.setdefault(_first_sentence(block, start), []).append((block, start))
        return starts

    def whole_sentences(self, quote: str) -> bool:
        """Whether the quote is whole sentences of one block: it starts at a sentence's
        start and ends at a sentence's end."""
        wanted = normalize(quote)
        if not wanted:
            return False
        ends_sentence = bool(_SENTENCE_END.search(wanted))
        for block, start in self._starts.get(_first_sentence(wanted), ()):
            end = start + len(wanted)
            if block.startswith(wanted, start) and (
                end == len(block) or (ends_sentence and block[end] == " ")
            ):
                return True
        return False


def adopted_corpus(policy: Policy, prose_pages: Iterable[str], role_texts: bool = True) -> AdoptedText:
    """All adopted text: the blocks of the pages that declare it, and the data's texts."""
    adopted = [page for page in prose_pages if is_adopted(page)]
    found = [block for page in adopted for block in blocks(page)]
    found += [normalize(text) for text in data_texts(policy, role_texts)]
    return AdoptedText(tuple(found), len(adopted))


def occurs(quote: str, corpus: str | AdoptedText) -> bool:
    """Whether ``quote`` stands in ``corpus`` word for word (whitespace aside)."""
    if isinstance(corpus, AdoptedText):
        return corpus.occurs(quote)
    return normalize(quote) in corpus
