"""The two progress datasets, checked, and the months they speak of.

Progress reports (``program_progres``) are *cumulative*: a month's value is the programme's total so
far. Periods are ``YYYY-MM``; the settings (thresholds for late and ahead, stale reports) are declared
in ``data/evaluasi.yaml`` and ``data/pengaturan.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR

KOLOM_PROGRES = ("id_program", "periode", "target_persen", "realisasi_persen", "realisasi_anggaran")


KOLOM_PROGRAM = ("id_program", "nama", "pilar", "opd", "jenis", "tahun_mulai", "tahun_selesai", "anggaran")


STATUS = ("terlambat", "tanpa_laporan", "sesuai", "lebih_cepat", "selesai", "belum_mulai")


JENIS = ("quick_win", "menengah", "panjang")


_POLA_PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


PRESISI = 6  # differences are compared at this precision: 29.9 - 40 must be -10.1, not -10.100000000000001


@lru_cache(maxsize=1)
def pengaturan_progres() -> dict:
    """The progress settings of ``data/evaluasi.yaml`` (section ``progres``), validated.

    >>> pengaturan_progres()["laporan_usang_bulan"]
    2
    """
    raw = yaml.safe_load((DATA_DIR / "evaluasi.yaml").read_text(encoding="utf-8")).get("progres") or {}
    out = {"ambang_lebih_cepat_persen": raw.get("ambang_lebih_cepat_persen", 10.0),
           "laporan_usang_bulan": raw.get("laporan_usang_bulan", 2)}
    for k, v in out.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise ValueError(f"evaluasi.yaml progres.{k} harus angka >= 0, bukan {v!r}")
    return out


def periksa_periode(p: str, nama: str = "periode") -> str:
    if not isinstance(p, str) or not _POLA_PERIODE.match(p):
        raise ValueError(f"{nama} harus berbentuk YYYY-MM, bukan {p!r}")
    return p


def periksa_progres(progres: pd.DataFrame) -> pd.DataFrame:
    """The progress table, checked: columns present, periods ``YYYY-MM``, percentages in [0, 100],
    budgets >= 0, one report per programme and month. ``ValueError`` naming the first problem.

    >>> periksa_progres(pd.DataFrame({"id_program": ["A"], "periode": ["2026-13"], "target_persen": [1.0],
    ...                               "realisasi_persen": [1.0], "realisasi_anggaran": [0.0]}))
    Traceback (most recent call last):
    ...
    ValueError: program_progres: periode harus berbentuk YYYY-MM, bukan '2026-13'
    """
    kurang = [k for k in KOLOM_PROGRES if k not in progres.columns]
    if kurang:
        raise ValueError(f"program_progres: kolom wajib tidak ada: {', '.join(kurang)}")
    for p in progres["periode"].astype(str).unique():
        periksa_periode(p, "program_progres: periode")
    for k in ("target_persen", "realisasi_persen"):
        x = pd.to_numeric(progres[k], errors="coerce")
        if x.isna().any() or ((x < 0) | (x > 100)).any():
            raise ValueError(f"program_progres: {k} harus angka di antara 0 dan 100")
    x = pd.to_numeric(progres["realisasi_anggaran"], errors="coerce")
    if x.isna().any() or (x < 0).any():
        raise ValueError("program_progres: realisasi_anggaran harus angka >= 0")
    ganda = progres.duplicated(["id_program", "periode"])
    if ganda.any():
        r = progres[ganda].iloc[0]
        raise ValueError(f"program_progres: laporan ganda untuk {r['id_program']} periode {r['periode']}")
    return progres


def periksa_program(program: pd.DataFrame) -> pd.DataFrame:
    """The programme table, checked (columns, years, budgets, unique ids); ``ValueError`` otherwise."""
    kurang = [k for k in KOLOM_PROGRAM if k not in program.columns]
    if kurang:
        raise ValueError(f"program: kolom wajib tidak ada: {', '.join(kurang)}")
    ganda = program["id_program"][program["id_program"].duplicated()]
    if len(ganda):
        raise ValueError(f"program: id_program ganda {ganda.iloc[0]!r}")
    if (pd.to_numeric(program["tahun_selesai"]) < pd.to_numeric(program["tahun_mulai"])).any():
        raise ValueError("program: tahun_selesai tidak boleh sebelum tahun_mulai")
    if (pd.to_numeric(program["anggaran"], errors="coerce").fillna(-1) < 0).any():
        raise ValueError("program: anggaran harus angka >= 0")
    return program


def nomor_bulan(periode: str) -> int:
    """Months since year 0 (so that differences of periods are month counts)."""
    return int(periode[:4]) * 12 + int(periode[5:]) - 1


def ke_periode(n: int) -> str:
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def selisih_bulan(dari: str, sampai: str) -> int:
    """Whole months from ``dari`` to ``sampai``.

    >>> selisih_bulan("2025-11", "2026-02")
    3
    """
    return nomor_bulan(periksa_periode(sampai)) - nomor_bulan(periksa_periode(dari))


def akhir_periode(periode: str) -> pd.Timestamp:
    """The last day of a ``YYYY-MM`` month (where a timeline marks "now").

    >>> akhir_periode("2026-02")
    Timestamp('2026-02-28 00:00:00')
    """
    return pd.Period(periksa_periode(periode), "M").end_time.normalize()


def daftar_periode(progres: pd.DataFrame) -> list[str]:
    """The reported months, oldest first."""
    return sorted(progres["periode"].astype(str).unique())


def saring_program(program: pd.DataFrame, pilar=None, opd=None, jenis=None) -> pd.DataFrame:
    """Programmes of the chosen pillars, agencies and horizons (an empty or ``None`` filter keeps all).

    >>> p = pd.DataFrame({"id_program": ["a", "b"], "pilar": ["living", "economy"], "opd": ["X", "Y"],
    ...                   "jenis": ["quick_win", "panjang"]})
    >>> saring_program(p, pilar=["living"])["id_program"].tolist()
    ['a']
    """
    m = pd.Series(True, index=program.index)
    for kolom, pilihan in (("pilar", pilar), ("opd", opd), ("jenis", jenis)):
        if pilihan:
            m &= program[kolom].isin(list(pilihan))
    return program[m]
