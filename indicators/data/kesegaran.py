"""Data freshness per dataset: first and last month present, months without rows, and for village
datasets the villages without data or with months missing.

>>> import pandas as pd
>>> b = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"] * 2, "bulan": ["2026-01", "2026-03"]})
>>> bulan_hilang(b, "18.02").set_index("kode_wilayah").loc["18.02.01.2001", "bulan_hilang"]
'2026-02'
"""
from __future__ import annotations

import pandas as pd

from indicators.data import skema as _skema
from indicators.data.gudang_rencana import kolom_bulan
from indicators.wilayah.daftar import daftar_wilayah


def _rentang(awal: str, akhir: str) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(awal, akhir, freq="M")]


def kesegaran(gudang, kode_kabupaten: str) -> pd.DataFrame:
    """Data freshness per dataset: first and last month present, months without any row in between,
    and for village datasets how many villages have no row at all or miss months.

    Columns ``dataset, bulan_pertama, bulan_terakhir, bulan_kosong, desa_dengan_data, desa_tanpa_data,
    desa_bulan_hilang``; datasets without a time column show only their last import elsewhere.
    """
    desa = set(daftar_wilayah(kode_kabupaten, "desa")["kode_wilayah"])
    rows = []
    for nama in _skema.muat_skema():
        if kolom_bulan(nama) is None:
            continue
        b = gudang.bulan_per_desa(nama)
        r = {"dataset": nama, "bulan_pertama": None, "bulan_terakhir": None, "bulan_kosong": 0,
             "desa_dengan_data": None, "desa_tanpa_data": None, "desa_bulan_hilang": None}
        if len(b):
            semua = _rentang(b["bulan"].min(), b["bulan"].max())
            r.update(bulan_pertama=semua[0], bulan_terakhir=semua[-1],
                     bulan_kosong=len(set(semua) - set(b["bulan"])))
            if "kode_wilayah" in _skema.skema(nama).kolom:
                per = bulan_hilang(b, kode_kabupaten)
                r.update(desa_dengan_data=int((per["bulan_ada"] > 0).sum()),
                         desa_tanpa_data=int((per["bulan_ada"] == 0).sum()),
                         desa_bulan_hilang=int(((per["bulan_ada"] > 0) & (per["jumlah_hilang"] > 0)).sum()))
        elif "kode_wilayah" in _skema.skema(nama).kolom:
            r.update(desa_dengan_data=0, desa_tanpa_data=len(desa))
        rows.append(r)
    return pd.DataFrame(rows)


def bulan_hilang(bulan_desa: pd.DataFrame, kode_kabupaten: str) -> pd.DataFrame:
    """Months missing per village between the dataset's first and last month.

    ``bulan_desa``: distinct ``kode_wilayah, bulan`` pairs (:meth:`Gudang.bulan_per_desa`). One row per
    village of the register: ``kode_wilayah, nama, bulan_ada, bulan_terakhir, jumlah_hilang,
    bulan_hilang`` (the missing months, comma-separated), most missing first.

    >>> b = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"] * 2, "bulan": ["2026-01", "2026-03"]})
    >>> h = bulan_hilang(b, "18.02").set_index("kode_wilayah")
    >>> h.loc["18.02.01.2001", "bulan_hilang"], int(h.loc["18.02.01.2002", "jumlah_hilang"])
    ('2026-02', 3)
    """
    reg = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "nama"]]
    b = bulan_desa.dropna(subset=["bulan"])
    semua = _rentang(b["bulan"].min(), b["bulan"].max()) if len(b) else []
    ada = b[b["kode_wilayah"].isin(reg["kode_wilayah"])].groupby("kode_wilayah")["bulan"].agg(set)
    out = reg.copy()
    bulan = out["kode_wilayah"].map(ada)
    out["bulan_ada"] = bulan.map(lambda s: len(s) if isinstance(s, set) else 0)
    out["bulan_terakhir"] = bulan.map(lambda s: max(s) if isinstance(s, set) else None)
    hilang = bulan.map(lambda s: [m for m in semua if not (isinstance(s, set) and m in s)])
    out["jumlah_hilang"] = hilang.map(len)
    out["bulan_hilang"] = hilang.map(", ".join)
    return out.sort_values(["jumlah_hilang", "kode_wilayah"], ascending=[False, True], ignore_index=True)
