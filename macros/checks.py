"""Rules that span files or need the whole policy: unique ids, references, quotes.

Each rule yields errors located by the file's SourceMap, so the editor gets the
file and line of the value to fix. The models check each file on its own; these
rules run once every file has validated.
"""

from __future__ import annotations

from typing import Protocol
from collections.abc import Iterable, Iterator

from .adopted_text import adopted_corpus, occurs
from .errors import DataError, Loc, quoted_list, suggest
from .model import Policy, RelatedStatus


class Located(Protocol):
    def error(self, loc: Loc, message: str) -> DataError: ...


def _unique_ids(items: Iterable, source: Located, list_key: str, what: str) -> Iterator[DataError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            yield source.error(
                (list_key, index, "id"),
                f"id '{item.id}' används redan av {what} nummer {seen[item.id] + 1} i listan; "
                "varje id måste vara unikt",
            )
        else:
            seen[item.id] = index


def _role_reference(policy: Policy, role_id: str, source: Located, loc: Loc) -> Iterator[DataError]:
    known = [role.id for role in policy.roles]
    if role_id in known:
        return
    message = f"okänd roll '{role_id}'"
    hint = suggest(role_id, known)
    if hint:
        message += f"; menade du '{hint}'?"
    yield source.error(loc, message + f" (kända roller i roller.yml: {quoted_list(known)})")


def _quote(source: Located, loc: Loc, quote: str, corpus: str | None) -> Iterator[DataError]:
    if corpus is not None and not occurs(quote, corpus):
        yield source.error(
            loc,
            "citatet finns inte ordagrant i policyns antagna text (sidorna i docs/ och texterna "
            "i data/); kopiera meningen exakt som den står där",
        )


def check_policy(
    policy: Policy, sources: dict[str, Located], prose_pages: Iterable[str] | None = None
) -> list[DataError]:
    """Every cross-file error of a policy whose files are each valid on their own.

    ``prose_pages`` are the Markdown sources of the pages that carry the adopted
    text; when given, every quoted source sentence in the data must occur in them
    or in the data's own adopted text.
    """
    errors: list[DataError] = []
    document, roles = sources["dokument.yml"], sources["roller.yml"]
    errors += _unique_ids(policy.principles, sources["principer.yml"], "principer", "principen")
    errors += _unique_ids(policy.goals, sources["viljeriktningar.yml"], "viljeriktningar", "punkten")
    errors += _unique_ids(policy.methods, sources["metodik.yml"], "metodik", "punkten")
    errors += _unique_ids(policy.roles, roles, "roller", "rollen")
    errors += _unique_ids(policy.document.related, document, "relaterade_dokument", "dokumentet")

    errors += _role_reference(policy, policy.document.adopted_by, document, ("beslutas_av",))
    corpus = None if prose_pages is None else adopted_corpus(policy, prose_pages)
    errors += _quote(document, ("revidering", "källa"), policy.document.revision.source, corpus)
    for index, related in enumerate(policy.document.related):
        loc = ("relaterade_dokument", index)
        errors += _role_reference(policy, related.adopted_by, document, loc + ("beslutas_av",))
        errors += _quote(document, loc + ("källa",), related.source, corpus)
        if related.status is RelatedStatus.PUBLISHED and not related.url:
            errors.append(
                document.error(loc + ("status",), "ett publicerat dokument behöver en 'adress'")
            )
        if related.status is RelatedStatus.NOT_PUBLISHED and related.url:
            errors.append(
                document.error(
                    loc + ("adress",),
                    "ett dokument med status 'ej_publicerat' kan inte ha en adress; "
                    "sätt status till 'publicerat' eller ta bort adressen",
                )
            )
    return errors
