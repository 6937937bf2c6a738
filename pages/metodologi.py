"""Metodologi: generated from the framework file (issue 5 adds pipeline steps, audit trail, coherence)."""
import plotly.express as px
import streamlit as st

from indicators.label import teks
from indicators.skor.kerangka import muat_kerangka
from pages._bersama import grafik, kepala, unduh

b = kepala("halaman_metodologi", ["nilai_indikator"])
tabel = muat_kerangka().tabel_indikator(b)
st.subheader(teks("kerangka", b))
grafik(px.sunburst(tabel.assign(n=1), path=["pilar_nama", "elemen_nama", "nama"], values="n",
                   title=teks("pilar_kominfo", b)))
st.dataframe(tabel, hide_index=True, width="stretch")
unduh(tabel, "kerangka_indikator")
