"""Ringkasan: the district at a glance (issue 5 adds the six-pillar index and the briefing PDF)."""
import streamlit as st

from indicators import aduan, wilayah
from indicators.format import angka, persen
from indicators.geo import batas
from indicators.label import teks
from indicators.peta import peta_choropleth
from pages._bersama import data, kepala, kode_kabupaten, peta

b = kepala("halaman_ringkasan", ["profil_desa", "aduan_jalan"])
kode = kode_kabupaten()
profil, adu = data("profil_desa"), data("aduan_jalan")
kec = wilayah.daftar_wilayah(kode, "kecamatan")
desa = wilayah.daftar_wilayah(kode, "desa")
kepadatan = (profil.merge(desa[["kode_wilayah", "kode_induk"]], on="kode_wilayah")
             .groupby("kode_induk")[["penduduk", "luas_km2"]].sum())
kepadatan = kepadatan["penduduk"] / kepadatan["luas_km2"]

c = st.columns(4)
c[0].metric(teks("jumlah_kecamatan", b), angka(len(kec), 0, b))
c[1].metric(teks("jumlah_desa", b), angka(len(desa), 0, b))
c[2].metric(teks("penduduk", b), angka(int(profil["penduduk"].sum()), 0, b))
per_kew = aduan.terbuka_per_kewenangan(adu, b).set_index("status_jalan")
c[3].metric(teks("aduan_terbuka", b) + " · " + per_kew.at["provinsi", "kewenangan"],
            persen(per_kew.at["provinsi", "persen"], 1, b))
peta(peta_choropleth(batas(kode, "kecamatan"), kepadatan, judul=teks("peta_penduduk", b),
                     label_nilai="jiwa/km²", bahasa=b))
