"""The review report: the PDF's text read back with pypdf, and the XLSX of underlying tables re-read with
openpyxl (formula-looking text stays a string cell, numbers stay numbers)."""
import datetime
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from indicators.dasar.format import angka
from indicators.evaluasi.pengaturan import muat_pengaturan
from indicators.evaluasi.susun import evaluasi
from indicators.laporan import evaluasi as lap
from indicators.skor.kerangka import DIMENSI, muat_kerangka
from tests.bantu import demo

TANGGAL = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def hasil():
    return evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")


def _teks_pdf(b: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b)).pages)


@pytest.mark.parametrize("bahasa, periode, dimensi", [
    ("id", "Oktober 2026", ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]),
    ("en", "October 2026", ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]),
])
def test_pdf_memuat_wilayah_periode_indeks_dan_tabel_dimensi(hasil, bahasa, periode, dimensi):
    b = lap.laporan_pdf(hasil, muat_kerangka(), muat_pengaturan(), "Kabupaten Lampung Tengah", bahasa,
                        tersimulasi=True, dibuat=TANGGAL)
    assert b.startswith(b"%PDF")
    t = _teks_pdf(b)
    assert "Kabupaten Lampung Tengah (18.02)" in t
    assert periode in t and "(2026-10)" in t
    judul = "Indeks capaian" if bahasa == "id" else "Achievement index"
    assert f"{judul}: {angka(hasil.indeks, 1, bahasa)}" in t
    # the dimension table: each dimension with its weight (%) and score, as the core computed them
    for r in hasil.dimensi.itertuples():
        nama = dimensi[list(DIMENSI).index(r.dimensi)]
        baris = f"{nama} {angka(r.bobot * 100, 0, bahasa)} {angka(r.skor, 1, bahasa)} {angka(r.kontribusi, 1, bahasa)}"
        assert baris in t, baris
    assert ("DATA TERSIMULASI" if bahasa == "id" else "SIMULATED DATA") in t
    # the evidence and the crosswalk are in the report too
    assert "gov_desa_lapor" in t and "U4SSC" in t


def test_pdf_tanpa_font_unicode_tetap_terbaca(hasil):
    b = lap.laporan_pdf(hasil, muat_kerangka(), muat_pengaturan(), "Kabupaten Lampung Tengah", "id",
                        dibuat=TANGGAL, font=None)
    t = _teks_pdf(b)
    assert "Kabupaten Lampung Tengah" in t and f"Indeks capaian: {angka(hasil.indeks, 1)}" in t
    assert "Pilar x dimensi" in t  # "×" written as "x" by the Latin-1 fallback
    assert "TERSIMULASI" not in t    # not demo data here: no simulated label


def test_pdf_deterministik(hasil):
    a = lap.laporan_pdf(hasil, muat_kerangka(), muat_pengaturan(), "Kab. X", "id", dibuat=TANGGAL)
    b = lap.laporan_pdf(hasil, muat_kerangka(), muat_pengaturan(), "Kab. X", "id", dibuat=TANGGAL)
    assert a == b


def test_pdf_indeks_tidak_cukup_ditulis_bukan_nol(hasil):
    kosong = hasil.__class__(**{**hasil.__dict__, "indeks": float("nan")})
    t = _teks_pdf(lap.laporan_pdf(kosong, muat_kerangka(), muat_pengaturan(), "Kab. X", "id", dibuat=TANGGAL))
    assert "Indeks capaian: bukti tidak cukup" in t


def test_xlsx_tabel_pendukung_dibaca_ulang(hasil):
    # a programme name a spreadsheet would run as a formula
    s = hasil.status_program.copy()
    s.loc[s.index[0], "nama"] = '=HYPERLINK("http://x","klik")'
    h = hasil.__class__(**{**hasil.__dict__, "status_program": s})
    t = lap.tabel_evaluasi(h, muat_kerangka(), muat_pengaturan(), "id")
    wb = load_workbook(io.BytesIO(lap.xlsx_tabel(t.untuk_xlsx())))
    assert wb.sheetnames == ["dimensi", "pilar_x_dimensi", "indeks_pilar", "bukti", "sel_tanpa_bukti",
                             "cakupan_data", "program", "u4ssc"]
    dim = list(wb["dimensi"].values)
    assert dim[0][:4] == ("Dimensi", "Bobot (%)", "Nilai (0–100)", "Kontribusi (poin)")
    assert [r[1] for r in dim[1:]] == pytest.approx([10, 20, 30, 30, 10])   # numbers, not text
    assert [r[2] for r in dim[1:]] == pytest.approx(hasil.dimensi["skor"].tolist())
    assert len(list(wb["pilar_x_dimensi"].values)) == 1 + 30
    prog = wb["program"]
    sel = [c for row in prog.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPER")]
    assert len(sel) == 1 and sel[0].data_type == "s"
    u = list(wb["u4ssc"].values)
    assert len(u) == 1 + len(muat_kerangka().pilar) + len(muat_kerangka().indikator)


def test_xlsx_nama_lembar_buruk():
    with pytest.raises(ValueError, match="nama lembar"):
        lap.xlsx_tabel({"a/b": pd.DataFrame({"x": [1]})})
    with pytest.raises(ValueError, match="tidak ada tabel"):
        lap.xlsx_tabel({})


def test_tabel_evaluasi_saring_pilar_dan_dua_bahasa(hasil):
    k, a = muat_kerangka(), muat_pengaturan()
    t = lap.tabel_evaluasi(hasil, k, a, "en", pilar=["living"])
    bukti = t.bukti[0]
    assert set(bukti["Pillar"]) == {"Smart Living"}
    assert len(bukti) == int((hasil.bukti["pilar"] == "living").sum())
    assert set(t.crosswalk[0]["Pillar"]) == {"Smart Living"}
    # display copies write numbers the reader's way; exports keep them as numbers
    d_e, d_t = t.dimensi
    assert d_e["Weight (%)"].tolist() == pytest.approx([10, 20, 30, 30, 10])
    assert all(re.fullmatch(r"\d+(\.\d)?", v) for v in d_t["Score (0–100)"])
    assert t.pilar[0].columns.tolist()[1:6] == ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]
