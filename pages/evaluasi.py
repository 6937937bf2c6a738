"""Evaluasi: pillars × Kominfo evaluation dimensions with their evidence (issue 8 completes it)."""
import plotly.express as px
import streamlit as st

from indicators.label import teks
from pages._bersama import data, grafik, kepala, unduh

b = kepala("halaman_evaluasi", ["program"])
prog = data("program")
DIMENSI = ["baseline", "output", "outcome", "impact", "quick_win"]
matriks = (prog.assign(dimensi=prog["dimensi"].fillna("baseline")).groupby(["pilar", "dimensi"]).size()
           .unstack(fill_value=0).reindex(columns=DIMENSI, fill_value=0))
st.subheader(teks("dimensi_evaluasi", b))
grafik(px.imshow(matriks, text_auto=True, color_continuous_scale="Blues", aspect="auto",
                 labels={"x": teks("dimensi_evaluasi", b), "y": "", "color": teks("program", b)}))
st.dataframe(prog, hide_index=True, width="stretch")
unduh(prog, "program_bukti")
