"""Reading data/: every data file read and validated, then the rules between files.

Every file is read and validated before anything is reported (macros/policy/reading.py
reads one file with its lines), so one run lists every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Sequence

from pydantic import BaseModel

from . import files
from .assessment import check_assessment
from .checks import check_policy
from .documents import DocumentSetting, Located, document_problems, document_setting, page_document
from .errors import DataError, DataErrors, format_loc, suggest
from .memo import LastResult
from .model import (
    AccessibilityFile,
    AreasFile,
    DocumentFile,
    GlossaryFile,
    GoalsFile,
    MethodsFile,
    ObligationsFile,
    Origin,
    Policy,
    PrinciplesFile,
    ResponsibilitiesFile,
    RolesFile,
)


from .reading import SourceMap, parse_yaml, read_text, validate


@dataclass(frozen=True)
class DataFile:
    """One file of data/ and the model that validates it."""

    name: str
    model: type[BaseModel]
    #: An optional file may be absent: the policy then has none of what it holds.
    optional: bool = False


#: The files of data/, in the order they are read and reported.
DATA_FILES: tuple[DataFile, ...] = (
    DataFile("dokument.yml", DocumentFile),
    DataFile("principer.yml", PrinciplesFile),
    DataFile("viljeriktningar.yml", GoalsFile),
    DataFile("metodik.yml", MethodsFile, optional=True),
    DataFile("roller.yml", RolesFile),
    DataFile("omraden.yml", AreasFile),
    DataFile("ansvar.yml", ResponsibilitiesFile),
    DataFile("uppfoljning.yml", ObligationsFile),
    DataFile("ordlista.yml", GlossaryFile),
    DataFile("tillganglighet.yml", AccessibilityFile),
)

#: The files of the organisation, shared by all its documents (data/ itself).
SHARED_FILES = ("roller.yml", "omraden.yml", "ordlista.yml", "tillganglighet.yml")
#: A further document's own files, in data/<id>/: only its facts are required (a routine
#: may give no responsibility, a regulation no principle).
DOCUMENT_FILES: tuple[DataFile, ...] = tuple(
    DataFile(f.name, f.model, optional=f.name != "dokument.yml")
    for f in DATA_FILES if f.name not in SHARED_FILES
)


@dataclass(frozen=True)
class LoadedPolicy:
    """The validated policy and where each of its values came from."""

    policy: Policy
    sources: dict[str, SourceMap]
    assessment: dict | None = None  # data/granskning.json, when there is one (accessibility.py)
    #: The site's documents (macros/policy/documents.py): the id of this one, the first,
    #: and each further one, read from its own folder of data/ with the shared files.
    setting: DocumentSetting = DocumentSetting()
    documents: tuple[LoadedDocument, ...] = ()

    def document_policy(self, document: str) -> Policy:
        """The policy of the document with id ``document``: a further document's own, else
        (the first document's id, or a page outside the further documents' folders) the
        first document's."""
        return next((d.policy for d in self.documents if d.id == document), self.policy)


def site_policy(loaded: LoadedPolicy) -> Policy:
    """The policy the site's shared views show: on a site of several documents, every
    document's responsibilities and obligations, each with its origin (the first
    document's facts, texts and the shared roles, areas and glossary as they are)."""
    if not loaded.documents:
        return loaded.policy
    policy = loaded.policy
    first = Origin(id=loaded.setting.main, document=policy.document)
    origins = {("ansvar", r.id): first for r in policy.responsibilities}
    origins |= {("skyldighet", o.id): first for o in policy.obligations}
    responsibilities, obligations = list(policy.responsibilities), list(policy.obligations)
    for document in loaded.documents:
        origin = Origin(id=document.id, document=document.policy.document)
        responsibilities += document.policy.responsibilities
        obligations += document.policy.obligations
        origins |= {("ansvar", r.id): origin for r in document.policy.responsibilities}
        origins |= {("skyldighet", o.id): origin for o in document.policy.obligations}
    return policy.model_copy(update={"responsibilities": responsibilities, "obligations": obligations,
                                     "origins": origins})


@dataclass(frozen=True)
class LoadedDocument:
    """A further document of the site: its own facts, texts, responsibilities and
    obligations with the organisation's shared roles, areas, glossary and statement."""

    id: str
    policy: Policy
    sources: dict[str, SourceMap]


def read_prose(
    docs_dir: Path, display_dir: str = "docs", project: Path | None = None, included: bool = False,
) -> tuple[list[tuple[str, str]], list[DataError]]:
    """The Markdown sources of every page (with its path in docs/), for the quote checks,
    and any page that cannot
    be read, whose front matter does not parse or that includes a file it may not or one
    that is not there (macros/policy/files.py; ``project`` is where the include lines
    start, by default the folder that holds ``docs_dir``; ``included``: whether the files
    the pages include are there to be found, as in the project a site is built from, not
    in a version's sources or a copy of data/ and docs/ alone)."""
    docs_dir = Path(docs_dir)
    project = Path(project) if project is not None else docs_dir.parent
    pages, errors = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        display = f"{display_dir}/{path.relative_to(docs_dir).as_posix()}"
        text, error = read_text(path, display, max_bytes=None, links=True)
        if error is not None:
            errors.append(error)
            continue
        problems = files.front_matter_problems(text, display) + files.include_problems(text, display, project, included)
        errors += problems
        if not problems:
            pages.append((path.relative_to(docs_dir).as_posix(), text))
    return pages, errors


#: Data files that are read, but not by the YAML loader: the recorded accessibility
#: assessment, and the questions employees ask of the search (the search benchmark and its
#: browser test read them; the site does not).
OTHER_FILES = ("granskning.json", "sokfragor.yml")

#: What a file in data/ that the project reads may be called (any other is an error).
_DATA_SUFFIXES = (".yml", ".yaml", ".json")


def known_files() -> list[str]:
    return [f.name for f in DATA_FILES] + list(OTHER_FILES)


def unknown_files(data_dir: Path, display_dir: str = "data",
                  document_folders: Sequence[str] = ()) -> list[DataError]:
    """Files in data/ (or its folders) that look like data but are none of the known files
    (in a further document's folder: none of a document's own files).

    They would be silently ignored by the site yet kept as if they belonged to it; an
    editor who saves roller.yaml beside roller.yml must learn that it is not read.
    """
    data_dir = Path(data_dir)
    own = [f.name for f in DOCUMENT_FILES]
    known_names = set(known_files()) | {f"{folder}/{name}" for folder in document_folders for name in own}
    errors = []
    if not data_dir.is_dir():
        return errors
    for path in sorted(data_dir.rglob("*")):
        name = path.relative_to(data_dir).as_posix()
        if path.suffix.lower() not in _DATA_SUFFIXES or name in known_names or path.is_dir():
            continue
        folder = name.split("/", 1)[0] if "/" in name else None
        known = own if folder in document_folders else known_files()
        message = "filen är ingen av datafilerna och läses inte"
        if folder and folder not in document_folders and path.name in own:
            # A document's own file in a folder no setting names: a further document whose
            # line in the settings file is missing.
            message += (f"; är data/{folder}/ ett eget styrdokument, skriv '{folder}' i mkdocs.yml "
                        "under extra: styrdokument (se README)")
            errors.append(DataError(f"{display_dir}/{name}", None, "", message))
            continue
        hint = suggest(path.name, known)
        if hint:
            message += f"; menade du '{hint}'?"
        message += (
            f" Byt namn på den, flytta ut den ur {display_dir}/ eller ta bort den "
            f"(datafilerna är {', '.join(known)})"
        )
        errors.append(DataError(f"{display_dir}/{name}", None, "", message))
    return errors


def _policy_of(models: dict[str, Any]) -> Policy:
    """The policy of the files that validated; a file that did not leaves its part empty
    (only the rules that do not read that file run over such a policy)."""
    def part(name: str, attribute: str | None = None, empty: Any = ()):
        model = models.get(name)
        if model is None:
            return list(empty) if isinstance(empty, tuple) else empty
        return getattr(model, attribute) if attribute else model

    values = dict(
        document=part("dokument.yml", empty=None),
        principles=part("principer.yml", "principles"),
        goals=part("viljeriktningar.yml", "goals"),
        methods=part("metodik.yml", "methods"),
        roles=part("roller.yml", "roles"),
        areas=part("omraden.yml", "areas"),
        responsibilities=part("ansvar.yml", "responsibilities"),
        obligations=part("uppfoljning.yml", "obligations"),
        glossary=part("ordlista.yml", "terms"),
        accessibility=part("tillganglighet.yml", empty=None),
    )
    if len(models) == len(DATA_FILES):
        return Policy(**values)
    return Policy.model_construct(**values)


#: Each data file's last reading, by its name as shown (macros/policy/memo.py): make serve builds
#: again on every save, and a file whose text has not changed is not parsed or validated again.
_READINGS: LastResult[tuple] = LastResult()


def _read_and_validate(
    model: type[BaseModel], path: Path, display: str
) -> tuple[SourceMap, list[DataError], Any, list[DataError]]:
    """One data file's lines, reading errors, validated model (or None) and validation
    errors; the same text validated against the same model gives the same answer."""
    text, error = read_text(path, display)
    if error is not None:
        return SourceMap(display), [error], None, []

    def read() -> tuple:
        value, source, read_errors = parse_yaml(text, display)
        validated, validation_errors = (None, []) if read_errors else validate(model, value, source)
        return source, read_errors, validated, validation_errors

    source, read_errors, validated, validation_errors = _READINGS(display, (model, text), read)
    return source, list(read_errors), validated, list(validation_errors)


def load_policy(
    data_dir: Path,
    docs_dir: Path | None = None,
    display_dir: str = "data",
    docs_display_dir: str = "docs",
    project: Path | None = None,
    other_folders: Sequence[tuple[Path, str]] = (),
    included: bool = False,
) -> LoadedPolicy:
    """Read and validate every file of ``data_dir``; raise DataErrors listing all errors.

    With ``docs_dir``, the pages are read too: their front matter and include lines
    checked, and quoted source sentences checked against them. Before anything is read,
    every entry of data/, docs/ and ``other_folders`` (the theme's overrides; each with
    its name as messages show it) must be a regular file or folder inside ``project``
    (by default the folder that holds ``data_dir``): macros/policy/files.py. ``included``:
    whether the files the pages include are there (see read_prose).
    """
    data_dir = Path(data_dir)
    project = Path(project) if project is not None else data_dir.parent
    folders = [(data_dir, display_dir), *other_folders]
    if docs_dir is not None:
        folders.insert(1, (Path(docs_dir), docs_display_dir))
    unsafe = files.checked(folders, project)
    if unsafe:  # a FIFO would hang the reading, a link out would be read: nothing is read
        raise DataErrors(unsafe)
    setting, errors = document_setting(project, data_dir, docs_dir)
    errors += unknown_files(data_dir, display_dir, setting.others)
    models: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    errors += _read_files(DATA_FILES, data_dir, display_dir, models, sources)
    assessment, assessment_errors = check_assessment(data_dir, display_dir)
    errors += assessment_errors
    pages = None
    if docs_dir is not None:
        pages, prose_errors = read_prose(docs_dir, docs_display_dir, project, included)
        errors += prose_errors
        if prose_errors:
            pages = None  # a page that cannot be read: no quote can be checked against it

    def prose(document: str) -> list[str] | None:
        """The pages of one document: a source is quoted from its own document's text."""
        if pages is None:
            return None
        return [text for page, text in pages if page_document(page, setting) == document]

    policy = _policy_of(models)
    documents = []
    for document in setting.others:
        own_models = {name: models[name] for name in SHARED_FILES if name in models}
        own_sources = {name: sources[name] for name in SHARED_FILES}
        errors += _read_files(DOCUMENT_FILES, data_dir / document, f"{display_dir}/{document}",
                              own_models, own_sources)
        own = _policy_of(own_models)
        errors += check_policy(own, own_sources, prose(document), available=set(own_models),
                               coverage=False, folders=(f"{display_dir}/{document}",
                                                        f"{docs_display_dir}/{document}"))
        documents.append(LoadedDocument(document, own, own_sources))
    # The rules between files run over whatever validated, so that one run lists every
    # error at once; a rule whose files did not validate is skipped (checks.py). Every
    # area needs an owner and every role a part somewhere on the site, in any document.
    site_wide = [*policy.responsibilities, *(r for d in documents for r in d.policy.responsibilities)]
    errors += check_policy(policy, sources, prose(setting.main), available=set(models),
                           coverage=site_wide if documents else True)
    errors += document_problems([_located(setting.main, policy, sources)]
                                + [_located(d.id, d.policy, d.sources) for d in documents])
    if errors:
        raise DataErrors(errors)
    return LoadedPolicy(policy, sources, assessment, setting, tuple(documents))


def _read_files(data_files: Sequence[DataFile], folder: Path, display_dir: str,
                models: dict[str, Any], sources: dict[str, SourceMap]) -> list[DataError]:
    """Read and validate ``data_files`` of ``folder`` into ``models`` and ``sources``."""
    errors: list[DataError] = []
    for data_file in data_files:
        display = f"{display_dir}/{data_file.name}"
        path = folder / data_file.name
        if data_file.optional and not (path.exists() or path.is_symlink()):
            sources[data_file.name] = SourceMap(display)
            models[data_file.name] = _empty(data_file.model)
            continue
        source, read_errors, model, validation_errors = _read_and_validate(data_file.model, path, display)
        sources[data_file.name] = source
        errors += read_errors + validation_errors
        if model is not None:
            models[data_file.name] = model
    return errors


def _empty(model: type[BaseModel]) -> BaseModel:
    """The model of an optional file that is absent: none of what it holds (every list
    empty, a list a present file must have included)."""
    return model.model_construct(**{name: [] for name, field in model.model_fields.items()
                                    if field.is_required()})


def _located(document: str, policy: Policy, sources: dict[str, SourceMap]) -> Located:
    """What the rules between documents need of one (macros/policy/documents.py)."""
    facts = sources["dokument.yml"]
    anchors = {
        "ansvar": [(r.id, sources["ansvar.yml"].display_name, sources["ansvar.yml"].line(("ansvar", i, "id")))
                   for i, r in enumerate(policy.responsibilities)],
        "skyldigheter": [(o.id, sources["uppfoljning.yml"].display_name,
                          sources["uppfoljning.yml"].line(("skyldigheter", i, "id")))
                         for i, o in enumerate(policy.obligations)],
    }
    concrete = policy.document.makes_concrete if policy.document is not None else None
    related = [(format_loc(("relaterade_dokument", i, "dokument")), r.site_document,
                facts.line(("relaterade_dokument", i, "dokument")))
               for i, r in enumerate(policy.document.related if policy.document is not None else ())
               if r.site_document is not None]
    return Located(document, facts.display_name, concrete, facts.line(("konkretiserar",)), anchors,
                   related)
