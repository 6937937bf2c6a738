"""The framework as arrays and the aggregation up its hierarchy (docs/metode.md steps 6–8).

``struktur`` turns a (level-filtered) framework into membership matrices and weights,
``bobot_efektif`` gives each indicator's share of the index, ``agregasi_hierarki`` aggregates
indicators → elements → pillars → index for many runs at once (the nominal run and the uncertainty
analysis share it), ``peringkat`` ranks and ``label_kematangan`` maps the index onto maturity bands.

>>> from indicators.skor.kerangka import muat_kerangka
>>> s = struktur(muat_kerangka().untuk_tingkat("kabupaten"))
>>> len(s.pilar), s.w_pilar.tolist()
(6, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from indicators.skor.agregasi import agregasikan
from indicators.skor.kerangka import Kerangka
from indicators.skor.normalisasi import Arah

DESIMAL_PERINGKAT = 9   # scores are compared at this precision, so float noise never breaks a tie
TOLERANSI = 1e-9        # a share equal to its threshold passes (2 of 3 indicators meets 2/3)


@dataclass(frozen=True)
class Struktur:
    """The framework at one level as arrays: membership matrices, weights and directions."""
    indikator: tuple[str, ...]
    elemen: tuple[str, ...]
    pilar: tuple[str, ...]
    elemen_indikator: np.ndarray   # (k, E) one-hot
    pilar_elemen: np.ndarray       # (E, P) one-hot
    w_indikator: np.ndarray
    w_elemen: np.ndarray
    w_pilar: np.ndarray
    arah: Arah

    @property
    def pilar_indikator(self) -> np.ndarray:
        return self.elemen_indikator @ self.pilar_elemen


def struktur(kerangka: Kerangka, bobot: Mapping[str, float] | tuple = ()) -> Struktur:
    """Arrays of a (level-filtered) framework, with weight overrides applied.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = struktur(muat_kerangka().untuk_tingkat("desa"), {"governance": 2})
    >>> s.elemen_indikator.shape, s.w_pilar.tolist()
    ((25, 14), [2.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    """
    b = dict(bobot)
    tidak_dikenal = set(b) - {x.id for x in (*kerangka.pilar, *kerangka.elemen, *kerangka.indikator)}
    if tidak_dikenal:
        raise ValueError(f"bobot untuk id yang tidak ada dalam kerangka: {sorted(tidak_dikenal)}")
    ind, el, pl = kerangka.indikator, kerangka.elemen, kerangka.pilar
    ei = {e.id: n for n, e in enumerate(el)}
    pi = {p.id: n for n, p in enumerate(pl)}
    G = np.zeros((len(ind), len(el)))
    G[np.arange(len(ind)), [ei[i.elemen] for i in ind]] = 1.0
    H = np.zeros((len(el), len(pl)))
    H[np.arange(len(el)), [pi[e.pilar] for e in el]] = 1.0
    gp = np.array([i.goalposts if i.goalposts else (np.nan, np.nan) for i in ind], dtype=float).reshape(len(ind), 2)
    arah = Arah(np.array([1.0 if i.arah == "higher" else -1.0 for i in ind]), gp[:, 0], gp[:, 1])
    return Struktur(tuple(i.id for i in ind), tuple(e.id for e in el), tuple(p.id for p in pl), G, H,
                    np.array([b.get(i.id, i.bobot) for i in ind], dtype=float),
                    np.array([b.get(e.id, e.bobot) for e in el], dtype=float),
                    np.array([b.get(p.id, p.bobot) for p in pl], dtype=float), arah)


def bobot_efektif(s: Struktur) -> np.ndarray:
    """Each indicator's weight in the overall index when every value is present (sums to 1).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> w = bobot_efektif(struktur(muat_kerangka().untuk_tingkat("kabupaten")))
    >>> round(float(w.sum()), 12), round(float(w[0]), 6)     # gov_sla_layanan: 1/4 · 1/3 · 1/6
    (1.0, 0.013889)
    """
    def bagi(w, anggota):  # w_j / Σ weights of j's group
        total = anggota @ (anggota.T @ w)
        return np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    wi = bagi(s.w_indikator, s.elemen_indikator)
    we = bagi(s.w_elemen, s.pilar_elemen)
    wp = s.w_pilar / s.w_pilar.sum() if s.w_pilar.sum() > 0 else np.zeros_like(s.w_pilar)
    return wi * (s.elemen_indikator @ (we * (s.pilar_elemen @ wp)))


def cukup(ada: np.ndarray, anggota: np.ndarray, ambang: float) -> tuple[np.ndarray, np.ndarray]:
    """Per unit and group: the share of the group's members present, and whether it meets ``ambang``
    (inclusive; 0 lets every unit through, so imputed values alone may then carry a score).

    >>> share, ok = cukup(np.array([[True, True, False]]), np.ones((3, 1)), 2 / 3)
    >>> round(float(share[0, 0]), 4), bool(ok[0, 0])
    (0.6667, True)
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (ada.astype(float) @ anggota) / anggota.sum(axis=0)
    return share, share >= ambang - TOLERANSI


def agregasi_hierarki(n: np.ndarray, s: Struktur, w_ind: np.ndarray, w_el: np.ndarray, w_pil: np.ndarray,
                      mask_elemen: np.ndarray, mask_pilar: np.ndarray, ambang_indeks: float, metode: str
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indicators → elements → pillars → index for R runs at once.

    ``n`` normalised scores (units, k) or (R, units, k); weights (R, ·); ``mask_elemen`` (units, E) and
    ``mask_pilar`` (units, P) say which unit has enough data for which element and pillar (an element
    of a pillar without enough data is blank too); the index needs ``ambang_indeks`` of the pillars with
    weight > 0. Returns element (R, u, E), pillar (R, u, P) and index (R, u) scores.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = struktur(muat_kerangka().untuk_tingkat("kabupaten"))
    >>> n = np.full((1, len(s.indikator)), 60.0)
    >>> agregasi_hierarki(n, s, s.w_indikator[None], s.w_elemen[None], s.w_pilar[None],
    ...                   np.ones((1, len(s.elemen)), bool), np.ones((1, 6), bool), 2 / 3, "aritmetika")[2].tolist()
    [[60.0]]
    """
    x = n if n.ndim == 3 else n[None]
    el = agregasikan(x, w_ind[:, :, None] * s.elemen_indikator[None], metode)
    el = np.where((mask_elemen & (mask_pilar @ s.pilar_elemen.T > 0))[None], el, np.nan)
    pl = agregasikan(el, w_el[:, :, None] * s.pilar_elemen[None], metode)
    pl = np.where(mask_pilar[None], pl, np.nan)
    aktif = w_pil > 0
    ada = (~np.isnan(pl) & aktif[:, None, :]).sum(axis=2)
    idx = agregasikan(pl, w_pil[:, :, None], metode)[:, :, 0]
    return el, pl, np.where(ada >= ambang_indeks * aktif.sum(axis=1)[:, None] - TOLERANSI, idx, np.nan)


def peringkat(indeks: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score, ties share the best rank; NaN stays NaN. Works on (u,) or (R, u).

    >>> peringkat(np.array([50.0, np.nan, 70.0, 50.0])).tolist()
    [2.0, nan, 1.0, 2.0]
    """
    x = np.atleast_2d(np.round(indeks, DESIMAL_PERINGKAT))
    r = rankdata(np.where(np.isnan(x), np.inf, -x), method="min", axis=1).astype(float)
    r[np.isnan(x)] = np.nan
    return r.reshape(np.shape(indeks))


def label_kematangan(indeks: np.ndarray | pd.Series, kerangka: Kerangka) -> np.ndarray:
    """Maturity level (1…5, 0 where the index is missing) from the bands declared in the framework;
    an (unbounded z-score) index below 0 is level 1, above 100 the top level.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> label_kematangan(np.array([-4.0, 0.0, 19.99, 20.0, 79.9, 80.0, 100.0, np.nan]), muat_kerangka()).tolist()
    [1, 1, 1, 2, 4, 5, 5, 0]
    """
    batas = np.array([b.batas_bawah for b in kerangka.kematangan])
    level = np.array([b.level for b in kerangka.kematangan])
    x = np.asarray(indeks, dtype=float)
    pos = np.searchsorted(batas, np.where(np.isnan(x), 0.0, np.maximum(x, 0.0)), side="right") - 1
    return np.where(np.isnan(x), 0, level[np.clip(pos, 0, len(level) - 1)])
