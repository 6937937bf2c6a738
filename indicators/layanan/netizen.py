"""Smart Netizen: requests by month, service type and channel, processing time, service levels, backlog,
comparison per 1,000 people, ratings, and villages whose operator has not entered data.

Breakdowns group the rows the scoring core reads (:func:`indicators.layanan.nilai.baris`): a service type's
share within target is Σ on time / Σ due over the rows of ``gov_sla_layanan``, its median days the
median over the rows of ``gov_hari_proses`` — so the row of all types equals the indicator.

>>> b = pd.DataFrame({"jenis_layanan": ["surat_usaha"] * 4, "_x": [0.5, 1.0, 2.0, 4.0]})
>>> s = pd.DataFrame({"jenis_layanan": ["surat_usaha"] * 2, "_pembilang": [True, False]})
>>> w = waktu_proses(b, s, {"surat_usaha": 2})
>>> w.loc[0, ["median_hari", "p90_hari", "persen_tepat"]].tolist()
[1.5, 3.4000000000000004, 50.0]
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.layanan import nilai as layanan
from indicators.wilayah.daftar import daftar_wilayah

SEMUA = "semua"
STATUS_TERBUKA = ("diajukan", "diproses")


def _ke_float(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype(float)


def per_bulan(mohon: pd.DataFrame, bulan: list[str]) -> pd.DataFrame:
    """Requests entered per month (``tanggal_masuk``), service type and channel, for the months given.

    >>> m = pd.DataFrame({"tanggal_masuk": pd.to_datetime(["2026-09-03", "2026-10-01", "2026-10-02"]),
    ...                   "jenis_layanan": ["surat_usaha"] * 3, "kanal": ["online", "loket", "loket"]})
    >>> per_bulan(m, ["2026-10"]).values.tolist()
    [['2026-10', 'surat_usaha', 'loket', 2]]
    """
    p = mohon.assign(periode=pd.to_datetime(mohon["tanggal_masuk"]).dt.strftime("%Y-%m"))
    p = p[p["periode"].isin(bulan)]
    g = p.groupby(["periode", "jenis_layanan", "kanal"], observed=True).size().rename("jumlah").reset_index()
    return g[g["jumlah"] > 0].astype({"jenis_layanan": str, "kanal": str}).reset_index(drop=True)


def rasio_per(rows: pd.DataFrame, kolom: str | list[str], kali: float = 100.0) -> pd.DataFrame:
    """Σ ``_pembilang`` / number of rows × ``kali`` per group of a rasio indicator's rows (the core's
    pooled formula): columns ``penyebut, pembilang, persen``.

    >>> r = pd.DataFrame({"g": ["a", "a", "a", "b"], "_pembilang": [True, False, False, True]})
    >>> rasio_per(r, "g")["persen"].round(2).tolist()
    [33.33, 100.0]
    """
    if rows.empty:
        return pd.DataFrame(columns=["penyebut", "pembilang", "persen"])
    g = rows.assign(_p=rows["_pembilang"].astype(bool)).groupby(kolom, observed=True)["_p"]
    bawah, atas = g.size().astype(float), g.sum().astype(float)
    return pd.DataFrame({"penyebut": bawah, "pembilang": atas, "persen": atas / bawah * float(kali)})


def daring_per_bulan(rows_online: pd.DataFrame) -> pd.DataFrame:
    """Online share per month from the rows of ``gov_layanan_online`` (each month's value is the
    indicator's for that month): ``periode, permohonan, daring, persen_daring``."""
    r = rasio_per(rows_online, "_bulan")
    return (r.rename(columns={"penyebut": "permohonan", "pembilang": "daring", "persen": "persen_daring"})
            .rename_axis("periode").reset_index())


def waktu_proses(rows_hari: pd.DataFrame, rows_sla: pd.DataFrame, target: Mapping[str, float]) -> pd.DataFrame:
    """Per service type, then a row ``semua`` (all types, = the indicators): ``target_hari``, ``selesai``
    (requests completed in the period), ``median_hari``, ``p90_hari`` (linear interpolation between
    order statistics, numpy's default), ``jatuh_tempo`` (requests due in the period), ``tepat_waktu``,
    ``persen_tepat``."""
    jenis = sorted(set(rows_hari.get("jenis_layanan", pd.Series(dtype=str)).astype(str))
                   | set(rows_sla.get("jenis_layanan", pd.Series(dtype=str)).astype(str)))
    hasil = []
    for j, bh, bs in [*((j, rows_hari[rows_hari["jenis_layanan"].astype(str) == j],
                         rows_sla[rows_sla["jenis_layanan"].astype(str) == j]) for j in jenis),
                      (SEMUA, rows_hari, rows_sla)]:
        x = _ke_float(bh["_x"]) if len(bh) else pd.Series(dtype=float)
        due = float(len(bs))
        tepat = float(bs["_pembilang"].astype(bool).sum()) if len(bs) else 0.0
        hasil.append({"jenis_layanan": j, "target_hari": float(target.get(j, np.nan)) if j != SEMUA else np.nan,
                      "selesai": len(x), "median_hari": float(x.median()) if len(x) else np.nan,
                      "p90_hari": float(x.quantile(0.9)) if len(x) else np.nan, "jatuh_tempo": int(due),
                      "tepat_waktu": int(tepat), "persen_tepat": tepat / due * 100.0 if due else np.nan})
    return pd.DataFrame(hasil)


def antrean(mohon: pd.DataFrame, akhir: pd.Timestamp, batas_hari: list[float] | None = None) -> pd.DataFrame:
    """Open requests at ``akhir`` (entered before it; still open, or completed only after it) by age:
    ``umur`` (bucket index, 0 = youngest), ``batas_bawah``, ``batas_atas`` (days; NaN = no upper bound),
    ``terbuka``, ``lewat_tenggat`` (past the service-level deadline at ``akhir``).

    A request with status ``selesai`` or ``ditolak`` but no completion time is not counted (the
    data-quality flags list it).

    >>> m = pd.DataFrame({"tanggal_masuk": pd.to_datetime(["2026-10-30", "2026-10-01", "2026-10-02"]),
    ...     "tanggal_selesai": pd.to_datetime([None, "2026-11-03", "2026-10-05"]),
    ...     "status": ["diajukan", "selesai", "selesai"],
    ...     "tenggat": pd.to_datetime(["2026-11-02", "2026-10-03", None])})
    >>> antrean(m, pd.Timestamp("2026-11-01"), [3, 7])[["terbuka", "lewat_tenggat"]].values.tolist()
    [[1, 0], [0, 0], [1, 1]]
    """
    batas = [float(b) for b in (batas_hari or layanan.deklarasi()["umur_antrean_hari"])]
    t0 = pd.to_datetime(mohon["tanggal_masuk"])
    t1 = pd.to_datetime(mohon["tanggal_selesai"])
    buka = (t0 < akhir) & ((t1.isna() & mohon["status"].astype(str).isin(STATUS_TERBUKA)) | (t1 >= akhir))
    buka = buka.fillna(False).astype(bool)
    umur = ((akhir - t0[buka]) / pd.Timedelta(days=1)).to_numpy(float)
    kelas = np.searchsorted(np.array(batas), umur, side="left")
    lewat = (pd.to_datetime(mohon.loc[buka, "tenggat"]) < akhir).fillna(False).to_numpy(bool) if "tenggat" in mohon \
        else np.zeros(len(umur), bool)
    bawah = [0.0, *batas]
    atas = [*batas, np.nan]
    return pd.DataFrame({"umur": range(len(bawah)), "batas_bawah": bawah, "batas_atas": atas,
                         "terbuka": np.bincount(kelas, minlength=len(bawah)),
                         "lewat_tenggat": np.bincount(kelas[lewat], minlength=len(bawah))})


def terbuka_per_desa(mohon: pd.DataFrame, akhir: pd.Timestamp) -> pd.Series:
    """Number of open requests at ``akhir`` per village code (same rule as :func:`antrean`)."""
    t0, t1 = pd.to_datetime(mohon["tanggal_masuk"]), pd.to_datetime(mohon["tanggal_selesai"])
    buka = (t0 < akhir) & ((t1.isna() & mohon["status"].astype(str).isin(STATUS_TERBUKA)) | (t1 >= akhir))
    return mohon.loc[buka.fillna(False).astype(bool), "kode_wilayah"].astype(str).value_counts()


def penilaian(rows_hari: pd.DataFrame) -> pd.DataFrame:
    """Ratings (1–5) of the requests completed in the period, per service type: ``jenis_layanan,
    rating, jumlah`` (long form; requests without a rating are left out)."""
    if rows_hari.empty or "rating" not in rows_hari:
        return pd.DataFrame(columns=["jenis_layanan", "rating", "jumlah"])
    r = rows_hari.assign(rating=_ke_float(rows_hari["rating"])).dropna(subset=["rating"])
    g = r.groupby([r["jenis_layanan"].astype(str), r["rating"].astype(int)]).size().rename("jumlah").reset_index()
    return g


def per_wilayah(nilai_unit: pd.DataFrame, rows_online: pd.DataFrame, rows_hari: pd.DataFrame,
                terbuka: pd.Series, penduduk: pd.Series, tingkat: str, kode_kabupaten: str, bulan: int) -> pd.DataFrame:
    """Comparison of the units of ``tingkat`` (``kecamatan`` or ``desa``): population, requests entered,
    requests per 1,000 people per month, the indicators (the core's values in ``nilai_unit``), open
    requests at the period's end and the mean rating."""
    n = {"kecamatan": 8, "desa": 13}[tingkat]
    reg = daftar_wilayah(kode_kabupaten, tingkat)[["kode_wilayah", "nama"]]
    kode = reg["kode_wilayah"].astype(str)

    def per_unit(s: pd.Series) -> pd.Series:  # village codes → units
        return s.groupby(s.index.astype(str).str.slice(0, n)).sum()

    kosong = pd.Series(dtype=float)
    masuk = rows_online["_kode"].astype(str).str.slice(0, n).value_counts() if len(rows_online) else kosong
    pend = per_unit(penduduk) if len(penduduk) else kosong
    rating = kosong
    if len(rows_hari) and "rating" in rows_hari:
        unit_baris = rows_hari["_kode"].astype(str).str.slice(0, n)
        rating = rows_hari.assign(_r=_ke_float(rows_hari["rating"])).groupby(unit_baris)["_r"].mean()
    out = reg.assign(penduduk=kode.map(pend).round().astype("Int64").to_numpy(),
                     permohonan=kode.map(masuk).fillna(0).astype(int).to_numpy())
    out["per_1000_bulan"] = layanan.per_1000(out.set_index("kode_wilayah")["permohonan"],
                                             out.set_index("kode_wilayah")["penduduk"], bulan).to_numpy()
    for ind, kol in (("gov_layanan_online", "persen_daring"), ("gov_sla_layanan", "persen_tepat"),
                     ("gov_hari_proses", "median_hari"), ("gov_desa_lapor", "persen_desa_input")):
        if ind in nilai_unit:
            out[kol] = kode.map(nilai_unit[ind]).to_numpy()
    out["terbuka"] = kode.map(per_unit(terbuka) if len(terbuka) else {}).fillna(0).astype(int).to_numpy()
    out["rating_rata"] = kode.map(rating).to_numpy()
    return out


def belum_input(mohon: pd.DataFrame, kode_kabupaten: str, bulan: list[str]) -> pd.DataFrame:
    """Villages with no request entered in the months ``bulan`` ("operator belum input"): ``kode_wilayah,
    nama, kode_induk, bulan_terakhir`` (the last month with a request before the period ends, or
    None) and ``keadaan`` (``belum_pernah``: never entered; ``terlambat``: entered earlier, not now).

    >>> m = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"], "tanggal_masuk": pd.to_datetime(["2026-08-10"])})
    >>> b = belum_input(m, "18.02", ["2026-10"]).set_index("kode_wilayah")
    >>> b.loc["18.02.01.2001", ["bulan_terakhir", "keadaan"]].tolist(), b.loc["18.02.01.2002", "keadaan"]
    (['2026-08', 'terlambat'], 'belum_pernah')
    """
    reg = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "nama", "kode_induk"]]
    b = mohon.assign(_b=pd.to_datetime(mohon["tanggal_masuk"]).dt.strftime("%Y-%m"))
    b = b[b["_b"] <= max(bulan)]
    terakhir = b.groupby(b["kode_wilayah"].astype(str))["_b"].max()
    kini = set(b.loc[b["_b"].isin(bulan), "kode_wilayah"].astype(str))
    out = reg[~reg["kode_wilayah"].isin(kini)].copy()
    out["bulan_terakhir"] = out["kode_wilayah"].map(terakhir).astype(object).where(lambda s: s.notna(), None)
    out["keadaan"] = np.where(out["bulan_terakhir"].isna(), "belum_pernah", "terlambat")
    return out.reset_index(drop=True)
