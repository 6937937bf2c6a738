"""Steps 3 and 4 of docs/metode.md: missing values (imputation, always flagged) and COINr's outlier rule.

Both work on raw values in natural units and return the treated matrix plus an audit block
(``audit.blok``: unit and indicator positions, treatment, old value, new value, note).

Imputation (``IMPUTASI``): ``tidak_ada`` (default: nothing imputed; the available-case mean later
re-weights the present indicators) or ``median_kelompok`` (the median of the same indicator in the
unit's group: a village's kecamatan, a kecamatan's kabupaten).

Outliers (COINr ``Treat`` defaults): an indicator fails when |skewness| > 2 and kurtosis > 3.5
(sample skewness and excess kurtosis, as Excel and e1071 type 2; at least 4 values). A failing
indicator is winsorised one extreme at a time (the highest value(s) set to the next highest when
skew ≥ 0, else the lowest to the next lowest) up to 5 points; if it still fails, the ORIGINAL values
are log-transformed instead: log(x − min + 0.01·(max − min)). For a negative skew the same transform
is applied to the mirrored values (−x) and mirrored back, so the order of units never flips.

>>> import numpy as np
>>> x = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0], [9.0], [100.0]])
>>> gagal_outlier(x[:, 0])
True
>>> y, audit = perlakukan_outlier(x)
>>> float(y[9, 0]), audit["perlakuan"][0]
(9.0, 'winsorisasi_atas')
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.stats import kurtosis, skew  # e1071 type 2 with bias=False

from indicators.skor.audit import Blok, blok, gabung

BATAS_SKEW = 2.0
BATAS_KURT = 3.5
MAKS_WINSOR = 5


def _skew_kurt(v: np.ndarray) -> tuple[float, float]:
    with np.errstate(all="ignore"):   # a (numerically) constant column: NaN, i.e. no outlier
        return float(skew(v, bias=False)), float(kurtosis(v, fisher=True, bias=False))


def gagal_outlier(v: np.ndarray) -> bool:
    """COINr's check: True when |skew| > 2 and kurtosis > 3.5 (fewer than 4 values or no spread: False)."""
    v = v[~np.isnan(v)]
    if len(v) < 4 or np.ptp(v) == 0:
        return False
    s, k = _skew_kurt(v)
    return abs(s) > BATAS_SKEW and k > BATAS_KURT


def _log_ct(v: np.ndarray) -> np.ndarray:
    lo, hi = np.nanmin(v), np.nanmax(v)
    return np.log(v - lo + 0.01 * (hi - lo))


def _satu_kolom(v: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str, float, float]]]:
    """Treat one indicator column; returns the new column and (unit, treatment, old, new) rows."""
    asli = v.copy()
    w = v.copy()
    titik: dict[int, str] = {}
    while gagal_outlier(w) and len(titik) < MAKS_WINSOR:
        ada = ~np.isnan(w)
        atas = not _skew_kurt(w[ada])[0] < 0
        ekstrem = np.nanmax(w) if atas else np.nanmin(w)
        posisi = np.flatnonzero(ada & (w == ekstrem))
        sisa = w[ada & (w != ekstrem)]
        if len(sisa) == 0:
            break
        w[posisi] = sisa.max() if atas else sisa.min()
        for p in posisi:
            titik[int(p)] = "winsorisasi_atas" if atas else "winsorisasi_bawah"
    if not gagal_outlier(w):
        return w, [(p, t, float(asli[p]), float(w[p])) for p, t in sorted(titik.items())]
    ada = ~np.isnan(asli)
    positif = not _skew_kurt(asli[ada])[0] < 0
    y = _log_ct(asli) if positif else -_log_ct(-asli)
    return y, [(int(p), "log", float(asli[p]), float(y[p])) for p in np.flatnonzero(ada)]


def perlakukan_outlier(x: np.ndarray) -> tuple[np.ndarray, Blok]:
    """Apply COINr's outlier treatment to every indicator column that fails the rule."""
    y = np.array(x, dtype=float, copy=True)
    audit = []
    for j in range(y.shape[1]):
        if not gagal_outlier(y[:, j]):
            continue
        y[:, j], titik = _satu_kolom(y[:, j])
        catatan = "aturan outlier COINr (|skew| > 2 dan kurtosis > 3,5)"
        for t in dict.fromkeys(p[1] for p in titik):
            pilih = [p for p in titik if p[1] == t]
            audit.append(blok([p[0] for p in pilih], j, t, catatan, [p[2] for p in pilih], [p[3] for p in pilih]))
    return y, gabung(audit)


def tanpa_imputasi(x: np.ndarray, kelompok: np.ndarray) -> tuple[np.ndarray, Blok]:
    return x, gabung([])


def median_kelompok(x: np.ndarray, kelompok: np.ndarray) -> tuple[np.ndarray, Blok]:
    """Fill a missing value with the median of the same indicator among the unit's group."""
    df = pd.DataFrame(x)
    med = df.groupby(kelompok).transform("median").to_numpy(dtype=float)
    hilang = np.isnan(x) & ~np.isnan(med)
    y = np.where(hilang, med, x)
    u, j = np.nonzero(hilang)
    return y, blok(u, j, "diimputasi", "median kelompok (wilayah induk)", np.nan, y[u, j])


IMPUTASI: dict[str, Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, Blok]]] = {
    "tidak_ada": tanpa_imputasi,
    "median_kelompok": median_kelompok,
}
NAMA_IMPUTASI = {
    "tidak_ada": {"id": "Tanpa imputasi (rata-rata kasus tersedia)", "en": "No imputation (available-case mean)"},
    "median_kelompok": {"id": "Median wilayah induk (ditandai)", "en": "Median of the parent area (flagged)"},
}


def imputasikan(x: np.ndarray, kelompok: np.ndarray, metode: str = "tidak_ada") -> tuple[np.ndarray, Blok]:
    """Dispatch to one imputation method (``kelompok``: group label of each unit).

    >>> import numpy as np
    >>> x = np.array([[1.0], [3.0], [np.nan], [10.0]])
    >>> imputasikan(x, np.array(["a", "a", "a", "b"]), "median_kelompok")[0].ravel().tolist()
    [1.0, 3.0, 2.0, 10.0]
    """
    if metode not in IMPUTASI:
        raise ValueError(f"metode imputasi tidak dikenal {metode!r}; pilih dari {', '.join(IMPUTASI)}")
    return IMPUTASI[metode](np.asarray(x, dtype=float), np.asarray(kelompok))
