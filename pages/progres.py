"""Progres: masterplan programmes, target vs realisation, late items (issue 8 completes it)."""
import plotly.express as px
import streamlit as st

from indicators import progres
from indicators.format import angka
from indicators.label import teks
from pages._bersama import data, grafik, kepala, unduh

b = kepala("halaman_progres", ["program", "program_progres"])
prog, pp = data("program"), data("program_progres")
telat = progres.program_terlambat(pp, prog)

c = st.columns(2)
c[0].metric(teks("program", b), angka(len(prog), 0, b))
c[1].metric(teks("program_terlambat", b), angka(len(telat), 0, b))
kurva = progres.kurva_rata(pp)
kurva["seri"] = kurva["seri"].map({"target_persen": teks("target", b), "realisasi_persen": teks("realisasi", b)})
grafik(px.line(kurva, x="periode", y="persen", color="seri", markers=True, title=teks("realisasi_vs_target", b),
               labels={"periode": teks("periode", b), "persen": "%", "seri": ""}))
st.subheader(teks("program_terlambat", b))
st.dataframe(telat, hide_index=True, width="stretch")
unduh(telat, "program_terlambat")
