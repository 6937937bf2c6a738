"""Pilar: the six pillars and their indicators (issue 5 adds scores, maps, what-if and robustness)."""
import plotly.express as px
import streamlit as st

from indicators.label import teks
from indicators.skor.kerangka import muat_kerangka
from pages._bersama import grafik, kepala

b = kepala("halaman_pilar", ["nilai_indikator"])
tabel = muat_kerangka().tabel_indikator(b)
jumlah = tabel.groupby(["pilar_nama", "elemen_nama"], as_index=False).size()
grafik(px.bar(jumlah, x="pilar_nama", y="size", color="elemen_nama", title=teks("pilar_kominfo", b),
              labels={"pilar_nama": "", "size": teks("kerangka", b), "elemen_nama": ""}))
st.dataframe(tabel[["pilar_nama", "elemen_nama", "nama", "satuan", "arah", "sumber"]], hide_index=True, width="stretch")
