"""One archival, accessible PDF per governing document of a version, made from the pages
of its built site.

The built pages already hold everything the site shows, the generated views included
(tables, lists, the SVG diagrams), so the PDF is assembled from them rather than
rendered a second time: the article of each page, in the order of the navigation,
after a title page (the document facts, from the same renderer as the site) and a
table of contents. A site of several documents gets one PDF for each: the first
document's from every page outside the further documents' folders, each further one's
from the pages of its own folder (``docs/<id>/``), with its own facts. WeasyPrint lays it out with a print stylesheet (``pdf.css`` beside
this module) and writes PDF/A-2a: tagged (headings, lists, tables with header cells),
in Swedish, with every font embedded, XMP metadata and bookmarks from the headings.

Reproducible: the dates come from SOURCE_DATE_EPOCH and the file identifier from the
content, so the same sources give the same bytes. Nothing is fetched from another
host: only files of the built site are read.

After the PDFs are written, every page of the site gets the link to its own document's
PDF, with the file's size, in place of the marker that the theme leaves for it
(``PDF_MARKER``): the size is known only once the PDF exists, and the PDF is made from
the pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import yaml

from ..views import document_facts
from ..views.markup import tag, text
from ..policy.model import Policy
from ..policy.release import Release

#: Set by the publishing command (and ``make pdf``): build the PDF after the site.
ENV_SWITCH = "POLICY_PDF"
#: What the theme writes where the link to the PDF goes, on every page.
PDF_MARKER = "<!-- policy:pdf-link -->"
LANGUAGE = "sv-SE"
VARIANT = "pdf/a-2a"
STYLESHEET = "pdf.css"

#: Parts of a page that belong to the website, not to the document.
DROPPED_CLASSES = {"document-header", "md-content__button", "headerlink", "policy-pdf"}
#: Views that need the width of a landscape page.
WIDE_CLASSES = {"role-matrix"}
EXTERNAL_SCHEMES = {"http", "https", "mailto"}

SVG_NS = "http://www.w3.org/2000/svg"
ATTRIBUTE_PREFIXES = {
    "http://www.w3.org/1999/xlink": "xlink:",
    "http://www.w3.org/XML/1998/namespace": "xml:",
    "http://www.w3.org/2000/xmlns/": "xmlns:",
}
VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
RAW_TEXT_ELEMENTS = {"style"}
ID_LIST_ATTRIBUTES = {"aria-describedby", "aria-labelledby", "aria-controls", "headers", "for"}
URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")


class PdfError(Exception):
    """The PDF cannot be made; the message (Swedish) says why and what to do."""


@dataclass(frozen=True)
class Page:
    """One page of the site: its Markdown source and its built HTML file."""

    source: str  # "policy.md", relative to the docs folder
    built: str  # "policy/index.html", relative to the site folder

    @property
    def key(self) -> str:
        """A short, unique name for the page's anchors: "policy", "start" for the root."""
        folder = posixpath.dirname(self.built)
        stem = folder or posixpath.splitext(posixpath.basename(self.built))[0]
        name = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
        return "start" if name in ("", "index") else name


@dataclass(frozen=True)
class Document:
    """One governing document's PDF: its facts, its pages in the navigation's order, its id
    ("" on a site of one) and the folder of the built site that holds its pages ("" for
    the first document, whose pages are all those outside the further documents' folders)."""

    policy: Policy
    pages: Sequence[Page]
    id: str = ""
    folder: str = ""  # "riktlinjer/"


def file_name(policy: Policy) -> str:
    """The PDF's file name, from the document's name: 'informationssakerhetspolicy.pdf'."""
    plain = unicodedata.normalize("NFKD", policy.document.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return f"{slug or 'dokument'}.pdf"


def file_names(documents: Sequence[Document]) -> list[str]:
    """Each document's PDF file name, in order: from its name, the first's as on a site of
    one; a further document whose name gives a file name already taken gets its id after
    it ('informationssakerhetspolicy-riktlinjer.pdf'), so that no PDF overwrites another."""
    names: list[str] = []
    for document in documents:
        stem = file_name(document.policy).removesuffix(".pdf")
        name, tried = f"{stem}.pdf", 1
        while name in names:
            tried += 1
            suffix = document.id or "dokument"
            name = f"{stem}-{suffix}.pdf" if tried == 2 else f"{stem}-{suffix}-{tried}.pdf"
        names.append(name)
    return names


def included(pages: Iterable[Page], docs_dir: Path) -> list[Page]:
    """The pages of the document: every page of the navigation whose front matter does
    not say ``pdf: false`` (pages about the website itself, such as the editors' guide)."""
    return [page for page in pages if _front_matter(docs_dir / page.source).get("pdf", True) is not False]


def _front_matter(path: Path) -> dict:
    try:
        content = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", content, re.S)
    if not match:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}  # mkdocs has reported it already
    return meta if isinstance(meta, dict) else {}


# --- Reading the built pages ---------------------------------------------------------


def _parse(markup: str) -> ET.Element:
    import tinyhtml5  # WeasyPrint's own HTML parser, so the tree is the one it sees

    return tinyhtml5.parse(markup, namespace_html_elements=False)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _article(root: ET.Element) -> ET.Element | None:
    return next(
        (e for e in root.iter("article") if "md-content__inner" in _classes(e)), None
    )


def _remove_where(parent: ET.Element, drop) -> None:
    for child in list(parent):
        if not isinstance(child.tag, str) or drop(child):
            _remove(parent, child)
        else:
            _remove_where(child, drop)


def _remove(parent: ET.Element, child: ET.Element) -> None:
    """Remove ``child`` but keep the text that follows it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Replace ``child`` by its content (a link that leads nowhere in the PDF)."""
    index = list(parent).index(child)
    leading = child.text or ""
    kids = list(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + leading
    else:
        parent.text = (parent.text or "") + leading
    if kids:
        kids[-1].tail = (kids[-1].tail or "") + (child.tail or "")
    elif index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + (child.tail or "")
    else:
        parent.text = (parent.text or "") + (child.tail or "")
    parent.remove(child)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)


def _dropped(element: ET.Element) -> bool:
    name = _local(element.tag)
    return (
        name in ("script", "noscript", "template")
        or bool(_classes(element) & DROPPED_CLASSES)
        or (name == "a" and element.get("download") is not None)
    )


class _Anchors:
    """The ids of the document and where each link of a page leads in the PDF.

    An id keeps its name from the site when no other page uses it, so that the site's
    stylesheets (``#rollmatris``) apply; one that occurs on several pages gets the
    page's key in front (``roller--kalender``)."""

    RESERVED = {"titelsida", "titelsida-uppgifter", "innehall"}

    def __init__(self, pages: Sequence[Page], articles: Sequence[ET.Element]):
        self.keys = {page.built: page.key for page in pages}
        counts: dict[str, int] = {}
        for article in articles:
            for value in {e.get("id") for e in article.iter() if isinstance(e.tag, str)} - {None}:
                counts[value] = counts.get(value, 0) + 1
        self.shared = {v for v, n in counts.items() if n > 1} | self.RESERVED | {
            f"sida-{page.key}" for page in pages}

    def id(self, key: str, value: str) -> str:
        return f"{key}--{value}" if value in self.shared else value

    def target(self, page: Page, href: str) -> str | None:
        """The link in the PDF, or None when its target is not in the PDF."""
        parts = urlsplit(href)
        if parts.scheme:
            return href if parts.scheme.lower() in EXTERNAL_SCHEMES else None
        key = page.key
        if parts.path:
            path = urlsplit(urljoin("http://sajt/" + page.built, parts.path)).path.lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            key = self.keys.get(path)
            if key is None:
                return None
        return f"#{self.id(key, parts.fragment)}" if parts.fragment else f"#sida-{key}"


def _rewrite(page: Page, root: ET.Element, anchors: _Anchors) -> None:
    """Give every id its name in the document and make every link lead inside the PDF."""
    def rename(value: str) -> str:
        return anchors.id(page.key, value)

    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str):
                continue
            if _local(child.tag) == "a" and child.get("href") is not None:
                target = anchors.target(page, child.get("href"))
                if target is None:
                    _unwrap(parent, child)
                    continue
                child.set("href", target)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in list(element.attrib.items()):
            local = _local(name)
            if local == "id":
                element.set(name, rename(value))
            elif local in ID_LIST_ATTRIBUTES:
                element.set(name, " ".join(rename(v) for v in value.split()))
            elif local == "href" and _local(element.tag) != "a" and value.startswith("#"):
                element.set(name, "#" + rename(value[1:]))
            elif "url(#" in value:
                element.set(name, URL_REFERENCE.sub(lambda m: f"url(#{rename(m.group(1))})", value))


def _widen(root: ET.Element) -> None:
    """Put each wide view, with the heading just before it, on a landscape page."""
    for parent in list(root.iter()):
        children = list(parent)
        for index, child in enumerate(children):
            if not isinstance(child.tag, str) or not (_classes(child) & WIDE_CLASSES):
                continue
            start = index
            if index and isinstance(children[index - 1].tag, str) and re.fullmatch(
                r"h[1-6]", _local(children[index - 1].tag)
            ):
                start = index - 1
            wrapper = ET.Element("div", {"class": "pdf-wide"})
            position = list(parent).index(children[start])
            for moved in children[start:index + 1]:
                parent.remove(moved)
                wrapper.append(moved)
            wrapper.tail, children[index].tail = children[index].tail, None
            parent.insert(position, wrapper)


def read_article(page: Page, markup: str) -> ET.Element:
    """The article of one built page, without what belongs to the website only."""
    article = _article(_parse(markup))
    if article is None:
        raise PdfError(f"{page.built}: sidan saknar innehåll (inget <article>); bygg webbplatsen på nytt")
    _remove_where(article, _dropped)
    return article


def page_body(page: Page, article: ET.Element, anchors: _Anchors) -> tuple[str, list[tuple[str, str, str]]]:
    """The HTML of one page's article for the PDF, and its headings (level, id, text)
    for the table of contents."""
    _rewrite(page, article, anchors)
    _widen(article)
    headings = [
        (_local(e.tag), e.get("id") or "", " ".join("".join(e.itertext()).split()))
        for e in article.iter()
        if isinstance(e.tag, str) and _local(e.tag) in ("h1", "h2")
    ]
    return _inner(article), headings


def _inner(element: ET.Element) -> str:
    """The HTML of an element's content (comments left out, the text after them kept)."""
    return html.escape(element.text or "", quote=False) + "".join(
        _serialize(child) if isinstance(child.tag, str) else html.escape(child.tail or "", quote=False)
        for child in element
    )


def _serialize(element: ET.Element) -> str:
    """HTML for one element of a parsed tree (SVG stays inline SVG)."""
    name = _local(element.tag)
    attributes = ""
    for key, value in element.attrib.items():
        if "}" in key:
            namespace, local = key[1:].split("}", 1)
            key = ATTRIBUTE_PREFIXES.get(namespace, "") + local
        attributes += f' {key}="{html.escape(value, quote=True)}"'
    if name in VOID_ELEMENTS and not element.tag.startswith("{"):
        out = f"<{name}{attributes}>"
    else:
        inner = (element.text or "") if name in RAW_TEXT_ELEMENTS else _inner(element)
        out = f"<{name}{attributes}>{inner}</{name}>"
    return out + html.escape(element.tail or "", quote=False)


# --- The print document ------------------------------------------------------------


def title_page(policy: Policy, release: Release, version: bool = True) -> str:
    """The title page: the document's name and organisation, and its facts as a table
    (``version``: whether the site's version is named, see document_facts.facts)."""
    document = policy.document
    corrections = "".join(
        tag("p", text(f"Rättad {c.date}: {c.reason}"), class_="pdf-correction")
        for c in release.corrections
    )
    return tag(
        "section",
        tag("p", text(document.organisation), class_="pdf-organisation")
        + tag("h1", text(document.name), class_="pdf-title", id="titelsida")
        + tag("p", text(f"{document.document_type.label} · Version: {release.label}" if version
                        else document.document_type.label), class_="pdf-version")
        + document_facts.facts_table(policy, release, version).replace(
            'id="dokumentuppgifter"', 'id="titelsida-uppgifter"')
        + corrections,
        class_="pdf-title-page",
    )


def contents(entries: Sequence[tuple[str, str, str]]) -> str:
    """The table of contents: every page, and its sections under it, with page numbers."""
    items: list[str] = []
    for level, anchor, label in entries:
        link = tag("a", text(label), href=f"#{anchor}")
        if level == "h1":
            items.append(tag("li", link, class_="pdf-toc__page"))
        else:
            items.append(tag("li", link, class_="pdf-toc__section"))
    return tag(
        "nav",
        tag("h2", "Innehåll", id="innehall") + tag("ul", "".join(items), class_="pdf-toc__list"),
        class_="pdf-toc",
        aria_labelledby="innehall",
    )


def _w3c(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def assemble(policy: Policy, release: Release, site_dir: Path, pages: Sequence[Page],
             stylesheets: Sequence[str], moment: dt.datetime, version: bool = True) -> str:
    """The whole document as one HTML page for print (``version``: whether it names the
    site's version; on a site of several documents it does not)."""
    articles = []
    for page in pages:
        try:
            markup = (Path(site_dir) / page.built).read_text(encoding="utf-8")
        except OSError:
            raise PdfError(f"{page.built} finns inte i den byggda webbplatsen; bygg den först") from None
        articles.append(read_article(page, markup))
    anchors = _Anchors(pages, articles)
    bodies, entries = [], []
    for page, article in zip(pages, articles):
        body, headings = page_body(page, article, anchors)
        first = True
        for level, anchor, label in headings:
            if level == "h1" and first:
                entries.append(("h1", f"sida-{page.key}", label))
                first = False
            elif level == "h2" and anchor:
                entries.append(("h2", anchor, label))
        bodies.append(tag("section", body, class_="pdf-page", id=f"sida-{page.key}"))
    document = policy.document
    subject = f"{document.document_type.label}, {document.organisation}."
    subject += f" Version: {release.label}" if version else ""
    head = (
        '<meta charset="utf-8">'
        + tag("title", text(f"{document.name} – {document.organisation}"))
        + f'<meta name="author" content="{html.escape(document.organisation)}">'
        + f'<meta name="description" content="{html.escape(subject)}">'
        + f'<meta name="keywords" content="{html.escape(document.document_type.label)}">'
        + (f'<meta name="keywords" content="{html.escape(release.label)}">' if version else "")
        + f'<meta name="dcterms.created" content="{_w3c(moment)}">'
        + f'<meta name="dcterms.modified" content="{_w3c(moment)}">'
        + "".join(f'<link rel="stylesheet" href="{html.escape(s)}">' for s in stylesheets)
        # Last, so that it wins over the site's stylesheets (it is the project's own file).
        + tag("style", (files(__package__) / STYLESHEET).read_text(encoding="utf-8"))
    )
    running = (
        tag("p", text(document.name), class_="pdf-running-title")
        + (tag("p", text(f"Version: {release.label}"), class_="pdf-running-version") if version else "")
    )
    main = tag(
        "main",
        running + title_page(policy, release, version) + contents(entries) + "".join(bodies),
        class_="md-typeset",
    )
    return f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head>{head}</head><body>{main}</body></html>\n'


# --- Rendering -----------------------------------------------------------------------


def _fetcher(site_dir: Path):
    """Reads files of the built site, nothing else."""
    from weasyprint.urls import URLFetcher

    allowed = [Path(site_dir).resolve()]

    class SiteOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                from urllib.request import url2pathname

                path = Path(url2pathname(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"PDF:en läser bara filer ur den byggda webbplatsen, inte {url}")

    return SiteOnly(allowed_protocols={"file", "data"})


def render(markup: str, site_dir: Path, identity: bytes) -> bytes:
    """The PDF/A-2a bytes of the print document."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango and its companions are system libraries
        raise PdfError(
            "WeasyPrint hittar inte Pango (Debians paket libpango-1.0-0 och libpangoft2-1.0-0); "
            f"installera dem med: sh .ci/install-packages pdf ({exc})"
        ) from None
    fetcher = _fetcher(site_dir)
    document = HTML(string=markup, base_url=Path(site_dir).resolve().as_uri() + "/",
                    url_fetcher=fetcher)
    return document.write_pdf(
        pdf_variant=VARIANT,
        pdf_identifier=hashlib.sha256(identity).hexdigest()[:32].encode(),
        custom_metadata=False,
    )


def human_size(size: int) -> str:
    """'412 kB', '1,2 MB': the size as a reader reads it (Swedish decimal comma)."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")


def link(href: str, size: int) -> str:
    """The link every page shows: 'Ladda ner som PDF (PDF, 412 kB)'."""
    return tag(
        "p",
        tag("a", "Ladda ner som PDF", href=href, type="application/pdf", class_="policy-pdf__link")
        + " " + tag("span", text(f"(PDF, {human_size(size)})"), class_="policy-pdf__size"),
        class_="policy-pdf",
    )


def link_pages(site_dir: Path, pdf: Path, others: Mapping[str, Path] | None = None) -> int:
    """Put the link to its document's PDF on every page of the site, where the theme left
    its marker: a page in a further document's folder (a key of ``others``, such as
    "riktlinjer/") links that document's PDF, every other page ``pdf``. Returns how many
    pages got a link."""
    site_dir = Path(site_dir)
    sizes = {target: target.stat().st_size for target in {pdf, *(others or {}).values()}}
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        content = path.read_text(encoding="utf-8")
        if PDF_MARKER not in content:
            continue
        built = path.relative_to(site_dir).as_posix()
        own = next((target for folder, target in (others or {}).items() if built.startswith(folder)), pdf)
        href = posixpath.relpath(own.relative_to(site_dir).as_posix(),
                                 path.parent.relative_to(site_dir).as_posix() or ".")
        path.write_text(content.replace(PDF_MARKER, link(href, sizes[own]), 1), encoding="utf-8")
        count += 1
    return count


def moment_of(environ) -> dt.datetime:
    """When the PDF says it was made: SOURCE_DATE_EPOCH if set (reproducible), else now."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise PdfError(
                f"SOURCE_DATE_EPOCH ska vara ett heltal (sekunder sedan 1970), inte {epoch!r}"
            ) from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def build(documents: Sequence[Document], release: Release, site_dir: Path, docs_dir: Path,
          stylesheets: Sequence[str], environ, version: bool = True) -> list[Path]:
    """Write each document's PDF into the built site and link it from each of its pages;
    returns their paths, the first document's first."""
    site_dir = Path(site_dir)
    chosen = [included(document.pages, Path(docs_dir)) for document in documents]
    for document, pages in zip(documents, chosen):  # every mistake before the slow part
        if not pages and not document.folder:
            raise PdfError("ingen sida ska med i PDF:en (alla har pdf: false)")
        if not pages:
            raise PdfError(
                f"ingen sida av dokumentet '{document.id}' ska med i dess PDF: dokumentets sidor i "
                f"docs/{document.folder} har alla pdf: false eller står inte i nav i mkdocs.yml")
    moment = moment_of(environ)
    targets: list[Path] = []
    for document, pages, name in zip(documents, chosen, file_names(documents)):
        markup = assemble(document.policy, release, site_dir, pages, stylesheets, moment, version)
        content = render(markup, site_dir, (markup + moment.isoformat()).encode("utf-8"))
        target = site_dir / name
        partial = target.with_name(target.name + ".tmp")
        partial.write_bytes(content)
        partial.replace(target)
        targets.append(target)
    if targets:
        link_pages(site_dir, targets[0],
                   {document.folder: target for document, target in zip(documents[1:], targets[1:])})
    return targets
