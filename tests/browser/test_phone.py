"""Reading on a phone and on large screens: the header, the matrix, the diagram, the wheel."""

from __future__ import annotations

import pytest

from tests.browser import content
from tests.browser.test_accessibility import pages

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_shows_its_heading_on_the_first_screen_of_a_phone(browser, built_site, site_url, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, locale="sv-SE")
    page = context.new_page()
    missing = []
    for path in pages(built_site):
        page.goto(site_url + path)
        box = page.locator("article h1").first.bounding_box()
        if box is None or box["y"] + box["height"] > 740:
            missing.append((path, box))
    context.close()
    assert missing == []


def test_header_is_one_short_line_that_opens_to_the_facts(new_page, built_site, site_url):
    page = new_page(360, 740)
    page.goto(site_url + content.text_page())
    header = page.locator("aside.document-header")
    summary = header.locator("summary")
    line_height = float(page.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)", summary.element_handle()))
    assert summary.bounding_box()["height"] <= 5 * line_height
    facts = header.locator("dl")
    assert not facts.is_visible()
    # Unknown facts are said on the page with all the facts, not on every page.
    assert "Uppgift saknas" not in header.inner_text()
    summary.click()
    assert facts.is_visible()
    page.keyboard.press("Tab")  # from the summary to the link to all the facts
    more = header.get_by_role("link", name="Alla uppgifter om dokumentet, också de som saknas")
    assert more.is_visible()
    more.click()
    page.wait_for_url(site_url + content.page_of("dokument"))
    document = content.policy().document
    unknown = None in (document.decision.date, document.decision.paragraph,
                       document.decision.registry_number, document.responsible, document.scope)
    # ... where every fact is said, the unknown ones too.
    assert ("Uppgift saknas" in page.locator("#dokumentuppgifter").inner_text()) == unknown


def test_matrix_reads_as_lists_on_a_phone(new_page, site_url):
    page = new_page(360, 740)
    page.goto(site_url + content.page_of("roller"))
    assert no_sideways_scroll(page)
    assert not page.locator("#rollmatris").is_visible()
    lists = page.locator(".matrix-list")
    assert lists.is_visible()
    # Each area lists the same roles as the table's row, and nothing sticks out.
    table, listed = page.evaluate(
        """() => {
          const roles = [...document.querySelectorAll('#rollmatris thead th')].slice(1).map(th => th.textContent.trim());
          const table = [...document.querySelectorAll('#rollmatris tbody tr')].map(tr =>
            // A cell's column counts the spans before it (empty cells side by side are one).
            { let column = 0; return [...tr.querySelectorAll('td')].flatMap(td => {
              const here = column; column += td.colSpan;
              return td.querySelector('.matrix-entry') ? [roles[here]] : []; }); });
          const listed = [...document.querySelectorAll('.matrix-list ul')].map(ul =>
            [...ul.querySelectorAll('a')].map(a => a.textContent.trim()));
          return [table, listed];
        }"""
    )
    assert listed == table and all(table)
    for item in lists.locator("li").all():
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.parametrize("width", [1280, 1920])
def test_matrix_is_a_table_on_large_screens(new_page, site_url, width):
    page = new_page(width, 900)
    page.goto(site_url + content.page_of("roller"))
    assert no_sideways_scroll(page)
    assert page.locator("#rollmatris").is_visible()
    assert not page.locator(".matrix-list").is_visible()
    table = page.locator("#rollmatris")
    scroller = page.evaluate_handle(
        "t => { let e = t.parentElement; while (e && getComputedStyle(e).overflowX === 'visible')"
        " e = e.parentElement; return e; }",
        table.element_handle(),
    )
    if page.evaluate("e => e.scrollWidth > e.clientWidth", scroller):
        # Wider than the screen: the area column stays in view while the roles scroll past.
        page.evaluate("e => { e.scrollLeft = e.scrollWidth; }", scroller)
        page.wait_for_timeout(100)
        first = page.locator("#rollmatris tbody th").first.bounding_box()
        assert first["x"] >= 0
    else:
        assert table.bounding_box()["x"] + table.bounding_box()["width"] <= width


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [360, 1280])
def test_diagram_text_is_at_least_12_px_and_the_page_never_scrolls_sideways(browser, site_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + content.page_of("roller"))
    sizes = page.evaluate(
        """() => {
          const svg = document.querySelector('#rapportvagar');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }"""
    )
    page_fits = no_sideways_scroll(page)
    frame = page.locator(".reporting-diagram .diagram-scroll")
    frame_ok = page.evaluate(
        "e => e.scrollWidth <= e.clientWidth || (e.tabIndex === 0 && getComputedStyle(e).overflowX === 'auto')",
        frame.element_handle(),
    )
    context.close()
    assert sizes and min(sizes) >= 12, sizes
    assert page_fits and frame_ok


def _in_view(page, locator, height: int) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] < height and box["y"] + box["height"] > 0


@pytest.mark.parametrize("width", [360, 1280])
def test_a_link_to_an_area_of_the_matrix_leads_to_the_area_on_any_screen(new_page, site_url, width):
    height = 740
    page = new_page(width, height)
    page.goto(site_url + content.page_of("roller"))
    links = page.locator("a[href^='#omrade-']")
    link = links.nth(links.count() - 1)  # the last, far below the matrix
    anchor = link.get_attribute("href")[1:]
    phone = not page.locator("#rollmatris").is_visible()
    assert phone == (width < 720)
    area = page.locator(f".matrix-list [data-anchor='{anchor}']" if phone else f"[id='{anchor}']")
    link.scroll_into_view_if_needed()
    assert not _in_view(page, area, height)
    link.click()
    page.wait_for_timeout(100)
    assert page.url.endswith("#" + anchor)
    assert area.is_visible() and _in_view(page, area, height)
    if phone:  # the list has the reader's place, as the row has on a large screen
        assert page.evaluate("document.activeElement.getAttribute('data-anchor')") == anchor
        page.go_back()
        page.goto(site_url + content.page_of("roller") + "#" + anchor)  # an address with the area
        page.wait_for_timeout(100)
        assert _in_view(page, area, height)

