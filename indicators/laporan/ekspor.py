"""Exports of exactly what a page shows, safe against spreadsheet formula injection.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are written inert: prefixed with ``'`` in CSV, and stored as string cells in XLSX.
Numbers stay numbers (−3.5 is exported as −3.5).

>>> ke_csv(pd.DataFrame({"a": ["=HYPERLINK(1)", "ok"], "b": [-3.5, 2]})).decode().splitlines()
['a,b', "'=HYPERLINK(1),-3.5", 'ok,2.0']
"""
from __future__ import annotations

import io
import logging

import pandas as pd
from openpyxl import Workbook

log = logging.getLogger(__name__)
AWALAN_BAHAYA = ("=", "+", "-", "@", "\t", "\r")


def _teks_aman(v):
    if isinstance(v, str) and v.startswith(AWALAN_BAHAYA):
        return "'" + v
    return v


def _aman(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for k in out.columns:
        if out[k].dtype == object or pd.api.types.is_string_dtype(out[k]):
            out[k] = out[k].map(_teks_aman)
    return out


def ke_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes, formula-safe; CRLF rows (RFC 4180) so a CR inside a text is quoted, not a row break."""
    isi = _aman(df).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\r\n").encode("utf-8")
    log.info("ekspor csv: %d baris, %d kolom", len(df), len(df.columns))
    return isi


def ke_xlsx(df: pd.DataFrame, nama_lembar: str = "data") -> bytes:
    """XLSX bytes; every text value is a string cell, never a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = nama_lembar[:31]
    ws.append([str(k) for k in df.columns])
    for baris in df.itertuples(index=False):
        ws.append([None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else
                   (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v) for v in baris])
    for row in ws.iter_rows(min_row=1):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # a string cell: "=..." is shown, never evaluated
    buf = io.BytesIO()
    wb.save(buf)
    log.info("ekspor xlsx: %d baris, %d kolom", len(df), len(df.columns))
    return buf.getvalue()
