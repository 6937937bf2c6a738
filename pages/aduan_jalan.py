"""Aduan Jalan: complaint map, authority split, backlog (issue 7 completes it)."""
import plotly.express as px
import streamlit as st

from indicators import aduan
from indicators.format import angka, persen
from indicators.label import teks
from indicators.peta import peta_titik
from pages._bersama import data, grafik, kepala, peta, unduh

b = kepala("halaman_aduan_jalan", ["aduan_jalan"])
df = data("aduan_jalan")
buka = aduan.tandai_terbuka(df)
per_kew = aduan.terbuka_per_kewenangan(df, b)
prov = per_kew.set_index("status_jalan").loc["provinsi"]

c = st.columns(3)
c[0].metric(teks("aduan", b), angka(len(df), 0, b))
c[1].metric(teks("aduan_terbuka", b), angka(int(buka.sum()), 0, b))
c[2].metric(teks("aduan_per_kewenangan", b) + " · " + prov["kewenangan"], persen(prov["persen"], 1, b))

grafik(px.bar(per_kew, x="kewenangan", y="jumlah", title=teks("aduan_per_kewenangan", b),
              labels={"kewenangan": "", "jumlah": teks("aduan_terbuka", b)}))
peta(peta_titik(df[buka], warna="status_jalan", hover=["id_aduan", "nama_ruas", "status", "tingkat"],
                judul=teks("peta_aduan", b), bahasa=b))
tampil = df.sort_values("waktu_lapor", ascending=False).head(500)
st.dataframe(tampil, hide_index=True, width="stretch")
unduh(tampil, "aduan_jalan", dataset="aduan_jalan")
