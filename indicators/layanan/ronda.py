"""Ronda Online: patrol regularity, incidents by category and time of day, response time, participation,
incidents per village (aggregated: never a point per home).

Patrol regularity is the core's ``soc_ronda_rutin``: the share of nights with at least one patrol report,
among the villages that used Ronda Online in the period; a report belongs to the night of its time
minus 12 hours (``malam``, :mod:`indicators.skor.turunan`). Response times are the rows of the core's
``soc_respon_kejadian``.

>>> waktu_hari(pd.Series(pd.to_datetime(["2026-10-01 02:30", "2026-10-01 19:00"]))).tolist()
['dini_hari', 'malam']
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.layanan import nilai as layanan
from indicators.skor.hitung import hitung_nilai
from indicators.skor.kerangka import Kerangka


def waktu_hari(waktu: pd.Series, bagian: Mapping[str, list] | None = None) -> pd.Series:
    """The time-of-day bucket (``data/layanan.yaml`` ``waktu_hari``) of each time."""
    bagian = bagian or layanan.deklarasi()["waktu_hari"]
    jam = pd.to_datetime(waktu).dt.hour.to_numpy()
    out = np.full(len(jam), None, dtype=object)
    for nama, (dari, sampai) in bagian.items():
        out[(jam >= dari) & (jam < sampai)] = nama
    return pd.Series(out, index=waktu.index, dtype=object)


def dalam_bulan(df: pd.DataFrame, kolom: str, bulan: list[str]) -> pd.DataFrame:
    """Rows whose ``kolom`` falls in one of the months ``bulan``."""
    return df[pd.to_datetime(df[kolom]).dt.strftime("%Y-%m").isin(bulan)]


def kejadian_per_kategori(ronda: pd.DataFrame, bulan: list[str]) -> pd.DataFrame:
    """Incident reports (``jenis`` kejadian) of the months by ``kategori`` and time of day: long form
    ``kategori, waktu_hari, jumlah``.

    >>> r = pd.DataFrame({"jenis": ["kejadian", "kejadian", "patroli"],
    ...                   "kategori": ["pencurian"] * 2 + ["patroli_rutin"],
    ...                   "waktu": pd.to_datetime(["2026-10-01 01:00", "2026-10-02 01:30", "2026-10-02 22:00"])})
    >>> kejadian_per_kategori(r, ["2026-10"]).values.tolist()
    [['pencurian', 'dini_hari', 2]]
    """
    k = dalam_bulan(ronda[ronda["jenis"].astype(str) == "kejadian"], "waktu", bulan)
    if k.empty:
        return pd.DataFrame(columns=["kategori", "waktu_hari", "jumlah"])
    g = k.assign(waktu_hari=waktu_hari(k["waktu"]), kategori=k["kategori"].astype(str))
    return g.groupby(["kategori", "waktu_hari"]).size().rename("jumlah").reset_index()


def respon_per_kategori(rows_respon: pd.DataFrame) -> pd.DataFrame:
    """Response time per incident category, then a row ``semua`` (= the indicator's median): ``kategori,
    kejadian, median_menit, p90_menit``, from the rows of ``soc_respon_kejadian``."""
    hasil = []
    kategori = sorted(rows_respon["kategori"].astype(str).unique()) if len(rows_respon) else []
    kelompok = [(k, rows_respon[rows_respon["kategori"].astype(str) == k]) for k in kategori]
    for k, b in [*kelompok, ("semua", rows_respon)]:
        x = pd.to_numeric(b["_x"], errors="coerce").astype(float) if len(b) else pd.Series(dtype=float)
        hasil.append({"kategori": k, "kejadian": len(x), "median_menit": float(x.median()) if len(x) else np.nan,
                      "p90_menit": float(x.quantile(0.9)) if len(x) else np.nan})
    return pd.DataFrame(hasil)


def partisipasi(ronda: pd.DataFrame, bulan: list[str]) -> pd.DataFrame:
    """Patrols per month: ``periode, laporan_patroli, malam_patroli`` (village-nights with a patrol),
    ``desa`` (villages reporting), ``peserta`` (total participants), ``peserta_rata`` (per patrol report).

    >>> r = pd.DataFrame({"kode_wilayah": ["a", "a", "b"], "jenis": "patroli", "jumlah_peserta": [4, 6, 5],
    ...     "waktu": pd.to_datetime(["2026-10-01 22:00", "2026-10-02 01:00", "2026-10-03 23:00"])})
    >>> r["malam"] = (r["waktu"] - pd.Timedelta(hours=12)).dt.normalize()
    >>> partisipasi(r, ["2026-10"]).iloc[0, 1:].astype(float).tolist()
    [3.0, 2.0, 2.0, 15.0, 5.0]
    """
    p = ronda[ronda["jenis"].astype(str) == "patroli"]
    p = p.assign(periode=pd.to_datetime(p["malam"]).dt.strftime("%Y-%m"))
    p = p[p["periode"].isin(bulan)]
    if p.empty:
        return pd.DataFrame(columns=["periode", "laporan_patroli", "malam_patroli", "desa", "peserta", "peserta_rata"])
    peserta = pd.to_numeric(p["jumlah_peserta"], errors="coerce").astype(float)
    g = p.assign(_peserta=peserta).groupby("periode")
    out = pd.DataFrame({
        "laporan_patroli": g.size(),
        "malam_patroli": g.apply(lambda d: len(d[["kode_wilayah", "malam"]].drop_duplicates()), include_groups=False),
        "desa": g["kode_wilayah"].nunique(), "peserta": g["_peserta"].sum().round().astype(int),
        "peserta_rata": g["_peserta"].mean()}).reset_index()
    return out


def keteraturan_bulanan(data: Mapping[str, pd.DataFrame], kode_kabupaten: str, tingkat: str, bulan: list[str],
                        kerangka: Kerangka | None = None) -> pd.DataFrame:
    """``soc_ronda_rutin`` of every unit of ``tingkat`` for each month (the core's computation, one
    month at a time): rows = unit codes, columns = months."""
    k = layanan.kerangka_layanan(1, kerangka)
    k = k.tanpa({i.id for i in k.indikator} - {"soc_ronda_rutin"})
    ronda = data.get("ronda_laporan")
    if ronda is not None and len(ronda):   # only the months asked for (and the night before the first)
        t = pd.to_datetime(ronda["waktu"])
        ronda = ronda[(t >= layanan.akhir_periode(bulan[0]) - pd.offsets.MonthBegin(1) - pd.Timedelta(days=1))
                      & (t < layanan.akhir_periode(bulan[-1]) + pd.Timedelta(days=1))]
    d = {"ronda_laporan": ronda}
    return pd.DataFrame({b: hitung_nilai(d, k, kode_kabupaten, tingkat, b)["soc_ronda_rutin"] for b in bulan})


def kejadian_per_desa(ronda: pd.DataFrame, bulan: list[str]) -> pd.DataFrame:
    """Incidents per village in the months (aggregated; no location finer than the village):
    ``kode_wilayah, kejadian, kategori_terbanyak``."""
    k = dalam_bulan(ronda[ronda["jenis"].astype(str) == "kejadian"], "waktu", bulan)
    if k.empty:
        return pd.DataFrame(columns=["kode_wilayah", "kejadian", "kategori_terbanyak"])
    kode = k["kode_wilayah"].astype(str)
    top = k.groupby([kode, k["kategori"].astype(str)]).size().rename("n").reset_index()
    top = top.sort_values(["kode_wilayah", "n", "kategori"], ascending=[True, False, True])
    top = top.drop_duplicates("kode_wilayah").rename(columns={"kategori": "kategori_terbanyak"})
    jumlah = kode.value_counts().rename("kejadian").rename_axis("kode_wilayah").reset_index()
    return jumlah.merge(top[["kode_wilayah", "kategori_terbanyak"]], on="kode_wilayah")


def pengguna(ronda: pd.DataFrame, bulan: list[str]) -> set[str]:
    """Villages with any Ronda Online report in the months (by the night a report belongs to, as the
    core's regularity denominator)."""
    r = ronda.assign(_b=pd.to_datetime(ronda["malam"]).dt.strftime("%Y-%m"))
    return set(r.loc[r["_b"].isin(bulan), "kode_wilayah"].astype(str))
