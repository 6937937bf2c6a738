"""Page responsiveness in a real browser, measured side by side with an empty Streamlit app.

docs/mutu.md targets (2-core machine): widget change → page settled ≤ 1.5× the same measure on an empty
Streamlit page (district scale); cold start → first chart visible ≤ 2× an empty app with one plotly chart.

Run:  .venv/bin/python benchmarks/bench_halaman.py [--ulang 5] [--halaman ringkasan,aduan-jalan]
Prints what it measured; nothing is asserted. Needs Debian's Chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _stop, _wait_until_healthy, free_loopback_port  # noqa: E402

APP_KOSONG = """
import streamlit as st
b = st.sidebar.radio("Bahasa / Language", ["id", "en"], horizontal=True)
st.title("kosong " + b)
"""
APP_SATU_GRAFIK = """
import plotly.express as px
import streamlit as st
st.title("satu grafik")
st.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]))
"""
SIAP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# set on the page: true once the script has been seen running after our click
PANTAU = """() => { window.__lari = false; const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__lari = true; })
  .observe(app, {attributes: true}); }"""


def mulai(app: Path, env_tambah: dict) -> tuple[subprocess.Popen, str, Path]:
    port = free_loopback_port()
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **env_tambah}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                                 "--server.address", "127.0.0.1", "--server.headless", "true"],
                                cwd=AKAR, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    _wait_until_healthy(proc, f"{url}/_stcore/health", log)
    return proc, url, log


def tunggu_tenang(page, grafik: bool) -> None:
    page.wait_for_function("() => window.__lari === true", timeout=120_000)
    page.wait_for_selector(SIAP, timeout=120_000)
    if grafik:
        page.wait_for_selector(".js-plotly-plot .main-svg, .js-plotly-plot canvas", timeout=120_000)


def ganti_widget(page, url: str, ulang: int, grafik: bool) -> list[float]:
    """Seconds from clicking the language radio to the page settled again, ``ulang`` times."""
    page.goto(url)
    page.wait_for_selector(SIAP, timeout=180_000)
    if grafik:
        page.wait_for_selector(".js-plotly-plot .main-svg, .js-plotly-plot canvas", timeout=180_000)
    page.wait_for_timeout(2000)
    page.wait_for_selector(SIAP, timeout=180_000)
    hasil = []
    for i in range(ulang + 1):  # the first change warms caches and is not counted
        page.evaluate(PANTAU)
        label = "English" if i % 2 == 0 else "Indonesia"
        pilihan = page.locator('[data-testid="stSidebar"] [role="radiogroup"] label').filter(has_text=label)
        if pilihan.count() == 0:  # the empty app names its options id/en
            pilihan = page.locator('[data-testid="stSidebar"] [role="radiogroup"] label').nth(1 - i % 2)
        t0 = time.perf_counter()
        pilihan.first.click()
        try:
            tunggu_tenang(page, grafik)
        except Exception:
            page.screenshot(path=str(Path(tempfile.gettempdir()) / "bench_halaman_gagal.png"))
            print(f"gagal pada {url} perubahan ke-{i} ({label})", file=sys.stderr)
            raise
        if i:
            hasil.append(time.perf_counter() - t0)
    return hasil


def mulai_dingin(browser, url: str) -> float:
    """Seconds from opening the URL in a fresh context (empty cache) to the first plotly chart drawn."""
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg, .js-plotly-plot canvas", timeout=180_000)
    dt = time.perf_counter() - t0
    ctx.close()
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    ap.add_argument(
        "--halaman", default=",pilar,layanan-desa,aduan-jalan,progres", help="URL paths; empty = / (Ringkasan)"
    )
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "kosong.py").write_text(textwrap.dedent(APP_KOSONG))
    (tmp / "grafik.py").write_text(textwrap.dedent(APP_SATU_GRAFIK))
    servers = []
    try:
        servers.append(mulai(tmp / "kosong.py", {}))
        servers.append(mulai(tmp / "grafik.py", {}))
        servers.append(
            mulai(AKAR / "app.py", {"DASBOR_PATH_GUDANG": str(tmp / "bench.duckdb"), "DASBOR_PETA_DASAR_URL": ""})
        )
        (_, url_kosong, _), (_, url_grafik, _), (_, url_app, _) = servers
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(url_app)  # loads the demo data once
            page.wait_for_selector(SIAP, timeout=300_000)
            print(f"# bench_halaman — {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}, {a.ulang} changes per page")
            dasar = statistics.median(ganti_widget(page, url_kosong, a.ulang, grafik=False))
            print(f"{'halaman kosong (radio)':32} median {dasar:6.2f} s   (acuan)")
            for h in a.halaman.split(","):
                waktu = ganti_widget(page, f"{url_app}/{h}", a.ulang, grafik=True)
                m = statistics.median(waktu)
                print(f"{'/' + h + ' (ganti bahasa)':32} median {m:6.2f} s   {m / dasar:5.2f}× acuan   "
                      f"[{', '.join(f'{x:.2f}' for x in waktu)}]   target ≤ 1,5×")
            dingin_grafik = statistics.median([mulai_dingin(browser, url_grafik) for _ in range(3)])
            dingin_app = statistics.median([mulai_dingin(browser, url_app) for _ in range(3)])
            print(f"{'mulai dingin, app satu grafik':32} median {dingin_grafik:6.2f} s   (acuan)")
            rasio = dingin_app / dingin_grafik
            print(f"{'mulai dingin, / sampai grafik':32} median {dingin_app:6.2f} s   {rasio:5.2f}× acuan"
                  "   target ≤ 2×")
            browser.close()
    finally:
        for proc, _, _ in servers:
            _stop(proc)


if __name__ == "__main__":
    main()
