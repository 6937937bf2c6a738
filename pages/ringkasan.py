"""Ringkasan (/): the regent's one screen — the district's index and maturity with the change since the
previous period, the three things that need a decision, the six pillars against the previous period and
the target, the kecamatan map of the index, the leading and trailing kecamatan, and the one-page
briefing PDF. Everything comes from ``indicators.ringkasan`` through the cached ``pages._skor``."""
import streamlit as st

from indicators.dasar.format import angka, format_selisih, nama_periode, persen
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import markdown_aman
from indicators.data.skema import muat_skema
from indicators.laporan.briefing import briefing_pdf
from indicators.ringkasan import cakupan
from indicators.ringkasan.penjelasan import selisih_tampil
from indicators.tampilan.grafik_skor import grafik_pilar, pas_peta
from indicators.tampilan.peta import peta_choropleth
from indicators.tampilan.tabel import tabel_kecamatan
from indicators.wilayah.batas import batas
from pages import _skor
from pages._bersama import (
    geometri_wilayah,
    grafik,
    gudang,
    kepala,
    kode_kabupaten,
    pencatat,
    peta,
    pilihan_url,
    simpan,
    unduh,
)

LEBAR_KOLOM_PX = 300  # the map's column on a 1366-px laptop; wider screens show more margin


@simpan(64)
def _tampilan(ktx: tuple, periode: str, b: str) -> dict:
    """The page's figures and tables for one period and language, built once and shared by every session
    (a rerun then only sends them): the pillar chart, the kecamatan map, the top and bottom tables and
    the full table with its export."""
    r = _skor.ringkasan(periode)
    tidak_cukup = teks("rk_data_tidak_cukup", b)
    kec = r.kecamatan.set_index("kode_wilayah")
    hover = kec.assign(**{
        teks("rk_kematangan", b): [v if v else tidak_cukup for v in kec[f"kematangan_{b}"]],
        teks("rk_peringkat", b): kec["peringkat"],
        teks("rk_perubahan", b): [format_selisih(v, b) for v in kec["selisih"]],
    })[[teks("rk_kematangan", b), teks("rk_peringkat", b), teks("rk_perubahan", b)]]
    gdf = batas(ktx[2], "kecamatan")
    peta_kec = peta_choropleth(gdf, kec["indeks"], judul=teks("rk_judul_peta", b), label_nilai=teks("indeks", b),
                               rentang=(0, 100), hover=hover, bahasa=b)
    pas_peta(peta_kec, gdf.total_bounds, LEBAR_KOLOM_PX)  # a third of the page, not a full-width map
    ringkas = {}
    for judul, df in (("rk_teratas", r.teratas), ("rk_terbawah", r.terbawah)):
        t = tabel_kecamatan(df, b)[1]
        ringkas[judul] = t[t.columns[[0, 1, 3, 4, 5]]]
    ekspor, tampil = tabel_kecamatan(r.kecamatan.sort_values(["peringkat", "kode_wilayah"], na_position="last"), b)
    return {"pilar": grafik_pilar(r.pilar, b, teks("rk_judul_pilar_singkat", b), nama_periode(r.periode, b),
                                  nama_periode(r.periode_lalu, b)),
            "peta": peta_kec, "ringkas": ringkas, "ekspor": ekspor, "tampil": tampil}

b = kepala("halaman_ringkasan", list(muat_skema()))
kode = kode_kabupaten()
daftar = _skor.daftar_periode()
m = st.columns([0.8, 1.1, 1.2, 1.1])
periode = pilihan_url(teks("periode", b), "periode", daftar[::-1], bawaan=daftar[-1],
                      format_func=lambda p: nama_periode(p, b), wadah=m[0])
with st.spinner(teks("rk_menghitung", b)):
    r = _skor.ringkasan(periode)
tidak_cukup = teks("rk_data_tidak_cukup", b)
kab = r.kabupaten.iloc[0]
lalu = nama_periode(r.periode_lalu, b)

ada_indeks = kab["indeks"] == kab["indeks"]
selisih = r.selisih_indeks
delta = selisih_tampil(selisih, b)     # two decimals when one would hide a small change
nol = delta == angka(0, 1, b)
m[1].metric(teks("rk_indeks", b), angka(kab["indeks"], 1, b) if ada_indeks else tidak_cukup,
            f"{delta} {teks('rk_poin_sejak', b)} {lalu}" if selisih == selisih else None,
            delta_color="off" if nol else "normal", delta_arrow="off" if nol else "auto", border=True)
m[2].metric(teks("rk_kematangan", b), kab[f"kematangan_{b}"] if ada_indeks else tidak_cukup,
            teks("rk_level_dari", b).format(level=kab["kematangan"], n=len(_skor.kerangka().kematangan))
            if ada_indeks else None, delta_color="off", delta_arrow="off", border=True)
n_kec, tanpa = r.catatan["jumlah_kecamatan"], r.catatan["kecamatan_tanpa_indeks"]
cak = r.catatan["cakupan_desa"]
rendah = cakupan.terendah(cak)
m[3].metric(teks("rk_cakupan_data", b), persen(r.catatan["cakupan_desa_total"], 0, b),
            teks("rk_cakupan_terendah", b).format(dataset=teks(f"data_nama_{rendah.dataset}", b),
                                                  n=angka(rendah.desa_melapor, 0, b),
                                                  total=angka(rendah.desa_total, 0, b)) if rendah is not None else None,
            delta_color="off", delta_arrow="off", border=True,
            help=teks("rk_cakupan_desa_bantuan", b).format(indikator=persen(r.catatan["cakupan"], 0, b),
                                                          n=n_kec - tanpa, total=n_kec))
tipis = cakupan.kalimat_tipis(cak, r.catatan["ambang_tipis_persen"], periode, b)
if tipis:  # a headline built on thin data says so, right under it
    st.warning(tipis, icon=":material/data_alert:")

if r.penjelasan is not None:   # why the district index moved, or did not, while its kecamatan moved
    st.caption(markdown_aman(r.penjelasan.teks[b]))
    if r.penjelasan.rinci[b]:
        with st.expander(teks("rk_jelas_judul", b)):
            st.markdown(markdown_aman(r.penjelasan.rinci[b]))

kiri, tengah, kanan = st.columns([1.2, 1, 1.1])
with kiri:
    st.subheader(teks("rk_perlu_keputusan", b))
    if not r.perhatian:
        st.info(teks("rk_tanpa_perhatian", b))
    for i, p in enumerate(r.perhatian):
        with st.container(border=True):
            st.markdown(f"##### {i + 1}. {markdown_aman(p.teks[b])}")
            if p.halaman:   # the evidence page at the same period, tab and filter: it shows the same number
                st.page_link(p.halaman, label=teks("rk_lihat_bukti", b), icon=":material/arrow_forward:",
                             query_params=p.parameter(b))
v = _tampilan(tuple(_skor.konteks()), periode, b)
with tengah:
    grafik(v["pilar"])
    st.caption(teks("rk_target_ket", b))
with kanan:
    peta(v["peta"])

t = st.columns(2)
for wadah, judul in ((t[0], "rk_teratas"), (t[1], "rk_terbawah")):
    with wadah:
        st.subheader(teks(judul, b))
        st.dataframe(v["ringkas"][judul], hide_index=True, width="stretch")

with st.expander(teks("rk_semua_kecamatan", b)):
    st.dataframe(v["tampil"], hide_index=True, width="stretch")
    unduh(v["ekspor"], f"indeks_kecamatan_{kode}_{periode}", periode=periode,
          geometri=geometri_wilayah("kecamatan", teks("rk_kode", b)))

g, catat = gudang(), pencatat()


def _pdf() -> bytes:  # built only when clicked; every export is audited
    catat("ekspor", "briefing", f"briefing pdf {periode}")
    return briefing_pdf(r, b, batas(kode, "kecamatan"), tersimulasi=bool(g.dataset_demo()))


st.download_button(teks("rk_unduh_briefing", b), _pdf, f"briefing_{kode}_{periode}.pdf", "application/pdf",
                   on_click="ignore", key="unduh-briefing", icon=":material/picture_as_pdf:", type="primary")
