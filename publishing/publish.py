"""make publish: validate, build strictly and deploy one version with mike.

An adopted version (status "antagen") is published under its mandate period
(``2026-2030``, titled "Mandatperiod 2026–2030") and needs its decision facts; the
newest adopted period gets the alias of the version in force (``gallande``), which
is also the default. A draft or a version on consultation goes under a draft name
(``2026-2030-utkast``) and never becomes the version in force. A version published
as adopted is never overwritten without a correction reason, which is recorded in
versions.json and shown on the version. No other version is ever changed: the
branch is compared before and after, and put back if anything else moved.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from macros.policy.errors import DataErrors
from macros.policy.loading import load_policy
from macros.policy.mandate import build_date, period_for
from macros.policy.model import DocumentStatus
from macros.site.compress import ENV_SWITCH as COMPRESS_SWITCH
from macros.site.pdf import ENV_SWITCH as PDF_SWITCH
from macros.policy.release import period_from_name
from macros.policy.settings import shown
from macros.policy.sources import SOURCES_FILE

from . import PublishError
from .gitrepo import Repo

#: Files at the branch root that mike rewrites on every deploy.
ROOT_FILES = {"versions.json", "index.html", ".nojekyll"}


@dataclass(frozen=True)
class Options:
    version: str
    title: str | None = None
    correction: str | None = None
    push: bool = False
    branch: str = "publicerat"
    remote: str = "origin"
    alias: str = "gallande"


@dataclass(frozen=True)
class Plan:
    """What a publication will do, decided before anything is written."""

    version: str
    title: str
    status: str
    aliases: tuple[str, ...]
    properties: dict
    previous: str | None  # the published version this one is compared with


def _period_start(name: str):
    period = period_from_name(name)
    return period.start if period else None


def _decided(version: dict) -> dt.date:
    """When a published version was adopted: its recorded decision date, else (a version
    published before dates were recorded) the start of the period it is named after."""
    recorded = version.get("properties", {}).get("beslutsdatum")
    try:
        return dt.date.fromisoformat(recorded)
    except (TypeError, ValueError):
        return _period_start(version.get("version", "")) or dt.date.min


def adopted_name(document, published: dict, options: Options) -> tuple[str, str]:
    """(name, title) of an adopted version, from its decision facts.

    Tied to mandate periods: the first adopted decision of a period is named after the
    period (``2026-2030``, "Mandatperiod 2026–2030"); a later one in the same period
    ("eller vid behov") after the period and its decision date
    (``2026-2030-2028-03-18``), so it never overwrites the earlier. Otherwise after the
    decision date (``2025-03-18``, "Beslutad 2025-03-18"). A correction keeps the name
    of the version it corrects."""
    decided = document.decision.date
    adopted = {n: v for n, v in published.items()
               if v.get("properties", {}).get("status") == DocumentStatus.ADOPTED.value}
    if options.correction and options.version in adopted:
        return options.version, adopted[options.version].get("title") or options.version
    same = [n for n, v in adopted.items()
            if v.get("properties", {}).get("beslutsdatum") == decided.isoformat()]
    if same:
        return same[0], adopted[same[0]].get("title") or same[0]
    if not document.revision.rule.per_term:
        return decided.isoformat(), f"Beslutad {decided.isoformat()}"
    period = period_for(decided)
    if period.id not in adopted:
        return period.id, f"Mandatperiod {period.label}"
    return (f"{period.id}-{decided.isoformat()}",
            f"Mandatperiod {period.label}, revidering {decided.isoformat()}")


def _one_line(setting: str, value: str | None, limit: int) -> None:
    if value is not None and (len(value) > limit or not value.isprintable() or not value.strip()):
        raise PublishError(
            f"{setting}={shown(value)} ska vara en rad text på högst {limit} tecken, "
            "utan radbrytningar och styrtecken"
        )


def clean_tree(repo: Repo) -> str:
    """The commit the working tree is exactly; PublishError if anything is uncommitted.

    A version records the commit it was built from (kallcommit), so it is built only
    from a tree that is that commit: no changed, staged or untracked (non-ignored) file.
    """
    status = repo.git("status", "--porcelain", "--untracked-files=all", check=False)
    commit = repo.current_commit()
    if status.returncode != 0 or commit is None:
        raise PublishError("projektet är inget git-förråd med någon commit; en version publiceras "
                           "bara från en incheckad version av källorna")
    changed = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    if changed:
        raise PublishError(
            "arbetskopian har ändringar som inte är incheckade (" + ", ".join(changed[:5])
            + (" …" if len(changed) > 5 else "") + "); en version publiceras bara från en "
            "incheckad version, så att den sparade källcommiten är det som publicerades. "
            "Checka in ändringarna (eller ta bort dem) och publicera igen"
        )
    return commit


def plan(project: Path, repo: Repo, options: Options, today: dt.date) -> Plan:
    """Check every rule and decide the publication; raise PublishError to refuse."""
    _one_line("TITEL", options.title, 120)
    _one_line("RATTELSE", options.correction, 500)
    source_commit = clean_tree(repo)
    try:
        policy = load_policy(project / "data", project / "docs").policy
    except DataErrors as exc:
        raise PublishError(exc.report()) from None
    document = policy.document
    version = options.version
    period = period_from_name(version)
    published = {v["version"]: v for v in repo.versions(options.branch)}

    if document.status is DocumentStatus.ADOPTED:
        missing = [
            label
            for label, value in (
                ("beslutsdatum", document.decision.date),
                ("paragraf", document.decision.paragraph),
                ("diarienummer", document.decision.registry_number),
            )
            if value is None
        ]
        if missing:
            raise PublishError(
                "versionen är markerad som antagen men saknar "
                + ", ".join(missing)
                + " i data/dokument.yml (beslut). Fyll i uppgifterna ur protokollet, eller "
                "publicera den som utkast (status: utkast) under ett utkastnamn."
            )
        expected, title = adopted_name(document, published, options)
        if version != expected:
            adopted_in = period_for(document.decision.date)
            if document.revision.rule.per_term and period is not None and adopted_in != period:
                raise PublishError(
                    f"beslutsdatum {document.decision.date} hör till mandatperiod {adopted_in.label}, "
                    f"inte till {period.label}; publicera som '{expected}'"
                )
            raise PublishError(
                f"en antagen version publiceras under det namn som beslutet ger, '{expected}', "
                f"inte som '{version}'"
            )
        title = options.title or title
        period = period or period_for(document.decision.date)
    elif document.status in (DocumentStatus.DRAFT, DocumentStatus.CONSULTATION):
        if period is not None:
            raise PublishError(
                f"ett dokument med status '{document.status.value}' publiceras under ett "
                f"utkastnamn, till exempel '{version}-{document.status.value}', aldrig under "
                "mandatperiodens namn"
            )
        title = options.title or f"{document.status.label}: {version}"
    else:
        raise PublishError(
            f"ett dokument med status '{document.status.value}' publiceras inte som en ny version"
        )

    existing = published.get(version)
    corrections = list((existing or {}).get("properties", {}).get("rattelser", []))
    if existing is not None:
        was = existing.get("properties", {}).get("status")
        if was == DocumentStatus.ADOPTED.value and not options.correction:
            raise PublishError(
                f"version {version} är publicerad som antagen och skrivs aldrig över. Är det en "
                "rättelse, ange skälet med RATTELSE=\"...\"; skälet sparas och visas i versionen."
            )
    elif options.correction:
        raise PublishError(f"det finns ingen publicerad version {version} att rätta")
    if options.correction:
        corrections.append({"datum": today.isoformat(), "skäl": options.correction})

    adopted = {
        name for name, v in published.items()
        if v.get("properties", {}).get("status") == DocumentStatus.ADOPTED.value
    }
    aliases: tuple[str, ...] = ()
    previous = None
    if document.status is DocumentStatus.ADOPTED:
        # The newest adopted decision is in force; the changes page compares with the one
        # adopted before it.
        decided = document.decision.date
        newer = [n for n in adopted if n != version and _decided(published[n]) > decided]
        if not newer:
            aliases = (options.alias,)
        older = sorted((n for n in adopted if n != version and _decided(published[n]) < decided),
                       key=lambda n: _decided(published[n]))
        previous = older[-1] if older else None
    else:
        previous = next(
            (v["version"] for v in published.values() if options.alias in v.get("aliases", [])), None
        )

    properties = {
        "status": document.status.value,
        "publicerad": today.isoformat(),
        "kallcommit": source_commit,
        "rattelser": corrections,
    }
    if document.status is DocumentStatus.ADOPTED:
        properties["beslutsdatum"] = document.decision.date.isoformat()
    return Plan(version, title, document.status.value, aliases, properties, previous)


def _environment(repo: Repo, options: Options, chosen: Plan, folder: Path) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # mike runs "mkdocs build": the one of this environment, whatever PATH says.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["POLICY_VERSION_TITLE"] = chosen.title
    env["POLICY_CORRECTIONS"] = json.dumps(chosen.properties["rattelser"], ensure_ascii=False)
    env["POLICY_CURRENT_ALIAS"] = options.alias
    env[PDF_SWITCH] = "1"  # every version carries its own PDF, linked from its pages
    env[COMPRESS_SWITCH] = "1"  # and the compressed copies a web server sends (gzip_static)
    if chosen.previous:
        published = {v["version"]: v for v in repo.versions(options.branch)}
        content = repo.show(options.branch, f"{chosen.previous}/{SOURCES_FILE}")
        if content:
            path = folder / "foregaende-kallor.json"
            path.write_text(content, encoding="utf-8")
            env["POLICY_PREVIOUS_VERSION"] = chosen.previous
            # versions.json holds titles HTML-escaped (see publish()); the build escapes again.
            title = html.unescape(published.get(chosen.previous, {}).get("title") or "")
            if title:
                env["POLICY_PREVIOUS_TITLE"] = title
            env["POLICY_PREVIOUS_SOURCES"] = str(path)
    if not repo.has_identity():
        env.setdefault("GIT_COMMITTER_NAME", "Publicering")
        env.setdefault("GIT_COMMITTER_EMAIL", "publicering@localhost")
    return env


def _mike(project: Path, env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())", *args],
        cwd=project, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        # The build's own message ends its output; the INFO lines before it are noise.
        lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("INFO")]
        raise PublishError(
            f"bygget av versionen misslyckades, ingenting är publicerat och site/ är orörd "
            f"(mike {' '.join(args[:2])}):\n" + "\n".join(lines[-15:])
        )


@contextmanager
def _config(project: Path, site_dir: Path) -> Iterator[str]:
    """mkdocs.yml with site_dir set to a temporary folder, for mike's build.

    mike builds into the configured site_dir and empties it first; pointed at site/, a
    failed publication would leave no site/. The copy sits beside mkdocs.yml (its paths
    are relative to it) under a name of its own, and is removed afterwards.
    """
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_dir:.*\n?", "", text).rstrip("\n") + f"\nsite_dir: {json.dumps(str(site_dir))}\n"
    handle, name = tempfile.mkstemp(prefix=".mkdocs-publicering-", suffix=".yml", dir=project)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        yield name
    finally:
        os.unlink(name)


def publish(project: Path, options: Options, today: dt.date | None = None) -> Plan:
    """Publish one version; returns what was done. Raises PublishError to refuse."""
    project = Path(project)
    repo = Repo(project)
    today = today or build_date()
    chosen = plan(project, repo, options, today)
    before_head = repo.head(options.branch)
    before = repo.trees(options.branch)

    with tempfile.TemporaryDirectory() as folder, _config(project, Path(folder) / "site") as config:
        env = _environment(repo, options, chosen, Path(folder))
        # Material's version selector puts the titles of versions.json into the page with
        # innerHTML: the title is stored HTML-escaped, so that it is shown as the text it is.
        args = ["deploy", chosen.version, *chosen.aliases, "--title", html.escape(chosen.title),
                "--config-file", config,
                "--alias-type", "copy", "--branch", options.branch,
                "--prop-set-all", json.dumps(chosen.properties, ensure_ascii=False),
                "--message", f"Publicera {chosen.title} ({chosen.version})"]
        if chosen.aliases:
            args.append("--update-aliases")
        _mike(project, env, *args)
        if chosen.aliases:
            # The root page leads on without an inline script (the Content-Security-Policy of
            # deploy/nginx.conf allows none), whatever the organisation's mkdocs.yml says.
            redirect = project / "overrides" / "mike-redirect.html"
            template = ["--template", str(redirect)] if redirect.is_file() else []
            _mike(project, env, "set-default", chosen.aliases[0], "--branch", options.branch,
                  "--config-file", config, *template)

    after = repo.trees(options.branch)
    allowed = {chosen.version, *chosen.aliases, *ROOT_FILES}
    moved = sorted(name for name, tree in before.items() if name not in allowed and after.get(name) != tree)
    if moved:
        repo.reset_branch(options.branch, before_head)
        raise PublishError(
            "publiceringen skulle ha ändrat " + ", ".join(moved) + "; grenen är återställd och "
            "ingenting är publicerat"
        )
    if options.push:
        result = repo.git("push", options.remote, f"refs/heads/{options.branch}", check=False)
        if result.returncode != 0:
            raise PublishError(f"publicerat lokalt, men push misslyckades:\n{result.stderr.strip()}")
    return chosen
