"""Step 10 of docs/metode.md: how robust is a ranking? Uncertainty and sensitivity, vectorised over runs.

Each run samples a normalisation method, an aggregation method, imputation on/off and independent
noise on every weight (w·(1 + U(−0.25, 0.25)) on indicator, element and pillar weights); the runs
that share methods are aggregated together in one array operation (``pipeline.agregasi_hierarki``),
so 1,000 runs cost about as much as a few dozen nominal runs, never a Python loop over runs.

- ``ketidakpastian``: per unit the nominal rank, the median rank and the 5–95 % rank interval.
- ``sensitivitas``: first-order and total Sobol indices (``scipy.stats.sobol_indices``) of the mean
  absolute rank shift against the nominal ranking, for the factors normalisation, aggregation,
  imputation and weights (the weight factor picks one of a pool of noisy weight sets, as COINr does).
- ``hapus_pilar``: the rank shift of every unit when each pillar is removed in turn.

All three are pure functions of their arguments (seeded), so a page can cache them.
Copeland is not sampled by default: it is O(n²) per run (add it to ``agregasi`` to include it).

>>> import numpy as np, pandas as pd
>>> from indicators.skor.kerangka import muat_kerangka
>>> k = muat_kerangka()
>>> ids = [i.id for i in k.untuk_tingkat("kecamatan").indikator]
>>> rng = np.random.default_rng(1)
>>> nilai = pd.DataFrame(rng.uniform(0, 100, (5, len(ids))), columns=ids,
...                      index=[f"18.02.0{i}" for i in range(1, 6)])
>>> h = ketidakpastian(nilai, k, "kecamatan", uji=PengaturanKetidakpastian(n=200, seed=3))
>>> bool((h.peringkat.peringkat_p05 <= h.peringkat.peringkat_median).all())
True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from threadpoolctl import threadpool_limits

from indicators.skor.agregasi import AGREGASI, NAMA_AGREGASI
from indicators.skor.kerangka import Kerangka
from indicators.skor.normalisasi import NORMALISASI
from indicators.skor.perlakuan import IMPUTASI
from indicators.skor.pipeline import PengaturanSkor, Siapan, agregasi_hierarki, normal, peringkat, siapkan

# what ``siapkan`` needs beyond the values: a declared grouping and the previous period (``bahan_imputasi``)
_BAHAN = ("kelompok", "nilai_lalu")


def _blas_satu_utas(fungsi):
    """Run with one BLAS thread: the many small matrix products here lose more to thread start-up
    than they gain (1,000 runs for 311 villages measured 2.2 s with default threads, 0.47 s with one)."""
    @functools.wraps(fungsi)
    def bungkus(*args, **kwargs):
        with threadpool_limits(limits=1, user_api="blas"):
            return fungsi(*args, **kwargs)
    return bungkus

ELEMEN_PER_POTONGAN = 20_000_000   # runs × units × indicators handled in one array operation (~160 MB)


@dataclass(frozen=True)
class PengaturanKetidakpastian:
    """The sampled factors and their ranges (defaults as in docs/metode.md)."""
    n: int = 1000
    seed: int = 0
    normalisasi: tuple[str, ...] = tuple(NORMALISASI)
    agregasi: tuple[str, ...] = ("aritmetika", "geometrik")
    imputasi: tuple[str, ...] = ("tidak_ada", "median_kelompok")
    derau_bobot: float = 0.25
    n_sobol: int = 256

    def __post_init__(self):
        for nama, pilihan in (("normalisasi", NORMALISASI), ("agregasi", AGREGASI), ("imputasi", IMPUTASI)):
            nilai = tuple(getattr(self, nama))
            object.__setattr__(self, nama, nilai)
            if not nilai or any(v not in pilihan for v in nilai):
                raise ValueError(f"{nama} harus berisi metode dari {', '.join(pilihan)}, bukan {nilai!r}")
        if self.n < 1:
            raise ValueError("jumlah run ketidakpastian harus >= 1")
        if not 0 <= self.derau_bobot < 1:
            raise ValueError("derau_bobot harus di antara 0 dan 1")
        if self.n_sobol < 2 or self.n_sobol & (self.n_sobol - 1):
            raise ValueError("n_sobol harus pangkat dua (mis. 256)")


class _Mesin:
    """Index of many runs at once; normalised matrices cached per (normalisation, imputation)."""

    def __init__(self, siap: Siapan):
        self.siap, self.p, self.s = siap, siap.pengaturan, siap.struktur
        self._n: dict[tuple[str, str], np.ndarray] = {}

    def normal(self, norm: str, imp: str) -> np.ndarray:
        if (norm, imp) not in self._n:
            self._n[(norm, imp)] = normal(self.siap, norm, imp, self.p.perlakuan, self.p.potong_zskor)[0]
        return self._n[(norm, imp)]

    def indeks(self, norm: list[str], agg: list[str], imp: list[str],
               w_ind: np.ndarray, w_el: np.ndarray, w_pil: np.ndarray) -> np.ndarray:
        """Index (runs, units): run r uses methods norm[r], agg[r], imp[r] and weights w_*[r]; a screened
        unit has none (it is excluded from every ranking)."""
        r, u = len(norm), len(self.siap.kode)
        out = np.full((r, u), np.nan)
        kombinasi = pd.DataFrame({"n": norm, "a": agg, "i": imp})
        lebar = max(len(self.s.indikator), 1) * max(u, 1)
        potong = max(1, ELEMEN_PER_POTONGAN // lebar)
        for (m, a, i), baris in kombinasi.groupby(["n", "a", "i"], sort=True).indices.items():
            x = self.normal(m, i)
            for awal in range(0, len(baris), potong):
                sel = baris[awal:awal + potong]
                out[sel] = agregasi_hierarki(x, self.s, w_ind[sel], w_el[sel], w_pil[sel], self.siap.mask_elemen,
                                             self.siap.mask_pilar, self.p.ambang_indeks, a)[2]
        out[:, self.siap.tersaring] = np.nan
        return out

    def nominal(self) -> np.ndarray:
        s = self.s
        return self.indeks([self.p.normalisasi], [self.p.agregasi], [self.p.imputasi],
                           s.w_indikator[None], s.w_elemen[None], s.w_pilar[None])[0]

    def bobot_acak(self, rng: np.random.Generator, n: int, derau: float):
        s = self.s
        return tuple(w[None, :] * (1 + rng.uniform(-derau, derau, (n, len(w))))
                     for w in (s.w_indikator, s.w_elemen, s.w_pilar))


@dataclass(frozen=True)
class HasilKetidakpastian:
    """``peringkat``: per unit kode_wilayah, peringkat (nominal), peringkat_median, peringkat_p05,
    peringkat_p95, indeks (nominal), indeks_p05, indeks_median, indeks_p95.
    ``sampel``: per run the sampled methods and the mean absolute rank shift against the nominal."""
    peringkat: pd.DataFrame
    sampel: pd.DataFrame


def _bahan(bahan: dict) -> dict:
    """The imputation inputs (``pipeline.bahan_imputasi``) passed on to ``siapkan``; others refused."""
    lain = set(bahan) - set(_BAHAN)
    if lain:
        raise TypeError(f"argumen tak dikenal: {sorted(lain)}")
    return bahan


def _persentil(x: np.ndarray, q: float) -> np.ndarray:
    """Per column, the observed value at quantile q (inverted CDF: the smallest value v with
    F(v) ≥ q), ignoring NaN; all-NaN columns stay NaN. One sort for every column at once.

    >>> _persentil(np.array([[3.0, np.nan], [1.0, np.nan], [2.0, np.nan], [4.0, np.nan]]), 0.5).tolist()
    [2.0, nan]
    """
    urut = np.sort(x, axis=0)                      # NaN sorted last
    n = (~np.isnan(x)).sum(axis=0)
    pos = np.clip(np.ceil(q * n - 1e-9).astype(int) - 1, 0, max(len(x) - 1, 0))   # q·n exact: no float bump
    out = urut[pos, np.arange(x.shape[1])] if len(x) else np.full(x.shape[1], np.nan)
    return np.where(n > 0, out, np.nan)


def _geser_rata(rank: np.ndarray, rank0: np.ndarray) -> np.ndarray:
    """Per run, the mean absolute rank shift against the nominal ranks (units without rank left out)."""
    beda = np.abs(rank - rank0[None])
    ada = ~np.isnan(beda)
    return np.where(ada, beda, 0).sum(axis=1) / np.maximum(ada.sum(axis=1), 1)


@_blas_satu_utas
def ketidakpastian(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor | None = None,
                   uji: PengaturanKetidakpastian | None = None, **bahan) -> HasilKetidakpastian:
    """Rank intervals of every unit over ``uji.n`` sampled runs (see the module docstring).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> k = muat_kerangka()
    >>> ids = [i.id for i in k.untuk_tingkat("kecamatan").indikator]
    >>> nilai = pd.DataFrame([[90.0] * len(ids), [10.0] * len(ids)], columns=ids, index=["18.02.01", "18.02.02"])
    >>> t = ketidakpastian(nilai, k, "kecamatan", uji=PengaturanKetidakpastian(n=50)).peringkat
    >>> t[["peringkat", "peringkat_p05", "peringkat_p95"]].values.tolist()    # 18.02.01 is better everywhere
    [[1, 1, 1], [2, 2, 2]]
    """
    p, uji = pengaturan or PengaturanSkor(), uji or PengaturanKetidakpastian()
    siap = siapkan(nilai, kerangka, tingkat, p, **_bahan(bahan))
    mesin = _Mesin(siap)
    indeks0 = mesin.nominal()
    rank0 = peringkat(indeks0)
    rng = np.random.default_rng(uji.seed)
    m = rng.integers(len(uji.normalisasi), size=uji.n)
    a = rng.integers(len(uji.agregasi), size=uji.n)
    i = rng.integers(len(uji.imputasi), size=uji.n)
    w = mesin.bobot_acak(rng, uji.n, uji.derau_bobot)
    norm, agg, imp = ([pilihan[j] for j in idx] for pilihan, idx in
                      ((uji.normalisasi, m), (uji.agregasi, a), (uji.imputasi, i)))
    indeks = mesin.indeks(norm, agg, imp, *w)
    rank = peringkat(indeks)
    geser = _geser_rata(rank, rank0)
    tabel = pd.DataFrame({
        "kode_wilayah": list(siap.kode),
        "peringkat": pd.array(rank0, dtype="Float64").astype("Int64"),
        "peringkat_median": pd.array(_persentil(rank, 0.5), dtype="Float64").astype("Int64"),
        "peringkat_p05": pd.array(_persentil(rank, 0.05), dtype="Float64").astype("Int64"),
        "peringkat_p95": pd.array(_persentil(rank, 0.95), dtype="Float64").astype("Int64"),
        "indeks": indeks0,
        "indeks_p05": _persentil(indeks, 0.05),
        "indeks_median": _persentil(indeks, 0.5),
        "indeks_p95": _persentil(indeks, 0.95),
    })
    sampel = pd.DataFrame({"normalisasi": norm, "agregasi": agg, "imputasi": imp, "pergeseran_rata": geser})
    return HasilKetidakpastian(tabel, sampel)


FAKTOR = {
    "normalisasi": {"id": "Metode normalisasi", "en": "Normalisation method"},
    "agregasi": {"id": "Metode agregasi", "en": "Aggregation method"},
    "imputasi": {"id": "Imputasi data hilang", "en": "Missing-data imputation"},
    "bobot": {"id": "Bobot (derau ±25 %)", "en": "Weights (±25 % noise)"},
}


@_blas_satu_utas
def sensitivitas(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str, pengaturan: PengaturanSkor | None = None,
                 uji: PengaturanKetidakpastian | None = None, **bahan) -> pd.DataFrame:
    """First-order and total Sobol indices of the mean absolute rank shift, one row per factor.

    Columns ``faktor, nama_id, nama_en, sobol_pertama, sobol_total``. ``uji.n_sobol`` base samples
    (a power of two) cost n_sobol × 6 evaluations. A factor with a single choice has index 0.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> k = muat_kerangka()
    >>> ids = [i.id for i in k.untuk_tingkat("kecamatan").indikator]
    >>> nilai = pd.DataFrame(np.random.default_rng(0).uniform(0, 100, (4, len(ids))), columns=ids,
    ...                      index=["18.02.01", "18.02.02", "18.02.03", "18.02.04"])
    >>> s = sensitivitas(nilai, k, "kecamatan", uji=PengaturanKetidakpastian(agregasi=("aritmetika",), n_sobol=8))
    >>> s.set_index("faktor").loc["agregasi", "sobol_total"]     # one aggregation method: no influence
    np.float64(0.0)
    """
    p, uji = pengaturan or PengaturanSkor(), uji or PengaturanKetidakpastian()
    siap = siapkan(nilai, kerangka, tingkat, p, **_bahan(bahan))
    mesin = _Mesin(siap)
    rank0 = peringkat(mesin.nominal())
    rng = np.random.default_rng(uji.seed)
    kolam = mesin.bobot_acak(rng, uji.n_sobol, uji.derau_bobot)
    pilihan = (uji.normalisasi, uji.agregasi, uji.imputasi)

    def f(x: np.ndarray) -> np.ndarray:
        idx = [np.clip(np.asarray(v, dtype=int), 0, len(c) - 1) for v, c in zip(x[:3], pilihan, strict=True)]
        wi = np.clip(np.asarray(x[3], dtype=int), 0, uji.n_sobol - 1)
        metode = ([c[j] for j in ix] for c, ix in zip(pilihan, idx, strict=True))
        indeks = mesin.indeks(*metode, *(w[wi] for w in kolam))
        return _geser_rata(peringkat(indeks), rank0)[None, :]

    dist = [stats.randint(0, len(c)) for c in pilihan] + [stats.randint(0, uji.n_sobol)]
    with np.errstate(all="ignore"):
        hasil = stats.sobol_indices(func=f, n=uji.n_sobol, dists=dist, rng=np.random.default_rng(uji.seed))
    pertama = np.nan_to_num(np.asarray(hasil.first_order, dtype=float).ravel())
    total = np.nan_to_num(np.asarray(hasil.total_order, dtype=float).ravel())
    tunggal = np.array([len(c) == 1 for c in pilihan] + [uji.derau_bobot == 0])
    pertama[tunggal], total[tunggal] = 0.0, 0.0
    return pd.DataFrame({"faktor": list(FAKTOR), "nama_id": [v["id"] for v in FAKTOR.values()],
                         "nama_en": [v["en"] for v in FAKTOR.values()],
                         "sobol_pertama": pertama, "sobol_total": total})


@dataclass(frozen=True)
class HasilHapusPilar:
    """``pergeseran``: per unit (index kode_wilayah) and pillar, rank without the pillar − nominal rank
    (positive = the unit falls). ``ringkasan``: per pillar the mean and largest absolute shift."""
    pergeseran: pd.DataFrame
    ringkasan: pd.DataFrame


@_blas_satu_utas
def hapus_pilar(nilai: pd.DataFrame, kerangka: Kerangka, tingkat: str,
                pengaturan: PengaturanSkor | None = None, **bahan) -> HasilHapusPilar:
    """Rank shifts when each pillar is removed in turn (its weight set to 0; index re-weighted).

    >>> import pandas as pd
    >>> from indicators.skor.kerangka import muat_kerangka
    >>> k = muat_kerangka()
    >>> ids = [i.id for i in k.untuk_tingkat("kabupaten").indikator]
    >>> h = hapus_pilar(pd.DataFrame([[50.0] * len(ids)], columns=ids, index=["18.02"]), k, "kabupaten")
    >>> h.ringkasan["rata_abs"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    p = pengaturan or PengaturanSkor()
    siap = siapkan(nilai, kerangka, tingkat, p, **_bahan(bahan))
    mesin, s = _Mesin(siap), siap.struktur
    p = siap.pengaturan
    rank0 = peringkat(mesin.nominal())
    n_p = len(s.pilar)
    w_pil = np.repeat(s.w_pilar[None], n_p, axis=0)
    w_pil[np.arange(n_p), np.arange(n_p)] = 0.0
    indeks = mesin.indeks([p.normalisasi] * n_p, [p.agregasi] * n_p, [p.imputasi] * n_p,
                          np.repeat(s.w_indikator[None], n_p, 0), np.repeat(s.w_elemen[None], n_p, 0), w_pil)
    geser = (peringkat(indeks) - rank0[None]).T
    tabel = pd.DataFrame(geser, index=pd.Index(siap.kode, name="kode_wilayah"), columns=list(s.pilar))
    mutlak = np.abs(geser)
    ada = ~np.isnan(mutlak)
    ringkas = pd.DataFrame({
        "pilar": list(s.pilar),
        "rata_abs": np.where(ada, mutlak, 0).sum(axis=0) / np.maximum(ada.sum(axis=0), 1),
        "maks_abs": np.where(ada, mutlak, 0).max(axis=0) if len(mutlak) else np.zeros(n_p),
    })
    return HasilHapusPilar(tabel, ringkas)


__all__ = [
    "FAKTOR",
    "NAMA_AGREGASI",
    "HasilHapusPilar",
    "HasilKetidakpastian",
    "PengaturanKetidakpastian",
    "hapus_pilar",
    "ketidakpastian",
    "sensitivitas",
]
