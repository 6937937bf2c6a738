"""Leaflet (folium) against plotly for the dashboard's two kinds of map, side by side (issue 14 item 1).

The same data go into both: the village choropleth of /pilar (every village of the district, one value
each) and the complaint map of /aduan-jalan (every open complaint of the demo as points). For each map
and library it prints, as measured here:

- ``bangun_ms``: building the figure in Python (median of R repeats; a filter change on a page
  rebuilds it, so this is also the server's share of a rerun);
- ``muatan_kb``: what goes to the browser (plotly: the figure JSON; folium: the map's HTML and script,
  which streamlit-folium sends whole);
- ``gambar_ms``: first paint in Debian's Chromium, from navigation to the map drawn (plotly: the
  MapLibre map loaded; Leaflet: the regions or clusters in the DOM), each page served from 127.0.0.1
  with its library from the local copies (plotly.js from the plotly package, Leaflet from ./static);
- ``ulang_ms``: the same page loaded again (warm cache): what a rerun costs the browser, since
  st_folium redraws its frame and Streamlit's plotly element redraws the figure.

    .venv/bin/python benchmarks/bench_peta.py [--district 18.02] [--ulang 5]

Needs ./static (``bash scripts/setup.sh``) and /usr/bin/chromium. Nothing is fetched from the internet.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))

import plotly  # noqa: E402

from indicators.aduan.siapan import siapkan  # noqa: E402
from indicators.data.demo import buat_demo  # noqa: E402
from indicators.tampilan import grafik_aduan, peta, peta_lapisan  # noqa: E402
from indicators.wilayah.batas import batas  # noqa: E402

# when each page counts as drawn
SIAP_PLOTLY = """() => { const gd = document.querySelector('.js-plotly-plot');
    const s = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return !!(s && s.map && s.map.loaded() && document.querySelector('canvas')); }"""
SIAP_LEAFLET = """n => document.querySelectorAll('path.leaflet-interactive').length >= n
    || document.querySelectorAll('.marker-cluster').length > 0"""


def _median_ms(f, ulang: int):
    hasil = None
    t = []
    for _ in range(ulang):
        a = time.perf_counter()
        hasil = f()
        t.append((time.perf_counter() - a) * 1000)
    return statistics.median(t), hasil


def _peta(kode: str):
    """(name, plotly builder, folium builder, number of regions the Leaflet page must draw)."""
    demo = buat_demo(kode)
    desa = batas(kode, "desa")
    kec = batas(kode, "kecamatan")
    nilai = demo["profil_desa"].set_index("kode_wilayah")["penduduk"].astype(float)
    nilai = 100 * (nilai - nilai.min()) / (nilai.max() - nilai.min())
    aduan = siapkan(demo["aduan_jalan"], demo["aduan_jalan_riwayat"], kode)
    terbuka = aduan[aduan["terbuka"]]
    return [
        ("choropleth desa", lambda: peta.peta_choropleth(desa, nilai, judul="Desa", label_nilai="0-100"),
         lambda: peta_lapisan.peta_wilayah(desa, nilai, "Desa", "0-100"), len(desa)),
        ("titik aduan", lambda: grafik_aduan.peta_aduan(terbuka, "status", "id", batas=kec),
         lambda: peta_lapisan.peta_aduan(terbuka, "status", "id", kec), 0),
    ], len(desa), len(terbuka)


class _Diam(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request
        pass


def _server(folder: Path):
    handler = functools.partial(_Diam, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--district", default="18.02")
    ap.add_argument("--ulang", type=int, default=5)
    a = ap.parse_args()
    if not (AKAR / "static" / "leaflet" / "leaflet.js").exists():
        sys.exit("./static/leaflet is missing: run bash scripts/setup.sh first")
    from playwright.sync_api import sync_playwright

    peta_, n_desa, n_aduan = _peta(a.district)
    print(f"# bench_peta — Python {platform.python_version()}, plotly {plotly.__version__}, "
          f"{os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}; district {a.district}: {n_desa} villages, "
          f"{n_aduan} open complaints; median of {a.ulang}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(AKAR / "static", folder / "app" / "static")
        shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "plotly.min.js")
        srv = _server(folder)
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        baris = []
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=os.environ.get("DASBOR_CHROMIUM", "/usr/bin/chromium"),
                                   args=["--no-sandbox"])
            for nama, plotly_f, folium_f, n_wilayah in peta_:
                for pustaka, bangun in (("plotly", plotly_f), ("leaflet", folium_f)):
                    ms, fig = _median_ms(bangun, a.ulang)
                    if pustaka == "plotly":
                        muatan = len(fig.to_json().encode())
                        html = fig.to_html(include_plotlyjs="plotly.min.js", full_html=True)
                    else:
                        html = fig.get_root().render()
                        muatan = len(html.encode())
                    berkas = f"{pustaka}-{nama.replace(' ', '_')}.html"
                    (folder / berkas).write_text(html, encoding="utf-8")
                    konteks = b.new_context(viewport={"width": 1366, "height": 768})
                    page = konteks.new_page()
                    luar = []
                    page.on("request", lambda r, luar=luar: luar.append(r.url)
                            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
                    waktu = []
                    for _ in range(a.ulang + 1):
                        mulai = time.perf_counter()
                        page.goto(f"{base}/{berkas}", wait_until="domcontentloaded")
                        if pustaka == "plotly":
                            page.wait_for_function(SIAP_PLOTLY, timeout=120_000, polling=50)
                        else:
                            page.wait_for_function(SIAP_LEAFLET, arg=max(n_wilayah, 1), timeout=120_000, polling=50)
                        waktu.append((time.perf_counter() - mulai) * 1000)
                    konteks.close()
                    baris.append((nama, pustaka, ms, muatan / 1024, waktu[0], statistics.median(waktu[1:]),
                                  len(luar)))
            b.close()
        srv.shutdown()
    print(f"{'peta':<16} {'pustaka':<8} {'bangun_ms':>10} {'muatan_kb':>10} {'gambar_ms':>10} {'ulang_ms':>9} "
          f"{'keluar':>6}")
    for nama, pustaka, ms, kb, g, u, keluar in baris:
        print(f"{nama:<16} {pustaka:<8} {ms:>10.0f} {kb:>10.0f} {g:>10.0f} {u:>9.0f} {keluar:>6}")
    with contextlib.suppress(Exception):
        print(f"# load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
