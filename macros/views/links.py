"""Anchors and links between the generated views (roles, areas, obligations)."""

from __future__ import annotations

from collections.abc import Iterable

from .markup import swedish_list, tag, text
from ..policy.model import Policy


def role_anchor(role_id: str) -> str:
    return f"roll-{role_id}"


def area_anchor(area_id: str) -> str:
    return f"omrade-{area_id}"


def obligation_anchor(obligation_id: str) -> str:
    return f"skyldighet-{obligation_id}"


class RoleLinks:
    """Role names as links to their sections; ``page`` is the roles page's URL ('' on it)."""

    def __init__(self, policy: Policy, page: str = ""):
        self.policy = policy
        self.page = page

    def href(self, role_id: str) -> str:
        return f"{self.page}#{role_anchor(role_id)}"

    def link(self, role_id: str) -> str:
        return tag("a", text(self.policy.role(role_id).name), href=self.href(role_id))

    def join(self, role_ids: Iterable[str]) -> str:
        return swedish_list(self.link(role_id) for role_id in role_ids)
