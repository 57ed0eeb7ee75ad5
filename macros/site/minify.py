"""Smaller copies of the project's own stylesheets and scripts, for the built site.

Material's files come minified; the project's own (overrides/assets/) are written to be
read, with comments. At build their comments and the indentation go, which a first
visit would otherwise download. Both are deliberately conservative, never a parser's
guess: a stylesheet keeps its strings as they are and every space that may matter (only
the spaces next to ``{ } ; , >`` go); a script loses only the comments that fill whole
lines and each line's indentation, and keeps its line breaks (so no statement ever runs
into the next one).
"""

from __future__ import annotations

import re

_CSS_STRING_OR_COMMENT = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/""", re.DOTALL)
_CSS_STRING_OR_SPACE = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\s+""")
#: A space next to one of these never matters in CSS.
_CSS_TIGHT = frozenset("{};,>")


def css(text: str) -> str:
    """``text`` without comments and the spaces that do not matter."""
    text = _CSS_STRING_OR_COMMENT.sub(lambda m: m.group(1) or " ", text)

    def space(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        before = text[match.start() - 1] if match.start() else "{"
        after = text[match.end()] if match.end() < len(text) else "}"
        return "" if before in _CSS_TIGHT or after in _CSS_TIGHT else " "

    return _CSS_STRING_OR_SPACE.sub(space, text).strip()


_JS_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.DOTALL | re.MULTILINE)
_JS_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.MULTILINE)


def js(text: str) -> str:
    """``text`` without its whole-line comments, indentation and empty lines."""
    text = _JS_BLOCK_COMMENT.sub("", text + "\n")
    text = _JS_LINE_COMMENT.sub("", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
