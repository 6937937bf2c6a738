"""Programme tables as pages and the review report show them: labelled columns in the reader's language.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.progres.masukan import JENIS, STATUS


def susun_tabel(df: pd.DataFrame, kolom: dict[str, str], bahasa: str = "id", desimal: dict[str, int] | None = None,
                terjemah: dict[str, dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) copies of ``df`` with the columns of ``kolom`` (column → label key), headed in
    ``bahasa``. ``terjemah`` maps a column's values to readable text (status → "Terlambat"); the
    display copy also writes the ``desimal`` columns through ``indicators.dasar.format`` (the export keeps
    numbers as numbers, so a spreadsheet can compute with them).

    >>> t = pd.DataFrame({"selisih": [-10.25], "status": ["terlambat"]})
    >>> e, d = susun_tabel(t, {"selisih": "prg_kol_selisih", "status": "prg_kol_status"}, "id",
    ...                    {"selisih": 1}, {"status": {"terlambat": "Terlambat"}})
    >>> float(e.iloc[0, 0]), d.iloc[0].tolist()
    (-10.25, ['-10,3', 'Terlambat'])
    """
    from indicators.dasar.format import angka
    from indicators.dasar.label import teks

    kurang = [k for k in kolom if k not in df.columns]
    if kurang:
        raise ValueError(f"kolom tidak ada dalam tabel: {', '.join(kurang)}")
    out = df[list(kolom)].copy()
    for k, peta in (terjemah or {}).items():
        if k not in out.columns:
            continue
        out[k] = out[k].map(lambda v, p=peta: p.get(v, v) if not (isinstance(v, float) and np.isnan(v)) else v)
    tampil = out.copy()
    for k, n in (desimal or {}).items():
        if k not in out.columns:
            continue
        tampil[k] = [angka(v, n, bahasa) if v is not None and v is not pd.NA else "–" for v in out[k]]
    for k in tampil.columns:
        if k not in (desimal or {}) and (pd.api.types.is_object_dtype(tampil[k])
                                         or pd.api.types.is_string_dtype(tampil[k])):
            tampil[k] = tampil[k].where(tampil[k].notna(), "")  # an empty cell, not "None"
    nama = {k: teks(v, bahasa) for k, v in kolom.items()}
    return out.rename(columns=nama).reset_index(drop=True), tampil.rename(columns=nama).reset_index(drop=True)


def nama_status(bahasa: str = "id") -> dict[str, str]:
    """Status id → readable label."""
    from indicators.dasar.label import teks
    return {s: teks(f"prg_status_{s}", bahasa) for s in STATUS}


def nama_jenis(bahasa: str = "id") -> dict[str, str]:
    """Horizon id → readable label."""
    from indicators.dasar.label import teks
    return {j: teks(f"prg_jenis_{j}", bahasa) for j in JENIS}


def tabel_status(status: pd.DataFrame, bahasa: str = "id", nama_pilar: dict[str, str] | None = None,
                 hanya_terlambat: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of programme positions as the progress page shows them; the late list is
    narrower (who is late, by how much, and why)."""
    from indicators.dasar.label import teks

    kolom = {"id_program": "prg_kol_id_program", "nama": "prg_kol_nama", "opd": "prg_kol_opd",
             "pilar": "prg_kol_pilar", "jenis": "prg_kol_jenis", "status": "prg_kol_status",
             "target_persen": "prg_kol_target", "realisasi_persen": "prg_kol_realisasi", "selisih": "prg_kol_selisih",
             "lewat_jadwal": "prg_kol_lewat_jadwal", "capaian": "prg_kol_capaian",
             "serapan_anggaran": "prg_kol_serapan", "anggaran": "prg_kol_anggaran",
             "periode_laporan": "prg_kol_periode_laporan", "laporan_usang": "prg_kol_laporan_usang",
             "tahun_mulai": "prg_kol_tahun_mulai", "tahun_selesai": "prg_kol_tahun_selesai"}
    s = status
    if hanya_terlambat:
        s = status[status["status"] == "terlambat"]
        kolom = {k: v for k, v in kolom.items() if k not in ("status", "capaian", "serapan_anggaran", "anggaran",
                                                             "laporan_usang", "pilar")}
    ya = {True: teks("prg_ya", bahasa), False: teks("prg_tidak", bahasa)}
    return susun_tabel(s, kolom, bahasa,
                       {"target_persen": 1, "realisasi_persen": 1, "selisih": 1, "capaian": 1, "serapan_anggaran": 1,
                        "anggaran": 0},
                       {"status": nama_status(bahasa), "jenis": nama_jenis(bahasa), "pilar": nama_pilar or {},
                        "laporan_usang": ya, "lewat_jadwal": ya})
