"""The data officers' path in a real browser: upload a names-only file, pick the village the resolver
would not guess, import; a 10 % malformed file refused with every row named; a BIG-style zipped
Shapefile in UTM 48S imported, and the maps then draw the real boundaries.

Runs against its own `streamlit run` server and store (imports must not change what the page tests
see). Screenshots land in tests/artefak/screenshots/data-*.png: look at them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import (
    AKAR,
    ARTEFAK,
    _stop,
    _wait_until_healthy,
    browser_unavailable_reason,
    free_loopback_port,
    masuk_browser,
    on_ci,
    tambah_akun,
)

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTEFAK / "screenshots"
REFERENSI = AKAR.parent / "shared" / "reference" / "geo"
FIXTURE = AKAR / "tests" / "fixtures" / "impor"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
ADMIN = "admin-data"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("gudang_data") / "dasbor.duckdb"
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    log = ARTEFAK / "streamlit-server-data.log"
    port = free_loopback_port()
    env = {**os.environ, "DASBOR_PATH_GUDANG": str(store), "DASBOR_PETA_DASAR_URL": "",
           "DASBOR_BATAS_KECAMATAN": "", "DASBOR_BATAS_DESA": "",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(AKAR / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=AKAR, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_healthy(proc, f"{base}/_stcore/health", log)
        tambah_akun(store, ADMIN, "admin")  # boundaries are an admin's; made with the operator's CLI
        yield base, store
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def berkas(tmp_path_factory):
    """The files an officer brings, built from the fixtures and the real boundary file."""
    import geopandas as gpd
    import pandas as pd

    from tests.bantu import demo, ke_teks

    d = tmp_path_factory.mktemp("unggahan")
    nama = pd.read_csv(FIXTURE / "desa_1802_ejaan_registri_lain.csv", dtype=str)
    prof = ke_teks(demo()["profil_desa"]).set_index("kode_wilayah").loc[nama["kode_benar"]].reset_index(drop=True)
    pd.concat([nama[["desa", "kecamatan"]], prof], axis=1).to_csv(d / "profil_desa_nama_saja.csv", index=False)
    out = {"nama": d / "profil_desa_nama_saja.csv", "rusak": FIXTURE / "program_progres_10pct_malformed.csv"}
    if (REFERENSI / "1802_desa.geojson").exists():
        asli = gpd.read_file(REFERENSI / "1802_desa.geojson")
        utm = asli.to_crs(32748).assign(KDEPUM=asli["kode"].str.replace(".", "", regex=False))[["KDEPUM", "geometry"]]
        (d / "shp").mkdir()
        utm.to_file(d / "shp" / "BATAS_DESA_AR.shp")
        with zipfile.ZipFile(d / "BATAS_DESA_AR.zip", "w") as z:
            for f in sorted((d / "shp").iterdir()):
                z.write(f, f.name)
        out["batas"] = d / "BATAS_DESA_AR.zip"
    return out


def _idle(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=120_000)
    for _ in range(2):
        page.wait_for_timeout(600)
        page.wait_for_selector(IDLE, state="attached", timeout=120_000)


def _foto(page, nama: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tinggi = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": 1600, "height": min(max(900, int(tinggi)), 12_000)})
    page.wait_for_timeout(700)
    page.screenshot(path=str(SCREENSHOTS / f"data-{nama}.png"), full_page=True)
    page.set_viewport_size({"width": 1600, "height": 900})


def _teks(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


@pytest.fixture
def halaman(server, browser_context):
    page = browser_context.new_page()
    keluar: list[str] = []
    page.on("request", lambda r: keluar.append(r.url) if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1",
                                                                                   "data:", "blob:")) else None)
    page.route(lambda url: not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")),
               lambda route: route.abort("blockedbyclient"))
    yield page
    page.close()
    assert not keluar, f"requests leaving 127.0.0.1: {keluar}"


def test_nama_saja_petugas_memilih_desa_lalu_impor(server, halaman, berkas):
    base, _ = server
    page = halaman
    page.goto(base + "/data", wait_until="domcontentloaded")
    _idle(page)
    masuk_browser(page, ADMIN)
    _idle(page)
    page.locator(UPLOAD).first.set_input_files(str(berkas["nama"]))
    _idle(page)
    isi = _teks(page)
    assert "311 nama wilayah berbeda dicocokkan ke kode Kemendagri: 265 exact, 45 fuzzy, 1 ambiguous" in isi
    assert "1 galat pada 1 baris" in isi and "Bumi Rahaju" in isi
    assert page.get_by_role("button", name="Impor sekarang").count() == 0  # nothing to import before the choice
    _foto(page, "1-tinjau-nama")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Bumi Rahaju").click()
    page.keyboard.type("Bumi Rahayu")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Terapkan pilihan").click()
    _idle(page)
    isi = _teks(page)
    assert "1 dipilih petugas" in isi and "Yang akan berubah" in isi and "galat pada" not in isi
    impor = page.get_by_role("button", name="Impor sekarang")
    assert impor.is_disabled()  # only after the officer confirms
    page.get_by_text("Saya sudah memeriksa").click()
    _idle(page)
    impor.click()
    _idle(page)
    assert "Impor selesai: 311 baris ke profil_desa (311 baru" in _teks(page)
    assert page.locator(EXCEPTION).count() == 0
    _foto(page, "2-diimpor")


def test_sepuluh_persen_rusak_ditolak_setiap_baris(server, halaman, berkas):
    base, _ = server
    page = halaman
    page.goto(base + "/data", wait_until="domcontentloaded")
    _idle(page)
    masuk_browser(page, ADMIN)
    _idle(page)
    page.locator(UPLOAD).first.set_input_files(str(berkas["rusak"]))
    _idle(page)
    isi = _teks(page)
    assert "10 galat pada 10 baris — tidak ada yang akan diimpor" in isi
    assert page.get_by_role("button", name="Impor sekarang").count() == 0
    _foto(page, "3-sepuluh-persen-rusak")


def test_batas_shapefile_utm_diimpor_peta_memakainya(server, halaman, berkas):
    if "batas" not in berkas:
        pytest.skip(f"real boundary files not present at {REFERENSI}")
    base, _ = server
    page = halaman
    page.goto(base + "/data", wait_until="domcontentloaded")
    _idle(page)
    masuk_browser(page, ADMIN)
    _idle(page)
    page.get_by_role("tab", name="Batas wilayah").click()
    _idle(page)
    # before: both levels drawn from the shipped geography, no official file imported
    assert _teks(page).count("geografi bawaan (kecamatan sebenarnya") == 2
    page.locator(UPLOAD).nth(1).set_input_files(str(berkas["batas"]))
    _idle(page)
    page.wait_for_selector(".js-plotly-plot canvas", timeout=60_000)  # the preview map
    isi = _teks(page)
    assert "311 / 311" in isi and "EPSG:32748 → EPSG:4326" in isi and "KDEPUM" in isi
    _foto(page, "4-batas-diperiksa")
    page.get_by_role("button", name="Simpan batas ini untuk semua peta").click()
    _idle(page)
    isi = _teks(page)
    assert "Batas desa disimpan: 311 unit" in isi
    assert "impor BATAS_DESA_AR.zip: 311 unit, 0 tanpa batas" in isi  # the village layer is now the file
    assert isi.count("geografi bawaan (kecamatan sebenarnya") == 1    # kecamatan still shipped
    page.get_by_role("tab", name="Kesegaran data").click()
    _idle(page)
    assert "Bulan hilang per desa" in _teks(page)
    _foto(page, "5-kesegaran")
    for nama, path in (("ringkasan", "/"), ("layanan-desa", "/layanan-desa")):
        page.goto(base + path, wait_until="domcontentloaded")
        _idle(page)
        page.wait_for_selector(".js-plotly-plot canvas", timeout=60_000)
        page.wait_for_timeout(1500)
        isi = _teks(page)
        assert "Batas skematis" not in isi and "perkiraan" not in isi and page.locator(EXCEPTION).count() == 0
        _foto(page, f"6-peta-batas-nyata-{nama}")
