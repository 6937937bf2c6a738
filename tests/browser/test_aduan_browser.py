"""/aduan-jalan in a real browser, on the demo data with hostile text planted in it.

One provincial road is renamed ``<img src=x onerror=alert("ruas")>`` and its complaints carry
``<img src=x onerror=alert(1)> `${7*7}` `` and a phone number in their description. The page must draw its
maps (points, clusters) and charts, show the planted text literally (chart ticks, map popups), never
run it (no dialog, no <img src=x> element), never send a reporter's name or phone number to the browser
(every websocket frame is searched), make no request beyond 127.0.0.1, and hand out the escalation pack
as XLSX and PDF. Screenshots land in tests/artefak/screenshots/ (look at them).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import quote, urlsplit

import pytest

from .conftest import (
    ARTEFAK,
    FOLIUM,
    JS_PETA_FOLIUM,
    _stop,
    _wait_until_healthy,
    bingkai_leaflet,
    browser_unavailable_reason,
    free_loopback_port,
    on_ci,
)

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

RUAS_XSS = '<img src=x onerror=alert("ruas")>'
URAIAN_XSS = "<img src=x onerror=alert(1)> `${7*7}` hubungi 0812-3456-7890"
RUAS_ASAL = "Ruas Provinsi Pubian – Selagai Lingga"  # a provincial road with ~80 demo reports: a hot spot
PROGRAM_XSS = ['<a href="javascript:alert(11)">tautan</a>', '<iframe src="javascript:alert(12)"></iframe>',
               '<img src=x onerror=alert(13)>']
SEMUA_HALAMAN = ("", "pilar", "layanan-desa", "aduan-jalan", "progres", "evaluasi", "data", "metodologi")
# an element the planted text would create if it were rendered as markup, in any frame
JS_SUNTIKAN = ("() => document.querySelectorAll("
               "'img[src=\"x\"], [onerror], iframe[src^=\"javascript\"], a[href^=\"javascript\"]').length")
SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
TELEPON = re.compile(r"(?<!\d)08\d{8,11}(?!\d)")


@pytest.fixture(scope="module")
def server_aduan(tmp_path_factory):
    """`streamlit run` on a store holding the demo, with the planted text imported as a real upload."""
    from indicators.data.gudang import Gudang

    store = tmp_path_factory.mktemp("gudang_xss") / "aduan_xss.duckdb"
    g = Gudang(store)
    try:
        g.pastikan_demo("18.02")
        a, ruas = g.baca("aduan_jalan"), g.baca("ruas_jalan")
        pribadi = {"telepon": set(a["pelapor_telepon"].dropna()) | {"081234567890"},
                   "nama": set(a["pelapor_nama"].dropna())}
        kena = a["nama_ruas"] == RUAS_ASAL
        assert kena.sum() > 30
        a.loc[kena, "nama_ruas"] = RUAS_XSS
        a.loc[kena, "deskripsi"] = URAIAN_XSS
        ruas.loc[ruas["nama_ruas"] == RUAS_ASAL, "nama_ruas"] = RUAS_XSS
        g.impor(a, "aduan_jalan", berkas="aduan_xss.csv", pengguna="uji")
        g.impor(ruas, "ruas_jalan", berkas="ruas_xss.csv", pengguna="uji")
        prog = g.baca("program")  # the Progres charts get programme names and agencies holding markup
        prog.loc[:2, "nama"] = [f"Program {x}" for x in PROGRAM_XSS]
        prog.loc[:2, "opd"] = [f"OPD {x}" for x in PROGRAM_XSS]
        g.impor(prog, "program", berkas="program_xss.csv", pengguna="uji")
    finally:
        g.tutup()
    port = free_loopback_port()
    log = ARTEFAK / "streamlit-aduan.log"
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DASBOR_PATH_GUDANG": str(store), "DASBOR_PETA_DASAR_URL": "",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=ARTEFAK.parents[1], env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(proc, f"{url}/_stcore/health", log)
        yield url, pribadi
    finally:
        _stop(proc)


def _idle(page, timeout_ms: int = 180_000) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=timeout_ms)
    for _ in range(2):
        page.wait_for_timeout(600)
        page.wait_for_selector(IDLE, state="attached", timeout=timeout_ms)


def _buka(browser_context, url: str):
    """A page that records dialogs, websocket frames and requests leaving 127.0.0.1 (those are aborted)."""
    page = browser_context.new_page()
    catatan = {"dialog": [], "frame": [], "keluar": []}

    def pada_ws(ws):
        ws.on("framereceived", lambda p: catatan["frame"].append(p if isinstance(p, bytes) else p.encode()))

    def pada_dialog(d):
        catatan["dialog"].append(d.message)
        d.dismiss()

    page.on("dialog", pada_dialog)
    page.on("websocket", pada_ws)
    page.route(lambda u: urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname != "127.0.0.1",
               lambda r: (catatan["keluar"].append(r.request.url), r.abort("blockedbyclient")))
    mulai = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    _idle(page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 7", timeout=90_000)
    _tunggu_peta(page, lambda p: len(p) >= 2 and all(x["titik"] + x["klaster"] > 0 for x in p))
    catatan["detik_muat"] = round(time.monotonic() - mulai, 2)
    page.wait_for_timeout(1500)
    return page, catatan


def _layar_penuh(page, nama: str, lebar: int, tinggi: int) -> None:
    page.set_viewport_size({"width": lebar, "height": tinggi})
    page.wait_for_timeout(800)
    h = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": lebar, "height": min(max(tinggi, int(h)), 14_000)})
    page.wait_for_timeout(2000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{nama}-{lebar}x{tinggi}.png"), full_page=True)
    page.set_viewport_size({"width": lebar, "height": tinggi})


# What a Leaflet map (in its streamlit-folium frame) shows: points inside clusters (the numbers on them),
# points drawn singly (circle markers: SVG paths made of arcs), and every clickable shape.
JS_PETA = """() => ({
    klaster: [...document.querySelectorAll('.marker-cluster span')]
        .reduce((n, s) => n + parseInt(s.textContent, 10), 0),
    titik: [...document.querySelectorAll('path.leaflet-interactive')]
        .filter(p => /a[0-9.]+,[0-9.]+ 0 1,0/.test(p.getAttribute('d') || '')).length,
    bentuk: document.querySelectorAll('path.leaflet-interactive').length})"""


JS_ZOOM = f"() => {JS_PETA_FOLIUM}.getZoom()"


def _peta_leaflet(page) -> list[dict]:
    hasil = []
    for f in bingkai_leaflet(page):
        with contextlib.suppress(PlaywrightError):  # a map redrawn while we looked: counted next round
            hasil.append(f.evaluate(JS_PETA))
    return hasil


def _tunggu_peta(page, syarat, batas_s: float = 90) -> list[dict]:
    akhir = time.monotonic() + batas_s
    while True:
        p = _peta_leaflet(page)
        if syarat(p) or time.monotonic() > akhir:
            return p
        page.wait_for_timeout(500)


def test_aduan_jalan_peta_grafik_xss_dan_data_pribadi(server_aduan, browser_context, tmp_path):
    url, pribadi = server_aduan
    hangat = browser_context.new_page()  # a first session warms the fresh server: the measured load is a warm one
    hangat.goto(url, wait_until="domcontentloaded")
    _idle(hangat)
    hangat.close()

    page, catatan = _buka(browser_context, f"{url}/aduan-jalan?ruas={quote(RUAS_XSS)}")
    try:
        assert page.locator('[data-testid="stException"]').count() == 0
        teks_halaman = page.locator('[data-testid="stApp"]').inner_text()
        assert "tersimulasi" in teks_halaman.lower()
        # maps drawn: the complaint map (Leaflet, clustered points with counts), the section map of the
        # planted road (its complaints drawn singly), the hot-spot choropleth per kecamatan (plotly)
        utama, ruas = _peta_leaflet(page)[:2]
        assert utama["klaster"] + utama["titik"] > 500 and utama["klaster"] > utama["titik"]
        assert ruas["titik"] > 30 and ruas["klaster"] == 0
        judul = page.evaluate("[...document.querySelectorAll('.js-plotly-plot')].map(g => (g.layout.title||{}).text)")
        assert any("Titik panas per kecamatan" in (j or "") for j in judul)
        assert page.locator(".js-plotly-plot canvas").count() >= 1                        # the choropleth drawn
        assert page.locator(".js-plotly-plot .trace path, .js-plotly-plot .funnel path").count() > 10  # bars drawn

        # the planted text shows literally in the hot-spot chart and is never run
        tick = page.locator(".js-plotly-plot .ytick text").filter(has_text="onerror")
        assert tick.count() >= 1 and tick.first.text_content() == RUAS_XSS
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0

        # the popup of a complaint on that road: click its first point on the section map, as a user does
        bingkai = bingkai_leaflet(page)[1]
        ifr = page.locator(FOLIUM).nth(1)
        ifr.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        titik = bingkai.locator('path.leaflet-interactive[d*=" 0 1,0 "]').first  # a circle marker
        titik.click(force=True)
        bingkai.wait_for_selector(".leaflet-popup-content", timeout=10_000)
        popup = bingkai.locator(".leaflet-popup-content").first.text_content()
        assert "<img src=x onerror=alert(1)> `${7*7}`" in popup and RUAS_XSS in popup
        assert "[nomor disamarkan]" in popup and "0812" not in popup
        assert bingkai.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "aduan-jalan-popup-xss.png"))
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0

        # a click on a cluster zooms the complaint map in
        peta_utama = bingkai_leaflet(page)[0]
        page.locator(FOLIUM).first.scroll_into_view_if_needed()
        zoom = peta_utama.evaluate(JS_ZOOM)
        peta_utama.locator(".marker-cluster").first.click()
        akhir = time.monotonic() + 10
        while peta_utama.evaluate(JS_ZOOM) <= zoom and time.monotonic() < akhir:
            page.wait_for_timeout(250)
        assert peta_utama.evaluate(JS_ZOOM) > zoom

        # the escalation pack downloads, both formats
        berkas = {}
        for fmt in ("xlsx", "pdf"):
            with page.expect_download(timeout=60_000) as unduhan:
                page.get_by_role("button", name=f"Unduh paket {fmt.upper()}").click()
            berkas[fmt] = tmp_path / f"eskalasi.{fmt}"
            unduhan.value.save_as(berkas[fmt])
        from pypdf import PdfReader

        teks_pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(berkas["pdf"]).pages)
        assert "Kabupaten Lampung Tengah" in teks_pdf and "Ruas Provinsi Padang Ratu – Kalirejo" in teks_pdf
        assert RUAS_XSS in teks_pdf and not TELEPON.search(teks_pdf)
        import openpyxl

        baris = list(openpyxl.load_workbook(berkas["xlsx"]).active.iter_rows(values_only=True))
        assert baris[0][:2] == ("Kabupaten/kota", "Ruas jalan") and any(r[1] == RUAS_XSS for r in baris[1:])

        for lebar, tinggi in ((1920, 1080), (1366, 768)):
            _layar_penuh(page, "aduan-jalan-xss", lebar, tinggi)

        # nothing personal reached the browser: every websocket frame, the visible text, the popup
        isi = b"".join(catatan["frame"]).decode("utf-8", "replace")
        assert isi, "no websocket frames recorded"
        bocor = {n for n in TELEPON.findall(isi) if n in pribadi["telepon"]}
        assert not bocor, f"phone numbers sent to the browser: {sorted(bocor)[:5]}"
        assert not pribadi["nama"] & set(re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", isi)) - _nama_tempat(isi)
        assert not TELEPON.search(page.locator('[data-testid="stApp"]').inner_text())
        assert catatan["dialog"] == [], catatan["dialog"]
        assert catatan["keluar"] == [], catatan["keluar"]
        (ARTEFAK / "aduan-browser.json").write_text(json.dumps(
            {"detik_muat_halaman": catatan["detik_muat"], "bita_websocket": len(isi.encode()),
             "titik_peta_utama": utama["klaster"] + utama["titik"]}, indent=1), encoding="utf-8")
    finally:
        page.close()


def _nama_tempat(isi: str) -> set[str]:
    """Two-word names that are places (villages, kecamatan, roads), not people."""
    from indicators.wilayah.daftar import daftar_wilayah

    tempat = set(daftar_wilayah("18.02", "desa")["nama"]) | set(daftar_wilayah("18.02", "kecamatan")["nama"])
    return {t for t in tempat if t in isi}


def test_ganti_saringan_di_browser_mengubah_url_dan_peta(server_aduan, browser_context):
    url, _ = server_aduan
    page, catatan = _buka(browser_context, f"{url}/aduan-jalan?kewenangan=provinsi")
    try:
        assert page.locator('[data-testid="stException"]').count() == 0
        angka = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert angka[4] == "100,0%"  # only provincial roads: all of the open backlog is provincial
        utama = _peta_leaflet(page)[0]
        sebelum = utama["klaster"] + utama["titik"]
        # "Titik di peta": all filtered complaints instead of the open ones
        mulai = time.monotonic()
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Titik di peta").click()
        page.get_by_role("option", name="Semua aduan tersaring").click()
        _idle(page)
        sesudah = _tunggu_peta(page, lambda p: bool(p) and p[0]["klaster"] + p[0]["titik"] > sebelum)
        detik = time.monotonic() - mulai
        assert sesudah[0]["klaster"] + sesudah[0]["titik"] > sebelum > 0, (sebelum, sesudah)
        assert "tampil=semua" in page.url and "kewenangan=provinsi" in page.url
        assert catatan["keluar"] == [] and catatan["dialog"] == []
        catatan_json = ARTEFAK / "aduan-browser.json"
        data = json.loads(catatan_json.read_text(encoding="utf-8")) if catatan_json.exists() else {}
        data["detik_ganti_saringan_peta"] = round(detik, 2)
        catatan_json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    finally:
        page.close()


def test_teks_berbahaya_tetap_teks_di_setiap_halaman(server_aduan, browser_context):
    """Every page after the hostile imports: no dialog, no element the text would create (in the page or
    any of its frames), no request off 127.0.0.1; on /progres the programme's markup is axis text."""
    url, _ = server_aduan
    page = browser_context.new_page()
    dialog, keluar = [], []
    page.on("dialog", lambda d: (dialog.append(d.message), d.dismiss()))
    page.route(lambda u: urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname != "127.0.0.1",
               lambda r: (keluar.append(r.request.url), r.abort("blockedbyclient")))
    try:
        for h in SEMUA_HALAMAN:
            page.goto(f"{url}/{h}", wait_until="domcontentloaded")
            _idle(page)
            page.wait_for_timeout(1500)
            if h == "progres":
                tick = page.locator(".js-plotly-plot .ytick text").filter(has_text="javascript:alert(11)")
                assert tick.count() >= 1 and PROGRAM_XSS[0] in tick.first.text_content()
            suntikan = {f.url: f.evaluate(JS_SUNTIKAN) for f in page.frames if not f.is_detached()}
            assert sum(suntikan.values()) == 0, (h, suntikan)
            assert page.locator('[data-testid="stException"]').count() == 0, h
    finally:
        page.close()
    assert dialog == [] and keluar == [], (dialog, keluar)
