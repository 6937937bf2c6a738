"""What every page shares: language, the store, cached reads, the simulated-data label, downloads.

Pages stay thin: read settings and filters here, call ``indicators``, draw.
"""
from __future__ import annotations

import copy
import logging
import sys
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from indicators.akses import privasi
from indicators.dasar.label import BAHASA, teks
from indicators.dasar.pengaturan import ambil, path_gudang
from indicators.data.gudang import Gudang
from indicators.laporan import ekspor
from indicators.wilayah.daftar import nama_wilayah

_log = logging.getLogger("indicators.halaman")
_APLIKASI = (Path(__file__).resolve().parents[1] / "app.py").resolve()

# Importing this module never raises and never touches a session: many sessions of a fresh server
# import it at once (a link shared round a meeting), and an exception raised during the import (the
# old module-level st.rerun) left a half-initialised module for the others ("cannot import name
# 'data' from 'pages._bersama'"). The pages/-folder guard is a function, checked on every run.


def _gaya_lama() -> bool:
    """Whether this run is Streamlit's old-style multipage run of a pages/ file.

    Streamlit does that for the first requests of a fresh server when they are deep links (/progres):
    app.py's st.navigation has not run yet. Such a run executes inside Streamlit's ``_mpa_v1``; the
    check looks at this thread's stack, so it holds per session and per run — sessions that started
    before the first one switched the server over are rerun too. When ``_mpa_v1`` runs app.py itself
    (the "/" page of an old-style run, and every AppTest run: AppTest resets the class-wide
    ``PagesManager.uses_pages_directory`` before each run) app.py's own st.navigation picks the page, so
    that is no old-style run: rerunning it would lose the button click or form submit that started it.
    """
    f = sys._getframe(1)
    while f is not None:
        nama = f.f_code.co_filename
        if nama.endswith("app.py") and Path(nama).resolve() == _APLIKASI:
            return False
        if f.f_code.co_name == "_mpa_v1" and "streamlit" in f.f_code.co_filename:
            return True
        f = f.f_back
    return False


def _lewat_aplikasi() -> None:
    """In an old-style run, switch the server to st.navigation and rerun the same URL through app.py
    (otherwise: no language switch, wrong titles, the pages/ files listed as pages).

    Only for a session app.py has not run in yet (``_lewat_aplikasi``, set by pilih_bahasa): that is a
    session whose first request was a deep link. A later old-style run happens only under AppTest, which
    sets the old style again before every run; rerunning it would drop the click or form submit that
    started it."""
    if not st.session_state.get("_lewat_aplikasi") and _gaya_lama():
        PagesManager.uses_pages_directory = False
        st.rerun()


def pilih_bahasa() -> str:
    """Language from the URL (``?lang=en``), switchable in the sidebar; Bahasa Indonesia by default.

    The choice is also kept outside the widget (``_bahasa``): Streamlit forgets a widget's value after a
    run that did not draw it (a page switch that drops the query string, an old-style first run)."""
    _lewat_aplikasi()
    st.session_state["_lewat_aplikasi"] = True  # app.py runs in this session
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


def peran() -> str:
    """The viewer's role. Until sign-in exists everyone is ``publik`` (sees no personal data)."""
    return "publik"


@st.cache_resource(show_spinner="Menyiapkan gudang data…")
def _gudang(path: str, kode: str) -> Gudang:
    return Gudang.bawaan()


def gudang() -> Gudang:
    """The store named by the settings (the demo is loaded on first use)."""
    _lewat_aplikasi()
    try:
        return _gudang(str(path_gudang()), str(ambil("kode_kabupaten")))
    except ValueError as e:  # e.g. the store holds imported data of another district
        st.error(str(e))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=64)
def _baca(path: str, versi: int, dataset: str, peran_: str) -> pd.DataFrame:
    # the role is part of the cache key: st.cache_data is shared by every user of the server
    return privasi.lindungi(gudang().baca(dataset), dataset, peran_)


def data(dataset: str) -> pd.DataFrame:
    """A dataset as the current role may see it, cached until the next import."""
    g = gudang()
    return _baca(str(g.path), g.versi(), dataset, peran())


@st.cache_data(show_spinner=False, max_entries=8)
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
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False, "scrollZoom": True})


def peta_leaflet(m, kunci: str, tinggi: int = 480, klik: bool = False) -> str | None:
    """Draw a Leaflet map built by ``indicators.tampilan.peta_lapisan`` (offline assets at /app/static).

    With ``klik`` the map reports clicks: returns the ``kode_wilayah`` of a region just clicked (once per
    click; None otherwise), for the page to select it as if chosen from its list.
    """
    from streamlit_folium import st_folium

    from indicators.tampilan.leaflet import aset_terpasang

    if not aset_terpasang():
        st.warning(teks("peta_aset_hilang", bahasa()), icon=":material/map:")
        return None
    # streamlit-folium renames the map's variables while rendering it, in place: a map kept in a cache
    # would break on its second use, so each run draws a copy
    hasil = st_folium(copy.deepcopy(m), key=kunci, height=tinggi, use_container_width=True,
                      returned_objects=["last_active_drawing"] if klik else [])
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
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})


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
    peran_ = peran()
    g = gudang()
    kode = kode_kabupaten()
    demo = g.dataset_demo()
    tersimulasi = dataset in demo if dataset else bool(demo)
    sumber = teks("meta_sumber_bawaan", b) + (f" · {dataset}" if dataset else "")

    def _buat(fmt: str):
        def _isi() -> bytes:  # runs only when the button is clicked; every export is audited
            g.catat_audit("ekspor", peran_, dataset or nama, f"{len(df)} baris {fmt}")
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


def pilihan_url(label: str, kunci: str, opsi: list, bawaan=None, format_func=str, wadah=None):
    """A selectbox whose value lives in the URL (``?kunci=...``) so a link reproduces the view.

    An unknown value in the URL falls back to ``bawaan`` (never an error page).
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
    nilai = wadah.multiselect(label, opsi, key=kunci, format_func=format_func, placeholder=teks("semua", bahasa()))
    if pertama:
        return nilai
    if nilai:
        st.query_params[kunci] = ",".join(str(v) for v in nilai)
    else:
        st.query_params.pop(kunci, None)
    return nilai
