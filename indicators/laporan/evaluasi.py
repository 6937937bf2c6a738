"""The Kominfo review report: labelled tables of an evaluation, a PDF report and an XLSX of the tables.

``tabel_evaluasi`` gives each table as the page shows it ((export, display) pairs, headers in the
reader's language); ``laporan_pdf`` writes the review report (district, period, achievement index,
dimension table, pillar × dimension cells, coverage, late programmes, U4SSC crosswalk);
``xlsx_tabel`` puts several tables in one workbook, each sheet written by ``indicators.laporan.ekspor`` (the
one formula-safe writer).

>>> from indicators.dasar.label import teks
>>> teks("eva_laporan_judul", "en")
'Smart City Masterplan Evaluation Review Report'
"""
from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import nama_dataset, teks
from indicators.evaluasi.pengaturan import PengaturanEvaluasi
from indicators.evaluasi.susun import HasilEvaluasi
from indicators.evaluasi.u4ssc import crosswalk_u4ssc
from indicators.laporan import ekspor
from indicators.laporan.pdf import Dokumen
from indicators.progres.tabel import nama_status, susun_tabel, tabel_status
from indicators.skor.kerangka import DIMENSI, Kerangka


def _nama_sumber(sumber: pd.Series, bahasa: str) -> dict[str, str]:
    """The datasets an evidence row comes from, as readers name them (never the internal key)."""
    return {d: nama_dataset(d, bahasa) for d in sumber.dropna().unique()}


def _skor(v) -> float:
    return np.nan if v is None or v is pd.NA else float(v)


# --- labelled tables ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TabelEvaluasi:
    """(export, display) pairs of every table of the evaluation, headers in one language."""
    dimensi: tuple[pd.DataFrame, pd.DataFrame]
    matriks: tuple[pd.DataFrame, pd.DataFrame]
    pilar: tuple[pd.DataFrame, pd.DataFrame]
    bukti: tuple[pd.DataFrame, pd.DataFrame]
    sel_tanpa_bukti: tuple[pd.DataFrame, pd.DataFrame]
    cakupan: tuple[pd.DataFrame, pd.DataFrame]
    crosswalk: tuple[pd.DataFrame, pd.DataFrame]
    program: tuple[pd.DataFrame, pd.DataFrame]

    def untuk_xlsx(self) -> dict[str, pd.DataFrame]:
        """The export tables by sheet name."""
        return {"dimensi": self.dimensi[0], "pilar_x_dimensi": self.matriks[0], "indeks_pilar": self.pilar[0],
                "bukti": self.bukti[0], "sel_tanpa_bukti": self.sel_tanpa_bukti[0], "cakupan_data": self.cakupan[0],
                "program": self.program[0], "u4ssc": self.crosswalk[0]}


def nama_dimensi(pengaturan: PengaturanEvaluasi, bahasa: str = "id") -> dict[str, str]:
    return {d: pengaturan.nama_dimensi[d][bahasa] for d in DIMENSI}


def tabel_evaluasi(hasil: HasilEvaluasi, kerangka: Kerangka, pengaturan: PengaturanEvaluasi, bahasa: str = "id",
                   pilar: list[str] | None = None) -> TabelEvaluasi:
    """Every table of ``hasil`` labelled in ``bahasa``; ``pilar`` (optional) limits the evidence,
    programme and crosswalk tables to those pillars (the page's filter)."""
    np_ = {p.id: p.nama[bahasa] for p in kerangka.pilar}
    nd = nama_dimensi(pengaturan, bahasa)
    ket = {k: teks(f"eva_ket_{k}", bahasa) for k in ("tanpa_bukti", "bukti_tanpa_nilai", "ada_bukti")}

    d = hasil.dimensi.assign(bobot=hasil.dimensi["bobot"] * 100,
                             definisi=hasil.dimensi["dimensi"].map(lambda x: pengaturan.definisi_dimensi[x][bahasa]))
    t_dim = susun_tabel(d, {"dimensi": "eva_kol_dimensi", "bobot": "eva_kol_bobot", "skor": "eva_kol_skor",
                            "kontribusi": "eva_kol_kontribusi", "n_pilar": "eva_kol_n_pilar",
                            "definisi": "eva_kol_definisi"},
                        bahasa, {"bobot": 0, "skor": 1, "kontribusi": 1, "n_pilar": 0}, {"dimensi": nd})

    m = hasil.matriks
    t_mat = susun_tabel(m, {"pilar": "eva_kol_pilar", "dimensi": "eva_kol_dimensi", "skor": "eva_kol_skor",
                            "skor_indikator": "eva_kol_skor_indikator", "skor_program": "eva_kol_skor_program",
                            "n_indikator": "eva_kol_n_indikator", "n_program": "eva_kol_n_program",
                            "bukti": "eva_kol_bukti", "keterangan": "eva_kol_keterangan"},
                        bahasa, {"skor": 1, "skor_indikator": 1, "skor_program": 1, "n_indikator": 0, "n_program": 0},
                        {"pilar": np_, "dimensi": nd, "keterangan": ket})
    kosong = m[m["keterangan"] != "ada_bukti"]
    t_kosong = susun_tabel(kosong, {"pilar": "eva_kol_pilar", "dimensi": "eva_kol_dimensi",
                                    "keterangan": "eva_kol_keterangan"}, bahasa, None,
                           {"pilar": np_, "dimensi": nd, "keterangan": ket})

    p = hasil.pilar.assign(bobot_tercakup=hasil.pilar["bobot_tercakup"] * 100)
    kol_p = {"pilar": "eva_kol_pilar"} | dict.fromkeys(DIMENSI) | {"indeks": "eva_kol_indeks_pilar",
                                                                        "bobot_tercakup": "eva_kol_bobot_tercakup"}
    ekspor_p, tampil_p = susun_tabel(p, {k: v or "eva_kol_skor" for k, v in kol_p.items()}, bahasa,
                                     dict.fromkeys((*DIMENSI, "indeks"), 1) | {"bobot_tercakup": 0}, {"pilar": np_})
    # the five dimension columns all carry the label "score": head them with the dimension names instead
    judul = [teks("eva_kol_pilar", bahasa), *[nd[x] for x in DIMENSI], teks("eva_kol_indeks_pilar", bahasa),
             teks("eva_kol_bobot_tercakup", bahasa)]
    ekspor_p.columns = judul
    tampil_p.columns = judul

    b = hasil.bukti if not pilar else hasil.bukti[hasil.bukti["pilar"].isin(pilar)]
    b = b.assign(nama=b[f"nama_{bahasa}"], jenis_bukti=b["jenis_bukti"].map(
        {"indikator": teks("eva_jenis_indikator", bahasa), "program": teks("eva_jenis_program", bahasa)}))
    t_bukti = susun_tabel(b, {"pilar": "eva_kol_pilar", "dimensi": "eva_kol_dimensi",
                              "jenis_bukti": "eva_kol_jenis_bukti", "id": "eva_kol_id", "nama": "eva_kol_nama",
                              "skor": "eva_kol_skor", "nilai": "eva_kol_nilai", "satuan": "eva_kol_satuan",
                              "status": "eva_kol_status", "opd": "prg_kol_opd", "sumber": "eva_kol_sumber"},
                          bahasa, {"skor": 1, "nilai": 2}, {"pilar": np_, "dimensi": nd, "status": nama_status(bahasa),
                                                         "sumber": _nama_sumber(b["sumber"], bahasa)})

    c = hasil.cakupan
    t_cak = susun_tabel(c, {"pilar": "eva_kol_pilar", "indikator": "eva_kol_indikator",
                            "cakupan_kabupaten": "eva_kol_cakupan_kabupaten", "cakupan_desa": "eva_kol_cakupan_desa",
                            "data_terlama": "eva_kol_data_terlama", "umur_terlama_bulan": "eva_kol_umur_terlama",
                            "data_tahunan_terlama": "eva_kol_data_tahunan_terlama",
                            "umur_terlama_tahun": "eva_kol_umur_tahun",
                            "indikator_usang": "eva_kol_indikator_usang", "program": "prg_kol_program",
                            "program_melapor": "eva_kol_program_melapor"},
                        bahasa, {"indikator": 0, "cakupan_kabupaten": 0, "cakupan_desa": 1, "umur_terlama_bulan": 0,
                                 "umur_terlama_tahun": 0,
                                 "indikator_usang": 0, "program": 0, "program_melapor": 0}, {"pilar": np_})

    cw = crosswalk_u4ssc(kerangka, bahasa, pengaturan)
    if pilar:
        cw = cw[cw["pilar"].isin(pilar)]
    t_cw = susun_tabel(cw, {"tingkat": "eva_kol_tingkat", "pilar_nama": "eva_kol_pilar", "nama": "eva_kol_nama",
                            "u4ssc_dimensi": "eva_kol_u4ssc_dimensi", "u4ssc_sub": "eva_kol_u4ssc_sub",
                            "u4ssc_kategori": "eva_kol_u4ssc_kategori", "kpi_u4ssc": "eva_kol_kpi",
                            "kecocokan": "eva_kol_kecocokan", "catatan": "eva_kol_catatan"}, bahasa, None,
                       {"tingkat": {k: teks(f"eva_tingkat_{k}", bahasa) for k in ("pilar", "indikator")},
                        "kecocokan": {k: teks(f"eva_kecocokan_{k}", bahasa)
                                      for k in ("langsung", "dekat", "longgar", "belum_dipetakan")}})

    s = hasil.status_program
    if len(s) and pilar:
        s = s[s["pilar"].isin(pilar)]
    t_prog = tabel_status(s, bahasa, np_) if len(s) else (pd.DataFrame(), pd.DataFrame())
    return TabelEvaluasi(t_dim, t_mat, (ekspor_p, tampil_p), t_bukti, t_kosong, t_cak, t_cw, t_prog)


# --- XLSX ---------------------------------------------------------------------------------------

def xlsx_tabel(lembar: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per table; every sheet is written by ``ekspor.ke_xlsx`` (text that
    looks like a formula stays a string cell) and copied cell by cell, types kept.

    >>> import io
    >>> from openpyxl import load_workbook
    >>> isi = xlsx_tabel({"a": pd.DataFrame({"x": ["=1+1"]}), "b": pd.DataFrame({"y": [-3.5]})})
    >>> wb = load_workbook(io.BytesIO(isi))
    >>> wb.sheetnames, wb["a"]["A2"].data_type, wb["a"]["A2"].value, wb["b"]["A2"].value
    (['a', 'b'], 's', '=1+1', -3.5)
    """
    if not lembar:
        raise ValueError("tidak ada tabel untuk ditulis")
    nama = [str(n)[:31] for n in lembar]
    if len(set(nama)) != len(nama) or any(ch in n for n in nama for ch in "[]:*?/\\"):
        raise ValueError(f"nama lembar harus unik, paling panjang 31 karakter, tanpa []:*?/\\: {nama}")
    wb = Workbook()
    wb.remove(wb.active)
    for n, df in zip(nama, lembar.values(), strict=True):
        sumber = load_workbook(io.BytesIO(ekspor.ke_xlsx(df, n))).active
        ws = wb.create_sheet(n)
        for baris in sumber.iter_rows():
            for c in baris:
                tujuan = ws.cell(row=c.row, column=c.column, value=c.value)
                if c.data_type == "s" and isinstance(c.value, str):
                    tujuan.data_type = "s"  # never a formula, as ekspor wrote it
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

def laporan_pdf(hasil: HasilEvaluasi, kerangka: Kerangka, pengaturan: PengaturanEvaluasi, nama_wilayah: str,
                bahasa: str = "id", tersimulasi: bool = False, dibuat: date | None = None,
                font: tuple[str, str] | bool | None = True) -> bytes:
    """The review report as PDF bytes (A4, two or three pages).

    ``dibuat`` is the date printed (and the PDF's creation date: same input, same bytes); ``font``
    ``True`` looks for a Unicode font, ``None``/``False`` forces the Latin-1 core font, a pair of paths
    (regular, bold) uses those.
    """
    pdf = Dokumen(bahasa, nama_wilayah, judul=teks("eva_laporan_judul", bahasa), dibuat=dibuat,
                  tersimulasi=tersimulasi, font=font, tepi=15)
    judul = teks("eva_laporan_judul", bahasa)
    pdf.set_subject(pdf.t(f"{nama_wilayah} · {hasil.periode}"))
    pdf.add_page()

    def paragraf(s: str, ukuran: float = 9, tebal: bool = False, tinggi: float = 4.6, **kwargs):
        pdf.tulis(s, ukuran, tebal, tinggi, **kwargs)

    def subjudul(s: str):
        pdf.ln(2.5)
        paragraf(s, 11, True, 6)

    tabel = pdf.tabel
    f1 = lambda v: angka(v, 1, bahasa)  # noqa: E731
    nd = nama_dimensi(pengaturan, bahasa)
    np_ = {p.id: p.nama[bahasa] for p in kerangka.pilar}

    paragraf(judul, 15, True, 7.5)
    paragraf(f"{nama_wilayah} ({hasil.kode_kabupaten})", 12, True, 6, maks_baris=2)
    paragraf(f"{teks('eva_laporan_periode', bahasa)}: {nama_periode(hasil.periode, bahasa)} ({hasil.periode})", 9)
    if tersimulasi:
        paragraf(teks("eva_laporan_tersimulasi", bahasa), 9, True, warna=(170, 60, 0))
    pdf.ln(2)
    indeks = (f1(hasil.indeks) if not np.isnan(hasil.indeks) else teks("eva_indeks_tidak_cukup", bahasa))
    paragraf(f"{teks('eva_indeks', bahasa)}: {indeks}", 18, True, 9)
    paragraf(f"{teks('eva_bobot_tercakup', bahasa)}: {persen(hasil.bobot_tercakup * 100, 0, bahasa)}"
             f"   ·   {teks('eva_sel_berbukti', bahasa)}: {int((hasil.matriks['keterangan'] == 'ada_bukti').sum())}"
             f"/{len(hasil.matriks)}", 9)

    subjudul(teks("eva_dimensi_judul", bahasa))
    tabel([teks(k, bahasa) for k in ("eva_kol_dimensi", "eva_kol_bobot", "eva_kol_skor", "eva_kol_kontribusi",
                                     "eva_kol_n_pilar")],
          [[nd[r.dimensi], angka(r.bobot * 100, 0, bahasa), f1(_skor(r.skor)), f1(_skor(r.kontribusi)),
            f"{r.n_pilar}/{len(hasil.pilar)}"] for r in hasil.dimensi.itertuples()]
          + [[teks("eva_indeks", bahasa), "100", f1(hasil.indeks), f1(hasil.indeks), ""]],
          (52, 28, 32, 36, 32), 8.5)
    paragraf(teks("eva_laporan_metode", bahasa) + ": "
             + teks("eva_cara_hitung", bahasa).format(ambang=persen(pengaturan.ambang_bobot_dimensi * 100, 0, bahasa))
             + " " + teks("eva_bukti_ket", bahasa), 7.5, tinggi=3.8)

    subjudul(teks("eva_matriks_judul", bahasa))
    tabel([teks("eva_kol_pilar", bahasa), *[nd[d] for d in DIMENSI], teks("eva_kol_indeks_pilar", bahasa)],
          [[np_.get(r["pilar"], r["pilar"]), *[f1(_skor(r[d])) for d in DIMENSI], f1(_skor(r["indeks"]))]
           for _, r in hasil.pilar.iterrows()],
          (40, 21, 21, 21, 21, 21, 35), 8)
    kosong = hasil.matriks[hasil.matriks["keterangan"] != "ada_bukti"]
    if len(kosong):
        paragraf(teks("eva_sel_tanpa_bukti", bahasa) + ": " + "; ".join(
            f"{np_.get(r.pilar, r.pilar)} × {nd[r.dimensi]}" for r in kosong.itertuples()), 7.5, tinggi=3.8)

    subjudul(teks("eva_cakupan_judul", bahasa))
    c = hasil.cakupan
    tabel([teks(k, bahasa) for k in ("eva_kol_pilar", "eva_kol_cakupan_kabupaten", "eva_kol_cakupan_desa",
                                     "eva_kol_data_terlama", "eva_kol_indikator_usang", "eva_kol_program_melapor")],
          [[np_.get(r.pilar, r.pilar), angka(r.cakupan_kabupaten, 0, bahasa), angka(r.cakupan_desa, 1, bahasa),
            r.data_terlama or (f"{r.data_tahunan_terlama} ({teks('eva_tahunan', bahasa)})"
                               if r.data_tahunan_terlama else "–"),
            str(r.indikator_usang), angka(r.program_melapor, 0, bahasa)]
           for r in c.itertuples()], (36, 27, 30, 30, 25, 32), 7.5)

    pdf.add_page()
    s = hasil.status_program
    telat = s[s["status"] == "terlambat"] if len(s) else s
    subjudul(f"{teks('eva_laporan_program_terlambat', bahasa)} ({len(telat)})")
    if len(telat):
        ya = teks("prg_ya", bahasa)
        tabel([teks(k, bahasa) for k in ("prg_kol_id_program", "prg_kol_nama", "prg_kol_opd", "prg_kol_target",
                                         "prg_kol_realisasi", "prg_kol_selisih", "prg_kol_lewat_jadwal")],
              [[r.id_program, r.nama, r.opd, f1(r.target_persen), f1(r.realisasi_persen), f1(r.selisih),
                ya if r.lewat_jadwal else ""]
               for r in telat.sort_values("selisih").head(20).itertuples()], (17, 55, 36, 18, 20, 18, 16), 7.5)
    else:
        paragraf(teks("prg_tanpa_terlambat", bahasa), 8)

    subjudul(teks("eva_bukti_judul", bahasa))
    b = hasil.bukti
    baris = []
    for r in hasil.matriks.itertuples():
        sel = b[(b["pilar"] == r.pilar) & (b["dimensi"] == r.dimensi)]
        ind = ", ".join(sel.loc[sel["jenis_bukti"] == "indikator", "id"])
        prg = ", ".join(sel.loc[sel["jenis_bukti"] == "program", "id"])
        baris.append([np_.get(r.pilar, r.pilar), nd[r.dimensi], f1(_skor(r.skor)),
                      ind or ("–" if prg else teks("eva_ket_tanpa_bukti", bahasa)), prg or "–"])
    tabel([teks(k, bahasa) for k in ("eva_kol_pilar", "eva_kol_dimensi", "eva_kol_skor", "eva_jenis_indikator",
                                     "eva_jenis_program")], baris, (32, 20, 16, 78, 34), 7)

    subjudul(teks("eva_laporan_crosswalk", bahasa))
    cw = crosswalk_u4ssc(kerangka, bahasa, pengaturan)
    cw = cw[cw["tingkat"] == "pilar"]
    tabel([teks(k, bahasa) for k in ("eva_kol_pilar", "eva_kol_u4ssc_dimensi", "eva_kol_u4ssc_sub",
                                     "eva_kol_u4ssc_kategori", "eva_kol_kpi", "eva_kol_kecocokan")],
          [[r.pilar_nama, r.u4ssc_dimensi, r.u4ssc_sub, r.u4ssc_kategori or "–", r.kpi_u4ssc or "–",
            teks(f"eva_kecocokan_{r.kecocokan}", bahasa)] for r in cw.itertuples()], (30, 24, 38, 28, 38, 22), 7.5)
    return bytes(pdf.output())
