"""Renderers for the adopted text that data/ holds: principles, lists, role texts.

Pure functions from validated models to HTML blocks that a Markdown page embeds.
Each block is one raw-HTML block without blank lines, so Markdown leaves it alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from .markup import tag, text
from ..policy.model import Principle, Role, Statement


def principles(items: Sequence[Principle], label: str = "Principer") -> str:
    """The principles as a three-part (n-part) element: a description list of cards."""
    cards = "".join(
        tag(
            "div",
            tag("dt", text(p.name)) + tag("dd", text(p.definition)),
            class_="policy-principle",
            id=f"princip-{p.id}",
        )
        for p in items
    )
    return tag("dl", cards, class_="policy-principles", aria_label=label)


def statement_list(items: Sequence[Statement], id_prefix: str) -> str:
    """A bullet list of the adopted text, each point addressable by its id."""
    points = "".join(tag("li", text(s.text), id=f"{id_prefix}-{s.id}") for s in items)
    return tag("ul", points, class_="policy-list")


def role_texts(roles: Sequence[Role]) -> str:
    """The adopted paragraphs about each role, in the data's order.

    Roles that the text only names elsewhere have no paragraphs and are skipped.
    """
    blocks = []
    for role in roles:
        if not role.policy_text:
            continue
        paragraphs = "".join(tag("p", text(p)) for p in role.policy_text)
        blocks.append(tag("div", paragraphs, class_="policy-role", id=f"roll-{role.id}"))
    return "\n".join(blocks)
