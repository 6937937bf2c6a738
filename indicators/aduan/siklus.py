"""Complaint lifecycle: when each complaint was verified and fixed, overdue flags, funnel and ages.

Timings come from the status history (``aduan_jalan_riwayat``): *verification* is the first status
after ``diterima`` (the first response, including a rejection), *fix* the first ``selesai``. When a
complaint has no history the current status stands in: a ``selesai`` complaint was fixed at its
``waktu_status``. Ages and overdue flags are measured at a reference time ``kini`` (by default the
latest time in the data, so the same data always give the same figures).

A complaint is **overdue** when it is open and its age is strictly greater than its target
(``data/aduan.yaml`` → ``target_hari``, per road authority and severity): for verification while
its status is still ``diterima``, for the fix while it is open at all.

>>> a = pd.DataFrame({"id_aduan": ["A"], "waktu_lapor": [pd.Timestamp("2026-01-01")], "status": ["selesai"],
...                   "waktu_status": [pd.Timestamp("2026-01-20")]})
>>> r = pd.DataFrame({"id_aduan": ["A", "A", "A"], "status": ["diterima", "diverifikasi", "selesai"],
...                   "waktu": pd.to_datetime(["2026-01-01", "2026-01-03", "2026-01-20"])})
>>> w = waktu_siklus(a, r)
>>> w.loc[0, "t_verifikasi"].day, w.loc[0, "t_selesai"].day, int(w.loc[0, "tahap_maks"])
(3, 20, 4)
"""
from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import numpy as np
import pandas as pd

HARI = pd.Timedelta(days=1)


def _tahap() -> dict[str, int]:
    from indicators.aduan.aturan import deklarasi

    return {k: v["tahap"] for k, v in deklarasi()["status"].items() if "tahap" in v}


def waktu_siklus(aduan: pd.DataFrame, riwayat: pd.DataFrame | None) -> pd.DataFrame:
    """Per complaint (index of ``aduan``): ``t_verifikasi``, ``t_selesai`` and ``tahap_maks``.

    ``tahap_maks`` is the furthest lifecycle stage reached (0 diterima … 4 selesai), from the
    history and the current status.
    """
    tahap = _tahap()
    ids = aduan["id_aduan"].astype(str)
    t_verif = pd.Series(pd.NaT, index=aduan.index, dtype="datetime64[ns]")
    t_fix = t_verif.copy()
    tahap_maks = aduan["status"].astype(str).map(tahap).astype(float)
    if riwayat is not None and len(riwayat):
        r = riwayat.assign(id_aduan=riwayat["id_aduan"].astype(str), status=riwayat["status"].astype(str))
        pertama = r[r["status"] != "diterima"].groupby("id_aduan")["waktu"].min()
        selesai = r[r["status"] == "selesai"].groupby("id_aduan")["waktu"].min()
        maks = r.assign(k=r["status"].map(tahap)).groupby("id_aduan")["k"].max()
        t_verif = pd.Series(ids.map(pertama).to_numpy(), index=aduan.index, dtype="datetime64[ns]")
        t_fix = pd.Series(ids.map(selesai).to_numpy(), index=aduan.index, dtype="datetime64[ns]")
        tahap_maks = np.fmax(tahap_maks, ids.map(maks).astype(float).to_numpy())
    status = aduan["status"].astype(str)
    # without a history entry the current status is the only evidence
    t_fix = t_fix.where(t_fix.notna() | (status != "selesai"), pd.to_datetime(aduan["waktu_status"]))
    return pd.DataFrame({"t_verifikasi": t_verif, "t_selesai": t_fix,
                         "tahap_maks": pd.Series(tahap_maks, index=aduan.index).fillna(0).astype(int)})


def tandai_terlambat(umur_hari, terbuka, belum_verifikasi, target_verifikasi, target_perbaikan) -> pd.DataFrame:
    """Overdue flags: ``terlambat_verifikasi``, ``terlambat_perbaikan`` and ``terlambat`` (either).

    Age equal to the target is on time; one second more is overdue.

    >>> tandai_terlambat([3.0, 3.0 + 1 / 86400], [True, True], [True, True], [3, 3], [30, 30])["terlambat"].tolist()
    [False, True]
    """
    umur = np.asarray(umur_hari, float)
    buka = np.asarray(terbuka, bool)
    tv = buka & np.asarray(belum_verifikasi, bool) & (umur > np.asarray(target_verifikasi, float))
    tp = buka & (umur > np.asarray(target_perbaikan, float))
    return pd.DataFrame({"terlambat_verifikasi": tv, "terlambat_perbaikan": tp, "terlambat": tv | tp})


def _unik(df: pd.DataFrame, syarat=None) -> int:
    d = df if syarat is None else df[syarat]
    return int(d["kelompok"].nunique())


def corong(df: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """The lifecycle funnel: unique complaints (duplicate groups) that reached each stage.

    A group reached a stage when any of its reports did. Columns ``status``, ``label``, ``jumlah``.
    """
    from indicators.aduan.aturan import label_kategori

    label = label_kategori("status", bahasa)
    tahap = _tahap()
    maks = df.groupby("kelompok")["tahap_maks"].max()
    return pd.DataFrame({"status": list(tahap), "label": [label[s] for s in tahap],
                         "jumlah": [int((maks >= k).sum()) for k in tahap.values()]})


def tutup_tanpa_perbaikan(df: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """Reports closed without a fix (rejected, duplicate, not our road), per status."""
    from indicators.aduan.aturan import deklarasi, label_kategori

    label = label_kategori("status", bahasa)
    kode = [k for k, v in deklarasi()["status"].items() if not v["terbuka"] and "tahap" not in v]
    n = df["status"].astype(str).value_counts()
    return pd.DataFrame({"status": kode, "label": [label[k] for k in kode], "jumlah": [int(n.get(k, 0)) for k in kode]})


def kelas_umur(umur_hari, batas: list[float] | None = None, bahasa: str = "id") -> pd.Categorical:
    """Age class labels: ``0–7 hari``, ``8–30 hari``, … ``> 180 hari`` (bounds from ``data/aduan.yaml``).

    A class holds ages up to and including its bound, counted in started days.

    >>> list(kelas_umur([0.5, 7.0, 7.2, 400], [7, 30]))
    ['0–7 hari', '0–7 hari', '8–30 hari', '> 30 hari']
    """
    from indicators.aduan.aturan import deklarasi

    batas = list(deklarasi()["kelas_umur_hari"] if batas is None else batas)
    if sorted(batas) != batas or not batas or batas[0] <= 0:
        raise ValueError(f"batas kelas umur harus naik dan positif, bukan {batas}")
    hari = "hari" if bahasa == "id" else "days"
    nama = ([f"0–{batas[0]} {hari}"] + [f"{a + 1}–{b} {hari}" for a, b in pairwise(batas)]
            + [f"> {batas[-1]} {hari}"])
    kode = np.searchsorted(np.asarray(batas, float), np.ceil(np.asarray(umur_hari, float)), side="left")
    return pd.Categorical.from_codes(kode, categories=nama, ordered=True)


def umur_terbuka(df: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """Open complaints (one per duplicate group: its oldest open report) by age class and authority."""
    from indicators.aduan.aturan import URUTAN_KEWENANGAN, label_kategori

    buka = df[df["terbuka"]].sort_values("umur_hari", ascending=False).drop_duplicates("kelompok")
    kelas = kelas_umur(buka["umur_hari"].to_numpy(), bahasa=bahasa)
    t = (pd.DataFrame({"kelas_umur": kelas, "status_jalan": buka["status_jalan"].astype(str).to_numpy()})
         .groupby(["kelas_umur", "status_jalan"], observed=False).size().rename("jumlah").reset_index())
    t = t[t["status_jalan"].isin(URUTAN_KEWENANGAN)]
    return t.assign(kewenangan=t["status_jalan"].map(label_kategori("kewenangan", bahasa)))


def ringkasan_waktu(df: pd.DataFrame, per: str, bahasa: str = "id") -> pd.DataFrame:
    """Time to verify and to fix, service-level shares and overdue counts per ``per`` column.

    Counts are unique complaints (duplicate groups). Medians and shares use each group's first
    report: ``median_hari_verifikasi``, ``persen_verifikasi_tepat`` (verified within target, of
    those verified), ``median_hari_perbaikan``, ``persen_perbaikan_tepat`` (fixed within target,
    of those fixed). ``per`` is ``status_jalan`` (rows in lifecycle order) or ``nama_kecamatan``.
    """
    from indicators.aduan.aturan import URUTAN_KEWENANGAN, label_kategori

    if per not in df.columns:
        raise ValueError(f"kolom pengelompokan {per!r} tidak ada")
    utama = df[df["utama"]]
    g_all, g_utama = df.groupby(per, observed=True), utama.groupby(per, observed=True)

    def persen_tepat(hari: str, target: str) -> pd.Series:
        ada = utama[utama[hari].notna()]
        return (ada[hari] <= ada[target]).groupby(ada[per], observed=True).mean() * 100

    out = pd.DataFrame({
        "aduan": g_all["kelompok"].nunique(),
        "terbuka": df[df["terbuka"]].groupby(per, observed=True)["kelompok"].nunique(),
        "terlambat": df[df["terlambat"]].groupby(per, observed=True)["kelompok"].nunique(),
        "median_hari_verifikasi": g_utama["hari_verifikasi"].median(),
        "persen_verifikasi_tepat": persen_tepat("hari_verifikasi", "target_verifikasi_hari"),
        "median_hari_perbaikan": g_utama["hari_perbaikan"].median(),
        "persen_perbaikan_tepat": persen_tepat("hari_perbaikan", "target_perbaikan_hari"),
    })
    for k in ("aduan", "terbuka", "terlambat"):
        out[k] = out[k].fillna(0).astype(int)
    if per == "status_jalan":
        out = out.reindex([k for k in URUTAN_KEWENANGAN if k in out.index])
        out.insert(0, "kewenangan", out.index.map(label_kategori("kewenangan", bahasa)))
    else:
        out = out.sort_values(["terlambat", "terbuka"], ascending=False)
    return out.rename_axis(per).reset_index()


def target_tabel(target: Mapping | None = None, bahasa: str = "id") -> pd.DataFrame:
    """The service-level targets as a table: authority × severity, days to verify and to fix."""
    from indicators.aduan.aturan import deklarasi, label_kategori

    t = deklarasi()["target_hari"] if target is None else target
    kew, tk = label_kategori("kewenangan", bahasa), label_kategori("tingkat", bahasa)
    baris = [{"status_jalan": k, "kewenangan": kew[k], "tingkat": tk[s],
              "target_verifikasi_hari": t["verifikasi"][k][s], "target_perbaikan_hari": t["perbaikan"][k][s]}
             for k in t["perbaikan"] for s in t["perbaikan"][k]]
    return pd.DataFrame(baris)
