"""Step 5 of docs/metode.md: normalisation of indicator values onto 0–100 (100 = best), one piece per method.

Every method takes the raw matrix ``x`` (units × indicators, NaN = missing) and the indicators'
``Arah`` (direction, worst and best goalposts) and returns scores (100 = best; in [0, 100] for every
method except the z-score, which is unbounded) with NaN kept, plus an audit block (``audit.blok``).
``NORMALISASI`` is the dispatcher; ``berbasis_data`` marks methods whose result depends on the other
units (COINr's outlier treatment applies only to those).

- ``goalposts`` (default): (x − worst)/(best − worst)·100, truncated to [0, 100]. Comparable across
  periods and districts. An indicator without goalposts falls back to min-max (recorded).
- ``minmax``: (x − min)/(max − min)·100 across the units; NOT comparable across periods or districts.
- ``zskor``: 50 + 10·z, z = (x − mean)/sd with the sample standard deviation; NOT truncated (as
  the reference): with n units |z| ≤ (n − 1)/√n, so scores outside [0, 100] need |z| > 5. Truncating
  to [0, 100] is a declared option of the pipeline (``PengaturanSkor.potong_zskor``, recorded).
- ``peringkat_persentil``: (rank − 1)/(n − 1)·100, ties averaged.
- ``jarak_target``: (x − min)/(best − min)·100 capped at 100 (COINr's distance to target, target =
  the best goalpost); falls back to min-max without goalposts.
A column without spread (all equal, or a single unit) gets 50 under the data-driven methods.

>>> import numpy as np
>>> arah = Arah(np.array([1.0, -1.0]), np.array([0.0, 30.0]), np.array([100.0, 14.0]))
>>> goalposts(np.array([[50.0, 22.0], [120.0, 10.0]]), arah)[0].tolist()
[[50.0, 50.0], [100.0, 100.0]]
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata

from indicators.skor.audit import Blok, blok, gabung, saring

SEDANG = 50.0


@dataclass(frozen=True)
class Arah:
    """Per indicator: ``tanda`` +1 (higher is better) or −1, goalposts ``terburuk``/``terbaik`` (NaN if none)."""
    tanda: np.ndarray
    terburuk: np.ndarray
    terbaik: np.ndarray


def _audit(mask: np.ndarray, perlakuan: str, keterangan: str, x: np.ndarray | None = None,
           y: np.ndarray | None = None) -> Blok:
    """An audit block for the cells (or, for a 1-D mask, the whole indicators) where ``mask``."""
    if mask.ndim == 1:
        j = np.flatnonzero(mask)
        return blok(np.full(len(j), -1), j, perlakuan, keterangan)
    u, j = np.nonzero(mask)
    return blok(u, j, perlakuan, keterangan, x[u, j] if x is not None else np.nan, y[u, j] if y is not None else np.nan)


def _hanya(a: Blok, kolom: np.ndarray) -> Blok:
    """The rows of an audit block about the indicators selected by boolean ``kolom``."""
    return saring(a, kolom[a["j"]])


def _orientasi(x: np.ndarray, arah: Arah) -> np.ndarray:
    return x * arah.tanda[None, :]


def minmax(x: np.ndarray, arah: Arah) -> tuple[np.ndarray, Blok]:
    o = _orientasi(x, arah)
    lo = np.min(np.where(np.isnan(o), np.inf, o), axis=0, initial=np.inf)
    hi = np.max(np.where(np.isnan(o), -np.inf, o), axis=0, initial=-np.inf)
    rentang = hi - lo
    with np.errstate(all="ignore"):
        y = (o - lo) / rentang * 100
    datar = ~(rentang > 0)
    y[:, datar] = SEDANG
    y[np.isnan(x)] = np.nan
    ada = ~np.all(np.isnan(x), axis=0)
    return y, _audit(datar & ada, "tanpa_sebaran", "semua nilai sama: skor 50")


def goalposts(x: np.ndarray, arah: Arah) -> tuple[np.ndarray, Blok]:
    ada_gp = ~np.isnan(arah.terburuk) & ~np.isnan(arah.terbaik)
    with np.errstate(all="ignore"):
        y = (x - arah.terburuk[None, :]) / (arah.terbaik - arah.terburuk)[None, :] * 100
    audit = _audit((y < 0) | (y > 100), "dipotong", "di luar goalposts: dipotong ke 0 atau 100", x, np.clip(y, 0, 100))
    y = np.clip(y, 0, 100)
    if not ada_gp.all():
        cadangan, a2 = minmax(x, arah)
        y[:, ~ada_gp] = cadangan[:, ~ada_gp]
        audit = gabung([audit, _audit(~ada_gp, "tanpa_goalposts", "tidak ada goalposts: dinormalkan min-max"),
                        _hanya(a2, ~ada_gp)])
    return y, audit


def zskor(x: np.ndarray, arah: Arah) -> tuple[np.ndarray, Blok]:
    o = _orientasi(x, arah)
    n = np.sum(~np.isnan(o), axis=0)
    with np.errstate(all="ignore"):
        rata = np.nansum(o, axis=0) / n
        d = o - rata
        # deviations scaled by the largest before squaring: tiny spreads (1e-159) would otherwise
        # underflow into subnormal numbers, and z would exceed its theoretical bound
        skala = np.nanmax(np.abs(d), axis=0, initial=0.0, where=~np.isnan(d))
        sb = skala * np.sqrt(np.nansum((d / skala) ** 2, axis=0) / (n - 1))
        y = SEDANG + 10 * d / sb
    datar = ~(sb > 0)
    y[:, datar] = SEDANG
    y[np.isnan(x)] = np.nan
    return y, _audit(datar & (n > 0), "tanpa_sebaran", "simpangan baku nol: skor 50")


def potong(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Blok]:
    """Scores truncated to [0, 100], every truncated cell recorded (``x`` the raw values for the audit).

    >>> potong(np.array([[-3.0], [50.0], [104.0]]), np.array([[1.0], [2.0], [3.0]]))[0].ravel().tolist()
    [0.0, 50.0, 100.0]
    """
    with np.errstate(invalid="ignore"):
        luar = (y < 0) | (y > 100)
    z = np.clip(y, 0, 100)
    return z, _audit(luar, "dipotong", "skor-z di luar 0–100: dipotong", x, z)


def peringkat_persentil(x: np.ndarray, arah: Arah) -> tuple[np.ndarray, Blok]:
    o = _orientasi(x, arah)
    y = np.full_like(o, np.nan)
    for j in range(o.shape[1]):
        ada = ~np.isnan(o[:, j])
        n = int(ada.sum())
        if n == 1:
            y[ada, j] = SEDANG
        elif n > 1:
            y[ada, j] = (rankdata(o[ada, j], method="average") - 1) / (n - 1) * 100
    return y, gabung([])


def jarak_target(x: np.ndarray, arah: Arah) -> tuple[np.ndarray, Blok]:
    o = _orientasi(x, arah)
    target = arah.terbaik * arah.tanda
    with np.errstate(all="ignore"):
        lo = np.min(np.where(np.isnan(o), np.inf, o), axis=0, initial=np.inf)
        y = (o - lo) / (target - lo) * 100
    sudah = ~(target - lo > 0)  # every unit already at or beyond the target
    y[:, sudah] = 100.0
    y = np.clip(y, 0, 100)
    y[np.isnan(x)] = np.nan
    tanpa = np.isnan(arah.terbaik)
    audit = gabung([])
    if tanpa.any():
        cadangan, a2 = minmax(x, arah)
        y[:, tanpa] = cadangan[:, tanpa]
        audit = gabung([_audit(tanpa, "tanpa_goalposts", "tidak ada target: dinormalkan min-max"), _hanya(a2, tanpa)])
    return y, audit


@dataclass(frozen=True)
class Normaliser:
    """One method: the function, whether it depends on the other units, its name and what it means
    for comparisons (shown on the methodology page)."""
    fungsi: Callable[[np.ndarray, Arah], tuple[np.ndarray, Blok]]
    berbasis_data: bool
    nama: dict
    keterangan: dict


_RELATIF = {"id": "Relatif terhadap wilayah lain pada periode yang sama: skor tidak dapat dibandingkan antarperiode "
                  "atau antarkabupaten.",
            "en": "Relative to the other units of the same period: scores are not comparable across periods or "
                  "districts."}
NORMALISASI: dict[str, Normaliser] = {
    "goalposts": Normaliser(goalposts, False, {"id": "Goalposts (terburuk–terbaik)", "en": "Goalposts (worst–best)"},
                            {"id": "Batas tetap dalam satuan asli: skor dapat dibandingkan antarperiode dan "
                                   "antarkabupaten.",
                             "en": "Fixed bounds in natural units: scores are comparable across periods and "
                                   "districts."}),
    "minmax": Normaliser(minmax, True, {"id": "Min-maks antarwilayah", "en": "Min-max across units"}, _RELATIF),
    "zskor": Normaliser(zskor, True, {"id": "Skor-z (50 + 10z, tanpa batas)", "en": "z-score (50 + 10z, unbounded)"},
                         _RELATIF),
    "peringkat_persentil": Normaliser(peringkat_persentil, False,
                                      {"id": "Peringkat persentil", "en": "Percentile rank"}, _RELATIF),
    "jarak_target": Normaliser(jarak_target, False, {"id": "Jarak ke target", "en": "Distance to target"},
                               {"id": "Target tetap, tetapi titik nol adalah nilai terendah periode itu: hanya "
                                      "sebagian dapat dibandingkan antarperiode.",
                                "en": "A fixed target, but the zero is the period's lowest value: only partly "
                                      "comparable across periods."}),
}


# each method's formula as the methodology page states it (x oriented so that higher is better)
RUMUS = {
    "goalposts": {"id": "(x − terburuk) / (terbaik − terburuk) · 100, dipotong ke 0–100",
                  "en": "(x − worst) / (best − worst) · 100, truncated to 0–100"},
    "minmax": {"id": "(x − min) / (maks − min) · 100 antarwilayah periode itu",
               "en": "(x − min) / (max − min) · 100 across the period's units"},
    "zskor": {"id": "50 + 10 · (x − rata-rata) / simpangan baku (sampel); tanpa batas kecuali dipotong",
              "en": "50 + 10 · (x − mean) / standard deviation (sample); unbounded unless truncated"},
    "peringkat_persentil": {"id": "(peringkat − 1) / (n − 1) · 100, seri dirata-rata",
                            "en": "(rank − 1) / (n − 1) · 100, ties averaged"},
    "jarak_target": {"id": "(x − min) / (terbaik − min) · 100, maksimum 100",
                     "en": "(x − min) / (best − min) · 100, at most 100"},
}


def normalisasikan(x: np.ndarray, arah: Arah, metode: str = "goalposts") -> tuple[np.ndarray, Blok]:
    """Dispatch to one normalisation method; ``ValueError`` naming the methods when unknown.

    >>> import numpy as np
    >>> arah = Arah(np.array([1.0]), np.array([np.nan]), np.array([np.nan]))
    >>> normalisasikan(np.array([[1.0], [3.0], [np.nan]]), arah, "minmax")[0].ravel().tolist()
    [0.0, 100.0, nan]
    """
    if metode not in NORMALISASI:
        raise ValueError(f"metode normalisasi tidak dikenal {metode!r}; pilih dari {', '.join(NORMALISASI)}")
    return NORMALISASI[metode].fungsi(np.asarray(x, dtype=float), arah)
