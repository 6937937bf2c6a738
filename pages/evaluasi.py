"""Evaluasi: the Kominfo reviewer's view — pillars × five evaluation dimensions with their scores and
evidence, the achievement index (dimension weights are settings), data coverage and freshness, the ITU
U4SSC crosswalk, and the review report (PDF) with its underlying tables (XLSX)."""
from pathlib import Path

import numpy as np
import plotly.express as px
import streamlit as st

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import teks
from indicators.data import skema
from indicators.evaluasi.indeks import ANKER_INDEKS_CAPAIAN
from indicators.evaluasi.pengaturan import BERKAS_BAWAAN, muat_pengaturan
from indicators.evaluasi.susun import HasilEvaluasi, evaluasi
from indicators.evaluasi.u4ssc import crosswalk_u4ssc
from indicators.laporan.evaluasi import laporan_pdf, nama_dimensi, tabel_evaluasi, xlsx_tabel
from indicators.progres.masukan import daftar_periode
from indicators.skor import periode_terakhir
from indicators.skor.kerangka import DIMENSI, muat_kerangka
from indicators.tampilan.tata import judul_terbungkus
from indicators.wilayah.daftar import nama_wilayah
from pages._bersama import (
    data,
    grafik,
    gudang,
    kepala,
    kode_kabupaten,
    multi_url,
    pencatat,
    peran,
    pilihan_url,
    simpan,
    unduh,
)

SEMUA = list(skema.muat_skema())
b = kepala("halaman_evaluasi", SEMUA)
kerangka, atur = muat_kerangka(), muat_pengaturan()
kode, g = kode_kabupaten(), gudang()
np_, nd = {p.id: p.nama[b] for p in kerangka.pilar}, nama_dimensi(atur, b)
PEMISAH = {"id": ",.", "en": ".,"}[b]


@simpan(16)
def _evaluasi(path: str, versi: int, kode: str, periode: str, bobot: tuple, peran_: str,
              berkas: tuple) -> HasilEvaluasi:
    """The whole evaluation, cached per store version, period, weights, role and settings files."""
    return evaluasi({d: data(d) for d in SEMUA}, kerangka, kode, periode, atur, dict(bobot))


pp = data("program_progres")
try:  # the progress months; without programme reports, the latest month of the other data
    daftar = daftar_periode(pp) if len(pp) else [periode_terakhir({d: data(d) for d in SEMUA})]
except ValueError:
    st.info(teks("prg_tanpa_program", b))
    st.stop()
c = st.columns([1.2, 3])
periode = pilihan_url(teks("prg_periode", b), "periode", daftar[::-1], bawaan=daftar[-1],
                      format_func=lambda p: nama_periode(p, b), wadah=c[0])
pilar = multi_url(teks("prg_filter_pilar", b), "pilar", list(np_), format_func=np_.get, wadah=c[1])
with st.expander(teks("eva_bobot_judul", b)):
    st.caption(teks("eva_bobot_ket", b))
    kol = st.columns(len(DIMENSI))
    bobot = {d: kol[i].number_input(nd[d], 0.0, 100.0, round(atur.bobot[d] * 100, 2), 5.0, key=f"bobot_{d}")
             for i, d in enumerate(DIMENSI)}
if sum(bobot.values()) <= 0:
    st.error(teks("eva_bobot_ket", b))
    st.stop()
berkas = tuple(Path(p).stat().st_mtime for p in (kerangka.berkas, BERKAS_BAWAAN) if p)
h = _evaluasi(str(g.path), g.versi(), kode, periode, tuple(bobot.items()), peran(), berkas)
t = tabel_evaluasi(h, kerangka, atur, b, pilar)

m = st.columns(4)
m[0].metric(teks("eva_indeks", b),
            angka(h.indeks, 1, b) if not np.isnan(h.indeks) else teks("eva_indeks_tidak_cukup", b))
m[1].metric(teks("eva_bobot_tercakup", b), persen(100 * h.bobot_tercakup, 0, b))
m[2].metric(teks("eva_sel_berbukti", b), f"{int((h.matriks['keterangan'] == 'ada_bukti').sum())}/{len(h.matriks)}")
m[3].metric(teks("eva_program_terlambat", b),
            angka(int((h.status_program["status"] == "terlambat").sum()) if len(h.status_program) else 0, 0, b))
st.caption(teks("eva_cara_hitung", b).format(ambang=persen(100 * atur.ambang_bobot_dimensi, 0, b)) + " "
           + teks("eva_bukti_ket", b))
# the achievement index is not the Ringkasan's composite index: one sentence and the method page's section
st.markdown(teks("eva_beda_indeks", b).format(
    capaian=angka(h.indeks, 1, b) if not np.isnan(h.indeks) else teks("eva_indeks_tidak_cukup", b),
    komposit=angka(h.indeks_komposit, 1, b), n=len(kerangka.untuk_tingkat("kabupaten").indikator),
    tautan=f"/metodologi#{ANKER_INDEKS_CAPAIAN}"))
st.page_link("pages/metodologi.py", label=teks("eva_metodologi", b), icon=":material/menu_book:")
catat = pencatat()


def _berkas(jenis: str):
    def _isi() -> bytes:  # built only when clicked; every export is audited
        catat("ekspor", "evaluasi", f"laporan {jenis} {periode}")
        if jenis == "pdf":
            return laporan_pdf(h, kerangka, atur, nama_wilayah(kode), b, bool(g.dataset_demo()))
        return xlsx_tabel(t.untuk_xlsx())
    return _isi


u = st.columns(2)
u[0].download_button(teks("eva_unduh_pdf", b), _berkas("pdf"), f"laporan_evaluasi_{kode}_{periode}.pdf",
                     "application/pdf", on_click="ignore", key="unduh-laporan-pdf", icon=":material/picture_as_pdf:")
u[1].download_button(teks("eva_unduh_xlsx", b), _berkas("xlsx"), f"tabel_evaluasi_{kode}_{periode}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                     key="unduh-tabel-xlsx", icon=":material/table:")


k = st.columns([1, 1.4])
dim = h.dimensi.assign(nama=[f"{nd[d]} ({persen(100 * w, 0, b)})"
                             for d, w in zip(h.dimensi["dimensi"], h.dimensi["bobot"], strict=True)])
f = px.bar(dim, x="nama", y="skor", text=[angka(v, 1, b) for v in dim["skor"]],
           title=judul_terbungkus(teks("eva_dimensi_judul", b)), range_y=[0, 105],
           labels={"nama": "", "skor": teks("eva_kol_skor", b)})
f.update_traces(marker_color="#2e86c1")
f.update_layout(separators=PEMISAH)
with k[0]:
    grafik(f)
sel = h.matriks.pivot(index="pilar", columns="dimensi", values="skor").reindex(index=list(np_), columns=list(DIMENSI))
teks_sel = [[angka(v, 1, b) if not np.isnan(v) else "–" for v in baris] for baris in sel.to_numpy()]
f = px.imshow(sel.to_numpy(), x=[nd[d] for d in DIMENSI], y=[np_[p] for p in sel.index], zmin=0, zmax=100,
              color_continuous_scale="Blues", aspect="auto", title=teks("eva_matriks_judul", b),
              labels={"color": teks("eva_kol_skor", b)})
f.update_traces(text=teks_sel, texttemplate="%{text}", textfont={"size": 14})
f.update_layout(separators=PEMISAH)
with k[1]:
    grafik(f)

st.subheader(teks("eva_dimensi_judul", b))
st.dataframe(t.dimensi[1], hide_index=True, width="stretch")
st.subheader(teks("eva_pilar_judul", b))
st.dataframe(t.pilar[1], hide_index=True, width="stretch")

st.subheader(teks("eva_bukti_judul", b))
st.caption(teks("eva_bukti_ket", b))
kosong = h.matriks[h.matriks["keterangan"] != "ada_bukti"]
if len(kosong):
    st.warning(teks("eva_sel_tanpa_bukti", b) + ": " + "; ".join(
        f"{np_[r.pilar]} × {nd[r.dimensi]} ({teks('eva_ket_' + r.keterangan, b)})" for r in kosong.itertuples()))
if h.tanpa_dimensi:
    st.info(teks("eva_tanpa_dimensi", b) + ": " + ", ".join(h.tanpa_dimensi))
st.dataframe(t.bukti[1], hide_index=True, width="stretch")
unduh(t.bukti[0], "evaluasi_bukti")

st.subheader(teks("eva_cakupan_judul", b))
st.dataframe(t.cakupan[1], hide_index=True, width="stretch")

st.subheader(teks("eva_crosswalk_judul", b))
st.caption(teks("eva_crosswalk_ket", b))
cw = crosswalk_u4ssc(kerangka, b, atur)
cw = cw[(cw["tingkat"] == "indikator") & (cw["pilar"].isin(pilar) if pilar else True)]
f = px.sunburst(cw.assign(n=1), path=["u4ssc_dimensi", "u4ssc_sub", "pilar_nama"], values="n")
f.update_layout(height=520, margin={"t": 10, "b": 10})
grafik(f)
st.dataframe(t.crosswalk[1], hide_index=True, width="stretch")
unduh(t.crosswalk[0], "padanan_u4ssc")

