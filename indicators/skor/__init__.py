"""Scoring core: the six-pillar smart-regency index the way composite-indicator experts build it.

The method is ``docs/metode.md`` (OECD/JRC Handbook, COINr). Modules, one step each:

- ``kerangka``: the framework file (``data/kerangka.yaml``), loaded and validated.
- ``hitung``: indicator values per unit and period from the datasets; the computations it names are
  ``jenis_hitung``, the rows they read ``konteks``, the derived columns they filter on ``turunan``.
- ``perlakuan``, ``normalisasi``, ``agregasi``: imputation and outliers, normalisation, aggregation —
  one small function per method behind a dict dispatcher.
- ``pengaturan``: ``PengaturanSkor``, every choice in one object (the ``score`` command and the
  pages' method panel build the same one).
- ``hierarki``: the framework as arrays, effective weights, aggregation up the hierarchy, ranks, maturity.
- ``pipeline``: availability checks and screening, the run, audit trail; ``keluaran``: the wide
  table of every level; ``perubahan``: what moved an index between two periods.
- ``koherensi``: correlations and Cronbach's alpha.
- ``ketidakpastian``: uncertainty (rank intervals), Sobol sensitivity, remove-one-pillar.
- ``idm``: the official IDM status layer. (The ``score`` command is :mod:`indicators.cli.skor`.)

May import: ``indicators.dasar``, ``indicators.wilayah``.

>>> from indicators.skor import muat_kerangka, skor_wilayah
>>> h = skor_wilayah({}, muat_kerangka(), "18.02", "kabupaten", "2026-10")
>>> h.skor.loc[0, "nama"]
'Kabupaten Lampung Tengah'
"""
from indicators.skor.hitung import hitung_nilai, periode_terakhir
from indicators.skor.idm import lapisan_idm, status_idm
from indicators.skor.kerangka import Kerangka, baca_kerangka, muat_kerangka
from indicators.skor.ketidakpastian import (
    HasilHapusPilar,
    HasilKetidakpastian,
    PengaturanKetidakpastian,
    hapus_pilar,
    ketidakpastian,
    sensitivitas,
)
from indicators.skor.koherensi import Koherensi, koherensi
from indicators.skor.pipeline import (
    HasilSkor,
    PengaturanSkor,
    label_kematangan,
    peringkat,
    skor,
    skor_berkala,
    skor_wilayah,
)

__all__ = [
    "HasilHapusPilar", "HasilKetidakpastian", "HasilSkor", "Kerangka", "Koherensi", "PengaturanKetidakpastian",
    "PengaturanSkor", "baca_kerangka", "hapus_pilar", "hitung_nilai", "ketidakpastian", "koherensi",
    "label_kematangan", "lapisan_idm", "muat_kerangka", "peringkat", "periode_terakhir", "sensitivitas", "skor",
    "skor_berkala", "skor_wilayah", "status_idm",
]
