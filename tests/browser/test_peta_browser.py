"""/pilar's Leaflet map in a real browser: road lines drawn, the layer control turns a layer off and on,
and a click on a kecamatan selects it (the list and the URL follow), with no request beyond 127.0.0.1.

Which kecamatan a click must select is worked out independently of the map: a point inside the
kecamatan's polygon (shapely's representative point of the shipped geometry), put on the screen by the
map's own projection; the page must come back with that kecamatan's code.
"""
from __future__ import annotations

import contextlib
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from shapely.geometry import Point

from .conftest import ARTEFAK, FOLIUM, JS_PETA_FOLIUM, bingkai_leaflet, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
# Leaflet's SVG renderer: a polyline is a path with fill="none"; a region is a filled, clickable path
GARIS = '.leaflet-overlay-pane path[fill="none"]'
WILAYAH = '.leaflet-overlay-pane path.leaflet-interactive:not([fill="none"])'
# The folium map object (a global named map_<id>) projects a latitude/longitude onto the frame; from there
# the nearest spot (within 30 px) where a filled region, not a road line, is on top is taken, and its
# latitude/longitude returned so the test can check it still lies inside the intended kecamatan.
JS_TITIK_KLIK = """([lat, lon]) => {
    const m = PETA;
    const p = m.latLngToContainerPoint([lat, lon]);
    const r = m.getContainer().getBoundingClientRect();
    for (let d = 0; d <= 30; d += 2) {
        for (const [dx, dy] of [[0, 0], [d, 0], [-d, 0], [0, d], [0, -d], [d, d], [-d, -d], [d, -d], [-d, d]]) {
            const x = r.left + p.x + dx, y = r.top + p.y + dy;
            const e = document.elementFromPoint(x, y);
            if (e && e.tagName === 'path' && e.getAttribute('fill') !== 'none'
                    && String(e.getAttribute('class')).includes('leaflet-interactive')) {
                const ll = m.containerPointToLatLng([p.x + dx, p.y + dy]);
                return {x, y, lat: ll.lat, lon: ll.lng};
            }
        }
    }
    return null;
}""".replace("PETA", JS_PETA_FOLIUM)


def _idle(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=180_000)
    for _ in range(2):
        page.wait_for_timeout(600)
        page.wait_for_selector(IDLE, state="attached", timeout=180_000)


def _bingkai(page):
    """The frame of the page's (first) Leaflet map once its regions are drawn."""
    akhir = time.monotonic() + 90
    while time.monotonic() < akhir:
        with contextlib.suppress(PlaywrightError):  # the component frame is (re)created
            f = next(iter(bingkai_leaflet(page)), None)
            if f is not None and f.locator(WILAYAH).count() >= 28:
                return f
        page.wait_for_timeout(500)
    raise AssertionError("the Leaflet map of /pilar drew no regions within 90 s")


def test_pilar_peta_jalan_lapisan_dan_klik_memilih_kecamatan(streamlit_server, browser_context):
    from indicators.wilayah.batas import batas

    kec = batas("18.02", "kecamatan").set_index("kode_wilayah")
    luar: list[str] = []
    page = browser_context.new_page()
    page.on("request", lambda r: luar.append(r.url) if urlsplit(r.url).hostname not in (None, "127.0.0.1")
            and urlsplit(r.url).scheme in ("http", "https", "ws", "wss") else None)
    page.set_viewport_size({"width": 1366, "height": 768})
    try:
        page.goto(streamlit_server.base_url + "/pilar?tingkat=kecamatan", wait_until="domcontentloaded")
        _idle(page)
        f = _bingkai(page)
        assert page.locator(EXCEPTION).count() == 0
        assert f.locator(WILAYAH).count() == len(kec) == 28      # one clickable region per kecamatan

        # road lines are drawn as stroked SVG lines
        garis = f.locator(GARIS).count()
        assert garis > 100 and f.locator(GARIS).first.get_attribute("stroke")

        # the layer control turns the provincial roads off, then on again
        saklar = f.locator(".leaflet-control-layers-overlays label").filter(has_text="provinsi").locator("input")
        assert saklar.count() == 1 and saklar.is_checked()
        saklar.uncheck()
        tanpa = f.locator(GARIS).count()
        assert 0 < tanpa < garis
        saklar.check()
        assert f.locator(GARIS).count() == garis

        # a click inside a kecamatan that is not the selected one selects it
        pilihan = page.locator('[data-testid="stSelectbox"]').filter(has_text="Wilayah terpilih").locator("input")
        sebelum = re.search(r"\((18\.02\.\d\d)\)$", pilihan.input_value()).group(1)
        kode = next(k for k in kec.index if k != sebelum)
        ifr = page.locator(FOLIUM).first
        ifr.scroll_into_view_if_needed()
        kotak = ifr.bounding_box()
        titik = kec.loc[kode, "geometry"].representative_point()
        p = f.evaluate(JS_TITIK_KLIK, [titik.y, titik.x])
        assert p, f"no spot of {kode} free of road lines near its representative point"
        assert kec.loc[kode, "geometry"].contains(Point(p["lon"], p["lat"])), (kode, p)
        page.mouse.click(kotak["x"] + p["x"], kotak["y"] + p["y"])
        akhir = time.monotonic() + 60
        while parse_qs(urlsplit(page.url).query).get("unit") != [kode] and time.monotonic() < akhir:
            page.wait_for_timeout(500)
        _idle(page)
        assert parse_qs(urlsplit(page.url).query).get("unit") == [kode], (page.url, kode)
        assert pilihan.input_value() == f"{kec.loc[kode, 'nama']} ({kode})"
        assert page.locator(EXCEPTION).count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for lebar, tinggi in ((1366, 768), (1920, 1080)):
            page.set_viewport_size({"width": lebar, "height": tinggi})
            page.wait_for_timeout(1500)
            page.screenshot(path=str(SCREENSHOTS / f"pilar-peta-klik-{lebar}x{tinggi}.png"))
        assert not luar, f"requests outside 127.0.0.1: {sorted(set(luar))[:5]}"
    finally:
        page.close()
