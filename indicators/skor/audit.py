"""The audit trail's building block: every treatment of a value, kept as plain column arrays (a
frame is built once, at the end, so a national run with many treated points stays fast).

A block has columns ``u`` (unit position, −1 for a whole indicator), ``j`` (indicator position),
``perlakuan``, ``nilai_lama``, ``nilai_baru``, ``keterangan``; the pipeline turns positions into
``kode_wilayah`` and indicator ids.

>>> b = gabung([blok([2], [0], "diimputasi", "median kelompok", baru=[3.0]), blok([], [], "x", "y")])
>>> tabel(b)[["u", "j", "perlakuan", "nilai_baru"]].values.tolist()
[[2, 0, 'diimputasi', 3.0]]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

KOLOM_BLOK = ("u", "j", "perlakuan", "nilai_lama", "nilai_baru", "keterangan")
Blok = dict[str, np.ndarray]


def blok(u, j, perlakuan: str, keterangan: str, lama=np.nan, baru=np.nan) -> Blok:
    """Audit rows for units ``u`` (−1: the whole indicator) and indicators ``j`` (same length)."""
    u = np.atleast_1d(np.asarray(u, dtype=np.int64))
    n = len(u)
    return {
        "u": u, "j": np.broadcast_to(np.asarray(j, dtype=np.int64), u.shape),
        "perlakuan": np.full(n, perlakuan, dtype=object),
        "nilai_lama": np.broadcast_to(np.asarray(lama, dtype=float), u.shape),
        "nilai_baru": np.broadcast_to(np.asarray(baru, dtype=float), u.shape),
        "keterangan": np.full(n, keterangan, dtype=object),
    }


def panjang(b: Blok) -> int:
    return len(b["u"])


def gabung(bagian: list[Blok]) -> Blok:
    """One block from several (an empty block when there is none)."""
    bagian = [b for b in bagian if panjang(b)]
    if not bagian:
        return blok([], [], "", "")
    return {k: np.concatenate([b[k] for b in bagian]) for k in KOLOM_BLOK}


def saring(b: Blok, pilih: np.ndarray) -> Blok:
    """The rows of a block where boolean ``pilih`` (one value per row) holds."""
    return {k: v[pilih] for k, v in b.items()}


def tabel(b: Blok) -> pd.DataFrame:
    """A block as a frame (for reading; the pipeline builds its own frame)."""
    return pd.DataFrame({k: b[k] for k in KOLOM_BLOK})
