"""S-curves of target against realisation, per programme and for the portfolio.

A month without a report carries the last reported value forward; a month before the programme's
start year counts as 0; a month after the start without any report yet is unknown (left out, never
counted as 0). The portfolio S-curve weights every programme by its budget (``anggaran``), the usual
way an Indonesian *kurva S* adds up activities of different size; the budget curve adds up rupiah.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.progres.masukan import (
    KOLOM_PROGRES,
    daftar_periode,
    ke_periode,
    nomor_bulan,
    periksa_periode,
    periksa_program,
    periksa_progres,
)


def progres_bulanan(progres: pd.DataFrame, program: pd.DataFrame | None = None,
                    dari: str | None = None, sampai: str | None = None) -> pd.DataFrame:
    """One row per programme and month from ``dari`` to ``sampai`` (default: the reported range).

    Columns ``id_program, periode, target_persen, realisasi_persen, realisasi_anggaran, dilaporkan,
    sumber`` where ``sumber`` is ``laporan`` (reported that month), ``terbawa`` (last report carried
    forward), ``belum_mulai`` (0 before the start year) or ``tidak_diketahui`` (NaN values). With
    ``program``, only its programmes are kept (reports of other ids are ignored).
    """
    periksa_progres(progres)
    pp = progres.assign(periode=progres["periode"].astype(str), id_program=progres["id_program"].astype(str))
    if program is not None:
        periksa_program(program)
        ids = program["id_program"].astype(str).tolist()
        pp = pp[pp["id_program"].isin(ids)]
    else:
        ids = sorted(pp["id_program"].unique())
    semua = daftar_periode(pp) if len(pp) else []
    dari_diminta = bool(dari)
    dari = periksa_periode(dari, "dari") if dari else (semua[0] if semua else None)
    sampai = periksa_periode(sampai, "sampai") if sampai else (semua[-1] if semua else None)
    if dari is None or sampai is None or not ids:
        return pd.DataFrame(columns=[*KOLOM_PROGRES, "dilaporkan", "sumber"])
    if sampai < dari:
        if dari_diminta:
            raise ValueError(f"sampai ({sampai}) sebelum dari ({dari})")
        # the first report is after ``sampai``: nothing was reported up to that month
        return pd.DataFrame(columns=[*KOLOM_PROGRES, "dilaporkan", "sumber"])
    bulan = [ke_periode(n) for n in range(nomor_bulan(dari), nomor_bulan(sampai) + 1)]
    kolom = ["target_persen", "realisasi_persen", "realisasi_anggaran"]
    pp = pp[pp["periode"] <= sampai].sort_values(["id_program", "periode"], kind="stable")
    # everything up to `sampai` carries forward, so a report before `dari` still counts at `dari`
    sumbu = sorted(set(bulan) | set(pp["periode"]))
    indeks = pd.MultiIndex.from_product([ids, sumbu], names=["id_program", "periode"])
    g = pp.set_index(["id_program", "periode"])[kolom].reindex(indeks)
    dilaporkan = g["target_persen"].notna()
    g = g.groupby(level="id_program", sort=False).ffill()
    g["dilaporkan"] = dilaporkan
    g = g.reset_index()
    g = g[g["periode"] >= dari].reset_index(drop=True)
    g["sumber"] = np.where(g["dilaporkan"], "laporan",
                           np.where(g["target_persen"].notna(), "terbawa", "tidak_diketahui"))
    if program is not None:
        mulai = program.set_index(program["id_program"].astype(str))["tahun_mulai"].astype(int)
        sebelum = ((g["periode"].str.slice(0, 4).astype(int) < g["id_program"].map(mulai))
                   & (g["sumber"] == "tidak_diketahui"))
        g.loc[sebelum, kolom] = 0.0
        g.loc[sebelum, "sumber"] = "belum_mulai"
    return g[[*KOLOM_PROGRES, "dilaporkan", "sumber"]]


def kurva_s(progres: pd.DataFrame, program: pd.DataFrame, dari: str | None = None,
            sampai: str | None = None) -> pd.DataFrame:
    """Portfolio S-curve per month: budget-weighted physical target and realisation (%), planned and
    realised budget (Rp), and how many programmes are known / reported that month.

    ``target_fisik = Σ anggaran·target / Σ anggaran`` over the programmes with a known value that month
    (equal weights when every budget is 0); ``rencana_anggaran = Σ anggaran·target/100``;
    ``realisasi_anggaran = Σ realisasi_anggaran``; ``pagu`` the budget of the known programmes.

    >>> prog = pd.DataFrame({"id_program": ["A"], "nama": ["a"], "pilar": ["living"], "opd": ["X"],
    ...     "jenis": ["quick_win"], "tahun_mulai": [2026], "tahun_selesai": [2026], "anggaran": [2e9]})
    >>> pp = pd.DataFrame({"id_program": ["A"], "periode": ["2026-01"], "target_persen": [10.0],
    ...                    "realisasi_persen": [5.0], "realisasi_anggaran": [1e8]})
    >>> kurva_s(pp, prog)[["target_fisik", "realisasi_fisik", "rencana_anggaran"]].values.tolist()
    [[10.0, 5.0, 200000000.0]]
    """
    g = progres_bulanan(progres, program, dari, sampai)
    kolom = ["periode", "target_fisik", "realisasi_fisik", "rencana_anggaran", "realisasi_anggaran", "pagu",
             "n_program", "n_lapor"]
    if g.empty:
        return pd.DataFrame(columns=kolom)
    pagu = program.set_index(program["id_program"].astype(str))["anggaran"].astype(float)
    w = g["id_program"].map(pagu).fillna(0.0)
    if float(pagu.sum()) <= 0:
        w = pd.Series(1.0, index=g.index)
    tahu = g["target_persen"].notna()
    g = g.assign(_w=w.where(tahu, 0.0), _pagu=g["id_program"].map(pagu).fillna(0.0).where(tahu, 0.0),
                 _wt=(w * g["target_persen"]).where(tahu, 0.0), _wr=(w * g["realisasi_persen"]).where(tahu, 0.0),
                 _rencana=(g["id_program"].map(pagu).fillna(0.0) * g["target_persen"] / 100).where(tahu, 0.0),
                 _real=g["realisasi_anggaran"].where(tahu, 0.0), _tahu=tahu)
    s = g.groupby("periode", sort=True).agg(
        _w=("_w", "sum"), _wt=("_wt", "sum"), _wr=("_wr", "sum"), rencana_anggaran=("_rencana", "sum"),
        realisasi_anggaran=("_real", "sum"), pagu=("_pagu", "sum"), n_program=("_tahu", "sum"),
        n_lapor=("dilaporkan", "sum"))
    with np.errstate(invalid="ignore", divide="ignore"):
        s["target_fisik"] = np.where(s["_w"] > 0, s["_wt"] / s["_w"], np.nan)
        s["realisasi_fisik"] = np.where(s["_w"] > 0, s["_wr"] / s["_w"], np.nan)
    s = s.reset_index()
    s[["n_program", "n_lapor"]] = s[["n_program", "n_lapor"]].astype(int)
    return s[kolom]


def kurva_rata(progres: pd.DataFrame) -> pd.DataFrame:
    """Mean cumulative target and realisation (%) over the programmes reporting each month, long form
    (unweighted; ``kurva_s`` is the budget-weighted portfolio curve)."""
    g = progres.groupby("periode", as_index=False)[["target_persen", "realisasi_persen"]].mean()
    return g.melt(id_vars="periode", var_name="seri", value_name="persen")
