"""make publish: validate, build strictly and deploy one version with mike.

An adopted version (status "antagen") is published under its mandate period
(``2026-2030``, titled "Mandatperiod 2026–2030") and needs its decision facts; the
newest adopted period gets the alias of the version in force (``gallande``), which
is also the default. A draft or a version on consultation goes under a draft name
(``2026-2030-utkast``) and never becomes the version in force. A version published
as adopted is never overwritten without a correction reason, which is recorded in
versions.json and shown on the version.

All or nothing: mike never writes on the published branch. It works on a ref of this
project's own (``refs/publicering/<branch>``), started from the branch; the result is
checked (only this version, its alias and mike's root files changed; the version, its
sources, the alias and the root page all there) and only then is the branch moved to
it, in one compare-and-swap (``git update-ref <branch> <new> <old>``). Killed at any
moment, the branch is as it was or complete. The build's temporary things live beside
mkdocs.yml under names of their own (``.publicering-*``, ``.mkdocs-publicering-*.yml``)
and the work ref under ``refs/publicering/``: a killed publication cannot remove them
(kill -9 cannot be trapped), so the next one does, first thing. Publications of one
repository take turns (a lock on its git folder).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import html
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from macros.policy.errors import DataErrors
from macros.policy.loading import LoadedPolicy, load_policy
from macros.policy.mandate import build_date, period_for
from macros.policy.model import DocumentFile, DocumentStatus
from macros.policy.release import period_from_name
from macros.policy.settings import published_address, repository, shown
from macros.policy.sources import SOURCES_FILE

from . import PublishError, names
from .gitmessages import build_output, explain
from .gitrepo import Repo
from .swap import remove

#: Files at the branch root that mike rewrites on every deploy.
ROOT_FILES = {"versions.json", "index.html", ".nojekyll"}

#: The refs mike works on (one per published branch), never a branch of the repository.
WORK_REFS = "refs/publicering/"
#: What a publication leaves beside mkdocs.yml while it runs, removed when it ends and,
#: if it was killed, by the next publication: the build's folder, the configuration that
#: points MkDocs at it, and the configuration mike writes beside that one when mkdocs.yml
#: does not name its plugin (mike's own name for it).
WORK_FOLDER_PREFIX = ".publicering-"
CONFIG_PREFIX = ".mkdocs-publicering-"
MIKE_CONFIG_PREFIX = "mike-mkdocs"


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
    """When a published version was adopted: its recorded decision date (on a site of several
    documents, the newest of their decisions), else (a version published before dates were
    recorded) the start of the period it is named after."""
    recorded = version.get("properties", {}).get("beslutsdatum")
    try:
        return dt.date.fromisoformat(recorded)
    except (TypeError, ValueError):
        return _period_start(version.get("version", "")) or dt.date.min


@dataclass(frozen=True)
class SiteDocument:
    """One governing document of the site as a publication reads it: its id ("" for the
    document of a one-document site), its facts, and the file they are in."""

    id: str
    document: DocumentFile
    file: str

    @property
    def shown(self) -> str:
        return f"{shown(self.document.name)} ({self.file})"


def site_documents(loaded: LoadedPolicy) -> list[SiteDocument]:
    """The site's documents, the first (data/ and docs/ themselves) first."""
    first = SiteDocument(loaded.setting.main, loaded.policy.document, "data/dokument.yml")
    return [first, *(SiteDocument(d.id, d.policy.document, f"data/{d.id}/dokument.yml")
                     for d in loaded.documents)]


def recorded_decisions(version: dict, first: str) -> dict[str, str]:
    """Each document's decision date as a published version recorded it (``dokument``); a
    version of a one-document site (or published before documents were recorded) holds only
    ``beslutsdatum``, the decision of its one document, the first."""
    properties = version.get("properties", {})
    documents = properties.get("dokument")
    if isinstance(documents, dict):
        return {str(k): v for k, v in documents.items()}
    date = properties.get("beslutsdatum")
    return {first: date} if isinstance(date, str) else {}


def _name_for(decided: dt.date, per_term: bool, adopted: dict) -> tuple[str, str]:
    if not per_term:
        return decided.isoformat(), f"Beslutad {decided.isoformat()}"
    period = period_for(decided)
    if period.id not in adopted:
        return period.id, f"Mandatperiod {period.label}"
    return (f"{period.id}-{decided.isoformat()}",
            f"Mandatperiod {period.label}, revidering {decided.isoformat()}")


@dataclass(frozen=True)
class Named:
    """The name an adopted version gets, its title, and the decision that gives it."""

    name: str
    title: str
    decided: SiteDocument  # the document whose decision names the version
    since: str | None = None  # the version the decision is new since, where not the newest


def name_adopted(documents: list[SiteDocument], published: dict, options: Options) -> Named:
    """The name of an adopted version of the site, from its documents' decisions.

    The newest decision among the documents names it (the first document's revision rule
    says whether names follow mandate periods: one naming for the whole site). A version
    with exactly these decisions keeps its name (a correction, or a refused republication).
    When the newest decision's name is taken by a version with other decisions (a document
    got a decision dated before the newest, entered after that was published), the newest of
    the decisions that are new since that version names it."""
    adopted = {n: v for n, v in published.items()
               if v.get("properties", {}).get("status") == DocumentStatus.ADOPTED.value}
    newest = max(documents, key=lambda d: d.document.decision.date)  # the first, on a tie
    if options.correction and options.version in adopted:
        return Named(options.version, adopted[options.version].get("title") or options.version, newest)
    first = documents[0].id
    current = {d.id: d.document.decision.date.isoformat() for d in documents}
    same = [n for n, v in adopted.items() if recorded_decisions(v, first) == current]
    if same:
        return Named(same[0], adopted[same[0]].get("title") or same[0], newest)
    per_term = documents[0].document.revision.rule.per_term
    name, title = _name_for(newest.document.decision.date, per_term, adopted)
    if name not in adopted:
        return Named(name, title, newest)
    taken = name
    recorded = recorded_decisions(adopted[taken], first)
    new = [d for d in documents if recorded.get(d.id) != current[d.id]]
    deciding = max(new, key=lambda d: d.document.decision.date)
    decided = deciding.document.decision.date
    if per_term:
        period = period_for(newest.document.decision.date)
        name, title = (f"{period.id}-{decided.isoformat()}",
                       f"Mandatperiod {period.label}, revidering {decided.isoformat()}")
    else:
        name, title = decided.isoformat(), f"Beslutad {decided.isoformat()}"
    if name in adopted:
        raise PublishError(
            f"beslutet i {deciding.file} (beslutsdatum {decided}) ger namnet '{name}', som en annan "
            "publicerad antagen version redan har; se efter att beslutsdatumen i dokumentens "
            "dokument.yml stämmer med protokollen"
        )
    return Named(name, title, deciding, since=taken)


def adopted_name(document, published: dict, options: Options,
                 documents: list[SiteDocument] | None = None) -> tuple[str, str]:
    """(name, title) of an adopted version, from its decision facts.

    Tied to mandate periods: the first adopted decision of a period is named after the
    period (``2026-2030``, "Mandatperiod 2026–2030"); a later one in the same period
    ("eller vid behov") after the period and its decision date
    (``2026-2030-2028-03-18``), so it never overwrites the earlier. Otherwise after the
    decision date (``2025-03-18``, "Beslutad 2025-03-18"). A correction keeps the name
    of the version it corrects. On a site of several documents, ``documents`` (see
    name_adopted): the newest of their decisions names the version."""
    documents = documents or [SiteDocument("", document, "data/dokument.yml")]
    named = name_adopted(documents, published, options)
    return named.name, named.title


def _name_reason(document, published: dict, expected: str, decided: dt.date | None = None) -> str:
    """Why an adopted version has the name it has, in Swedish (``decided``: the decision
    that names it, by default the document's)."""
    decided = decided or document.decision.date
    if not document.revision.rule.per_term:
        return f"beslutsdatumet {decided}, eftersom revideringsregeln inte följer mandatperioderna"
    period = period_for(decided)
    if expected == period.id:
        return f"mandatperioden för beslutsdatumet {decided}"
    if expected.startswith(period.id + "-"):
        return (f"mandatperioden {period.label} har redan en antagen version, så den här får periodens "
                f"namn och beslutsdatumet {decided}")
    return f"namnet den redan publicerade versionen med beslutsdatumet {decided} har"


def _draft_example(document, status: DocumentStatus | None = None) -> str:
    decided = document.decision.date
    status = status or document.status
    period = period_for(decided) if decided else None
    stem = period.id if period and document.revision.rule.per_term else "utkast"
    return f"{stem}-{status.value}" if stem != "utkast" else f"{status.value}-1"


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


def complete(repo: Repo, commit: str | None, version: dict) -> bool:
    """Whether a published version is whole on the branch at ``commit``: its folder, its
    sources, its aliases' folders and, for the version in force, the root page."""
    name = version.get("version")
    aliases = [a for a in version.get("aliases") or [] if isinstance(a, str)]
    paths = [f"{name}/index.html", f"{name}/{SOURCES_FILE}", *(f"{a}/index.html" for a in aliases)]
    if aliases:
        paths.append("index.html")
    return commit is not None and all(repo.exists(commit, path) for path in paths)


def plan(project: Path, repo: Repo, options: Options, today: dt.date,
         start: str | None | bool = False) -> Plan:
    """Check every rule and decide the publication; raise PublishError to refuse.

    ``start``: the commit the publication starts from (the branch, or a remote's newer
    copy of it; None before the first publication); by default the branch."""
    # The settings the version's build reads, checked before mike starts (its own loading of
    # the configuration would stop on them with a less clear message): SettingError.
    repository(os.environ)
    published_address(os.environ.get("POLICY_SITE_URL"))
    _one_line("TITEL", options.title, 120)
    _one_line("RATTELSE", options.correction, 500)
    source_commit = clean_tree(repo)
    try:
        loaded = load_policy(project / "data", project / "docs")
    except DataErrors as exc:
        raise PublishError(exc.report()) from None
    document = loaded.policy.document
    documents = site_documents(loaded)
    several = len(documents) > 1
    # The version's status: adopted when every document is (a version in force holds only
    # adopted text); else the status of the first document that is repealed, or else of the
    # first that is a draft or on consultation.
    giving = next((d for status in (DocumentStatus.REPEALED, DocumentStatus.DRAFT, DocumentStatus.CONSULTATION)
                   for d in documents if d.document.status is status), documents[0])
    status = giving.document.status
    # How messages name the document the status is of: "dokumentet" on a site of one.
    who = f"dokumentet {giving.shown}" if several else "dokumentet"
    version = options.version
    period = period_from_name(version)
    start = repo.head(options.branch) if start is False else start
    published = {v["version"]: v for v in repo.versions_at(start)}

    if status is DocumentStatus.ADOPTED:
        lacking = []
        for each in documents:
            missing = [
                label
                for label, value in (
                    ("beslutsdatum", each.document.decision.date),
                    ("paragraf", each.document.decision.paragraph),
                    ("diarienummer", each.document.decision.registry_number),
                )
                if value is None
            ]
            if missing:
                lacking.append(", ".join(missing) + f" i {each.file} (beslut)")
        if lacking:
            raise PublishError(
                "versionen är markerad som antagen men saknar "
                + "; ".join(lacking)
                + ". Fyll i uppgifterna ur protokollet, eller "
                "publicera den som utkast (status: utkast) under ett utkastnamn."
            )
        named = name_adopted(documents, published, options)
        expected, title, deciding = named.name, named.title, named.decided
        decided = deciding.document.decision.date
        if not version:
            # make publish without VERSION: the name the decision gives, said as it is used.
            version = expected
            if not several:
                print(f"Versionen heter '{expected}' ({title}): namnet följer av beslutet i "
                      f"data/dokument.yml (beslutsdatum {decided}).", file=sys.stderr)
            else:
                which = ("det nyaste beslutet bland webbplatsens dokument" if named.since is None
                         else f"det nyaste beslutet sedan version {named.since}")
                print(f"Versionen heter '{expected}' ({title}): namnet följer av beslutet om "
                      f"{deciding.shown} (beslutsdatum {decided}), {which}.", file=sys.stderr)
        elif version != expected:
            adopted_in = period_for(decided)
            why = _name_reason(document, published, expected, decided)
            if several:
                why = f"beslutet om {deciding.shown}: {why}"
            if document.revision.rule.per_term and period is not None and adopted_in != period:
                raise PublishError(
                    f"beslutsdatum {decided} hör till mandatperiod {adopted_in.label}, "
                    f"inte till {period.label}; versionen heter '{expected}' ({why}). Utelämna "
                    "VERSION (make publish) så publiceras den under det namnet"
                )
            raise PublishError(
                f"en antagen version publiceras under det namn som beslutet ger, '{expected}' ({why}), "
                f"inte som '{version}'. Utelämna VERSION (make publish) så publiceras den under det "
                "namnet; VERSION behövs bara för ett utkast"
            )
        title = options.title or title
    elif status in (DocumentStatus.DRAFT, DocumentStatus.CONSULTATION):
        if not version:
            raise PublishError(
                f"{who} har status '{status.value}' och publiceras under ett utkastnamn "
                "som du väljer; ange det med VERSION, till exempel "
                f"make publish VERSION={_draft_example(document, status)}"
            )
        if period is not None:
            raise PublishError(
                f"ett dokument med status '{status.value}' publiceras under ett "
                f"utkastnamn, till exempel '{version}-{status.value}', aldrig under "
                "mandatperiodens namn" + (f" ({giving.shown} har den statusen)" if several else "")
            )
        title = options.title or f"{status.label}: {version}"
    else:
        raise PublishError(
            f"ett dokument med status '{status.value}' publiceras inte som en ny version"
            + (f" ({giving.shown}); ta bort det ur webbplatsens dokument (extra: styrdokument i "
               "mkdocs.yml) innan en ny version publiceras" if several else "")
        )

    existing = published.get(version)
    corrections = list((existing or {}).get("properties", {}).get("rattelser", []))
    first_published = None
    if existing is not None:
        was = existing.get("properties", {}).get("status")
        same_source = existing.get("properties", {}).get("kallcommit") == source_commit
        if was == DocumentStatus.ADOPTED.value and not options.correction:
            if same_source and not complete(repo, start, existing):
                # A publication of this very commit that never became whole (the branch of
                # a version published before publishing was all or nothing, killed between
                # mike's steps): made whole now, as it would have been.
                first_published = existing.get("properties", {}).get("publicerad")
                print(f"Version {version} publicerades från den här källcommiten men blev aldrig hel "
                      "(en avbruten publicering); den görs klar nu.", file=sys.stderr)
            else:
                again = ""
                if same_source:
                    # A rerun of a publication that was completed (perhaps killed before it
                    # pushed): say that nothing is left to do, and how to send it.
                    again = (
                        f" Den är redan publicerad från just den här källcommiten ({source_commit[:12]}), "
                        "så ingenting återstår att göra här; har den inte skickats till fjärrförrådet, "
                        f"skicka grenen med: git push {options.remote} {options.branch}"
                    )
                raise PublishError(
                    f"version {version} är publicerad som antagen och skrivs aldrig över. Är det en "
                    "rättelse, ange skälet med RATTELSE=\"...\"; skälet sparas och visas i versionen."
                    + again
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
    if status is DocumentStatus.ADOPTED:
        # The newest adopted decision is in force; the changes page compares with the one
        # adopted before it. On a site of several documents a version's decision date is
        # the newest of theirs; of two versions with the same (one document's decision
        # dated before the other's newest, entered later) the later published is the newer.
        decided = max(d.document.decision.date for d in documents)
        newer = [n for n in adopted if n != version and _decided(published[n]) > decided]
        if not newer:
            aliases = (options.alias,)
        older = sorted((n for n in adopted if n != version and _decided(published[n]) <= decided),
                       key=lambda n: (_decided(published[n]), str(published[n].get("properties", {})
                                                                  .get("publicerad", ""))))
        previous = older[-1] if older else None
    else:
        previous = next(
            (v["version"] for v in published.values() if options.alias in v.get("aliases", [])), None
        )

    properties = {
        "status": status.value,
        "publicerad": first_published or today.isoformat(),
        "kallcommit": source_commit,
        "rattelser": corrections,
    }
    if status is DocumentStatus.ADOPTED:
        properties["beslutsdatum"] = decided.isoformat()
        if several:
            # Each document's decision, so that the next publication knows which changed.
            properties["dokument"] = {d.id: d.document.decision.date.isoformat() for d in documents}
    return Plan(version, title, status.value, aliases, properties, previous)


def _environment(repo: Repo, options: Options, chosen: Plan, folder: Path, start: str | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # mike runs "mkdocs build" from PATH: here the command that make build runs (the MkDocs
    # adapter's lean command line, in this environment), whatever PATH says.
    env["PATH"] = os.pathsep.join([str(_build_command(folder)), env.get("PATH", "")])
    env["POLICY_VERSION_TITLE"] = chosen.title
    env["POLICY_CORRECTIONS"] = json.dumps(chosen.properties["rattelser"], ensure_ascii=False)
    env["POLICY_CURRENT_ALIAS"] = options.alias
    from macros.site.compress import ENV_SWITCH as COMPRESS_SWITCH  # the site's modules, imported
    from macros.site.pdf import ENV_SWITCH as PDF_SWITCH  # only by a publication that builds

    env[PDF_SWITCH] = "1"  # every version carries its own PDF, linked from its pages
    env[COMPRESS_SWITCH] = "1"  # and the compressed copies a web server sends (gzip_static)
    if chosen.previous and start:
        published = {v["version"]: v for v in repo.versions_at(start)}
        content = repo.show_at(start, f"{chosen.previous}/{SOURCES_FILE}")
        if content:
            path = folder / "foregaende-kallor.json"
            path.write_text(content, encoding="utf-8")
            env["POLICY_PREVIOUS_VERSION"] = chosen.previous
            # versions.json holds titles HTML-escaped (see publish()); the build escapes again.
            title = html.unescape(published.get(chosen.previous, {}).get("title") or "")
            if title:
                env["POLICY_PREVIOUS_TITLE"] = title
            env["POLICY_PREVIOUS_SOURCES"] = str(path)
    return _identity(repo, env)


def _build_command(folder: Path) -> Path:
    """A folder (in the publication's own temporary folder) whose ``mkdocs`` is MkDocs as
    make build runs it: this environment's Python, macros/mkdocs_adapter/cli.py (which
    neither imports what the site never uses nor runs git for mkdocs-macros, and keeps the
    theme's templates compiled). mike runs it in the project's folder."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    command = bin_dir / "mkdocs"
    command.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m macros.mkdocs_adapter.cli \"$@\"\n",
                       encoding="utf-8")
    command.chmod(0o755)
    return bin_dir


def _identity(repo: Repo, env: dict[str, str]) -> dict[str, str]:
    """Who commits on the published branch when git is not told (a machine without
    user.email): the publication itself."""
    if not repo.has_identity():
        for who in ("AUTHOR", "COMMITTER"):
            env.setdefault(f"GIT_{who}_NAME", "Publicering")
            env.setdefault(f"GIT_{who}_EMAIL", "publicering@localhost")
    return env


#: mike's last line when the MkDocs build it ran failed (its own words, in English).
_BUILD_FAILED = re.compile(r"^error: Command .*\bbuild\b.* returned non-zero exit status", re.M)


def _run_mike(project: Path, env: dict[str, str], folder: Path, args: list[str]) -> tuple[int, str]:
    """(exit status, standard error) of mike run with ``args`` in the project's folder with
    ``env``, as ``python -c "...mike.driver.main()" args`` would give them.

    mike runs in this process (publishing/inprocess.py): it imports and loads what this
    process has mostly imported already. It loads this project's ``macros`` (mkdocs.yml's
    macros plugin) the way this process imported it, from the project's folder; only a
    caller that imported another project's runs it in a process of its own. The build mike
    starts (``mkdocs build``) runs here too, as the build's command
    (macros/mkdocs_adapter/cli.py) with mike's environment, rather than in a new Python
    that would import MkDocs, its theme, the plugins and WeasyPrint again. As that command
    does, mkdocs-macros neither imports ``requests`` nor runs git for the git information
    of pages."""
    import macros

    own = Path(macros.__file__).resolve().parent == (project / "macros").resolve()
    if not own:
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())", *args],
            cwd=project, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        )
        return result.returncode, result.stderr
    from mike import mkdocs_utils
    from mike.driver import main

    from macros.mkdocs_adapter import cli

    from .inprocess import run

    cli.prepare()

    def build_here(config_file, version, *, quiet=False, output=None):
        """mike's ``mkdocs build``, run here as the build's command (cli.py) would run in a
        process of its own: its environment (mike's with the version), its standard error
        in the place of mike's, and mike's error for a build that fails."""
        args = [*(["--quiet"] if quiet else []), "build", "--clean",
                *(["--config-file", config_file] if config_file else [])]
        build_env = dict(os.environ, **{mkdocs_utils.docs_version_var: version})
        status, said = run(lambda: cli.main(args), "mkdocs", args, Path.cwd(), build_env, folder)
        if output is None:
            sys.stderr.write(said)
            sys.stderr.flush()
        if status:
            raise subprocess.CalledProcessError(status, ["mkdocs", *args])

    spawned, mkdocs_utils.build = mkdocs_utils.build, build_here
    try:
        return run(main, "mike", args, project, env, folder)
    finally:
        mkdocs_utils.build = spawned


def _mike(project: Path, env: dict[str, str], folder: Path, *args: str) -> None:
    returncode, stderr = _run_mike(project, env, folder, list(args))
    if returncode == 0:
        return
    lines = stderr.strip().splitlines()
    said = [line for line in lines if line.startswith(("error: ", "warning: "))]
    if _BUILD_FAILED.search(stderr):
        # The build's own message (Swedish, from this project's checks) ends its output;
        # the INFO lines before it and mike's line about the command are noise.
        shown_lines = [line for line in lines if not line.startswith(("INFO", "error: Command "))]
        raise PublishError(
            "bygget av versionen misslyckades, ingenting är publicerat och site/ är orörd:\n"
            + "\n".join(build_output(shown_lines)[-15:])
        )
    raise PublishError(
        f"mike kunde inte skriva versionen ({args[0]}); ingenting är publicerat och grenen är orörd: "
        + explain("\n".join(line.split(": ", 1)[1] for line in said) or stderr, "mike")
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
    handle, name = tempfile.mkstemp(prefix=CONFIG_PREFIX, suffix=".yml", dir=project)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        yield name
    finally:
        os.unlink(name)


@contextmanager
def _one_at_a_time(repo: Repo) -> Iterator[None]:
    """Hold the repository's publication lock (flock on its git folder, shared by every
    worktree); it goes with the process, however it ends, and leaves no file behind."""
    common = repo.common_dir()
    if common is None:
        raise PublishError("projektet är inget git-förråd med någon commit; en version publiceras "
                           "bara från en incheckad version av källorna")
    lock = os.open(common, os.O_RDONLY)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("En annan publicering i samma förråd pågår; väntar tills den är klar …",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)


def leftovers(project: Path, repo: Repo) -> list[str]:
    """What publications that were killed left behind (their work refs, folders and
    configurations), by their names; found with the lock held, so none is in use."""
    found = [ref for ref in repo.refs(WORK_REFS)]
    for prefix, suffix in ((WORK_FOLDER_PREFIX, ""), (CONFIG_PREFIX, ".yml"), (MIKE_CONFIG_PREFIX, ".yml")):
        found += sorted(p.name for p in project.glob(f"{prefix}*{suffix}")
                        if p.is_dir() == (not suffix) or p.is_symlink())
    common = repo.common_dir()
    if common is not None:  # a ref lock git left when it was killed while moving a work ref
        found += sorted(str(p) for p in (common / WORK_REFS).rglob("*.lock"))
    return found


def clean_leftovers(project: Path, repo: Repo) -> list[str]:
    """Remove what killed publications left behind; the names of what was removed."""
    found = leftovers(project, repo)
    # The work refs last: git cannot delete a ref while the lock that a git killed in the
    # middle of moving it left is there (the ref stayed, and the next publication could not
    # start from it).
    for item in sorted(found, key=lambda item: item.startswith(WORK_REFS)):
        if item.startswith(WORK_REFS):
            repo.delete_ref(item)
        else:
            remove(project / item)
    stuck = repo.refs(WORK_REFS)
    if stuck:
        raise PublishError(
            "git kunde inte ta bort det som en avbruten publicering lämnade efter sig: "
            + ", ".join(stuck) + "; ingenting är publicerat. Ta bort det med "
            + " och ".join(f"git update-ref -d {shlex.quote(ref)}" for ref in stuck) + " och försök igen"
        )
    return found


def _root_commit(repo: Repo, env: dict[str, str]) -> str:
    """The first commit of a new published branch: empty, and of a history of its own."""
    tree = repo.git("mktree", env=env).stdout.strip()
    return repo.git("commit-tree", tree, "-m", "Grenen med de publicerade versionerna (make publish)",
                    env=env).stdout.strip()


def start_point(repo: Repo, options: Options) -> tuple[str | None, str | None]:
    """(the branch's commit now, the commit the publication builds on).

    As mike itself would: a remote's copy of the branch that is ahead (someone published
    from another machine, and it was fetched) is built on; one that has gone another way
    is refused. Either must be a branch of published versions (names.publish_branch)."""
    ref = f"refs/heads/{options.branch}"
    local = repo.rev(ref)
    remote = repo.rev(f"refs/remotes/{options.remote}/{options.branch}")
    names.publish_branch(repo, options.branch, local)
    if remote is None or remote == local:
        return local, local
    names.publish_branch(repo, options.branch, remote, shown_as=f"{options.remote}/{options.branch}")
    if local is None or repo.is_ancestor(local, remote):
        return local, remote
    if repo.is_ancestor(remote, local):
        return local, local
    raise PublishError(
        f"grenen '{options.branch}' och fjärrförrådets '{options.remote}/{options.branch}' har gått isär "
        "(båda har publiceringar som den andra saknar); ingenting är publicerat. Se efter vad som "
        "har publicerats på var och en och förena dem innan du publicerar"
    )


def _not_locked(repo: Repo, ref: str) -> None:
    """Refuse before building when git's lock on the branch is there (another git command
    moving it now, or one killed while it did): the last step could not move the branch."""
    common = repo.common_dir()
    lock = common / f"{ref}.lock" if common is not None else None
    if lock is not None and lock.exists():
        raise PublishError(explain(f"Unable to create '{lock}': File exists.") + "; ingenting är publicerat")


def _verify(repo: Repo, chosen: Plan, start: str | None, new: str | None) -> None:
    """Refuse a result that is not exactly this publication, complete."""
    if new is None or (start is not None and not repo.is_ancestor(start, new)):
        raise PublishError("mike skrev inte versionen ovanpå grenen; ingenting är publicerat och "
                           "grenen är orörd")
    before, after = repo.entries(start), repo.entries(new)
    allowed = {chosen.version, *chosen.aliases, *ROOT_FILES}
    moved = sorted(name for name in {*before, *after} if name not in allowed and after.get(name) != before.get(name))
    if moved:
        raise PublishError(
            "publiceringen skulle ha ändrat " + ", ".join(moved) + "; grenen är orörd och "
            "ingenting är publicerat"
        )
    versions = {v.get("version"): v for v in repo.versions_at(new)}
    entry = versions.get(chosen.version) or {}
    missing = [] if entry.get("properties") == chosen.properties else ["versionen i versions.json"]
    paths = [f"{chosen.version}/index.html", f"{chosen.version}/{SOURCES_FILE}"]
    if chosen.aliases:
        missing += [] if set(chosen.aliases) <= set(entry.get("aliases") or []) else ["aliaset i versions.json"]
        paths += ["index.html", *(f"{alias}/index.html" for alias in chosen.aliases)]
    missing += [path for path in paths if not repo.exists(new, path)]
    if missing:
        raise PublishError(
            "publiceringen blev inte hel (" + ", ".join(missing) + " saknas); grenen är orörd och "
            "ingenting är publicerat"
        )


def publish(project: Path, options: Options, today: dt.date | None = None) -> Plan:
    """Publish one version, all or nothing; returns what was done. Raises PublishError to
    refuse or to report a failure, after which the branch is as it was."""
    project = Path(project)
    repo = Repo(project)
    today = today or build_date()
    with _one_at_a_time(repo):
        cleaned = clean_leftovers(project, repo)
        if cleaned:
            print("Tog bort det som en avbruten publicering lämnade efter sig: " + ", ".join(cleaned) + ".",
                  file=sys.stderr)
        ref = f"refs/heads/{options.branch}"
        _not_locked(repo, ref)
        before, start = start_point(repo, options)
        chosen = plan(project, repo, options, today, start)
        work_ref = WORK_REFS + options.branch
        folder = Path(tempfile.mkdtemp(prefix=WORK_FOLDER_PREFIX, dir=project))
        try:
            env = _environment(repo, options, chosen, folder, start)
            try:
                repo.update_ref(work_ref, start or _root_commit(repo, env), None, "make publish")
                with _config(project, folder / "site") as config:
                    # Material's version selector puts the titles of versions.json into the
                    # page with innerHTML: the title is stored HTML-escaped, so that it is
                    # shown as the text it is.
                    args = ["deploy", chosen.version, *chosen.aliases, "--title", html.escape(chosen.title),
                            "--config-file", config,
                            "--alias-type", "copy", "--branch", work_ref, "--ignore-remote-status",
                            "--prop-set-all", json.dumps(chosen.properties, ensure_ascii=False),
                            "--message", f"Publicera {chosen.title} ({chosen.version})"]
                    if chosen.aliases:
                        args.append("--update-aliases")
                    _mike(project, env, folder, *args)
                    if chosen.aliases:
                        # The root page leads on without an inline script (the
                        # Content-Security-Policy of deploy/nginx.conf allows none), whatever
                        # the organisation's mkdocs.yml says.
                        redirect = project / "overrides" / "mike-redirect.html"
                        template = ["--template", str(redirect)] if redirect.is_file() else []
                        _mike(project, env, folder, "set-default", chosen.aliases[0], "--branch", work_ref,
                              "--ignore-remote-status", "--config-file", config, *template,
                              "--message", f"Gör {chosen.aliases[0]} ({chosen.version}) till standardversion")
                new = repo.rev(work_ref)
                _verify(repo, chosen, start, new)
                # The one step that publishes: the branch moves from what it was to the
                # checked result, or not at all (if anything moved it meanwhile).
                repo.update_ref(ref, new, before, f"make publish: {chosen.title} ({chosen.version})")
            except subprocess.CalledProcessError as exc:
                raise PublishError("git kunde inte spara publiceringen; grenen är orörd och ingenting är "
                                   "publicerat: " + explain(exc.stderr or "")) from None
        finally:
            repo.delete_ref(work_ref)
            remove(folder)
    if options.push:
        result = repo.git("push", "--", options.remote, f"{ref}:{ref}", check=False)
        if result.returncode != 0:
            raise PublishError(
                "versionen är publicerad på grenen här, men kunde inte skickas till fjärrförrådet: "
                + explain(result.stderr)
                + f". Skicka den när felet är åtgärdat med: git push {options.remote} {options.branch}"
            )
    return chosen
