"""The one loader per upload format (CSV, XLSX; boundary files): size and type checked before any parsing.

Every cell comes back as text; typing and validation are the schema's job (``indicators.data.skema``).
Boundary files (GeoJSON, GeoPackage, zipped Shapefile) are checked here the same way
(:func:`periksa_berkas_batas`) and then read by :func:`indicators.wilayah.batas.baca_batas`.

>>> baca_tabel(b"a;b\\n1;2\\n", "x.csv").to_dict("records")
[{'a': '1', 'b': '2'}]
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from indicators.dasar.pengaturan import ambil

FORMAT = (".csv", ".xlsx")
FORMAT_BATAS = (".geojson", ".json", ".gpkg", ".zip")
_ZIP = b"PK\x03\x04"
_SQLITE = b"SQLite format 3\x00"
# CSV files from this size on are parsed by Arrow (much faster on monthly exports of 100k+ rows).
_BESAR_PYARROW = 1024 * 1024
# A zipped Shapefile may unpack to at most this many times the upload limit (a "zip bomb" guard).
_RASIO_ZIP_MAKS = 10


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
        raise ValueError(
            "berkas berekstensi .csv tetapi isinya bukan teks CSV (mungkin berkas Excel yang diganti nama)"
        )
    return ext


def baca_tabel(
    sumber: bytes | str | Path, nama_berkas: str | None = None, batas_byte: int | None = None
) -> pd.DataFrame:
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
    ada_baris_kosong = "\n\n" in teks or "\n\r\n" in teks
    if len(isi) >= _BESAR_PYARROW and not ada_baris_kosong:
        # Arrow's parser reads a million complaint rows in ~2 s where pandas' own takes ~11 s; same
        # cells (all text, empty as ""). On anything it rejects, pandas' parser decides (and reports).
        try:
            return pd.read_csv(io.BytesIO(teks.encode("utf-8")), dtype=str, keep_default_na=False, sep=pemisah,
                               engine="pyarrow")
        except Exception:  # noqa: S110 — pyarrow raises many types; the fallback below reports
            pass
    try:
        df = pd.read_csv(io.StringIO(teks), dtype=str, keep_default_na=False, sep=pemisah, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ValueError(f"CSV tidak dapat dibaca: {e}") from None
    # Blank lines are dropped but keep their place: the index stays the data-row position, so a
    # report names the row as the officer sees it in the file (validasi numbers rows by the index).
    return df[~(df == "").all(axis=1)] if ada_baris_kosong else df


def periksa_berkas_batas(isi: bytes, nama_berkas: str, batas_byte: int | None = None) -> str:
    """Check a boundary upload before any parsing: extension, size, content type, and for a zip
    that it holds one Shapefile (``.shp`` with ``.shx`` and ``.dbf``) and unpacks to a sane size.
    Returns the extension or raises ValueError.

    >>> periksa_berkas_batas(b'{"type": "FeatureCollection", "features": []}', "batas.geojson")
    '.geojson'
    >>> periksa_berkas_batas(b"PK\\x03\\x04...", "batas.geojson")
    Traceback (most recent call last):
    ValueError: berkas berekstensi .geojson tetapi isinya bukan GeoJSON (mungkin berkas lain yang diganti nama)
    """
    ext = Path(nama_berkas).suffix.lower()
    if ext not in FORMAT_BATAS:
        raise ValueError(f"format berkas batas {ext or '(tanpa ekstensi)'} tidak didukung; "
                         "gunakan GeoJSON, GeoPackage (.gpkg) atau Shapefile dalam .zip")
    batas = _batas_byte() if batas_byte is None else batas_byte
    if len(isi) > batas:
        raise ValueError(f"berkas {len(isi):,} byte melebihi batas {batas:,} byte".replace(",", "."))
    if len(isi) == 0:
        raise ValueError("berkas kosong")
    if ext in (".geojson", ".json"):
        awal = isi[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        if not awal.startswith(b"{"):
            raise ValueError(f"berkas berekstensi {ext} tetapi isinya bukan GeoJSON "
                             "(mungkin berkas lain yang diganti nama)")
    elif ext == ".gpkg" and not isi.startswith(_SQLITE):
        raise ValueError("berkas berekstensi .gpkg tetapi isinya bukan GeoPackage")
    elif ext == ".zip":
        if not isi.startswith(_ZIP):
            raise ValueError("berkas berekstensi .zip tetapi isinya bukan arsip ZIP")
        try:
            with zipfile.ZipFile(io.BytesIO(isi)) as z:
                anggota = [i for i in z.infolist() if not i.is_dir()]
        except zipfile.BadZipFile as e:
            raise ValueError(f"arsip ZIP rusak: {e}") from None
        if sum(i.file_size for i in anggota) > _RASIO_ZIP_MAKS * batas:
            raise ValueError("isi arsip ZIP terlalu besar setelah dibuka")
        nama = [Path(i.filename) for i in anggota if not Path(i.filename).name.startswith(".")]
        shp = [n for n in nama if n.suffix.lower() == ".shp"]
        if len(shp) != 1:
            raise ValueError(f"arsip ZIP harus berisi tepat satu Shapefile (.shp), ditemukan {len(shp)}")
        akhiran = {n.suffix.lower() for n in nama if n.with_suffix("") == shp[0].with_suffix("")}
        kurang = sorted({".shx", ".dbf"} - akhiran)
        if kurang:
            raise ValueError(f"Shapefile {shp[0].name} tidak lengkap: {', '.join(kurang)} tidak ada dalam arsip")
    return ext
