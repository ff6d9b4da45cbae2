"""Headless Chromium for the committee paper: print to A4 PDF, take a screenshot, and
measure the laid-out page with a script run inside the browser.

Debian's ``chromium`` is enough: the measurement runs as a ``<script>`` added to a
copy of the page, and ``--dump-dom`` hands back the DOM with the script's findings in
it, so no WebDriver is needed. Every run uses a fresh profile and no network.

    python tests/browser.py screenshot PAGE.html PAGE.png [WIDTH [HEIGHT]]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
]
A4_TEXT_WIDTH_PX = 688  # 210 mm less the paper's 14 mm side margins, at 96 px per inch
TIMEOUT = 120

# Run in the page once it has laid out: elements wider than the page, tables without
# a <thead>, and the headings (to find one stranded at the foot of a printed page).
MEASURE = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5 || el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0 &&
        !el.closest("svg") && el.tagName !== "svg" && !el.classList.contains("seg")) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}` +
                `-${Math.round(box.right)} (scroll ${el.scrollWidth}/${el.clientWidth})`);
    }
  }
  const tables = [...document.querySelectorAll("table")];
  const result = {
    page_width: width,
    document_width: document.documentElement.scrollWidth,
    too_wide: wide.slice(0, 20),
    tables: tables.length,
    tables_without_thead: tables.filter(t => !t.tHead || !t.tHead.rows.length).length,
    headings: [...document.querySelectorAll("h1, h2, h3, h4")].map(h => h.textContent.trim()),
    header_cells: [...new Set(tables.filter(t => t.tHead && t.tHead.rows.length)
      .map(t => t.tHead.rows[0].cells[0].textContent.trim()))],
  };
  const out = document.createElement("pre");
  out.id = "plantrack-measure";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""


def find_chromium() -> str | None:
    """Debian's ``chromium`` (or another Chromium-family browser on PATH), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


BROWSER = find_chromium()
# The browser tests skip, saying why, where no Chromium is installed.
needs_chromium = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless Chromium on PATH (Debian: apt-get install chromium); .ci/run installs it",
)


def _run(browser: str, *args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="plantrack-chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


def print_pdf(browser: str, html: Path, pdf: Path) -> None:
    """The page printed as the browser prints it (A4 from the paper's own @page)."""
    done = _run(browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri())
    if not pdf.exists():
        raise RuntimeError(f"chromium wrote no PDF: {done.stderr[-2000:]}")


def screenshot(
    browser: str, html: Path, png: Path, width: int = 900, height: int = 1270, scale: float = 1.5
) -> None:
    """The top of the page (at A4 proportions by default), at 1.5x for a crisp image.
    Narrower than Chromium's smallest window (a phone), the page is laid out that wide
    in a frame, centred on grey, as a phone would show it."""
    target = html.resolve()
    frame = html.with_name(f".frame-{html.name}")
    if width < MIN_WINDOW:
        page = FRAME.format(src=html.name, width=width).replace(
            'style="margin:0"', 'style="margin:0;background:#d5d8db"'
        )
        frame.write_text(
            page.replace("display:block", f"display:block;margin:0 auto;height:{height}px"),
            encoding="utf-8",
        )
        target = frame.resolve()
    try:
        _run(
            browser,
            f"--window-size={max(width, MIN_WINDOW)},{height}",
            f"--force-device-scale-factor={scale}",
            f"--screenshot={png.resolve()}",
            target.as_uri(),
        )
    finally:
        frame.unlink(missing_ok=True)
    if not png.exists():
        raise RuntimeError("chromium wrote no screenshot")


def measure(browser: str, html: Path, width: int = A4_TEXT_WIDTH_PX) -> dict:
    """Lay the page out ``width`` CSS pixels wide (the printed text width) and report
    what the script in :data:`MEASURE` found."""
    return run_in_page(browser, html, MEASURE, width)


# Headless Chromium will not make a window narrower than 500 CSS pixels; a narrower
# page is laid out in an iframe that wide, which is its viewport (media queries and
# all), and posts what its script found up to the page around it.
MIN_WINDOW = 500
FRAME = """<!DOCTYPE html><html lang="en"><head><title>frame</title></head>
<body style="margin:0"><iframe title="page" src="{src}"
 style="width:{width}px;height:1000px;border:0;display:block"></iframe>
<script>
window.addEventListener("message", (event) => {{
  const out = document.createElement("pre");
  out.id = "plantrack-measure";
  out.textContent = event.data;
  document.body.appendChild(out);
}});
</script></body></html>
"""
TO_PARENT = """<script>
if (window.parent !== window) {
  new MutationObserver((changes, observer) => {
    const out = document.getElementById("plantrack-measure");
    if (out) { observer.disconnect(); window.parent.postMessage(out.textContent, "*"); }
  }).observe(document.body, {childList: true});
}
</script>
"""


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
# The WCAG 2.0, 2.1 and 2.2 level A and AA rules (axe-core's tags; 2.2 added only AA
# rules that axe can test).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Defined beside axe-core for every checking script: ``plantrackReport(found)`` writes
# the findings where run_in_page reads them; ``plantrackAxe()`` runs the WCAG rules and
# resolves to axe's version, how many rules ran, and each violation.
AXE_HELPERS = """
<script>
window.plantrackReport = (found) => {
  const out = document.createElement("pre");
  out.id = "plantrack-measure";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
};
window.plantrackAxe = () =>
  axe.run(document, {runOnly: {type: "tag", values: TAGS}, resultTypes: ["violations"]})
    .then((result) => ({
      axe_version: axe.version,
      rules_run: result.passes.length + result.violations.length +
        result.incomplete.length + result.inapplicable.length,
      violations: result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.html.slice(0, 120)),
      })),
    }));
</script>
"""
# axe-core alone.
AXE_ONLY = """
<script>
window.addEventListener("load", () => {
  plantrackAxe().then(plantrackReport)
    .catch((error) => plantrackReport({error: String(error)}));
});
</script>
"""


def with_axe(script: str = AXE_ONLY) -> str:
    """The vendored axe-core and its helpers (run with the WCAG A and AA tags), then
    ``script``."""
    helpers = AXE_HELPERS.replace("TAGS", repr(WCAG_TAGS))
    return f"<script>{AXE.read_text(encoding='utf-8')}</script>{helpers}{script}"


def run_in_page(browser: str, html: Path, script: str, width: int, *, beside: bool = False) -> dict:
    """Run ``script`` (``<script>`` elements, which end by writing JSON into a
    ``<pre id="plantrack-measure">``) in a copy of the page laid out ``width`` CSS
    pixels wide, and return what it wrote. ``beside`` puts the copy next to the page,
    so the page's own relative links (its stylesheet) still load."""
    text = html.read_text(encoding="utf-8").replace("</body>", TO_PARENT + script + "</body>")
    with tempfile.TemporaryDirectory(prefix="plantrack-measure-") as folder:
        copy = html.with_name(f".measure-{html.name}") if beside else Path(folder) / "page.html"
        copy.write_text(text, encoding="utf-8")
        frame = copy.with_name(f".frame-{copy.name}")
        if width < MIN_WINDOW:
            frame.write_text(FRAME.format(src=copy.name, width=width), encoding="utf-8")
        try:
            opened = frame if width < MIN_WINDOW else copy
            done = dump_dom(browser, opened, max(width, MIN_WINDOW))
        finally:
            for made in (copy, frame) if beside else ():
                made.unlink(missing_ok=True)
    found = re.search(r'<pre id="plantrack-measure">(.*?)</pre>', done.stdout, re.S)
    if not found:
        raise RuntimeError(f"the measuring script did not report: {done.stderr[-2000:]}")
    import html as entities

    return json.loads(entities.unescape(found.group(1)))


def dump_dom(
    browser: str, html: Path, width: int, javascript: bool = True
) -> subprocess.CompletedProcess:
    """The page's DOM once loaded ``width`` CSS pixels wide (``stdout``). Without
    ``javascript`` a copy beside the page forbids every script (a Content Security
    Policy of ``script-src 'none'``): Chromium's own switch for it also stops
    ``--dump-dom``, which reads the DOM through the same engine."""
    target = html
    if not javascript:
        target = html.with_name(f".nojs-{html.name}")
        policy = '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        text = html.read_text(encoding="utf-8")
        target.write_text(text.replace("<head>", "<head>" + policy, 1), encoding="utf-8")
    try:
        return _run(
            browser,
            f"--window-size={width},1000",
            "--virtual-time-budget=5000",
            "--dump-dom",
            target.resolve().as_uri(),
        )
    finally:
        if target != html:
            target.unlink(missing_ok=True)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pypdf), or as many empty strings as the PDF has pages
    when pypdf is not installed (a regex on the page objects still counts them)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        count = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        return [""] * count
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5, 6) or argv[1] != "screenshot":
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    browser = find_chromium()
    if browser is None:
        print(
            "no headless Chromium found (Debian: apt-get install chromium): "
            f"open {argv[2]} in a browser instead",
            file=sys.stderr,
        )
        return 1
    size = [int(n) for n in argv[4:]]
    screenshot(browser, Path(argv[2]), Path(argv[3]), *size)
    print(f"wrote {argv[3]}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    sys.exit(main(sys.argv))
