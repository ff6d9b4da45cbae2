"""The public site in a real browser: headless Chromium (Debian's ``chromium``) runs
axe-core (vendored, ``tests/vendor/axe-core``) on every page type of the site built
from the shipped plans over ``tests/sample_history.py``, at 1280 and 320 CSS pixels
wide, and checks reflow, the skip link, visible focus, landmarks and table headers in
the laid-out page; then loads each page with JavaScript off.

Skipped, with the reason shown, where no Chromium is installed; ``.ci/run`` installs it
on CI. About twenty browser runs of a few seconds each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import AXE_VERSION, BROWSER, dump_dom, needs_chromium, run_in_page, with_axe
from conftest import run_plantrack
from gitkit import git, needs_git

pytestmark = [needs_chromium, needs_git]

# Every page type: the index, a plan page with history and milestones, a plan page with
# a legend and an ended period, the open data's column page, the statement.
PAGES = (
    "index.html",
    "plans/year-ahead-plan-2021-22.html",
    "plans/improvement-plan-phase-2-2016-17.html",
    "data.html",
    "accessibility.html",
)
WIDTHS = (1280, 320)

CHECK = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".table-wrap")) continue;  // a wide table scrolls in its own box
    const box = el.getBoundingClientRect();
    if ((box.width || box.height) && (box.right > width + 0.5 || box.left < -0.5))
      wide.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}-` +
                `${Math.round(box.right)}`);
  }
  const focusable = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')];
  const first = focusable[0];
  first.focus();
  const skipBox = first.getBoundingClientRect();
  const unfocused = [];
  for (const el of focusable.slice(0, 60)) {
    el.focus();
    const style = getComputedStyle(el);
    if (document.activeElement !== el || style.outlineStyle === "none" ||
        parseFloat(style.outlineWidth) < 2)
      unfocused.push(el.outerHTML.slice(0, 80));
  }
  document.activeElement.blur();
  const tables = [...document.querySelectorAll("table")];
  const found = {
    page_width: width,
    document_width: document.documentElement.scrollWidth,
    too_wide: wide.slice(0, 20),
    lang: document.documentElement.lang,
    skip_link_first: first.classList.contains("skip") && first.getAttribute("href") === "#main"
      && document.querySelector("main#main") !== null,
    skip_link_shown_on_focus: skipBox.top >= 0 && skipBox.width > 0 &&
      skipBox.bottom <= innerHeight,
    focus_not_visible: unfocused,
    landmarks: ["header", "nav", "main", "footer"].filter(n => document.querySelector(n)),
    tables: tables.length,
    tables_without_caption: tables.filter(t => !t.caption || !t.caption.textContent.trim()).length,
    header_cells_without_scope: document.querySelectorAll("th:not([scope])").length,
    scripts: document.querySelectorAll("script").length,
  };
  plantrackAxe().then((checked) => plantrackReport({...found, ...checked}))
    .catch((error) => plantrackReport({...found, error: String(error)}));
});
</script>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of the shipped plans with their made-up quarterly history, branded with
    a logo and a colour, built once for the module."""
    from sample_history import build

    folder = tmp_path_factory.mktemp("site")
    build(folder)
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<circle cx="5" cy="5" r="4" fill="#fff"/></svg>'
    )
    (folder / "plantrack-site.yaml").write_text(
        "organisation: Example Borough Council\ncontact: access@example.org\n"
        "logo: logo.svg\ncolour: '#00703c'\n"
    )
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "Brand the site", when="2026-03-21T10:00:00+00:00")
    done = run_plantrack("site", "-o", "public", "--quarter", "Q4-25/26", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "public"


@pytest.fixture(scope="module")
def checks(site) -> dict[tuple[str, int], dict]:
    script = with_axe(CHECK)
    return {
        (page, width): run_in_page(BROWSER, site / page, script, width, beside=True)
        for page in PAGES
        for width in WIDTHS
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_axe_core_finds_no_wcag_a_or_aa_violation(checks, page, width):
    found = checks[(page, width)]
    assert "error" not in found, found.get("error")
    assert found["axe_version"] == AXE_VERSION
    assert found["rules_run"] > 40  # the WCAG rules ran, not nothing
    assert found["violations"] == []


@pytest.mark.parametrize("page", PAGES)
def test_at_320_css_pixels_no_page_scrolls_sideways(checks, page):
    found = checks[(page, 320)]
    assert found["page_width"] <= 320
    assert found["document_width"] <= found["page_width"]
    assert found["too_wide"] == []


@pytest.mark.parametrize("page", PAGES)
def test_keyboard_skip_link_first_and_focus_always_visible(checks, page):
    found = checks[(page, 1280)]
    assert found["skip_link_first"] and found["skip_link_shown_on_focus"]
    assert found["focus_not_visible"] == []


@pytest.mark.parametrize("page", PAGES)
def test_landmarks_language_captions_and_header_scopes(checks, page):
    found = checks[(page, 1280)]
    assert found["lang"] == "en"
    assert found["landmarks"] == ["header", "nav", "main", "footer"]
    assert found["tables"] >= (0 if page == "accessibility.html" else 1)
    assert found["tables_without_caption"] == 0 and found["header_cells_without_scope"] == 0


@pytest.mark.parametrize("page", PAGES)
def test_everything_is_in_the_html_with_javascript_off(site, page):
    html = (site / page).read_text(encoding="utf-8")
    assert "<script" not in html
    done = dump_dom(BROWSER, site / page, 1280, javascript=False)
    assert "script-src 'none'" in done.stdout  # loaded with every script forbidden
    assert "</main>" in done.stdout and "Accessibility statement" in done.stdout
    # Every table row in the file is there, laid out by the browser without scripts.
    assert done.stdout.count("<tr") == html.count("<tr")
