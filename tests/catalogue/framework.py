"""The catalogue of bad input: small broken or hostile changes and their exact outcomes.

Each case changes a fresh copy of the project as a careless or hostile editor, publisher
or build setting would, runs one real command on it, and states the outcome that must
follow. A case's change returns its expectation, because what is expected (the file and
line named, the text shown) follows from where the change was made in the data at hand:
nothing here knows the organisation whose policy the project holds.

Outcomes (point 3 of the hostile-input issue):
- ``Refused``: the command exits non-zero within the time limit, prints no traceback and
  names the file and line (or page and line, or the setting) in one located message.
- ``Works``: the command succeeds (BOM, CRLF and the like must simply work).
- ``Literal``: the site builds and the hostile text is shown as the literal text it is:
  no element, attribute or link it could inject exists on any page.
- ``Kept``: the command is refused and the files named are exactly as before.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from tests import skeleton, warm
from tests.conftest import BUILD_EPOCH, ROOT, copy_project

#: A command that has not ended by then is a hang: the case fails.
#: (A publication builds the site and runs mike: half a minute on an idle 2-core machine,
#: and more than twice that while other work shares it; a hang never ends at all.)
TIME_LIMIT = 180

#: Python of the project's virtual environment (make's VENV for the make commands).
#: (sys.prefix, not the resolved interpreter: that is the base Python the venv links to.)
VENV = Path(sys.prefix) if (Path(sys.prefix) / "pyvenv.cfg").exists() else None

#: Schemes a link may have; anything else must never become a link.
SAFE_SCHEMES = {"http", "https", "mailto"}

#: Where output locates an error: ``data/roller.yml:12:`` or ``docs/policy.md:3:``.
LOCATED = re.compile(r"([\w./-]+\.(?:ya?ml|md|json|txt|html|cfg)):(\d+):")


# --- The project copy ------------------------------------------------------------


class Project:
    """A fresh copy of the project for one case, with the edits an editor would make."""

    def __init__(self, root: Path, epoch: str):
        self.root = root
        self.epoch = epoch  # SOURCE_DATE_EPOCH of its commands: a day its content has seen
        self.env: dict[str, str] = {}

    def path(self, name: str) -> Path:
        return self.root / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, content: str | bytes) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def page(self, part: str) -> str:
        """``docs/<page>.md`` of the page that plays ``part`` (macros/site/pages.py):
        'roller', 'uppfoljning', 'dokument', ... (added for content of any organisation)."""
        from macros.site import pages as site_pages

        pages = site_pages.find(self.path("docs"))
        assert part in pages, f"no page of the copy shows {part}"
        return f"docs/{pages[part]}"

    def text_page(self) -> str:
        """``docs/<page>.md`` of the page that holds the adopted text: the one whose prose
        holds the most of the sentences data/ansvar.yml quotes."""
        sources = [" ".join(str(r.get("källa", "")).split()) for r in self.data("ansvar.yml")["ansvar"]]
        counts = {}
        for path in sorted(self.path("docs").rglob("*.md")):
            prose = " ".join(path.read_text("utf-8").split())
            counts[f"docs/{path.relative_to(self.path('docs')).as_posix()}"] = sum(
                bool(s) and s in prose for s in sources)
        best = max(counts, key=counts.get)
        assert counts[best], "no page of the copy holds a sentence the data quotes"
        return best

    @staticmethod
    def built(page: str) -> str:
        """``docs/roller.md`` -> ``roller/index.html`` (``docs/index.md`` -> ``index.html``)."""
        stem = page.removeprefix("docs/")[:-3]
        return "index.html" if stem == "index" else (
            stem[:-5] + "index.html" if stem.endswith("/index") else f"{stem}/index.html")

    def data(self, name: str) -> Any:
        """The plain value of a data file, as PyYAML reads it."""
        return yaml.safe_load(self.text(f"data/{name}"))

    def replace(self, name: str, old: str, new: str) -> int:
        """Replace the first ``old`` in a file; the 1-based line where it stood."""
        content = self.text(name)
        assert old in content, f"{old!r} not in {name}"
        index = content.index(old)
        self.write(name, content.replace(old, new, 1))
        return content[:index].count("\n") + 1

    def line_of(self, name: str, needle: str) -> int:
        for number, line in enumerate(self.text(name).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")

    def set(self, name: str, loc: tuple[str | int, ...], yaml_text: str) -> int:
        """Replace the value at ``loc`` of a YAML file with ``yaml_text`` (written as is).

        Returns the line of the key (or list item) that holds the value, which is the
        line an error about it must name.
        """
        content = self.text(name)
        node = yaml.compose(content)
        key_line = node.start_mark.line + 1
        for part in loc:
            if isinstance(part, int):
                node = node.value[part]
                key_line = node.start_mark.line + 1
            else:
                pairs = [(k, v) for k, v in node.value if k.value == part]
                assert pairs, f"{part!r} not in {name} at {loc}"
                key, node = pairs[0]
                key_line = key.start_mark.line + 1
        start, end = node.start_mark.index, node.end_mark.index
        tail = content[start:end]
        # A block scalar's extent runs to the next key: keep its final line break.
        keep = "\n" if tail.endswith("\n") else ""
        self.write(name, content[:start] + yaml_text + keep + content[end:])
        return key_line

    def set_text(self, name: str, loc: tuple[str | int, ...], value: str) -> int:
        """Set a text value exactly, whatever characters it holds (a JSON string is YAML)."""
        return self.set(name, loc, json.dumps(value))

    def assessment_follows(self) -> None:
        """After a change of organisation or service: the assessment is made again on the
        changed site (as make granskning would), so that it still speaks of this site."""
        path = self.path("data/granskning.json")
        if path.exists():
            record = json.loads(path.read_text(encoding="utf-8"))
            record["organisation"] = self.data("dokument.yml")["organisation"]
            record["tjänst"] = self.data("tillganglighet.yml")["tjänst"]
            path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def several_documents(self) -> bool:
        """Whether the copy's site holds several governing documents (its settings list them)."""
        from macros.policy.documents import document_setting

        return bool(document_setting(self.root)[0].others)

    def add_to_nav(self, title: str, page: str) -> int:
        """A first entry ``title: page`` in mkdocs.yml's navigation, written as its first
        entry is written; the entry's line."""
        settings = self.text("mkdocs.yml")
        first = next(v for k, v in yaml.compose(settings).value if k.value == "nav").value[0]
        start = settings.rindex("\n", 0, first.start_mark.index) + 1
        indent = settings[start:first.start_mark.index]  # "  - " before the first entry
        self.write("mkdocs.yml", settings[:start] + f"{indent}{title}: {page}\n" + settings[start:])
        return first.start_mark.line + 1

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        ).stdout

    def commit_all(self, message: str = "Ändring") -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message)


def fresh_project(target: Path, *, with_git: bool = False) -> Project:
    """A copy of the project with the content under test (with publishing/ and a git
    repository when asked)."""
    return _made(Project(copy_project(target), BUILD_EPOCH), with_git)


def skeleton_project(target: Path, *, with_git: bool = False) -> Project:
    """A project of the skeleton filled in (tests/skeleton.py), for the cases of the
    machinery alone: they run once per test run, whatever the content under test."""
    return _made(Project(skeleton.skeleton_project(target), skeleton.EPOCH), with_git)


def _made(project: Project, with_git: bool) -> Project:
    for part in ("publishing", "tests/fixtures"):
        if (ROOT / part).exists() and not project.path(part).exists():
            shutil.copytree(ROOT / part, project.path(part), ignore=shutil.ignore_patterns("__pycache__"))
    if with_git:
        project.git("init", "-q", "-b", "main")
        project.git("config", "user.email", "redaktor@example.invalid")
        project.git("config", "user.name", "Redaktör")
        project.commit_all("Utgångsläge")
    return project


# --- Commands --------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    """What one command did."""

    args: tuple[str, ...]
    returncode: int | None  # None: did not end within the time limit
    output: str  # stdout and stderr together
    site: Path | None = None

    @property
    def hung(self) -> bool:
        return self.returncode is None


def _env(project: Project) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
               SOURCE_DATE_EPOCH=project.epoch)
    for name in ("POLICY_REPO_URL", "POLICY_EDIT_URI", "MIKE_DOCS_VERSION", "POLICY_VERSION_TITLE"):
        env.pop(name, None)
    env.update(project.env)
    return env


def run(project: Project, args: Iterable[str], site: Path | None = None) -> Ran:
    args = tuple(args)
    try:
        result = subprocess.run(
            args, cwd=project.root, env=_env(project), capture_output=True, text=True,
            timeout=TIME_LIMIT, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        output = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Ran(args, None, output)
    return Ran(args, result.returncode, result.stdout + result.stderr, site)


def run_module(project: Project, module: str, args: list[str], site: Path | None = None) -> Ran:
    """``python -m module *args`` in the project, from a warm start (tests/warm.py): a
    process of its own as ``run`` starts, without importing the libraries anew."""
    done = warm.run_module(module, args, project.root, _env(project), TIME_LIMIT)
    return Ran((sys.executable, "-m", module, *args), done.returncode, done.stdout + done.stderr, site)


@dataclass(frozen=True)
class Command:
    """The command a case runs: ``check``, ``build`` or a make target with variables."""

    kind: str
    target: str = ""
    variables: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        if self.kind == "make":
            return "make " + " ".join([self.target, *(f"{k}=…" for k, _ in self.variables)])
        return self.kind

    def __call__(self, project: Project) -> Ran:
        if self.kind == "check":
            return run_module(project, "macros.site.check", [])
        if self.kind == "build":
            # The strict build as make build runs it: MkDocs through the project's own command
            # line (macros/mkdocs_adapter/cli.py), into a folder of its own.
            site = project.root.parent / (project.root.name + "-site")
            return run_module(project, "macros.mkdocs_adapter.cli", ["build", "--strict", "--site-dir", str(site)],
                              site)
        assert self.kind == "make", self.kind
        # Every value is one argument: make, not a shell, receives it as it is.
        args = ["make", "--no-print-directory", self.target, f"VENV={VENV}"]
        args += [f"{name}={value}" for name, value in self.variables]
        return run(project, args, project.root / "site")


CHECK = Command("check")
BUILD = Command("build")


def make(target: str, **variables: str) -> Command:
    return Command("make", target, tuple(variables.items()))


# --- Outcomes --------------------------------------------------------------------


class Expectation:
    def verify(self, ran: Ran, project: Project) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def _no_traceback(ran: Ran) -> None:
    assert "Traceback (most recent call last)" not in ran.output, ran.output[-3000:]


@dataclass
class Refused(Expectation):
    """Stopped with one Swedish message naming ``where`` (a file and line, or a setting)."""

    file: str | None = None
    line: int | None = None
    words: tuple[str, ...] = ()
    setting: str | None = None
    max_output: int = 4000

    def verify(self, ran: Ran, project: Project) -> None:
        assert not ran.hung, f"{' '.join(ran.args)} did not end within {TIME_LIMIT} s"
        assert ran.returncode != 0, f"accepted:\n{ran.output[-3000:]}"
        _no_traceback(ran)
        assert len(ran.output) <= self.max_output, f"{len(ran.output)} characters of output"
        text = ran.output
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}:"
            assert where in text, f"{where!r} not named in:\n{text[-3000:]}"
            located = {m.group(0).strip() for m in LOCATED.finditer(text)}
            assert len(located) <= 1, f"more than one located message: {sorted(located)}\n{text[-3000:]}"
        if self.setting is not None:
            assert self.setting in text, f"the setting {self.setting} is not named in:\n{text[-3000:]}"
        for word in self.words:
            assert word.casefold() in text.casefold(), f"{word!r} not in:\n{text[-3000:]}"


@dataclass
class Works(Expectation):
    """The command succeeds."""

    def verify(self, ran: Ran, project: Project) -> None:
        assert not ran.hung, f"{' '.join(ran.args)} did not end within {TIME_LIMIT} s"
        assert ran.returncode == 0, ran.output[-3000:]
        _no_traceback(ran)


class _Markup(HTMLParser):
    """What a page would run or link: inline handlers, script bodies, link targets."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in self.URL_ATTRS and value is not None:
                self.urls.append(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


def site_markup(site: Path) -> dict[str, _Markup]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.relative_to(site).as_posix()] = parser
    return pages


@dataclass
class Literal(Expectation):
    """The site builds and ``shown`` appears as literal text; it injects nothing."""

    shown: str | None  # None: a value the site shows on no page (then only: it injects nothing)
    marker: str  # a string only the hostile value holds, to find what it became

    def verify(self, ran: Ran, project: Project) -> None:
        Works().verify(ran, project)
        assert ran.site is not None
        pages = site_markup(ran.site)
        if self.shown is not None:
            folded = " ".join(self.shown.split())
            seen = [name for name, page in pages.items() if folded in " ".join("".join(page.text).split())]
            assert seen, f"{self.shown!r} is not shown as text on any page"
        for name, page in pages.items():
            assert not page.handlers, f"{name}: event handler attributes {page.handlers}"
            assert not [s for s in page.scripts if self.marker in s], f"{name}: script holds the value"
            bad = [u for u in page.urls if scheme(u) not in (None, *SAFE_SCHEMES)]
            assert not bad, f"{name}: links with unsafe schemes {bad}"
        for path in ran.site.rglob("*"):
            if path.suffix in {".svg", ".ics", ".xml", ".json"} and path.is_file():
                content = path.read_text(encoding="utf-8", errors="replace")
                if path.suffix == ".svg":
                    assert "<script" not in content.lower(), path


@dataclass
class Kept(Expectation):
    """Refused, and every file under the paths given is exactly as before."""

    before: dict[str, bytes | None]
    refused: Refused = field(default_factory=Refused)

    @staticmethod
    def snapshot(paths: Iterable[Path]) -> dict[str, bytes | None]:
        """Every file (its bytes) and folder under each path, the paths themselves included."""
        found: dict[str, bytes | None] = {}
        for root in paths:
            if root.is_symlink():
                found[str(root)] = b"<link>" + os.readlink(root).encode()
            elif root.is_file():
                found[str(root)] = root.read_bytes()
            elif root.is_dir():
                found[str(root)] = b"<folder>"
                for item in sorted(root.rglob("*")):
                    if item.is_symlink():
                        found[str(item)] = b"<link>" + os.readlink(item).encode()
                    else:
                        found[str(item)] = item.read_bytes() if item.is_file() else b"<folder>"
            else:
                found[str(root)] = b"<missing>"
        return found

    def verify(self, ran: Ran, project: Project) -> None:
        self.refused.verify(ran, project)
        after = self.snapshot(Path(p) for p in _roots(self.before))
        assert after == self.before, "files changed: " + ", ".join(
            sorted(k for k in set(after) | set(self.before) if after.get(k) != self.before.get(k))[:10]
        )


def _roots(snapshot: dict[str, bytes | None]) -> list[str]:
    paths = sorted(snapshot)
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(r + os.sep) for r in roots):
            roots.append(path)
    return roots


# --- Cases -----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One broken or hostile change and the command that meets it."""

    id: str
    what: str  # in a few words, for the report
    change: Callable[[Project], Expectation]
    command: Command = CHECK
    git: bool = False


def case(id: str, what: str, command: Command = CHECK, git: bool = False):
    """Decorator: the function is the change; it returns the expectation."""

    def register(change: Callable[[Project], Expectation]) -> Case:
        return Case(id, what, change, command, git)

    return register


def cases_of(module) -> list[Case]:
    return [value for value in vars(module).values() if isinstance(value, Case)]
