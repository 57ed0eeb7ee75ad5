"""The mkdocs-macros adapter: loads the data once and registers the renderers.

This is the only module that knows about mkdocs; it stays thin so that moving to
another generator means rewriting this file alone.
"""

from __future__ import annotations

from pathlib import Path

from . import document_facts, policy_text, roles
from .errors import DataErrors
from .loading import load_policy


def define_env(env) -> None:
    """Called by mkdocs-macros when the configuration is loaded."""
    project = Path(env.project_dir)
    try:
        loaded = load_policy(project / "data", project / env.conf["docs_dir"])
    except DataErrors as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(exc.report()) from None
    policy = loaded.policy

    macros = {
        "principles": lambda: policy_text.principles(policy.principles),
        "goals": lambda: policy_text.statement_list(policy.goals, "viljeriktning"),
        "methods": lambda: policy_text.statement_list(policy.methods, "metod"),
        "role_texts": lambda: policy_text.role_texts(policy.roles),
        "document_facts": lambda: document_facts.facts_table(policy),
        "related_documents": lambda: document_facts.related_documents(policy),
        "role_matrix": lambda: roles.matrix(policy),
        "role_sections": lambda: roles.role_sections(policy),
        "reporting_diagram": lambda: roles.reporting_diagram(policy),
    }
    for name, function in macros.items():
        env.macro(function, name)
