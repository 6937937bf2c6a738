"""Steps 3 and 4 of docs/metode.md: missing values (imputation, always flagged) and COINr's outlier rule.

Both work on raw values in natural units and return the treated matrix plus an audit block
(``audit.blok``: unit and indicator positions, treatment, old value, new value, note).

Imputation (``IMPUTASI``), every filled cell recorded:

- ``tidak_ada`` (default): nothing imputed; the available-case mean later re-weights the present
  indicators;
- ``median_kelompok`` / ``rata_kelompok``: the median / mean of the same indicator among the units of
  the unit's group (a village's kecamatan, a kecamatan's kabupaten, or any declared grouping);
- ``periode_lalu``: the unit's own value of the previous period (last observation carried forward).

Outliers (``PERLAKUAN``; COINr ``Treat`` defaults, read from its published source): an indicator
*passes* when |skewness| < 2 **or** kurtosis < 3.5 (sample skewness and excess kurtosis, e1071 type 2
as COINr and Excel; at least 4 values), so it *fails* when |skew| ≥ 2 and kurtosis ≥ 3.5 — both
thresholds inclusive on the failing side. A failing indicator is winsorised one extreme at a time
(the highest value(s) set to the next highest when skew ≥ 0, else the lowest to the next lowest) while
it fails and fewer than 5 points have been winsorised; if it still fails, the ORIGINAL values are
log-transformed instead:

- ``bawaan`` (default, COINr ``log_CT``): log(x − min + 0.01·(max − min)), whatever the sign of the skew;
- ``log_cermin`` (a named alternative, not the reference): for a negative skew the same transform of
  the mirrored values, −log(−x − min(−x) + 0.01·(max − min)), which stretches the long low tail
  instead of compressing the high end; the order of units is kept by both;
- ``tidak_ada``: no outlier treatment.

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
PERLAKUAN = ("bawaan", "log_cermin", "tidak_ada")
NAMA_PERLAKUAN = {
    "bawaan": {"id": "Bawaan COINr (winsorisasi, lalu log)", "en": "COINr default (winsorise, then log)"},
    "log_cermin": {"id": "Log cermin untuk skew negatif", "en": "Mirrored log for a negative skew"},
    "tidak_ada": {"id": "Tanpa perlakuan pencilan", "en": "No outlier treatment"},
}


RUMUS_PERLAKUAN = {
    "bawaan": {"id": "gagal bila |skew| ≥ 2 dan kurtosis ≥ 3,5 → winsorisasi ≤ 5 titik → bila masih gagal: "
                     "log(x − min + 0,01·(maks − min)) pada nilai asli",
               "en": "fails when |skew| ≥ 2 and kurtosis ≥ 3.5 → winsorise ≤ 5 points → if it still fails: "
                     "log(x − min + 0.01·(max − min)) of the original values"},
    "log_cermin": {"id": "seperti bawaan, tetapi untuk skew negatif −log(−x − min(−x) + 0,01·(maks − min))",
                   "en": "as the default, but for a negative skew −log(−x − min(−x) + 0.01·(max − min))"},
    "tidak_ada": {"id": "nilai dipakai apa adanya", "en": "values used as they are"},
}
RUMUS_IMPUTASI = {
    "tidak_ada": {"id": "tidak diisi; rata-rata kasus tersedia membobot ulang indikator yang ada",
                  "en": "not filled; the available-case mean re-weights the indicators present"},
    "median_kelompok": {"id": "median indikator yang sama di antara wilayah sekelompok (kecamatan/kabupaten induk)",
                        "en": "median of the same indicator among the units of the group (parent kecamatan/regency)"},
    "rata_kelompok": {"id": "rata-rata indikator yang sama di antara wilayah sekelompok",
                      "en": "mean of the same indicator among the units of the group"},
    "periode_lalu": {"id": "nilai wilayah itu sendiri pada periode sebelumnya",
                     "en": "the unit's own value in the previous period"},
}


def _skew_kurt(v: np.ndarray) -> tuple[float, float]:
    with np.errstate(all="ignore"):   # a (numerically) constant column: NaN, i.e. no outlier
        return float(skew(v, bias=False)), float(kurtosis(v, fisher=True, bias=False))


def gagal_outlier(v: np.ndarray) -> bool:
    """COINr's check: True when |skew| ≥ 2 and kurtosis ≥ 3.5 (fewer than 4 values or no spread: False).

    >>> gagal_outlier(np.array([1.0, 2.0, 3.0, np.nan]))
    False
    """
    v = v[~np.isnan(v)]
    if len(v) < 4 or np.ptp(v) == 0:
        return False
    s, k = _skew_kurt(v)
    return abs(s) >= BATAS_SKEW and k >= BATAS_KURT


def log_ct(v: np.ndarray) -> np.ndarray:
    """COINr's ``log_CT``: log(x − min + 0.01·(max − min)), NaN kept.

    >>> log_ct(np.array([0.0, 100.0, np.nan])).round(4).tolist()    # log(1), log(101)
    [0.0, 4.6151, nan]
    """
    lo, hi = np.nanmin(v), np.nanmax(v)
    return np.log(v - lo + 0.01 * (hi - lo))


def _winsorisasi(v: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """Winsorise while the column fails and fewer than ``MAKS_WINSOR`` points are treated."""
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
    return w, titik


def _satu_kolom(v: np.ndarray, metode: str) -> tuple[np.ndarray, list[tuple[int, str, float, float]]]:
    """Treat one indicator column; returns the new column and (unit, treatment, old, new) rows."""
    asli = v.copy()
    w, titik = _winsorisasi(v)
    if not gagal_outlier(w):
        return w, [(p, t, float(asli[p]), float(w[p])) for p, t in sorted(titik.items())]
    ada = ~np.isnan(asli)
    if metode == "log_cermin" and _skew_kurt(asli[ada])[0] < 0:
        y, nama = -log_ct(-asli), "log_cermin"
    else:
        y, nama = log_ct(asli), "log"
    return y, [(int(p), nama, float(asli[p]), float(y[p])) for p in np.flatnonzero(ada)]


def perlakukan_outlier(x: np.ndarray, metode: str = "bawaan") -> tuple[np.ndarray, Blok]:
    """Apply the outlier treatment ``metode`` (``PERLAKUAN``) to every indicator column that fails the rule."""
    if metode not in PERLAKUAN:
        raise ValueError(f"perlakuan pencilan tidak dikenal {metode!r}; pilih dari {', '.join(PERLAKUAN)}")
    y = np.array(x, dtype=float, copy=True)
    audit = []
    if metode == "tidak_ada":
        return y, gabung(audit)
    for j in range(y.shape[1]):
        if not gagal_outlier(y[:, j]):
            continue
        y[:, j], titik = _satu_kolom(y[:, j], metode)
        catatan = "aturan pencilan COINr (|skew| ≥ 2 dan kurtosis ≥ 3,5)"
        for t in dict.fromkeys(p[1] for p in titik):
            pilih = [p for p in titik if p[1] == t]
            audit.append(blok([p[0] for p in pilih], j, t, catatan, [p[2] for p in pilih], [p[3] for p in pilih]))
    return y, gabung(audit)


def tanpa_imputasi(x: np.ndarray, kelompok: np.ndarray, x_lalu: np.ndarray | None) -> tuple[np.ndarray, Blok]:
    return x, gabung([])


def _statistik_kelompok(x: np.ndarray, kelompok: np.ndarray, fungsi: str, keterangan: str) -> tuple[np.ndarray, Blok]:
    """Fill a missing value with ``fungsi`` (median, mean) of the same indicator among the unit's group;
    a unit without a group (None) is not filled."""
    df = pd.DataFrame(x)
    label = pd.Series(kelompok, dtype=object)
    stat = df.groupby(label.to_numpy(), dropna=True).transform(fungsi).to_numpy(dtype=float, copy=True)
    stat[label.isna().to_numpy()] = np.nan
    hilang = np.isnan(x) & ~np.isnan(stat)
    y = np.where(hilang, stat, x)
    u, j = np.nonzero(hilang)
    return y, blok(u, j, "diimputasi", keterangan, np.nan, y[u, j])


def median_kelompok(x: np.ndarray, kelompok: np.ndarray, x_lalu: np.ndarray | None) -> tuple[np.ndarray, Blok]:
    return _statistik_kelompok(x, kelompok, "median", "median kelompok")


def rata_kelompok(x: np.ndarray, kelompok: np.ndarray, x_lalu: np.ndarray | None) -> tuple[np.ndarray, Blok]:
    return _statistik_kelompok(x, kelompok, "mean", "rata-rata kelompok")


def periode_lalu(x: np.ndarray, kelompok: np.ndarray, x_lalu: np.ndarray | None) -> tuple[np.ndarray, Blok]:
    """Fill a missing value with the unit's own value of the previous period (when it has one)."""
    if x_lalu is None:
        return x, gabung([])
    hilang = np.isnan(x) & ~np.isnan(x_lalu)
    y = np.where(hilang, x_lalu, x)
    u, j = np.nonzero(hilang)
    return y, blok(u, j, "diimputasi", "nilai periode sebelumnya", np.nan, y[u, j])


IMPUTASI: dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray | None], tuple[np.ndarray, Blok]]] = {
    "tidak_ada": tanpa_imputasi,
    "median_kelompok": median_kelompok,
    "rata_kelompok": rata_kelompok,
    "periode_lalu": periode_lalu,
}
NAMA_IMPUTASI = {
    "tidak_ada": {"id": "Tanpa imputasi (rata-rata kasus tersedia)", "en": "No imputation (available-case mean)"},
    "median_kelompok": {"id": "Median kelompok (ditandai)", "en": "Group median (flagged)"},
    "rata_kelompok": {"id": "Rata-rata kelompok (ditandai)", "en": "Group mean (flagged)"},
    "periode_lalu": {"id": "Nilai periode sebelumnya (ditandai)", "en": "Previous period's value (flagged)"},
}


def imputasikan(x: np.ndarray, kelompok: np.ndarray, metode: str = "tidak_ada",
                x_lalu: np.ndarray | None = None) -> tuple[np.ndarray, Blok]:
    """Dispatch to one imputation method (``kelompok``: group label of each unit, None = no group;
    ``x_lalu``: the same matrix for the previous period, for ``periode_lalu``).

    >>> import numpy as np
    >>> x = np.array([[1.0], [3.0], [np.nan], [10.0]])
    >>> imputasikan(x, np.array(["a", "a", "a", "b"]), "median_kelompok")[0].ravel().tolist()
    [1.0, 3.0, 2.0, 10.0]
    """
    if metode not in IMPUTASI:
        raise ValueError(f"metode imputasi tidak dikenal {metode!r}; pilih dari {', '.join(IMPUTASI)}")
    lalu = None if x_lalu is None else np.asarray(x_lalu, dtype=float)
    return IMPUTASI[metode](np.asarray(x, dtype=float), np.asarray(kelompok, dtype=object), lalu)
