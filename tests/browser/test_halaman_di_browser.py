"""Every page in a real browser: opens at its URL without an exception box, draws a chart or map,
says its data is simulated, and makes no request that leaves 127.0.0.1.

Screenshots of each page at 1920x1080 and 1366x768 land in tests/artefak/screenshots/ (look at them).
"""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from .conftest import ARTEFAK, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"

# (name used in screenshots and test ids, URL path)
HALAMAN = [
    ("ringkasan", "/"),
    ("pilar", "/pilar"),
    ("layanan-desa", "/layanan-desa"),
    ("aduan-jalan", "/aduan-jalan"),
    ("progres", "/progres"),
    ("evaluasi", "/evaluasi"),
    ("data", "/data"),
    ("metodologi", "/metodologi"),
]
UKURAN_LAYAR = [(1920, 1080), (1366, 768)]

LOCAL_HOSTS = {"127.0.0.1"}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
# What counts as a drawn chart or map. Plotly: trace shapes, heatmap images, or a canvas (plotly maps are
# drawn by maplibre on a canvas). Vega-Lite (st.*_chart), pydeck, and Leaflet inside st_folium's iframe.
# A table (st.dataframe) also draws on a canvas, so bare canvases outside chart containers do not count.
DRAWN = ", ".join([
    ".js-plotly-plot .trace path",
    ".js-plotly-plot .hm image",
    ".js-plotly-plot canvas",
    '[data-testid="stVegaLiteChart"] canvas',
    '[data-testid="stVegaLiteChart"] svg path',
    '[data-testid="stDeckGlJsonChart"] canvas',
    ".leaflet-container path.leaflet-interactive",
    ".leaflet-container canvas",
    ".leaflet-container .leaflet-marker-icon",
])
CHART_TIMEOUT_S = 60  # the first plotly chart is slow: Streamlit lazy-loads a 4.7 MB bundle
SETTLE_MS = 500
# The first page of a session may also load the demo data into the empty store.
IDLE_TIMEOUT_MS = 120_000


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome", "chrome-error"}:
        return True
    return parts.hostname in LOCAL_HOSTS


def _wait_idle(page) -> None:
    """Streamlit idle: connected, and the script not running (checked twice, a rerun can follow)."""
    page.wait_for_selector(CONNECTED, state="attached", timeout=IDLE_TIMEOUT_MS)
    for _ in range(2):
        page.wait_for_timeout(SETTLE_MS)
        page.wait_for_selector(IDLE, state="attached", timeout=IDLE_TIMEOUT_MS)


def _wait_for_drawing(page, timeout_s: float) -> int:
    """Number of drawn chart/map elements over all frames, waiting up to `timeout_s` for one."""
    deadline = time.monotonic() + timeout_s
    while True:
        count = 0
        for frame in page.frames:
            try:
                count += frame.locator(DRAWN).count()
            except PlaywrightError:  # a frame detached while we looked: the next round counts again
                continue
        if count or time.monotonic() > deadline:
            return count
        page.wait_for_timeout(250)


def _what_is_on_the_page(page) -> str:
    counts = page.evaluate(
        """() => ({
            plotly: document.querySelectorAll('.js-plotly-plot').length,
            canvas: document.querySelectorAll('canvas').length,
            iframes: document.querySelectorAll('iframe').length,
            alerts: document.querySelectorAll('[data-testid="stAlertContentError"]').length,
        })"""
    )
    return (f"{counts['plotly']} plotly plots, {counts['canvas']} canvases, {counts['iframes']} iframes, "
            f"{counts['alerts']} st.error boxes")


def _full_page_screenshot(page, width: int, height: int, path) -> None:
    """Full-page screenshot. Streamlit scrolls inside its own container, not the document, so the
    viewport is stretched to the content's height for the shot and then restored."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(SETTLE_MS)
    content_height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
            ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]', '[data-testid="stSidebarContent"]']
               .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
    )
    tall = min(max(height, int(content_height)), 12_000)
    if tall > height:
        page.set_viewport_size({"width": width, "height": tall})
        page.wait_for_timeout(SETTLE_MS)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": height})


@pytest.mark.parametrize(("nama", "path"), HALAMAN, ids=[h[0] for h in HALAMAN])
def test_halaman_terbuka_tanpa_galat_dengan_grafik_dan_tanpa_permintaan_keluar(
    browser_context, streamlit_server, nama, path
):
    page = browser_context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    # Anything not on 127.0.0.1 is aborted before it leaves the browser, and recorded above.
    page.route(lambda url: not _is_local(url), lambda route: route.abort("blockedbyclient"))

    problems: list[str] = []
    try:
        page.goto(streamlit_server.base_url + path, wait_until="domcontentloaded")
        _wait_idle(page)

        opened = urlsplit(page.url).path.rstrip("/") or "/"
        if opened != path:
            problems.append(f"asked for {path}, the browser ended on {opened} (page not registered at that URL?)")
        if page.get_by_text("Page not found", exact=False).count():
            problems.append(f"Streamlit says there is no page at {path}")

        has_exception = page.locator(EXCEPTION).count() > 0
        # An exception box is already a failure: do not spend the full chart timeout on top of it.
        drawn = _wait_for_drawing(page, timeout_s=5 if has_exception else CHART_TIMEOUT_S)
        if not drawn:
            problems.append(f"no chart or map drawn ({_what_is_on_the_page(page)})")
        _wait_idle(page)

        if "tersimulasi" not in page.locator('[data-testid="stApp"]').inner_text().lower():
            problems.append("no simulated-data label ('Data tersimulasi') on the page")

        # Screenshots also of a failing page: they are how a person sees what went wrong.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width, height in UKURAN_LAYAR:
            _full_page_screenshot(page, width, height, SCREENSHOTS / f"{nama}-{width}x{height}.png")

        # Checked after everything the page does on load, resizing included.
        exceptions = page.locator(EXCEPTION).all_inner_texts()
        if exceptions:
            problems.append("exception box(es):\n    " + "\n    ".join(e.replace("\n", "\n    ") for e in exceptions))
    finally:
        outside = sorted({urlsplit(u).hostname or u for u in requests if not _is_local(u)})
        if outside:
            problems.append(f"requests to hosts outside 127.0.0.1 (blocked): {outside}")
        page.close()

    if problems:
        pytest.fail(f"page {path}:\n- " + "\n- ".join(problems), pytrace=False)
