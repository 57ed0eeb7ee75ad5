"""Which page plays which part is found from the pages themselves."""

from __future__ import annotations

import pytest

from macros.site import pages as site_pages


@pytest.mark.parametrize("include", [
    '--8<-- "CONTRIBUTING.md"', "--8<-- 'CONTRIBUTING.md'", '--8<-- "CONTRIBUTING.md:guide"',
])
def test_the_guide_is_the_page_that_includes_contributing_whole_or_in_part(tmp_path, include):
    (tmp_path / "hjalp.md").write_text(f"# Hjälp\n\nOm redaktörerna.\n\n{include}\n", "utf-8")
    (tmp_path / "annan.md").write_text("# Annan\n\nSe CONTRIBUTING.md för mer.\n", "utf-8")
    assert site_pages.find(tmp_path).get("bidra") == "hjalp.md"


def test_a_page_that_only_names_the_guide_is_not_the_guide(tmp_path):
    (tmp_path / "annan.md").write_text('# Annan\n\nText: --8<-- "CONTRIBUTING.md" i en mening.\n', "utf-8")
    assert "bidra" not in site_pages.find(tmp_path)


def test_the_parts_of_this_content_are_found(tmp_path):
    from tests.conftest import CONTENT

    found = site_pages.find(CONTENT / "docs")
    for part in ("roller", "uppfoljning", "dokument", "tillganglighet"):
        assert part in found, part
    for part, page in found.items():
        assert (CONTENT / "docs" / page).is_file(), (part, page)
