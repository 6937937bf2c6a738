"""The whole evaluation of a district and period in one object: evidence, matrix, index, freshness.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from indicators.evaluasi.bukti import indikator_tanpa_dimensi, matriks_bukti, tabel_bukti
from indicators.evaluasi.indeks import indeks_capaian
from indicators.evaluasi.kesegaran import cakupan_pilar, kesegaran_indikator, skor_kabupaten
from indicators.evaluasi.pengaturan import PengaturanEvaluasi, muat_pengaturan
from indicators.progres.masukan import periksa_periode
from indicators.progres.status import status_program
from indicators.skor.kerangka import Kerangka


@dataclass(frozen=True)
class HasilEvaluasi:
    """Everything the reviewer's page and the review report show (language-independent ids).
    ``indeks`` is the achievement index; ``indeks_komposit`` the six-pillar composite index of the
    same district and period (the Ringkasan's headline), kept beside it so the page can say how the
    two differ."""
    kode_kabupaten: str
    periode: str
    bobot: dict
    indeks: float
    bobot_tercakup: float
    dimensi: pd.DataFrame
    pilar: pd.DataFrame
    matriks: pd.DataFrame
    bukti: pd.DataFrame
    cakupan: pd.DataFrame
    kesegaran: pd.DataFrame
    status_program: pd.DataFrame
    tanpa_dimensi: tuple[str, ...]
    indeks_komposit: float = float("nan")


def evaluasi(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, periode: str,
             pengaturan: PengaturanEvaluasi | None = None, bobot: Mapping[str, float] | None = None,
             skor_indikator: pd.DataFrame | None = None) -> HasilEvaluasi:
    """Evaluate the kabupaten at ``periode``: evidence, cells, achievement index, coverage, freshness.

    ``bobot`` overrides the dimension weights of the settings; ``skor_indikator`` (value and 0–100
    score per indicator id) is computed by the scoring framework when not given.
    """
    from indicators.skor.hitung import hitung_nilai

    periksa_periode(periode)
    atur = (pengaturan or muat_pengaturan()).dengan_bobot(bobot)
    komposit = float("nan")
    if skor_indikator is None:
        skor_indikator, komposit = skor_kabupaten(data, kerangka, kode_kabupaten, periode)
    prog, pp = data.get("program"), data.get("program_progres")
    status = None
    if prog is not None and len(prog) and pp is not None:
        status = status_program(pp, prog, periode)
    bukti = tabel_bukti(kerangka, status, skor_indikator, atur)
    m = matriks_bukti(bukti, atur)
    bobot_pilar = {p.id: p.bobot for p in kerangka.pilar}
    h = indeks_capaian(m, atur.bobot, bobot_pilar, atur.ambang_bobot_dimensi)
    seg = kesegaran_indikator(data, kerangka, periode, atur.data_usang_bulan, atur.data_usang_tahun)
    desa = None
    if any("desa" in i.tingkat for i in kerangka.indikator):
        desa = hitung_nilai(data, kerangka, kode_kabupaten, "desa", periode).notna().mean()
    cak = cakupan_pilar(seg, skor_indikator, desa, status, periode)
    return HasilEvaluasi(kode_kabupaten, periode, atur.bobot, h.indeks, h.bobot_tercakup, h.dimensi, h.pilar, m,
                         bukti, cak, seg, status if status is not None else pd.DataFrame(),
                         tuple(indikator_tanpa_dimensi(kerangka)), komposit)
