"""The adopted text as the site carries it, as plain text for quote checks.

The adopted wording is spread over the Markdown pages (prose) and data/ (the
parts rendered by macros). A quote in the data, such as the sentence a rule comes
from, must occur in that text word for word; only whitespace and Markdown markup
are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Policy

_MARKUP = (
    (re.compile(r"\A---\n.*?\n---\n", re.DOTALL), " "),  # YAML front matter
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


def normalize(text: str) -> str:
    """Collapse whitespace, so line breaks in YAML or Markdown do not matter."""
    return " ".join(text.split())


def markdown_to_text(markdown: str) -> str:
    """The reader-visible words of a Markdown page, without its markup."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return normalize(markdown)


def data_texts(policy: Policy) -> Iterable[str]:
    """The adopted wording that data/ holds and macros render."""
    for principle in policy.principles:
        yield principle.name
        yield principle.definition
    for statement in (*policy.goals, *policy.methods):
        yield statement.text
    for role in policy.roles:
        yield from role.policy_text


def adopted_corpus(policy: Policy, prose_pages: Iterable[str]) -> str:
    """All adopted text, prose and data, as one normalized string."""
    parts = [markdown_to_text(page) for page in prose_pages]
    parts += [normalize(text) for text in data_texts(policy)]
    return "\n".join(parts)


def occurs(quote: str, corpus: str) -> bool:
    return normalize(quote) in corpus
