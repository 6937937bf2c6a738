"""Which villages actually reported: the coverage the Ringkasan page and the briefing PDF state.

An index computed from the villages that sent data says nothing about the others. Per village
dataset of the briefing (``ringkasan.cakupan.dataset`` in ``data/kerangka.yaml``), a village has
reported for a month when the dataset holds at least one row of that month for it. The headline
coverage is the share of (village, dataset) pairs that reported; a dataset under
``ambang_tipis_persen`` makes the headline *thin* and the page and PDF say so.

>>> import pandas as pd
>>> data = {"layanan_permohonan": pd.DataFrame({"kode_wilayah": ["18.02.01.2001", "18.02.01.2002"],
...                                            "tanggal_masuk": pd.to_datetime(["2026-10-02", "2026-09-30"])})}
>>> c = cakupan_desa(data, "18.02", "2026-10", ["layanan_permohonan"])
>>> c[["dataset", "desa_melapor", "desa_total"]].values.tolist()
[['layanan_permohonan', 1, 311]]
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from indicators.dasar.format import angka, nama_periode, persen
from indicators.dasar.label import teks
from indicators.data.gudang_rencana import kolom_bulan
from indicators.wilayah.daftar import daftar_wilayah

KOLOM = ["dataset", "desa_melapor", "desa_total", "persen", "tersimulasi"]


def cakupan_desa(data: Mapping[str, pd.DataFrame], kode_kabupaten: str, periode: str, dataset: Iterable[str],
                 tersimulasi: Iterable[str] = ()) -> pd.DataFrame:
    """Per dataset: villages of the register with a row dated in ``periode``, of all villages; ``persen``
    0–100; ``tersimulasi`` when the dataset still holds demo rows."""
    desa = set(daftar_wilayah(kode_kabupaten, "desa")["kode_wilayah"])
    demo = set(tersimulasi)
    rows = []
    for nama in dataset:
        df = data.get(nama)
        kol = kolom_bulan(nama)
        n = 0
        if df is not None and len(df) and kol in df and "kode_wilayah" in df:
            w = df[kol]
            bulan = w.astype(str).str.slice(0, 7) if kol == "periode" else pd.to_datetime(w).dt.strftime("%Y-%m")
            n = len(set(df.loc[bulan == periode, "kode_wilayah"].dropna().astype(str)) & desa)
        rows.append({"dataset": nama, "desa_melapor": n, "desa_total": len(desa),
                     "persen": 100.0 * n / len(desa) if desa else float("nan"), "tersimulasi": nama in demo})
    return pd.DataFrame(rows, columns=KOLOM)


def cakupan_total(c: pd.DataFrame) -> float:
    """The headline: reported (village, dataset) pairs as a share of all pairs (0–100).

    >>> cakupan_total(pd.DataFrame({"desa_melapor": [6, 311], "desa_total": [311, 311]}))
    50.96...
    """
    total = c["desa_total"].sum()
    return float(100.0 * c["desa_melapor"].sum() / total) if total else float("nan")


def terendah(c: pd.DataFrame) -> pd.Series | None:
    """The dataset with the fewest reporting villages (the first when tied), or None."""
    return None if c.empty else c.sort_values("persen", kind="stable").iloc[0]


def tipis(c: pd.DataFrame, ambang_persen: float) -> pd.DataFrame:
    """Datasets whose coverage is under ``ambang_persen``: the headline is built on thin data."""
    return c[c["persen"] < ambang_persen]


def kalimat_tipis(c: pd.DataFrame, ambang_persen: float, periode: str, bahasa: str = "id") -> str | None:
    """"This index rests on thin data: Smart Netizen only 6 of 311 villages reported in October 2026." (or None)."""
    t = tipis(c, ambang_persen)
    if t.empty:
        return None
    bagian = [teks("rk_tipis_dataset", bahasa).format(dataset=teks(f"data_nama_{r.dataset}", bahasa),
                                                       n=angka(r.desa_melapor, 0, bahasa),
                                                       total=angka(r.desa_total, 0, bahasa))
              for r in t.itertuples()]
    return teks("rk_tipis", bahasa).format(rincian="; ".join(bagian), periode=nama_periode(periode, bahasa))


def kalimat_cakupan(c: pd.DataFrame, periode: str, bahasa: str = "id") -> str:
    """The data note's sentence: villages that reported per dataset in the period (real or simulated)."""
    bagian = [teks("rk_cakupan_dataset", bahasa).format(
        dataset=teks(f"data_nama_{r.dataset}", bahasa), n=angka(r.desa_melapor, 0, bahasa),
        total=angka(r.desa_total, 0, bahasa), persen=persen(r.persen, 0, bahasa))
        + (f" ({teks('rk_tersimulasi', bahasa)})" if r.tersimulasi else "") for r in c.itertuples()]
    return teks("rk_catatan_cakupan_desa", bahasa).format(periode=nama_periode(periode, bahasa),
                                                          rincian="; ".join(bagian))
