"""Sign-in and roles in a real browser, against a server with an identity provider configured:

- local accounts made with the operator's CLI: as ``petugas`` the Data page has the table upload but no
  boundary controls and there is no Admin page; as ``admin`` it has both and the Admin page lists the
  accounts;
- OpenID Connect end to end: a real provider (panva's ``oidc-provider``, started here on 127.0.0.1 by
  node) and Streamlit's own ``st.login``: the browser goes to the provider's login and consent pages and
  comes back signed in, with the role from the token's claim; the sign-in and the sign-out are audited;
- two browser contexts at the same time, ``publik`` and ``admin``, on the complaint page: what reaches
  each over the websocket — no reporter's phone number or name for the public, full ones for the admin
  (no leak through the server's caches in either direction).

Screenshots land in tests/artefak/screenshots/masuk-*.png: look at them.
"""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

import pytest

from .conftest import (
    AKAR,
    ARTEFAK,
    SIDEBAR,
    browser_unavailable_reason,
    free_loopback_port,
    jalankan_server,
    masuk_browser,
    on_ci,
    tambah_akun,
)

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

PENYEDIA = AKAR / "tests" / "oidc"
SCREENSHOTS = ARTEFAK / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
EXCEPTION = '[data-testid="stException"]'
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
CLIENT_ID, CLIENT_SECRET = "dasbor-kabupaten", "rahasia-klien-uji-saja"


def _penyedia_tidak_siap() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (bash scripts/setup.sh test installs it)"
    if not (PENYEDIA / "node_modules" / "oidc-provider").is_dir():
        return "tests/oidc/node_modules is missing: run bash scripts/setup.sh test (npm ci there)"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard with ``[auth]`` pointing at an OIDC provider started here, on its own store."""
    alasan = _penyedia_tidak_siap()
    if alasan:
        if on_ci():
            pytest.fail(alasan)
        pytest.skip(alasan)
    d = tmp_path_factory.mktemp("masuk")
    port_app, port_idp = free_loopback_port(), free_loopback_port()
    redirect = f"http://127.0.0.1:{port_app}/oauth2callback"
    log_idp = (ARTEFAK / "oidc-provider.log").open("w", encoding="utf-8")
    idp = subprocess.Popen([shutil.which("node"), "penyedia.mjs", str(port_idp), redirect, CLIENT_ID, CLIENT_SECRET],
                           cwd=PENYEDIA, stdout=log_idp, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           start_new_session=True)
    metadata = f"http://127.0.0.1:{port_idp}/.well-known/openid-configuration"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(metadata, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the OIDC provider did not start; see tests/artefak/oidc-provider.log")
        rahasia = d / "secrets.toml"
        rahasia.write_text(f'[auth]\nredirect_uri = "{redirect}"\ncookie_secret = "rahasia-cookie-uji-yang-panjang"\n'
                           f'client_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
                           f'server_metadata_url = "{metadata}"\n'
                           # Streamlit asks for prompt=select_account unless told; this provider knows login
                           '[auth.client_kwargs]\nprompt = "login"\n', encoding="utf-8")
        store = d / "dasbor.duckdb"
        with jalankan_server(store, ARTEFAK / "streamlit-server-masuk.log", port=port_app,
                             argumen=("--secrets.files", str(rahasia))) as s:
            tambah_akun(store, "petugas-andi", "petugas", "aduan_jalan")
            tambah_akun(store, "admin-rina", "admin")
            yield s
    finally:
        idp.terminate()
        idp.wait(timeout=15)
        log_idp.close()


def _idle(page) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=120_000)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, state="attached", timeout=120_000)


def _teks(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _nav(page) -> list[str]:
    return page.locator('[data-testid="stSidebarNav"] a').evaluate_all("es => es.map(e => e.getAttribute('href'))")


def _foto(page, nama: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for w, h in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(700)
        page.screenshot(path=str(SCREENSHOTS / f"masuk-{nama}-{w}x{h}.png"))


def _audit(store) -> list[tuple]:
    from indicators.data.gudang import Gudang

    g = Gudang(store)  # the server lets go of the file between reads (gudang_lepas_detik)
    try:
        return [tuple(r) for r in g.log_audit()[["peristiwa", "pengguna", "detail", "peran"]].itertuples(index=False)]
    finally:
        g.tutup()


def test_gerbang_petugas_dan_admin_lewat_akun_lokal(server, browser_context):
    page = browser_context.new_page()
    try:
        page.goto(server.base_url + "/data", wait_until="domcontentloaded")
        _idle(page)
        assert page.locator(UPLOAD).count() == 0 and not any(h.endswith("/admin") for h in _nav(page))
        assert "memerlukan akun petugas data atau admin" in _teks(page)

        masuk_browser(page, "petugas-andi")
        _idle(page)
        assert "Masuk sebagai petugas-andi · Petugas data" in page.locator(SIDEBAR).inner_text().replace("\n", " ")
        assert page.locator(UPLOAD).count() == 1  # the table upload; the boundary upload is not there
        page.get_by_role("tab", name="Batas wilayah").click()
        assert "Mengimpor atau menghapus batas wilayah dan jaringan jalan hanya untuk admin" in _teks(page)
        assert not any(h.endswith("/admin") for h in _nav(page)) and page.locator(EXCEPTION).count() == 0
        _foto(page, "1-petugas-data")
        page.get_by_role("button", name="Keluar").click()
        _idle(page)
        assert page.locator(UPLOAD).count() == 0

        masuk_browser(page, "admin-rina")
        _idle(page)
        assert page.locator(UPLOAD).count() == 2  # tables and boundaries
        page.locator('[data-testid="stSidebarNav"] a[href$="/admin"]').click()
        _idle(page)
        isi = _teks(page)
        assert "petugas-andi" in page.locator('[data-testid="stDataFrame"]').first.inner_text() or "Pengguna" in isi
        assert page.locator(EXCEPTION).count() == 0
        _foto(page, "2-admin")
    finally:
        page.close()
    peristiwa = _audit(server.store)
    assert ("masuk", "petugas-andi", "lokal", "petugas") in peristiwa
    assert ("keluar", "petugas-andi", "keluar", "petugas") in peristiwa
    assert ("masuk", "admin-rina", "lokal", "admin") in peristiwa


def test_oidc_ujung_ke_ujung_dengan_penyedia_sungguhan(server, chromium):
    ctx = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID", service_workers="block")
    page = ctx.new_page()
    try:
        page.goto(server.base_url + "/", wait_until="domcontentloaded")
        _idle(page)
        sb = page.locator(SIDEBAR)
        sb.get_by_text("Masuk petugas").click()
        sb.get_by_role("button", name="Masuk dengan akun kantor").click()
        # the provider's own login page (its development interactions accept any name)
        page.wait_for_url("**/interaction/**", timeout=60_000)
        page.locator('input[name="login"]').fill("pimpinan-budi")
        page.locator('input[name="password"]').fill("apa saja")
        page.locator('button[type="submit"]').click()
        page.wait_for_load_state("domcontentloaded")
        if "/interaction/" in page.url:  # the consent page
            page.locator('button[type="submit"]').click()
        page.wait_for_url(server.base_url + "/**", timeout=60_000)
        _idle(page)
        sb.get_by_text("Masuk sebagai").wait_for(timeout=60_000)
        samping = sb.inner_text().replace("\n", " ")
        assert "Masuk sebagai Uji pimpinan-budi · Pimpinan" in samping, samping
        assert page.locator(EXCEPTION).count() == 0
        _foto(page, "3-oidc-pimpinan")
        page.goto(server.base_url + "/data", wait_until="domcontentloaded")  # the provider's cookie stays
        _idle(page)
        assert "Masuk sebagai Uji pimpinan-budi" in sb.inner_text().replace("\n", " ")
        assert page.locator(UPLOAD).count() == 0  # pimpinan: every aggregate, no upload
        sb.get_by_role("button", name="Keluar").click()
        # st.logout ends the session at the provider too: its own page asks, then sends the browser back
        page.wait_for_url("**/session/end**", timeout=60_000)
        page.locator('button[value="yes"]').click()
        page.wait_for_url(server.base_url + "/**", timeout=60_000)
        _idle(page)
        sb.get_by_text("Masuk petugas").wait_for(timeout=60_000)
        assert "Masuk sebagai" not in sb.inner_text()
    finally:
        ctx.close()
    peristiwa = _audit(server.store)
    assert ("masuk", "pimpinan-budi@pemkab.example", "oidc", "pimpinan") in peristiwa
    assert ("keluar", "pimpinan-budi@pemkab.example", "keluar", "pimpinan") in peristiwa


def test_dua_peran_bersamaan_tanpa_bocor_lewat_websocket(server, chromium):
    """publik and admin on /aduan-jalan at once: the frames each receives are searched for the demo's
    own reporters' phone numbers and names (independent of the masking code)."""
    from tests.bantu import demo

    aduan = demo()["aduan_jalan"]
    telepon = {str(t) for t in aduan["pelapor_telepon"].dropna() if str(t).strip()}
    from indicators.wilayah.daftar import daftar_wilayah

    # names that are also place names ("Sri Purnomo" is a village of 18.02) are on every page anyway
    tempat = {str(n).lower() for t in ("kecamatan", "desa") for n in daftar_wilayah("18.02", t)["nama"]}
    nama = {str(n) for n in aduan["pelapor_nama"].dropna() if len(str(n)) >= 8 and str(n).lower() not in tempat}
    assert len(telepon) > 100 and len(nama) > 100

    ctx_pub = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID", service_workers="block")
    ctx_adm = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID", service_workers="block")
    bingkai: dict[str, list[bytes]] = {"publik": [], "admin": []}
    try:
        halaman = {}
        for peran, ctx in (("publik", ctx_pub), ("admin", ctx_adm)):
            p = ctx.new_page()
            simpan = bingkai[peran].append
            p.on("websocket", lambda ws, simpan=simpan: ws.on(
                "framereceived", lambda f: simpan(f if isinstance(f, bytes) else f.encode())))
            p.goto(server.base_url + "/", wait_until="domcontentloaded")
            halaman[peran] = p
        for p in halaman.values():
            _idle(p)
        masuk_browser(halaman["admin"], "admin-rina")
        for p in halaman.values():  # both open the complaint page, one right after the other
            p.locator('[data-testid="stSidebarNav"] a[href$="/aduan-jalan"]').click()
        for p in halaman.values():
            _idle(p)
            p.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
            assert p.locator(EXCEPTION).count() == 0
        _idle(halaman["publik"])
    finally:
        ctx_pub.close()
        ctx_adm.close()
    isi = {peran: b"".join(f) for peran, f in bingkai.items()}
    assert len(isi["publik"]) > 100_000 and len(isi["admin"]) > 100_000
    bocor_telepon = [t for t in telepon if t.encode() in isi["publik"]]
    bocor_nama = [n for n in nama if n.encode() in isi["publik"]]
    assert bocor_telepon == [] and bocor_nama == []
    assert sum(t.encode() in isi["admin"] for t in telepon) >= 10  # the admin does get full contacts
