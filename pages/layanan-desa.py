"""Layanan Desa: DesaID websites, Smart Netizen requests, Ronda Online, mobile signal, data quality.

Thin: filters from the URL, the core computes (``indicators.layanan.nilai*``; indicator values are the
scoring core's own), this page draws. The headline shows the scoring indicators of the chosen unit and
period; the sections are tabs bound to the URL (``?bagian=``), and only the open one runs and draws.
Each piece is cached on the store version, the role and the filters it depends on: a change of
kecamatan or village does not run the scoring core again.
"""
import pandas as pd
import streamlit as st

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import semua_label, teks
from indicators.layanan import mutu as layanan_mutu
from indicators.layanan import nilai as layanan
from indicators.layanan import ronda as layanan_ronda
from indicators.layanan import situs as layanan_situs
from indicators.skor.kerangka import muat_kerangka
from indicators.skor.turunan import kolom_kontak
from indicators.tampilan import bagian_layanan as layanan_bagian
from indicators.tampilan.grafik_layanan import nama
from indicators.tampilan.peta_lapisan import peta_wilayah
from indicators.wilayah.batas import batas
from indicators.wilayah.daftar import daftar_wilayah, nama_wilayah
from pages._bersama import (
    data,
    grafik,
    gudang,
    kepala,
    kode_kabupaten,
    multi_url,
    peran,
    peta,
    peta_leaflet,
    pilihan_url,
    simpan,
    unduh,
)

SEMUA = "semua"


def _data() -> dict:
    return {n: data(n) for n in layanan.DATASET}


@simpan(4)
def _dasar(path: str, versi: int, peran_: str, kode: str) -> dict:
    d = _data()
    ada = any(len(d[n]) for n in layanan.DATASET_WAKTU)
    return {"ada": ada, "periode": layanan.opsi_periode(d) if ada else [],
            "jenis": sorted(set(d["layanan_permohonan"]["jenis_layanan"].dropna().astype(str)))}


@simpan(8)
def _turunan(path: str, versi: int, peran_: str, kode: str, nama_: str) -> pd.DataFrame:
    """Every row of a dataset with the core's derived columns (all periods)."""
    d = _data()
    return layanan.turunan(d, nama_, kode, layanan.periode_data(d))


@simpan(4)
def _mutu_dasar(path: str, versi: int, peran_: str, kode: str) -> dict:
    """The data-quality flags and the months missing per village (all periods)."""
    d = _data()
    kab = {n: d[n][layanan.di_unit(d[n]["kode_wilayah"], kode)] for n in layanan.DATASET_WAKTU}
    m = kab["layanan_permohonan"]
    return {"tanda": layanan_mutu.tanda_mutu(kab, layanan.kini(d)), "hilang": layanan_mutu.bulan_hilang_desa(kab, kode),
            "jenis_per_id": pd.Series(m["jenis_layanan"].astype(str).to_numpy(), index=m["id_permohonan"].astype(str))}


@simpan(16)
def _inti(path, versi, peran_, kode, periode: str, jendela: int, jenis: tuple) -> layanan_bagian.Inti:
    return layanan_bagian.hitung_inti(_data(), kode, layanan.Saringan(periode, jendela, jenis))


@simpan(8)
def _status_situs(path, versi, peran_, kode, periode: str) -> pd.DataFrame:
    return layanan_situs.status_situs(_data(), kode, periode)


@simpan(16)
def _keteraturan(path, versi, peran_, kode, periode: str, jendela: int, tingkat: str) -> pd.DataFrame:
    n = max(int(layanan.deklarasi()["bulan_tren"]), jendela)
    return layanan_ronda.keteraturan_bulanan(_data(), kode, tingkat, layanan.daftar_bulan(periode, n))


# Sections are kept as objects, not pickled: unpickling plotly figures runs plotly's validation again
# (0.4 s a rerun for the whole page). Nothing below mutates what it gets back; the keys hold the store
# version and the role, as cache_data's do. Each section depends only on the filters it uses.
@st.cache_resource(show_spinner=False, max_entries=32)
def _situs(path, versi, peran_, kode, periode: str, unit: str, b: str) -> dict:
    return layanan_bagian.bagian_situs(_status_situs(path, versi, peran_, kode, periode), kode, unit, b)


@st.cache_resource(show_spinner=False, max_entries=32)
def _netizen(path, versi, peran_, kode, periode: str, jendela: int, jenis: tuple, unit: str, b: str) -> dict:
    kunci = (path, versi, peran_, kode)
    return layanan_bagian.bagian_netizen(_inti(*kunci, periode, jendela, jenis), _turunan(*kunci, "layanan_permohonan"),
                                         layanan.penduduk(_data()), kode, unit, layanan.TINGKAT_KODE[len(unit)], b)


@st.cache_resource(show_spinner=False, max_entries=32)
def _ronda(path, versi, peran_, kode, periode: str, jendela: int, unit: str, b: str) -> dict:
    kunci = (path, versi, peran_, kode)
    tingkat = layanan.TINGKAT_KODE[len(unit)]
    return layanan_bagian.bagian_ronda(_inti(*kunci, periode, jendela, ()), _turunan(*kunci, "ronda_laporan"),
                                       _keteraturan(*kunci, periode, jendela, tingkat), layanan.penduduk(_data()),
                                       kode, unit, tingkat, b)


@st.cache_resource(show_spinner=False, max_entries=32)
def _sinyal(path, versi, peran_, kode, periode: str, jendela: int, jenis: tuple, unit: str, b: str) -> dict:
    inti = _inti(path, versi, peran_, kode, periode, jendela, jenis)
    return layanan_bagian.bagian_sinyal(inti, _data(), kode, unit, b)


@st.cache_resource(show_spinner=False, max_entries=32)
def _mutu(path, versi, peran_, kode, jenis: tuple, unit: str, b: str) -> dict:
    m = _mutu_dasar(path, versi, peran_, kode)
    return layanan_bagian.bagian_mutu(m["tanda"], m["hilang"], kode, unit, jenis, m["jenis_per_id"], b)


KOLOM_BULAN = ("periode", "bulan_terakhir")


def _nilai_teks(x, satuan: str) -> str:
    """An indicator value in its unit, in the reader's format (a rate's unit is in its name)."""
    if satuan.startswith("%"):
        return persen(x, 1, b)
    if "/" in satuan or pd.isna(x):
        return angka(x, 1, b)
    satuan = teks(f"lay_{satuan}", b) if satuan in ("hari", "menit") else satuan   # the framework writes Indonesian
    return f"{angka(x, 1, b)} {satuan}"


def _sel(kolom: str, jenis: str):
    """How a table cell is written: numbers and months by indicators.dasar.format, missing as "–"."""
    if kolom in KOLOM_BULAN:
        return lambda v: nama_periode(str(v), b) if isinstance(v, str) and len(v) == 7 else "–"
    if jenis in "iu":
        return lambda v: angka(v, 0, b)
    if jenis == "f":
        return lambda v: angka(v, 1, b)
    return lambda v: "–" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)


def _tabel(df: pd.DataFrame, **kw) -> None:
    """A table with labelled headers; numbers and months written by indicators.dasar.format (the values stay
    numbers, so a column sorts by value); a missing value shows as "–"."""
    judul = {k: teks(f"lay_kolom_{k}", b) for k in df.columns if f"lay_kolom_{k}" in semua_label()}
    tulis = {judul.get(k, k): _sel(k, df[k].dtype.kind) for k in df.columns
             if k in KOLOM_BULAN or df[k].dtype.kind in "iuf"}
    tampil = df.reset_index(drop=True).rename(columns=judul)
    st.dataframe(tampil.style.format(tulis, na_rep="–") if tulis else tampil,   # text alone needs no styling
                 hide_index=True, width="stretch", placeholder="–", **kw)


b = kepala("halaman_layanan_desa", list(layanan.DATASET))
kode, g, peran_ = kode_kabupaten(), gudang(), peran()
kunci = (str(g.path), g.versi(), peran_, kode)
dasar = _dasar(*kunci)
if not dasar["ada"]:
    st.info(teks("lay_kosong", b))
    st.stop()
kerangka = muat_kerangka()

# --- filters (in the URL: a link reproduces the view) ---------------------------------------------
sb = st.sidebar
sb.subheader(teks("lay_saringan", b))
if dari_peta := st.session_state.pop("_desa_dari_peta", None):  # a village clicked on a map: select it
    st.session_state["kec"], st.session_state["desa"] = dari_peta[:8], dari_peta
periode = pilihan_url(teks("periode", b), "periode", dasar["periode"], dasar["periode"][0],
                      format_func=lambda p: nama_periode(p, b), wadah=sb)
jendela = pilihan_url(teks("lay_jendela", b), "bulan", layanan.deklarasi()["jendela_bulan"], 1,
                      format_func=lambda n: teks("lay_jendela_n", b).format(n=n), wadah=sb)
kec_reg = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
kec = pilihan_url(teks("kecamatan", b), "kec", [SEMUA, *kec_reg.index], SEMUA,
                  format_func=lambda k: teks("semua", b) if k == SEMUA else kec_reg[k], wadah=sb)
desa_reg = daftar_wilayah(kode, "desa")
if kec != SEMUA:
    desa_reg = desa_reg[desa_reg["kode_induk"] == kec]
nama_desa = desa_reg.set_index("kode_wilayah")["nama"]
desa = pilihan_url(teks("desa", b), "desa", [SEMUA, *nama_desa.index], SEMUA, wadah=sb,
                   format_func=lambda k: teks("semua", b) if k == SEMUA else f"{nama_desa[k]} ({kec_reg[k[:8]]})")
jenis = tuple(multi_url(teks("lay_jenis_layanan", b), "jenis", dasar["jenis"],
                        format_func=lambda j: nama("jenis", j, b), wadah=sb))
sb.caption(teks("lay_tautan", b))
s = layanan.Saringan(periode, int(jendela), jenis, None if kec == SEMUA else kec, None if desa == SEMUA else desa)
tingkat, unit = s.unit(kode)
jendela = int(jendela)
bulan = s.bulan()
label_periode = nama_periode(periode, b) if len(bulan) == 1 else \
    f"{nama_periode(bulan[0], b)} – {nama_periode(bulan[-1], b)}"

# --- headline: the scoring core's indicator values for this unit and period ----------------------
inti = _inti(*kunci, periode, jendela, jenis)
nilai = inti.nilai[tingkat].loc[unit]
st.subheader(teks("lay_judul_unit", b).format(unit=nama_wilayah(unit), periode=label_periode))
tampil = [i for i in layanan.INDIKATOR if i in nilai.index]
for baris in (tampil[:5], tampil[5:]):
    kol = st.columns(5)
    for c, i in zip(kol, baris, strict=False):
        ind = kerangka.indikator_id(i)
        c.metric(ind.nama[b], _nilai_teks(nilai[i], ind.satuan), help=ind.definisi[b])
st.caption(teks("lay_ket_indikator", b) + (" " + teks("lay_ket_jenis", b) if jenis else ""))



def tampil_desaid() -> None:
    h = _situs(*kunci, periode, unit, b)
    r = h["ringkasan"]
    st.header(teks("lay_bagian_desaid", b))
    st.caption(teks("lay_ket_desaid", b).format(
        hari=angka(kerangka.pengaturan.get("website_diperbarui_hari", 30), 0, b),
        kontak=", ".join(teks(f"lay_kontak_{c}", b) for c in kolom_kontak(kerangka.pengaturan)),
        posting=angka(layanan.deklarasi()["posting_minimum_90_hari"], 0, b),
        layanan=angka(layanan.deklarasi()["layanan_minimum"], 0, b)))
    c = st.columns(6)
    for i, status in enumerate(layanan_situs.STATUS):
        c[i].metric(nama("status", status, b), f"{angka(r[status], 0, b)} / {angka(r['desa'], 0, b)}")
    c[4].metric(teks("lay_median_hari_update", b), angka(r["median_hari_update"], 0, b))
    c[5].metric(teks("lay_posting_cukup", b), persen(r["persen_posting_cukup"], 1, b))
    c = st.columns(4)
    for i, (k, v) in enumerate(r["persen_kontak"].items()):
        c[i].metric(teks(f"lay_persen_{k}", b), persen(v, 1, b))
    c[3].metric(teks("lay_rata_layanan", b), angka(r["rata_layanan"], 1, b))
    c = st.columns([3, 2])
    with c[0]:
        peta(h["f_peta"])
    with c[1]:
        grafik(h["f_samping"])
    st.subheader(teks("lay_perlu_perhatian", b).format(n=angka(r["perlu_perhatian"], 0, b)))
    _tabel(h["perhatian"], height=320)
    unduh(h["perhatian"], f"desaid_perlu_perhatian_{unit}_{periode}")


def tampil_netizen() -> None:
    n = _netizen(*kunci, periode, jendela, jenis, unit, b)
    r = n["ringkasan"]
    st.header(teks("lay_bagian_netizen", b))
    c = st.columns(6)
    c[0].metric(teks("lay_permohonan", b), angka(r["permohonan"], 0, b))
    c[1].metric(teks("lay_per_1000_bulan", b), angka(r["per_1000_bulan"], 2, b))
    c[2].metric(teks("lay_p90_semua", b), _nilai_teks(r["p90_hari"], teks("lay_hari", b)))
    c[3].metric(teks("lay_terbuka", b), angka(r["terbuka"], 0, b),
                teks("lay_lewat_tenggat_n", b).format(n=angka(r["lewat_tenggat"], 0, b)), delta_color="off",
                delta_arrow="off")
    c[4].metric(teks("lay_rating_rata", b), angka(r["rating_rata"], 2, b),
                help=teks("lay_ket_rating", b).format(n=angka(r["dinilai"], 0, b)))
    c[5].metric(teks("lay_belum_input", b), angka(r["belum_input"], 0, b))
    menurut = pilihan_url(teks("lay_menurut", b), "menurut", ["jenis", "kanal"], "jenis",
                          format_func=lambda m: teks(f"lay_menurut_{m}", b), wadah=st.columns([1, 3])[0])
    grafik(n[f"f_bulanan_{menurut}"])
    c = st.columns(2)
    with c[0]:
        grafik(n["f_waktu"])
    with c[1]:
        grafik(n["f_tepat"])
    waktu = n["waktu"].assign(jenis_layanan=n["waktu"]["jenis_layanan"].map(
        lambda j: teks("lay_semua_jenis", b) if j == "semua" else nama("jenis", j, b)))
    _tabel(waktu)
    st.caption(teks("lay_ket_waktu", b))
    c = st.columns(2)
    with c[0]:
        grafik(n["f_antrean"])
    with c[1]:
        grafik(n["f_rating"])
    st.subheader(teks(f"lay_banding_{n['lingkup']}", b))
    grafik(n["f_banding"])
    st.subheader(teks("lay_per_desa", b))
    _tabel(n["desa"], height=320)
    unduh(n["desa"], f"smart_netizen_per_desa_{unit}_{periode}")
    st.subheader(teks("lay_belum_input_judul", b).format(n=angka(r["belum_input"], 0, b),
                                                         pernah=angka(r["belum_pernah"], 0, b)))
    belum = n["belum"].assign(keadaan=n["belum"]["keadaan"].map(lambda k: teks(f"lay_keadaan_{k}", b)))
    _tabel(belum[["kode_wilayah", "nama", "nama_kecamatan", "keadaan", "bulan_terakhir"]], height=260)


@st.cache_resource(show_spinner=False, max_entries=16)  # a folium map (not picklable); the role is in the key
def _peta_ronda(path, versi, peran_, kode, periode: str, jendela: int, unit: str, b: str):
    """Incidents per 1,000 people per village (aggregated: no point finer than the village) on Leaflet."""
    d = _ronda(path, versi, peran_, kode, periode, jendela, unit, b)["per_desa"].set_index("kode_wilayah")
    info = pd.DataFrame({teks("lay_kejadian", b): d["kejadian"].astype(float),
                         teks("lay_kategori_terbanyak", b): d["kategori_terbanyak"].map(
                             lambda k: nama("kategori", k, b) if isinstance(k, str) else None)}, index=d.index)
    g = batas(kode, "desa")
    g = g[g["kode_wilayah"].isin(d.index)]
    g.attrs = batas(kode, "desa").attrs
    return peta_wilayah(g, d["per_1000"], teks("desa", b), teks("lay_per_1000", b), bahasa=b, info=info,
                        terpilih=unit, rentang=(0, maks) if (maks := float(d["per_1000"].max())) > 0 else None,
                        skala="OrRd",
                        kecamatan=batas(kode, "kecamatan"), ruas=data("ruas_jalan"))


def tampil_ronda() -> None:
    o = _ronda(*kunci, periode, jendela, unit, b)
    r = o["ringkasan"]
    st.header(teks("lay_bagian_ronda", b))
    st.caption(teks("lay_ket_ronda", b))
    c = st.columns(4)
    c[0].metric(teks("lay_desa_pengguna", b), f"{angka(r['pengguna'], 0, b)} / {angka(r['desa'], 0, b)}")
    c[1].metric(teks("lay_kejadian", b), angka(r["kejadian"], 0, b))
    c[2].metric(teks("lay_p90_respon", b), _nilai_teks(r["p90_respon"], teks("lay_menit", b)))
    c[3].metric(teks("lay_peserta_rata", b), angka(r["peserta_rata"], 1, b))
    c = st.columns(2)
    with c[0]:
        grafik(o["f_keteraturan"])
    with c[1]:
        grafik(o["f_kejadian"])
    c = st.columns([2, 3])
    with c[0]:
        grafik(o["f_respon"])
    with c[1]:  # Leaflet: a click on a village selects it in the sidebar (and the URL)
        st.markdown(f"**{teks('lay_peta_kejadian', b)}**")
        diklik = peta_leaflet(_peta_ronda(*kunci, periode, jendela, unit, b), "peta_ronda", tinggi=440, klik=True)
        if diklik and diklik != unit:
            st.session_state["_desa_dari_peta"] = diklik
            st.rerun()
    _tabel(o["per_desa"].assign(kategori_terbanyak=o["per_desa"]["kategori_terbanyak"].map(
        lambda k: nama("kategori", k, b) if isinstance(k, str) else None)), height=300)


def tampil_sinyal() -> None:
    si = _sinyal(*kunci, periode, jendela, jenis, unit, b)
    r, dk = si["ringkasan"], si["dalam_kec"]
    st.header(teks("lay_bagian_sinyal", b))
    ps = si["per_sinyal"]
    lain = ps[ps["sinyal"].isin(["3g", "2g", "tanpa_sinyal"])]
    c = st.columns(4)
    c[0].metric(teks("lay_desa_tanpa_4g", b), angka(r["tanpa_4g"], 0, b))
    c[1].metric(teks("lay_daring_4g", b), persen(ps.set_index("sinyal")["persen_daring"].get("4g"), 1, b))
    tanpa_4g = lain["daring"].sum() / lain["permohonan"].sum() * 100 if lain["permohonan"].sum() else None
    c[2].metric(teks("lay_daring_tanpa_4g", b), persen(tanpa_4g, 1, b))
    c[3].metric(teks("lay_selisih_kecamatan", b), angka(dk["selisih_rata"], 1, b),
                help=teks("lay_ket_selisih", b).format(n=dk["kecamatan"]))
    st.info(teks("lay_tafsir_sinyal", b).format(
        rendah=angka(r["rendah"], 0, b), p_rendah=persen(r["persen_tanpa_4g_rendah"], 0, b),
        p_semua=persen(r["persen_tanpa_4g_semua"], 0, b), selisih=angka(dk["selisih_rata"], 1, b),
        n=angka(dk["kecamatan"], 0, b), batas=angka(layanan.deklarasi()["online_rendah_persen"], 0, b)))
    c = st.columns([3, 2])
    with c[0]:
        peta(si["f_peta"])
    with c[1]:
        grafik(si["f_sinyal"])


def tampil_mutu() -> None:
    m = _mutu(*kunci, jenis, unit, b)
    st.header(teks("lay_bagian_mutu", b))
    st.caption(teks("lay_ket_mutu", b).format(**{k: angka(v, 0, b) for k, v in layanan.deklarasi()["mutu"].items()
                                                  if not isinstance(v, str)}))
    jumlah = m["ringkasan"].groupby("tanda")["jumlah"].sum()
    c = st.columns(5)
    for i, t in enumerate(layanan_mutu.TANDA):
        c[i].metric(nama("tanda", t, b), angka(jumlah.get(t, 0), 0, b))
    c[4].metric(teks("lay_desa_bulan_hilang", b), angka(m["hilang"]["kode_wilayah"].nunique(), 0, b))
    c = st.columns([2, 3])
    with c[0]:
        grafik(m["f_mutu"])
    with c[1]:
        _tabel(m["daftar"], height=360)
        unduh(m["daftar"], f"tanda_mutu_{unit}")
    st.subheader(teks("lay_bulan_hilang_judul", b))
    _tabel(m["hilang"][["dataset_nama", "kode_wilayah", "nama", "bulan_ada", "bulan_terakhir", "jumlah_hilang",
                        "bulan_hilang"]], height=280)
    # rows an import flagged (e.g. a village name matched through another spelling): as the store keeps them
    tanda = [(d, g.catatan_mutu(d)) for d in ("desa_website", "layanan_permohonan", "ronda_laporan")]
    tanda = [(d, t) for d, t in tanda if len(t)]
    if tanda:
        st.subheader(teks("lay_catatan_mutu_impor", b))
        for d, t in tanda:
            st.caption(teks(f"data_nama_{d}", b))
            _tabel(t, height=min(38 + 35 * len(t), 240))


def tampil_tabel() -> None:
    st.header(teks("lay_bagian_tabel", b))
    st.caption(teks("lay_ket_tabel", b).format(unit=nama_wilayah(unit), periode=label_periode))
    bagian = {"situs": _situs(*kunci, periode, unit, b), "netizen": _netizen(*kunci, periode, jendela, jenis, unit, b),
              "ronda": _ronda(*kunci, periode, jendela, unit, b),
              "sinyal": _sinyal(*kunci, periode, jendela, jenis, unit, b)}
    tabel = layanan_bagian.tabel_desa(kode, bagian)
    tabel = tabel.assign(status_situs=tabel["status_situs"].map(lambda x: nama("status", x, b)),
                         sinyal=tabel["sinyal"].map(lambda x: nama("sinyal", x, b) if isinstance(x, str) else None))
    _tabel(tabel, height=420)
    unduh(tabel, f"layanan_desa_{unit}_{periode}_{jendela}bulan" + ("_" + "-".join(jenis) if jenis else ""))


# Sections are tabs bound to the URL (?bagian=<tab label>): only the open tab runs and draws, so a filter
# change redraws a few charts, not fifteen.
BAGIAN = {"desaid": tampil_desaid, "netizen": tampil_netizen, "ronda": tampil_ronda, "sinyal": tampil_sinyal,
          "mutu": tampil_mutu, "tabel": tampil_tabel}
for wadah, tampil in zip(st.tabs([teks(f"lay_tab_{x}", b) for x in BAGIAN], key="bagian", bind="query-params"),
                         BAGIAN.values(), strict=True):
    if wadah.open:
        with wadah:
            tampil()
