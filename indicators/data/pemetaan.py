"""Column mapping: which column of an officer's file is which column of a dataset.

Exports of other systems name columns their own way (``tgl_masuk`` for ``tanggal_masuk``, OpenSID's
``created_at``, SP4N-LAPOR!'s ``tracking_id``). For each target column of a dataset — its schema
columns, and for datasets keyed by region also ``desa`` and ``kecamatan`` (names the resolver turns
into codes) — :func:`usul` proposes a file column, in this order, each file column used once:

1. ``sama``: the same name (after :func:`normal`);
2. ``tersimpan``: the mapping an officer chose for a file with this very header before
   (:func:`sidik`; kept by the store, offered again next month);
3. ``sinonim``: a name declared in ``data/skema.yaml`` (and the region column names the importer
   knows);
4. ``mirip``: a fuzzy match (rapidfuzz) of at least :data:`AMBANG_MIRIP` — only a suggestion for the
   officer to confirm, never applied by :func:`otomatis`.

:func:`terapkan` renames the mapped columns and drops every other column (listed as ignored: an extra
column such as ``nik_pemohon`` never reaches the store).

>>> u = usul(["No Permohonan", "kode_wilayah", "Jenis Layanan", "kanal", "tgl_masuk", "status", "nik_pemohon"],
...          "layanan_permohonan")
>>> [(t, x.sumber, x.cara) for t, x in u.items() if x.sumber][:2]
[('id_permohonan', 'no_permohonan', 'sinonim'), ('kode_wilayah', 'kode_wilayah', 'sama')]
>>> u["tanggal_masuk"].sumber, sorted(set(normal(k) for k in ["tgl_masuk", "nik_pemohon"]) - terpakai(u))
('tgl_masuk', ['nik_pemohon'])
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from indicators.data import skema as _skema

# Region columns officers' exports use (compared after ``normal``): codes, village and kecamatan names.
KOLOM_KODE = ("kode_wilayah", "kode_desa", "kode_kelurahan", "kode_desa_kelurahan", "kode_kemendagri", "kdepum",
              "kode", "kd_desa", "kode_kecamatan", "kdcpum")
KOLOM_DESA = ("desa", "nama_desa", "kelurahan", "desa_kelurahan", "nama_desa_kelurahan", "kampung", "nama_kampung",
              "wadmkd", "namobj", "nama_kelurahan")
KOLOM_KECAMATAN = ("kecamatan", "nama_kecamatan", "kec", "wadmkc")
NAMA_WILAYAH = ("desa", "kecamatan")  # extra targets of region-keyed datasets: names resolved to codes
AMBANG_MIRIP = 80
CARA = ("sama", "tersimpan", "sinonim", "mirip", "petugas")


def normal(nama) -> str:
    """A header as compared: lower case, every run of other characters one ``_``.

    >>> normal(" Tgl. Masuk "), normal("Desa/Kelurahan"), normal("luas_km2")
    ('tgl_masuk', 'desa_kelurahan', 'luas_km2')
    """
    return re.sub(r"[^\w]+", "_", str(nama).strip().lower()).strip("_")


def sidik(kolom: Iterable) -> str:
    """The fingerprint of a file header (its normalised column names, in any order).

    >>> sidik(["B", "a"]) == sidik(["a", "b"]) != sidik(["a"])
    True
    """
    teks = "\x1f".join(sorted(normal(k) for k in kolom))
    return hashlib.blake2b(teks.encode("utf-8"), digest_size=8).hexdigest()


def tujuan(dataset: str) -> list[str]:
    """Target columns of a dataset: its schema columns, then ``desa`` and ``kecamatan`` when it is
    keyed by region."""
    kolom = list(_skema.skema(dataset).kolom)
    return kolom + (list(NAMA_WILAYAH) if "kode_wilayah" in kolom else [])


def nama_lain(dataset: str, kolom: str) -> tuple[str, ...]:
    """Declared other names of a target column (for region columns, the ones the importer knows)."""
    if kolom == "kode_wilayah":
        return tuple(k for k in KOLOM_KODE if k != "kode_wilayah"
                     and (dataset == "ruas_jalan" or k not in ("kode_kecamatan", "kdcpum")))
    if kolom == "desa":
        return tuple(k for k in KOLOM_DESA if k != "desa")
    if kolom == "kecamatan":
        return tuple(k for k in KOLOM_KECAMATAN if k != "kecamatan")
    return tuple(normal(s) for s in _skema.skema(dataset).kolom[kolom].sinonim)


def wajib(dataset: str) -> list[str]:
    """Required targets. A required ``kode_wilayah`` is met by a code column or by village names
    (kecamatan names for road segments), so it is listed as ``kode_wilayah`` and checked by
    :func:`kurang`."""
    return _skema.skema(dataset).kolom_wajib


@dataclass(frozen=True)
class Usulan:
    """A proposed source column for one target: ``cara`` is one of :data:`CARA` (``""`` when none)."""
    tujuan: str
    sumber: str | None
    cara: str = ""
    skor: float = 0.0


def _mirip(a: str, b: str) -> float:
    a, b = a.replace("_", " "), b.replace("_", " ")
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def usul(kolom_berkas: Iterable, dataset: str, tersimpan: Mapping[str, str | None] | None = None,
         mirip: bool = True) -> dict[str, Usulan]:
    """A proposal per target column (see the module docstring); ``tersimpan``: target → file column
    remembered for this header. Targets in :func:`tujuan` order."""
    berkas = list(dict.fromkeys(normal(k) for k in kolom_berkas))
    target = tujuan(dataset)
    hasil: dict[str, Usulan] = {}
    dipakai: set[str] = set()

    def pasang(t: str, src: str, cara: str, skor: float = 100.0) -> None:
        hasil[t] = Usulan(t, src, cara, skor)
        dipakai.add(src)

    for t in target:
        if t in berkas:
            pasang(t, t, "sama")
    for t, src in (tersimpan or {}).items():
        if t in target and t not in hasil and src and normal(src) in berkas and normal(src) not in dipakai:
            pasang(t, normal(src), "tersimpan")
    for t in target:
        if t in hasil or (tersimpan and t in tersimpan and not tersimpan[t]):
            continue
        src = next((s for s in nama_lain(dataset, t) if s in berkas and s not in dipakai), None)
        if src:
            pasang(t, src, "sinonim")
    if mirip:
        for t in target:
            if t in hasil:
                continue
            calon = [(max(_mirip(s, n) for n in (t, *nama_lain(dataset, t))), s) for s in berkas if s not in dipakai]
            skor, src = max(calon, default=(0.0, None))
            if src is not None and skor >= AMBANG_MIRIP:
                pasang(t, src, "mirip", round(float(skor), 1))
    return {t: hasil.get(t, Usulan(t, None)) for t in target}


def terpakai(u: Mapping[str, Usulan]) -> set[str]:
    """File columns a proposal uses."""
    return {x.sumber for x in u.values() if x.sumber}


def otomatis(u: Mapping[str, Usulan]) -> dict[str, str]:
    """The part of a proposal applied without asking: same names, remembered and declared names."""
    return {t: x.sumber for t, x in u.items() if x.sumber and x.cara in ("sama", "tersimpan", "sinonim")}


def kurang(peta: Mapping[str, str | None], dataset: str) -> list[str]:
    """Required targets a mapping leaves without a column (a region code may come from names, and a
    complaint's from its point).

    >>> kurang({"id_program": "kode", "periode": "bulan"}, "program_progres")
    ['target_persen', 'realisasi_persen', 'realisasi_anggaran']
    >>> kurang({"desa": "nama_desa", "penduduk": "p", "rumah_tangga": "r", "luas_km2": "l"}, "profil_desa")
    []
    """
    ada = {t for t, s in peta.items() if s}
    nama = "kecamatan" if dataset == "ruas_jalan" else "desa"
    return [k for k in wajib(dataset) if k not in ada and not (k == "kode_wilayah" and nama in ada)]


def dari_argumen(pasangan: Iterable[str], dataset: str) -> dict[str, str]:
    """``SRC=DST`` pairs (the CLI's ``--map``) as target → file column; ValueError naming a bad pair.

    >>> dari_argumen(["Tgl Masuk=tanggal_masuk"], "layanan_permohonan")
    {'tanggal_masuk': 'tgl_masuk'}
    """
    target = tujuan(dataset)
    out: dict[str, str] = {}
    for p in pasangan:
        src, sep, dst = str(p).rpartition("=")
        if not sep or not src.strip() or not dst.strip():
            raise ValueError(f"--map {p!r}: tulis KOLOM_BERKAS=KOLOM_DATASET, mis. tgl_masuk=tanggal_masuk")
        dst = normal(dst)
        if dst not in target:
            raise ValueError(f"--map {p!r}: {dst!r} bukan kolom dataset {dataset}; pilih dari {', '.join(target)}")
        if dst in out:
            raise ValueError(f"--map: kolom {dst!r} dipetakan dua kali")
        out[dst] = normal(src)
    return out


def terapkan(df: pd.DataFrame, peta: Mapping[str, str | None], dataset: str) -> tuple[pd.DataFrame, list[str]]:
    """The file's columns renamed to their targets (``peta``: target → file column, columns already
    :func:`normal`); every other column dropped. Returns the frame and the ignored columns; ValueError
    for a column that is not in the file or is mapped to two targets."""
    target = set(tujuan(dataset))
    pakai = {t: s for t, s in peta.items() if s}
    for t, s in pakai.items():
        if t not in target:
            raise ValueError(f"{t!r} bukan kolom dataset {dataset}")
        if s not in df.columns:
            raise ValueError(f"kolom {s!r} tidak ada dalam berkas (dipetakan ke {t})")
    ganda = sorted({s for s in pakai.values() if list(pakai.values()).count(s) > 1})
    if ganda:
        raise ValueError(f"kolom berkas {', '.join(ganda)} dipetakan ke lebih dari satu kolom dataset")
    data = pd.DataFrame({t: df[s] for t, s in pakai.items()}, index=df.index)
    return data, [c for c in df.columns if c not in set(pakai.values())]


def catatan(peta: Mapping[str, str | None], u: Mapping[str, Usulan]) -> list[str]:
    """One line per column read under another name (for the report)."""
    cara = {"tersimpan": "pemetaan tersimpan", "sinonim": "nama lain terdaftar", "mirip": "dipilih petugas",
            "petugas": "dipilih petugas"}
    out = []
    for t, s in peta.items():
        if not s or s == t:
            continue
        x = u.get(t)
        asal = cara["petugas"] if x is None or x.sumber != s else cara.get(x.cara, "dipilih petugas")
        out.append(f"kolom {s!r} dibaca sebagai {t} ({asal})")
    return out
