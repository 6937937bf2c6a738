"""The data officer's real-file path in Chromium: a Smart Netizen export of 12 rows for 6 villages with
a header the importer does not know and a personal column; the dataset picker (the file is not
recognised), the mapping step, the preview and exactly what will change, the import; then the home
page no longer claims full coverage and says the headline rests on thin data. A complaint file with
swapped and outside points shows its per-row report. Screenshots at 1366×768 and 1920×1080 land in
tests/artefak/screenshots/impor-*.png: look at them.
"""
from __future__ import annotations

import os
import subprocess
import sys

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
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
UKURAN = ((1366, 768), (1920, 1080))
PETUGAS, ADMIN = "petugas-siti", "admin-impor"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("gudang_impor") / "dasbor.duckdb"
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    log = ARTEFAK / "streamlit-server-impor.log"
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
        # the operator makes the accounts on the server (the CLI): a data officer assigned two datasets
        tambah_akun(store, PETUGAS, "petugas", "layanan_permohonan,aduan_jalan")
        tambah_akun(store, ADMIN, "admin")
        yield base
    finally:
        _stop(proc)


def _idle(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=120_000)
    for _ in range(2):
        page.wait_for_timeout(600)
        page.wait_for_selector(IDLE, state="attached", timeout=120_000)


def _foto(page, nama: str) -> None:
    """Screenshots at both sizes: the screen as the officer sees it, and the whole page at that width
    (Streamlit scrolls inside its own container, so the viewport is stretched to its height)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for w, h in UKURAN:
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(900)
        page.screenshot(path=str(SCREENSHOTS / f"impor-{nama}-{w}x{h}.png"))
        tinggi = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
        page.set_viewport_size({"width": w, "height": min(max(h, int(tinggi)), 12_000)})
        page.wait_for_timeout(900)
        page.screenshot(path=str(SCREENSHOTS / f"impor-{nama}-{w}-penuh.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})


def _teks(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _pilih(page, label: str, opsi: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.keyboard.type(opsi)
    page.keyboard.press("Enter")


@pytest.fixture
def halaman(server, browser_context):
    page = browser_context.new_page()
    keluar: list[str] = []
    lokal = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
    page.on("request", lambda r: keluar.append(r.url) if not r.url.startswith(lokal) else None)
    page.route(lambda url: not url.startswith(lokal), lambda route: route.abort("blockedbyclient"))
    yield page
    page.close()
    assert not keluar, f"requests leaving 127.0.0.1: {keluar}"


def test_impor_parsial_pemetaan_rencana_lalu_beranda_jujur(server, halaman, tmp_path):
    from tests import berkas_petugas as bp

    isi, _ = bp.smart_netizen_12_baris_6_desa(ganti_header={"jenis_layanan": "Layanan yang Diminta"},
                                              tambah_kolom={"nik_pemohon": "1802010101900001"})
    berkas = tmp_path / "smart_netizen_oktober_ekspor_operator.csv"
    berkas.write_bytes(isi)
    page = halaman
    page.goto(server + "/data", wait_until="domcontentloaded")
    _idle(page)
    assert page.locator(UPLOAD).count() == 0 and "memerlukan akun petugas data atau admin" in _teks(page)
    masuk_browser(page, PETUGAS)
    _idle(page)
    page.locator(UPLOAD).first.set_input_files(str(berkas))
    _idle(page)
    assert "Dataset (tidak dikenali dari kolom — pilih)" in _teks(page)  # the picker, not a dead end
    _pilih(page, "Dataset (tidak dikenali", "layanan_permohonan")
    _idle(page)
    assert "Kolom wajib belum punya kolom berkas: jenis_layanan" in _teks(page)
    _pilih(page, "jenis_layanan (wajib)", "layanan_yang_diminta")
    _foto(page, "1-pemetaan")
    page.get_by_role("button", name="Terapkan pemetaan").click()
    _idle(page)
    isi_hal = _teks(page)
    assert "55.309 baris demo Smart Netizen dihapus" in isi_hal
    assert "12 baris untuk 6 desa, Oktober 2026, ditambahkan" in isi_hal
    assert "305 desa tidak punya data bulan itu" in isi_hal
    assert "1802010101900001" not in isi_hal and page.locator(EXCEPTION).count() == 0
    _foto(page, "2-pratinjau-rencana")
    page.get_by_text("Saya sudah memeriksa").click()
    _idle(page)
    page.get_by_role("button", name="Impor sekarang").click()
    _idle(page)
    assert "Impor selesai: 12 baris ke layanan_permohonan" in _teks(page)
    page.goto(server + "/", wait_until="domcontentloaded")
    _idle(page)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    beranda = _teks(page)
    assert "6/311 desa · Smart Netizen (terendah)" in beranda and "Cakupan data\n100%" not in beranda
    assert "Indeks ini dibangun di atas data tipis — Smart Netizen hanya 6 dari 311 desa" in beranda
    assert page.locator(EXCEPTION).count() == 0
    _foto(page, "3-beranda-sesudah-impor")

    # the admin reads the audit log out: the import is on the record under the officer's own account.
    # A new page is a new session: nobody is signed in there, and the admin page does not exist for it
    page.goto(server + "/admin", wait_until="domcontentloaded")
    _idle(page)
    assert page.get_by_role("button", name="Unduh log audit (CSV)").count() == 0  # Streamlit: page not found
    page.goto(server + "/", wait_until="domcontentloaded")
    _idle(page)
    masuk_browser(page, ADMIN)
    _idle(page)
    page.locator('[data-testid="stSidebarNav"] a[href$="/admin"]').click()
    _idle(page)
    page.get_by_role("tab", name="Log audit").click()
    with page.expect_download(timeout=60_000) as unduhan:
        page.get_by_role("button", name="Unduh log audit (CSV)").click()
    from pathlib import Path

    baris = Path(unduhan.value.path()).read_text(encoding="utf-8-sig").replace('"', "")
    assert f";impor;{PETUGAS};layanan_permohonan;" in baris, baris[-2000:]
    assert f";masuk;{PETUGAS};akun;lokal;petugas" in baris and f";masuk;{ADMIN};akun;lokal;admin" in baris


def test_laporan_peringatan_per_baris(server, halaman, tmp_path):
    from tests import berkas_petugas as bp

    isi, _ = bp.aduan_koordinat_tertukar_dan_di_luar()
    berkas = tmp_path / "aduan_koordinat_tertukar.csv"
    berkas.write_bytes(isi)
    page = halaman
    page.goto(server + "/data", wait_until="domcontentloaded")
    _idle(page)
    masuk_browser(page, PETUGAS)
    _idle(page)
    page.locator(UPLOAD).first.set_input_files(str(berkas))
    _idle(page)
    teks = _teks(page)
    assert "2 baris mendapat peringatan" in teks and "Unduh laporan per baris (XLSX)" in teks
    with page.expect_download(timeout=60_000) as unduhan:
        page.get_by_role("button", name="Unduh laporan per baris (XLSX)").click()
    import openpyxl

    simpan = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(simpan)
    baris = [[c.value for c in r] for r in openpyxl.load_workbook(simpan).active.iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2]) for r in baris] == [("peringatan", 5, "lat+lon"), ("peringatan", 6, "lat+lon")]
    _foto(page, "4-laporan-peringatan")
