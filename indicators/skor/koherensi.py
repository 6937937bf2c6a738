"""Step 9 of docs/metode.md: statistical coherence of the framework on the scored units.

- Pearson correlations of each normalised indicator with its pillar score and of each pillar with
  the index (pairwise-complete units, at least 3), flagged ``negatif`` (r < 0),
  ``tidak_signifikan`` (p ≥ 0.05) or ``redundan`` (r > 0.9).
- Cronbach's alpha per pillar on its normalised indicators (units with every value present):
  α = k² · mean off-diagonal covariance / sum of all covariances.

>>> import numpy as np
>>> round(cronbach_alpha(np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]])), 4)
0.9474
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import pearsonr

from indicators.skor.pipeline import HasilSkor

BATAS_P = 0.05
BATAS_REDUNDAN = 0.9


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``x`` (rows with a missing value dropped); NaN if undefined."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or len(x) < 2:
        return float("nan")
    c = np.cov(x, rowvar=False)
    total = c.sum()
    if total <= 0:
        return float("nan")
    luar = (total - np.trace(c)) / (k * (k - 1))
    return float(k * k * luar / total)


def _korelasi(a: np.ndarray, b: np.ndarray) -> tuple[float, float, int]:
    ada = ~np.isnan(a) & ~np.isnan(b)
    n = int(ada.sum())
    if n < 3 or np.ptp(a[ada]) == 0 or np.ptp(b[ada]) == 0:
        return float("nan"), float("nan"), n
    r = pearsonr(a[ada], b[ada])
    return float(r.statistic), float(r.pvalue), n


def _tanda(r: float, p: float) -> str:
    if np.isnan(r):
        return ""
    t = []
    if r < 0:
        t.append("negatif")
    if p >= BATAS_P:
        t.append("tidak_signifikan")
    if r > BATAS_REDUNDAN:
        t.append("redundan")
    return ",".join(t)


@dataclass(frozen=True)
class Koherensi:
    """``korelasi``: jenis (indikator_pilar | pilar_indeks), id, induk, r, p, n, tanda.
    ``alpha``: pilar, alpha, k (indicators), n (complete units)."""
    korelasi: pd.DataFrame
    alpha: pd.DataFrame


def koherensi(hasil: HasilSkor) -> Koherensi:
    """Correlations and Cronbach's alpha of a scoring result (see the module docstring).

    >>> import pandas as pd
    >>> from indicators.skor.kerangka import muat_kerangka
    >>> from indicators.skor.pipeline import skor
    >>> k = muat_kerangka()
    >>> ids = [i.id for i in k.untuk_tingkat("kecamatan").indikator]
    >>> nilai = pd.DataFrame([[float(u + j % 3) for j in range(len(ids))] for u in range(4)], columns=ids,
    ...                      index=[f"18.02.0{u}" for u in range(1, 5)])
    >>> list(koherensi(skor(nilai, k, "kecamatan")).alpha.columns)
    ['pilar', 'alpha', 'k', 'n']
    """
    s = hasil.siapan.struktur
    t = hasil.skor.set_index("kode_wilayah")
    baris = []
    for j, ind in enumerate(s.indikator):
        pilar = s.pilar[int(np.argmax(s.pilar_indikator[j]))]
        r, p, n = _korelasi(hasil.normal[ind].to_numpy(), t[pilar].to_numpy(dtype=float))
        baris.append(("indikator_pilar", ind, pilar, r, p, n, _tanda(r, p)))
    for pilar in s.pilar:
        r, p, n = _korelasi(t[pilar].to_numpy(dtype=float), t["indeks"].to_numpy(dtype=float))
        baris.append(("pilar_indeks", pilar, "indeks", r, p, n, _tanda(r, p)))
    korelasi = pd.DataFrame(baris, columns=["jenis", "id", "induk", "r", "p", "n", "tanda"])
    alpha = []
    for q, pilar in enumerate(s.pilar):
        anggota = [s.indikator[j] for j in np.flatnonzero(s.pilar_indikator[:, q])]
        x = hasil.normal[anggota].to_numpy()
        alpha.append((pilar, cronbach_alpha(x), len(anggota), int((~np.isnan(x).any(axis=1)).sum())))
    return Koherensi(korelasi, pd.DataFrame(alpha, columns=["pilar", "alpha", "k", "n"]))
