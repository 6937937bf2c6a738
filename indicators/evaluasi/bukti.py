"""Evidence of each pillar × dimension cell, and the matrix of cell scores.

Evidence of a cell is every framework indicator tagged with that dimension (``dimensi`` in
``data/kerangka.yaml``) and every programme evidencing it (``dimensi`` column of ``program``, else the
default of its horizon). Each item carries a 0–100 score: an indicator its normalised score from the
scoring pipeline (goalposts), a programme its achievement against its own target
(``status_program``: realisation ÷ target, capped at 100). A cell's score combines the mean of its
indicator items and the mean of its programme items with ``bobot_bukti``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.evaluasi.pengaturan import PengaturanEvaluasi, muat_pengaturan
from indicators.progres.masukan import JENIS
from indicators.skor.kerangka import DIMENSI, PILAR, Kerangka

KOLOM_BUKTI = ["pilar", "dimensi", "jenis_bukti", "id", "nama_id", "nama_en", "skor", "nilai", "satuan", "status",
               "opd", "sumber"]


def dimensi_program(program: pd.DataFrame, pengaturan: PengaturanEvaluasi | None = None) -> pd.Series:
    """The dimension each programme evidences: its ``dimensi`` tag, else the default of its horizon.

    >>> p = pd.DataFrame({"jenis": ["quick_win", "panjang", "menengah"], "dimensi": [None, "impact", ""]})
    >>> dimensi_program(p).tolist()
    ['quick_win', 'impact', 'output']
    """
    atur = pengaturan or muat_pengaturan()
    tag = program["dimensi"] if "dimensi" in program else pd.Series(None, index=program.index, dtype=object)
    tag = tag.astype(object).where(tag.notna() & (tag.astype(str).str.strip() != ""), None)
    asing = sorted({t for t in tag.dropna() if t not in DIMENSI})
    if asing:
        raise ValueError(f"program: dimensi tidak dikenal {asing}; pilih dari {', '.join(DIMENSI)}")
    jenis_asing = sorted(set(program.loc[tag.isna(), "jenis"]) - set(atur.dimensi_bawaan_jenis))
    if jenis_asing:
        raise ValueError(f"program: jenis tidak dikenal {jenis_asing}; pilih dari {', '.join(JENIS)}")
    return tag.fillna(program["jenis"].map(atur.dimensi_bawaan_jenis)).astype(str)


def tabel_bukti(kerangka: Kerangka, status: pd.DataFrame | None, skor_indikator: pd.DataFrame | None = None,
                pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Every evidence item: tagged indicators (score = normalised 0–100) and programmes (score =
    achievement against target), one row each, columns ``KOLOM_BUKTI``.

    ``status`` is ``progres.status_program`` (programme rows with ``capaian``); ``skor_indikator`` is
    indexed by indicator id with columns ``nilai`` and ``skor``. Indicators without a dimension tag are
    not evidence (see ``indikator_tanpa_dimensi``).
    """
    atur = pengaturan or muat_pengaturan()
    skor = skor_indikator if skor_indikator is not None else pd.DataFrame(columns=["nilai", "skor"])
    rows = []
    for i in kerangka.indikator:
        if i.dimensi is None:
            continue
        rows.append({"pilar": i.pilar, "dimensi": i.dimensi, "jenis_bukti": "indikator", "id": i.id,
                     "nama_id": i.nama["id"], "nama_en": i.nama["en"],
                     "skor": float(skor["skor"].get(i.id, np.nan)), "nilai": float(skor["nilai"].get(i.id, np.nan)),
                     "satuan": i.satuan, "status": None, "opd": None, "sumber": i.sumber})
    if status is not None and len(status):
        dim = dimensi_program(status, atur)
        for (_, r), d in zip(status.iterrows(), dim, strict=True):
            rows.append({"pilar": r["pilar"], "dimensi": d, "jenis_bukti": "program", "id": r["id_program"],
                         "nama_id": r["nama"], "nama_en": r["nama"], "skor": float(r["capaian"]),
                         "nilai": float(r["realisasi_persen"]), "satuan": "%", "status": r["status"],
                         "opd": r["opd"], "sumber": "program_progres"})
    out = pd.DataFrame(rows, columns=KOLOM_BUKTI)
    urut_p, urut_d = {p: n for n, p in enumerate(PILAR)}, {d: n for n, d in enumerate(DIMENSI)}
    return out.sort_values(["pilar", "dimensi", "jenis_bukti", "id"], kind="stable",
                           key=lambda s: s.map(urut_p) if s.name == "pilar" else
                           (s.map(urut_d) if s.name == "dimensi" else s), ignore_index=True)


def indikator_tanpa_dimensi(kerangka: Kerangka) -> list[str]:
    """Framework indicators with no dimension tag (a gap in the evidence, shown to reviewers)."""
    return [i.id for i in kerangka.indikator if i.dimensi is None]


def matriks_bukti(bukti: pd.DataFrame, pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Every pillar × dimension cell (6 × 5 rows, always): scores, counts, the evidence ids and
    ``keterangan`` = ``ada_bukti`` | ``bukti_tanpa_nilai`` (items, none scored yet) | ``tanpa_bukti``.

    >>> b = pd.DataFrame({"pilar": ["living"] * 3, "dimensi": ["output"] * 3,
    ...     "jenis_bukti": ["indikator", "indikator", "program"], "id": ["a", "b", "P"], "skor": [60.0, 80.0, 50.0]})
    >>> m = matriks_bukti(b).set_index(["pilar", "dimensi"])
    >>> m.loc[("living", "output"), ["skor_indikator", "skor_program", "skor"]].tolist()
    [70.0, 50.0, 60.0]
    >>> m.loc[("living", "impact"), "keterangan"]
    'tanpa_bukti'
    """
    atur = pengaturan or muat_pengaturan()
    wb = dict(atur.bobot_bukti)
    rows = []
    for p in PILAR:
        for d in DIMENSI:
            sel = bukti[(bukti["pilar"] == p) & (bukti["dimensi"] == d)]
            ind, prg = sel[sel["jenis_bukti"] == "indikator"], sel[sel["jenis_bukti"] == "program"]
            si = float(ind["skor"].mean()) if ind["skor"].notna().any() else np.nan
            sp = float(prg["skor"].mean()) if prg["skor"].notna().any() else np.nan
            bagian = [(s, wb[k]) for s, k in ((si, "indikator"), (sp, "program")) if not np.isnan(s) and wb[k] > 0]
            skor = sum(s * w for s, w in bagian) / sum(w for _, w in bagian) if bagian else np.nan
            ket = "tanpa_bukti" if sel.empty else ("bukti_tanpa_nilai" if np.isnan(skor) else "ada_bukti")
            rows.append({"pilar": p, "dimensi": d, "skor": skor, "skor_indikator": si, "skor_program": sp,
                         "n_indikator": len(ind), "n_program": len(prg), "n_berskor": int(sel["skor"].notna().sum()),
                         "bukti": ", ".join(sel["id"].astype(str)), "keterangan": ket})
    return pd.DataFrame(rows)
