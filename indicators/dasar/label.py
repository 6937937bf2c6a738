"""Interface labels in Bahasa Indonesia and English, declared in ``data/label/*.yaml``.

One file per topic (``umum.yaml`` for what every page shares); a key may be declared only once.

>>> teks("halaman_ringkasan", "en")
'Overview'
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from indicators.dasar.pengaturan import DATA_DIR

BAHASA = ("id", "en")


@lru_cache(maxsize=1)
def semua_label() -> dict[str, dict[str, str]]:
    """Every label of every file; ValueError when two files declare the same key."""
    out: dict[str, dict[str, str]] = {}
    for f in sorted((DATA_DIR / "label").glob("*.yaml")):
        for k, v in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).items():
            if k in out:
                raise ValueError(f"label {k!r} dideklarasikan dua kali (lagi di {f.name})")
            out[k] = v
    return out


def teks(kunci: str, bahasa: str = "id") -> str:
    """The label ``kunci`` in ``bahasa``; KeyError for an undeclared label (caught by tests)."""
    if bahasa not in BAHASA:
        raise ValueError(f"bahasa harus salah satu dari {BAHASA}")
    return semua_label()[kunci][bahasa]


def nama_dataset(dataset: str, bahasa: str = "id") -> str:
    """A dataset as readers name it (its label ``data_nama_<key>``, capitalised), never its internal key;
    an unknown key stays as given.

    >>> nama_dataset("profil_desa"), nama_dataset("aduan_jalan", "en")
    ('Profil desa', 'Road complaints')
    """
    k = f"data_nama_{dataset}"
    if k not in semua_label():
        return str(dataset)
    n = teks(k, bahasa)
    return n[:1].upper() + n[1:]
