"""The achievement index of the evaluation (hand-checkable).

- dimension score ``D_d`` = pillar-weighted mean of the cells of dimension ``d`` that have a score;
- index ``I = Σ W_d·D_d / Σ W_d`` over the dimensions with a score, reported only when those carry at
  least ``ambang_bobot_dimensi`` of the weight (otherwise NaN: "insufficient evidence", never 0);
- a pillar's index the same over its own five cells.

It measures the masterplan's evidence against Kominfo's dimensions, not the six-pillar composite
index of :mod:`indicators.skor`, so the two numbers differ: the composite index averages the
normalised performance of every indicator over elements and pillars; the achievement index scores
each pillar × dimension cell from its evidence (indicators tagged with that dimension and the
programmes that evidence it) and weighs the dimensions (10/20/30/30/10 % by default). The Evaluasi
page says so beside the two numbers and links to the method page's section (``ANKER_INDEKS_CAPAIAN``).

>>> import pandas as pd
>>> from indicators.skor.kerangka import DIMENSI
>>> m = pd.DataFrame({"pilar": ["living"] * 5, "dimensi": list(DIMENSI), "skor": [50.0, 60, 70, 80, 90]})
>>> round(indeks_capaian(m, {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}).indeks, 6)
71.0
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.evaluasi.pengaturan import normalisasi_bobot
from indicators.skor.kerangka import DIMENSI, PILAR

ANKER_INDEKS_CAPAIAN = "indeks-capaian"   # the section of the method page that compares the two indices


@dataclass(frozen=True)
class HasilIndeks:
    """``indeks`` (NaN when the evidence carries too little weight), ``bobot_tercakup`` (share of
    dimension weight with a score), ``dimensi`` (per dimension: bobot, skor, kontribusi, n_pilar) and
    ``pilar`` (per pillar: its five cell scores, indeks, bobot_tercakup)."""
    indeks: float
    bobot_tercakup: float
    dimensi: pd.DataFrame
    pilar: pd.DataFrame


def indeks_capaian(matriks: pd.DataFrame, bobot: Mapping[str, float], bobot_pilar: Mapping[str, float] | None = None,
                   ambang: float = 0.5) -> HasilIndeks:
    """The achievement index from the cell scores (``matriks``: pilar, dimensi, skor).

    ``bobot`` are the dimension weights (any positive scale), ``bobot_pilar`` pillar weights (default
    equal), ``ambang`` the minimum share of dimension weight that must have a score.
    """
    w = normalisasi_bobot(bobot)
    if not 0 <= ambang <= 1:
        raise ValueError("ambang harus di antara 0 dan 1")
    for k in ("pilar", "dimensi", "skor"):
        if k not in matriks.columns:
            raise ValueError(f"matriks: kolom {k!r} tidak ada")
    pilar = [p for p in PILAR if p in set(matriks["pilar"])]
    wp = dict.fromkeys(pilar, 1.0) if bobot_pilar is None else {p: float(bobot_pilar.get(p, 0.0)) for p in pilar}
    if any(v < 0 for v in wp.values()):
        raise ValueError("bobot pilar harus >= 0")
    c = matriks.pivot_table(index="pilar", columns="dimensi", values="skor", aggfunc="first", dropna=False)
    c = c.reindex(index=pilar, columns=list(DIMENSI)).astype(float)
    wpv = np.array([wp[p] for p in pilar])
    rows_d = []
    for d in DIMENSI:
        x = c[d].to_numpy()
        ada = ~np.isnan(x) & (wpv > 0)
        skor = float((x[ada] * wpv[ada]).sum() / wpv[ada].sum()) if ada.any() else np.nan
        rows_d.append({"dimensi": d, "bobot": w[d], "skor": skor,
                       "kontribusi": w[d] * skor if not np.isnan(skor) else np.nan, "n_pilar": int(ada.sum())})
    td = pd.DataFrame(rows_d)

    def gabung(skor: np.ndarray) -> tuple[float, float]:
        ada = ~np.isnan(skor)
        tercakup = float(sum(w[d] for d, a in zip(DIMENSI, ada, strict=True) if a))
        if not ada.any() or tercakup < ambang - 1e-12:
            return np.nan, tercakup
        return float(sum(w[d] * s for d, s, a in zip(DIMENSI, skor, ada, strict=True) if a) / tercakup), tercakup

    indeks, tercakup = gabung(td["skor"].to_numpy())
    tp = c.reset_index()
    hasil_p = [gabung(c.loc[p].to_numpy()) for p in pilar]
    tp["indeks"] = [h[0] for h in hasil_p]
    tp["bobot_tercakup"] = [h[1] for h in hasil_p]
    tp.columns.name = None
    return HasilIndeks(indeks, tercakup, td, tp)
