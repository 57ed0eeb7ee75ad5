"""A renamed role at scale gives a short report: one message per unknown id and file."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bench.scale import scale_data
from macros.policy.errors import DataErrors
from macros.policy.loading import load_policy
from tests.conftest import copy_project


def test_a_renamed_role_is_one_message_per_file_with_its_lines(tmp_path):
    project = copy_project(tmp_path / "p")
    scale_data(project / "data", 10)
    roles = (project / "data" / "roller.yml").read_text("utf-8")
    responsibilities = (project / "data" / "ansvar.yml").read_text("utf-8")
    # The role that ansvar.yml names most often, renamed in roller.yml alone.
    used = Counter(re.findall(r"^\s*roll: (\S+)$", responsibilities, re.M))
    role = used.most_common(1)[0][0]
    # Where ansvar.yml names it: as the role, or as a recipient (a list item under "till").
    lines = [number for number, line in enumerate(responsibilities.split("\n"), start=1)
             if line.strip() in (f"roll: {role}", f"- {role}")]
    count = len(lines)
    assert count > 1
    (project / "data" / "roller.yml").write_text(
        re.sub(rf"(?m)^(\s*- id: ){re.escape(role)}$", rf"\g<1>{role}-nytt", roles, count=1), "utf-8")
    with pytest.raises(DataErrors) as raised:
        load_policy(project / "data", project / "docs")
    about = [e for e in raised.value.errors if f"'{role}'" in e.message and "okänd roll" in e.message]
    files = Counter(e.file for e in about)
    assert files and all(n == 1 for n in files.values())
    grouped = next(e for e in about if e.file.endswith("ansvar.yml"))
    assert f"{count} ställen" in grouped.message
    assert grouped.line == lines[0]
    assert len(raised.value.report()) < 20_000
