"""What keeps the build and the first visit light (issue 15): the project's own files
minified, compressed copies only when publishing, the dead-link scan, dot's layout reused,
and ``requests`` imported only on first use."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.site import finish, search
from macros.site import compress
from macros.views import diagram
from macros.site import minify
from macros.site import link_check as site_links
from tests.unit.test_diagram import generated_policy

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

ROOT = Path(__file__).resolve().parents[2]


def test_a_stylesheet_loses_comments_and_spaces_but_not_strings_or_meaningful_spaces():
    source = """/* a comment */
.a  >  .b ,
.c :focus {
  content: "  /* kept */  ";
  margin: 0  auto;
}
@media screen and (max-width: 30em) { .d { color: red; } }
"""
    small = minify.css(source)
    assert "a comment" not in small
    assert '"  /* kept */  "' in small  # a string stays as it is
    assert ".c :focus" in small  # a descendant's space matters
    assert "and (max-width" in small  # so does the one before a media feature
    assert "margin: 0 auto" in small
    assert ".a>.b,.c :focus{" in small
    assert minify.css(small) == small


def test_a_script_loses_whole_line_comments_and_indentation_only():
    source = """/*
 * A header.
 */
(function () {
  // a note
  var url = "https://example.org/*not a comment*/"; // kept: the line holds code
  return url;
})();
"""
    small = minify.js(source)
    assert "A header" not in small and "a note" not in small
    assert 'var url = "https://example.org/*not a comment*/"; // kept: the line holds code' in small
    assert small.count("\n") == 4  # every line of code keeps its own line
    assert minify.js(small) == small


def test_the_project_s_own_files_are_minified_for_the_site(tmp_path):
    own = ROOT / "overrides"
    site = tmp_path / "site"
    for source in own.joinpath("assets").rglob("*"):
        if source.suffix in {".css", ".js"}:
            target = site / source.relative_to(own)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    finish.minify_own_assets(site, own)
    for source in own.joinpath("assets").rglob("*"):
        if source.suffix in {".css", ".js"}:
            built = (site / source.relative_to(own)).read_text("utf-8")
            assert len(built) < len(source.read_text("utf-8")), source
            if source.suffix == ".css":
                assert "/*" not in built, source
            else:
                assert not [line for line in built.splitlines() if line.startswith(("//", "/*", " "))], source


def test_compressed_copies_only_when_publishing_and_at_the_highest_gzip_level(tmp_path):
    assert compress.wanted({"POLICY_COMPRESS": "1"})
    assert not compress.wanted({}) and not compress.wanted({"POLICY_COMPRESS": "0"})
    page = tmp_path / "index.html"
    content = ("<p>Informationssäkerhet är allas ansvar.</p>\n" * 200).encode()
    page.write_bytes(content)
    (tmp_path / "liten.css").write_text("a{}", "utf-8")
    assert compress.precompress(tmp_path) == 1
    copy = (tmp_path / "index.html.gz").read_bytes()
    assert gzip.decompress(copy) == content
    assert copy == gzip.compress(content, 9, mtime=0)  # the same site gives the same bytes
    assert not (tmp_path / "liten.css.gz").exists()


def test_the_search_index_is_written_as_utf8_with_the_same_content(tmp_path):
    index = {"config": {"lang": ["sv"]}, "docs": [{"location": "", "title": "Ansvar för åtgärder", "text": "ö"}]}
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps(index), "utf-8")
    assert "\\u00e5" in path.read_text("utf-8")
    assert search.compact_index(tmp_path) == index
    assert json.loads(path.read_text("utf-8")) == index
    assert "åtgärder" in path.read_text("utf-8")


def test_the_link_scan_reads_links_and_anchors_as_a_browser_does():
    html = """<!-- <a href="#kommentar"> -->
<script id="__config">var s = '<a href="#skript">';</script>
<div title="a > b" id="ankare"><a href='/x?a=1&amp;b=2' name="namn">x</a></div>
<A HREF="#stor">y</A><area href="karta/" /><a href>tom</a><span class="grid">z</span>"""
    hrefs, anchors = site_links.parse(html)
    assert hrefs == ["/x?a=1&b=2", "#stor", "karta/"]
    assert anchors == {"__config", "ankare", "namn"}


def test_dot_runs_once_for_the_same_reporting_lines(monkeypatch):
    calls = []
    run = subprocess.run

    def counting(*args, **kwargs):
        calls.append(args)
        return run(*args, **kwargs)

    monkeypatch.setattr(diagram, "_LAID_OUT", {})
    monkeypatch.setattr(diagram.subprocess, "run", counting)
    from macros.views import roles

    policy = generated_policy(5)
    first = roles.reporting_diagram(policy)
    assert roles.reporting_diagram(policy) == first
    assert len(calls) == 1
    roles.reporting_diagram(generated_policy(6))
    assert len(calls) == 2


def test_requests_is_imported_only_on_first_use():
    script = """
import sys
from macros.mkdocs_adapter import cli as mkdocs_cli
mkdocs_cli._lazy("requests")
import requests
import mkdocs_macros.util
print("urllib3" in sys.modules)
print(requests.exceptions.RequestException.__name__)
print("urllib3" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "RequestException", "True"]


def test_the_benchmarks_ask_the_search_questions_of_the_project_s_data():
    from bench.search import questions

    asked = questions()
    assert asked == yaml.safe_load((ROOT / "data" / "sokfragor.yml").read_text("utf-8"))
    assert asked and all(isinstance(item["fråga"], str) and item["fråga"].strip() for item in asked)
