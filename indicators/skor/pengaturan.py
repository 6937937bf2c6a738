"""The scoring settings: one object, ``PengaturanSkor``, built by the ``score`` command, by the pages'
method panel and by the uncertainty analysis alike, so a choice means the same thing everywhere.

Every choice has a default (docs/metode.md); the data-availability thresholds and screening default to
what the framework declares under ``ketersediaan`` (``data/kerangka.yaml``) — ``None`` here means
"as declared", and :meth:`PengaturanSkor.untuk` fills them in. Method names are the core's
(Indonesian) keys; the English words of the command line are accepted too (``ALIAS``).

>>> p = PengaturanSkor(normalisasi="zscore", agregasi="geometric", perlakuan="default")
>>> p.normalisasi, p.agregasi, p.perlakuan
('zskor', 'geometrik', 'bawaan')
>>> from indicators.skor.kerangka import muat_kerangka
>>> q = PengaturanSkor().untuk(muat_kerangka())
>>> round(q.ambang_pilar, 4), q.ambang_indikator, q.ambang_elemen
(0.6667, 0.65, 0.0)
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indicators.skor.agregasi import AGREGASI
from indicators.skor.normalisasi import NORMALISASI
from indicators.skor.perlakuan import IMPUTASI, PERLAKUAN

if TYPE_CHECKING:
    from indicators.skor.kerangka import Kerangka

ALIAS = {
    "normalisasi": {"zscore": "zskor", "z-score": "zskor", "percentile": "peringkat_persentil",
                    "target": "jarak_target", "distance-to-target": "jarak_target"},
    "agregasi": {"arithmetic": "aritmetika", "geometric": "geometrik"},
    "imputasi": {"none": "tidak_ada", "group-median": "median_kelompok", "group-mean": "rata_kelompok",
                 "previous": "periode_lalu"},
    "perlakuan": {"default": "bawaan", "mirror": "log_cermin", "none": "tidak_ada"},
}
PILIHAN = {"normalisasi": tuple(NORMALISASI), "agregasi": tuple(AGREGASI), "imputasi": tuple(IMPUTASI),
           "perlakuan": PERLAKUAN}
AMBANG = ("ambang_indikator", "ambang_elemen", "ambang_pilar", "ambang_indeks", "ambang_penyaringan")
# the framework's ``ketersediaan`` keys behind each setting
KUNCI_KERANGKA = {"ambang_indikator": "indikator", "ambang_elemen": "elemen", "ambang_pilar": "pilar",
                  "ambang_indeks": "indeks", "ambang_penyaringan": "penyaringan",
                  "buang_indikator_jarang": "buang_indikator_jarang"}


def nama_metode(jenis: str, nilai: str) -> str:
    """A method's core key from a core key or an English alias; ``ValueError`` naming the choices.

    >>> nama_metode("imputasi", "group-mean")
    'rata_kelompok'
    """
    kunci = ALIAS[jenis].get(str(nilai), str(nilai))
    if kunci not in PILIHAN[jenis]:
        semua = [*PILIHAN[jenis], *ALIAS[jenis]]
        raise ValueError(f"{jenis} tidak dikenal {nilai!r}; pilih dari {', '.join(semua)}")
    return kunci


@dataclass(frozen=True)
class PengaturanSkor:
    """Every choice of the pipeline.

    - ``normalisasi`` [goalposts], ``agregasi`` [aritmetika], ``imputasi`` [tidak_ada],
      ``perlakuan`` [bawaan: COINr's outlier treatment, data-driven normalisations only];
    - ``potong_zskor`` [False]: truncate z-scores to [0, 100] (recorded in the audit trail);
    - ``kelompok`` [induk]: the grouping of group imputation — the parent area, or a column of
      ``profil_desa`` (village level);
    - ``ambang_*`` and ``buang_indikator_jarang``: availability thresholds (None: as the framework
      declares); ``ambang_penyaringan``: a unit with values for less than this share of the level's
      indicators is screened out of the ranks;
    - ``bobot`` overrides weights by id (pillar, element or indicator; 0 switches one off).

    >>> PengaturanSkor(bobot={"governance": 2}).bobot
    (('governance', 2.0),)
    """
    normalisasi: str = "goalposts"
    agregasi: str = "aritmetika"
    imputasi: str = "tidak_ada"
    perlakuan: str = "bawaan"
    potong_zskor: bool = False
    kelompok: str = "induk"
    ambang_indikator: float | None = None
    ambang_elemen: float | None = None
    ambang_pilar: float | None = None
    ambang_indeks: float | None = None
    ambang_penyaringan: float | None = None
    buang_indikator_jarang: bool | None = None
    bobot: Mapping[str, float] | tuple = ()

    def __post_init__(self):
        for nama in PILIHAN:
            object.__setattr__(self, nama, nama_metode(nama, getattr(self, nama)))
        for nama in AMBANG:
            v = getattr(self, nama)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1):
                raise ValueError(f"{nama} harus di antara 0 dan 1, bukan {v!r}")
        if not isinstance(self.kelompok, str) or not self.kelompok:
            raise ValueError("kelompok harus 'induk' atau nama kolom profil_desa")
        b = dict(self.bobot)
        for k, v in b.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
                raise ValueError(f"bobot {k!r} harus angka >= 0, bukan {v!r}")
        object.__setattr__(self, "bobot", tuple(sorted((str(k), float(v)) for k, v in b.items())))

    def untuk(self, kerangka: Kerangka) -> PengaturanSkor:
        """A copy with every threshold the framework declares filled in where this one says None."""
        atur = kerangka.ketersediaan
        isi = {nama: atur[kunci] for nama, kunci in KUNCI_KERANGKA.items() if getattr(self, nama) is None}
        return replace(self, **isi) if isi else self

    def kunci(self) -> tuple:
        """A hashable, ordered value of every field (for caches)."""
        return astuple(self)

    @classmethod
    def dari_kunci(cls, kunci: tuple) -> PengaturanSkor:
        """The inverse of :meth:`kunci`.

        >>> p = PengaturanSkor(imputasi="rata_kelompok", bobot={"g1": 2})
        >>> PengaturanSkor.dari_kunci(p.kunci()) == p
        True
        """
        return cls(**{f.name: v for f, v in zip(fields(cls), kunci, strict=True)})


def baca_bobot(berkas: str | Path) -> dict[str, float]:
    """Weights from a file: a YAML or JSON mapping ``id: weight``, or a CSV with columns ``id,bobot``
    (or ``id,weight``); ``ValueError`` with the reason when the file cannot be read.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bobot.yaml"
    >>> _ = p.write_text("governance: 2\\nliving: 0.5\\n", encoding="utf-8")
    >>> baca_bobot(p)
    {'governance': 2.0, 'living': 0.5}
    """
    import yaml

    from indicators.skor.kerangka import baca_yaml

    p = Path(berkas)
    if not p.is_file():
        raise ValueError(f"berkas bobot tidak ditemukan: {p}")
    teks = p.read_text(encoding="utf-8")
    if p.suffix.lower() == ".csv":
        import io

        import pandas as pd

        t = pd.read_csv(io.StringIO(teks), dtype={"id": str})
        kolom = "bobot" if "bobot" in t else "weight" if "weight" in t else None
        if "id" not in t or kolom is None:
            raise ValueError(f"{p.name}: CSV bobot harus berkolom id dan bobot (atau weight)")
        isi = dict(zip(t["id"], t[kolom], strict=True))
    else:
        try:
            isi = json.loads(teks) if p.suffix.lower() == ".json" else baca_yaml(teks)
        except (ValueError, yaml.YAMLError) as e:
            raise ValueError(f"{p.name}: bukan JSON/YAML yang valid: {e}") from None
    if not isinstance(isi, dict) or not isi:
        raise ValueError(f"{p.name}: harus pemetaan id: bobot")
    out = {}
    for k, v in isi.items():
        try:
            out[str(k)] = float(v)
        except (TypeError, ValueError):
            raise ValueError(f"{p.name}: bobot {k!r} bukan angka: {v!r}") from None
    return out
