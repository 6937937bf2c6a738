"""Who sees personal data: the ONE decision, taken from the role, for views and exports alike.

The level comes from the permission matrix (``data/peran.yaml``, ``kontak``): ``hapus`` (``publik``,
``pimpinan``) never sees personal columns and gets personal data inside free text removed; ``samar``
(``petugas``) sees it masked (``0812****5678``, ``3201********0001``, ``s***@desa.id``, ``S. R.``);
``penuh`` (``admin``) sees it in full.

Personal data inside free text: phone numbers however written (``+62``, ``62``, ``0``, brackets,
spaces, dots, hyphens, en/em dashes; mobile and landline), NIK (any 16-digit number, also grouped),
e-mail addresses and the reporter's own name. Detection is lokal-id's ``samaran`` detector (phone,
NIK, e-mail) with this module's patterns as a net under it (dash forms and NIKs it does not take).
Every text column of a dataset is cleaned, not only the personal ones.

>>> samarkan_telepon("081234565678")
'0812****5678'
>>> bersihkan_teks("Hubungi 0812–3456–5678 ya", "publik")
'Hubungi [nomor disamarkan] ya'
>>> bersihkan_teks("NIK 3201234567890001, siti@desa.id", "petugas")
'NIK 3201********0001, s***@desa.id'
"""
from __future__ import annotations

import re

import pandas as pd
from lokal import detect_pii, partial_mask

from indicators.akses.peran import cek_peran, daftar_peran, tingkat_kontak
from indicators.data import skema as _skema

_STRIP = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # hyphens, dashes, minus signs
_SPASI = "\u00a0\u2007\u2009\u202f"  # no-break and thin spaces
_SERAGAM = str.maketrans({**dict.fromkeys(_STRIP, "-"), **dict.fromkeys(_SPASI, " ")})  # 1:1: positions kept
# Indonesian mobile numbers, written with +62/62/0 and optional spaces, dots or dashes
# (brackets around the prefix, as in "(+62) 812-…" or "(0812) …", included)
POLA_TELEPON = re.compile(r"(?<!\d)\(?(?:\+62|62|0)\)?[\s.\-]?\(?8(?:\)?[\s.\-]?\d){7,11}(?!\d)")
POLA_NIK = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){15}(?!\d)")
POLA_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# a cell is looked at closely only when it could hold any of them (7+ digits in a row, or an "@")
_MUNGKIN = r"\d(?:[\s.\-()\u2010-\u2015\u2212]?\d){6}|@"
GANTI = {"PHONE": "[nomor disamarkan]", "NIK": "[NIK disamarkan]", "EMAIL": "[e-mail disamarkan]",
         "NAME": "[nama disamarkan]"}


def akses_pribadi(peran: str) -> str:
    """``hapus`` (removed), ``samar`` (masked) or ``penuh`` (full) for personal fields."""
    return tingkat_kontak(peran)


def _kosong(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and x != x)


def samarkan_telepon(nomor) -> str:
    """Keep the first four and last four digits of a phone number."""
    if _kosong(nomor):
        return ""
    if "*" in str(nomor):  # already masked: masking twice must not hide what a role may see
        return str(nomor)
    d = re.sub(r"\D", "", str(nomor))
    if len(d) <= 8:
        return "*" * len(d)
    return d[:4] + "*" * (len(d) - 8) + d[-4:]


def samarkan_nama(nama) -> str:
    """Initials only: ``Siti Rahayu`` → ``S. R.``."""
    if _kosong(nama):
        return ""
    return " ".join(p[0].upper() + "." for p in str(nama).split() if p)


def temukan(teks: str, nama=None) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, kind)`` of personal data in ``teks``, non-overlapping, in reading order;
    kinds ``PHONE``, ``NIK``, ``EMAIL`` and ``NAME`` (``nama``: the reporter's own name)."""
    seragam = str(teks).translate(_SERAGAM)
    calon = [(m.start, m.end, m.type) for m in detect_pii(seragam, types=["PHONE", "NIK", "EMAIL"])]
    for pola, jenis in ((POLA_EMAIL, "EMAIL"), (POLA_NIK, "NIK"), (POLA_TELEPON, "PHONE")):
        calon += [(m.start(), m.end(), jenis) for m in pola.finditer(seragam)]
    if not _kosong(nama) and str(nama).strip():
        bagian = [re.escape(p) for p in str(nama).split() if len(p) >= 3]
        utuh = re.escape(" ".join(str(nama).split()))
        pola_nama = re.compile(r"(?<!\w)(?:" + "|".join([utuh, *bagian]) + r")(?!\w)", re.IGNORECASE)
        calon += [(m.start(), m.end(), "NAME") for m in pola_nama.finditer(seragam)]
    calon.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    hasil: list[tuple[int, int, str]] = []
    for a, z, jenis in calon:  # the longest span at each place wins; overlaps join the earlier one
        if hasil and a < hasil[-1][1]:
            if z > hasil[-1][1]:
                hasil[-1] = (hasil[-1][0], z, hasil[-1][2])
            continue
        hasil.append((a, z, jenis))
    return hasil


def _samar(jenis: str, nilai: str) -> str:
    if jenis == "NAME":
        return samarkan_nama(nilai)
    if jenis == "PHONE":
        return samarkan_telepon(nilai)
    return partial_mask(jenis, re.sub(r"[ .\-]", "", nilai) if jenis == "NIK" else nilai)


def bersihkan_teks(teks, peran: str, nama=None):
    """Free text with personal data removed (``hapus``) or masked (``samar``); unchanged for ``penuh``.
    ``nama``: the reporter's own name, taken out of the text too."""
    if _kosong(teks):
        return teks
    akses = akses_pribadi(peran)
    if akses == "penuh":
        return teks
    s = str(teks)
    keluar, akhir = [], 0
    for a, z, jenis in temukan(s, nama):
        keluar += [s[akhir:a], GANTI[jenis] if akses == "hapus" else _samar(jenis, s[a:z])]
        akhir = z
    return "".join([*keluar, s[akhir:]])


def _kolom_teks(ds: _skema.Dataset) -> list[str]:
    """Text columns that may carry free text: not keys or ids, not geometry, not the personal ones."""
    return [k for k, c in ds.kolom.items() if c.tipe == "teks" and k not in ds.kunci and not k.startswith("id_")
            and k != "geometry" and k not in ds.kolom_pribadi]


def _ada_nama(teks, nama) -> bool:
    if _kosong(teks) or _kosong(nama):
        return False
    kecil = str(teks).lower()
    return any(p.lower() in kecil for p in str(nama).split() if len(p) >= 3)


def _bersihkan_kolom(s: pd.Series, peran: str, nama: pd.Series | None = None) -> pd.Series:
    teks_ = s.astype("string")
    perlu = teks_.str.contains(_MUNGKIN, regex=True, na=False)
    if nama is not None:  # the reporter's name: only rows whose text holds a part of it
        perlu |= pd.Series([_ada_nama(t, n) for t, n in zip(teks_, nama, strict=True)], index=s.index)
    if not perlu.any():
        return s
    out = s.astype(object).copy()
    nm = nama if nama is not None else pd.Series(None, index=s.index, dtype=object)
    for i in s.index[perlu.to_numpy()]:
        out.at[i] = bersihkan_teks(s.at[i], peran, nm.at[i])
    return out.astype(s.dtype) if str(s.dtype) == "string" else out


def lindungi(df: pd.DataFrame, dataset: str, peran: str) -> pd.DataFrame:
    """The frame as the role may see or export it (a copy; the input is not changed)."""
    akses = akses_pribadi(peran)
    out = df.copy()
    if akses == "penuh":
        return out
    ds = _skema.skema(dataset)
    nama = out.get("pelapor_nama")
    bebas = [k for k in ds.kolom_pribadi if k == "deskripsi" or k.startswith("catatan")]  # the reporter's words
    for kol in [*_kolom_teks(ds), *bebas]:
        if kol in out:
            out[kol] = _bersihkan_kolom(out[kol], peran, nama if kol in bebas else None)
    for kol in ds.kolom_pribadi:
        if kol not in out or kol == "deskripsi" or kol.startswith("catatan"):
            continue
        if akses == "hapus":
            out = out.drop(columns=kol)
        elif "telepon" in kol:
            out[kol] = out[kol].map(samarkan_telepon)
        else:
            out[kol] = out[kol].map(samarkan_nama)
    return out


PERAN = daftar_peran()
__all__ = ["PERAN", "akses_pribadi", "bersihkan_teks", "cek_peran", "lindungi", "samarkan_nama",
           "samarkan_telepon", "temukan"]
