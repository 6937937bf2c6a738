"""Who sees personal data: the ONE decision, taken from the role, for views and exports alike.

Roles: ``publik`` (any viewer, the default until sign-in exists) never sees personal columns and
gets phone numbers inside free text removed; ``petugas`` (officer) sees them masked
(``0812****5678``); ``admin`` sees them in full.

>>> samarkan_telepon("081234565678")
'0812****5678'
>>> bersihkan_teks("Hubungi 0812-3456-5678 ya", "publik")
'Hubungi [nomor disamarkan] ya'
"""
from __future__ import annotations

import re

import pandas as pd

from indicators.data import skema as _skema

PERAN = ("publik", "petugas", "admin")
# Indonesian mobile numbers, written with +62/62/0 and optional spaces, dots or dashes
# (brackets around the prefix, as in "(+62) 812-…" or "(0812) …", included)
POLA_TELEPON = re.compile(r"(?<!\d)\(?(?:\+62|62|0)\)?[\s.\-]?\(?8(?:\)?[\s.\-]?\d){7,11}(?!\d)")


def cek_peran(peran: str) -> str:
    if peran not in PERAN:
        raise ValueError(f"peran harus salah satu dari {PERAN}, bukan {peran!r}")
    return peran


def akses_pribadi(peran: str) -> str:
    """``hapus`` (removed), ``samar`` (masked) or ``penuh`` (full) for personal fields."""
    return {"publik": "hapus", "petugas": "samar", "admin": "penuh"}[cek_peran(peran)]


def samarkan_telepon(nomor) -> str:
    """Keep the first four and last four digits of a phone number."""
    if nomor is None or nomor is pd.NA or (isinstance(nomor, float) and nomor != nomor):
        return ""
    if "*" in str(nomor):  # already masked: masking twice must not hide what a role may see
        return str(nomor)
    d = re.sub(r"\D", "", str(nomor))
    if len(d) <= 8:
        return "*" * len(d)
    return d[:4] + "*" * (len(d) - 8) + d[-4:]


def samarkan_nama(nama) -> str:
    """Initials only: ``Siti Rahayu`` → ``S. R.``."""
    if nama is None or nama is pd.NA or (isinstance(nama, float) and nama != nama):
        return ""
    return " ".join(p[0].upper() + "." for p in str(nama).split() if p)


def bersihkan_teks(teks, peran: str) -> str:
    """Free text with phone numbers removed (publik) or masked (petugas); unchanged for admin."""
    if teks is None or teks is pd.NA or (isinstance(teks, float) and teks != teks):
        return teks
    akses = akses_pribadi(peran)
    if akses == "penuh":
        return teks
    if akses == "hapus":
        return POLA_TELEPON.sub("[nomor disamarkan]", str(teks))
    return POLA_TELEPON.sub(lambda m: samarkan_telepon(m.group(0)), str(teks))


def lindungi(df: pd.DataFrame, dataset: str, peran: str) -> pd.DataFrame:
    """The frame as the role may see or export it (a copy; the input is not changed)."""
    akses = akses_pribadi(peran)
    out = df.copy()
    if akses == "penuh":
        return out
    for kol in _skema.skema(dataset).kolom_pribadi:
        if kol not in out:
            continue
        if kol == "deskripsi" or kol.startswith("catatan"):
            out[kol] = out[kol].map(lambda t: bersihkan_teks(t, peran))
        elif akses == "hapus":
            out = out.drop(columns=kol)
        elif "telepon" in kol:
            out[kol] = out[kol].map(samarkan_telepon)
        else:
            out[kol] = out[kol].map(samarkan_nama)
    return out
