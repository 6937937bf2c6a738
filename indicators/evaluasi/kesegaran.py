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
    return skor_kabupaten(data, kerangka, kode_kabupaten, periode)[0]


def skor_kabupaten(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str,
                   periode: str) -> tuple[pd.DataFrame, float]:
    """:func:`skor_indikator_kabupaten` and the district's composite index (the Ringkasan's headline)
    from one scoring run."""
    from indicators.skor import skor_wilayah

    h = skor_wilayah(data, kerangka, kode_kabupaten, "kabupaten", periode)
    kode = h.skor["kode_wilayah"].iloc[0]
    t = pd.DataFrame({"nilai": h.nilai.loc[kode], "skor": h.normal.loc[kode]}).rename_axis("indikator")
    return t, float(h.skor["indeks"].iloc[0])


def kesegaran_indikator(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, periode: str,
                        usang_bulan: int = 12, usang_tahun: int = 1) -> pd.DataFrame:
    """Per indicator: the latest data (≤ ``periode``) of its source, measured in the indicator's own
    period (``frekuensi`` in the framework): a monthly source by month — ``periode_data`` YYYY-MM,
    ``umur`` in months, stale when older than ``usang_bulan`` — an annual one (agency statistics,
    IDM) by year — ``periode_data`` YYYY, ``umur`` in years, stale when more than ``usang_tahun``
    years behind — so an annual figure is never "0 months old". ``satuan_umur`` says which;
    ``umur_bulan`` is kept for monthly sources. Static datasets (profiles, road register) and
    sources without a period have no age.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> d = {"nilai_indikator": pd.DataFrame({"indikator": ["gov_spbe"] * 2, "periode": ["2024-12", "2027-01"]})}
    >>> t = kesegaran_indikator(d, muat_kerangka(), "2026-10").set_index("indikator")
    >>> r = t.loc["gov_spbe"]
    >>> r["frekuensi"], r["periode_data"], int(r["umur"]), r["satuan_umur"], bool(r["usang"])
    ('tahunan', '2024', 2, 'tahun', True)
    """
    from indicators.skor.konteks import WAKTU_BAWAAN

    periksa_periode(periode)
    rows = []
    for i in kerangka.indikator:
        waktu = i.hitung.get("waktu") or WAKTU_BAWAAN.get(i.sumber, {"mode": "statis"})
        df = data.get(i.sumber)
        p = None
        jenis = "statis" if waktu.get("mode") == "statis" else "berkala"
        if jenis == "berkala" and df is not None and not df.empty:
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
        tahunan = i.frekuensi == "tahunan"
        if p is None:
            umur = np.nan
        elif tahunan:
            umur = int(periode[:4]) - int(p[:4])
        else:
            umur = selisih_bulan(p, periode)
        batas = usang_tahun if tahunan else usang_bulan
        rows.append({"indikator": i.id, "pilar": i.pilar, "sumber": i.sumber, "jenis_waktu": jenis,
                     "frekuensi": i.frekuensi, "periode_data": (p[:4] if tahunan else p) if p else None,
                     "umur": umur, "satuan_umur": "tahun" if tahunan else "bulan",
                     "umur_bulan": np.nan if tahunan else umur,
                     "usang": bool(jenis == "berkala" and (p is None or umur > batas))})
    out = pd.DataFrame(rows)
    out["umur"] = out["umur"].astype("Int64")
    out["umur_bulan"] = out["umur_bulan"].astype("Int64")
    return out


def cakupan_pilar(kesegaran: pd.DataFrame, skor_indikator: pd.DataFrame, ketersediaan_desa: pd.Series | None,
                  status: pd.DataFrame | None, periode: str, usang_laporan: int | None = None) -> pd.DataFrame:
    """Per pillar: indicators, the share with a kabupaten value, mean availability across villages
    (village-level indicators), the oldest "latest data" of its monthly sources (``data_terlama``,
    ``umur_terlama_bulan``) and of its annual sources (``data_tahunan_terlama``, a year, and
    ``umur_terlama_tahun``), stale indicators, and the share of running programmes that reported
    within ``usang_laporan`` months.
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
        bulanan = berkala.loc[berkala["frekuensi"] != "tahunan", "periode_data"].dropna()
        tahunan = berkala.loc[berkala["frekuensi"] == "tahunan", "periode_data"].dropna()
        row = {"pilar": p, "indikator": len(s), "indikator_bernilai": int(s["ada"].sum()),
               "cakupan_kabupaten": 100 * s["ada"].mean() if len(s) else np.nan,
               "cakupan_desa": 100 * s["desa"].mean() if s["desa"].notna().any() else np.nan,
               "data_terlama": bulanan.min() if len(bulanan) else None,
               "data_tahunan_terlama": tahunan.min() if len(tahunan) else None,
               "indikator_usang": int(s["usang"].sum())}
        row["umur_terlama_bulan"] = (selisih_bulan(row["data_terlama"], periode)
                                     if row["data_terlama"] else np.nan)
        row["umur_terlama_tahun"] = (int(periode[:4]) - int(row["data_tahunan_terlama"])
                                     if row["data_tahunan_terlama"] else np.nan)
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
    out["umur_terlama_tahun"] = out["umur_terlama_tahun"].astype("Int64")
    return out
