"""The editors' path: the guide, the pull request checks, the templates, pre-commit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)

ROOT = Path(__file__).resolve().parents[2]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text("utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


def make_commands(text: str) -> set[str]:
    return set(re.findall(r"\bmake (?:--no-print-directory )?([a-z][a-z-]*)", text))


def load(path: Path):
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(path.read_text("utf-8"), Loader=Loader)


@pytest.mark.parametrize("name", [".github/workflows/pull-request.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"])
def test_workflows_parse_and_run_only_existing_make_targets(name):
    path = ROOT / name
    assert load(path)
    used = make_commands(path.read_text("utf-8"))
    assert used and used <= make_targets(), used - make_targets()


def test_pull_request_checks_run_everything_and_keep_preview_and_summary():
    github = load(ROOT / ".github/workflows/pull-request.yml")
    steps = github["jobs"]["kontroll"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    for command in ("make check", "make test", "make build", "changes", "GITHUB_STEP_SUMMARY"):
        assert command in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact") and step["with"]["path"] == "site/"
               for step in steps)
    assert "pull_request" in github[True] or "pull_request" in github.get("on", {})
    gitlab = load(ROOT / ".gitlab-ci.yml")["kontroll"]
    assert {"make check", "make test", "make build"} <= set(gitlab["script"])
    assert "site/" in gitlab["artifacts"]["paths"] and "andringar.md" in gitlab["artifacts"]["paths"]


def test_pull_request_templates_ask_the_three_questions():
    for name in (".github/pull_request_template.md", ".gitlab/merge_request_templates/Default.md"):
        text = (ROOT / name).read_text("utf-8")
        for question in ("Varför ändras policyn?", "Vilka avsnitt berörs?", "Kräver ändringen ett politiskt beslut?"):
            assert question in text, (name, question)


def test_contributing_uses_real_files_and_real_commands():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for path in set(re.findall(r"`((?:data|docs|schemas)/[^`]+)`", text)):
        assert (ROOT / path).exists(), path
    assert make_commands(text) <= make_targets()
    for step in ("make serve", "make check", "make test", "make changes", "make publish", "Föreslå ändring"):
        assert step in text
    # Its YAML examples speak the data's language: every key in them is a key the data
    # files accept (the examples themselves are any organisation's, not this one's).
    from macros.policy.loading import DATA_FILES

    keys = set()

    def collect(model):
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            for inner in getattr(field.annotation, "__args__", ()) + (field.annotation,):
                if isinstance(inner, type) and hasattr(inner, "model_fields"):
                    collect(inner)

    for data_file in DATA_FILES:
        collect(data_file.model)
    examples = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert examples
    for example in examples:
        used = set(re.findall(r"^\s*(?:- )?([\w\u00c0-\u017f]+):", example, re.M))
        assert used and used <= keys, (example, used - keys)


def test_vscode_maps_every_data_file_to_its_schema():
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapped = set(settings["yaml.schemas"].values())
    from macros.policy.loading import OTHER_FILES

    assert mapped == {f"data/{p.name}" for p in (ROOT / "data").glob("*.yml") if p.name not in OTHER_FILES}
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).exists()


def anchor(heading: str) -> str:
    """The anchor GitHub, GitLab and Gitea give a heading: lower case, punctuation but
    hyphens left out, each space a hyphen (letters such as å, ä and ö kept)."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_readme_lists_every_section_in_order_with_a_working_link_and_runs_real_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)  # a "#" in a code block is no heading
    headings = [(len(hashes), title) for hashes, title in re.findall(r"^(#{2,3}) (.+)$", prose, re.M)]
    listed = [(len(indent) // 2 + 2, title, target)
              for indent, title, target in re.findall(r"^( *)- \[([^]]+)\]\(#([^)]+)\)$", prose, re.M)]
    assert headings and [(level, title) for level, title, _ in listed] == headings
    assert all(target == anchor(title) for _, title, target in listed), listed
    # Every make command it gives (in code, or a line of a shell example) is one the Makefile has.
    commands = set(re.findall(r"(?:`|^)make (?:[A-Z_]+=\S+ )*([a-z][a-z-]*)(?!\w)", text, re.M))
    assert {"serve", "test", "ny-organisation", "publish"} <= commands <= make_targets(), commands - make_targets()
