"""What every page shares: language, the store, cached reads, the simulated-data label, downloads.

Pages stay thin: read settings and filters here, call ``indicators``, draw.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import logging
import runpy
import sys
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators.akses import akun, privasi
from indicators.akses.akun import Pengguna
from indicators.dasar.format import angka
from indicators.dasar.label import BAHASA, teks
from indicators.dasar.pengaturan import ambil, path_gudang
from indicators.dasar.teks_aman import markdown_aman, teks_css
from indicators.data.gudang import Gudang
from indicators.laporan import ekspor
from indicators.wilayah.daftar import nama_wilayah
from pages import _gambar

_log = logging.getLogger("indicators.halaman")
_APLIKASI = (Path(__file__).resolve().parents[1] / "app.py").resolve()

# Importing this module never raises and never touches a session: many sessions of a fresh server
# import it at once (a link shared round a meeting), and an exception raised during the import (the
# old module-level st.rerun) left a half-initialised module for the others ("cannot import name
# 'data' from 'pages._bersama'"). The pages/-folder guard is a function, checked on every run.


def _gaya_lama() -> bool:
    """Whether this run is one of Streamlit's old-style multipage runs (inside ``_mpa_v1``) that app.py
    has not yet been run in place of (:func:`_lewat_aplikasi` on the stack: already done).

    Streamlit does that while app.py's st.navigation has not switched the server over: for the first
    requests of a fresh server (its "/" page runs app.py as the old-style main page; a deep link such
    as /progres runs the pages/ file itself) and, under AppTest, on every run (AppTest resets the
    class-wide ``PagesManager.uses_pages_directory`` before each run). The check looks at this thread's
    stack, so it holds per session and per run, also when this module was imported twice.
    """
    f = sys._getframe(2)  # the caller of _lewat_aplikasi
    while f is not None:
        kode = f.f_code
        if kode.co_name == "_lewat_aplikasi" and kode.co_filename.endswith("_bersama.py"):
            return False
        if kode.co_name == "_mpa_v1" and "streamlit" in kode.co_filename:
            return True
        f = f.f_back
    return False


def _lewat_aplikasi() -> None:
    """In an old-style run, run app.py in its place, now, as the main script (its st.navigation switches
    the server over and runs the page inside it, with the sidebar, the sign-in and the language
    switch), then end the outer run. Called before anything is drawn.

    As the main script: Streamlit puts the active page's hash into every widget id, and every later
    run of app.py has the main script's; under an old-style page's hash the sidebar's widgets would get
    other ids, and the first click on them (the language, a sign-in) would be lost. No rerun either: a
    rerun drops the click or form submit that started this run."""
    if not _gaya_lama():
        return
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        runpy.run_path(str(_APLIKASI), run_name="__main__")
    st.stop()


def pilih_bahasa() -> str:
    """Language from the URL (``?lang=en``), switchable in the sidebar; Bahasa Indonesia by default.

    The choice is also kept outside the widget (``_bahasa``): Streamlit forgets a widget's value after a
    run that did not draw it (a page switch that drops the query string, an old-style first run)."""
    _lewat_aplikasi()
    bawaan = str(ambil("bahasa"))
    if "bahasa" not in st.session_state:
        q = st.query_params.get("lang", st.session_state.get("_bahasa", bawaan))
        st.session_state["bahasa"] = q if q in BAHASA else bawaan
    st.sidebar.radio("Bahasa / Language", BAHASA, key="bahasa", horizontal=True,
                     format_func=lambda b: {"id": "Indonesia", "en": "English"}[b])
    b = st.session_state["_bahasa"] = st.session_state["bahasa"]
    if b != bawaan:
        st.query_params["lang"] = b
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    return b


_GAYA = Path(__file__).with_name("gaya.css")
_CETAK = Path(__file__).with_name("cetak.js")


def gaya() -> None:
    """The dashboard's stylesheet (pages/gaya.css: layout at 1366 px, print) and its print helper
    (pages/cetak.js: the screen's width for the print, the maps copied for paper), once per run,
    taking no space (the script's element is hidden by gaya.css)."""
    st.html(f"<style>{_GAYA.read_text(encoding='utf-8')}</style>")
    st.html(f'<script id="dasbor-cetak">{_CETAK.read_text(encoding="utf-8")}</script>', unsafe_allow_javascript=True)


def unggah(label: str, kunci: str, jenis: list[str]):
    """``st.file_uploader`` with its own texts (the button, the size limit and file types) in the reader's
    language: Streamlit writes them in English only, so this uploader's copy is written over them by CSS
    (scoped to its key). The limit shown is the ``batas_unggah_mb`` setting the app enforces."""
    b = bahasa()
    akar = f'.st-key-{kunci} [data-testid="stFileUploaderDropzone"]'
    tombol = teks_css(teks("st_unggah_tombol", b))
    batas = teks_css(teks("st_unggah_batas", b).format(mb=angka(ambil("batas_unggah_mb")),
                                                        jenis=", ".join(j.upper() for j in jenis)))
    st.html(f"<style>{akar} button [data-testid='stMarkdownContainer'] p {{font-size: 0}}"
            f"{akar} button [data-testid='stMarkdownContainer'] p::after {{content: {tombol}; font-size: 0.875rem}}"
            f"{akar} [data-testid='stFileUploaderDropzoneInstructions'] span {{font-size: 0}}"
            f"{akar} [data-testid='stFileUploaderDropzoneInstructions'] span::after "
            f"{{content: {batas}; font-size: 0.875rem}}</style>")
    return st.file_uploader(label, type=jenis, key=kunci)


def jalankan_halaman(navigasi) -> None:
    """Run the page chosen by st.navigation; an error in it is logged in full (traceback, page, a short
    code) and the viewer sees one sentence in their language with that code — no paths, no internals.

    With ``DASBOR_MODE_PENGEMBANGAN=1`` the error goes to Streamlit as is, shown in full (developers,
    tests).
    Streamlit's rerun/stop signals are BaseExceptions and pass through untouched.
    """
    pengembangan = bool(int(ambil("mode_pengembangan")))
    if pengembangan:  # the whole error in the browser (config.toml redacts it for viewers)
        st.set_option("client.showErrorDetails", "full")
    try:
        navigasi.run()
    except Exception:
        if pengembangan:
            raise
        kode = uuid.uuid4().hex[:8]
        _log.exception("halaman %s gagal (kode %s)", getattr(navigasi, "url_path", "?"), kode)
        st.error(teks("galat_halaman", bahasa()).format(kode=kode), icon=":material/error:")


def bahasa() -> str:
    _lewat_aplikasi()
    return st.session_state.get("bahasa", st.session_state.get("_bahasa", str(ambil("bahasa"))))


def pengguna() -> Pengguna:
    """The viewer: the account signed in in this session (local or through the identity provider), else
    ``publik``. Set and ended only by :mod:`pages._masuk` (the sidebar's sign-in, idle expiry)."""
    p = st.session_state.get("_pengguna")
    return p if isinstance(p, Pengguna) else akun.publik()


def peran() -> str:
    """The viewer's role (``publik`` until signed in): decides what every page and export may show."""
    return pengguna().peran


def pencatat():
    """``catat(peristiwa, dataset, detail)``: writes one audit event by the viewer of this run (id and
    role read now), also when called later from a download's deferred builder. No personal data."""
    g, p = gudang(), pengguna()

    def catat(peristiwa: str, dataset: str = "", detail: str = "") -> None:
        g.catat_audit(peristiwa, p.id, dataset, detail, p.peran)
    return catat


def _salin(x):
    """What a cache hands out: DataFrames and Series as shallow copies (pandas copy-on-write: a change
    made by the caller copies the column it touches and never reaches the cached object), containers and
    dataclasses copied around them; anything else (figures, maps, numbers, text) as it is."""
    if isinstance(x, (pd.DataFrame, pd.Series)):
        return x.copy(deep=False)
    if isinstance(x, dict):
        return {k: _salin(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return type(x)(_salin(v) for v in x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        baru = copy.copy(x)
        for f in dataclasses.fields(x):
            object.__setattr__(baru, f.name, _salin(getattr(x, f.name)))
        return baru
    return x


def simpan(max_entries: int):
    """Cache a page's derived results (tables, figures, scores) as objects, shared by every session:
    ``st.cache_data`` pickles and unpickles its value on every read, which cost up to a third of a rerun
    (a plotly figure is re-validated while unpickled: ~0,1 s each; py-spy, issue 16). Keys are the
    arguments, as with cache_data: a function that depends on the role takes it as an argument.
    Values are read-only: every read gets :func:`_salin`'s copy."""
    def hias(fn):
        tersimpan = st.cache_resource(show_spinner=False, max_entries=max_entries)(fn)

        @functools.wraps(fn)
        def baca(*args, **kwargs):
            return _salin(tersimpan(*args, **kwargs))
        baca.clear = tersimpan.clear
        return baca
    return hias


@simpan(256)
def _sekali(modul: str, nama: str, args: tuple, kwargs: tuple):
    return getattr(importlib.import_module(modul), nama)(*args, **dict(kwargs))


def sekali(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` for a pure display builder of ``indicators`` (a figure, a formatted table),
    built once per arguments and shared by every session; a rerun with the same inputs gets the same
    object (so :func:`grafik` also reuses its dict). Arguments are hashed as ``st.cache_data`` hashes
    them; pass aggregated frames, not a dataset of many thousands of rows (Streamlit hashes a sample of
    large frames)."""
    return _sekali(fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))


@st.cache_resource(show_spinner="Menyiapkan gudang data…")
def _gudang(path: str, kode: str) -> Gudang:
    return Gudang.bawaan()


def gudang() -> Gudang:
    """The store named by the settings (the demo is loaded on first use)."""
    _lewat_aplikasi()
    try:
        return _gudang(str(path_gudang()), str(ambil("kode_kabupaten")))
    except ValueError as e:  # e.g. the store holds imported data of another district
        st.error(markdown_aman(str(e)))
        st.stop()


@simpan(64)
def _baca(path: str, versi: int, dataset: str, peran_: str) -> pd.DataFrame:
    # the role is part of the cache key: st.cache_data is shared by every user of the server
    return privasi.lindungi(gudang().baca(dataset), dataset, peran_)


def data(dataset: str) -> pd.DataFrame:
    """A dataset as the current role may see it, cached until the next import."""
    g = gudang()
    return _baca(str(g.path), g.versi(), dataset, peran())


@simpan(8)
def _aduan_siap(path: str, versi: int, peran_: str, kode: str) -> pd.DataFrame:
    from indicators.aduan import siapan
    return siapan.siapkan(data("aduan_jalan"), data("aduan_jalan_riwayat"), kode)


def aduan_siap() -> pd.DataFrame:
    """Road complaints with their derived columns (open, age, overdue…) as the current role may see them."""
    g = gudang()
    return _aduan_siap(str(g.path), g.versi(), peran(), kode_kabupaten())


def kode_kabupaten() -> str:
    return gudang().meta("kode_kabupaten") or str(ambil("kode_kabupaten"))


def kepala(kunci_judul: str, dataset: list[str]) -> str:
    """Page title with the district name, and the simulated-data label when any shown dataset is demo."""
    b = bahasa()
    kode = kode_kabupaten()
    st.title(teks(kunci_judul, b))
    st.caption(f"{nama_wilayah(kode)} · {kode}")
    demo = gudang().dataset_demo()
    if demo & set(dataset):
        st.warning(teks("data_tersimulasi", b), icon=":material/science:")
    return b


def peta(fig) -> None:
    """Draw a map built by ``indicators.tampilan.peta`` (plotly, no tile server: works offline)."""
    st.plotly_chart(_gambar.figur_tetap(fig, bahasa()), width="stretch",
                    config={"displaylogo": False, "scrollZoom": True})  # numbers and months in the reader's language


def peta_leaflet(m, kunci: str, tinggi: int = 480, klik: bool = False) -> str | None:
    """Draw a Leaflet map built by ``indicators.tampilan.peta_lapisan`` (offline assets at /app/static).

    The map is rendered to HTML once per map object (:func:`pages._gambar.argumen_leaflet`); later runs only send it.
    With ``klik`` the map reports clicks: returns the ``kode_wilayah`` of a region just clicked (once per
    click; None otherwise), for the page to select it as if chosen from its list.
    """
    from indicators.tampilan.leaflet import aset_terpasang

    if not aset_terpasang():
        st.warning(teks("peta_aset_hilang", bahasa()), icon=":material/map:")
        return None
    hasil = _gambar.gambar_leaflet(m, kunci, tinggi, klik)
    if not klik:
        return None
    fitur = (hasil or {}).get("last_active_drawing") or {}
    kode = (fitur.get("properties") or {}).get("kode_wilayah")
    ingat = f"_klik_{kunci}"
    if kode is None or st.session_state.get(ingat) == kode:  # no click, or a click already acted on
        if kode is None:
            st.session_state.pop(ingat, None)
        return None
    st.session_state[ingat] = kode
    return str(kode)


def grafik(fig) -> None:
    """Draw a plotly figure, its numbers and months in the reader's language (``indicators.tampilan.rapi``)."""
    st.plotly_chart(_gambar.figur_tetap(fig, bahasa()), width="stretch", config={"displaylogo": False})


def unduh(df: pd.DataFrame, nama: str, dataset: str | None = None, periode: str | None = None,
          saringan: dict | None = None, geometri=None) -> None:
    """Downloads of exactly ``df``, role-protected and formula-safe, each audited: CSV for Excel with
    Indonesian settings (``;``, decimal comma, BOM, metadata above the table), CSV for tools (comma,
    dot), XLSX (numbers numeric, a metadata sheet); with ``geometri`` (one shapely geometry per row, or
    a callable returning them for the protected rows) also GeoJSON and GeoPackage for QGIS.

    Headers go out in the reader's language, numbers rounded as shown (``df.attrs["desimal"]``);
    the metadata names the district, ``periode``, ``saringan``, the source, the register edition, the
    time and "data tersimulasi" where the data are.
    """
    b = bahasa()
    if dataset:
        df = privasi.lindungi(df, dataset, peran())
    g, catat = gudang(), pencatat()  # the viewer read now: the file is built later, when clicked
    kode = kode_kabupaten()
    demo = g.dataset_demo()
    tersimulasi = dataset in demo if dataset else bool(demo)
    sumber = teks("meta_sumber_bawaan", b) + (f" · {dataset}" if dataset else "")

    def _buat(fmt: str):
        def _isi() -> bytes:  # runs only when the button is clicked; every export is audited
            catat("ekspor", dataset or nama, f"{len(df)} baris {fmt}")
            meta = ekspor.metadata(kode, b, periode, saringan, sumber, tersimulasi)
            if fmt == "csv":
                return ekspor.ke_csv_excel(df, meta, b)
            if fmt == "csv_alat":
                return ekspor.ke_csv(df)
            if fmt == "xlsx":
                return ekspor.ke_xlsx(df, "data", meta, b)
            geo = geometri(df) if callable(geometri) else geometri
            return ekspor.ke_geojson(df, geo, b) if fmt == "geojson" else ekspor.ke_gpkg(df, geo, nama, b)
        return _isi

    tombol = [("csv", "unduh_csv", "csv", "text/csv"), ("csv_alat", "unduh_csv_alat", "csv", "text/csv"),
              ("xlsx", "unduh_xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    if geometri is not None:
        tombol += [("geojson", "unduh_geojson", "geojson", "application/geo+json"),
                   ("gpkg", "unduh_gpkg", "gpkg", "application/geopackage+sqlite3")]
    kolom = st.columns(len(tombol))
    for c, (fmt, label, ext, mime) in zip(kolom, tombol, strict=True):
        akhiran = "_alat" if fmt == "csv_alat" else ""
        c.download_button(teks(label, b), _buat(fmt), f"{nama}{akhiran}.{ext}", mime, on_click="ignore",
                          key=f"{fmt}-{nama}", help=teks("unduh_bantuan_csv", b) if fmt == "csv" else None)


def geometri_wilayah(tingkat: str, kolom_kode: str):
    """For :func:`unduh`: the boundary of each row's region (codes in ``kolom_kode``), as the maps draw it."""
    from indicators.wilayah.batas import batas

    def _geo(df: pd.DataFrame) -> list:
        g = batas(kode_kabupaten(), tingkat).set_index("kode_wilayah").geometry
        return g.reindex(df[kolom_kode].astype(str)).tolist()
    return _geo


def geometri_titik(dataset: str, kunci: str):
    """For :func:`unduh`: each row's point (``lat``/``lon`` of ``dataset``, looked up by ``kunci``)."""
    import shapely

    def _geo(df: pd.DataFrame) -> list:
        t = data(dataset).drop_duplicates(kunci).set_index(kunci)[["lat", "lon"]].reindex(df[kunci])
        return list(shapely.points(t["lon"].to_numpy(float), t["lat"].to_numpy(float)))
    return _geo


def pilihan_url(label: str, kunci: str, opsi: list, bawaan=None, format_func=str, wadah=None,
                radio: bool = False, horizontal: bool = False):
    """A selectbox whose value lives in the URL (``?kunci=...``) so a link reproduces the view.

    An unknown value in the URL falls back to ``bawaan`` (never an error page). With ``radio`` the
    choices are radio buttons instead: every option shown, long names wrapped (a narrow sidebar would
    cut them in a selectbox).
    """
    wadah = wadah or st
    if not opsi:
        return None
    bawaan = bawaan if bawaan in opsi else opsi[0]
    pertama = kunci not in st.session_state
    if pertama:
        dari_url = st.query_params.get(kunci)
        cocok = [o for o in opsi if str(o) == dari_url]
        st.session_state[kunci] = cocok[0] if cocok else bawaan
    elif st.session_state[kunci] not in opsi:
        st.session_state[kunci] = bawaan
    if radio:
        nilai = wadah.radio(label, opsi, key=kunci, format_func=format_func, horizontal=horizontal)
    else:
        nilai = wadah.selectbox(label, opsi, key=kunci, format_func=format_func)
    if pertama:  # the first render only reads the URL: a value meant for another page is left alone
        return nilai
    if nilai == bawaan:
        st.query_params.pop(kunci, None)
    else:
        st.query_params[kunci] = str(nilai)
    return nilai


def multi_url(label: str, kunci: str, opsi: list, format_func=str, wadah=None) -> list:
    """A multiselect whose values live in the URL as a comma-separated list (empty = all)."""
    wadah = wadah or st
    pertama = kunci not in st.session_state
    if pertama:
        dari_url = st.query_params.get(kunci, "")
        st.session_state[kunci] = [o for o in opsi if str(o) in dari_url.split(",")] if dari_url else []
    else:
        st.session_state[kunci] = [o for o in st.session_state[kunci] if o in opsi]
    # no "Select all" option: Streamlit writes it in English only, and an empty choice already means all
    nilai = wadah.multiselect(label, opsi, key=kunci, format_func=format_func, placeholder=teks("semua", bahasa()),
                              select_all=False)
    if pertama:
        return nilai
    if nilai:
        st.query_params[kunci] = ",".join(str(v) for v in nilai)
    else:
        st.query_params.pop(kunci, None)
    return nilai
