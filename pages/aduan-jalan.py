"""Aduan Jalan: map, lifecycle and service levels, road authority, condition, duplicates, escalation pack.

Thin: filters from the URL, the core (``indicators.aduan``) computes, this page draws. Results are
cached per store version, role and filters, so a widget change recomputes only what depends on it.
"""
import pandas as pd
import streamlit as st

from indicators.aduan import aturan
from indicators.aduan import duplikat as aduan_duplikat
from indicators.aduan import eskalasi as aduan_eskalasi
from indicators.aduan import kewenangan as aduan_kewenangan
from indicators.aduan import kondisi as aduan_kondisi
from indicators.aduan import siapan as aduan
from indicators.aduan import siklus as aduan_siklus
from indicators.dasar.format import angka, nama_periode, persen, tanggal
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import markdown_aman
from indicators.laporan import eskalasi as paket_eskalasi
from indicators.laporan.ekspor import judul_kolom
from indicators.tampilan import grafik_aduan as gr
from indicators.tampilan import peta_lapisan
from indicators.tampilan.tabel import tabel_layar
from indicators.wilayah.batas import batas
from indicators.wilayah.daftar import daftar_wilayah, nama_wilayah
from pages._bersama import (
    data,
    geometri_titik,
    grafik,
    gudang,
    kepala,
    kode_kabupaten,
    multi_url,
    pencatat,
    peran,
    peta,
    peta_leaflet,
    pilihan_url,
    sekali,
    simpan,
    unduh,
)

KOLOM_TABEL = ["id_aduan", "waktu_lapor", "nama_kecamatan", "nama_desa", "nama_ruas", "status_jalan", "jenis_kerusakan",
               "tingkat", "status", "waktu_status", "umur_hari", "terlambat", "kelompok", "laporan_kelompok",
               "dukungan", "kanal", "deskripsi", "pelapor_nama", "pelapor_telepon"]


@simpan(8)
def _siap(path: str, versi: int, peran_: str, kode: str):
    # data() protects the rows for this role; the role is part of this key as well
    # with a stored road network, complaints without road fields take them from the nearest segment
    return aduan.siapkan(data("aduan_jalan"), data("aduan_jalan_riwayat"), kode, ruas=data("ruas_jalan"))


@simpan(8)
def _dasar(path: str, versi: int, peran_: str, kode: str) -> tuple[str, list[str], list[str]]:
    siap = _siap(path, versi, peran_, kode)
    return siap.attrs["kini"], aduan.opsi_periode(siap), aduan.opsi_posisi(siap)


@simpan(32)
def _hasil(path, versi, peran_, kode, saringan: tuple, b: str) -> dict:
    df = aduan.saring(_siap(path, versi, peran_, kode), aduan.Saringan(**dict(saringan)))
    if df.empty:
        return {}
    ruas = data("ruas_jalan")
    kew, kond_kew = aduan_kewenangan.per_kewenangan(df, b), aduan_kondisi.aduan_per_10km(df, ruas, "status_jalan")
    kond_kec = aduan_kondisi.aduan_per_10km(df, ruas, "kode_kecamatan")
    nama_kec = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
    waktu_kew = aduan_siklus.ringkasan_waktu(df, "status_jalan", b)
    kolom = [k for k in KOLOM_TABEL if k in df]  # the reporter's columns exist only for a role allowed to see them
    tabel = df[kolom].assign(umur_hari=df["umur_hari"].round(1)).sort_values("waktu_lapor", ascending=False)
    per_ruas = aduan_kewenangan.per_ruas(df, b)
    return {"laporan": len(df), "aduan": df["kelompok"].nunique(), "tabel": tabel, "kew": kew, "waktu_kew": waktu_kew,
            "ruas": per_ruas.drop(columns="status_jalan"),
            "waktu_kec": aduan_siklus.ringkasan_waktu(df, "nama_kecamatan", b),
            "kond_kec": kond_kec.assign(nama_kecamatan=kond_kec["kode_kecamatan"].map(nama_kec)),
            "dup": aduan_duplikat.daftar_kelompok(df, b).head(50),
            "f_kec": gr.peta_kecamatan(kond_kec, batas(kode, "kecamatan"), b),
            "f_corong": gr.grafik_corong(aduan_siklus.corong(df, b), aduan_siklus.tutup_tanpa_perbaikan(df, b), b),
            "f_umur": gr.grafik_umur(aduan_siklus.umur_terbuka(df, b), b), "f_waktu": gr.grafik_waktu(waktu_kew, b),
            "f_kew": gr.grafik_kewenangan(kew, b), "f_ruas": gr.grafik_ruas(per_ruas.head(12), b),
            "f_mantap": gr.grafik_kemantapan(kond_kew, b)}


@st.cache_resource(show_spinner=False, max_entries=16)  # a folium map (not picklable); the role is in the key
def _peta(path, versi, peran_, kode, saringan: tuple, tampil: str, warna: str, b: str):
    df = aduan.saring(_siap(path, versi, peran_, kode), aduan.Saringan(**dict(saringan)))
    df = df[df["terbuka"]] if tampil == "terbuka" else df
    return (peta_lapisan.peta_aduan(df, warna, b, batas(kode, "kecamatan"), data("ruas_jalan")),
            int((df["titik_masalah"] != "").sum()))


@simpan(16)
def _eskalasi(path, versi, peran_, kode, periode: str):
    df = aduan.saring(_siap(path, versi, peran_, kode), aduan.Saringan(periode=periode))
    df = df[df["status_jalan"].astype(str) == aduan_eskalasi.kewenangan_eskalasi()]
    # the period filters what was reported; every complaint still open stays in the pack
    return aduan_eskalasi.tabel_eskalasi(df, data("ruas_jalan"), semua=_siap(path, versi, peran_, kode)), df


@st.cache_resource(show_spinner=False, max_entries=16)
def _peta_ruas(path, versi, peran_, kode, periode: str, nama_ruas: str, b: str):
    _, df = _eskalasi(path, versi, peran_, kode, periode)
    satu = df[df["nama_ruas"].astype(str) == nama_ruas]
    kec = batas(kode, "kecamatan")
    kec = kec[kec["kode_wilayah"].isin(set(satu["kode_kecamatan"].dropna()))]  # zoom to the kecamatan it crosses
    ruas = data("ruas_jalan")
    return peta_lapisan.peta_ruas(satu, b, kec if len(kec) else batas(kode, "kecamatan"),
                                  ruas[ruas["nama_ruas"].astype(str) == nama_ruas])


@st.cache_data(show_spinner=False, max_entries=16)
def _berkas_eskalasi(path, versi, peran_, kode, periode: str, b: str, fmt: str, tersimulasi: bool) -> bytes:
    tabel, df = _eskalasi(path, versi, peran_, kode, periode)
    terbuka = aduan_eskalasi.daftar_terbuka(_siap(path, versi, peran_, kode), data("ruas_jalan"))
    if fmt == "xlsx":
        return paket_eskalasi.ke_xlsx(tabel, nama_wilayah(kode), b, terbuka=terbuka)
    return paket_eskalasi.ke_pdf(tabel, df, kode, b, _label_periode(periode, b), tersimulasi, terbuka=terbuka,
                                 ruas=data("ruas_jalan"))


def _label_periode(p: str, b: str) -> str:
    return teks(f"aduan_periode_{p}", b) if not p.isdigit() else teks("aduan_periode_tahun", b).format(tahun=p)


def _tabel(df, b: str, **kw) -> None:
    # every cell through the one formatter (decimal comma, dates in words), headers from the labels;
    # formatted once per table and language (``sekali``): these are aggregates of a few dozen rows
    st.dataframe(sekali(tabel_layar, df, b, aturan.judul_kolom(df.columns, b), kode_wilayah=kode_kabupaten()),
                 hide_index=True, width="stretch", **kw)


@simpan(16)
def _tabel_data(path, versi, peran_, kode, saringan: tuple, b: str):
    """The filtered complaints with the import's quality flags, as exported and as shown (formatted once
    per filter and language: at 500,000 complaints formatting is seconds)."""
    tabel = _hasil(path, versi, peran_, kode, saringan, b)["tabel"]
    mutu = gudang().catatan_mutu("aduan_jalan")  # flags an import set (swapped or outside points)
    if len(mutu):
        tabel = tabel.merge(mutu[["id_aduan", "catatan_mutu"]], on="id_aduan", how="left")
    n_mutu = int(tabel["catatan_mutu"].notna().sum()) if "catatan_mutu" in tabel else 0
    return tabel, tabel_layar(tabel, b, {k: judul_kolom(k, b) for k in tabel.columns}, kode_wilayah=kode), n_mutu


b = kepala("halaman_aduan_jalan", ["aduan_jalan", "aduan_jalan_riwayat", "ruas_jalan"])
kode, g, peran_, catat = kode_kabupaten(), gudang(), peran(), pencatat()
kunci = (str(g.path), g.versi(), peran_, kode)
kini, opsi_periode, opsi_posisi = _dasar(*kunci)  # the data's "now" (ISO text), its periods and month ends

sb = st.sidebar
sb.subheader(teks("aduan_saringan", b))
kec_reg = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
label = {k: aturan.label_kategori(k, b) for k in aturan.KATEGORI}
periode = pilihan_url(teks("periode", b), "rentang", opsi_periode, "semua",
                      format_func=lambda p: _label_periode(p, b), wadah=sb)
posisi = pilihan_url(teks("aduan_posisi", b), "posisi", opsi_posisi, "", wadah=sb,
                     format_func=lambda p: nama_periode(p, b) if p else teks("aduan_posisi_kini", b))
s = aduan.Saringan(
    periode=periode, posisi=posisi,
    kecamatan=tuple(multi_url(teks("kecamatan", b), "kec", list(kec_reg.index), kec_reg.get, sb)),
    kewenangan=tuple(multi_url(teks("aduan_kewenangan", b), "kewenangan", aturan.URUTAN_KEWENANGAN,
                               label["kewenangan"].get, sb)),
    status=tuple(multi_url(teks("aduan_status", b), "status", list(label["status"]), label["status"].get, sb)),
    tingkat=tuple(multi_url(teks("aduan_tingkat", b), "tingkat", list(label["tingkat"]), label["tingkat"].get, sb)),
    jenis=tuple(multi_url(teks("aduan_jenis", b), "jenis", list(label["jenis_kerusakan"]),
                          label["jenis_kerusakan"].get, sb)))
sb.caption(teks("aduan_tautan", b))
h = _hasil(*kunci, s.sebagai_tuple(), b)
if not h:
    st.info(teks("aduan_kosong", b))
    st.stop()
kew = h["kew"].set_index("status_jalan")
k_esk = aduan_eskalasi.kewenangan_eskalasi()

c = st.columns(5)
c[0].metric(teks("aduan_laporan", b), angka(h["laporan"], 0, b))
c[1].metric(teks("aduan_unik", b), angka(h["aduan"], 0, b))
c[2].metric(teks("aduan_terbuka", b), angka(int(kew["terbuka"].sum()), 0, b))
c[3].metric(teks("aduan_terlambat", b), angka(int(kew["terlambat"].sum()), 0, b))
c[4].metric(teks("aduan_persen_kewenangan", b).format(kewenangan=kew.at[k_esk, "kewenangan"].lower()),
            persen(kew.at[k_esk, "persen_terbuka"], 1, b))
st.caption(teks("aduan_keterangan_umur", b).format(
    tanggal=tanggal(pd.Period(posisi, freq="M").end_time if posisi else kini, b)))

st.header(teks("aduan_bagian_peta", b))
c = st.columns(2)
tampil = pilihan_url(teks("aduan_tampil", b), "tampil", ["terbuka", "semua"], "terbuka",
                     lambda t: teks(f"aduan_tampil_{t}", b), c[0])
warna = pilihan_url(teks("aduan_warna_peta", b), "warna", ["status", "kewenangan"], "status",
                    lambda w: teks(f"aduan_warna_{w}", b), c[1])
fig, disisihkan = _peta(*kunci, s.sebagai_tuple(), tampil, warna, b)
c = st.columns(2)
with c[0]:
    st.markdown(f"**{teks('peta_aduan', b)}**")
    peta_leaflet(fig, "peta_aduan")
with c[1]:
    peta(h["f_kec"])
if disisihkan:
    st.caption(teks("aduan_titik_disisihkan", b).format(n=angka(disisihkan, 0, b)))

st.header(teks("aduan_bagian_siklus", b))
c = st.columns(2)
with c[0]:
    grafik(h["f_corong"])
with c[1]:
    grafik(h["f_umur"])
c = st.columns([3, 2])
with c[0]:
    grafik(h["f_waktu"])
    _tabel(h["waktu_kew"].drop(columns="status_jalan"), b)
with c[1]:
    st.subheader(teks("aduan_target_layanan", b))
    st.caption(teks("aduan_target_layanan_ket", b))
    _tabel(aduan_siklus.target_tabel(bahasa=b).drop(columns="status_jalan"), b, height=300)
st.subheader(teks("aduan_waktu_per_kecamatan", b))
_tabel(h["waktu_kec"], b, height=280)

st.header(teks("aduan_bagian_kewenangan", b))
c = st.columns(2)
with c[0]:
    grafik(h["f_kew"])
with c[1]:
    grafik(h["f_ruas"])
_tabel(h["kew"].drop(columns="status_jalan"), b)
st.subheader(teks("aduan_per_ruas", b))
_tabel(h["ruas"], b, height=300)

st.header(teks("aduan_bagian_kondisi", b))
c = st.columns([2, 3])
with c[0]:
    grafik(h["f_mantap"])
with c[1]:
    st.subheader(teks("aduan_kondisi_per_kecamatan", b))
    _tabel(h["kond_kec"][["nama_kecamatan", "panjang_km", "kemantapan_persen", "aduan", "terbuka", "aduan_per_10km",
                          "terbuka_per_10km"]], b, height=320)

st.header(teks("aduan_bagian_duplikat", b))
dup = aturan.deklarasi()["duplikat"]
st.caption(teks("aduan_keterangan_unik", b).format(jarak=angka(dup["jarak_meter"], 0, b),
                                                   hari=angka(dup["jendela_hari"], 0, b)))
st.metric(teks("aduan_duplikat_digabung", b), angka(h["laporan"] - h["aduan"], 0, b))
st.subheader(teks("aduan_kelompok_duplikat", b))
_tabel(h["dup"], b, height=280)

st.header(teks("aduan_bagian_eskalasi", b))
st.caption(teks("eskalasi_keterangan", b))
tabel_esk, _ = _eskalasi(*kunci, periode)
_tabel(tabel_esk, b)
tersimulasi = bool({"aduan_jalan", "ruas_jalan"} & g.dataset_demo())
c = st.columns(2)
for kol, fmt, mime in ((c[0], "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                       (c[1], "pdf", "application/pdf")):
    def _isi(fmt=fmt) -> bytes:  # built only when clicked; every export is audited
        catat("ekspor", "aduan_jalan", f"paket eskalasi {fmt} {len(tabel_esk)} ruas")
        return _berkas_eskalasi(*kunci, periode, b, fmt, tersimulasi)
    kol.download_button(teks(f"eskalasi_unduh_{fmt}", b), _isi, f"eskalasi_jalan_{kode}_{periode}.{fmt}", mime,
                        on_click="ignore", key=f"eskalasi-{fmt}")
if len(tabel_esk):
    pilih = pilihan_url(teks("eskalasi_pilih_ruas", b), "ruas", list(tabel_esk["nama_ruas"]))
    st.markdown(f"**{teks('eskalasi_peta_ruas', b).format(ruas=markdown_aman(pilih))}**")
    peta_leaflet(_peta_ruas(*kunci, periode, pilih, b), "peta_ruas", tinggi=420)

st.header(teks("aduan_bagian_data", b))
tabel, tabel_tampil, n_mutu = _tabel_data(*kunci, s.sebagai_tuple(), b)
if n_mutu:
    st.warning(teks("aduan_catatan_mutu", b).format(n=angka(n_mutu, 0, b)), icon=":material/flag:")
st.dataframe(tabel_tampil, hide_index=True, width="stretch", height=360)
unduh(tabel, "aduan_jalan", dataset="aduan_jalan", periode=periode,  # exactly the filtered view
      saringan={k: v for k, v in s.sebagai_tuple() if k != "periode"},
      geometri=geometri_titik("aduan_jalan", "id_aduan"))
