"""Masterplan programme progress: target vs realisation, late items (issue 8 grows this module).

>>> import pandas as pd
>>> pp = pd.DataFrame({"id_program": ["A", "A", "B"], "periode": ["2026-01", "2026-02", "2026-02"],
...                    "target_persen": [10.0, 30.0, 50.0], "realisasi_persen": [10.0, 15.0, 48.0]})
>>> program_terlambat(pp, ambang=10)["id_program"].tolist()
['A']
"""
from __future__ import annotations

import pandas as pd

from indicators.pengaturan import ambil


def kurva_rata(progres: pd.DataFrame) -> pd.DataFrame:
    """Mean cumulative target and realisation (%) over the programmes reporting each month, long form."""
    g = progres.groupby("periode", as_index=False)[["target_persen", "realisasi_persen"]].mean()
    return g.melt(id_vars="periode", var_name="seri", value_name="persen")


def program_terlambat(progres: pd.DataFrame, program: pd.DataFrame | None = None, ambang: float | None = None) -> pd.DataFrame:
    """Programmes whose latest realisation trails the target by more than ``ambang`` points."""
    ambang = float(ambil("ambang_terlambat_persen") if ambang is None else ambang)
    akhir = progres.sort_values("periode").groupby("id_program", as_index=False).tail(1)
    akhir = akhir.assign(selisih=akhir["realisasi_persen"] - akhir["target_persen"])
    telat = akhir[akhir["selisih"] < -ambang]
    if program is not None:
        telat = telat.merge(program[["id_program", "nama", "pilar", "opd"]], on="id_program", how="left")
    return telat.sort_values("selisih", ignore_index=True)
