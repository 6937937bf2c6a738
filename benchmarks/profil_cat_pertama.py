"""Where a page's first paint goes (issue 16): server messages, what the page shows when, browser CPU.

``bench_halaman.py`` says how long a fresh browser takes to show a page; this says why. For one page,
after one warm visit (the server's caches filled, as in the benchmark), a fresh browser context opens
it once and the tool prints:

- the websocket frames the server sent: how many, how many bytes, when the first and the last arrived,
  and the largest ones with the element each carries (decoded with Streamlit's protobuf classes);
- a timeline from the page itself (one sample per animation frame, printed when it changes): how many
  plotly SVG roots, Leaflet iframes, skeleton placeholders, tables and element containers exist;
- the browser's CPU profile (Chrome DevTools' sampling profiler) summed per script file: which front-end
  bundle (plotly, react, the table, Leaflet) the main thread spent its time in.

Run:  .venv/bin/python benchmarks/profil_cat_pertama.py aduan-jalan     # a URL path; "" = Ringkasan
Prints what it measured; nothing is asserted. Needs Debian's Chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_halaman as bh

PILIH = {"plotly": ".js-plotly-plot .main-svg", "leaflet": "iframe[title='streamlit_folium.st_folium']",
         "skeleton": '[data-testid="stSkeleton"]', "tabel": '[data-testid="stDataFrame"]',
         "elemen": '[data-testid="stElementContainer"]'}
# one sample per animation frame, kept when the counts change
AMATI = """
window.__garis = []; const t0 = performance.now(); let akhir = '';
const pilih = %s;
function amati() {
  const s = pilih.map(q => document.querySelectorAll(q).length).join(' ');
  if (s !== akhir) { akhir = s; window.__garis.push([Math.round(performance.now() - t0), s]); }
  requestAnimationFrame(amati);
}
requestAnimationFrame(amati);
"""


def isi_bingkai(data) -> str:
    """What a websocket frame carries: the element type (a component's name) or the message type."""
    try:
        m = ForwardMsg.FromString(data)
    except Exception:  # a frame that is not a ForwardMsg
        return "?"
    jenis = m.WhichOneof("type")
    if jenis != "delta" or m.delta.WhichOneof("type") != "new_element":
        return jenis or "?"
    el = m.delta.new_element
    nama = el.WhichOneof("type")
    return f"komponen {el.component_instance.component_name}" if nama == "component_instance" else nama


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("halaman", help="URL path of the page, e.g. aduan-jalan (empty: Ringkasan)")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    proc, url, _ = bh.mulai(bh.AKAR / "app.py", {"DASBOR_PATH_GUDANG": str(tmp / "profil.duckdb"),
                                                 "DASBOR_PETA_DASAR_URL": ""})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(bh.CHROMIUM), headless=True, args=bh.CHROMIUM_ARGS)
            ctx = browser.new_context(viewport={"width": 1366, "height": 768})
            page = ctx.new_page()
            page.goto(url)  # loads the demo data once
            bh.siap(page, grafik=True, batas_ms=300_000)
            page.goto(f"{url}/{a.halaman}")  # the page's caches filled, as in bench_halaman
            bh.siap(page, grafik=a.halaman != "data", batas_ms=300_000)
            ctx.close()

            ctx = browser.new_context(viewport={"width": 1366, "height": 768})
            ctx.add_init_script(AMATI % list(PILIH.values()))
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 500})
            cdp.send("Profiler.start")
            bingkai: list[tuple[float, int, str]] = []
            t0 = time.perf_counter()
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: bingkai.append(
                (time.perf_counter() - t0, len(f), isi_bingkai(f) if isinstance(f, bytes) else "teks"))))
            page.goto(f"{url}/{a.halaman}")
            page.wait_for_selector(bh.GRAFIK, timeout=180_000)
            t_grafik = time.perf_counter() - t0
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=180_000)
            t_siap = time.perf_counter() - t0
            profil = cdp.send("Profiler.stop")["profile"]
            page.wait_for_timeout(1000)
            garis = page.evaluate("window.__garis")
            ctx.close()
            browser.close()
    finally:
        bh._stop(proc)

    angka = bh.angka
    print(f"# profil_cat_pertama /{a.halaman} — 1366×768, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"first chart or map {angka(t_grafik, 2)} s; no skeleton left {angka(t_siap, 2)} s")
    if bingkai:
        print(f"websocket: {len(bingkai)} frames, {angka(sum(b[1] for b in bingkai) / 1e6, 2)} MB, "
              f"first at {angka(bingkai[0][0], 2)} s, last at {angka(bingkai[-1][0], 2)} s; largest:")
        for t, n, jenis in sorted(bingkai, key=lambda b: -b[1])[:8]:
            print(f"  {angka(n / 1e3, 0):>7} kB at {angka(t, 2)} s  {jenis}")
    print("page timeline (ms after navigation start: " + ", ".join(PILIH) + ")")
    for t, s in garis:
        print(f"  {t:>6}  {s}")
    simpul = {n["id"]: n["callFrame"] for n in profil["nodes"]}
    per_berkas: collections.Counter = collections.Counter()
    for sid, dt in zip(profil["samples"], profil["timeDeltas"], strict=True):
        cf = simpul[sid]
        per_berkas[cf["url"].rsplit("/", 1)[-1] or cf["functionName"] or "(native)"] += dt
    print(f"browser CPU profile, {angka(sum(profil['timeDeltas']) / 1e3, 0)} ms sampled, per script file:")
    for berkas, dt in per_berkas.most_common(12):
        print(f"  {angka(dt / 1e3, 0):>6} ms  {berkas}")


if __name__ == "__main__":
    main()
