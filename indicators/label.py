"""Interface labels in Bahasa Indonesia and English, declared in ``data/label.yaml``.

>>> teks("halaman_ringkasan", "en")
'Overview'
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from indicators.pengaturan import DATA_DIR

BAHASA = ("id", "en")


@lru_cache(maxsize=1)
def semua_label() -> dict[str, dict[str, str]]:
    return yaml.safe_load((DATA_DIR / "label.yaml").read_text(encoding="utf-8"))


def teks(kunci: str, bahasa: str = "id") -> str:
    """The label ``kunci`` in ``bahasa``; KeyError for an undeclared label (caught by tests)."""
    if bahasa not in BAHASA:
        raise ValueError(f"bahasa harus salah satu dari {BAHASA}")
    return semua_label()[kunci][bahasa]
