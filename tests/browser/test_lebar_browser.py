"""No cut text, and charts and maps whole, on every page at 1366x768 (a government laptop) and 1920x1080.

One browser context per screen size; the pages (and each tab of a page with tabs) are visited in turn and
everything found is reported in one failure. After a page has settled, JavaScript in the page looks for:

* text that does not fit its box: metric values, labels and deltas, widget labels, the selected option
  of a selectbox, multiselect tags, radio/checkbox/toggle labels, tabs, buttons, navigation links,
  expander titles — an element that clips (overflow not visible, or an ellipsis, or a line clamp) and
  whose content is wider or taller than its box; the same for any element on the page drawn with
  ``text-overflow: ellipsis``; and such text running out of its column;
* plotly charts and maps wider than their column or the window, text of a figure (titles, ticks,
  legend, colour bar, notes) outside the figure, a legend over the axis labels or the colour bar;
* plotly maps that do not show all of their regions (cut at an edge) or whose colour bar lies over them;
* Leaflet maps (streamlit-folium frames) wider than their column or the map wider than its frame.

Closed expanders are opened first: what is in them must fit too.

Screenshots of a page with a failure land in tests/artefak/lebar/ (full page, at the size it failed);
with ``DASBOR_FOTO_LEBAR=<folder>`` every page is photographed there.
"""
from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

import pytest

from .conftest import ARTEFAK, CONNECTED, FOLIUM, IDLE, JS_PETA_FOLIUM, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

FOTO = ARTEFAK / "lebar"
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
UKURAN = [(1366, 768), (1920, 1080)]

TAB = '[data-testid="stMain"] [data-testid="stTab"]'
IDLE_TIMEOUT_MS = 120_000  # the first page of the session also loads the demo data into the store
CHART_TIMEOUT_S = 60       # the first plotly chart waits for Streamlit's 4.7 MB plotly bundle
SETTLE_MS = 400

# Text that must fit. Each entry: (name in the report, CSS selector of the element whose text it is).
# The selected option of a selectbox is the value of its combobox input (react-aria in Streamlit 1.67);
# the baseweb selectors cover the older select of Streamlit.
JS_TEKS = r"""() => {
    const ROOTS = [
        ['metric value', '[data-testid="stMetricValue"]'],
        ['metric label', '[data-testid="stMetricLabel"]'],
        ['metric delta', '[data-testid="stMetricDelta"]'],
        ['widget label', '[data-testid="stWidgetLabel"]'],
        ['selected option', '[data-testid="stSelectbox"] input[role="combobox"]'],
        ['selected option', '[data-baseweb="select"] [class*="ValueContainer"], [data-baseweb="select"] [value]'],
        ['multiselect tag', '[data-testid="stMultiSelectTagsContainer"] > :not(input), [data-baseweb="tag"]'],
        ['radio option', '[data-testid="stRadioOption"]'],
        ['checkbox label', '[data-testid="stCheckbox"] label, [data-testid="stToggle"] label'],
        ['tab label', '[data-testid="stTab"]'],
        ['button label', '[data-testid^="stBaseButton"], [data-testid="stPageLink-NavLink"]'],
        ['navigation link', '[data-testid="stSidebarNavLink"]'],
        ['expander title', '[data-testid="stExpander"] summary'],
    ];
    const TOL = 1;
    const vw = document.documentElement.clientWidth;
    const app = document.querySelector('[data-testid="stApp"]');
    const out = [];
    const reported = new Set();
    const shown = el => {
        const r = el.getBoundingClientRect();
        if (r.width <= 2 || r.height <= 2) return false;  // hidden, or a screen-reader-only box
        const d = el.closest('details:not([open])');  // a closed expander keeps its content laid out
        if (d && !el.closest('summary')) return false;
        const cs = getComputedStyle(el);
        return cs.visibility !== 'hidden' && cs.display !== 'none' && el.getClientRects().length > 0;
    };
    const text = el => (el.tagName === 'INPUT' ? el.value : el.innerText || '').replace(/\s+/g, ' ').trim();
    const name = el => {
        const t = el.getAttribute('data-testid');
        const k = typeof el.className === 'string' && el.className.match(/\bst[A-Z]\w*/);
        return el.tagName.toLowerCase() + (t ? `[data-testid="${t}"]` : '') + (k ? '.' + k[0] : '');
    };
    // Is `el` cut? Returns a short reason, or null.
    const cut = el => {
        if (!(el instanceof HTMLElement) || !shown(el) || !text(el)) return null;
        const cs = getComputedStyle(el);
        const clipsX = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis' || el.tagName === 'INPUT';
        const clipsY = cs.overflowY !== 'visible' || (cs.webkitLineClamp && cs.webkitLineClamp !== 'none');
        if (clipsX && el.scrollWidth > el.clientWidth + TOL)
            return `needs ${el.scrollWidth} px wide, has ${el.clientWidth} px (${name(el)})`;
        if (clipsY && el.tagName !== 'INPUT' && el.scrollHeight > el.clientHeight + TOL) {
            // scrollHeight also counts a paragraph's bottom margin: measured on the lines of text instead
            const r = el.getBoundingClientRect(), range = document.createRange();
            range.selectNodeContents(el);
            const lines = [...range.getClientRects()].filter(l => l.width > 0);
            const lo = Math.min(...lines.map(l => l.top)), hi = Math.max(...lines.map(l => l.bottom));
            if (lines.length && (hi > r.bottom + TOL || lo < r.top - TOL))
                return `needs ${Math.round(hi - lo)} px high, has ${Math.round(r.height)} px (${name(el)})`;
        }
        return null;
    };
    const column = el => el.closest('[data-testid="stColumn"]') || el.closest('[data-testid="stVerticalBlock"]');
    const report = (kind, root, why) => {
        if (reported.has(root)) return;
        reported.add(root);
        out.push({kind, text: text(root).slice(0, 80), why});
    };
    for (const [kind, sel] of ROOTS) {
        for (const root of app.querySelectorAll(sel)) {
            if (root.closest('[data-testid="stDataFrame"]') || !shown(root)) continue;
            const why = [root, ...root.querySelectorAll('*')].map(cut).find(Boolean);
            if (why) { report(kind, root, why); continue; }
            // not clipped, but running out of its column (or the window) over what is next to it
            const col = column(root);
            if (!col || root.tagName === 'INPUT') continue;
            const range = document.createRange();
            range.selectNodeContents(root);
            const t = range.getBoundingClientRect(), c = col.getBoundingClientRect();
            if (t.width > 0 && (t.right > Math.min(c.right, vw) + TOL || t.left < c.left - TOL))
                report(kind, root, `text ${Math.round(t.left)}–${Math.round(t.right)} px runs out of its column `
                                   + `${Math.round(c.left)}–${Math.round(c.right)} px`);
        }
    }
    // Anything else drawn with an ellipsis (or a line clamp) that is cut.
    for (const el of app.querySelectorAll('*')) {
        if (!(el instanceof HTMLElement) || el.closest('[data-testid="stDataFrame"]')) continue;
        const cs = getComputedStyle(el);
        if (cs.textOverflow !== 'ellipsis' && !(cs.webkitLineClamp && cs.webkitLineClamp !== 'none')) continue;
        const why = cut(el);
        if (!why) continue;
        const root = el.closest('[data-testid]:not([data-testid="stMarkdownContainer"])') || el;
        if ([...reported].some(r => r.contains(el) || el.contains(r))) continue;
        report('ellipsis', root, why);
    }
    return out;
}"""

# Plotly charts and maps, and the frames of Leaflet maps.
JS_GRAFIK = r"""() => {
    const TOL = 2;
    const vw = document.documentElement.clientWidth;
    const out = [];
    const R = r => `${Math.round(r.left)}–${Math.round(r.right)}×${Math.round(r.top)}–${Math.round(r.bottom)}`;
    const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const overlap = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
                              * (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOL ? 1 : 0);
    const inside = (a, b) => a.left >= b.left - TOL && a.right <= b.right + TOL
                             && a.top >= b.top - TOL && a.bottom <= b.bottom + TOL;
    const block = el => el.closest('[data-testid="stColumn"]') || el.closest('[data-testid="stVerticalBlock"]');
    const title = gd => {
        const t = gd.querySelector('.gtitle');
        return (t && t.textContent.trim()) || (gd.layout && gd.layout.title && gd.layout.title.text) || '(untitled)';
    };
    const whole = (what, name, el) => {
        const r = el.getBoundingClientRect(), b = block(el);
        const c = b ? b.getBoundingClientRect() : {left: 0, right: vw};
        if (r.left < c.left - TOL || r.right > c.right + TOL)
            out.push({kind: what, text: name, why: `${Math.round(r.left)}–${Math.round(r.right)} px is wider than `
                      + `its column ${Math.round(c.left)}–${Math.round(c.right)} px`});
        else if (r.right > vw + TOL || r.left < -TOL)
            out.push({kind: what, text: name, why: `${Math.round(r.left)}–${Math.round(r.right)} px is outside `
                      + `the window (0–${vw} px)`});
    };
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        if (!shown(gd) || !gd._fullLayout) continue;
        const name = title(gd);
        const svg = gd.querySelector('svg.main-svg') || gd;
        whole('chart', name, gd);
        if (svg !== gd && svg.getBoundingClientRect().width > gd.getBoundingClientRect().width + TOL)
            out.push({kind: 'chart', text: name, why: 'the figure is drawn wider than its box'});
        const fig = svg.getBoundingClientRect();
        // every text of the figure (not the hover boxes) inside the figure
        for (const t of gd.querySelectorAll('svg.main-svg text')) {
            if (t.closest('.hoverlayer') || !t.textContent.trim() || !shown(t)) continue;
            const r = t.getBoundingClientRect();
            if (!inside(r, fig)) {
                out.push({kind: 'chart text', text: `${name}: ${t.textContent.trim().slice(0, 50)}`,
                          why: `text ${R(r)} outside the figure ${R(fig)}`});
                break;
            }
        }
        // the legend clear of the axis labels, axis titles and the colour bar
        const axisText = [...gd.querySelectorAll(
            '.xaxislayer-above text, .yaxislayer-above text, [class*="xtitle"] text, [class*="ytitle"] text, '
            + '.colorbar text, .colorbar rect.cbbg')].filter(shown);
        for (const lg of gd.querySelectorAll('.legend')) {
            if (!shown(lg)) continue;
            const bg = lg.querySelector('rect.bg') || lg;
            const lr = bg.getBoundingClientRect();
            const hit = axisText.find(a => overlap(lr, a.getBoundingClientRect()) > TOL);
            if (hit)
                out.push({kind: 'legend', text: name, why: `legend ${R(lr)} over "${hit.textContent.trim().slice(0, 30)
                          || 'colour bar'}" ${R(hit.getBoundingClientRect())}`});
        }
        // plotly maps: every region (its bounding box) in view, none of it under the colour bar
        const fl = gd._fullLayout;
        for (const id of Object.keys(fl).filter(k => /^map\d*$/.test(k))) {
            const m = fl[id] && fl[id]._subplot && fl[id]._subplot.map;
            if (!m || typeof m.project !== 'function') continue;
            let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
            const walk = c => {
                if (typeof c[0] === 'number') {
                    x0 = Math.min(x0, c[0]); x1 = Math.max(x1, c[0]); y0 = Math.min(y0, c[1]); y1 = Math.max(y1, c[1]);
                } else c.forEach(walk);
            };
            const geo = g => {
                if (!g) return;
                if (g.type === 'FeatureCollection') g.features.forEach(f => geo(f.geometry));
                else if (g.type === 'Feature') geo(g.geometry);
                else if (g.coordinates) walk(g.coordinates);
            };
            for (const t of gd.data)
                if ((t.subplot || 'map') === id && t.type === 'choroplethmap' && t.visible !== false) geo(t.geojson);
            for (const l of (gd.layout[id] && gd.layout[id].layers) || [])
                if (l.sourcetype === 'geojson' && typeof l.source === 'object') geo(l.source);
            if (!isFinite(x0)) continue;
            const box = m.getContainer().getBoundingClientRect();
            const a = m.project([x0, y1]), b = m.project([x1, y0]);
            const data = {left: box.left + a.x, top: box.top + a.y, right: box.left + b.x, bottom: box.top + b.y};
            const col = block(gd) ? block(gd).getBoundingClientRect() : box;
            const view = {left: Math.max(box.left, fig.left, col.left, 0),
                          right: Math.min(box.right, fig.right, col.right, vw),
                          top: Math.max(box.top, fig.top), bottom: Math.min(box.bottom, fig.bottom)};
            if (!inside(data, view))
                out.push({kind: 'map', text: name, why: `regions ${R(data)} do not fit the map's view ${R(view)}`});
            for (const cb of gd.querySelectorAll('.colorbar')) {
                const r = (cb.querySelector('rect.cbbg') || cb).getBoundingClientRect();
                if (shown(cb) && overlap(r, data) > TOL)
                    out.push({kind: 'map', text: name, why: `colour bar ${R(r)} over the regions ${R(data)}`});
            }
        }
    }
    for (const f of document.querySelectorAll('iframe')) if (shown(f)) whole('map frame', f.title || 'iframe', f);
    return out;
}"""

# Inside a streamlit-folium frame: the Leaflet map no wider than its frame. (What it shows is fitted by
# Leaflet to the size it gets: fit_bounds in indicators.tampilan.leaflet.)
JS_LEAFLET = r"""() => {
    const c = document.querySelector('.leaflet-container');
    if (!c) return [];
    const w = c.getBoundingClientRect(), fw = document.documentElement.clientWidth;
    return w.left < -2 || w.right > fw + 2
        ? [`the map ${Math.round(w.left)}–${Math.round(w.right)} px is wider than its frame (${fw} px)`] : [];
}"""

JS_TINGGI = """() => Math.max(document.documentElement.scrollHeight,
    ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]', '[data-testid="stSidebarContent"]']
       .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""


def _tunggu_diam(page) -> None:
    """Streamlit idle: connected, the script not running (checked twice: a rerun can follow)."""
    page.wait_for_selector(CONNECTED, state="attached", timeout=IDLE_TIMEOUT_MS)
    for _ in range(2):
        page.wait_for_timeout(SETTLE_MS)
        page.wait_for_selector(IDLE, state="attached", timeout=IDLE_TIMEOUT_MS)


def _tunggu_grafik(page) -> None:
    """Every plotly element drawn (its SVG there), every map loaded, every Leaflet frame with its map."""
    akhir = time.monotonic() + CHART_TIMEOUT_S
    while time.monotonic() < akhir:
        siap = page.evaluate("""() => {
            const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const maps = plots.flatMap(gd => Object.keys(gd._fullLayout || {}).filter(k => /^map\\d*$/.test(k))
                .map(k => gd._fullLayout[k]._subplot && gd._fullLayout[k]._subplot.map).filter(Boolean));
            return plots.length >= charts.length && plots.every(gd => gd.querySelector('svg.main-svg'))
                && maps.every(m => m.loaded());
        }""")
        leaflet = True
        for f in page.frames[1:]:
            with contextlib.suppress(PlaywrightError):
                if f.frame_element().get_attribute("title") == "streamlit_folium.st_folium" and \
                        f.frame_element().is_visible() and not f.evaluate(f"() => !!({JS_PETA_FOLIUM})"):
                    leaflet = False
        if siap and leaflet:
            break
        page.wait_for_timeout(300)
    page.wait_for_timeout(2 * SETTLE_MS)  # plotly's resize to the column after it is first drawn


def _periksa(page) -> list[dict]:
    hasil = page.evaluate(JS_TEKS) + page.evaluate(JS_GRAFIK)
    ifr = page.locator(FOLIUM)
    for i in range(ifr.count()):
        with contextlib.suppress(PlaywrightError):  # a frame redrawn while we looked
            if not ifr.nth(i).is_visible():
                continue
            f = ifr.nth(i).element_handle().content_frame()
            for why in (f.evaluate(JS_LEAFLET) if f else None) or []:
                hasil.append({"kind": "leaflet map", "text": f"map {i + 1}", "why": why})
    return hasil


def _buka_expander(page) -> None:
    """Open every closed expander on screen (main area and sidebar): their content must fit too."""
    for ringkas in page.locator("details:not([open]) > summary").all():
        with contextlib.suppress(PlaywrightError):
            if ringkas.is_visible():
                ringkas.click()
    page.wait_for_timeout(SETTLE_MS)


def _foto(page, lebar: int, tinggi: int, path: Path) -> None:
    """Full page: Streamlit scrolls inside its own container, so the viewport is stretched for the shot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tinggi_isi = min(max(tinggi, int(page.evaluate(JS_TINGGI))), 12_000)
    if tinggi_isi > tinggi:
        page.set_viewport_size({"width": lebar, "height": tinggi_isi})
        page.wait_for_timeout(2 * SETTLE_MS)
    page.screenshot(path=str(path), full_page=True)
    if tinggi_isi > tinggi:
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.wait_for_timeout(2 * SETTLE_MS)


@pytest.mark.parametrize(("lebar", "tinggi"), UKURAN, ids=[f"{w}x{h}" for w, h in UKURAN])
def test_tidak_ada_teks_terpotong_dan_peta_utuh(chromium, streamlit_server, lebar, tinggi):
    context = chromium.new_context(viewport={"width": lebar, "height": tinggi}, device_scale_factor=1,
                                   locale="id-ID", timezone_id="Asia/Jakarta", service_workers="block")
    context.set_default_timeout(30_000)
    # no request leaves the machine (the maps' basemap is off in the test server anyway)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:|about:)"), lambda r: r.abort())
    semua_foto = os.environ.get("DASBOR_FOTO_LEBAR")
    masalah: list[str] = []
    dilihat: set[tuple] = set()
    page = context.new_page()
    try:
        for nama, path in HALAMAN:
            page.goto(streamlit_server.base_url + path, wait_until="domcontentloaded")
            _tunggu_diam(page)
            n_tab = page.locator(TAB).count()
            for i in range(max(n_tab, 1)):
                bagian = nama
                if n_tab:
                    tab = page.locator(TAB).nth(i)
                    bagian = f"{nama} [{tab.inner_text().strip()}]"
                    if tab.get_attribute("aria-selected") != "true":
                        tab.click()
                        _tunggu_diam(page)
                _buka_expander(page)
                _tunggu_grafik(page)
                temuan = [t for t in _periksa(page) if (nama, t["kind"], t["text"], t["why"]) not in dilihat]
                for t in temuan:  # what stays on screen across the tabs (headline metrics) is reported once
                    dilihat.add((nama, t["kind"], t["text"], t["why"]))
                    masalah.append(f"{bagian} {lebar}x{tinggi}: {t['kind']} {t['text']!r}: {t['why']}")
                berkas = re.sub(r"[^\w-]+", "_", bagian).strip("_") + f"-{lebar}x{tinggi}.png"
                if temuan:
                    _foto(page, lebar, tinggi, FOTO / berkas)
                if semua_foto:
                    _foto(page, lebar, tinggi, Path(semua_foto) / berkas)
    finally:
        context.close()
    if masalah:
        pytest.fail(f"{len(masalah)} cut text or chart/map not whole at {lebar}x{tinggi} "
                    f"(screenshots in {FOTO}):\n- " + "\n- ".join(masalah), pytrace=False)
