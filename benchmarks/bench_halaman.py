"""Page responsiveness in a real browser, side by side with an empty Streamlit app in the same run.

What is measured (issue 16, docs/mutu.md targets on a 2-core machine):
- **change → settled**: from the click on a widget to the server's ``script_finished`` message for the
  rerun that click caused (read from the websocket, decoded with Streamlit's own protobuf classes), then
  two animation frames in the page; if the page starts another run by itself within 0,4 s (a map
  component reporting its state), settled is the end of that run. Every interaction is measured on the
  empty app with the same kind of widget (selectbox, multiselect, tab, language radio) in the same run.
  Target: ≤ 1,5× the empty app's; a language switch ≤ 3×.
- **first paint**: a fresh browser context (empty HTTP cache) opens the page until its first chart or map
  is drawn and no skeleton placeholder is left, against an empty app with one plotly chart. Target ≤ 2×.
- **server memory**: the app server's resident memory after every page was visited (/proc, MB).
  Target ≤ 1 GB at district scale, ≤ 2 GB at the large scale.
- ``--skala besar``: the same on the largest kabupaten (Aceh Utara, 11.08: 852 villages) with ~500,000
  road complaints (the demo generator's complaint rate raised in this process only; the store is
  prepared before the app starts, so the pages read it as they would a real one). Target ≤ 3× the
  empty app's.

Run:  .venv/bin/python benchmarks/bench_halaman.py [--ulang 5] [--halaman ringkasan,aduan-jalan]
      .venv/bin/python benchmarks/bench_halaman.py --asap     # one change per page, for CI (no targets)
      .venv/bin/python benchmarks/bench_halaman.py --skala besar   # 11.08, 500,000 complaints
Prints what it measured; nothing is asserted. Needs Debian's Chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
from indicators.dasar.format import angka  # noqa: E402
from indicators.dasar.label import teks  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _stop, _wait_until_healthy, free_loopback_port  # noqa: E402

# The empty app has one widget of every kind the pages' interactions use, labelled as the app labels them.
APP_KOSONG = """
import streamlit as st
st.set_page_config(layout="wide")
b = st.sidebar.radio("Bahasa / Language", ["Indonesia", "English"], horizontal=True)
st.sidebar.selectbox("Periode", ["2026-10", "2026-09", "2026-08"], key="sb")
st.title("kosong " + b)
st.selectbox("Pilar", ["a", "b", "c"], key="utama")
st.multiselect("Kecamatan", ["x", "y", "z"], key="multi")
for t in st.tabs(["satu", "dua"], key="tab", on_change="rerun"):
    t.write("isi")
"""
APP_SATU_GRAFIK = """
import plotly.express as px
import streamlit as st
st.title("satu grafik")
st.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]))
"""
GRAFIK = ".js-plotly-plot .main-svg, .js-plotly-plot canvas, iframe[title='streamlit_folium.st_folium']"
SIAP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DUA_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"


@dataclass(frozen=True)
class Aksi:
    """One interaction: a widget ``jenis`` (selectbox, multiselect, tab, bahasa) found by its label."""
    jenis: str
    label: str = ""
    sidebar: bool = False

    def nama(self) -> str:
        return {"bahasa": "ganti bahasa", "tab": "ganti tab"}.get(self.jenis, f"{self.jenis} «{self.label}»")


def _aksi_halaman() -> dict[str, list[Aksi]]:
    t = lambda k: teks(k, "id")  # noqa: E731
    bahasa = Aksi("bahasa", sidebar=True)
    return {
        "": [Aksi("selectbox", t("periode")), bahasa],
        "pilar": [Aksi("selectbox", t("rk_pilar")), Aksi("selectbox", t("periode")), bahasa],
        "layanan-desa": [Aksi("tab"), Aksi("selectbox", t("kecamatan"), sidebar=True), bahasa],
        "aduan-jalan": [Aksi("selectbox", t("periode"), sidebar=True),
                        Aksi("multiselect", t("kecamatan"), sidebar=True), Aksi("selectbox", t("aduan_warna_peta")),
                        bahasa],
        "progres": [Aksi("selectbox", t("prg_periode")), Aksi("multiselect", t("prg_filter_pilar")), bahasa],
        "evaluasi": [Aksi("selectbox", t("prg_periode")), bahasa],
        "metodologi": [Aksi("selectbox", t("rk_tingkat")), bahasa],
        "data": [bahasa],
    }


# the same kind of widget on the empty app
AKSI_KOSONG = {"selectbox": Aksi("selectbox", "Pilar"), "selectbox_sidebar": Aksi("selectbox", "Periode", sidebar=True),
               "multiselect": Aksi("multiselect", "Kecamatan"), "tab": Aksi("tab"),
               "bahasa": Aksi("bahasa", sidebar=True)}


def padanan_kosong(a: Aksi) -> Aksi:
    if a.jenis == "selectbox" and a.sidebar:
        return AKSI_KOSONG["selectbox_sidebar"]
    return AKSI_KOSONG[a.jenis]


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


def siapkan_besar(path: Path, kode: str = "11.08", aduan: int = 500_000) -> dict[str, int]:
    """A store at ``path`` holding the simulated demo of ``kode`` with about ``aduan`` road complaints:
    the generator's complaint rate (data/demo.yaml ``aduan_per_km_per_tahun``) is scaled in this process
    by the ratio to the count it makes at the declared rate. Returns the rows per dataset."""
    from indicators.data import demo
    from indicators.data.gudang import Gudang

    n1 = len(demo.buat_demo(kode, dataset=["ruas_jalan", "aduan_jalan"])["aduan_jalan"])
    demo.parameter()["aduan_per_km_per_tahun"] *= aduan / n1
    try:
        g = Gudang(path)
        g.pastikan_demo(kode)
        baris = {d: len(g.baca(d)) for d in ("profil_desa", "aduan_jalan", "aduan_jalan_riwayat",
                                             "layanan_permohonan", "ronda_laporan")}
        g.tutup()
    finally:
        demo.parameter.cache_clear()
    return baris


def rss_mb(pid: int) -> float:
    """Resident memory of the process ``pid`` (the streamlit server), MB."""
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmRSS:"):
            return int(baris.split()[1]) / 1024
    return float("nan")


class Pantau:
    """Listens to the page's websockets: the time each ``script_finished`` arrived, and its status."""

    def __init__(self, page):
        self.selesai: list[tuple[float, int]] = []
        self.mulai: list[float] = []
        page.on("websocket", self._ws)

    def _ws(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        t = time.perf_counter()
        try:
            m = ForwardMsg.FromString(payload)
        except Exception:  # not a ForwardMsg
            return
        jenis = m.WhichOneof("type")
        if jenis == "new_session":
            self.mulai.append(t)
        elif jenis == "script_finished":
            self.selesai.append((t, m.script_finished))

    def tunggu_selesai(self, page, sejak: int, batas_s: float = 120) -> float:
        """Time of the first successful ``script_finished`` after the first ``sejak`` ones."""
        akhir = time.perf_counter() + batas_s
        while time.perf_counter() < akhir:
            for t, status in self.selesai[sejak:]:
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return t
            page.wait_for_timeout(5)  # lets playwright deliver the websocket events
        raise TimeoutError("no script_finished within the time limit")


def _wadah(page, a: Aksi):
    return page.locator('[data-testid="stSidebar"]') if a.sidebar else page.locator('[data-testid="stMain"]')


def _label_tepat(teks_: str):
    return re.compile(rf"^\s*{re.escape(teks_)}\s*$")


def _buka(page, kotak, opsi) -> None:
    """Open a select's option list (a rerun the page started by itself can swallow one click)."""
    kotak.scroll_into_view_if_needed()
    for tombol in ('input[role="combobox"]', 'button[aria-label="Open"]', 'input[role="combobox"]'):
        kotak.locator(tombol).first.click()
        try:
            opsi.first.wait_for(timeout=3000)
            return
        except Exception:
            page.keyboard.press("Escape")
    opsi.first.wait_for(timeout=10_000)


def lakukan(page, a: Aksi, i: int):
    """Prepare interaction ``a`` (its ``i``-th time: alternate between two states) and return the click
    that makes the change (the clock starts just before it: opening a dropdown is not the page's time)."""
    w = _wadah(page, a)
    if a.jenis == "bahasa":
        pilihan = w.locator('[data-testid="stRadio"]').filter(
            has=page.locator('[data-testid="stWidgetLabel"]', has_text="Bahasa / Language")).locator(
            '[role="radiogroup"] label')
        return pilihan.nth(1 - i % 2 if pilihan.count() == 2 else 0).click
    elif a.jenis == "tab":
        return page.locator('[data-testid="stMain"] [role="tab"]').nth((i + 1) % 2).click
    elif a.jenis == "selectbox":  # Streamlit 1.67: a react-aria combobox; the options open in a portal
        kotak = w.locator('[data-testid="stSelectbox"]').filter(
            has=page.locator('[data-testid="stWidgetLabel"]', has_text=_label_tepat(a.label))).first
        opsi = page.locator('[role="listbox"] [role="option"][aria-selected="false"]')
        _buka(page, kotak, opsi)
        return opsi.first.click
    elif a.jenis == "multiselect":  # alternately add an option (not "Select all") and remove it again
        kotak = w.locator('[data-testid="stMultiSelect"]').filter(
            has=page.locator('[data-testid="stWidgetLabel"]', has_text=_label_tepat(a.label))).first
        if kotak.locator('button[aria-label^="Remove"]').count():
            masukan = kotak.locator('input[role="combobox"]')

            def hapus() -> None:  # Backspace in the box: a click on a tag's × is not always taken
                masukan.focus()
                page.keyboard.press("Backspace")
            return hapus
        opsi = page.locator('[role="listbox"] [role="option"]')
        _buka(page, kotak, opsi)

        def pilih() -> None:
            opsi.filter(has_not_text=re.compile(r"select all|pilih semua", re.I)).first.click()
            page.keyboard.press("Escape")
        return pilih
    else:
        raise ValueError(a.jenis)


def siap(page, grafik: bool, batas_ms: int = 180_000) -> None:
    page.wait_for_selector(SIAP, timeout=batas_ms)
    if grafik:
        page.wait_for_selector(GRAFIK, timeout=batas_ms)
    page.wait_for_timeout(1500)  # components (maps) that rerun the page once after drawing
    page.wait_for_selector(SIAP, timeout=batas_ms)


def ukur_aksi(page, pantau: Pantau, a: Aksi, ulang: int) -> list[float]:
    """Seconds from the click to settled, ``ulang`` times (one more first, not counted: it warms caches)."""
    hasil = []
    for i in range(ulang + 1):
        try:
            klik = lakukan(page, a, i)
            n = len(pantau.selesai)
            t0 = time.perf_counter()
            klik()
            t1 = pantau.tunggu_selesai(page, n)
            page.evaluate(DUA_FRAME)
            akhir = time.perf_counter()
            # a run the page started by itself right after (a component reporting back) belongs to the change
            page.wait_for_timeout(400)
            while len(pantau.mulai) and pantau.mulai[-1] > t1:
                n2 = len(pantau.selesai)
                t1 = pantau.tunggu_selesai(page, n2 - 1 if pantau.selesai[-1][0] > pantau.mulai[-1] else n2)
                page.evaluate(DUA_FRAME)
                akhir = time.perf_counter()
                page.wait_for_timeout(400)
        except Exception:
            page.screenshot(path=str(Path(tempfile.gettempdir()) / "bench_halaman_gagal.png"))
            print(f"gagal: {page.url} {a.nama()} ke-{i}", file=sys.stderr)
            raise
        page.wait_for_selector(SIAP, timeout=60_000)
        if i:
            hasil.append(akhir - t0)
    return hasil


def cat_pertama(browser, url: str) -> float:
    """Seconds from opening ``url`` in a fresh context (empty cache) to the first chart or map drawn with
    no skeleton placeholder left on the page."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(GRAFIK, timeout=180_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=180_000)
    dt = time.perf_counter() - t0
    ctx.close()
    return dt


def baris(nama: str, nilai: list[float], acuan: float | None, target: str) -> str:
    m = statistics.median(nilai)
    rasio = f"{angka(m / acuan, 2):>5}×" if acuan else "  —  "
    semua = "; ".join(angka(x, 2) for x in nilai)
    return f"{nama:46} {angka(m, 2):>6} s  {rasio}  {target:7}  [{semua}]"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5, help="changes measured per interaction (median)")
    ap.add_argument("--halaman", default=",pilar,layanan-desa,aduan-jalan,progres,evaluasi,metodologi,data",
                    help="URL paths, comma-separated; empty = / (Ringkasan)")
    ap.add_argument("--asap", action="store_true", help="smoke run for CI: one change per interaction, 1 first paint")
    ap.add_argument("--skala", choices=["kabupaten", "besar"], default="kabupaten",
                    help="kabupaten: the demo of 18.02; besar: 11.08 (852 villages) with ~500,000 complaints")
    a = ap.parse_args(argv)
    besar = a.skala == "besar"
    ulang, n_cat = (1, 1) if a.asap else (a.ulang, 3)
    aksi = _aksi_halaman()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "kosong.py").write_text(textwrap.dedent(APP_KOSONG))
    (tmp / "grafik.py").write_text(textwrap.dedent(APP_SATU_GRAFIK))
    servers = []
    try:
        servers.append(mulai(tmp / "kosong.py", {}))
        servers.append(mulai(tmp / "grafik.py", {}))
        env_app = {"DASBOR_PATH_GUDANG": str(tmp / "bench.duckdb"), "DASBOR_PETA_DASAR_URL": ""}
        if besar:
            t0 = time.perf_counter()
            jumlah = siapkan_besar(tmp / "bench.duckdb")
            env_app["DASBOR_KODE_KABUPATEN"] = "11.08"
            print(f"# skala besar: 11.08, {', '.join(f'{k} {angka(v)}' for k, v in jumlah.items())} "
                  f"(store prepared in {angka(time.perf_counter() - t0)} s)")
        servers.append(mulai(AKAR / "app.py", env_app))
        (_, url_kosong, _), (_, url_grafik, _), (proc_app, url_app, _) = servers
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            ctx = browser.new_context(viewport={"width": 1366, "height": 768})
            page = ctx.new_page()
            pantau = Pantau(page)
            page.goto(url_app)  # loads the demo data once
            siap(page, grafik=True, batas_ms=300_000)
            kapan = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            print(f"# bench_halaman — {os.cpu_count()} CPU, load {angka(os.getloadavg()[0], 1)}, "
                  f"{ulang} changes per interaction (median), 1366×768, {kapan}")
            print(f"{'interaksi':46} {'median':>8}  rasio  target   [setiap perubahan, s]")
            page.goto(url_kosong)
            siap(page, grafik=False)
            acuan = {}
            for k, ak in AKSI_KOSONG.items():
                acuan[k] = ukur_aksi(page, pantau, ak, ulang)
                print(baris(f"app kosong: {ak.nama()}" + (" (sidebar)" if ak.sidebar else ""), acuan[k], None, "acuan"))
            rasio_semua = []
            for h in a.halaman.split(","):
                page.goto(f"{url_app}/{h}")
                siap(page, grafik=h != "data")
                for ak in aksi[h]:
                    kunci = next(k for k, v in AKSI_KOSONG.items() if v == padanan_kosong(ak))
                    w = ukur_aksi(page, pantau, ak, ulang)
                    target = "≤ 3×" if ak.jenis == "bahasa" or besar else "≤ 1,5×"
                    print(baris(f"/{h} {ak.nama()}", w, statistics.median(acuan[kunci]), target))
                    rasio_semua.append(statistics.median(w) / statistics.median(acuan[kunci]))
            print(f"{'memori server app setelah semua halaman':46} {angka(rss_mb(proc_app.pid)):>6} MB  "
                  f"target ≤ {'2.048' if besar else '1.024'} MB")
            ctx.close()
            cat_acuan = [cat_pertama(browser, url_grafik) for _ in range(n_cat)]
            print(baris("cat pertama: app satu grafik", cat_acuan, None, "acuan"))
            for h in a.halaman.split(","):
                if h == "data":
                    continue
                w = [cat_pertama(browser, f"{url_app}/{h}") for _ in range(n_cat)]
                print(baris(f"cat pertama: /{h}", w, statistics.median(cat_acuan), "≤ 3×" if besar else "≤ 2×"))
            browser.close()
    finally:
        for proc, _, _ in servers:
            _stop(proc)


if __name__ == "__main__":
    main()
