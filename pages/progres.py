"""Progres: masterplan programmes and quick wins per pillar and agency — S-curves of target vs
realisation (physical and budget), status at a month, late items with their agency, timeline, export."""
import plotly.express as px
import streamlit as st

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import teks
from indicators.dasar.pengaturan import ambil
from indicators.dasar.teks_aman import aman_html
from indicators.progres.kurva import kurva_s, progres_bulanan
from indicators.progres.masukan import JENIS, STATUS, akhir_periode, daftar_periode, pengaturan_progres, saring_program
from indicators.progres.status import jadwal, ringkasan_per, status_program
from indicators.progres.tabel import nama_jenis, nama_status, susun_tabel, tabel_status
from indicators.skor.kerangka import muat_kerangka
from indicators.tampilan.tata import LEGENDA_BAWAH
from pages._bersama import data, grafik, gudang, kepala, multi_url, pilihan_url, simpan, unduh

b = kepala("halaman_progres", ["program", "program_progres"])
prog, pp = data("program"), data("program_progres")
PEMISAH = {"id": ",.", "en": ".,"}  # plotly: decimal then thousands separator, as indicators.dasar.format writes
np_ = {p.id: p.nama[b] for p in muat_kerangka().pilar}
status_nama, jenis_nama = nama_status(b), nama_jenis(b)
WARNA = {"terlambat": "#c0392b", "tanpa_laporan": "#7f8c8d", "sesuai": "#2e86c1", "lebih_cepat": "#17a589",
         "selesai": "#1e8449", "belum_mulai": "#bdc3c7"}


@simpan(32)
def _hitung(path: str, versi: int, periode: str, pilar: tuple, opd: tuple, jenis: tuple):
    """Filtered programmes, their status and the S-curve; cached until the next import."""
    p = saring_program(data("program"), pilar, opd, jenis)
    kini = data("program_progres")
    return p, status_program(kini, p, periode), kurva_s(kini, p, sampai=periode)


@simpan(32)
def _grafik(path: str, versi: int, periode: str, pilar: tuple, opd: tuple, jenis: tuple, b: str) -> dict:
    """The S-curves, the status bars and the timeline for one view and language, built once (plotly
    express costs ~0,1 s a figure) and shared by every session."""
    dipilih, status, kurva = _hitung(path, versi, periode, pilar, opd, jenis)
    pagu = dipilih["anggaran"].sum()
    fisik = kurva.melt(id_vars="periode", value_vars=["target_fisik", "realisasi_fisik"], var_name="seri",
                       value_name="persen")
    fisik["seri"] = fisik["seri"].map({"target_fisik": teks("target", b), "realisasi_fisik": teks("realisasi", b)})
    f_fisik = px.line(fisik, x="periode", y="persen", color="seri", markers=True, title=teks("prg_kurva_fisik", b),
                      labels={"periode": teks("periode", b), "persen": "%", "seri": ""}, range_y=[0, 102])
    f_fisik.update_layout(separators=PEMISAH[b], legend=LEGENDA_BAWAH)
    uang = kurva.assign(**{c_: kurva[c_] / 1e9 for c_ in ("rencana_anggaran", "realisasi_anggaran")})
    uang = uang.melt(id_vars="periode", value_vars=["rencana_anggaran", "realisasi_anggaran"], var_name="seri",
                     value_name="miliar")
    uang["seri"] = uang["seri"].map({"rencana_anggaran": teks("prg_rencana", b),
                                     "realisasi_anggaran": teks("realisasi", b)})
    f_uang = px.line(uang, x="periode", y="miliar", color="seri", markers=True, title=teks("prg_kurva_anggaran", b),
                     labels={"periode": teks("periode", b), "miliar": teks("prg_rp_miliar", b), "seri": ""})
    f_uang.add_hline(y=pagu / 1e9, line_dash="dot", line_color="#c0392b",
                     annotation_text=f"{teks('prg_pagu', b)} {angka(pagu / 1e9, 1, b)}",
                     annotation_position="bottom right")
    f_uang.update_layout(separators=PEMISAH[b], legend=LEGENDA_BAWAH)
    np_ = {p_.id: p_.nama[b] for p_ in muat_kerangka().pilar}
    status_nama = nama_status(b)

    def _status_per(kolom: str, judul: str):
        # names from the data reach plotly's HTML subset (axis, hover): made inert first
        t = status.assign(**{kolom: status[kolom].map(np_) if kolom == "pilar" else status[kolom].map(aman_html),
                             "status": status["status"].map(status_nama)})
        f = px.histogram(t, y=kolom, color="status", title=judul,
                         color_discrete_map={status_nama[s_]: w for s_, w in WARNA.items()},
                         category_orders={"status": [status_nama[s_] for s_ in STATUS]})
        f.update_layout(separators=PEMISAH[b], xaxis_title=teks("program", b), yaxis_title="", legend_title="",
                        legend=LEGENDA_BAWAH, height=420, xaxis={"dtick": 1})
        return f

    j = jadwal(status)
    j = j.assign(status=j["status"].map(status_nama), label=(j["id_program"] + " · " + j["nama"]).map(aman_html),
                 opd=j["opd"].map(aman_html),
                 # months by the one formatter (plotly's own date hover is English: "Jan 2022")
                 jangka=[f"{nama_periode(f'{m_.year}-01', b)} – {nama_periode(f'{s_.year}-12', b)}"
                         for m_, s_ in zip(j["mulai"], j["selesai"], strict=True)])
    f_jadwal = px.timeline(j, x_start="mulai", x_end="selesai", y="label", color="status", title=teks("prg_jadwal", b),
                           color_discrete_map={status_nama[s_]: w for s_, w in WARNA.items()},
                           hover_data={"opd": True, "jangka": True, "label": False, "mulai": False, "selesai": False},
                           labels={"label": "", "status": "", "opd": teks("prg_kol_opd", b),
                                   "jangka": teks("prg_jadwal", b)})
    tahun = list(range(int(j["mulai"].dt.year.min()), int(j["selesai"].dt.year.max()) + 2)) if len(j) else []
    f_jadwal.update_xaxes(tickvals=[f"{y}-01-01" for y in tahun], ticktext=[str(y) for y in tahun])  # years only
    f_jadwal.add_vline(x=akhir_periode(periode), line_dash="dash", line_color="#555")
    f_jadwal.update_yaxes(autorange="reversed")
    f_jadwal.update_layout(separators=PEMISAH[b], height=max(360, 22 * len(j) + 140),
                           legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"})
    return {"fisik": f_fisik, "uang": f_uang, "pilar": _status_per("pilar", teks("prg_status_per_pilar", b)),
            "opd": _status_per("opd", teks("prg_ringkasan_opd", b)), "jadwal": f_jadwal}


if prog.empty or pp.empty:
    st.info(teks("prg_tanpa_program", b))
    st.stop()
c = st.columns([2, 2, 2, 1.4])
pilar = multi_url(teks("prg_filter_pilar", b), "pilar", [x for x in np_ if x in set(prog["pilar"])],
                  format_func=np_.get, wadah=c[0])
opd = multi_url(teks("prg_filter_opd", b), "opd", sorted(prog["opd"].unique()), wadah=c[1])
jenis = multi_url(teks("prg_filter_jenis", b), "jenis", list(JENIS), format_func=jenis_nama.get, wadah=c[2])
semua_periode = daftar_periode(pp)
periode = pilihan_url(teks("prg_periode", b), "posisi", semua_periode[::-1], bawaan=semua_periode[-1],
                      format_func=lambda p: nama_periode(p, b), wadah=c[3])
g = gudang()
dipilih, status, kurva = _hitung(str(g.path), g.versi(), periode, tuple(pilar), tuple(opd), tuple(jenis))
if dipilih.empty:
    st.info(teks("prg_tanpa_program", b))
    st.stop()

jumlah = status["status"].value_counts()
pagu = dipilih["anggaran"].sum()
m = st.columns(5)
m[0].metric(teks("prg_jumlah_program", b), angka(len(dipilih), 0, b))
m[1].metric(teks("program_terlambat", b), angka(jumlah.get("terlambat", 0), 0, b))
m[2].metric(teks("prg_lebih_cepat", b), angka(jumlah.get("lebih_cepat", 0), 0, b))
m[3].metric(teks("prg_capaian_rata", b), persen(status["capaian"].mean(), 1, b))
m[4].metric(teks("prg_serapan", b),
            persen(100 * status["realisasi_anggaran"].fillna(0).sum() / pagu if pagu else None, 1, b))
atur = pengaturan_progres()
st.caption(teks("prg_ket_status", b).format(ambang=angka(ambil("ambang_terlambat_persen"), 0, b),
                                            cepat=angka(atur["ambang_lebih_cepat_persen"], 0, b),
                                            usang=atur["laporan_usang_bulan"]))

gr = _grafik(str(g.path), g.versi(), periode, tuple(pilar), tuple(opd), tuple(jenis), b)
for kolom, isi in zip(st.columns(2), ("fisik", "uang"), strict=True):
    with kolom:
        grafik(gr[isi])
for kolom, isi in zip(st.columns(2), ("pilar", "opd"), strict=True):
    with kolom:
        grafik(gr[isi])
grafik(gr["jadwal"])

st.subheader(teks("prg_daftar_terlambat", b))
ekspor_t, tampil_t = tabel_status(status, b, np_, hanya_terlambat=True)
if ekspor_t.empty:
    st.success(teks("prg_tanpa_terlambat", b))
else:
    st.dataframe(tampil_t, hide_index=True, width="stretch")
    unduh(ekspor_t, "program_terlambat")

st.subheader(teks("prg_ringkasan_opd", b))
ekspor_o, tampil_o = susun_tabel(
    ringkasan_per(status, "opd"),
    {"opd": "prg_kol_opd", "program": "prg_kol_program", "terlambat": "prg_kol_terlambat",
     "lebih_cepat": "prg_kol_lebih_cepat", "selesai": "prg_kol_selesai", "capaian": "prg_kol_capaian",
     "anggaran": "prg_kol_anggaran", "serapan_anggaran": "prg_kol_serapan"},
    b, {"program": 0, "terlambat": 0, "lebih_cepat": 0, "selesai": 0, "capaian": 1, "anggaran": 0,
        "serapan_anggaran": 1})
st.dataframe(tampil_o, hide_index=True, width="stretch")
unduh(ekspor_o, "program_per_opd")

st.subheader(teks("prg_kurva_satu", b))
satu = pilihan_url(teks("prg_pilih_program", b), "program", status["id_program"].tolist(),
                   format_func=lambda i: f"{i} · {dipilih.set_index('id_program').at[i, 'nama']}")
bulanan = progres_bulanan(pp, dipilih[dipilih["id_program"] == satu], sampai=periode)
if bulanan.empty:  # the programme's first report comes after the chosen month
    st.info(teks("prg_belum_ada_laporan", b).format(periode=nama_periode(periode, b)))
else:
    satu_kurva = bulanan.melt(id_vars="periode", value_vars=["target_persen", "realisasi_persen"], var_name="seri",
                              value_name="persen")
    satu_kurva["seri"] = satu_kurva["seri"].map({"target_persen": teks("target", b),
                                                 "realisasi_persen": teks("realisasi", b)})
    f = px.line(satu_kurva, x="periode", y="persen", color="seri", markers=True, range_y=[0, 102],
                labels={"periode": teks("periode", b), "persen": "%", "seri": ""})
    f.update_layout(separators=PEMISAH[b], height=300, margin={"t": 20})
    grafik(f)

st.subheader(teks("prg_semua_program", b))
ekspor_s, tampil_s = tabel_status(status, b, np_)
st.dataframe(tampil_s, hide_index=True, width="stretch")
unduh(ekspor_s, "program_progres_posisi")
