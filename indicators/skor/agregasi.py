"""Step 7 of docs/metode.md: aggregation, one piece per method, vectorised over runs.

Every method takes scores ``x`` of shape (runs, units, members) (NaN = missing; in [0, 100] except
unbounded z-scores) and a weight array ``w`` of shape (runs, members, groups) — member j's weight in
group g, 0 when it is not a member — and returns group scores (runs, units, groups), in [0, 100]
whenever the members are. Missing members are left out
and the remaining weights re-normalised (the available-case mean); a unit with no member present
gets NaN. The same code serves one nominal run (runs = 1) and the uncertainty analysis (runs = N).

- ``aritmetika`` (default): weighted arithmetic mean.
- ``geometrik``: weighted geometric mean on the 1–100 scale (y = 1 + 0.99·x), mapped back to 0–100;
  compensates less for a weak member. It needs positive values: a score below 0 (only an unbounded
  z-score can be) is floored at 0 first — ``LANTAI_GEOMETRIK``; the pipeline records each floored cell.
- ``copeland``: COINr's Copeland outranking: for each pair of units, the weighted vote of the
  members both have; score = wins − losses, rescaled to 0–100 by (s + n − 1)/(2(n − 1))·100 among
  the n units with data. O(n²) per group and run: refused above ``BATAS_COPELAND`` units.

>>> import numpy as np
>>> x = np.array([[[100.0, 0.0], [50.0, np.nan]]])     # 1 run, 2 units, 2 members
>>> w = np.array([[[3.0], [1.0]]])                       # weights 3 and 1, one group
>>> aritmetika(x, w)[0, :, 0].tolist()
[75.0, 50.0]
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

BATAS_COPELAND = 5000
LANTAI_GEOMETRIK = 0.0


def _kali(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """(r|1, u, j) @ (r, j, g) → (r, u, g); values shared by all runs go through one 2-D product."""
    if x.shape[0] == 1 and w.shape[0] > 1:
        r, j, g = w.shape
        return (x[0] @ w.transpose(1, 0, 2).reshape(j, r * g)).reshape(x.shape[1], r, g).transpose(1, 0, 2)
    return np.matmul(x, w)


def _rata_tertimbang(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    ada = ~np.isnan(x)
    x0 = np.where(ada, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pembilang = _kali(x0, w)
        penyebut = _kali(ada.astype(float), w)
        return np.where(penyebut > 0, pembilang / np.where(penyebut > 0, penyebut, 1.0), np.nan)


def _dalam_rentang(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A mean lies within its members' range: clip float noise (100.00000000000004) to the range of
    the scores, [0, 100] when they all lie there (an unbounded z-score widens it)."""
    if not np.isfinite(x).any():
        return y
    lo, hi = min(float(np.nanmin(x)), 0.0), max(float(np.nanmax(x)), 100.0)
    return np.clip(y, lo, hi)


def aritmetika(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return _dalam_rentang(_rata_tertimbang(x, w), x)


def geometrik(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    x0 = np.maximum(x, LANTAI_GEOMETRIK)                       # NaN stays NaN
    log = np.log1p(0.99 * x0)                                  # log(1 + 0.99·x)
    return _dalam_rentang(np.expm1(_rata_tertimbang(log, w)) / 0.99, x0)


def copeland(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    r, u, _ = x.shape
    if u > BATAS_COPELAND:
        raise ValueError(f"agregasi Copeland dibatasi {BATAS_COPELAND} wilayah (O(n²)); ada {u} wilayah")
    out = np.full((r, u, w.shape[2]), np.nan)
    for a in range(r):
        for g in range(w.shape[2]):
            anggota = np.flatnonzero(w[a, :, g] > 0)
            xa = x[a][:, anggota]
            ada = ~np.all(np.isnan(xa), axis=1)
            n = int(ada.sum())
            if n == 0:
                continue
            if n == 1:
                out[a, ada, g] = 50.0
                continue
            xs = xa[ada]
            beda = np.nan_to_num(np.sign(xs[:, None, :] - xs[None, :, :]))   # (n, n, members), 0 if missing
            suara = np.sign(beda @ w[a, anggota, g])
            out[a, ada, g] = (suara.sum(axis=1) + n - 1) / (2 * (n - 1)) * 100
    return out


AGREGASI: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "aritmetika": aritmetika,
    "geometrik": geometrik,
    "copeland": copeland,
}
NAMA_AGREGASI = {
    "aritmetika": {"id": "Rata-rata aritmetika", "en": "Arithmetic mean"},
    "geometrik": {"id": "Rata-rata geometrik (skala 1–100)", "en": "Geometric mean (1–100 scale)"},
    "copeland": {"id": "Copeland (perbandingan berpasangan)", "en": "Copeland (pairwise outranking)"},
}


RUMUS_AGREGASI = {
    "aritmetika": {"id": "Σ wᵢ·xᵢ / Σ wᵢ atas anggota yang ada", "en": "Σ wᵢ·xᵢ / Σ wᵢ over the members present"},
    "geometrik": {"id": "(exp(Σ wᵢ·ln(1 + 0,99·xᵢ) / Σ wᵢ) − 1) / 0,99; skor < 0 dihitung 0",
                  "en": "(exp(Σ wᵢ·ln(1 + 0.99·xᵢ) / Σ wᵢ) − 1) / 0.99; a score < 0 counts as 0"},
    "copeland": {"id": "(menang − kalah + n − 1) / (2(n − 1)) · 100 dari suara tertimbang berpasangan",
                 "en": "(wins − losses + n − 1) / (2(n − 1)) · 100 from weighted pairwise votes"},
}


def agregasikan(x: np.ndarray, w: np.ndarray, metode: str = "aritmetika") -> np.ndarray:
    """Dispatch to one aggregation method; ``ValueError`` naming the methods when unknown.

    >>> import numpy as np
    >>> x = np.array([[[100.0, 1.0], [10.0, 10.0]]])
    >>> w = np.ones((1, 2, 1))
    >>> np.round(agregasikan(x, w, "geometrik")[0, :, 0], 4).tolist()
    [13.2391, 10.0]
    """
    if metode not in AGREGASI:
        raise ValueError(f"metode agregasi tidak dikenal {metode!r}; pilih dari {', '.join(AGREGASI)}")
    return AGREGASI[metode](np.asarray(x, dtype=float), np.asarray(w, dtype=float))
