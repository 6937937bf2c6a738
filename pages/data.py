"""Data: store contents, upload with per-row validation and all-or-nothing import, templates."""
import pandas as pd
import plotly.express as px
import streamlit as st

from indicators import skema
from indicators.berkas import baca_tabel
from indicators.format import angka
from indicators.label import teks
from pages._bersama import grafik, gudang, kepala, peran

b = kepala("halaman_data", list(skema.muat_skema()))
g = gudang()

st.subheader(teks("isi_gudang", b))
st.dataframe(pd.DataFrame([{teks("dataset", b): k, teks("baris", b): angka(v["rows"], 0, b),
                            teks("impor_terakhir", b): v["last_import"] or "–",
                            "demo": "✓" if k in g.dataset_demo() else ""}
                           for k, v in g.status()["datasets"].items()]), hide_index=True, width="stretch")
jumlah = pd.DataFrame([{"dataset": k, "baris": v["rows"]} for k, v in g.status()["datasets"].items()])
grafik(px.bar(jumlah, x="dataset", y="baris", log_y=True, title="Baris per dataset" if b == "id" else "Rows per dataset",
              labels={"dataset": "", "baris": teks("baris", b)}))

st.subheader("Unggah data" if b == "id" else "Upload data")
berkas = st.file_uploader("CSV / XLSX", type=["csv", "xlsx"], key="unggah")
if berkas is not None:
    try:
        mentah = baca_tabel(berkas.getvalue(), berkas.name)
    except ValueError as e:
        st.error(str(e))
        st.stop()
    tebakan = skema.tebak_dataset(list(mentah.columns))
    daftar = sorted(skema.muat_skema())
    nama = st.selectbox(teks("dataset", b), daftar, index=daftar.index(tebakan) if tebakan else 0)
    hasil = skema.validasi(mentah, nama)
    if not hasil.valid:
        st.error(f"{len(hasil.galat)} galat pada {hasil.galat.baris.nunique()} baris — tidak ada yang diimpor."
                 if b == "id" else f"{len(hasil.galat)} errors in {hasil.galat.baris.nunique()} rows — nothing imported.")
        st.dataframe(hasil.galat, hide_index=True, width="stretch")
    else:
        rencana = g.rencana(hasil.data, nama)
        st.success(f"{rencana.baris} baris valid: {rencana.baru} baru, {rencana.diperbarui} diperbarui, "
                   f"{rencana.sama} sama (dilewati)" + ("; data demo akan diganti" if rencana.ganti_demo else ""))
        if st.button("Impor sekarang" if b == "id" else "Import now", type="primary"):
            g.impor(hasil.data, nama, berkas=berkas.name, pengguna=peran())
            st.success("Impor selesai." if b == "id" else "Import done.")

st.subheader(teks("templat", b))
kolom = st.columns(5)
for i, nama in enumerate(skema.muat_skema()):
    kolom[i % 5].download_button(nama + ".csv", skema.templat_csv(nama), f"templat_{nama}.csv", "text/csv",
                                 on_click="ignore", key=f"templat-{nama}")
st.dataframe(skema.kamus_data(b), hide_index=True, width="stretch")

st.subheader(teks("riwayat_impor", b))
st.dataframe(g.riwayat_impor(), hide_index=True, width="stretch")
