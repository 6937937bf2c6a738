"""Cached scoring shared by the Ringkasan, Pilar and Metodologi pages.

Every expensive step is cached (``st.cache_data``) on exactly what it depends on: the store (path
and version — a new import changes it), the district, the framework file (path and modification
time), the viewer's role (data are role-protected and the cache is shared by every user), the level
and the period; scores also on the method settings and weights. So a widget change recomputes only
what it changed:

- indicator values (``hitung_nilai``, 0.2–0.9 s per level and month): never recomputed for a new
  weight or method;
- scores (``skor``, 10–30 ms): per settings and weights — a what-if slider only re-aggregates;
- uncertainty (1,000 runs), Sobol sensitivity, remove-one-pillar and coherence: per settings too.

The settings are the core's ``PengaturanSkor`` — the same object the ``score`` command builds; they
travel into the caches as its ``kunci()`` tuple, the framework part scored as a pillar/element id.
:func:`panel_metode` is the method panel: every choice of the pipeline, in the URL.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from indicators.dasar.label import teks
from indicators.data.skema import muat_skema
from indicators.ringkasan.periode import daftar_periode as periode_data
from indicators.ringkasan.susun import Ringkasan, susun_ringkasan
from indicators.skor import (
    HasilKetidakpastian,
    HasilSkor,
    Kerangka,
    PengaturanKetidakpastian,
    PengaturanSkor,
    hapus_pilar,
    hitung_nilai,
    ketidakpastian,
    koherensi,
    muat_kerangka,
    sensitivitas,
    skor,
)
from indicators.skor.agregasi import NAMA_AGREGASI
from indicators.skor.konteks import geser_periode
from indicators.skor.normalisasi import NORMALISASI
from indicators.skor.perlakuan import NAMA_IMPUTASI, NAMA_PERLAKUAN, PERLAKUAN
from indicators.skor.pipeline import bahan_imputasi
from indicators.wilayah.daftar import daftar_wilayah
from pages._bersama import data, gudang, kode_kabupaten, peran, pilihan_url, simpan


class Konteks(NamedTuple):
    """What every cached result depends on besides its own arguments."""
    path: str
    versi: int
    kode: str
    kerangka: str
    mtime: float
    peran: str


BAWAAN = PengaturanSkor()
N_KETIDAKPASTIAN = 1000
N_SOBOL = 256
URL_METODE = ("norm", "agg", "imp", "outlier", "zpotong")


def konteks() -> Konteks:
    g = gudang()
    k = muat_kerangka()
    return Konteks(str(g.path), g.versi(), kode_kabupaten(), k.berkas, Path(k.berkas).stat().st_mtime, peran())


def kerangka(ktx: Konteks | None = None) -> Kerangka:
    return muat_kerangka((ktx or konteks()).kerangka)


def semua_data() -> dict[str, pd.DataFrame]:
    """Every dataset as the current role may see it (each cached per store version in ``_bersama``)."""
    return {d: data(d) for d in muat_skema()}


def bagian_kerangka(k: Kerangka, bagian: str | None) -> Kerangka:
    """The framework restricted to one pillar or element (None: all). Scoring it makes the "index" of
    the part equal to the part's score, so the core's ranks and rank intervals apply to a pillar too."""
    if not bagian:
        return k
    ids = {i.id for i in k.indikator if bagian in (i.pilar, i.elemen)}
    if not ids:
        raise ValueError(f"tidak ada pilar atau elemen {bagian!r} dalam kerangka")
    return k.tanpa({i.id for i in k.indikator} - ids)


def pengaturan(p: PengaturanSkor, k: Kerangka | None = None, tingkat: str | None = None) -> PengaturanSkor:
    """``p`` with the weights of ids outside ``k`` at ``tingkat`` dropped (a part of the framework, or an
    element a level does not have)."""
    if k is None:
        return p
    kt = k.untuk_tingkat(tingkat) if tingkat else k
    ada = {x.id for x in (*kt.pilar, *kt.elemen, *kt.indikator)}
    return replace(p, bobot={i: w for i, w in p.bobot if i in ada})


def panel_metode(b: str, wadah=None, agregasi: tuple[str, ...] = ("aritmetika", "geometrik")) -> PengaturanSkor:
    """The method panel: normalisation, aggregation, outlier treatment, imputation and z-score
    truncation, each in the URL (``?norm=&agg=&outlier=&imp=&zpotong=``); returns the ``PengaturanSkor``
    they make (the same object the ``score`` command builds from its options). Copeland is O(n²) and
    not offered by default."""
    wadah = wadah or st.sidebar
    with wadah.expander(teks("rk_uji_metode", b), expanded=any(q in st.query_params for q in URL_METODE)):
        st.caption(teks("rk_uji_metode_ket", b))
        # radio buttons, not selectboxes: the method names are long and the sidebar narrow
        norm = pilihan_url(teks("rk_normalisasi", b), "norm", list(NORMALISASI),
                           format_func=lambda m: NORMALISASI[m].nama[b], radio=True)
        agg = pilihan_url(teks("rk_agregasi", b), "agg", list(agregasi), format_func=lambda m: NAMA_AGREGASI[m][b],
                          radio=True)
        outlier = pilihan_url(teks("rk_perlakuan", b), "outlier", list(PERLAKUAN),
                              format_func=lambda m: NAMA_PERLAKUAN[m][b], radio=True)
        imp = pilihan_url(teks("rk_imputasi", b), "imp", list(NAMA_IMPUTASI), format_func=lambda m: NAMA_IMPUTASI[m][b],
                          radio=True)
        zpotong = pilihan_url(teks("rk_potong_zskor", b), "zpotong", ["tidak", "ya"],
                              format_func=lambda v: teks(f"rk_{v}", b), radio=True, horizontal=True) == "ya"
    return PengaturanSkor(normalisasi=norm, agregasi=agg, perlakuan=outlier, imputasi=imp, potong_zskor=zpotong)


def _bahan(ktx: tuple, tingkat: str, periode: str, p: PengaturanSkor, k: Kerangka) -> dict:
    """What the chosen imputation needs (the core's ``bahan_imputasi``): the previous period's values
    come from the cache like every period's."""
    if p.imputasi == "periode_lalu":
        return {"nilai_lalu": _nilai(ktx, tingkat, geser_periode(periode, -1))[0]}
    if p.kelompok != "induk" and p.imputasi in ("median_kelompok", "rata_kelompok"):
        return bahan_imputasi(semua_data(), k, Konteks(*ktx).kode, tingkat, periode, p)
    return {}


@simpan(160)
def _nilai(ktx: tuple, tingkat: str, periode: str) -> tuple[pd.DataFrame, tuple]:
    ktx = Konteks(*ktx)
    catatan: list = []
    x = hitung_nilai(semua_data(), kerangka(ktx), ktx.kode, tingkat, periode, catatan=catatan)
    return x, tuple(catatan)


@simpan(400)
def _hasil(ktx: tuple, tingkat: str, periode: str, setelan: tuple, bagian: str | None) -> HasilSkor:
    x, catatan = _nilai(ktx, tingkat, periode)
    k = bagian_kerangka(kerangka(Konteks(*ktx)), bagian)
    p = pengaturan(PengaturanSkor.dari_kunci(setelan), k, tingkat)
    h = skor(x, k, tingkat, p, catatan=list(catatan), **_bahan(ktx, tingkat, periode, p, k))
    ktx = Konteks(*ktx)
    nama = daftar_wilayah(ktx.kode, tingkat).set_index("kode_wilayah")["nama"]
    t = h.skor
    t.insert(1, "nama", t["kode_wilayah"].map(nama))
    t.insert(2, "tingkat", tingkat)
    t.insert(3, "periode", periode)
    return h


@simpan(64)
def _ketidakpastian(ktx: tuple, tingkat: str, periode: str, setelan: tuple, bagian: str | None,
                    n: int, seed: int) -> HasilKetidakpastian:
    x, _ = _nilai(ktx, tingkat, periode)
    k = bagian_kerangka(kerangka(Konteks(*ktx)), bagian)
    p = pengaturan(PengaturanSkor.dari_kunci(setelan), k, tingkat)
    return ketidakpastian(x, k, tingkat, p, PengaturanKetidakpastian(n=n, seed=seed),
                          **_bahan(ktx, tingkat, periode, p, k))


@simpan(64)
def _sensitivitas(ktx: tuple, tingkat: str, periode: str, setelan: tuple, bagian: str | None,
                  n_sobol: int, seed: int) -> pd.DataFrame:
    x, _ = _nilai(ktx, tingkat, periode)
    k = bagian_kerangka(kerangka(Konteks(*ktx)), bagian)
    p = pengaturan(PengaturanSkor.dari_kunci(setelan), k, tingkat)
    return sensitivitas(x, k, tingkat, p, PengaturanKetidakpastian(n_sobol=n_sobol, seed=seed),
                        **_bahan(ktx, tingkat, periode, p, k))


@simpan(64)
def _hapus_pilar(ktx: tuple, tingkat: str, periode: str, setelan: tuple):
    x, _ = _nilai(ktx, tingkat, periode)
    k = kerangka(Konteks(*ktx))
    p = pengaturan(PengaturanSkor.dari_kunci(setelan), k, tingkat)
    return hapus_pilar(x, k, tingkat, p, **_bahan(ktx, tingkat, periode, p, k))


@simpan(32)
def _koherensi(ktx: tuple, tingkat: str, periode: str, setelan: tuple):
    return koherensi(_hasil(ktx, tingkat, periode, setelan, None))


@simpan(64)
def _tren(ktx: tuple, tingkat: str, periode: tuple, setelan: tuple, ukuran: str, jenis: str) -> pd.DataFrame:
    """One measure of every unit over several months: columns ``periode`` and one per unit."""
    baris = {}
    for p in periode:
        h = _hasil(ktx, tingkat, p, setelan, None)
        sumber = {"indikator": h.normal, "elemen": h.elemen}.get(jenis)
        s = sumber[ukuran] if sumber is not None and ukuran in sumber else h.skor.set_index("kode_wilayah")[ukuran]
        baris[p] = s.astype(float)
    return pd.DataFrame(baris).T.rename_axis("periode")


@simpan(8)
def _daftar_periode(ktx: tuple) -> list[str]:
    return periode_data(semua_data())


@simpan(8)
def _aduan_siap(ktx: tuple) -> pd.DataFrame | None:
    from indicators.aduan import siapan as aduan

    a = data("aduan_jalan")
    if a.empty:
        return None
    return aduan.siapkan(a, data("aduan_jalan_riwayat"), Konteks(*ktx).kode, ruas=data("ruas_jalan"))


@simpan(32)
def _ringkasan(ktx: tuple, periode: str) -> Ringkasan:
    return susun_ringkasan(semua_data(), kerangka(Konteks(*ktx)), Konteks(*ktx).kode, periode,
                           hasil_fn=lambda t, p: _hasil(ktx, t, p, BAWAAN.kunci(), None),
                           aduan_siap=_aduan_siap(ktx), n_teratas=5, dataset_demo=sorted(gudang().dataset_demo()))


# --- what pages call ------------------------------------------------------------------------------

def daftar_periode() -> list[str]:
    """The months with data, oldest first."""
    return _daftar_periode(tuple(konteks()))


def nilai(tingkat: str, periode: str) -> pd.DataFrame:
    """Indicator values (natural units) of every unit of a level."""
    return _nilai(tuple(konteks()), tingkat, periode)[0]


def hasil(tingkat: str, periode: str, setelan: PengaturanSkor = BAWAAN, bagian: str | None = None) -> HasilSkor:
    """The core's ``HasilSkor`` (``skor`` with ``nama``, ``tingkat``, ``periode`` as in ``skor_wilayah``)."""
    return _hasil(tuple(konteks()), tingkat, periode, setelan.kunci(), bagian)


def interval(tingkat: str, periode: str, setelan: PengaturanSkor = BAWAAN,
             bagian: str | None = None) -> HasilKetidakpastian:
    """Rank intervals over ``N_KETIDAKPASTIAN`` runs (seed 0)."""
    return _ketidakpastian(tuple(konteks()), tingkat, periode, setelan.kunci(), bagian, N_KETIDAKPASTIAN, 0)


def sobol(tingkat: str, periode: str, setelan: PengaturanSkor = BAWAAN, bagian: str | None = None) -> pd.DataFrame:
    return _sensitivitas(tuple(konteks()), tingkat, periode, setelan.kunci(), bagian, N_SOBOL, 0)


def tanpa_pilar(tingkat: str, periode: str, setelan: PengaturanSkor = BAWAAN):
    return _hapus_pilar(tuple(konteks()), tingkat, periode, setelan.kunci())


def koherensi_skor(tingkat: str, periode: str, setelan: PengaturanSkor = BAWAAN):
    return _koherensi(tuple(konteks()), tingkat, periode, setelan.kunci())


def berkala(tingkat: str, periode: list[str], setelan: PengaturanSkor = BAWAAN,
            bagian: str | None = None) -> pd.DataFrame:
    """The ``skor`` tables of several months stacked (each month cached on its own)."""
    ktx = tuple(konteks())
    return pd.concat([_hasil(ktx, tingkat, p, setelan.kunci(), bagian).skor for p in periode], ignore_index=True)


def ringkasan(periode: str) -> Ringkasan:
    """The briefing of the district for ``periode`` (default settings and weights)."""
    return _ringkasan(tuple(konteks()), periode)


def tren(tingkat: str, periode: list[str], setelan: PengaturanSkor, ukuran: str, jenis: str, unit: str) -> pd.DataFrame:
    """A unit's measure over months beside the median of all units of its level: columns ``periode``,
    ``seri`` (unit | median), ``nilai`` (NaN where data are insufficient; the line breaks there).
    ``jenis``: ``skor`` (index or pillar), ``elemen`` or ``indikator`` (normalised score)."""
    t = _tren(tuple(konteks()), tingkat, tuple(periode), setelan.kunci(), ukuran, jenis)
    return pd.concat([pd.DataFrame({"periode": t.index, "seri": "unit", "nilai": t[unit].to_numpy()}),
                      pd.DataFrame({"periode": t.index, "seri": "median", "nilai": t.median(axis=1).to_numpy()})],
                     ignore_index=True)


def bobot_ke_url(bobot: dict[str, float]) -> str:
    """What-if weights as one URL value: ``governance:2,layanan_publik:0.5`` (sorted)."""
    return ",".join(f"{i}:{w:g}" for i, w in sorted(bobot.items()))


def bobot_dari_url(nilai: str, sah: dict[str, float], maks: float = 3.0) -> dict[str, float]:
    """Weights from the URL; unknown ids and non-numbers are ignored (never an error page), values
    clipped to [0, ``maks``] and rounded to the sliders' step (0.25)."""
    out = {}
    for bagian in (nilai or "").split(","):
        id_, _, w = bagian.partition(":")
        try:
            x = float(w)
        except ValueError:
            continue
        if id_ in sah and x == x:
            out[id_] = round(min(max(x, 0.0), maks) * 4) / 4
    return out
