"""Printing a page (pages/gaya.css's print section and pages/cetak.js): the Ringkasan (/) opened at a
laptop size (1366×768) and a projector size (1920×1080), shown in print media, printed to A4 as the
browser does. On paper: at most two sheets, no sidebar, the "data tersimulasi" warning, and the map
drawn (a Plotly map is a WebGL canvas that printed as an empty box before cetak.js copied it).
The PDFs land in tests/artefak/ (look at them: pdftoppm -png)."""
from __future__ import annotations

import io

import pytest

from .conftest import ARTEFAK, CONNECTED, IDLE, SIDEBAR, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

UKURAN = [(1366, 768), (1920, 1080)]
PETA = ".js-plotly-plot:has(canvas.maplibregl-canvas)"
# Drawn: the pillar chart's bars, and a map whose style and shapes have loaded (maplibre's loaded()).
DIGAMBAR = """() => {
  const p = [...document.querySelectorAll('.js-plotly-plot')];
  const peta = p.map(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot)
                .filter(s => s && s.map);
  return p.some(g => g.querySelector('.trace path')) && peta.length > 0 && peta.every(s => s.map.loaded())
    && window.__dasborCetak === true
    && document.documentElement.style.getPropertyValue('--cetak-lebar') !== '';
}"""
# Registered after cetak.js's listener, so it runs after it: what the print got for the maps.
CATAT_SALINAN = """() => addEventListener('beforeprint', () => {
  window.__salinanPeta = [...document.querySelectorAll('img.cetak-peta')].map(i => i.src.length);
})"""


def _tunggu(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=180_000)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, state="attached", timeout=180_000)


def _berwarna(img) -> float:
    """Share of an image's pixels that are clearly coloured (the map's viridis regions); a table's
    canvas is grey and black, an empty WebGL canvas transparent."""
    b = img.convert("RGB").resize((120, 120)).tobytes()
    px = [b[i:i + 3] for i in range(0, len(b), 3)]
    return sum(max(p) - min(p) > 60 for p in px) / len(px)


@pytest.mark.parametrize(("lebar", "tinggi"), UKURAN, ids=[f"{w}x{h}" for w, h in UKURAN])
def test_ringkasan_tercetak_di_a4(streamlit_server, browser_context, lebar, tinggi):
    pypdf = pytest.importorskip("pypdf")
    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.goto(streamlit_server.base_url + "/", wait_until="domcontentloaded")
        _tunggu(page)
        page.wait_for_function(DIGAMBAR, timeout=90_000, polling=250)
        page.wait_for_timeout(500)  # the map's last frame
        page.evaluate(CATAT_SALINAN)

        page.emulate_media(media="print")
        assert not page.locator(SIDEBAR).is_visible()
        kotak = page.locator(PETA).first.bounding_box()
        assert kotak and kotak["height"] > 200 and kotak["width"] > 150, kotak
        assert page.locator(f"{PETA} canvas.maplibregl-canvas").count() > 0

        pdf = page.pdf(format="A4", print_background=True)
        (ARTEFAK / f"cetak-ringkasan-{lebar}x{tinggi}.pdf").write_bytes(pdf)
        salinan = page.evaluate("window.__salinanPeta")
    finally:
        page.close()

    # every map was copied for the print, and the copy holds a picture (a few KB, not an empty PNG)
    assert salinan and all(n > 5_000 for n in salinan), salinan
    pdf_ = pypdf.PdfReader(io.BytesIO(pdf))
    assert 1 <= len(pdf_.pages) <= 2, f"{len(pdf_.pages)} A4 pages"
    teks = " ".join(" ".join((h.extract_text() or "").split()) for h in pdf_.pages)
    assert "Data tersimulasi" in teks  # the demo warning is on paper
    assert "Ringkasan" in teks and "Indeks per kecamatan" in teks
    for sisi in ("Masuk petugas", "Bahasa / Language"):  # the sidebar is not
        assert sisi not in teks, sisi
    # the map is drawn on paper: an image in the PDF with the map's colours in it
    warna = [_berwarna(g.image) for h in pdf_.pages for g in h.images]
    assert any(w > 0.05 for w in warna), f"no coloured image in the PDF (map blank?): {warna}"
