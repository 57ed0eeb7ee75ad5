"""Build settings from the environment, checked before anything reads them.

A setting comes from whoever runs the build (a make variable, CI, a shell) and is
untrusted like data: each is validated here and refused with one Swedish message that
names the setting and says what is expected, never with a traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


class SettingError(ValueError):
    """A build setting that cannot be used; the message names the setting, in Swedish."""


def shown(value: str, limit: int = 80) -> str:
    """A value as an error message quotes it: visible, on one line, not overlong."""
    text = repr(value[:limit])
    return text + (" …" if len(value) > limit else "")


#: Characters a URL or path setting never holds: controls, whitespace, quotes, markup.
_UNSAFE = re.compile(r'[\x00-\x20\x7f-\x9f"\'<>`\\{}|^\u200b-\u200f\u2028-\u202e\u2066-\u2069]')


def repository_url(value: str | None) -> str | None:
    """POLICY_REPO_URL: the repository's address on its Git host, http or https only."""
    if not value:
        return None
    parts = urlsplit(value) if not _UNSAFE.search(value) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SettingError(
            f"POLICY_REPO_URL: {shown(value)} är ingen adress som går att länka till; ange "
            "förrådets adress med http:// eller https://, utan mellanslag och citattecken, "
            "till exempel https://gitlab.kommun.example/it/informationssakerhet"
        )
    return value


def edit_path(value: str | None) -> str | None:
    """POLICY_EDIT_URI: the path of the edit view, relative to the repository's address.

    It is joined to POLICY_REPO_URL, so it must stay inside it: no scheme, no host
    (``//``), no absolute path and no ``..`` that climbs out of the repository.
    """
    if not value:
        return None
    segments = re.split(r"[/?#&=]", value)
    if (
        _UNSAFE.search(value)
        or value.startswith(("/", "."))
        or ".." in segments
        or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)
    ):
        raise SettingError(
            f"POLICY_EDIT_URI: {shown(value)} kan inte användas; ange redigeringsvägen relativt "
            "förrådets adress, utan schema, värdnamn, inledande / eller .., till exempel "
            "-/edit/main/docs/ (GitLab) eller edit/main/docs/ (GitHub)"
        )
    return value


def published_address(value: str | None) -> str | None:
    """POLICY_SITE_URL: the address of the folder the published versions are in (the one
    that holds versions.json), http or https, ending in ``/``.

    Only the page for an address that does not exist (404.html) needs it: the web server
    sends that page for any address, at any depth, so its links cannot be relative.
    """
    if not value:
        return None
    parts = urlsplit(value) if not _UNSAFE.search(value) else None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.query
        or parts.fragment
        or ".." in parts.path.split("/")
    ):
        raise SettingError(
            f"POLICY_SITE_URL: {shown(value)} kan inte användas; ange adressen till mappen där "
            "versionerna publiceras, med http:// eller https://, utan mellanslag, citattecken, "
            "frågedel (?) eller .., till exempel "
            "https://intranat.kommun.example/styrdokument/informationssakerhet/"
        )
    return value if value.endswith("/") else value + "/"


def repository_name(url: str) -> str:
    """The label beside the repository link: the host's name, as MkDocs would give it."""
    host = (urlsplit(url).hostname or "").lower()
    for known, label in (("github.com", "GitHub"), ("bitbucket.org", "Bitbucket"),
                         ("gitlab.com", "GitLab")):
        if host == known:
            return label
    return host.split(".")[0].title() if host else url


def repository(environ) -> tuple[str, str | None, str] | None:
    """(repo_url, edit_uri, repo_name) from POLICY_REPO_URL and POLICY_EDIT_URI, or None.

    The adapter sets them on the configuration itself (mkdocs.yml does not read them),
    so that a bad value gets this message rather than MkDocs' own, and an address
    MkDocs would accept (``javascript://…``) is refused too.
    """
    url = repository_url(environ.get("POLICY_REPO_URL"))
    edit = edit_path(environ.get("POLICY_EDIT_URI"))
    if url is None:
        return None
    if edit and not edit.endswith("/"):
        edit += "/"  # as MkDocs does: the page's path is appended
    return url, edit, repository_name(url)
