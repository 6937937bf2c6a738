"""Periods of the briefing: the months the data cover, the previous month, and the change since it.

>>> kini = pd.DataFrame({"kode_wilayah": ["a", "b"], "indeks": [60.0, np.nan]})
>>> lalu = pd.DataFrame({"kode_wilayah": ["a", "b"], "indeks": [57.5, 40.0]})
>>> selisih_periode(kini, lalu, ["indeks"])[["kode_wilayah", "selisih"]].values.tolist()
[['a', 2.5], ['b', nan]]
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from indicators.ringkasan.aturan import UKURAN


def daftar_periode(data: Mapping[str, pd.DataFrame], bulan_maks: int = 24) -> list[str]:
    """The months a page can offer, oldest first: from the earliest month of the dated datasets (at
    most ``bulan_maks`` months back) to the latest month of the data (``periode_terakhir``).

    >>> d = {"layanan_permohonan": pd.DataFrame({"tanggal_masuk": pd.to_datetime(["2026-08-03", "2026-10-01"])})}
    >>> daftar_periode(d)
    ['2026-08', '2026-09', '2026-10']
    """
    from indicators.data.gudang import kolom_bulan
    from indicators.skor.hitung import periode_terakhir

    akhir = periode_terakhir(data)
    awal = []
    for nama, df in data.items():
        if df is None or df.empty or nama == "aduan_jalan_riwayat":
            continue
        try:
            kol = kolom_bulan(nama)
        except ValueError:
            kol = "periode" if "periode" in df else None
        if kol and kol in df:
            t = df[kol].dropna()
            if len(t):
                awal.append(str(t.min())[:7] if kol == "periode" else pd.Timestamp(t.min()).strftime("%Y-%m"))
    bulan = pd.period_range(min([*awal, akhir]), akhir, freq="M").strftime("%Y-%m").tolist()
    return bulan[-bulan_maks:]


def periode_sebelumnya(periode: str) -> str:
    """The month before ``periode``.

    >>> periode_sebelumnya("2026-01")
    '2025-12'
    """
    from indicators.skor.konteks import geser_periode
    return geser_periode(periode, -1)


def selisih_periode(kini: pd.DataFrame, lalu: pd.DataFrame | None, kolom: Sequence[str] = UKURAN) -> pd.DataFrame:
    """Per unit and measure: ``nilai`` now, ``nilai_lalu`` and ``selisih`` (NaN when either is missing:
    a change is never computed against "insufficient data"). Rows in ``kini``'s order, then measure."""
    a = kini.set_index("kode_wilayah")
    b = lalu.set_index("kode_wilayah").reindex(a.index) if lalu is not None else None
    bagian = []
    for k in kolom:
        nilai = a[k].astype(float)
        sebelum = b[k].astype(float) if b is not None and k in b else pd.Series(np.nan, index=a.index)
        bagian.append(pd.DataFrame({"kode_wilayah": a.index, "ukuran": k, "nilai": nilai.to_numpy(),
                                    "nilai_lalu": sebelum.to_numpy(), "selisih": (nilai - sebelum).to_numpy()}))
    out = pd.concat(bagian, ignore_index=True)
    urut = {k: i for i, k in enumerate(a.index)}
    return out.sort_values(["kode_wilayah", "ukuran"], key=lambda s: s.map(urut) if s.name == "kode_wilayah"
                           else s.map({k: i for i, k in enumerate(kolom)}), kind="stable", ignore_index=True)
