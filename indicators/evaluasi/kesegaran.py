"""Freshness and coverage of the evidence: how recent each indicator's data are, and how much of each
pillar has data.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.progres.masukan import pengaturan_progres, periksa_periode, selisih_bulan
from indicators.skor.kerangka import PILAR, Kerangka


def skor_indikator_kabupaten(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str,
                             periode: str) -> pd.DataFrame:
    """The kabupaten's value and normalised score (0–100) of every indicator, indexed by indicator id.

    The seam to the scoring framework (``indicators.skor``): its public ``skor_wilayah`` computes the
    values from the datasets and normalises them as the pillar scores do.
    """
    from indicators.skor import skor_wilayah

    h = skor_wilayah(data, kerangka, kode_kabupaten, "kabupaten", periode)
    kode = h.skor["kode_wilayah"].iloc[0]
    return pd.DataFrame({"nilai": h.nilai.loc[kode], "skor": h.normal.loc[kode]}).rename_axis("indikator")


def kesegaran_indikator(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, periode: str,
                        usang_bulan: int = 12) -> pd.DataFrame:
    """Per indicator: the latest month (≤ ``periode``) its source has data for, the age in months and
    a stale flag (older than ``usang_bulan``). Static datasets (profiles, road register) have no month.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> d = {"nilai_indikator": pd.DataFrame({"indikator": ["gov_spbe"] * 2, "periode": ["2024-12", "2027-01"]})}
    >>> t = kesegaran_indikator(d, muat_kerangka(), "2026-10").set_index("indikator")
    >>> r = t.loc["gov_spbe"]
    >>> r["periode_data"], int(r["umur_bulan"]), bool(r["usang"])
    ('2024-12', 22, True)
    """
    from indicators.skor.konteks import WAKTU_BAWAAN

    periksa_periode(periode)
    rows = []
    for i in kerangka.indikator:
        waktu = i.hitung.get("waktu") or WAKTU_BAWAAN.get(i.sumber, {"mode": "statis"})
        df = data.get(i.sumber)
        p = None
        if waktu.get("mode") == "statis":
            jenis = "statis"
        else:
            jenis = "berkala"
            if df is not None and not df.empty:
                # a derived time column (e.g. a deadline) is not in the raw rows: use the dataset's own
                kolom = waktu.get("kolom") if waktu.get("kolom") in df else WAKTU_BAWAAN.get(i.sumber, {}).get("kolom")
                if waktu.get("mode") in ("bulan", "posisi") and kolom in df:
                    bulan = pd.to_datetime(df[kolom]).dt.strftime("%Y-%m")
                elif "periode" in df:
                    bulan = df["periode"].astype(str)
                    if i.sumber == "nilai_indikator":
                        bulan = bulan[df["indikator"] == i.id]
                else:
                    bulan = pd.Series(dtype=str)
                bulan = bulan[bulan <= periode].dropna()
                p = bulan.max() if len(bulan) else None
        umur = selisih_bulan(p, periode) if p else np.nan
        rows.append({"indikator": i.id, "pilar": i.pilar, "sumber": i.sumber, "jenis_waktu": jenis,
                     "periode_data": p, "umur_bulan": umur,
                     "usang": bool(jenis == "berkala" and (p is None or umur > usang_bulan))})
    out = pd.DataFrame(rows)
    out["umur_bulan"] = out["umur_bulan"].astype("Int64")
    return out


def cakupan_pilar(kesegaran: pd.DataFrame, skor_indikator: pd.DataFrame, ketersediaan_desa: pd.Series | None,
                  status: pd.DataFrame | None, periode: str, usang_laporan: int | None = None) -> pd.DataFrame:
    """Per pillar: indicators, the share with a kabupaten value, mean availability across villages
    (village-level indicators), the oldest "latest data" month and stale indicators, and the share of
    running programmes that reported within ``usang_laporan`` months.
    """
    if usang_laporan is None:
        usang_laporan = int(pengaturan_progres()["laporan_usang_bulan"])
    k = kesegaran.assign(ada=kesegaran["indikator"].map(skor_indikator["nilai"].notna()).fillna(False).astype(bool))
    if ketersediaan_desa is not None:
        k["desa"] = k["indikator"].map(ketersediaan_desa)
    else:
        k["desa"] = np.nan
    rows = []
    for p in PILAR:
        s = k[k["pilar"] == p]
        berkala = s[s["jenis_waktu"] == "berkala"]
        row = {"pilar": p, "indikator": len(s), "indikator_bernilai": int(s["ada"].sum()),
               "cakupan_kabupaten": 100 * s["ada"].mean() if len(s) else np.nan,
               "cakupan_desa": 100 * s["desa"].mean() if s["desa"].notna().any() else np.nan,
               "data_terlama": berkala["periode_data"].dropna().min() if berkala["periode_data"].notna().any()
               else None,
               "indikator_usang": int(s["usang"].sum())}
        row["umur_terlama_bulan"] = (selisih_bulan(row["data_terlama"], periode)
                                     if row["data_terlama"] else np.nan)
        if status is not None and len(status):
            jalan = status[(status["pilar"] == p) & ~status["status"].isin(["belum_mulai", "selesai"])]
            lapor = jalan["umur_laporan_bulan"].le(usang_laporan).sum()
            row.update(program=int((status["pilar"] == p).sum()), program_berjalan=len(jalan),
                       program_melapor=100 * lapor / len(jalan) if len(jalan) else np.nan)
        else:
            row.update(program=0, program_berjalan=0, program_melapor=np.nan)
        rows.append(row)
    out = pd.DataFrame(rows)
    out["umur_terlama_bulan"] = out["umur_terlama_bulan"].astype("Int64")
    return out
