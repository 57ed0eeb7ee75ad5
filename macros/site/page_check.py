"""Mistakes in a page's template code, told in Swedish before the page is rendered.

Prose in docs/ is trusted like code: its macros run at build. A mistake there (a
macro that does not exist, a block never closed, wrong arguments) still gets one
message naming the page and line, instead of a Python traceback. Pure functions over
a Jinja environment; nothing here knows about mkdocs.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterable, Mapping

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, meta, nodes

from ..policy.memo import LastResult

#: Each page's last parse tree (macros/policy/memo.py); trees are only read here.
_TREES: LastResult[nodes.Template] = LastResult()

#: The names mkdocs-macros and Zensical's macros give every page besides the macros and
#: the page's front matter: a page may use them.
STANDARD_NAMES = ("config", "context", "environment", "extra", "files", "filters", "filters_builtin",
                  "fix_url", "generator", "git", "macros", "macros_info", "navigation", "now", "page",
                  "plugin")

#: Statements that open a block which must be closed with ``end<name>``.
_BLOCKS = frozenset(
    ["if", "for", "macro", "call", "filter", "block", "with", "raw", "autoescape", "trans"]
)


def page_error(
    environment: Environment,
    source: str,
    known: Mapping[str, object],
    page: str,
    first_line: int = 0,
) -> str | None:
    """The first mistake in the template code of a page, as one located Swedish message.

    ``known`` holds every name a page may use (variables and macros); ``first_line`` is
    the number of lines before ``source`` in the page's file (its front matter).
    """

    def at(line: int | None, message: str) -> str:
        return f"{page}:{(line or 1) + first_line}: {message}"

    try:
        # Parsed again only when the page or the template syntax changed (make serve).
        syntax = (environment.lexer, tuple(sorted(environment.extensions)))
        tree = _TREES(page, (source, syntax), lambda: environment.parse(source))
    except TemplateSyntaxError as error:
        unclosed = _unclosed_block(environment, source)
        if unclosed and "end of template" in (error.message or ""):
            name, line = unclosed
            return at(line, f"blocket '{{% {name} %}}' avslutas aldrig; skriv '{{% end{name} %}}' "
                            "där det ska sluta")
        return at(error.lineno, f"mallkoden kan inte läsas ({error.message}); text som ska stå "
                                "som den är skrivs inom {% raw %} … {% endraw %}")
    names = [n for n in tree.find_all(nodes.Name) if n.ctx == "load"]
    for name in sorted(meta.find_undeclared_variables(tree) - set(known),
                       key=lambda n: min(x.lineno for x in names if x.name == n)):
        line = min(x.lineno for x in names if x.name == name)
        hint = difflib.get_close_matches(name, _macros(known), n=1, cutoff=0.6)
        return at(line, f"'{name}' finns inte: sidan använder ett makro eller en variabel som inte "
                        "är definierad" + (f"; menade du '{hint[0]}'?" if hint else "")
                        + f" (makron: {', '.join(sorted(_macros(known)))})")
    for include in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport)):
        name = include.template.value if isinstance(include.template, nodes.Const) else None
        if not isinstance(name, str) or environment.loader is None:
            continue
        try:
            environment.loader.get_source(environment, name)
        except TemplateNotFound:
            if not getattr(include, "ignore_missing", False):
                return at(include.lineno, f"filen '{name}' som sidan tar in finns inte")
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.dyn_args or call.dyn_kwargs:
            continue
        function = known.get(call.node.name)
        if not callable(function):
            continue
        problem = _arguments_problem(function, len(call.args), [k.key for k in call.kwargs])
        if problem:
            return at(call.lineno, f"makrot '{call.node.name}' anropas med fel argument: {problem}")
    return None


def _macros(known: Mapping[str, object]) -> list[str]:
    return [name for name, value in known.items() if callable(value) and not name.startswith("_")]


def _arguments_problem(function: Callable, positional: int, keywords: Iterable[str]) -> str | None:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    try:
        signature.bind(*([None] * positional), **{k: None for k in keywords})
    except TypeError:
        wanted = ", ".join(signature.parameters) or "inga argument"
        return f"det väntar ({wanted})"
    return None


def _unclosed_block(environment: Environment, source: str) -> tuple[str, int] | None:
    """The innermost block statement that is never closed, and its line."""
    stack: list[tuple[str, int]] = []
    expect_name = False
    try:
        for line, kind, value in environment.lex(source):
            if kind == "block_begin":
                expect_name = True
                continue
            if expect_name and kind == "name":
                if value in _BLOCKS:
                    stack.append((value, line))
                elif value.startswith("end") and stack and stack[-1][0] == value[3:]:
                    stack.pop()
            if kind != "whitespace":
                expect_name = False
    except TemplateSyntaxError:
        pass
    return stack[-1] if stack else None
