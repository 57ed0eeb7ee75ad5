"""Cases: build settings from the environment, hostile or broken, as CI or a shell sets them."""

from __future__ import annotations

from tests.catalogue.framework import BUILD, Literal, Project, Refused, case
from tests.conftest import BUILD_DAY


def _setting(name: str, value: str, **more: str):
    def change(project: Project):
        project.env.update({name: value, **more})
        return Refused(setting=name)
    return change


for _id, _what, _name, _value, _more in (
    ("setting-epoch-text", "SOURCE_DATE_EPOCH som inte är ett tal", "SOURCE_DATE_EPOCH", "i går", {}),
    ("setting-epoch-huge", "SOURCE_DATE_EPOCH utanför alla datum", "SOURCE_DATE_EPOCH", "9" * 30, {}),
    ("setting-corrections-broken", "POLICY_CORRECTIONS som inte är JSON", "POLICY_CORRECTIONS",
     '[{"datum": "2026-01-01", "skäl": ', {"MIKE_DOCS_VERSION": "2026-2030"}),
    ("setting-corrections-shape", "POLICY_CORRECTIONS med fel form", "POLICY_CORRECTIONS",
     '{"datum": 1}', {"MIKE_DOCS_VERSION": "2026-2030"}),
    ("setting-repo-url-javascript", "POLICY_REPO_URL=javascript:", "POLICY_REPO_URL",
     "javascript:alert(document.domain)", {}),
    ("setting-repo-url-javascript-host", "POLICY_REPO_URL=javascript:// med värdnamn (godtas av MkDocs)",
     "POLICY_REPO_URL", "javascript://git.example/%0aalert(1)", {}),
    ("setting-repo-url-markup", 'POLICY_REPO_URL med "><img onerror>', "POLICY_REPO_URL",
     'https://git.example/x"><img src=x onerror=alert(1)>', {}),
    ("setting-edit-uri-other-host", "POLICY_EDIT_URI=//en annan värd", "POLICY_EDIT_URI",
     "//evil.example/", {"POLICY_REPO_URL": "https://git.example/it/policy"}),
    ("setting-edit-uri-scheme", "POLICY_EDIT_URI=javascript:", "POLICY_EDIT_URI",
     "javascript:alert(1)//", {"POLICY_REPO_URL": "https://git.example/it/policy"}),
    ("setting-edit-uri-climbs", "POLICY_EDIT_URI med ..", "POLICY_EDIT_URI",
     "../../annat/edit/main/docs/", {"POLICY_REPO_URL": "https://git.example/it/policy"}),
    ("setting-site-url-javascript", "POLICY_SITE_URL=javascript:", "POLICY_SITE_URL",
     "javascript://intranat.example/%0aalert(1)", {"MIKE_DOCS_VERSION": "2026-2030"}),
    ("setting-site-url-markup", 'POLICY_SITE_URL med "><script>', "POLICY_SITE_URL",
     'https://intranat.example/"><script>alert(1)</script>', {"MIKE_DOCS_VERSION": "2026-2030"}),
    ("setting-site-url-query", "POLICY_SITE_URL med frågedel", "POLICY_SITE_URL",
     "https://intranat.example/policy/?a=1", {"MIKE_DOCS_VERSION": "2026-2030"}),
    ("setting-site-url-password", "POLICY_SITE_URL med användarnamn och lösenord", "POLICY_SITE_URL",
     "https://anna:hemligt@intranat.example/policy/", {}),
):
    globals()[_id.replace("-", "_")] = case(_id, _what, BUILD)(_setting(_name, _value, **_more))


@case("setting-title-markup", "POLICY_VERSION_TITLE med <script> och \"><img onerror>", BUILD)
def title_markup(project: Project):
    title = '<script>alert("titel")</script>"><img src=x onerror=alert(1)>'
    project.env.update({"MIKE_DOCS_VERSION": "2026-2030", "POLICY_VERSION_TITLE": title})
    # A site of several documents names its version only in the version selector: the
    # title is then shown on no page (and injects nothing anywhere).
    return Literal(None if project.several_documents() else title, 'alert("titel")')


@case("setting-correction-markup", "en rättelse med <script> i sidhuvudet", BUILD)
def correction_markup(project: Project):
    reason = '<script>alert("rättelse")</script><img src=x onerror=alert(1)>'
    project.env.update({"MIKE_DOCS_VERSION": "2026-2030",
                        "POLICY_CORRECTIONS": '[{"datum": "%s", "skäl": "%s"}]'
                        % (BUILD_DAY.isoformat(), reason.replace('"', '\\"'))})
    return Literal(reason, 'alert("rättelse")')


@case("setting-alias-markup", "aliaset (POLICY_CURRENT_ALIAS) med \"><script> i banderollens länk", BUILD)
def alias_markup(project: Project):
    project.env.update({"MIKE_DOCS_VERSION": "2026-2030", "POLICY_VERSION_TITLE": "Titel",
                        "POLICY_CURRENT_ALIAS": '"><script>alert("alias")</script>'})
    return Literal(None if project.several_documents() else "Titel", 'alert("alias")')
