"""POLICY_SITE_URL: where the published versions are, so that the page for a missing address
(404.html) finds the version's styles and pages from any depth of the web server."""

from __future__ import annotations

import pytest

from macros.policy.settings import SettingError, published_address

pytestmark = pytest.mark.content_independent  # make test runs it once (tests/unit/test_content_independent.py)


@pytest.mark.parametrize("value, address", [
    (None, None),
    ("", None),
    ("https://intranat.example/styrdokument/informationssakerhet/",
     "https://intranat.example/styrdokument/informationssakerhet/"),
    ("http://intranat.example/styrdokument/informationssakerhet",
     "http://intranat.example/styrdokument/informationssakerhet/"),
    ("https://intranat.example", "https://intranat.example/"),
])
def test_an_address_of_a_folder_is_taken_as_one(value, address):
    assert published_address(value) == address


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "ftp://intranat.example/policy/", "intranat.example/policy/",
    "https://intranat.example/policy/?version=1", "https://intranat.example/policy/#topp",
    "https://anna:hemligt@intranat.example/policy/", "https://intranat.example/a b/",
    'https://intranat.example/"><script>', "https://intranat.example/policy/../annat/",
])
def test_anything_else_is_refused_with_a_message_naming_the_setting(value):
    with pytest.raises(SettingError) as refused:
        published_address(value)
    assert str(refused.value).startswith("POLICY_SITE_URL: ")
    assert "https://" in str(refused.value)  # an example of what is expected
