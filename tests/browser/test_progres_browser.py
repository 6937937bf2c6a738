"""Progress and evaluation pages in a real browser (the harness of conftest.py): the S-curves are drawn
with the URL's filters applied, the evaluation shows the five dimensions and the achievement index, the
review report PDF downloads and reads back, and no request leaves 127.0.0.1. Screenshots land in
tests/artefak/screenshots/ (look at them)."""
from __future__ import annotations

import io
import time
from urllib.parse import urlsplit

import pytest

from indicators.dasar.format import nama_periode

from .conftest import ARTEFAK, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
GARIS = ".js-plotly-plot .scatterlayer .trace path.js-line"
DIMENSI = ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]


def _lokal(url: str) -> bool:
    p = urlsplit(url)
    return p.scheme in {"data", "blob", "about", "chrome", "chrome-error"} or p.hostname == "127.0.0.1"


def _tunggu(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=180_000)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, state="attached", timeout=180_000)


def _buka(context, url: str, luar: list[str]):
    page = context.new_page()
    page.on("request", lambda r: luar.append(r.url) if not _lokal(r.url) else None)
    page.route(lambda u: not _lokal(u), lambda route: route.abort("blockedbyclient"))
    page.goto(url, wait_until="domcontentloaded")
    _tunggu(page)
    return page


def _tangkap(page, nama: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tinggi = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": 1600, "height": min(max(900, int(tinggi)), 12_000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / f"{nama}.png"), full_page=True)


@pytest.fixture(scope="module")
def server_siap(streamlit_server, browser_context):
    # The first request of a fresh server should not be a deep link: Streamlit then runs the page as a
    # legacy `pages/` page, without app.py's navigation (reported; app.py and the folder are not ours).
    page = browser_context.new_page()
    page.goto(streamlit_server.base_url + "/", wait_until="domcontentloaded")
    _tunggu(page)
    page.close()
    return streamlit_server


def test_progres_kurva_s_digambar_dengan_filter_url(server_siap, browser_context):
    luar: list[str] = []
    page = _buka(browser_context, server_siap.base_url + "/progres?pilar=governance,living&posisi=2026-06", luar)
    try:
        batas = time.monotonic() + 60
        while page.locator(GARIS).count() < 4 and time.monotonic() < batas:  # target + realisation, twice
            page.wait_for_timeout(250)
        assert page.locator(EXCEPTION).count() == 0
        grafik = page.locator(".js-plotly-plot")
        dengan_garis = sum(1 for i in range(grafik.count())
                           if grafik.nth(i).locator(".scatterlayer .trace path.js-line").count() >= 2)
        assert dengan_garis >= 2, f"{dengan_garis} charts with target and realisation lines"
        teks = page.locator('[data-testid="stApp"]').inner_text()
        assert "Kurva S fisik" in teks and "Kurva S anggaran" in teks and "tersimulasi" in teks.lower()
        # the URL's filters are applied: 6 governance + 5 living programmes, curves up to June 2026
        assert "posisi=2026-06" in page.url
        assert "Program dan quick win\n\n11" in teks
        akhir = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.x[t.x.length - 1])")
        assert set(akhir) == {nama_periode("2026-06", "id")}, akhir   # months as the reader reads them
        _tangkap(page, "progres-filter-url")
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"


def test_evaluasi_lima_dimensi_dan_laporan_pdf_terunduh(server_siap, browser_context, tmp_path):
    from pypdf import PdfReader

    luar: list[str] = []
    page = _buka(browser_context, server_siap.base_url + "/evaluasi", luar)
    try:
        page.wait_for_selector(".js-plotly-plot .hm image, .js-plotly-plot .heatmaplayer", timeout=60_000)
        assert page.locator(EXCEPTION).count() == 0
        teks = page.locator('[data-testid="stApp"]').inner_text()
        assert "Indeks capaian" in teks
        for d in DIMENSI:
            assert d in teks, d
        assert "Padanan ke ITU U4SSC KPI" in teks
        _tangkap(page, "evaluasi-lengkap")
        tombol = page.get_by_role("button", name="Unduh laporan reviu (PDF)")
        tombol.scroll_into_view_if_needed()
        with page.expect_download(timeout=120_000) as unduhan:
            tombol.click()
        berkas = tmp_path / "laporan.pdf"
        unduhan.value.save_as(berkas)
        isi = berkas.read_bytes()
        assert isi.startswith(b"%PDF")
        pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)
        assert "Kabupaten Lampung Tengah (18.02)" in pdf and "Indeks capaian:" in pdf
        assert all(d in pdf for d in DIMENSI)
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"
