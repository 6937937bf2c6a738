"""Formula-safe exports (docs/mutu.md, keandalan 3), Indonesian formatting, labels in both languages."""
import csv
import io

import openpyxl
import pandas as pd
import pytest

from indicators.dasar import format as fmt
from indicators.dasar.label import BAHASA, semua_label, teks
from indicators.laporan.ekspor import ke_csv, ke_xlsx

BAHAYA = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_csv_teks_berbahaya_jadi_inert_angka_tetap_angka():
    df = pd.DataFrame({"teks": BAHAYA, "angka": [-3.5] * len(BAHAYA)})
    rows = list(csv.reader(io.StringIO(ke_csv(df).decode(), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + b for b in BAHAYA]
    assert {r[1] for r in rows[1:]} == {"-3.5"}


def test_xlsx_sel_string_bukan_rumus():
    df = pd.DataFrame({"teks": BAHAYA, "angka": [-3.5] * len(BAHAYA)})
    ws = openpyxl.load_workbook(io.BytesIO(ke_xlsx(df))).active
    sel = list(ws.iter_rows(min_row=2))
    # XML (and so XLSX) normalises a bare CR to LF when read back; the cell stays an inert string
    assert [r[0].value for r in sel] == [b.replace("\r", "\n") for b in BAHAYA]
    assert {r[0].data_type for r in sel} == {"s"}
    assert {r[1].value for r in sel} == {-3.5} and {r[1].data_type for r in sel} == {"n"}


@pytest.mark.parametrize(("fungsi", "args", "harapan"), [
    (fmt.angka, (1234567.891, 2), "1.234.567,89"),
    (fmt.angka, (1234567.891, 2, "en"), "1,234,567.89"),
    (fmt.angka, (0.5, 0), "1"),            # half-up, as by hand
    (fmt.angka, (float("nan"),), "–"),
    (fmt.persen, (63.25,), "63,3%"),
    (fmt.tanggal, ("2026-11-22",), "22 November 2026"),
    (fmt.tanggal, ("2026-08-17", "en"), "17 August 2026"),
    (fmt.nama_periode, ("2026-01",), "Januari 2026"),
])
def test_format_indonesia(fungsi, args, harapan):
    assert fungsi(*args) == harapan


def test_setiap_label_dua_bahasa():
    for kunci, v in semua_label().items():
        assert set(v) == set(BAHASA) and all(v[b].strip() for b in BAHASA), kunci


def test_label_halaman_terdaftar():
    import ast
    import pathlib
    pohon = ast.parse(pathlib.Path("app.py").read_text())
    kunci = [n.value for n in ast.walk(pohon) if isinstance(n, ast.Constant) and str(n.value).startswith("halaman_")]
    assert len(kunci) == 9  # eight pages for everyone and the admin page
    for k in kunci:
        assert teks(k, "id") and teks(k, "en")
