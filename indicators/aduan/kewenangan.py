"""Road authority: who must act. Complaints, open backlog, overdue and "not our road" per authority and road.

Counts of complaints are duplicate groups (``kelompok``, see :mod:`indicators.aduan.duplikat`), so a
pothole reported five times is one complaint in the backlog; ``laporan`` counts every report.
"""
from __future__ import annotations

import pandas as pd

from indicators.aduan.aturan import URUTAN_KEWENANGAN, label_kategori


def per_kewenangan(df: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """The authority split of a :func:`siapkan` frame, every authority listed.

    ``laporan`` (reports), ``aduan`` and ``terbuka`` (unique complaints, all and open),
    ``persen_terbuka`` (share of the open backlog), ``terlambat``, ``bukan_kewenangan`` (reports
    closed as "not our road") and ``persen_bukan_kewenangan`` (of all reports on those roads).
    """
    kew = df["status_jalan"].astype(str)
    buka = df[df["terbuka"]]

    def unik(d: pd.DataFrame) -> pd.Series:
        return d.groupby(d["status_jalan"].astype(str))["kelompok"].nunique().reindex(URUTAN_KEWENANGAN, fill_value=0)

    laporan = kew.value_counts().reindex(URUTAN_KEWENANGAN, fill_value=0)
    bk = kew[df["status"].astype(str) == "bukan_kewenangan"].value_counts().reindex(URUTAN_KEWENANGAN, fill_value=0)
    terbuka = unik(buka)
    out = pd.DataFrame({
        "status_jalan": URUTAN_KEWENANGAN,
        "kewenangan": [label_kategori("kewenangan", bahasa)[k] for k in URUTAN_KEWENANGAN],
        "laporan": laporan.to_numpy(), "aduan": unik(df).to_numpy(), "terbuka": terbuka.to_numpy(),
        "persen_terbuka": (terbuka / max(terbuka.sum(), 1) * 100).to_numpy(),
        "terlambat": unik(df[df["terlambat"]]).to_numpy(), "bukan_kewenangan": bk.to_numpy(),
        "persen_bukan_kewenangan": (bk / laporan.where(laporan > 0) * 100).to_numpy(),
    })
    return out


def per_ruas(df: pd.DataFrame, bahasa: str = "id", n: int | None = None) -> pd.DataFrame:
    """Hot spots by road: unique complaints, open backlog, overdue and "not our road" per ``nama_ruas``.

    Sorted by open backlog, then all complaints; ``n`` keeps the first ``n`` roads.
    """
    g = df.groupby("nama_ruas", observed=True)
    buka = df[df["terbuka"]].groupby("nama_ruas", observed=True)["kelompok"].nunique()
    lambat = df[df["terlambat"]].groupby("nama_ruas", observed=True)["kelompok"].nunique()
    bk = df[df["status"].astype(str) == "bukan_kewenangan"].groupby("nama_ruas", observed=True).size()
    out = pd.DataFrame({
        "status_jalan": g["status_jalan"].first().astype(str), "laporan": g.size(), "aduan": g["kelompok"].nunique(),
        "terbuka": buka, "terlambat": lambat, "bukan_kewenangan": bk,
        "dukungan": g["dukungan"].sum() if "dukungan" in df else 0,
    }).fillna({"terbuka": 0, "terlambat": 0, "bukan_kewenangan": 0})
    for k in ("laporan", "aduan", "terbuka", "terlambat", "bukan_kewenangan", "dukungan"):
        out[k] = out[k].astype(int)
    out["persen_bukan_kewenangan"] = out["bukan_kewenangan"] / out["laporan"] * 100
    out.insert(1, "kewenangan", out["status_jalan"].map(label_kategori("kewenangan", bahasa)))
    out = out.rename_axis("nama_ruas").reset_index()
    out = out.sort_values(["terbuka", "aduan", "nama_ruas"], ascending=[False, False, True], ignore_index=True)
    return out.head(n) if n else out
