"""The roles page in Chromium: sources on focus, named diagram, colours, print (the phone: test_phone)."""

from __future__ import annotations

import pytest

from tests.browser import content

pytestmark = pytest.mark.browser


def test_focusing_a_cell_shows_its_source_sentence(page, site_url):
    area = content.policy().responsibilities[0].area
    sources = {" ".join(r.source.split()) for r in content.policy().responsibilities if r.area == area}
    page.goto(site_url + content.page_of("roller"))
    entry = page.locator(f"#omrade-{area} .matrix-entry").first
    tooltip = page.locator("#" + entry.get_attribute("aria-describedby"))
    assert not tooltip.is_visible()
    entry.focus()
    assert tooltip.is_visible()
    shown = " ".join(tooltip.inner_text().split())
    assert any(source in shown for source in sources), shown
    # Reached by keyboard: Tab moves from one entry to the next.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('matrix-entry')")


def test_diagram_has_an_accessible_name_and_description(page, site_url):
    policy = content.policy()
    reports = next((r for r in policy.responsibilities if r.type.value == "rapporterar"), None)
    page.goto(site_url + content.page_of("roller"))
    if reports is None:
        # No role reports: no drawing, and the words that say so.
        assert not page.get_by_role("img", name="Rapportvägar: vem rapporterar till vem").count()
        assert page.locator(".reporting-diagram--none").is_visible()
        return
    diagram = page.get_by_role("img", name="Rapportvägar: vem rapporterar till vem")
    assert diagram.is_visible()
    description = page.evaluate(
        "id => document.getElementById(id).textContent",
        diagram.get_attribute("aria-labelledby").split()[1],
    )
    said = next(s for s in description.split(". ")
                if s.startswith(f"{policy.role(reports.role).name} rapporterar till "))
    assert all(policy.role(recipient).name in said for recipient in reports.to), said


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path, label, box, edge",
    [
        ("roller", "#rapportvagar .diagram-label", "#rapportvagar .diagram-node",
         "#rapportvagar .diagram-edge"),
        ("uppfoljning", "#arshjul .wheel-month-label", "#arshjul .wheel-month--odd",
         "#arshjul .wheel-month"),
    ],
    ids=["reporting-lines", "annual-wheel"],
)
def test_diagrams_are_readable_in_both_colour_schemes(browser, site_url, scheme, path, label, box, edge):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + content.page_of(path))
    colours = page.evaluate(
        """([labelSelector, boxSelector, edgeSelector]) => {
          const label = document.querySelector(labelSelector);
          const box = document.querySelector(boxSelector);
          const edge = document.querySelector(edgeSelector);
          return {
            text: getComputedStyle(label).fill,
            box: getComputedStyle(box).fill,
            edge: getComputedStyle(edge).stroke,
            page: getComputedStyle(document.body).backgroundColor,
          };
        }""",
        [label, box, edge],
    )
    context.close()
    assert contrast(colours["text"], colours["box"]) >= 4.5, colours
    assert contrast(colours["edge"], colours["page"]) >= 3, colours


def test_matrix_fits_a_landscape_a4_page_in_print(browser, site_url):
    context = browser.new_context(viewport={"width": 1123, "height": 794})
    page = context.new_page()
    page.goto(site_url + content.page_of("roller"))
    page.emulate_media(media="print")
    fits = page.evaluate(
        """() => {
          const table = document.querySelector('#rollmatris');
          return table.getBoundingClientRect().right <= document.documentElement.clientWidth
            && table.scrollWidth <= table.clientWidth + 1;
        }"""
    )
    hidden = page.locator(".matrix-source").first.is_hidden()
    pdf = page.pdf(format="A4", landscape=True)
    context.close()
    assert fits and hidden
    assert pdf.startswith(b"%PDF")
