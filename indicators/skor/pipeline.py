"""Steps 2–8 and 11 of docs/metode.md: from indicator values to pillar scores, index, maturity and audit.

``skor(nilai, kerangka, tingkat)`` takes the indicator values (``hitung.hitung_nilai``) and returns a
``HasilSkor``; ``skor_wilayah`` does both for a kabupaten, level and period. All choices are in
``PengaturanSkor`` (:mod:`indicators.skor.pengaturan`). Same input → identical output: nothing
random, every sort stable.

Data availability is the framework's declared rule (``ketersediaan``, judged on the data before
imputation, thresholds inclusive): an indicator present for fewer than ``indikator`` of the units is
flagged (excluded only when ``buang_indikator_jarang``); a unit gets an element, pillar or index
score only with at least the declared share of its members (``elemen``, ``pilar``, ``indeks``) —
otherwise "data tidak cukup": NaN, never 0, and listed in ``HasilSkor.kosong``. Screening: a unit
with values for fewer than ``penyaringan`` of the level's indicators keeps its scores but gets no
rank (listed in ``HasilSkor.tersaring``).

>>> import numpy as np, pandas as pd
>>> from indicators.skor.kerangka import muat_kerangka
>>> k = muat_kerangka()
>>> ids = [i.id for i in k.untuk_tingkat("kabupaten").indikator]
>>> nilai = pd.DataFrame([[np.nan] * len(ids)], index=pd.Index(["18.02"], name="kode_wilayah"), columns=ids)
>>> h = skor(nilai, k, "kabupaten")
>>> h.skor[["kode_wilayah", "indeks", "governance"]].to_dict("records")
[{'kode_wilayah': '18.02', 'indeks': nan, 'governance': nan}]
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.skor.hierarki import (
    DESIMAL_PERINGKAT,
    Struktur,
    agregasi_hierarki,
    bobot_efektif,
    cukup,
    label_kematangan,
    peringkat,
    struktur,
)
from indicators.skor.kerangka import PILAR, Kerangka
from indicators.skor.normalisasi import NORMALISASI, normalisasikan, potong
from indicators.skor.pengaturan import PengaturanSkor
from indicators.skor.perlakuan import imputasikan, perlakukan_outlier

__all__ = ["DESIMAL_PERINGKAT", "KOLOM_AUDIT", "HasilSkor", "PengaturanSkor", "Siapan", "Struktur",
           "agregasi_hierarki", "bobot_efektif", "label_kematangan", "normal", "peringkat", "siapkan", "skor",
           "skor_berkala", "skor_wilayah", "struktur"]

KOLOM_AUDIT = ["langkah", "kode_wilayah", "indikator", "pilar", "perlakuan", "nilai_lama", "nilai_baru", "keterangan"]
KOLOM_KOSONG = ["kode_wilayah", "tingkat_hierarki", "id", "ketersediaan", "ambang", "alasan"]
_KELOMPOK = {13: 8, 8: 5}  # a village's group is its kecamatan, a kecamatan's its kabupaten


@dataclass(frozen=True)
class Siapan:
    """What does not change between runs: structure, raw values, groups and availability masks."""
    kerangka: Kerangka
    struktur: Struktur
    pengaturan: PengaturanSkor
    kode: tuple[str, ...]
    x: np.ndarray
    kelompok: np.ndarray
    mask_elemen: np.ndarray
    mask_pilar: np.ndarray
    ketersediaan_elemen: np.ndarray
    ketersediaan_pilar: np.ndarray
    ketersediaan_indikator: np.ndarray
    cakupan: np.ndarray
    tersaring: np.ndarray
    x_lalu: np.ndarray | None = field(default=None, repr=False)
    audit: tuple = field(default=(), repr=False)   # audit rows as column arrays (``_baris_audit``)


def _baris_audit(langkah: str, n: int, **kolom) -> dict[str, np.ndarray]:
    """``n`` audit rows in the final form (columns ``KOLOM_AUDIT``, as arrays); missing columns empty."""
    isi = {"langkah": np.full(n, langkah, dtype=object)}
    for k in KOLOM_AUDIT[1:]:
        v = kolom.get(k, np.nan if k.startswith("nilai") else None)
        isi[k] = np.broadcast_to(np.asarray(v, dtype=float if k.startswith("nilai") else object), (n,))
    return isi


def _dari_blok(b: dict, langkah: str, siap: Siapan) -> dict[str, np.ndarray]:
    """An audit block (unit/indicator positions, ``audit.blok``) in the final form."""
    kode = np.asarray((*siap.kode, None), dtype=object)          # position −1 → None
    ids = np.asarray(siap.struktur.indikator, dtype=object)
    pilar = np.asarray([siap.struktur.pilar[q] for q in siap.struktur.pilar_indikator.argmax(axis=1)], dtype=object)
    u, j = b["u"], b["j"]
    return _baris_audit(langkah, len(u), kode_wilayah=kode[u], indikator=ids[j], pilar=pilar[j],
                        perlakuan=b["perlakuan"], nilai_lama=b["nilai_lama"], nilai_baru=b["nilai_baru"],
                        keterangan=b["keterangan"])


def _tabel_audit(bagian) -> pd.DataFrame:
    """One audit frame from row blocks, built once."""
    bagian = [b for b in bagian if len(b["langkah"])] or [_baris_audit("", 0)]
    return pd.DataFrame({k: np.concatenate([b[k] for b in bagian]) for k in KOLOM_AUDIT}, columns=KOLOM_AUDIT)


def _kelompok(kode: np.ndarray, kelompok: Mapping[str, str] | None) -> np.ndarray:
    """Group of each unit for imputation: the declared grouping (``kelompok``: code → group; a unit
    without one has none), else a village's kecamatan and a kecamatan's kabupaten."""
    s = pd.Series(kode, dtype=object).astype(str)
    if kelompok is not None:
        return s.map(dict(kelompok)).to_numpy(dtype=object)
    panjang = s.str.len()
    out = s.copy()
    for n, m in _KELOMPOK.items():
        out[panjang == n] = s[panjang == n].str.slice(0, m)
    return out.to_numpy(dtype=object)


def _kosong_audit(kode: tuple, ids: tuple, share: np.ndarray, ok: np.ndarray, perlakuan: str, ket: str, kolom: str):
    u, q = np.nonzero(~ok)
    return _baris_audit("ketersediaan", len(u), kode_wilayah=np.asarray(kode, dtype=object)[u] if len(u) else [],
                        **{kolom: np.asarray(ids, dtype=object)[q] if len(q) else []}, perlakuan=perlakuan,
                        nilai_lama=share[u, q], keterangan=ket)


def siapkan(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor,
            kelompok: Mapping[str, str] | None = None, nilai_lalu: pd.DataFrame | None = None) -> Siapan:
    """Step 2: restrict the framework to the level, check availability, fix the unit order (by code).

    Shared by ``skor`` and the uncertainty analysis. ``kelompok`` (code → group) replaces the parent
    areas as the grouping of group imputation; ``nilai_lalu`` are the previous period's values (for
    ``periode_lalu`` imputation).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = siapkan(pd.DataFrame({"gov_spbe": [3.0]}, index=["18.02"]), muat_kerangka(), "kabupaten", PengaturanSkor())
    >>> s.kode, s.mask_pilar.tolist()        # 1 of 7 governance indicators: not enough for a pillar score
    (('18.02',), [[False, False, False, False, False, False]])
    """
    p = pengaturan.untuk(kerangka)
    k = kerangka.untuk_tingkat(tingkat)
    ids = [i.id for i in k.indikator]
    kurang = [i for i in ids if i not in nilai.columns]
    audit = [_baris_audit("ketersediaan", len(kurang), indikator=kurang, perlakuan="kolom_tidak_ada",
                          keterangan="indikator tidak ada dalam data nilai")]
    x_df = nilai.reindex(columns=ids).apply(pd.to_numeric, errors="coerce").astype(float)
    x_df.index = x_df.index.astype(str)
    if x_df.index.has_duplicates:
        raise ValueError("kode_wilayah ganda dalam data nilai indikator")
    x_df = x_df.sort_index(kind="stable")
    x = x_df.to_numpy(dtype=float, copy=True)
    x[~np.isfinite(x)] = np.nan
    ada = ~np.isnan(x)
    tersedia = ada.mean(axis=0) if len(x) else np.zeros(len(ids))
    jarang = np.flatnonzero(tersedia < p.ambang_indikator)
    audit.append(_baris_audit(
        "ketersediaan", len(jarang), indikator=[ids[j] for j in jarang], nilai_lama=tersedia[jarang],
        perlakuan="dikecualikan" if p.buang_indikator_jarang else "di_bawah_ambang",
        keterangan=[f"ketersediaan {tersedia[j]:.0%} < {p.ambang_indikator:.0%}" for j in jarang]))
    pertahankan = np.ones(len(ids), bool)
    if p.buang_indikator_jarang and len(jarang):
        k = k.tanpa({ids[j] for j in jarang})
        pertahankan[jarang] = False
        x, ada, tersedia = x[:, pertahankan], ada[:, pertahankan], tersedia[pertahankan]
    x_lalu = None
    if nilai_lalu is not None:
        lalu = nilai_lalu.reindex(index=x_df.index, columns=ids).apply(pd.to_numeric, errors="coerce")
        x_lalu = lalu.to_numpy(dtype=float)[:, pertahankan]
    s = struktur(k, p.bobot)
    kode = tuple(x_df.index.tolist())
    ket_el, mask_el = cukup(ada, s.elemen_indikator, p.ambang_elemen)
    ket_pilar, mask = cukup(ada, s.pilar_indikator, p.ambang_pilar)
    audit.append(_kosong_audit(kode, s.pilar, ket_pilar, mask, "data_tidak_cukup",
                               f"ketersediaan pilar < {p.ambang_pilar:.0%}: tanpa skor pilar", "pilar"))
    cakupan = ada.mean(axis=1) * 100 if ada.shape[1] else np.full(len(kode), np.nan)
    saring = np.nan_to_num(cakupan, nan=0.0) / 100 < p.ambang_penyaringan - 1e-9
    audit.append(_baris_audit(
        "penyaringan", int(saring.sum()), kode_wilayah=np.asarray(kode, dtype=object)[saring], perlakuan="tersaring",
        nilai_lama=cakupan[saring], keterangan=f"data < {p.ambang_penyaringan:.0%} indikator: tanpa peringkat"))
    return Siapan(k, s, p, kode, x, _kelompok(np.asarray(kode, dtype=object), kelompok), mask_el, mask, ket_el,
                  ket_pilar, tersedia, cakupan, saring, x_lalu, tuple(audit))


def normal(siap: Siapan, normalisasi: str, imputasi: str, perlakuan: str = "bawaan",
           potong_zskor: bool = False) -> tuple[np.ndarray, list]:
    """Steps 3–5: imputation, outlier treatment (data-driven methods only), normalisation.

    Returns the normalised matrix and its audit rows (column arrays, see ``_baris_audit``).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = siapkan(pd.DataFrame({"gov_spbe": [2.5]}, index=["18.02"]), muat_kerangka(), "kabupaten", PengaturanSkor())
    >>> float(normal(s, "goalposts", "tidak_ada")[0][0, s.struktur.indikator.index("gov_spbe")])   # 2.5 of 0–5
    50.0
    """
    x, a = imputasikan(siap.x, siap.kelompok, imputasi, siap.x_lalu)
    audit = [_dari_blok(a, "imputasi", siap)]
    if perlakuan != "tidak_ada" and NORMALISASI[normalisasi].berbasis_data:
        x, a = perlakukan_outlier(x, perlakuan)
        audit.append(_dari_blok(a, "outlier", siap))
    n, a = normalisasikan(x, siap.struktur.arah, normalisasi)
    audit.append(_dari_blok(a, "normalisasi", siap))
    if potong_zskor and normalisasi == "zskor":
        n, a = potong(n, x)
        audit.append(_dari_blok(a, "normalisasi", siap))
    return n, audit


@dataclass(frozen=True)
class HasilSkor:
    """Everything a page shows about one scoring run. Frames are indexed by row, keyed by kode_wilayah.

    - ``skor``: kode_wilayah, indeks, the six pillars, kematangan (level 0–5; 0 = no index),
      kematangan_id, kematangan_en, cakupan (% of indicators with data), peringkat (1 = best; none
      for a screened unit).
    - ``elemen`` / ``normal`` / ``nilai``: element scores, normalised indicators (0–100), raw values.
    - ``ketersediaan``: per indicator: availability share and the below-threshold flag.
    - ``bobot_efektif``: per indicator: framework weights and the effective weight in the index.
    - ``kosong``: every element, pillar and index the availability rule blanked although some of its
      members had data (``KOLOM_KOSONG``); ``tersaring``: the screened units and their data share.
    - ``audit``: every treatment, columns ``KOLOM_AUDIT``; ``pengaturan``: the settings in force
      (thresholds filled in from the framework).
    """
    tingkat: str
    pengaturan: PengaturanSkor
    skor: pd.DataFrame
    elemen: pd.DataFrame
    normal: pd.DataFrame
    nilai: pd.DataFrame
    ketersediaan: pd.DataFrame
    bobot_efektif: pd.DataFrame
    audit: pd.DataFrame
    kosong: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_KOSONG))
    tersaring: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["kode_wilayah", "cakupan"]))
    siapan: Siapan = field(repr=False, default=None)


def _tabel_kosong(siap: Siapan, el: np.ndarray, pl: np.ndarray, idx: np.ndarray) -> pd.DataFrame:
    """Units the availability rule blanked at each level although a member had data."""
    p, s, kode = siap.pengaturan, siap.struktur, np.asarray(siap.kode, dtype=object)
    bagian = []
    for nama, skor_, share, mask, ids, ambang in (
            ("elemen", el, siap.ketersediaan_elemen, siap.mask_elemen, s.elemen, p.ambang_elemen),
            ("pilar", pl, siap.ketersediaan_pilar, siap.mask_pilar, s.pilar, p.ambang_pilar)):
        u, q = np.nonzero(np.isnan(skor_) & (np.nan_to_num(share) > 0))
        alasan = np.where(mask[u, q], "pilar_tidak_cukup", "di_bawah_ambang") if nama == "elemen" else "di_bawah_ambang"
        bagian.append(pd.DataFrame({"kode_wilayah": kode[u], "tingkat_hierarki": nama,
                                    "id": np.asarray(ids, dtype=object)[q], "ketersediaan": share[u, q],
                                    "ambang": ambang, "alasan": alasan}))
    aktif = s.w_pilar > 0
    ada = (~np.isnan(pl[:, aktif])).sum(axis=1)
    u = np.flatnonzero(np.isnan(idx) & (ada > 0))
    bagian.append(pd.DataFrame({"kode_wilayah": kode[u], "tingkat_hierarki": "indeks", "id": "indeks",
                                "ketersediaan": ada[u] / max(int(aktif.sum()), 1), "ambang": p.ambang_indeks,
                                "alasan": "di_bawah_ambang"}))
    return pd.concat(bagian, ignore_index=True)[KOLOM_KOSONG]


def skor(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor | None = None,
         catatan: list | None = None, kelompok: Mapping[str, str] | None = None,
         nilai_lalu: pd.DataFrame | None = None) -> HasilSkor:
    """Score every unit of ``nilai`` (index kode_wilayah, one column per indicator, natural units).

    ``catatan``: notes of the value computation (``hitung_nilai``) for the audit trail;
    ``kelompok``/``nilai_lalu``: see :func:`siapkan`.

    >>> import pandas as pd
    >>> from indicators.skor.kerangka import baca_kerangka
    >>> t = {"id": "x", "en": "x"}
    >>> ind = lambda i, gp: {"id": i, "name": t, "definition": t, "unit": "%", "direction": "higher",
    ...                      "goalposts": gp, "source": "nilai_indikator", "levels": ["desa"]}
    >>> k = baca_kerangka({"pillars": [{"id": "living", "name": t, "elements": [
    ...     {"id": "e", "name": t, "indicators": [ind("a", [0, 100]), ind("b", [0, 50])]}]}]})
    >>> nilai = pd.DataFrame({"a": [80.0, 10.0], "b": [60.0, 5.0]}, index=["18.02.01.2001", "18.02.01.2002"])
    >>> skor(nilai, k, "desa").skor[["indeks", "living", "peringkat"]].values.tolist()
    [[90.0, 90.0, 1], [10.0, 10.0, 2]]
    """
    siap = siapkan(nilai, kerangka, tingkat, pengaturan or PengaturanSkor(), kelompok, nilai_lalu)
    p, s = siap.pengaturan, siap.struktur
    n, audit = normal(siap, p.normalisasi, p.imputasi, p.perlakuan, p.potong_zskor)
    el, pl, idx = agregasi_hierarki(n, s, s.w_indikator[None], s.w_elemen[None], s.w_pilar[None],
                                    siap.mask_elemen, siap.mask_pilar, p.ambang_indeks, p.agregasi)
    el, pl, idx = el[0], pl[0], idx[0]
    kode = pd.Index(siap.kode, name="kode_wilayah")
    kosong = _tabel_kosong(siap, el, pl, idx)
    catatan = catatan or []
    baris_hitung = [_baris_audit("hitung", len(c.get("kode_wilayah") or [None]), indikator=c["indikator"],
                                 kode_wilayah=c.get("kode_wilayah") or [None],
                                 perlakuan=c.get("perlakuan", "tidak_dihitung"), keterangan=c["keterangan"])
                    for c in catatan]
    with np.errstate(invalid="ignore"):
        lantai = np.nonzero((n < 0) & (p.agregasi == "geometrik"))
    ind_idx = kosong["tingkat_hierarki"] == "indeks"
    aud = _tabel_audit([
        *baris_hitung, *siap.audit, *audit,
        _baris_audit("agregasi", len(lantai[0]), kode_wilayah=np.asarray(siap.kode, dtype=object)[lantai[0]],
                     indikator=np.asarray(s.indikator, dtype=object)[lantai[1]], perlakuan="lantai_geometrik",
                     nilai_lama=n[lantai], nilai_baru=0.0, keterangan="rata-rata geometrik: skor < 0 dihitung 0"),
        _baris_audit("ketersediaan", int(ind_idx.sum()), kode_wilayah=kosong.loc[ind_idx, "kode_wilayah"].to_numpy(),
                     perlakuan="indeks_tidak_cukup", nilai_lama=kosong.loc[ind_idx, "ketersediaan"].to_numpy(),
                     keterangan=f"pilar dengan skor < {p.ambang_indeks:.0%}: tanpa indeks"),
    ])
    tabel = pd.DataFrame({"kode_wilayah": kode.to_numpy(), "indeks": idx})
    for nama in PILAR:
        tabel[nama] = pl[:, s.pilar.index(nama)] if nama in s.pilar else np.nan
    level = label_kematangan(idx, siap.kerangka)
    tabel["kematangan"] = pd.array(level, dtype="Int64")
    for b in ("id", "en"):
        nama_level = {0: "", **{x.level: x.nama[b] for x in siap.kerangka.kematangan}}
        tabel[f"kematangan_{b}"] = pd.Series(level).map(nama_level).to_numpy(dtype=object)
    tabel["cakupan"] = siap.cakupan
    tabel["peringkat"] = pd.array(peringkat(np.where(siap.tersaring, np.nan, idx)), dtype="Float64").astype("Int64")
    be = bobot_efektif(s)
    ind_by_id = {i.id: i for i in siap.kerangka.indikator}
    tabel_bobot = pd.DataFrame({
        "indikator": list(s.indikator), "pilar": [ind_by_id[i].pilar for i in s.indikator],
        "elemen": [ind_by_id[i].elemen for i in s.indikator], "bobot": s.w_indikator,
        "bobot_elemen": s.elemen_indikator @ s.w_elemen,
        "bobot_pilar": s.pilar_indikator @ s.w_pilar, "bobot_efektif": be})
    ketersediaan = pd.DataFrame({"indikator": list(s.indikator), "ketersediaan": siap.ketersediaan_indikator,
                                 "di_bawah_ambang": siap.ketersediaan_indikator < p.ambang_indikator})
    tersaring = pd.DataFrame({"kode_wilayah": kode[siap.tersaring], "cakupan": siap.cakupan[siap.tersaring]})
    return HasilSkor(
        tingkat=tingkat, pengaturan=p, skor=tabel,
        elemen=pd.DataFrame(el, index=kode, columns=list(s.elemen)),
        normal=pd.DataFrame(n, index=kode, columns=list(s.indikator)),
        nilai=pd.DataFrame(siap.x, index=kode, columns=list(s.indikator)),
        ketersediaan=ketersediaan, bobot_efektif=tabel_bobot, audit=aud, kosong=kosong, tersaring=tersaring,
        siapan=siap)


def bahan_imputasi(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, tingkat: str,
                   periode: str, pengaturan: PengaturanSkor) -> dict:
    """What the chosen imputation needs besides this period's values: ``kelompok`` (a declared
    grouping: a ``profil_desa`` column, village level) and ``nilai_lalu`` (the previous period's
    values), as keyword arguments of :func:`skor`.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> bahan_imputasi({}, muat_kerangka(), "18.02", "desa", "2026-10", PengaturanSkor())
    {}
    """
    from indicators.skor.hitung import hitung_nilai
    from indicators.skor.konteks import geser_periode

    out: dict = {}
    if pengaturan.kelompok != "induk" and pengaturan.imputasi in ("median_kelompok", "rata_kelompok"):
        profil = data.get("profil_desa")
        if tingkat != "desa" or profil is None or pengaturan.kelompok not in profil:
            raise ValueError(f"kelompok imputasi {pengaturan.kelompok!r}: harus 'induk' atau kolom profil_desa "
                             "(hanya tingkat desa)")
        out["kelompok"] = dict(zip(profil["kode_wilayah"].astype(str), profil[pengaturan.kelompok].astype(object),
                                   strict=True))
    if pengaturan.imputasi == "periode_lalu":
        out["nilai_lalu"] = hitung_nilai(data, kerangka, kode_kabupaten, tingkat, geser_periode(periode, -1))
    return out


def skor_wilayah(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, tingkat: str,
                 periode: str | None = None, pengaturan: PengaturanSkor | None = None) -> HasilSkor:
    """Compute indicator values from the datasets and score every unit of a kabupaten at one level.

    ``periode`` defaults to the latest month in the data. ``skor`` gains ``nama``, ``tingkat`` and
    ``periode`` columns (official names from the register).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> h = skor_wilayah({}, muat_kerangka(), "18.02", "kecamatan", "2026-10")
    >>> len(h.skor), list(h.skor.columns[:4])
    (28, ['kode_wilayah', 'nama', 'tingkat', 'periode'])
    """
    from indicators.skor.hitung import hitung_nilai, periode_terakhir
    from indicators.wilayah.daftar import daftar_wilayah

    periode = periode or periode_terakhir(data)
    p = pengaturan or PengaturanSkor()
    catatan: list = []
    nilai = hitung_nilai(data, kerangka, kode_kabupaten, tingkat, periode, catatan=catatan)
    h = skor(nilai, kerangka, tingkat, p, catatan=catatan,
             **bahan_imputasi(data, kerangka, kode_kabupaten, tingkat, periode, p))
    nama = daftar_wilayah(kode_kabupaten, tingkat).set_index("kode_wilayah")["nama"]
    t = h.skor
    t.insert(1, "nama", t["kode_wilayah"].map(nama))
    t.insert(2, "tingkat", tingkat)
    t.insert(3, "periode", periode)
    return h


def skor_berkala(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, tingkat: str,
                 periode: list[str], pengaturan: PengaturanSkor | None = None) -> pd.DataFrame:
    """The ``skor`` table of ``skor_wilayah`` for several months, stacked (one row per unit and month),
    for trend charts. With goalposts (the default) the months are comparable; a data-driven
    normalisation rescales each month on its own.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> t = skor_berkala({}, muat_kerangka(), "18.02", "kecamatan", ["2026-09", "2026-10"])
    >>> len(t), t["periode"].unique().tolist()
    (56, ['2026-09', '2026-10'])
    """
    bagian = [skor_wilayah(data, kerangka, kode_kabupaten, tingkat, p, pengaturan).skor for p in periode]
    return pd.concat(bagian, ignore_index=True)
