"""A shared link opened as the FIRST request of a fresh server still gets the real app (st.navigation).

Streamlit treats a `pages/` folder as an old-style multipage app until app.py has run once; the guard in
pages/_bersama.py reruns such a request through app.py. This needs its own fresh server.
"""
import pytest

from tests.browser.conftest import ARTEFAK, jalankan_server

pytestmark = pytest.mark.browser


def test_tautan_langsung_ke_halaman_pada_server_baru(tmp_path, chromium):
    with jalankan_server(tmp_path / "baru.duckdb", ARTEFAK / "streamlit-server-tautan.log") as server:
        page = chromium.new_page(viewport={"width": 1366, "height": 768})
        try:
            page.goto(f"{server.base_url}/aduan-jalan?lang=en")  # hyphenated path: the harder case
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
            page.wait_for_timeout(1500)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
            judul = page.locator("h1").first.inner_text()
            nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
            page.screenshot(path=str(ARTEFAK / "screenshots" / "tautan-langsung-aduan-jalan.png"))
        finally:
            page.close()
    assert judul == "Road Complaints"  # English from the link, through app.py
    assert "bersama" not in nav and "Masterplan Progress" in nav  # the registered pages, not the pages/ files
