"""/layanan-desa in a real browser (the harness of conftest.py): the DesaID, Smart Netizen, Ronda Online, signal
and data-quality tabs with drawn charts and village maps, data-quality flags counted, filters and the open
tab read from and written to the URL, the filtered table downloaded, and no request leaving 127.0.0.1.
Screenshots of every tab land in tests/artefak/screenshots/layanan-desa-*.png (look at them); the rerun
time after a filter change is printed (-s) and written to tests/artefak/layanan-browser.json."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import statistics
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ARTEFAK, bentuk_leaflet, browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
# A chart drawn as SVG (bars, lines, heat map image) and a map drawn by maplibre on a canvas.
DIGAMBAR = """() => [...document.querySelectorAll('.js-plotly-plot')].map(p => ({
    judul: (p.querySelector('.gtitle') || {}).textContent || '',
    svg: p.querySelectorAll('.cartesianlayer .trace path, .cartesianlayer .point path, .hm image').length,
    kanvas: p.querySelectorAll('canvas').length}))"""


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


def _teks(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _tangkap(page, nama: str, lebar: int = 1600) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tinggi = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": lebar, "height": min(max(900, int(tinggi)), 14_000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / f"{nama}.png"), full_page=True)
    page.set_viewport_size({"width": lebar, "height": 1000})


def _tunggu_gambar(page, grafik: int, peta: int, batas_s: float = 90) -> list[dict]:
    batas = time.monotonic() + batas_s
    while True:
        g = page.evaluate(DIGAMBAR)
        if (sum(x["svg"] > 0 for x in g) >= grafik and sum(x["kanvas"] > 0 for x in g) >= peta) \
                or time.monotonic() > batas:
            return g
        page.wait_for_timeout(500)


def _nilai_saringan(page) -> dict[str, str]:
    """Label → shown value of every selectbox in the sidebar (the value lives in the combobox input)."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '[data-testid="stSidebar"] [data-testid="stSelectbox"]')].map(e => [e.innerText.trim(),
        e.querySelector('input').value]))""")


def _pilih(page, label: str, opsi: str) -> None:
    """Choose ``opsi`` in the sidebar selectbox labelled ``label``."""
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=opsi, exact=True).click()


@pytest.fixture(scope="module")
def server_siap(streamlit_server, browser_context):
    # The first request of a fresh server must not be a deep link to a page whose URL path differs from
    # its file name (it was /layanan-desa vs layanan_desa.py): Streamlit's legacy pages/ mode answers "Page not
    # found" (reported; app.py and pages/_bersama.py are not this page's).
    page = browser_context.new_page()
    page.goto(streamlit_server.base_url + "/", wait_until="domcontentloaded")
    _tunggu(page)
    page.close()
    return streamlit_server


def _buka_tab(page, nama: str) -> None:
    page.get_by_role("tab", name=nama, exact=True).click()
    page.wait_for_timeout(300)
    _tunggu(page)


def test_bagian_grafik_peta_desa_dan_tanda_mutu(server_siap, browser_context):
    luar: list[str] = []
    page = _buka(browser_context, server_siap.base_url + "/layanan-desa", luar)
    digambar: dict[str, list[dict]] = {}
    try:
        # DesaID, the first tab: the village map coloured by website status, and the status per kecamatan
        digambar["DesaID"] = _tunggu_gambar(page, grafik=1, peta=1)
        assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
        teks = _teks(page)
        assert "DesaID — situs web desa" in teks and "tersimulasi" in teks.lower()
        _tangkap(page, "layanan-desa-desaid")
        for tab, grafik, peta, nama in (("Smart Netizen", 5, 0, "netizen"), ("Ronda Online", 3, 0, "ronda"),
                                        ("Sinyal", 1, 1, "sinyal"), ("Kualitas data", 1, 0, "mutu"),
                                        ("Tabel desa", 0, 0, "tabel")):
            _buka_tab(page, tab)
            digambar[tab] = _tunggu_gambar(page, grafik=grafik, peta=peta)
            if tab == "Ronda Online":  # the incident choropleth is a Leaflet map: one shape per village
                batas = time.monotonic() + 60
                while max(bentuk_leaflet(page), default=0) < 300 and time.monotonic() < batas:
                    page.wait_for_timeout(500)
                assert max(bentuk_leaflet(page), default=0) >= 300, bentuk_leaflet(page)
            assert page.locator(EXCEPTION).count() == 0, (tab, page.locator(EXCEPTION).all_inner_texts())
            assert parse_qs(urlsplit(page.url).query)["bagian"] == [tab]      # the open tab is in the link
            _tangkap(page, f"layanan-desa-{nama}")
            if tab == "Kualitas data":
                teks = _teks(page)
                for tanda in ("Selesai dalam hitungan menit", "Tanggal di masa depan", "Tanggal/waktu mustahil",
                              "Kemungkinan duplikat", "Desa dengan bulan hilang"):
                    assert tanda in teks, tanda
    finally:
        page.close()
    grafik = [x["judul"] for g in digambar.values() for x in g if x["svg"] > 0]
    peta = [x["judul"] for g in digambar.values() for x in g if x["kanvas"] > 0]
    assert len(grafik) >= 10, grafik                  # drawn, not only sent
    assert "Status situs desa" in peta, peta        # plotly maps; the Ronda map is checked on Leaflet above
    assert sum(x["svg"] > 0 for x in digambar["Smart Netizen"]) >= 5
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"


def test_saringan_url_berubah_dan_tabel_terunduh(server_siap, browser_context, tmp_path):
    luar: list[str] = []
    url = server_siap.base_url + "/layanan-desa?kec=18.02.03&jenis=surat_domisili&bulan=3&periode=2026-09"
    page = _buka(browser_context, url, luar)
    waktu: dict[str, float] = {}
    try:
        _tunggu_gambar(page, grafik=3, peta=1)
        assert page.locator(EXCEPTION).count() == 0
        teks = _teks(page)
        assert "Padang Ratu · Juli 2026 – September 2026" in teks
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        pilihan = _nilai_saringan(page)
        assert pilihan == {"Periode": "September 2026", "Lama periode": "3 bulan", "Kecamatan": "Padang Ratu",
                           "Desa/kelurahan": "Semua"}, pilihan
        assert "Surat keterangan domisili" in sidebar           # the chosen service type
        _tangkap(page, "layanan-desa-filter-url")
        # a filter changed in the page goes back to the link; the rerun is timed until the page settles
        for nama, opsi in (("pertama", "Trimurjo"), ("kembali_1", "Padang Ratu"), ("lagi_1", "Trimurjo")):
            mulai = time.monotonic()
            _pilih(page, "Kecamatan", opsi)
            with contextlib.suppress(PlaywrightTimeout):   # a fast rerun may finish before we look
                page.wait_for_selector(RUNNING, state="attached", timeout=5_000)
            page.wait_for_selector(IDLE, state="attached", timeout=120_000)
            waktu[nama] = round(time.monotonic() - mulai, 2)
        q = parse_qs(urlsplit(page.url).query)
        assert q["kec"] == ["18.02.05"] and q["jenis"] == ["surat_domisili"] and q["periode"] == ["2026-09"]
        page.wait_for_timeout(1000)
        assert "Trimurjo · Juli 2026 – September 2026" in _teks(page)
        # the filtered table: one row per village of Trimurjo, exactly what the page shows
        _buka_tab(page, "Tabel desa")
        tombol = page.get_by_role("button", name="Unduh CSV").last
        tombol.scroll_into_view_if_needed()
        with page.expect_download(timeout=60_000) as unduhan:
            tombol.click()
        berkas = tmp_path / unduhan.value.suggested_filename
        unduhan.value.save_as(berkas)
        assert berkas.name == "layanan_desa_18.02.05_2026-09_3bulan_surat_domisili.csv"
        teks = berkas.read_text(encoding="utf-8-sig").splitlines()  # metadata block, blank line, table
        baris = list(csv.DictReader(io.StringIO("\n".join(teks[teks.index("") + 1:])), delimiter=";"))
        assert baris and all(r["Kode wilayah"].startswith("18.02.05.") for r in baris)
        from indicators.wilayah.daftar import daftar_wilayah

        assert len(baris) == int((daftar_wilayah("18.02", "desa")["kode_induk"] == "18.02.05").sum())
        _tangkap(page, "layanan-desa-trimurjo-tabel")
    finally:
        page.close()
    # the first change computes Trimurjo; the two after it are cached on the server
    median = statistics.median(v for k, v in waktu.items() if k != "pertama")
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    (ARTEFAK / "layanan-browser.json").write_text(json.dumps({"rerun_ganti_kecamatan_s": waktu,
                                                              "median_tersimpan_s": median}, indent=1))
    print(f"\nlayanan-desa: change of kecamatan → page settled: {waktu}; median when cached {median} s")
    assert not luar, f"requests outside 127.0.0.1: {sorted({urlsplit(u).hostname for u in luar})}"
