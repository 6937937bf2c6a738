"""Roles and the permission matrix, read from ``data/peran.yaml`` (the one place they are declared).

>>> boleh("petugas", "impor"), boleh("publik", "impor"), boleh("admin", "baca_audit")
(True, False, True)
>>> tingkat_kontak("pimpinan")
'hapus'
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from indicators.dasar.pengaturan import DATA_DIR

TINGKAT_KONTAK = ("hapus", "samar", "penuh")


@lru_cache(maxsize=1)
def _matriks() -> dict:
    m = yaml.safe_load((DATA_DIR / "peran.yaml").read_text(encoding="utf-8"))
    peran = tuple(m["peran"])
    for bagian in ("halaman", "aksi"):
        for nama, daftar in m[bagian].items():
            asing = set(daftar) - set(peran)
            if asing:
                raise ValueError(f"data/peran.yaml: {bagian} {nama!r} menyebut peran tak dikenal {sorted(asing)}")
    if set(m["kontak"]) != set(peran) or not set(m["kontak"].values()) <= set(TINGKAT_KONTAK):
        raise ValueError(f"data/peran.yaml: kontak harus memberi setiap peran salah satu dari {TINGKAT_KONTAK}")
    if m["bawaan"] not in peran:
        raise ValueError(f"data/peran.yaml: peran bawaan {m['bawaan']!r} tidak dikenal")
    return m


def daftar_peran() -> tuple[str, ...]:
    """Every role, from the least to the most allowed."""
    return tuple(_matriks()["peran"])


def peran_bawaan() -> str:
    """The role of a viewer who has not signed in."""
    return _matriks()["bawaan"]


def cek_peran(peran: str) -> str:
    if peran not in daftar_peran():
        raise ValueError(f"peran harus salah satu dari {', '.join(daftar_peran())}, bukan {peran!r}")
    return peran


def label_peran(peran: str, bahasa: str = "id") -> str:
    return _matriks()["peran"][cek_peran(peran)]["label"][bahasa]


def daftar_aksi() -> tuple[str, ...]:
    return tuple(_matriks()["aksi"])


def daftar_halaman() -> tuple[str, ...]:
    return tuple(_matriks()["halaman"])


def boleh(peran: str, aksi: str) -> bool:
    """May ``peran`` do ``aksi``? An action the matrix does not declare is an error, never a yes."""
    m = _matriks()["aksi"]
    if aksi not in m:
        raise KeyError(f"aksi tidak dideklarasikan di data/peran.yaml: {aksi!r}")
    return cek_peran(peran) in m[aksi]


def boleh_halaman(peran: str, halaman: str) -> bool:
    """May ``peran`` open the page with this URL path?"""
    m = _matriks()["halaman"]
    if halaman not in m:
        raise KeyError(f"halaman tidak dideklarasikan di data/peran.yaml: {halaman!r}")
    return cek_peran(peran) in m[halaman]


def tingkat_kontak(peran: str) -> str:
    """``hapus`` (removed), ``samar`` (masked) or ``penuh`` (full) for personal data."""
    return _matriks()["kontak"][cek_peran(peran)]


def boleh_dataset(peran: str, dataset: str, ditugaskan: tuple[str, ...] | list[str] | None) -> bool:
    """May this account import ``dataset``? ``admin`` any; ``petugas`` only the datasets assigned to
    the account (``ditugaskan``; ``*`` = all); everyone else none (``impor_semua_dataset`` in the
    matrix names who needs no assignment)."""
    if not boleh(peran, "impor"):
        return False
    if boleh(peran, "impor_semua_dataset"):
        return True
    tugas = set(ditugaskan or ())
    return "*" in tugas or dataset in tugas
