"""A programme's status at a period (``status_program``), first rule that applies:

1. ``belum_mulai``   no report yet and the period is before its start year;
2. ``tanpa_laporan`` no report yet although it has started;
3. ``selesai``       realisation reached 100 %;
4. ``terlambat``     realisation trails the target by *more than* ``ambang`` points, or the schedule has
   ended (after December of ``tahun_selesai``) with the work unfinished;
5. ``lebih_cepat``   realisation is ahead of the target by more than ``ambang_cepat`` points;
6. ``sesuai``        on track otherwise.

A report older than ``usang`` months at the period is flagged ``laporan_usang`` (status still computed
from it).

>>> import pandas as pd
>>> pp = pd.DataFrame({"id_program": ["A", "A", "B"], "periode": ["2026-01", "2026-02", "2026-02"],
...                    "target_persen": [10.0, 30.0, 50.0], "realisasi_persen": [10.0, 15.0, 48.0],
...                    "realisasi_anggaran": [1e8, 2e8, 3e8]})
>>> program_terlambat(pp, ambang=10)["id_program"].tolist()
['A']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.dasar.pengaturan import ambil
from indicators.progres.masukan import (
    PRESISI,
    STATUS,
    pengaturan_progres,
    periksa_periode,
    periksa_program,
    periksa_progres,
    selisih_bulan,
)


def status_program(progres: pd.DataFrame, program: pd.DataFrame | None = None, periode: str | None = None,
                   ambang: float | None = None, ambang_cepat: float | None = None,
                   usang: int | None = None) -> pd.DataFrame:
    """Each programme's position at ``periode`` (default: the latest report): its last report up to
    then, ``selisih`` = realisation − target (points), ``capaian`` = realisation ÷ target (capped at
    100 %), budget absorbed (``serapan_anggaran`` %, of ``anggaran``), report age in months, and
    ``status`` (rules in the module docstring). Without ``program`` only reported programmes appear
    and the schedule rules (not started, past the end) are skipped.

    >>> pp = pd.DataFrame({"id_program": ["A", "B"], "periode": ["2026-03"] * 2, "target_persen": [40.0, 40.0],
    ...     "realisasi_persen": [30.0, 29.9], "realisasi_anggaran": [0.0, 0.0]})
    >>> status_program(pp, ambang=10)[["id_program", "selisih", "status"]].values.tolist()  # late first
    [['B', -10.1, 'terlambat'], ['A', -10.0, 'sesuai']]
    """
    periksa_progres(progres)
    atur = pengaturan_progres()
    ambang = float(ambil("ambang_terlambat_persen") if ambang is None else ambang)
    ambang_cepat = float(atur["ambang_lebih_cepat_persen"] if ambang_cepat is None else ambang_cepat)
    usang = int(atur["laporan_usang_bulan"] if usang is None else usang)
    for nama, v in (("ambang", ambang), ("ambang_cepat", ambang_cepat), ("usang", usang)):
        if not np.isfinite(v) or v < 0:
            raise ValueError(f"{nama} harus angka >= 0, bukan {v!r}")
    pp = progres.assign(periode=progres["periode"].astype(str), id_program=progres["id_program"].astype(str))
    if periode is None:
        if pp.empty:
            raise ValueError("program_progres kosong: sebutkan periode")
        periode = pp["periode"].max()
    periksa_periode(periode)
    akhir = (pp[pp["periode"] <= periode].sort_values(["id_program", "periode"], kind="stable")
             .groupby("id_program", as_index=False).tail(1))
    akhir = akhir.rename(columns={"periode": "periode_laporan"})
    if program is not None:
        periksa_program(program)
        dasar = program.assign(id_program=program["id_program"].astype(str))
        t = dasar.merge(akhir, on="id_program", how="left")
    else:
        t = akhir.reset_index(drop=True)
    t = t.reset_index(drop=True)
    ada = t["target_persen"].notna()
    t["selisih"] = (t["realisasi_persen"] - t["target_persen"]).round(PRESISI)
    with np.errstate(invalid="ignore", divide="ignore"):
        cap = np.where(t["target_persen"] > 0, 100 * t["realisasi_persen"] / t["target_persen"],
                       np.where(t["realisasi_persen"] > 0, 100.0, np.nan))
    t["capaian"] = np.minimum(cap, 100.0).round(PRESISI)
    t["umur_laporan_bulan"] = [selisih_bulan(p, periode) if isinstance(p, str) else np.nan
                               for p in t["periode_laporan"]]
    t["laporan_usang"] = ada & (t["umur_laporan_bulan"] > usang)
    if program is not None:
        t["serapan_anggaran"] = np.where(t["anggaran"] > 0, 100 * t["realisasi_anggaran"] / t["anggaran"], np.nan)
        th = int(periode[:4])
        belum_mulai = th < t["tahun_mulai"].astype(int)
        lewat = th > t["tahun_selesai"].astype(int)
    else:
        belum_mulai = pd.Series(False, index=t.index)
        lewat = pd.Series(False, index=t.index)
    selesai = ada & (t["realisasi_persen"] >= 100)
    telat = ada & ~selesai & ((t["selisih"] < -ambang) | lewat)
    cepat = ada & ~selesai & ~telat & (t["selisih"] > ambang_cepat)
    t["status"] = np.select(
        [~ada & belum_mulai, ~ada, selesai, telat, cepat],
        ["belum_mulai", "tanpa_laporan", "selesai", "terlambat", "lebih_cepat"], "sesuai")
    t["lewat_jadwal"] = telat & lewat
    t["periode"] = periode
    urut = {s: i for i, s in enumerate(STATUS)}
    return t.sort_values(["status", "selisih", "id_program"], key=lambda s: s.map(urut) if s.name == "status" else s,
                         kind="stable", ignore_index=True)


def program_terlambat(progres: pd.DataFrame, program: pd.DataFrame | None = None, ambang: float | None = None,
                      periode: str | None = None) -> pd.DataFrame:
    """The late programmes (status ``terlambat``) at ``periode``, most behind first."""
    s = status_program(progres, program, periode, ambang=ambang)
    return s[s["status"] == "terlambat"].sort_values("selisih", kind="stable", ignore_index=True)


def ringkasan_per(status: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Per pillar / agency / horizon (``kolom``): programmes, late, ahead, finished, mean achievement,
    budget and budget absorbed (%).

    >>> s = pd.DataFrame({"opd": ["X", "X", "Y"], "status": ["terlambat", "sesuai", "selesai"],
    ...     "capaian": [50.0, 100.0, 100.0], "anggaran": [1.0, 3.0, 2.0], "realisasi_anggaran": [0.5, 1.0, 2.0]})
    >>> ringkasan_per(s, "opd")[["opd", "program", "terlambat", "capaian", "serapan_anggaran"]].values.tolist()
    [['X', 2, 1, 75.0, 37.5], ['Y', 1, 0, 100.0, 100.0]]
    """
    if kolom not in status.columns:
        raise ValueError(f"kolom {kolom!r} tidak ada dalam tabel status")
    g = status.assign(_t=status["status"] == "terlambat", _c=status["status"] == "lebih_cepat",
                      _s=status["status"] == "selesai", _ra=status["realisasi_anggaran"].fillna(0.0))
    out = g.groupby(kolom, as_index=False, sort=True).agg(
        program=("status", "size"), terlambat=("_t", "sum"), lebih_cepat=("_c", "sum"), selesai=("_s", "sum"),
        capaian=("capaian", "mean"), anggaran=("anggaran", "sum"), realisasi_anggaran=("_ra", "sum"))
    out["serapan_anggaran"] = np.where(out["anggaran"] > 0, 100 * out["realisasi_anggaran"] / out["anggaran"], np.nan)
    for k in ("terlambat", "lebih_cepat", "selesai"):
        out[k] = out[k].astype(int)
    return out.sort_values(["terlambat", kolom], ascending=[False, True], kind="stable", ignore_index=True)


def jadwal(status: pd.DataFrame) -> pd.DataFrame:
    """Timeline rows: each programme from 1 January of ``tahun_mulai`` to 31 December of
    ``tahun_selesai``, with its status (for a Gantt chart).

    >>> s = pd.DataFrame({"id_program": ["A"], "nama": ["a"], "tahun_mulai": [2025], "tahun_selesai": [2026],
    ...                   "status": ["sesuai"]})
    >>> jadwal(s)[["mulai", "selesai"]].astype(str).values.tolist()
    [['2025-01-01', '2026-12-31']]
    """
    t = status.copy()
    t["mulai"] = pd.to_datetime(t["tahun_mulai"].astype(int).astype(str) + "-01-01")
    t["selesai"] = pd.to_datetime(t["tahun_selesai"].astype(int).astype(str) + "-12-31")
    return t.sort_values(["mulai", "id_program"], kind="stable", ignore_index=True)
