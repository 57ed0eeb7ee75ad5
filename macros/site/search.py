"""The search index as the site sends it, with the Swedish query analysis added.

Material for MkDocs searches with lunr in the reader's browser, from
``search/search_index.json``. Two things are done to the built site here: the index
is written as UTF-8 (Material escapes every non-ASCII letter, six bytes for an å),
and the Swedish query analysis (``overrides/assets/javascripts/swedish-search.js``)
with the glossary's synonyms is appended to lunr's Swedish support, which Material's
search worker loads from the site itself. A site without that index (another
generator's search) is left as it is. On a site of several governing documents, the
script that labels each result with its document (``search-documents.js`` beside this
module) is written with the site's table of documents.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..policy.memo import LastResult
from ..policy.model import Policy
from ..views import glossary
from . import minify

INDEX = "search/search_index.json"
SEARCH_SCRIPT = "assets/javascripts/swedish-search.js"
SWEDISH_LUNR = "assets/javascripts/lunr/min/lunr.sv.min.js"
#: The script that labels results by document, in the built site (the theme's main.html
#: loads it where the settings name it) and its source.
DOCUMENTS_SCRIPT = "assets/javascripts/search-documents.js"
_DOCUMENTS_SOURCE = Path(__file__).with_name("search-documents.js")
_DOCUMENTS_MARK = "/*DOCUMENTS*/[]"


def compact_index(site: Path) -> dict | None:
    """The search index, rewritten as UTF-8 (JSON's own encoding: a tenth smaller); None
    when the site has no lunr index."""
    path = site / INDEX
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index


def add_swedish_analysis(site: Path, policy: Policy, index: dict) -> None:
    """Append the Swedish query analysis (and the glossary's synonyms) to lunr's Swedish
    support; done once, however often the site is finished."""
    target = site / SWEDISH_LUNR
    script = site / SEARCH_SCRIPT
    if not (target.is_file() and script.is_file()):
        return
    content = target.read_text(encoding="utf-8")
    if "policySearchSynonyms" in content:
        return
    separator = index["config"].get("separator") or glossary.SEPARATOR
    table = json.dumps(
        glossary.synonyms(policy.glossary, separator, _word_frequency(index, separator)),
        ensure_ascii=False,
    )
    target.write_text(
        f"{content}\nself.policySearchSynonyms = {table};\n{script.read_text(encoding='utf-8')}",
        encoding="utf-8",
    )


#: Each section's words, from its last text (macros/policy/memo.py): make serve builds
#: again on every save, and most sections read as before.
_SECTION_WORDS: LastResult[frozenset[str]] = LastResult()


def _word_frequency(index: dict, separator: str) -> dict[str, int]:
    """In how many sections of the search index each word occurs."""
    counts: Counter[str] = Counter()
    for doc in index["docs"]:
        title, body = doc["title"], doc["text"]
        counts.update(_SECTION_WORDS(
            doc["location"], (title, body, separator),
            lambda: frozenset(glossary.tokens(title + " " + re.sub(r"<[^>]+>", " ", body), separator)),
        ))
    return dict(counts)


def write_document_labels(site: Path, documents: list[dict[str, str]]) -> None:
    """The script that labels search results by document, with ``documents`` (each
    ``{"mapp": "riktlinjer/", "namn": …}`` for a folder's pages or ``{"sida": "policyn/",
    "namn": …}`` for one page) as a JSON literal: every character outside ASCII and every
    ``<``, ``>`` and ``&`` escaped, so no name from data/ can end the literal or the script."""
    source = minify.js(_DOCUMENTS_SOURCE.read_text(encoding="utf-8"))
    table = json.dumps(documents, ensure_ascii=True, separators=(",", ":"))
    for mark, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        table = table.replace(mark, escaped)  # as Jinja's tojson: never markup, wherever it lands
    target = site / DOCUMENTS_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.replace(_DOCUMENTS_MARK, table, 1), encoding="utf-8")
