"""Tables as pages show and export them: (export, display) pairs with headers in the reader's language.

The export keeps numbers as numbers; the display writes them through the one formatter.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.dasar.format import angka, format_selisih
from indicators.dasar.label import teks
from indicators.skor.kerangka import Kerangka


def tabel_tampil(df: pd.DataFrame, kolom: Mapping[str, tuple[str, int | None]], bahasa: str = "id",
                 kosong: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) copies of ``df`` with ``kolom`` (column → (header, decimals or None for text)).

    The export keeps numbers as numbers, the decimals shown in ``attrs["desimal"]`` (a spreadsheet can
    compute; a missing score stays empty, never 0); the display writes them in the reader's format and
    a missing number as ``kosong`` (default "data tidak cukup"). Same rows, same order, same headers.

    >>> e, d = tabel_tampil(pd.DataFrame({"n": ["a", "b"], "x": [61.25, np.nan]}), {"n": ("Nama", None),
    ...                     "x": ("Indeks", 1)}, "id")
    >>> e["Indeks"].tolist()[0], d.values.tolist()
    (61.25, [['a', '61,3'], ['b', 'data tidak cukup']])
    """
    kosong = teks("rk_data_tidak_cukup", bahasa) if kosong is None else kosong
    ekspor = pd.DataFrame({judul: df[k].to_numpy() for k, (judul, _) in kolom.items()})
    tampil = ekspor.copy()
    # the decimals shown travel with the export: CSV/XLSX round to them (indicators.laporan.ekspor)
    ekspor.attrs["desimal"] = {judul: d for judul, d in kolom.values() if d is not None}
    for judul, desimal in kolom.values():
        if desimal is None:
            tampil[judul] = [("" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v))
                             for v in ekspor[judul]]
        else:  # each distinct value formatted once (Babel costs ~0.1 ms a call; 311 villages × 10 columns)
            nilai = pd.Series(ekspor[judul].to_numpy(), dtype=object)
            ada = ~nilai.isna().to_numpy()
            posisi, unik = pd.factorize(nilai[ada])
            teks_ = np.full(len(nilai), kosong, dtype=object)
            teks_[ada] = np.array([angka(v, desimal, bahasa) for v in unik], dtype=object)[posisi]
            tampil[judul] = teks_
    return ekspor, tampil


def tabel_kecamatan(df: pd.DataFrame, bahasa: str = "id", kerangka: Kerangka | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of a kecamatan/village score table (the core's ``skor`` with ``nama``;
    ``selisih`` optional): rank, name, code, index, change, maturity, six pillars, coverage."""
    from indicators.skor.kerangka import muat_kerangka

    k = kerangka or muat_kerangka()
    t = df.copy()
    t["kematangan_teks"] = [v if isinstance(v, str) and v else teks("rk_data_tidak_cukup", bahasa)
                            for v in t[f"kematangan_{bahasa}"]]
    kolom = {"peringkat": (teks("rk_peringkat", bahasa), 0), "nama": (teks("rk_nama", bahasa), None),
             "kode_wilayah": (teks("rk_kode", bahasa), None), "indeks": (teks("indeks", bahasa), 1)}
    if "selisih" in t:
        kolom["selisih"] = (teks("rk_perubahan", bahasa), 1)
    kolom["kematangan_teks"] = (teks("rk_kematangan", bahasa), None)
    kolom |= {p.id: (p.nama[bahasa], 1) for p in k.pilar}
    kolom["cakupan"] = (teks("rk_cakupan_data", bahasa) + " (%)", 0)
    ekspor, tampil = tabel_tampil(t, kolom, bahasa)
    judul_rank = teks("rk_peringkat", bahasa)
    tampil[judul_rank] = [s if s != teks("rk_data_tidak_cukup", bahasa) else "–" for s in tampil[judul_rank]]
    if "selisih" in t:
        tampil[teks("rk_perubahan", bahasa)] = [format_selisih(v, bahasa) for v in t["selisih"]]
    return ekspor, tampil


def tabel_peringkat(t: pd.DataFrame, bahasa: str = "id", satuan: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of the Pilar page's ranking, best first; the columns present in ``t`` are
    shown: ``peringkat, nama, kode_wilayah, kecamatan, skor, nilai`` (raw, headed with ``satuan``),
    ``peringkat_median, peringkat_p05, peringkat_p95, tumpang_tindih, naik, cakupan``.

    >>> t = pd.DataFrame({"peringkat": pd.array([2, 1, None], dtype="Int64"), "nama": ["A", "B", "C"],
    ...                   "kode_wilayah": ["a", "b", "c"], "skor": [50.0, 70.0, np.nan]})
    >>> tabel_peringkat(t, "en")[1].values.tolist()
    [['1', 'B', 'b', '70.0'], ['2', 'A', 'a', '50.0'], ['–', 'C', 'c', 'insufficient data']]
    """
    t = t.sort_values(["peringkat", "kode_wilayah"], na_position="last", kind="stable")
    kolom = {"peringkat": (teks("rk_peringkat", bahasa), None), "nama": (teks("rk_nama", bahasa), None),
             "kode_wilayah": (teks("rk_kode", bahasa), None), "kecamatan": (teks("kecamatan", bahasa), None),
             "skor": (teks("rk_skor_0_100", bahasa), 1),
             "nilai": (f"{teks('rk_nilai_asli', bahasa)} ({satuan})" if satuan else teks("rk_nilai_asli", bahasa), 2),
             "peringkat_median": (teks("rk_peringkat_median", bahasa), None),
             "peringkat_p05": (teks("rk_peringkat_p05", bahasa), None),
             "peringkat_p95": (teks("rk_peringkat_p95", bahasa), None),
             "tumpang_tindih": (teks("rk_tumpang_tindih_kolom", bahasa), None),
             "naik": (teks("rk_naik_kolom", bahasa), None),
             "cakupan": (teks("rk_cakupan_data", bahasa) + " (%)", 0)}   # whole numbers: written below
    ekspor, tampil = tabel_tampil(t, {k: v for k, v in kolom.items() if k in t}, bahasa)
    for k in ("peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95", "tumpang_tindih", "naik"):
        if k in t:
            tampil[kolom[k][0]] = ["–" if pd.isna(v) else (format_selisih(v, bahasa, 0) if k == "naik" else str(int(v)))
                                   for v in t[k]]
    return ekspor, tampil


def _per_nilai(s: pd.Series, tulis, kosong: str) -> np.ndarray:
    """``tulis`` applied once per distinct value of ``s`` (a complaints table repeats its values across
    hundreds of thousands of rows), ``kosong`` where missing."""
    try:
        kode, unik = pd.factorize(s, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists): written one by one
        return np.array([kosong if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else tulis(v)
                         for v in s], dtype=object)
    teks_ = np.array([tulis(v) for v in unik] + [kosong], dtype=object)
    return teks_[kode]  # the sentinel -1 picks the last entry: kosong


def tabel_layar(df: pd.DataFrame, bahasa: str = "id", judul: Mapping[str, str] | None = None,
                desimal: Mapping[str, int] | None = None, kode_wilayah: str | None = None,
                kosong: str = "–") -> pd.DataFrame:
    """A table for ``st.dataframe`` whose every cell is text from the one formatter: numbers with the
    reader's separators (floats with ``desimal[col]`` decimals, default 1; integers whole), dates as
    :func:`~indicators.dasar.format.tanggal` (a time of day as :func:`~indicators.dasar.format.waktu`
    in ``kode_wilayah``'s zone), a missing value as ``kosong``; headers renamed by ``judul`` (columns
    not in it keep their header). Years (integer columns named ``tahun…``) stay unseparated.

    >>> import datetime as dt
    >>> t = pd.DataFrame({"n": [1234, None], "x": [3.75, np.nan], "d": [dt.datetime(2026, 10, 1), None],
    ...                   "tahun": [2025, 2026], "s": ["a", None]})
    >>> tabel_layar(t.astype({"n": "Int64"}), "id", {"n": "Jumlah"}).values.tolist()
    [['1.234', '3,8', '1 Oktober 2026', '2025', 'a'], ['–', '–', '–', '2026', '–']]
    """
    from indicators.dasar.format import tanggal, waktu_seri

    desimal = desimal or {}
    out = pd.DataFrame(index=df.index)
    for k in df.columns:
        s = df[k]
        jenis = s.dtype.kind
        if jenis == "b" or s.dtype == "boolean":
            teks_ = _per_nilai(s, lambda v: teks("rk_ya" if v else "rk_tidak", bahasa), kosong)
        elif jenis in "iu" or str(s.dtype) in ("Int64", "Int32", "Int16", "UInt8"):
            tahun = str(k).startswith("tahun")
            teks_ = _per_nilai(s, lambda v, tahun=tahun: str(int(v)) if tahun else angka(int(v), 0, bahasa), kosong)
        elif jenis == "f":
            d = desimal.get(k, 1)
            teks_ = _per_nilai(s, lambda v, d=d: angka(v, d, bahasa), kosong)
        elif jenis == "M":
            ada_jam = bool(((s.dt.hour != 0) | (s.dt.minute != 0)).fillna(False).any())
            if ada_jam and kode_wilayah:
                teks_ = waktu_seri(s, kode_wilayah, bahasa).fillna(kosong).to_numpy()
            else:
                teks_ = _per_nilai(s.dt.normalize(), lambda v: tanggal(v, bahasa), kosong)
        else:
            teks_ = _per_nilai(s, str, kosong)
        out[k] = teks_
    return out.rename(columns=dict(judul or {}))
