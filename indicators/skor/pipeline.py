"""Steps 2–8 and 11 of docs/metode.md: from indicator values to pillar scores, index, maturity and audit.

``skor(nilai, kerangka, tingkat)`` takes the indicator values (``hitung.hitung_nilai``) and returns a
``HasilSkor``; ``skor_wilayah`` does both for a kabupaten, level and period. All choices are in
``PengaturanSkor`` (defaults as in docs/metode.md). Same input → identical output: nothing random, every
sort stable.

Data availability: an indicator present for fewer than 65 % of the units is flagged (excluded only
when ``buang_indikator_jarang``); a unit with fewer than 2/3 of a pillar's indicators gets no score
for that pillar, and a unit with fewer than 2/3 of the pillars gets no index ("data tidak cukup":
NaN, never 0). Availability is judged on the data before imputation.

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
from scipy.stats import rankdata

from indicators.skor.agregasi import AGREGASI, agregasikan
from indicators.skor.kerangka import PILAR, Kerangka
from indicators.skor.normalisasi import NORMALISASI, Arah, normalisasikan
from indicators.skor.perlakuan import IMPUTASI, imputasikan, perlakukan_outlier

KOLOM_AUDIT = ["langkah", "kode_wilayah", "indikator", "pilar", "perlakuan", "nilai_lama", "nilai_baru", "keterangan"]
DESIMAL_PERINGKAT = 9   # scores are compared at this precision, so float noise never breaks a tie
_KELOMPOK = {13: 8, 8: 5}  # a village's group is its kecamatan, a kecamatan's its kabupaten


@dataclass(frozen=True)
class PengaturanSkor:
    """Every choice of the pipeline, defaults as in docs/metode.md.

    ``bobot`` overrides weights by id (pillar, element or indicator; 0 switches one off).

    >>> PengaturanSkor(bobot={"governance": 2}).bobot
    (('governance', 2.0),)
    """
    normalisasi: str = "goalposts"
    agregasi: str = "aritmetika"
    imputasi: str = "tidak_ada"
    outlier: bool = True
    ambang_indikator: float = 0.65
    ambang_unit: float = 2 / 3
    buang_indikator_jarang: bool = False
    bobot: Mapping[str, float] | tuple = ()

    def __post_init__(self):
        for nama, pilihan in (("normalisasi", NORMALISASI), ("agregasi", AGREGASI), ("imputasi", IMPUTASI)):
            if getattr(self, nama) not in pilihan:
                raise ValueError(f"{nama} tidak dikenal {getattr(self, nama)!r}; pilih dari {', '.join(pilihan)}")
        for nama in ("ambang_indikator", "ambang_unit"):
            if not 0 <= getattr(self, nama) <= 1:
                raise ValueError(f"{nama} harus di antara 0 dan 1")
        b = dict(self.bobot)
        for k, v in b.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
                raise ValueError(f"bobot {k!r} harus angka >= 0, bukan {v!r}")
        object.__setattr__(self, "bobot", tuple(sorted((str(k), float(v)) for k, v in b.items())))


@dataclass(frozen=True)
class Struktur:
    """The framework at one level as arrays: membership matrices, weights and directions."""
    indikator: tuple[str, ...]
    elemen: tuple[str, ...]
    pilar: tuple[str, ...]
    elemen_indikator: np.ndarray   # (k, E) one-hot
    pilar_elemen: np.ndarray       # (E, P) one-hot
    w_indikator: np.ndarray
    w_elemen: np.ndarray
    w_pilar: np.ndarray
    arah: Arah

    @property
    def pilar_indikator(self) -> np.ndarray:
        return self.elemen_indikator @ self.pilar_elemen


def struktur(kerangka: Kerangka, bobot: Mapping[str, float] | tuple = ()) -> Struktur:
    """Arrays of a (level-filtered) framework, with weight overrides applied.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = struktur(muat_kerangka().untuk_tingkat("desa"), {"governance": 2})
    >>> s.elemen_indikator.shape, s.w_pilar.tolist()
    ((25, 14), [2.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    """
    b = dict(bobot)
    tidak_dikenal = set(b) - {x.id for x in (*kerangka.pilar, *kerangka.elemen, *kerangka.indikator)}
    if tidak_dikenal:
        raise ValueError(f"bobot untuk id yang tidak ada dalam kerangka: {sorted(tidak_dikenal)}")
    ind, el, pl = kerangka.indikator, kerangka.elemen, kerangka.pilar
    ei = {e.id: n for n, e in enumerate(el)}
    pi = {p.id: n for n, p in enumerate(pl)}
    G = np.zeros((len(ind), len(el)))
    G[np.arange(len(ind)), [ei[i.elemen] for i in ind]] = 1.0
    H = np.zeros((len(el), len(pl)))
    H[np.arange(len(el)), [pi[e.pilar] for e in el]] = 1.0
    gp = np.array([i.goalposts if i.goalposts else (np.nan, np.nan) for i in ind], dtype=float).reshape(len(ind), 2)
    arah = Arah(np.array([1.0 if i.arah == "higher" else -1.0 for i in ind]), gp[:, 0], gp[:, 1])
    return Struktur(tuple(i.id for i in ind), tuple(e.id for e in el), tuple(p.id for p in pl), G, H,
                    np.array([b.get(i.id, i.bobot) for i in ind], dtype=float),
                    np.array([b.get(e.id, e.bobot) for e in el], dtype=float),
                    np.array([b.get(p.id, p.bobot) for p in pl], dtype=float), arah)


def bobot_efektif(s: Struktur) -> np.ndarray:
    """Each indicator's weight in the overall index when every value is present (sums to 1).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> w = bobot_efektif(struktur(muat_kerangka().untuk_tingkat("kabupaten")))
    >>> round(float(w.sum()), 12), round(float(w[0]), 6)     # gov_sla_layanan: 1/4 · 1/3 · 1/6
    (1.0, 0.013889)
    """
    def bagi(w, anggota):  # w_j / Σ weights of j's group
        total = anggota @ (anggota.T @ w)
        return np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    wi = bagi(s.w_indikator, s.elemen_indikator)
    we = bagi(s.w_elemen, s.pilar_elemen)
    wp = s.w_pilar / s.w_pilar.sum() if s.w_pilar.sum() > 0 else np.zeros_like(s.w_pilar)
    return wi * (s.elemen_indikator @ (we * (s.pilar_elemen @ wp)))


def agregasi_hierarki(n: np.ndarray, s: Struktur, w_ind: np.ndarray, w_el: np.ndarray, w_pil: np.ndarray,
                      mask_pilar: np.ndarray, ambang_unit: float, metode: str
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indicators → elements → pillars → index for R runs at once.

    ``n`` normalised scores (units, k) or (R, units, k); weights (R, ·); ``mask_pilar`` (units, P) says
    which unit has enough data for which pillar. Returns element (R, u, E), pillar (R, u, P) and
    index (R, u) scores.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = struktur(muat_kerangka().untuk_tingkat("kabupaten"))
    >>> n = np.full((1, len(s.indikator)), 60.0)
    >>> agregasi_hierarki(n, s, s.w_indikator[None], s.w_elemen[None], s.w_pilar[None],
    ...                   np.ones((1, 6), bool), 2 / 3, "aritmetika")[2].tolist()
    [[60.0]]
    """
    x = n if n.ndim == 3 else n[None]
    el = agregasikan(x, w_ind[:, :, None] * s.elemen_indikator[None], metode)
    el = np.where((mask_pilar @ s.pilar_elemen.T > 0)[None], el, np.nan)
    pl = agregasikan(el, w_el[:, :, None] * s.pilar_elemen[None], metode)
    pl = np.where(mask_pilar[None], pl, np.nan)
    aktif = w_pil > 0
    cukup = (~np.isnan(pl) & aktif[:, None, :]).sum(axis=2) >= ambang_unit * aktif.sum(axis=1)[:, None] - 1e-9
    idx = agregasikan(pl, w_pil[:, :, None], metode)[:, :, 0]
    return el, pl, np.where(cukup, idx, np.nan)


def peringkat(indeks: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score, ties share the best rank; NaN stays NaN. Works on (u,) or (R, u).

    >>> peringkat(np.array([50.0, np.nan, 70.0, 50.0])).tolist()
    [2.0, nan, 1.0, 2.0]
    """
    x = np.atleast_2d(np.round(indeks, DESIMAL_PERINGKAT))
    r = rankdata(np.where(np.isnan(x), np.inf, -x), method="min", axis=1).astype(float)
    r[np.isnan(x)] = np.nan
    return r.reshape(np.shape(indeks))


def label_kematangan(indeks: np.ndarray | pd.Series, kerangka: Kerangka) -> np.ndarray:
    """Maturity level (1…5, 0 where the index is missing) from the bands declared in the framework.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> label_kematangan(np.array([0.0, 19.99, 20.0, 79.9, 80.0, 100.0, np.nan]), muat_kerangka()).tolist()
    [1, 1, 2, 4, 5, 5, 0]
    """
    batas = np.array([b.batas_bawah for b in kerangka.kematangan])
    level = np.array([b.level for b in kerangka.kematangan])
    x = np.asarray(indeks, dtype=float)
    pos = np.searchsorted(batas, np.where(np.isnan(x), -1.0, x), side="right") - 1
    return np.where(np.isnan(x) | (pos < 0), 0, level[np.clip(pos, 0, len(level) - 1)])


@dataclass(frozen=True)
class Siapan:
    """What does not change between runs: structure, raw values, groups and availability masks."""
    kerangka: Kerangka
    struktur: Struktur
    kode: tuple[str, ...]
    x: np.ndarray
    kelompok: np.ndarray
    mask_pilar: np.ndarray
    ketersediaan_pilar: np.ndarray
    ketersediaan_indikator: np.ndarray
    cakupan: np.ndarray
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


def _kelompok(kode: np.ndarray) -> np.ndarray:
    """Group of each unit for imputation: a village's kecamatan, a kecamatan's kabupaten."""
    s = pd.Series(kode, dtype=object).astype(str)
    panjang = s.str.len()
    out = s.copy()
    for n, m in _KELOMPOK.items():
        out[panjang == n] = s[panjang == n].str.slice(0, m)
    return out.to_numpy(dtype=object)


def siapkan(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor) -> Siapan:
    """Step 2: restrict the framework to the level, check availability, fix the unit order (by code).

    Shared by ``skor`` and the uncertainty analysis.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = siapkan(pd.DataFrame({"gov_spbe": [3.0]}, index=["18.02"]), muat_kerangka(), "kabupaten", PengaturanSkor())
    >>> s.kode, s.mask_pilar.tolist()        # 1 of 7 governance indicators: not enough for a pillar score
    (('18.02',), [[False, False, False, False, False, False]])
    """
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
    jarang = np.flatnonzero(tersedia < pengaturan.ambang_indikator)
    audit.append(_baris_audit(
        "ketersediaan", len(jarang), indikator=[ids[j] for j in jarang], nilai_lama=tersedia[jarang],
        perlakuan="dikecualikan" if pengaturan.buang_indikator_jarang else "di_bawah_ambang",
        keterangan=[f"ketersediaan {tersedia[j]:.0%} < {pengaturan.ambang_indikator:.0%}" for j in jarang]))
    if pengaturan.buang_indikator_jarang and len(jarang):
        k = k.tanpa({ids[j] for j in jarang})
        pertahankan = np.ones(len(ids), bool)
        pertahankan[jarang] = False
        x, ada, tersedia = x[:, pertahankan], ada[:, pertahankan], tersedia[pertahankan]
    s = struktur(k, pengaturan.bobot)
    per_pilar = s.pilar_indikator
    with np.errstate(invalid="ignore", divide="ignore"):
        ket_pilar = (ada.astype(float) @ per_pilar) / per_pilar.sum(axis=0)
    mask = ket_pilar >= pengaturan.ambang_unit - 1e-9
    kode = tuple(x_df.index.tolist())
    u, q = np.nonzero(~mask)
    audit.append(_baris_audit(
        "ketersediaan", len(u), kode_wilayah=np.asarray(kode, dtype=object)[u] if len(u) else [],
        pilar=np.asarray(s.pilar, dtype=object)[q] if len(q) else [], perlakuan="data_tidak_cukup",
        nilai_lama=ket_pilar[u, q],
        keterangan=f"ketersediaan pilar < {pengaturan.ambang_unit:.0%}: tanpa skor pilar"))
    cakupan = ada.mean(axis=1) * 100 if ada.shape[1] else np.full(len(kode), np.nan)
    return Siapan(k, s, kode, x, _kelompok(np.asarray(kode, dtype=object)), mask, ket_pilar, tersedia, cakupan,
                  tuple(audit))


def normal(siap: Siapan, normalisasi: str, imputasi: str, outlier: bool = True) -> tuple[np.ndarray, list]:
    """Steps 3–5: imputation, outlier treatment (data-driven methods only), normalisation.

    Returns the normalised matrix and its audit rows (column arrays, see ``_baris_audit``).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> s = siapkan(pd.DataFrame({"gov_spbe": [2.5]}, index=["18.02"]), muat_kerangka(), "kabupaten", PengaturanSkor())
    >>> float(normal(s, "goalposts", "tidak_ada")[0][0, s.struktur.indikator.index("gov_spbe")])   # 2.5 of 0–5
    50.0
    """
    x, a = imputasikan(siap.x, siap.kelompok, imputasi)
    audit = [_dari_blok(a, "imputasi", siap)]
    if outlier and NORMALISASI[normalisasi].berbasis_data:
        x, a = perlakukan_outlier(x)
        audit.append(_dari_blok(a, "outlier", siap))
    n, a = normalisasikan(x, siap.struktur.arah, normalisasi)
    audit.append(_dari_blok(a, "normalisasi", siap))
    return n, audit


@dataclass(frozen=True)
class HasilSkor:
    """Everything a page shows about one scoring run. Frames are indexed by row, keyed by kode_wilayah.

    - ``skor``: kode_wilayah, indeks, the six pillars, kematangan (level 0–5; 0 = no index),
      kematangan_id, kematangan_en, cakupan (% of indicators with data), peringkat (1 = best).
    - ``elemen`` / ``normal`` / ``nilai``: element scores, normalised indicators (0–100), raw values.
    - ``ketersediaan``: per indicator: availability share and the below-threshold flag.
    - ``bobot_efektif``: per indicator: framework weights and the effective weight in the index.
    - ``audit``: every treatment, columns ``KOLOM_AUDIT``.
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
    siapan: Siapan = field(repr=False, default=None)


def skor(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor | None = None,
         catatan: list | None = None) -> HasilSkor:
    """Score every unit of ``nilai`` (index kode_wilayah, one column per indicator, natural units).

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
    p = pengaturan or PengaturanSkor()
    siap = siapkan(nilai, kerangka, tingkat, p)
    s = siap.struktur
    n, audit = normal(siap, p.normalisasi, p.imputasi, p.outlier)
    el, pl, idx = agregasi_hierarki(n, s, s.w_indikator[None], s.w_elemen[None], s.w_pilar[None],
                                    siap.mask_pilar, p.ambang_unit, p.agregasi)
    el, pl, idx = el[0], pl[0], idx[0]
    kode = pd.Index(siap.kode, name="kode_wilayah")
    cukup_pilar = ~np.isnan(pl).all(axis=1) if pl.shape[1] else np.zeros(len(kode), bool)
    tanpa_indeks = np.flatnonzero(np.isnan(idx) & cukup_pilar)
    catatan = catatan or []
    aud = _tabel_audit([
        _baris_audit("hitung", len(catatan), indikator=[c["indikator"] for c in catatan], perlakuan="tidak_dihitung",
                     keterangan=[c["keterangan"] for c in catatan]),
        *siap.audit, *audit,
        _baris_audit("ketersediaan", len(tanpa_indeks),
                     kode_wilayah=np.asarray(siap.kode, dtype=object)[tanpa_indeks], perlakuan="indeks_tidak_cukup",
                     keterangan=f"pilar dengan skor < {p.ambang_unit:.0%}: tanpa indeks"),
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
    tabel["peringkat"] = pd.array(peringkat(idx), dtype="Float64").astype("Int64")
    be = bobot_efektif(s)
    ind_by_id = {i.id: i for i in siap.kerangka.indikator}
    tabel_bobot = pd.DataFrame({
        "indikator": list(s.indikator), "pilar": [ind_by_id[i].pilar for i in s.indikator],
        "elemen": [ind_by_id[i].elemen for i in s.indikator], "bobot": s.w_indikator,
        "bobot_elemen": s.elemen_indikator @ s.w_elemen,
        "bobot_pilar": s.pilar_indikator @ s.w_pilar, "bobot_efektif": be})
    ketersediaan = pd.DataFrame({"indikator": list(s.indikator), "ketersediaan": siap.ketersediaan_indikator,
                                 "di_bawah_ambang": siap.ketersediaan_indikator < p.ambang_indikator})
    return HasilSkor(
        tingkat=tingkat, pengaturan=p, skor=tabel,
        elemen=pd.DataFrame(el, index=kode, columns=list(s.elemen)),
        normal=pd.DataFrame(n, index=kode, columns=list(s.indikator)),
        nilai=pd.DataFrame(siap.x, index=kode, columns=list(s.indikator)),
        ketersediaan=ketersediaan, bobot_efektif=tabel_bobot, audit=aud, siapan=siap)


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
    catatan: list = []
    nilai = hitung_nilai(data, kerangka, kode_kabupaten, tingkat, periode, catatan=catatan)
    h = skor(nilai, kerangka, tingkat, pengaturan, catatan=catatan)
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
