"""Pilar (/pilar): the planner's drill-down — pillar → element → indicator by kecamatan or village: map,
ranking with rank intervals, distribution, a unit's trend, strengths and weaknesses with raw values
next to scores, what-if weights (the core re-aggregates; indicator values are cached) and which choice
moves ranks most. Every selection lives in the URL."""
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from indicators.dasar.format import angka, format_selisih, nama_periode
from indicators.dasar.format import daftar as daftar_kata
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import markdown_aman
from indicators.data.skema import muat_skema
from indicators.ringkasan.peringkat import (
    dampak_bobot,
    jumlah_tumpang_tindih,
    kekuatan_kelemahan,
    kelompok_tumpang_tindih,
    tak_terbedakan,
)
from indicators.skor import lapisan_idm, peringkat
from indicators.tampilan.grafik_skor import (
    grafik_bobot,
    grafik_distribusi,
    grafik_hapus_pilar,
    grafik_interval,
    grafik_sensitivitas,
    grafik_tren,
)
from indicators.tampilan.peta_lapisan import peta_wilayah
from indicators.tampilan.tabel import tabel_peringkat, tabel_tampil
from indicators.wilayah.batas import batas, titik_pusat
from indicators.wilayah.daftar import daftar_wilayah
from pages import _skor
from pages._bersama import (
    aduan_siap,
    data,
    geometri_wilayah,
    grafik,
    gudang,
    kepala,
    kode_kabupaten,
    multi_url,
    peran,
    peta_leaflet,
    pilihan_url,
    sekali,
    unduh,
)


@st.cache_resource(show_spinner=False, max_entries=16)  # a folium map (not picklable); the role is in the key
def _peta(path, versi, peran_, kode, tingkat: str, saring_kec: tuple, skor, hover, terpilih, b: str):
    """The score map with its layers (boundaries, roads, open complaints, Ronda reports), built once per
    view: a rerun that does not change the view reuses the map and its rendered HTML."""
    gdf = batas(kode, tingkat)
    if saring_kec:
        gdf = gdf[gdf["kode_wilayah"].str[:8].isin(saring_kec)]
    aduan = aduan_siap()
    return peta_wilayah(gdf, skor, teks(tingkat, b), teks("rk_skor_0_100", b), bahasa=b, info=hover,
                        terpilih=terpilih, kecamatan=batas(kode, "kecamatan"),
                        desa=batas(kode, "desa") if tingkat == "kecamatan" else None, ruas=data("ruas_jalan"),
                        aduan=aduan[aduan["terbuka"]], ronda=data("ronda_laporan"),
                        pusat_desa=titik_pusat(kode, "desa"))

b = kepala("halaman_pilar", list(muat_skema()))
kode = kode_kabupaten()
k = _skor.kerangka()
daftar = _skor.daftar_periode()
tidak_cukup = teks("rk_data_tidak_cukup", b)
SEMUA = "semua"
LANGKAH_BOBOT = [i / 4 for i in range(13)]  # what-if weights 0–3 in steps of 0.25 (as _skor.bobot_dari_url rounds)

# --- what to look at (every choice in the URL) ----------------------------------------------------
# Three choices a row: five side by side cut their selected names on a 1366-px laptop. Element and
# indicator (long names) get a row of their own once a pillar is chosen.
c = st.columns(3)
periode = pilihan_url(teks("periode", b), "periode", daftar[::-1], bawaan=daftar[-1],
                      format_func=lambda p: nama_periode(p, b), wadah=c[0])
tingkat = pilihan_url(teks("rk_tingkat", b), "tingkat", ["kecamatan", "desa"], format_func=lambda t: teks(t, b),
                      wadah=c[1])
kt = k.untuk_tingkat(tingkat)
nama_pilar = {p.id: p.nama[b] for p in k.pilar}
nama_elemen = {e.id: e.nama[b] for e in k.elemen}
ind_by_id = {i.id: i for i in k.indikator}
pilar = pilihan_url(teks("rk_pilar", b), "pilar", ["indeks", *[p.id for p in kt.pilar]],
                    format_func=lambda p: teks("rk_semua_pilar", b) if p == "indeks" else nama_pilar[p], wadah=c[2])
elemen, indikator = SEMUA, SEMUA
if pilar != "indeks":
    c2 = st.columns([1, 2])
    opsi_el = [e.id for e in kt.elemen if e.pilar == pilar]
    elemen = pilihan_url(teks("rk_elemen", b), "elemen", [SEMUA, *opsi_el],
                         format_func=lambda e: teks("semua", b) if e == SEMUA else nama_elemen[e], wadah=c2[0])
    opsi_ind = [i.id for i in kt.indikator if i.pilar == pilar and elemen in (SEMUA, i.elemen)]
    indikator = pilihan_url(teks("rk_indikator", b), "indikator", [SEMUA, *opsi_ind],
                            format_func=lambda i: teks("semua", b) if i == SEMUA else ind_by_id[i].nama[b], wadah=c2[1])
unit_semua = daftar_wilayah(kode, tingkat)[["kode_wilayah", "nama", "kode_induk"]]
nama_kec = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
saring_kec = []
if tingkat == "desa":
    saring_kec = multi_url(teks("rk_saring_kecamatan", b), "kec", list(nama_kec.index), format_func=nama_kec.get)

# --- methods (the sidebar's method panel, in the URL): the whole page, rank intervals included ---------
setelan = _skor.panel_metode(b)   # a PengaturanSkor with the framework weights; the what-if section tries others

# --- the chosen measure ------------------------------------------------------------------------------
ind = ind_by_id.get(indikator)
if ind is not None:
    ukuran, label_ukuran, jenis_ukuran = ind.id, ind.nama[b], "indikator"
elif elemen != SEMUA:
    ukuran, label_ukuran, jenis_ukuran = elemen, nama_elemen[elemen], "elemen"
else:
    ukuran = "indeks" if pilar == "indeks" else pilar
    label_ukuran = teks("indeks", b) if pilar == "indeks" else nama_pilar[pilar]
    jenis_ukuran = "skor"


def _singkat(butir: list[str], n: int) -> list[str]:
    """The first ``n`` items, and "k wilayah lain" for the rest (the reader's list stays short)."""
    return butir if len(butir) <= n else [*butir[:n], teks("rk_wilayah_lain", b).format(n=len(butir) - n)]


def skor_ukuran(hasil) -> np.ndarray:
    """The chosen measure of every unit (0–100; NaN = insufficient data) from a ``HasilSkor``."""
    sumber = {"indikator": hasil.normal, "elemen": hasil.elemen}.get(jenis_ukuran)
    return (sumber[ukuran] if sumber is not None else hasil.skor[ukuran]).to_numpy(dtype=float)


with st.spinner(teks("rk_menghitung", b)):
    h = _skor.hasil(tingkat, periode, setelan)
t = h.skor[["kode_wilayah", "nama", "cakupan"]].copy()
t["skor"] = skor_ukuran(h)
if ind is not None:
    t["nilai"] = h.nilai[ind.id].to_numpy()
t["peringkat"] = pd.array(peringkat(t["skor"].to_numpy(dtype=float)), dtype="Float64").astype("Int64")
interval = None
if ind is None and elemen == SEMUA:  # rank intervals of the index and of a pillar (the core, 1,000 runs)
    with st.spinner(teks("rk_menghitung_interval", b)):
        interval = _skor.interval(tingkat, periode, setelan, None if pilar == "indeks" else pilar).peringkat
    t = t.merge(interval[["kode_wilayah", "peringkat_median", "peringkat_p05", "peringkat_p95"]], on="kode_wilayah")
    t["tumpang_tindih"] = t["kode_wilayah"].map(jumlah_tumpang_tindih(interval)).astype("Int64")
if tingkat == "desa":
    t.insert(2, "kecamatan", t["kode_wilayah"].str[:8].map(nama_kec))
tampil_unit = t[t["kode_wilayah"].str[:8].isin(saring_kec)] if saring_kec else t

m = st.columns(4)
kab = _skor.hasil("kabupaten", periode, setelan)
sumber_kab = kab.normal if ind is not None else kab.elemen if elemen != SEMUA else kab.skor
nilai_kab = float(sumber_kab[ukuran].iloc[0]) if ukuran in sumber_kab else np.nan
m[0].metric(f"{label_ukuran} · {teks('kabupaten', b)}",
            angka(nilai_kab, 1, b) if nilai_kab == nilai_kab else tidak_cukup, border=True)
m[1].metric(teks("rk_median_unit", b).format(unit=teks(tingkat, b)), angka(np.nanmedian(t["skor"]), 1, b)
            if t["skor"].notna().any() else tidak_cukup, border=True)
m[2].metric(teks("rk_unit_berskor", b), f"{int(t['skor'].notna().sum())}/{len(t)}", border=True)
if ind is not None:
    m[3].metric(f"{teks('rk_goalposts', b)} · {ind.satuan}",
                f"{angka(ind.goalposts[0], 1, b)} → {angka(ind.goalposts[1], 1, b)}",
                border=True, help=(ind.dasar_goalposts or {}).get(b, ""))
else:
    n_ind = len([i for i in kt.indikator if pilar in ("indeks", i.pilar) and elemen in (SEMUA, i.elemen)])
    m[3].metric(teks("rk_jumlah_indikator", b), str(n_ind), border=True)
if ind is not None:
    st.caption(f"**{markdown_aman(ind.nama[b])}** — {markdown_aman(ind.definisi[b])}")

# --- map and distribution ----------------------------------------------------------------------------
hover = tampil_unit.set_index("kode_wilayah")[["peringkat"]].rename(columns={"peringkat": teks("rk_peringkat", b)})
if ind is not None:
    hover[f"{teks('rk_nilai_asli', b)} ({ind.satuan})"] = tampil_unit.set_index("kode_wilayah")["nilai"]
hover[teks("rk_keterangan", b)] = [tidak_cukup if v != v else "" for v in tampil_unit["skor"]]
kiri, kanan = st.columns([1.35, 1])
unit_opsi = tampil_unit.sort_values(["peringkat", "kode_wilayah"], na_position="last")["kode_wilayah"].tolist()
nama_unit = t.set_index("kode_wilayah")["nama"]
with kiri:  # Leaflet: a click on a region selects it below (and in the URL), as if chosen from the list
    # the unit the list below will show (its state, else the URL, else its first option): the same map on
    # every run until the selection changes, so a click reported by the map is not lost to a remount
    terpilih = st.session_state.get("unit", st.query_params.get("unit", unit_opsi[0] if unit_opsi else None))
    st.markdown(f"**{markdown_aman(label_ukuran)} · {teks(tingkat, b)} · {nama_periode(periode, b)}**")
    g = gudang()
    m = _peta(str(g.path), g.versi(), peran(), kode, tingkat, tuple(saring_kec or ()),
              tampil_unit.set_index("kode_wilayah")["skor"], hover, terpilih, b)
    diklik = peta_leaflet(m, "peta_pilar", klik=True)
    st.caption(teks("peta_klik_pilih", b))
    if diklik in unit_opsi and diklik != st.session_state.get("unit"):
        st.session_state["unit"] = diklik
        st.rerun()
with kanan:
    unit = pilihan_url(teks("rk_pilih_unit", b), "unit", unit_opsi,
                       format_func=lambda x: f"{nama_unit[x]} ({x})")
    baris = t.set_index("kode_wilayah").loc[unit] if unit else None
    grafik(sekali(grafik_distribusi, tampil_unit["skor"], b, teks("rk_judul_distribusi", b).format(ukuran=label_ukuran),
                             teks("rk_skor_0_100", b), baris["skor"] if baris is not None else None,
                             nama_unit.get(unit, "")))

# --- ranking with rank intervals -----------------------------------------------------------------------
st.subheader(teks("rk_judul_peringkat", b).format(ukuran=label_ukuran))
if interval is not None:
    iv = interval[interval["kode_wilayah"].isin(tampil_unit["kode_wilayah"])]
    kelompok = kelompok_tumpang_tindih(iv)
    st.caption(teks("rk_interval_ket", b))
    if unit and unit in set(iv["kode_wilayah"]) and not pd.isna(baris.get("peringkat_p05")):
        setara = tak_terbedakan(iv, unit)
        isi = {"nama": markdown_aman(nama_unit[unit]), "peringkat": baris["peringkat"], "dari": baris["peringkat_p05"],
               "sampai": baris["peringkat_p95"], "n": len(setara),
               "daftar": markdown_aman(daftar_kata(_singkat([f"{nama_unit[r.kode_wilayah]} ({r.peringkat})"
                                                              for r in setara.itertuples()], 6), b))}
        st.info(teks("rk_unit_setara" if len(setara) else "rk_unit_setara_tidak", b).format(**isi),
                icon=":material/compare_arrows:")
    if len(kelompok):
        butir = [teks("rk_kelompok_butir", b).format(
            nama=markdown_aman(daftar_kata(_singkat([nama_unit[x] for x in r.kode], 5), b)),
            peringkat=f"{r.bersama_dari}–{r.bersama_sampai}" if r.bersama_sampai > r.bersama_dari else r.bersama_dari)
            for r in kelompok.head(4).itertuples()]
        st.caption(teks("rk_kelompok_setara", b).format(n=len(kelompok)) + " " + "; ".join(butir) + ".")
    urut = t[t["kode_wilayah"].isin(tampil_unit["kode_wilayah"])].sort_values(["peringkat", "kode_wilayah"])
    ada = urut.dropna(subset=["peringkat"])
    if len(ada) > 60:  # the chart keeps the ends; the table has every unit
        ada = pd.concat([ada.head(25), ada[ada["kode_wilayah"] == unit], ada.tail(25)]).drop_duplicates("kode_wilayah")
        st.caption(teks("rk_interval_potong", b).format(n=len(urut)))
    grafik(sekali(grafik_interval, ada, b, teks("rk_judul_interval", b), unit))
else:
    st.caption(teks("rk_interval_hanya_pilar", b))
ekspor, tampil = tabel_peringkat(tampil_unit, b, ind.satuan if ind is not None else "")
st.dataframe(tampil, hide_index=True, width="stretch", height=min(38 + 35 * len(tampil), 560))
unduh(ekspor, f"peringkat_{tingkat}_{ukuran}_{periode}", periode=periode, saringan={teks("rk_tingkat", b): tingkat},
      geometri=geometri_wilayah(tingkat, teks("rk_kode", b)))

# --- the selected unit: strengths, weaknesses, raw values, trend --------------------------------------
if unit:
    st.subheader(teks("rk_judul_unit", b).format(nama=nama_unit[unit]))
    metrik = [(label_ukuran, angka(baris["skor"], 1, b) if baris["skor"] == baris["skor"] else tidak_cukup),
              (teks("rk_peringkat", b), f"{baris['peringkat']}/{int(t['skor'].notna().sum())}"
               if not pd.isna(baris["peringkat"]) else "–")]
    if interval is not None and not pd.isna(baris.get("peringkat_p05")):
        metrik.append((teks("rk_interval_5_95", b), f"{baris['peringkat_p05']}–{baris['peringkat_p95']}"))
    if ind is not None:
        metrik.append((f"{teks('rk_nilai_asli', b)} ({ind.satuan})",
                       angka(baris["nilai"], 2, b) if baris["nilai"] == baris["nilai"] else tidak_cukup))
    metrik.append((teks("rk_cakupan_data", b), f"{angka(baris['cakupan'], 0, b)}%"))
    for wadah, (label, nilai_) in zip(st.columns(len(metrik)), metrik, strict=True):
        wadah.metric(label, nilai_, border=True)
    # strengths and weaknesses within the chosen pillar (all indicators for the index)
    ids = [i.id for i in kt.indikator if pilar in ("indeks", i.pilar)]
    kk = kekuatan_kelemahan(h.normal[ids], h.nilai[ids], unit, n=3)
    kiri, kanan = st.columns(2)
    for wadah, jenis in ((kiri, "kekuatan"), (kanan, "kelemahan")):
        bag = kk[kk["jenis"] == jenis].assign(
            nama=lambda d: d["indikator"].map(lambda x: ind_by_id[x].nama[b]),
            satuan=lambda d: d["indikator"].map(lambda x: ind_by_id[x].satuan),
            posisi_teks=lambda d: [f"{p}/{n}" for p, n in zip(d["posisi"], d["jumlah"], strict=True)])
        # the rank decides (issue 15), so it comes right after the indicator's name
        e, tp = tabel_tampil(bag, {"nama": (teks("rk_indikator", b), None), "posisi_teks": (teks("rk_posisi", b), None),
                                      "skor": (teks("rk_skor_0_100", b), 1), "nilai": (teks("rk_nilai_asli", b), 2),
                                      "satuan": (teks("rk_satuan", b), None),
                                      "median_skor": (teks("rk_median_unit", b).format(unit=teks(tingkat, b)), 1)}, b)
        with wadah:
            st.markdown(f"**{teks('rk_' + jenis, b).format(unit=teks(tingkat, b))}**")
            if len(tp):
                st.dataframe(tp, hide_index=True, width="stretch")
            else:
                st.caption(teks("rk_tanpa_indikator_lain", b))
    with st.expander(teks("rk_nilai_vs_skor", b), expanded=ind is not None):
        rinci = pd.DataFrame({"id": ids, "nama": [ind_by_id[i].nama[b] for i in ids],
                              "nilai": h.nilai.loc[unit, ids].to_numpy(), "satuan": [ind_by_id[i].satuan for i in ids],
                              "terburuk": [ind_by_id[i].goalposts[0] for i in ids],
                              "terbaik": [ind_by_id[i].goalposts[1] for i in ids],
                              "skor": h.normal.loc[unit, ids].to_numpy(),
                              "bobot": h.bobot_efektif.set_index("indikator").loc[ids, "bobot_efektif"].to_numpy()
                              * 100})
        kolom_r = {"nama": ("rk_indikator", None), "nilai": ("rk_nilai_asli", 2), "satuan": ("rk_satuan", None),
                   "terburuk": ("rk_terburuk", 2), "terbaik": ("rk_terbaik", 2), "skor": ("rk_skor_0_100", 1),
                   "bobot": ("rk_bobot_efektif_persen", 2)}
        e_r, t_r = tabel_tampil(rinci, {k_: (teks(j, b), d) for k_, (j, d) in kolom_r.items()}, b, kosong="–")
        st.dataframe(t_r, hide_index=True, width="stretch")
        unduh(e_r, f"nilai_skor_{unit}_{periode}")
    if tingkat == "desa":
        idm = lapisan_idm(data("profil_desa"), k).set_index("kode_wilayah")
        if unit in idm.index and idm.loc[unit, "status_dari_nilai"]:
            r = idm.loc[unit]
            berikut = next((s["nama"][b] for s in k.idm["status"] if s["kode"] == r["status_berikut"]), "")
            st.info(teks("rk_idm", b).format(nilai=angka(r["skor_idm"], 4, b), status=r[f"nama_status_{b}"],
                                             berikut=berikut, selisih=angka(r["selisih_ke_berikut"], 4, b))
                    if berikut else teks("rk_idm_puncak", b).format(nilai=angka(r["skor_idm"], 4, b),
                                                                     status=r[f"nama_status_{b}"]))
    bulan = pilihan_url(teks("rk_panjang_tren", b), "tren", [6, 12, 24], format_func=lambda n: teks("rk_bulan_n", b)
                        .format(n=n), wadah=st.columns([1, 4])[0])
    jendela = [p for p in daftar if p <= periode][-bulan:]
    with st.spinner(teks("rk_menghitung_tren", b)):
        tren = _skor.tren(tingkat, jendela, setelan, ukuran, "indikator" if ind is not None else
                          "elemen" if elemen != SEMUA else "skor", unit)
    seri = {"unit": nama_unit[unit], "median": teks("rk_median_unit", b).format(unit=teks(tingkat, b))}
    grafik(sekali(grafik_tren, tren.assign(seri=tren["seri"].map(seri)), b,
                       teks("rk_judul_tren", b).format(ukuran=label_ukuran), teks("rk_skor_0_100", b)))

# --- what-if weights (a fragment: moving a slider re-aggregates here only, nothing above is rerun) ------


@st.fragment
def uji_bobot() -> None:
    """Sliders per pillar (and the chosen pillar's elements) in the URL as ?bobot=id:w,...; the core scores
    again with those weights (indicator values are cached) and the rank changes against the framework
    weights are listed."""
    st.subheader(teks("rk_judul_uji", b))
    st.caption(teks("rk_uji_bobot_ket", b))
    bobot_awal = {x.id: x.bobot for x in (*k.pilar, *k.elemen)}
    if "bobot_uji" not in st.session_state:
        st.session_state["bobot_uji"] = _skor.bobot_dari_url(st.query_params.get("bobot", ""), bobot_awal)
    if st.button(teks("rk_bobot_reset", b), icon=":material/restart_alt:", key="bobot_reset"):
        st.session_state["bobot_uji"] = {}
        for kunci in [x for x in st.session_state if str(x).startswith("w_")]:
            del st.session_state[kunci]
    bobot = st.session_state["bobot_uji"]
    geser = [(p.id, p.nama[b]) for p in kt.pilar]
    if pilar != "indeks":
        geser += [(e.id, f"{teks('rk_elemen', b)}: {e.nama[b]}") for e in kt.elemen if e.pilar == pilar]
    kol = st.columns(6)
    for i, (id_, label) in enumerate(geser):
        kunci = f"w_{id_}"
        if kunci not in st.session_state:   # a framework weight off the 0.25 grid snaps to the nearest step
            st.session_state[kunci] = min(LANGKAH_BOBOT, key=lambda w: abs(w - float(bobot.get(id_, bobot_awal[id_]))))
        # a select_slider: its marks are written by the one formatter ("1,25"), which st.slider cannot do
        bobot[id_] = kol[i % 6].select_slider(label, LANGKAH_BOBOT, key=kunci, format_func=lambda w: angka(w, 2, b))
    beda = {i: w for i, w in bobot.items() if w != bobot_awal.get(i)}
    if beda:
        st.query_params["bobot"] = _skor.bobot_ke_url(beda)
    else:
        st.query_params.pop("bobot", None)
    if all(w == 0 for i, w in ({p.id: p.bobot for p in kt.pilar} | beda).items() if i in nama_pilar):
        st.error(teks("rk_bobot_nol", b))
        return
    h_uji = _skor.hasil(tingkat, periode, replace(setelan, bobot=beda))
    ids_b = [i for i in h.bobot_efektif["indikator"] if pilar in ("indeks", ind_by_id[i].pilar)]
    bw = pd.DataFrame({"nama": [ind_by_id[i].nama[b] for i in ids_b],
                       "awal": h.bobot_efektif.set_index("indikator").loc[ids_b, "bobot_efektif"].to_numpy(),
                       "baru": h_uji.bobot_efektif.set_index("indikator").loc[ids_b, "bobot_efektif"].to_numpy()})
    kiri, kanan = st.columns([1, 1.2])
    with kiri:
        grafik(sekali(grafik_bobot, bw, b, teks("rk_judul_bobot", b)))
    with kanan:
        if ind is not None:
            st.info(teks("rk_uji_indikator", b), icon=":material/info:")
            return
        # both rankings by the core, same methods: framework weights, then the what-if weights
        dampak = dampak_bobot(t[["kode_wilayah", "skor"]],
                                 pd.DataFrame({"kode_wilayah": t["kode_wilayah"], "skor": skor_ukuran(h_uji)}),
                                 kolom="skor")
        dampak = dampak[dampak["kode_wilayah"].isin(tampil_unit["kode_wilayah"])]
        pindah = int((dampak["naik"].fillna(0) != 0).sum())
        st.markdown(teks("rk_uji_ringkas", b).format(n=pindah, total=int(dampak["nilai_baru"].notna().sum()))
                    if beda else teks("rk_uji_petunjuk", b))
        dampak = dampak.assign(nama=dampak["kode_wilayah"].map(nama_unit))
        kolom_d = {"peringkat_baru": ("rk_peringkat_baru", 0), "nama": ("rk_nama", None),
                   "kode_wilayah": ("rk_kode", None), "nilai_baru": ("rk_skor_baru", 1),
                   "peringkat_awal": ("rk_peringkat_awal", 0), "naik": ("rk_naik_kolom", 0),
                   "nilai_awal": ("rk_skor_awal", 1)}
        e_d, t_d = tabel_tampil(dampak, {k_: (teks(j, b), d) for k_, (j, d) in kolom_d.items()}, b)
        for k_ in ("peringkat_baru", "peringkat_awal", "naik"):
            t_d[teks(kolom_d[k_][0], b)] = [("–" if pd.isna(v) else format_selisih(v, b, 0) if k_ == "naik"
                                             else str(int(v))) for v in dampak[k_]]
        st.dataframe(t_d, hide_index=True, width="stretch", height=min(38 + 35 * len(t_d), 460))
        unduh(e_d, f"uji_bobot_{tingkat}_{ukuran}_{periode}")


uji_bobot()

# --- sensitivity: which choice moves ranks most -------------------------------------------------------
if ind is None and elemen == SEMUA:
    st.subheader(teks("rk_judul_sensitivitas", b))
    with st.spinner(teks("rk_menghitung_interval", b)):
        sob = _skor.sobol(tingkat, periode, setelan, None if pilar == "indeks" else pilar)
    terbesar = sob.sort_values(["sobol_total", "faktor"], ascending=[False, True]).iloc[0]
    st.markdown(teks("rk_sensitivitas_ringkas", b).format(faktor=terbesar[f"nama_{b}"],
                                                          nilai=angka(terbesar["sobol_total"], 2, b)))
    kiri, kanan = st.columns(2)
    with kiri:
        grafik(sekali(grafik_sensitivitas, sob, b, teks("rk_judul_sobol", b)))
    if pilar == "indeks":
        hp = _skor.tanpa_pilar(tingkat, periode, setelan)
        with kanan:
            grafik(sekali(grafik_hapus_pilar, hp.ringkasan, nama_pilar, b, teks("rk_judul_hapus_pilar", b)))
