"""Metodologi (/metodologi): generated from the framework file and the scoring settings — the hierarchy,
every indicator's definition, unit, direction, goalposts, source, frequency, denominator, weight and
effective weight; the pipeline steps with the settings in force (the method panel, the same
``PengaturanSkor`` as the ``score`` command); every method choice with its formula; the declared
denominators; the treatments applied (audit trail); data coverage, the units the availability rule
blanked and the screened ones; coherence; the official IDM layer; how the evaluation's achievement
index differs from the composite index."""
import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import nama_dataset, teks
from indicators.dasar.teks_aman import markdown_aman
from indicators.data.skema import muat_skema
from indicators.evaluasi.indeks import ANKER_INDEKS_CAPAIAN
from indicators.evaluasi.pengaturan import muat_pengaturan as pengaturan_evaluasi
from indicators.laporan.ekspor import judul_kolom
from indicators.skor import PengaturanKetidakpastian
from indicators.skor.agregasi import NAMA_AGREGASI, RUMUS_AGREGASI
from indicators.skor.koherensi import BATAS_P, BATAS_REDUNDAN
from indicators.skor.normalisasi import NORMALISASI, RUMUS
from indicators.skor.perlakuan import (
    BATAS_KURT,
    BATAS_SKEW,
    MAKS_WINSOR,
    NAMA_IMPUTASI,
    NAMA_PERLAKUAN,
    RUMUS_IMPUTASI,
    RUMUS_PERLAKUAN,
)
from indicators.tampilan.peta import PEMISAH
from indicators.tampilan.tabel import tabel_tampil
from indicators.tampilan.tata import LEGENDA_BAWAH, label_terbungkus
from indicators.wilayah.daftar import daftar_wilayah
from pages import _skor
from pages._bersama import grafik, kepala, kode_kabupaten, multi_url, pilihan_url, unduh

b = kepala("halaman_metodologi", list(muat_skema()))
kode = kode_kabupaten()
k = _skor.kerangka()
pilihan = _skor.panel_metode(b)          # the settings in force: the method panel (URL), as on the Pilar page
atur, uji = pilihan.untuk(k), PengaturanKetidakpastian()
daftar = _skor.daftar_periode()
TINGKAT = ("desa", "kecamatan", "kabupaten")
st.caption(teks("rk_m_sumber", b).format(berkas=k.berkas.rsplit("/", 1)[-1]))
c = st.columns([1, 1, 3])
periode = pilihan_url(teks("periode", b), "periode", daftar[::-1], bawaan=daftar[-1],
                      format_func=lambda p: nama_periode(p, b), wadah=c[0])
tingkat = pilihan_url(teks("rk_tingkat", b), "tingkat", ["kecamatan", "desa", "kabupaten"],
                      format_func=lambda t: teks(t, b), wadah=c[1])
with st.spinner(teks("rk_menghitung", b)):
    h = {t: _skor.hasil(t, periode, pilihan) for t in TINGKAT}
nama_ind = {i.id: i.nama[b] for i in k.indikator}
nama_pilar = {p.id: p.nama[b] for p in k.pilar}

# --- 1. the hierarchy ---------------------------------------------------------------------------------
st.header(teks("rk_m_hierarki", b))
tabel = k.tabel_indikator(b)
kiri, kanan = st.columns([1, 1])
with kiri:
    f = px.sunburst(tabel.assign(n=1), path=["pilar_nama", "elemen_nama", "nama"], values="n")
    f.update_layout(height=560, margin={"t": 10, "b": 10, "l": 10, "r": 10}, font={"size": 14})
    grafik(f)
with kanan:
    bobot_pilar = {p.id: p.bobot for p in k.pilar}
    hier = pd.DataFrame([{"pilar": nama_pilar[e.pilar], "bobot_pilar": bobot_pilar[e.pilar], "elemen": e.nama[b],
                          "bobot_elemen": e.bobot, "n": len(e.indikator)} for e in k.elemen])
    _, tampil = tabel_tampil(hier, {"pilar": (teks("rk_pilar", b), None), "bobot_pilar": (teks("rk_m_bobot", b), 2),
                                       "elemen": (teks("rk_elemen", b), None),
                                       "bobot_elemen": (teks("rk_m_bobot", b) + " ", 2),
                                       "n": (teks("rk_jumlah_indikator", b), 0)}, b, kosong="–")
    st.dataframe(tampil, hide_index=True, width="stretch", height=38 + 35 * len(tampil))
    st.caption(teks("rk_m_hierarki_ket", b).format(n=len(k.indikator), e=len(k.elemen)))

# --- 2. the indicator catalogue ---------------------------------------------------------------------
st.header(teks("rk_m_katalog", b))
st.caption(teks("rk_m_katalog_ket", b))
for t in TINGKAT:
    be = h[t].bobot_efektif.set_index("indikator")["bobot_efektif"] * 100
    tabel[f"bobot_efektif_{t}"] = tabel["id"].map(be)
tabel["arah_teks"] = tabel["arah"].map({"higher": teks("rk_m_arah_higher", b), "lower": teks("rk_m_arah_lower", b)})
kolom = {"pilar_nama": (teks("rk_pilar", b), None), "elemen_nama": (teks("rk_elemen", b), None),
         "id": ("id", None), "nama": (teks("rk_indikator", b), None), "definisi": (teks("rk_m_definisi", b), None),
         "satuan": (teks("rk_satuan", b), None), "arah_teks": (teks("rk_m_arah", b), None),
         "terburuk": (teks("rk_terburuk", b), 2), "terbaik": (teks("rk_terbaik", b), 2),
         "dasar_goalposts": (teks("rk_m_dasar_goalposts", b), None), "sumber": (teks("rk_m_sumber_data", b), None),
         "tingkat": (teks("rk_m_tingkat_tersedia", b), None), "frekuensi": (teks("rk_m_frekuensi", b), None),
         "per": (teks("rk_m_penyebut_kolom", b), None), "bobot": (teks("rk_m_bobot", b), 2)}
kolom |= {f"bobot_efektif_{t}": (teks("rk_m_bobot_efektif", b).format(tingkat=teks(t, b)), 2) for t in TINGKAT}
tabel["sumber"] = [nama_dataset(d, b) if isinstance(d, str) else d for d in tabel["sumber"]]  # names, not keys
e_kat, t_kat = tabel_tampil(tabel, kolom, b, kosong="–")
pilih_pilar = multi_url(teks("rk_pilar", b), "mpilar", list(nama_pilar), format_func=nama_pilar.get)
saring = tabel["pilar"].isin(pilih_pilar).to_numpy() if pilih_pilar else np.ones(len(tabel), bool)
st.dataframe(t_kat[saring], hide_index=True, width="stretch", height=min(38 + 35 * int(saring.sum()), 720))
unduh(e_kat[saring], "katalog_indikator")

# --- 3. the pipeline ----------------------------------------------------------------------------------
st.header(teks("rk_m_langkah", b))
norm = NORMALISASI[atur.normalisasi]
pita = "; ".join(f"{x.level} {x.nama[b]} ≥ {angka(x.batas_bawah, 0, b)}" for x in k.kematangan)
isi = {
    **{k_: persen(getattr(atur, k_) * 100, 0, b) for k_ in ("ambang_indikator", "ambang_elemen", "ambang_pilar",
                                                              "ambang_indeks", "ambang_penyaringan")},
    "imputasi": NAMA_IMPUTASI[atur.imputasi][b], "skew": angka(BATAS_SKEW, 1, b), "kurt": angka(BATAS_KURT, 1, b),
    "winsor": MAKS_WINSOR, "normalisasi": norm.nama[b], "keterangan": norm.keterangan[b],
    "perlakuan": NAMA_PERLAKUAN[atur.perlakuan][b],
    "potong": teks("rk_m_dipotong", b) if atur.potong_zskor and atur.normalisasi == "zskor" else "",
    "agregasi": NAMA_AGREGASI[atur.agregasi][b], "pita": pita, "p": angka(BATAS_P, 2, b),
    "redundan": angka(BATAS_REDUNDAN, 1, b), "n": angka(uji.n, 0, b),
    "norm_list": ", ".join(NORMALISASI[m].nama[b] for m in uji.normalisasi),
    "agg_list": ", ".join(NAMA_AGREGASI[m][b] for m in uji.agregasi),
    "imp_list": ", ".join(NAMA_IMPUTASI[m][b] for m in uji.imputasi), "derau": persen(uji.derau_bobot * 100, 0, b),
    "n_sobol": uji.n_sobol,
}
st.markdown("\n".join(f"{i}. {markdown_aman(teks(f'rk_m_langkah_{i}', b).format(**isi))}" for i in range(1, 12)))
st.warning(teks("rk_m_keterbandingan", b), icon=":material/compare:")
metode = pd.DataFrame([{"id": m, "nama": v.nama[b],
                        "berbasis_data": teks("rk_ya" if v.berbasis_data else "rk_tidak", b),
                        "keterangan": v.keterangan[b], "bawaan": "✓" if m == atur.normalisasi else ""}
                       for m, v in NORMALISASI.items()])
st.dataframe(metode.rename(columns={"nama": teks("rk_normalisasi", b), "berbasis_data": teks("rk_m_berbasis_data", b),
                                    "keterangan": teks("rk_m_keterbandingan_kolom", b),
                                    "bawaan": teks("rk_m_bawaan", b)}), hide_index=True, width="stretch")

# --- 3b. every choice with its formula and the one in force --------------------------------------------
st.subheader(teks("rk_m_pilihan", b))
st.caption(teks("rk_m_pilihan_ket", b))
pilihan_tabel = pd.DataFrame(
    [{"jenis": teks("rk_m_jenis_normalisasi", b), "nama": v.nama[b], "rumus": RUMUS[m][b],
      "berlaku": "✓" if m == atur.normalisasi else ""} for m, v in NORMALISASI.items()]
    + [{"jenis": teks("rk_m_jenis_agregasi", b), "nama": NAMA_AGREGASI[m][b], "rumus": RUMUS_AGREGASI[m][b],
        "berlaku": "✓" if m == atur.agregasi else ""} for m in NAMA_AGREGASI]
    + [{"jenis": teks("rk_m_jenis_perlakuan", b), "nama": NAMA_PERLAKUAN[m][b], "rumus": RUMUS_PERLAKUAN[m][b],
        "berlaku": "✓" if m == atur.perlakuan else ""} for m in NAMA_PERLAKUAN]
    + [{"jenis": teks("rk_m_jenis_imputasi", b), "nama": NAMA_IMPUTASI[m][b], "rumus": RUMUS_IMPUTASI[m][b],
        "berlaku": "✓" if m == atur.imputasi else ""} for m in NAMA_IMPUTASI])
st.dataframe(pilihan_tabel[["berlaku", "jenis", "nama", "rumus"]].rename(columns={
    "jenis": teks("rk_m_jenis", b), "nama": teks("rk_nama", b), "rumus": teks("rk_m_rumus", b),
    "berlaku": teks("rk_m_berlaku", b)}), hide_index=True, width="stretch", height=38 + 35 * len(pilihan_tabel),
    column_config={teks("rk_m_rumus", b): st.column_config.TextColumn(width="large")})
st.subheader(teks("rk_m_penyebut", b))
st.caption(teks("rk_m_penyebut_ket", b))
pakai = {n: [i.nama[b] for i in k.indikator if i.per and i.per["penyebut"] == n] for n in k.penyebut}
st.dataframe(pd.DataFrame({
    teks("rk_m_penyebut_kolom", b): [d["nama"][b] for d in k.penyebut.values()],
    teks("rk_m_penyebut_asal", b): [f"{nama_dataset(d['dataset'], b)}: {judul_kolom(d['jumlah'], b)}" if "dataset" in d
                                    else d["register"]
                                    for d in k.penyebut.values()],
    teks("rk_m_penyebut_dipakai", b): [", ".join(pakai[n]) or "–" for n in k.penyebut]}), hide_index=True,
    width="stretch")

# --- 4. the audit trail --------------------------------------------------------------------------------
st.header(teks("rk_m_audit", b))
aud = h[tingkat].audit
nama_unit = daftar_wilayah(kode, tingkat).set_index("kode_wilayah")["nama"]
ringkas = aud.groupby(["langkah", "perlakuan"], as_index=False).size()
st.caption(teks("rk_m_audit_ket", b).format(tingkat=teks(tingkat, b), periode=nama_periode(periode, b),
                                            n=angka(len(aud), 0, b)))
st.dataframe(ringkas.rename(columns={"langkah": teks("rk_m_langkah_kolom", b), "perlakuan": teks("rk_m_perlakuan", b),
                                     "size": teks("rk_m_jumlah", b)}), hide_index=True, width="stretch")
langkah = multi_url(teks("rk_m_langkah_kolom", b), "langkah", sorted(aud["langkah"].unique()))
a = aud[aud["langkah"].isin(langkah)] if langkah else aud
a = a.assign(nama=a["kode_wilayah"].map(nama_unit), indikator_nama=a["indikator"].map(nama_ind),
             pilar_nama=a["pilar"].map(nama_pilar))
kolom_a = {"langkah": ("rk_m_langkah_kolom", None), "kode_wilayah": ("rk_kode", None), "nama": ("rk_nama", None),
           "indikator_nama": ("rk_indikator", None), "pilar_nama": ("rk_pilar", None),
           "perlakuan": ("rk_m_perlakuan", None), "nilai_lama": ("rk_m_nilai_lama", 3),
           "nilai_baru": ("rk_m_nilai_baru", 3), "keterangan": ("rk_keterangan", None)}
e_a, t_a = tabel_tampil(a, {k_: (teks(j, b), d) for k_, (j, d) in kolom_a.items()}, b, kosong="–")
st.dataframe(t_a, hide_index=True, width="stretch", height=min(38 + 35 * len(t_a), 420))
unduh(e_a, f"jejak_audit_{tingkat}_{periode}")

# --- 5. coverage ----------------------------------------------------------------------------------------
st.header(teks("rk_m_cakupan", b))
# long indicator names in two lines, the legend under the axis: the bars keep the column's width
ket = h[tingkat].ketersediaan.assign(nama=lambda d: d["indikator"].map(nama_ind).map(label_terbungkus),
                                     persen=lambda d: d["ketersediaan"] * 100,
                                     di_bawah_ambang=lambda d: d["di_bawah_ambang"].map({True: teks("rk_ya", b),
                                                                                         False: teks("rk_tidak", b)}))
f = px.bar(ket, x="persen", y="nama", orientation="h", color="di_bawah_ambang", range_x=[0, 105],
           color_discrete_map={teks("rk_tidak", b): "#1f5fa8", teks("rk_ya", b): "#c0392b"},
           labels={"persen": teks("rk_m_ketersediaan", b), "nama": "",
                   "di_bawah_ambang": teks("rk_m_di_bawah_ambang", b)},
           title=teks("rk_m_cakupan_indikator", b).format(tingkat=teks(tingkat, b)))
f.add_vline(x=atur.ambang_indikator * 100, line={"dash": "dash", "color": "#c0392b"})
f.update_layout(height=max(420, 34 * len(ket) + 160), separators=PEMISAH[b], yaxis={"autorange": "reversed"},
                legend=LEGENDA_BAWAH)
kiri, kanan = st.columns([1, 1.2])
with kiri:
    grafik(f)
x = h[tingkat].nilai.notna()
if tingkat == "desa":  # per kecamatan: the share of its villages with a value
    x = x.groupby(x.index.str[:8]).mean()
    label_y = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"].reindex(x.index)
else:
    label_y = nama_unit.reindex(x.index)
f = px.imshow(x.to_numpy(dtype=float) * 100, x=[nama_ind[i] for i in x.columns], y=list(label_y), zmin=0, zmax=100,
              color_continuous_scale="Blues", aspect="auto", labels={"color": "%"},
              title=teks("rk_m_cakupan_unit", b).format(tingkat=teks(tingkat, b)))
f.update_layout(height=max(420, 22 * len(x) + 260), separators=PEMISAH[b])
f.update_xaxes(tickangle=-45)
with kanan:
    grafik(f)
unit_cak = h[tingkat].skor.assign(pilar_kosong=lambda d: [", ".join(nama_pilar[p] for p in nama_pilar if pd.isna(r[p]))
                                                          for _, r in d.iterrows()])
e_u, t_u = tabel_tampil(unit_cak, {"kode_wilayah": (teks("rk_kode", b), None), "nama": (teks("rk_nama", b), None),
                                      "cakupan": (teks("rk_cakupan_data", b) + " (%)", 1),
                                      "indeks": (teks("indeks", b), 1),
                                      "pilar_kosong": (teks("rk_m_pilar_tanpa_skor", b), None)}, b)
st.dataframe(t_u, hide_index=True, width="stretch", height=min(38 + 35 * len(t_u), 420))
unduh(e_u, f"cakupan_{tingkat}_{periode}")
st.subheader(teks("rk_m_kosong", b))
kosong = h[tingkat].kosong
nama_hier = {**nama_pilar, **{e.id: e.nama[b] for e in k.elemen}, "indeks": teks("indeks", b)}
st.caption(teks("rk_m_kosong_ket", b).format(n=angka(len(kosong), 0, b), tingkat=teks(tingkat, b)))
if len(kosong):
    e_ko, t_ko = tabel_tampil(kosong.assign(nama=kosong["kode_wilayah"].map(nama_unit),
                                            id_nama=kosong["id"].map(nama_hier),
                                            persen=kosong["ketersediaan"] * 100, ambang_=kosong["ambang"] * 100,
                                            alasan_=kosong["alasan"].map(lambda a: teks(f"rk_m_alasan_{a}", b))),
                              {"kode_wilayah": (teks("rk_kode", b), None), "nama": (teks("rk_nama", b), None),
                               "tingkat_hierarki": (teks("rk_m_tingkat_hierarki", b), None),
                               "id_nama": (teks("rk_m_komponen", b), None),
                               "persen": (teks("rk_m_ketersediaan", b), 0), "ambang_": (teks("rk_m_ambang", b), 0),
                               "alasan_": (teks("rk_m_alasan", b), None)}, b)
    st.dataframe(t_ko, hide_index=True, width="stretch", height=min(38 + 35 * len(t_ko), 320))
    unduh(e_ko, f"dikosongkan_{tingkat}_{periode}")
saring_ = h[tingkat].tersaring
st.caption(teks("rk_m_tersaring", b).format(daftar=", ".join(
    f"{nama_unit.get(x, x)} ({persen(c, 0, b)})" for x, c in zip(saring_["kode_wilayah"], saring_["cakupan"],
                                                                   strict=True)))
           if len(saring_) else teks("rk_m_tersaring_tidak", b))

# --- 6. coherence ----------------------------------------------------------------------------------------
st.header(teks("rk_m_koherensi", b))
if tingkat == "kabupaten":
    st.info(teks("rk_m_koherensi_kabupaten", b))
else:
    koh = _skor.koherensi_skor(tingkat, periode)
    st.caption(teks("rk_m_koherensi_ket", b).format(p=angka(BATAS_P, 2, b), redundan=angka(BATAS_REDUNDAN, 1, b)))
    kiri, kanan = st.columns([1, 1.4])
    al = koh.alpha.assign(nama=lambda d: d["pilar"].map(nama_pilar))
    f = px.bar(al, x="nama", y="alpha", text=[angka(v, 2, b) for v in al["alpha"]], range_y=[0, 1.05],
               labels={"nama": "", "alpha": teks("rk_m_alpha", b)}, title=teks("rk_m_alpha_judul", b))
    f.add_hline(y=0.7, line={"dash": "dash", "color": "#999"})
    f.update_traces(marker_color="#1f5fa8")
    f.update_layout(separators=PEMISAH[b], height=420)
    with kiri:
        grafik(f)
    kor = koh.korelasi.assign(nama=lambda d: [nama_ind.get(i, nama_pilar.get(i, i)) for i in d["id"]],
                              induk_nama=lambda d: [nama_pilar.get(i, teks("indeks", b)) for i in d["induk"]],
                              tanda_teks=lambda d: [", ".join(teks(f"rk_m_tanda_{x}", b) for x in s.split(",") if x)
                                                    for s in d["tanda"]])
    e_k, t_k = tabel_tampil(kor, {"nama": (teks("rk_m_komponen", b), None),
                                     "induk_nama": (teks("rk_m_induk", b), None), "r": ("r", 2), "p": ("p", 3),
                                     "n": ("n", 0), "tanda_teks": (teks("rk_m_tanda", b), None)}, b, kosong="–")
    with kanan:
        st.dataframe(t_k, hide_index=True, width="stretch", height=420)
    unduh(e_k, f"koherensi_{tingkat}_{periode}")

# --- 7. the evaluation's achievement index against the composite index -----------------------------------
st.header(teks("rk_m_capaian", b), anchor=ANKER_INDEKS_CAPAIAN)
ae = pengaturan_evaluasi()
st.markdown(markdown_aman(teks("rk_m_capaian_ket", b).format(
    bobot=" / ".join(f"{ae.nama_dimensi[d][b]} {persen(w * 100, 0, b)}" for d, w in ae.bobot.items()))))

# --- 8. the official IDM layer ----------------------------------------------------------------------------
st.header(teks("rk_m_idm", b))
batas = list(k.idm.get("status", []))
st.markdown(markdown_aman(teks("rk_m_idm_ket", b).format(rumus=k.idm.get("rumus", {}).get(b, ""))))
st.dataframe(pd.DataFrame({teks("rk_m_status", b): [s["nama"][b] for s in batas],
                           teks("rk_m_batas_atas", b): [angka(s["batas_atas"], 4, b) if s["batas_atas"] is not None
                                                        else "–" for s in batas]}), hide_index=True)
