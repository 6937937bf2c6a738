"""Layanan Desa: DesaID websites, Smart Netizen requests, Ronda Online, signal (issue 6 completes it)."""
import plotly.express as px
import streamlit as st

from indicators import layanan
from indicators.format import angka, persen
from indicators.geo import batas
from indicators.label import teks
from indicators.peta import peta_choropleth
from pages._bersama import data, grafik, kepala, kode_kabupaten, peta, unduh

b = kepala("halaman_layanan_desa", ["desa_website", "layanan_permohonan", "ronda_laporan", "profil_desa"])
kode = kode_kabupaten()
web, mohon, ronda = data("desa_website"), data("layanan_permohonan"), data("ronda_laporan")
ring = layanan.ringkasan_layanan(web, mohon, ronda, kode)

c = st.columns(4)
c[0].metric(teks("situs_aktif", b), persen(ring["persen_situs_aktif"], 1, b))
c[1].metric(teks("permohonan", b), angka(ring["jumlah_permohonan"], 0, b))
c[2].metric(teks("laporan_ronda", b), angka(ring["jumlah_laporan_ronda"], 0, b))
c[3].metric(teks("desa_tanpa_data", b), angka(ring["desa_tanpa_data"], 0, b))

bulanan = layanan.permohonan_per_bulan(mohon)
grafik(px.bar(bulanan, x="periode", y="jumlah", color="kanal", title=teks("permohonan_per_bulan", b),
              labels={"periode": teks("periode", b), "jumlah": teks("permohonan", b)}))

status_web = layanan.status_situs_terakhir(web, kode)
gdf = batas(kode, "desa")
peta(peta_choropleth(gdf, status_web.set_index("kode_wilayah")["skor_situs"], judul=teks("situs_aktif", b),
                     label_nilai="%", rentang=(0, 100), bahasa=b))
st.dataframe(status_web, hide_index=True, width="stretch")
unduh(status_web, "status_situs_desa")
