"""Smart-regency dashboard: every page is registered here, in one place."""
import streamlit as st

from indicators.akses.peran import boleh_halaman
from indicators.dasar.label import teks
from indicators.dasar.log import atur_log
from pages._bersama import gaya, jalankan_halaman, pilih_bahasa
from pages._masuk import panel_masuk

# (label key, file, URL path); the first page is the default at "/"
HALAMAN = [
    ("halaman_ringkasan", "pages/ringkasan.py", "ringkasan"),
    ("halaman_pilar", "pages/pilar.py", "pilar"),
    ("halaman_layanan_desa", "pages/layanan-desa.py", "layanan-desa"),
    ("halaman_aduan_jalan", "pages/aduan-jalan.py", "aduan-jalan"),
    ("halaman_progres", "pages/progres.py", "progres"),
    ("halaman_evaluasi", "pages/evaluasi.py", "evaluasi"),
    ("halaman_data", "pages/data.py", "data"),
    ("halaman_metodologi", "pages/metodologi.py", "metodologi"),
    ("halaman_admin", "pages/admin.py", "admin"),
]

atur_log()  # imports, exports and refused uploads to stderr (no personal data)
st.set_page_config(page_title="Dasbor Kabupaten Cerdas", layout="wide", initial_sidebar_state="expanded")
gaya()  # pages/gaya.css: no cut text at 1366 px, print without the sidebar
bahasa = pilih_bahasa()
peran = panel_masuk(bahasa).peran  # sign-in in the sidebar; publik until signed in
# only the pages the viewer's role may open are registered (data/peran.yaml `halaman`)
navigasi = st.navigation([st.Page(berkas, title=teks(kunci, bahasa), url_path=url, default=(i == 0))
                          for i, (kunci, berkas, url) in enumerate(HALAMAN) if boleh_halaman(peran, url)])
jalankan_halaman(navigasi)  # an error: one sentence to the viewer, the details to the log
