"""What every page shares: language, the store, cached reads, the simulated-data label, downloads.

Pages stay thin: read settings and filters here, call ``indicators``, draw.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from indicators.akses import privasi
from indicators.dasar.label import BAHASA, teks
from indicators.dasar.pengaturan import ambil, path_gudang
from indicators.data.gudang import Gudang
from indicators.laporan import ekspor
from indicators.wilayah.daftar import nama_wilayah

if PagesManager.uses_pages_directory:
    # When the very first request a fresh server gets is a deep link (/progres), Streamlit runs the
    # pages/ folder as an old-style multipage app and app.py (st.navigation) never runs: no language
    # switch, wrong titles. Switch to st.navigation and rerun the same URL through app.py.
    PagesManager.uses_pages_directory = False
    st.rerun()


def pilih_bahasa() -> str:
    """Language from the URL (``?lang=en``), switchable in the sidebar; Bahasa Indonesia by default."""
    bawaan = str(ambil("bahasa"))
    if "bahasa" not in st.session_state:
        q = st.query_params.get("lang", bawaan)
        st.session_state["bahasa"] = q if q in BAHASA else bawaan
    st.sidebar.radio("Bahasa / Language", BAHASA, key="bahasa", horizontal=True,
                     format_func=lambda b: {"id": "Indonesia", "en": "English"}[b])
    b = st.session_state["bahasa"]
    if b != bawaan:
        st.query_params["lang"] = b
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    return b


def bahasa() -> str:
    return st.session_state.get("bahasa", str(ambil("bahasa")))


def peran() -> str:
    """The viewer's role. Until sign-in exists everyone is ``publik`` (sees no personal data)."""
    return "publik"


@st.cache_resource(show_spinner="Menyiapkan gudang data…")
def _gudang(path: str, kode: str) -> Gudang:
    return Gudang.bawaan()


def gudang() -> Gudang:
    """The store named by the settings (the demo is loaded on first use)."""
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


def grafik(fig) -> None:
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})


def unduh(df: pd.DataFrame, nama: str, dataset: str | None = None) -> None:
    """CSV and XLSX downloads of exactly ``df``, role-protected and formula-safe; each is audited."""
    b = bahasa()
    if dataset:
        df = privasi.lindungi(df, dataset, peran())

    peran_ = peran()
    g = gudang()

    def _buat(fmt: str):
        def _isi() -> bytes:  # runs only when the button is clicked; every export is audited
            g.catat_audit("ekspor", peran_, dataset or nama, f"{len(df)} baris {fmt}")
            return ekspor.ke_csv(df) if fmt == "csv" else ekspor.ke_xlsx(df)
        return _isi

    c1, c2 = st.columns(2)
    c1.download_button(teks("unduh_csv", b), _buat("csv"), f"{nama}.csv", "text/csv",
                       on_click="ignore", key=f"csv-{nama}")
    c2.download_button(teks("unduh_xlsx", b), _buat("xlsx"), f"{nama}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", key=f"xlsx-{nama}")


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
