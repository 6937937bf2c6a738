"""Ringkasan, Pilar and Metodologi in a real browser (the harness of conftest.py): charts and maps drawn
at a projector size (1920×1080) and a laptop size (1366×768) with screenshots to look at; the briefing PDF
and the ranking exports download and read back equal to what the page shows; a URL reproduces the view;
moving a what-if weight re-ranks; no request leaves 127.0.0.1. Widget-change timings are written to
tests/artefak/ringkasan-browser.json (measured, not asserted)."""
from __future__ import annotations

import io
import json
import re
import statistics
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ARTEFAK, bentuk_leaflet, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
STATE = """() => document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')"""
UKURAN = [(1920, 1080), (1366, 768)]
WAKTU: dict[str, list[float]] = {}


def _lokal(url: str) -> bool:
    p = urlsplit(url)
    return p.scheme in {"data", "blob", "about", "chrome", "chrome-error"} or p.hostname == "127.0.0.1"


def _tunggu(page, batas_ms: int = 180_000) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=batas_ms)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, state="attached", timeout=batas_ms)


def _buka(context, url: str, luar: list[str]):
    page = context.new_page()
    page.on("request", lambda r: luar.append(r.url) if not _lokal(r.url) else None)
    page.on("websocket", lambda ws: luar.append(ws.url) if not _lokal(ws.url) else None)
    page.route(lambda u: not _lokal(u), lambda route: route.abort("blockedbyclient"))
    page.goto(url, wait_until="domcontentloaded")
    _tunggu(page)
    return page


def _plotly_digambar(page, minimal: int, batas_s: float = 60) -> int:
    """Plotly figures with something drawn (SVG trace paths, or the map's canvas)."""
    akhir = time.monotonic() + batas_s
    while True:
        n = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(
            p => p.querySelector('.trace path, canvas, .hm image')).length""")
        if n >= minimal or time.monotonic() > akhir:
            return n
        page.wait_for_timeout(250)


def _leaflet_digambar(page, batas_s: float = 60) -> int:
    """Clickable shapes drawn on the page's Leaflet maps, once any are."""
    akhir = time.monotonic() + batas_s
    while True:
        n = sum(bentuk_leaflet(page))
        if n or time.monotonic() > akhir:
            return n
        page.wait_for_timeout(250)


def _layar(page, nama: str) -> None:
    """Full-page screenshots at both sizes (Streamlit scrolls inside its own container)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lebar, tinggi in UKURAN:
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / f"{nama}-layar-{lebar}x{tinggi}.png"))   # what a projector shows
        isi = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
        page.set_viewport_size({"width": lebar, "height": min(max(tinggi, int(isi)), 12_000)})
        page.wait_for_timeout(1200)
        page.screenshot(path=str(SCREENSHOTS / f"{nama}-{lebar}x{tinggi}.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})


def _selesai_setelah(page, aksi) -> float:
    """Milliseconds from an action to the script run it triggers being over."""
    t0 = time.perf_counter()
    aksi()
    while time.perf_counter() - t0 < 5 and page.evaluate(STATE) != "running":
        page.wait_for_timeout(10)
    while page.evaluate(STATE) != "notRunning":
        page.wait_for_timeout(10)
    return (time.perf_counter() - t0) * 1000


def _pilih(page, label: str, opsi: str) -> float:
    """Choose ``opsi`` in the selectbox labelled ``label``; milliseconds until the rerun is over."""
    kotak = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    kotak.scroll_into_view_if_needed()
    pilihan = page.get_by_role("option", name=opsi, exact=True)
    for _ in range(5):
        kotak.locator("input").first.click()
        try:
            pilihan.wait_for(state="visible", timeout=3000)
            break
        except Exception:  # the list did not open (focus elsewhere): press Escape and retry
            page.keyboard.press("Escape")
    return _selesai_setelah(page, pilihan.click)


@pytest.fixture(scope="module")
def server(streamlit_server, browser_context):
    page = browser_context.new_page()   # the first request of a fresh server is not a deep link
    page.goto(streamlit_server.base_url + "/", wait_until="domcontentloaded")
    _tunggu(page)
    page.close()
    yield streamlit_server
    (ARTEFAK / "ringkasan-browser.json").write_text(json.dumps(
        {k: {"ms": [round(x) for x in v], "median_ms": round(statistics.median(v))} for k, v in WAKTU.items() if v},
        indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def at_ringkasan(tmp_path_factory):
    """The same pages through AppTest on the same (seeded) demo: what the page shows, as data."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "at.duckdb"))
    from streamlit.testing.v1 import AppTest

    from indicators.dasar.pengaturan import AKAR

    def buka(halaman: str | None, **query):
        at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=300)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        if halaman:
            at.switch_page(halaman).run()
        assert not at.exception
        return at
    yield buka
    mp.undo()


def test_ringkasan_digambar_dan_briefing_pdf_terunduh(server, browser_context, at_ringkasan, tmp_path):
    from pypdf import PdfReader

    luar: list[str] = []
    page = _buka(browser_context, server.base_url + "/", luar)
    try:
        assert _plotly_digambar(page, 2) >= 2          # the pillar bars and the kecamatan map
        assert page.locator(EXCEPTION).count() == 0
        teks = page.locator('[data-testid="stApp"]').inner_text()
        assert "tersimulasi" in teks.lower() and "Tiga hal yang perlu keputusan" in teks
        at = at_ringkasan(None)
        pernyataan = [m.value for m in at.markdown if m.value.startswith("##### ")]
        assert len(pernyataan) == 3
        for p in pernyataan:   # the browser shows the statements AppTest computed (markdown escapes removed)
            isi = re.sub(r"^##### \d\. ", "", p).replace("\\", "")
            assert isi in teks, isi
        peta = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p._fullData)
            .flat().filter(t => t.type === 'choroplethmap').map(t => t.locations.length)""")
        assert peta[0] == 28
        _layar(page, "rk-ringkasan")
        tombol = page.get_by_role("button", name="Unduh briefing (PDF, satu halaman)")
        tombol.scroll_into_view_if_needed()
        with page.expect_download(timeout=120_000) as unduhan:
            t0 = time.perf_counter()
            tombol.click()
        WAKTU.setdefault("ringkasan: briefing PDF diunduh", []).append((time.perf_counter() - t0) * 1000)
        berkas = tmp_path / "briefing.pdf"
        unduhan.value.save_as(berkas)
        pdf = PdfReader(io.BytesIO(berkas.read_bytes()))
        assert len(pdf.pages) == 1
        isi_pdf = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
        assert "Kabupaten Lampung Tengah (18.02) · Oktober 2026" in isi_pdf and "DATA TERSIMULASI" in isi_pdf
        for p in pernyataan:
            assert re.sub(r"^##### \d\. ", "", p).replace("\\", "") in isi_pdf
        # the period selector re-renders without recomputing what did not change
        for nama in ("September 2026", "Oktober 2026", "September 2026", "Oktober 2026"):
            WAKTU.setdefault("ringkasan: ganti periode", []).append(_pilih(page, "Periode", nama))
        _tunggu(page)
        assert page.locator(EXCEPTION).count() == 0
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"


def test_pilar_url_memulihkan_tampilan_dan_ekspor_sama_dengan_tabel(server, browser_context, at_ringkasan, tmp_path):
    import openpyxl
    import pandas as pd

    query = {"tingkat": "desa", "pilar": "society", "elemen": "keamanan", "indikator": "soc_ronda_rutin",
             "kec": "18.02.03,18.02.07", "unit": "18.02.03.2001", "lang": "en"}
    luar: list[str] = []
    url = server.base_url + "/pilar?" + "&".join(f"{k}={v}" for k, v in query.items())
    page = _buka(browser_context, url, luar)
    try:
        assert _plotly_digambar(page, 3) >= 3          # distribution, ranking, trend
        n_leaflet = _leaflet_digambar(page)             # the map (Leaflet): one clickable shape per village
        assert page.locator(EXCEPTION).count() == 0
        teks = page.locator('[data-testid="stApp"]').inner_text()
        for kata in ("Patrol regularity", "Village", "Smart Society", "Security", "Ranking: Patrol regularity"):
            assert kata in teks, kata
        assert {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()} == query
        _layar(page, "rk-pilar-url")
        at = at_ringkasan("pages/pilar.py", **query)
        tampil = next(e.value for e in at.dataframe if "Raw value (% malam)" in e.value.columns)
        assert n_leaflet >= len(tampil) > 10, (n_leaflet, len(tampil))  # every village of the two kecamatan
        berkas = {}
        for fmt in ("csv", "xlsx"):
            tombol = page.get_by_role("button", name=f"Download {fmt.upper()}").first
            tombol.scroll_into_view_if_needed()
            with page.expect_download(timeout=60_000) as unduhan:
                tombol.click()
            berkas[fmt] = tmp_path / f"peringkat.{fmt}"
            unduhan.value.save_as(berkas[fmt])
        assert unduhan.value.suggested_filename == "peringkat_desa_soc_ronda_rutin_2026-10.xlsx"
        # the CSV for Excel with Indonesian settings: metadata block, blank line, then ';' and decimal comma
        baris_csv = berkas["csv"].read_text(encoding="utf-8-sig").splitlines()
        assert baris_csv[0].startswith("Regency/city;") and "Data tersimulasi" in "\n".join(baris_csv)
        csv = pd.read_csv(berkas["csv"], sep=";", decimal=",", skiprows=baris_csv.index("") + 1,
                          encoding="utf-8-sig", dtype={"Code": str, "Rank": "Int64"})
        baris = list(openpyxl.load_workbook(berkas["xlsx"]).active.iter_rows(values_only=True))
        xlsx = pd.DataFrame(baris[1:], columns=baris[0])
        assert list(csv.columns) == list(xlsx.columns) == list(tampil.columns)
        assert csv["Code"].tolist() == xlsx["Code"].tolist() == tampil["Code"].tolist()
        for kolom in ("Score (0–100)", "Raw value (% malam)"):
            harap = [None if s == "insufficient data" else float(s.replace(",", "")) for s in tampil[kolom]]
            for a, b_, c in zip(csv[kolom], xlsx[kolom], harap, strict=True):
                if c is None:
                    assert pd.isna(a) and b_ is None       # insufficient data: an empty cell, never 0
                else:
                    assert round(a, 2 if "Raw" in kolom else 1) == c and round(b_, 2 if "Raw" in kolom else 1) == c
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"


def test_pilar_geser_bobot_mengubah_peringkat(server, browser_context):
    luar: list[str] = []
    page = _buka(browser_context, server.base_url + "/pilar", luar)
    try:
        assert _plotly_digambar(page, 6) >= 6        # map, distribution, intervals, trend, weights, Sobol...
        assert page.locator(EXCEPTION).count() == 0
        _layar(page, "rk-pilar")
        geser = page.locator('[data-testid="stSlider"]').filter(has_text="Branding Cerdas").locator(
            'input[type="range"]')
        geser.scroll_into_view_if_needed()
        for _ in range(8):   # 1.00 → 3.00 in steps of 0.25, each step a fragment rerun
            geser.focus()
            WAKTU.setdefault("pilar: geser bobot (fragmen)", []).append(
                _selesai_setelah(page, lambda: page.keyboard.press("ArrowRight")))
        _tunggu(page)
        assert parse_qs(urlsplit(page.url).query).get("bobot") == ["branding:3"]
        teks = page.locator('[data-testid="stApp"]').inner_text()
        assert re.search(r"Dengan bobot uji, \d+ dari 28 wilayah berpindah peringkat", teks)
        assert page.locator(EXCEPTION).count() == 0
        for nama in ("Branding Cerdas", "Ekonomi Cerdas", "Branding Cerdas", "Ekonomi Cerdas"):
            WAKTU.setdefault("pilar: ganti pilar (rerun penuh)", []).append(_pilih(page, "Pilar", nama))
        _tunggu(page)
        assert page.locator(EXCEPTION).count() == 0
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"


def test_metodologi_mencantumkan_setiap_indikator(server, browser_context):
    from indicators.skor import muat_kerangka

    luar: list[str] = []
    page = _buka(browser_context, server.base_url + "/metodologi?lang=en", luar)
    try:
        assert _plotly_digambar(page, 3) >= 3
        assert page.locator(EXCEPTION).count() == 0
        teks = page.locator('[data-testid="stApp"]').inner_text()
        assert "Min-max does not" in teks and "Cronbach" in teks
        # the catalogue is a canvas grid: its row count is what AppTest checks; here the framework drew
        jumlah = len(muat_kerangka().indikator)
        assert f"{jumlah} indicators in 18 elements and six pillars" in teks
        _layar(page, "rk-metodologi")
    finally:
        page.close()
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"
