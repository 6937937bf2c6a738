"""The one loader per upload format (CSV, XLSX): size and type checked before any parsing.

Every cell comes back as text; typing and validation are the schema's job (``indicators.skema``).

>>> baca_tabel(b"a;b\\n1;2\\n", "x.csv").to_dict("records")
[{'a': '1', 'b': '2'}]
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from indicators.pengaturan import ambil

FORMAT = (".csv", ".xlsx")
_ZIP = b"PK\x03\x04"


def _batas_byte() -> int:
    return int(ambil("batas_unggah_mb")) * 1024 * 1024


def periksa_berkas(isi: bytes, nama_berkas: str, batas_byte: int | None = None) -> str:
    """Check extension, size and content type; return the format (``.csv``/``.xlsx``) or raise ValueError."""
    ext = Path(nama_berkas).suffix.lower()
    if ext not in FORMAT:
        raise ValueError(f"format berkas {ext or '(tanpa ekstensi)'} tidak didukung; gunakan CSV atau XLSX")
    batas = _batas_byte() if batas_byte is None else batas_byte
    if len(isi) > batas:
        raise ValueError(f"berkas {len(isi):,} byte melebihi batas {batas:,} byte".replace(",", "."))
    if len(isi) == 0:
        raise ValueError("berkas kosong")
    if ext == ".xlsx" and not isi.startswith(_ZIP):
        raise ValueError("berkas berekstensi .xlsx tetapi isinya bukan berkas Excel (XLSX)")
    if ext == ".csv" and (isi.startswith(_ZIP) or b"\x00" in isi[:4096]):
        raise ValueError("berkas berekstensi .csv tetapi isinya bukan teks CSV (mungkin berkas Excel yang diganti nama)")
    return ext


def baca_tabel(sumber: bytes | str | Path, nama_berkas: str | None = None, batas_byte: int | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX upload into a frame of text cells (empty cells are ``""``)."""
    if isinstance(sumber, (str, Path)):
        nama_berkas = nama_berkas or str(sumber)
        isi = Path(sumber).read_bytes()
    else:
        isi = sumber
    ext = periksa_berkas(isi, nama_berkas or "", batas_byte)
    if ext == ".xlsx":
        df = pd.read_excel(io.BytesIO(isi), dtype=str, engine="openpyxl").fillna("")
        return df
    for kodek in ("utf-8-sig", "cp1252"):
        try:
            teks = isi.decode(kodek)
            break
        except UnicodeDecodeError:
            continue
    try:
        pemisah = csv.Sniffer().sniff(teks[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        pemisah = ","
    try:
        return pd.read_csv(io.StringIO(teks), dtype=str, keep_default_na=False, sep=pemisah)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ValueError(f"CSV tidak dapat dibaca: {e}") from None
