"""One small piece per method, each checked against values worked out by hand (or, for the COINr
outlier rule, against the published e1071 type-2 formulas)."""
import numpy as np
import pytest

from indicators.skor.agregasi import AGREGASI, agregasikan
from indicators.skor.audit import tabel
from indicators.skor.koherensi import cronbach_alpha
from indicators.skor.normalisasi import NORMALISASI, Arah, normalisasikan
from indicators.skor.perlakuan import gagal_outlier, imputasikan, perlakukan_outlier

NAN = np.nan
# one "higher" indicator with goalposts [0, 50] (target 30 for distance-to-target: see below)
X = np.array([[10.0], [20.0], [40.0]])


def arah(tanda=1.0, terburuk=NAN, terbaik=NAN):
    return Arah(np.array([tanda]), np.array([terburuk]), np.array([terbaik]))


@pytest.mark.parametrize("metode,arah_,harapan", [
    # (x − 0)/(50 − 0)·100
    ("goalposts", arah(1, 0, 50), [20.0, 40.0, 80.0]),
    # (x − 10)/(40 − 10)·100
    ("minmax", arah(), [0.0, 100 / 3, 100.0]),
    # ranks 1, 2, 3 → (r − 1)/(3 − 1)·100
    ("peringkat_persentil", arah(), [0.0, 50.0, 100.0]),
    # (x − min)/(target − min)·100 = (x − 10)/(30 − 10)·100, capped at 100
    ("jarak_target", arah(1, 0, 30), [0.0, 50.0, 100.0]),
    # mean 70/3, sample sd √(700/3) = 15.2753; 50 + 10·z
    ("zskor", arah(), [50 + 10 * (10 - 70 / 3) / np.sqrt(700 / 3), 50 + 10 * (20 - 70 / 3) / np.sqrt(700 / 3),
                       50 + 10 * (40 - 70 / 3) / np.sqrt(700 / 3)]),
])
def test_normalisasi_dihitung_tangan(metode, arah_, harapan):
    y, _ = normalisasikan(X, arah_, metode)
    np.testing.assert_allclose(y[:, 0], harapan, rtol=1e-12)


@pytest.mark.parametrize("metode", list(NORMALISASI))
def test_normalisasi_arah_lower_membalik_urutan_dan_menjaga_nan(metode):
    x = np.array([[14.0], [22.0], [30.0], [NAN]])
    y, _ = normalisasikan(x, arah(-1, 30, 14), metode)
    assert y[0, 0] > y[1, 0] > y[2, 0] and np.isnan(y[3, 0])
    assert np.nanmin(y) >= 0 and np.nanmax(y) <= 100


def test_goalposts_lower_dan_pemotongan_tercatat():
    # stunting: worst 30 %, best 14 %; 22 % is halfway; 10 % beyond the best → 100; 35 % → 0
    x = np.array([[22.0], [10.0], [35.0]])
    y, audit = normalisasikan(x, arah(-1, 30, 14), "goalposts")
    assert y[:, 0].tolist() == [50.0, 100.0, 0.0]
    assert tabel(audit)[["u", "perlakuan", "nilai_lama", "nilai_baru"]].to_numpy().tolist() == [
        [1, "dipotong", 10.0, 100.0], [2, "dipotong", 35.0, 0.0]]


def test_tanpa_goalposts_jatuh_ke_minmax_dan_tanpa_sebaran_50():
    y, audit = normalisasikan(np.array([[1.0], [3.0]]), arah(), "goalposts")
    assert y[:, 0].tolist() == [0.0, 100.0] and audit["perlakuan"].tolist() == ["tanpa_goalposts"]
    for metode in ("minmax", "zskor", "peringkat_persentil"):
        y, _ = normalisasikan(np.array([[7.0], [7.0], [NAN]]), arah(), metode)
        assert y[:2, 0].tolist() == [50.0, 50.0] and np.isnan(y[2, 0]), metode


def test_metode_tidak_dikenal():
    with pytest.raises(ValueError, match="normalisasi tidak dikenal"):
        normalisasikan(X, arah(), "log")
    with pytest.raises(ValueError, match="agregasi tidak dikenal"):
        agregasikan(np.zeros((1, 1, 1)), np.ones((1, 1, 1)), "median")
    with pytest.raises(ValueError, match="imputasi tidak dikenal"):
        imputasikan(X, np.array(["a"] * 3), "knn")


def _skew_e1071(v):
    # e1071::skewness type 2 (the definition COINr uses): √n Σd³ / (Σd²)^1.5 · √(n(n−1))/(n−2)
    n, d = len(v), v - v.mean()
    return np.sqrt(n) * (d**3).sum() / (d**2).sum() ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)


def _kurt_e1071(v):
    # e1071::kurtosis type 2: ((n+1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3)), r = n Σd⁴/(Σd²)²
    n, d = len(v), v - v.mean()
    r = n * (d**4).sum() / (d**2).sum() ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def test_aturan_outlier_coinr_mengikuti_rumus_e1071():
    rng = np.random.default_rng(7)
    for _ in range(50):
        v = rng.lognormal(0, rng.uniform(0.1, 2.5), rng.integers(5, 60))
        assert gagal_outlier(v) == (abs(_skew_e1071(v)) > 2 and _kurt_e1071(v) > 3.5)


def test_winsorisasi_satu_titik():
    # 1…9 and one 100: fails the rule; setting 100 to the next highest (9) leaves values within 1…9,
    # which pass → exactly one point treated, new value 9
    x = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 100.0]]).T
    assert gagal_outlier(x[:, 0])
    y, audit = perlakukan_outlier(x)
    assert y[:, 0].tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9.0]
    assert tabel(audit)[["u", "j", "perlakuan", "nilai_lama", "nilai_baru"]].to_numpy().tolist() == [
        [9, 0, "winsorisasi_atas", 100.0, 9.0]]


def test_log_bila_lima_titik_tidak_cukup():
    # a heavy tail of 20 points out of 200: five winsorised points cannot fix it, so the ORIGINAL
    # values are log-transformed: log(x − min + 0.01·(max − min))
    x = np.concatenate([np.ones(180), 10.0 ** np.arange(1, 21) / 1e10])[:, None]
    y, audit = perlakukan_outlier(x)
    lo, hi = x.min(), x.max()
    np.testing.assert_allclose(y[:, 0], np.log(x[:, 0] - lo + 0.01 * (hi - lo)))
    assert len(audit["u"]) == 200 and set(audit["perlakuan"]) == {"log"}
    # negative skew: the mirrored transform keeps the order of units
    y2, _ = perlakukan_outlier(-x)
    assert np.all(np.diff(y2[np.argsort(-x[:, 0]), 0]) >= 0)


def test_indikator_yang_lolos_tidak_diubah():
    x = np.array([[1.0, 5.0], [2.0, NAN], [3.0, 5.0], [4.0, 6.0], [5.0, 7.0]])
    y, audit = perlakukan_outlier(x)
    np.testing.assert_array_equal(y, x)
    assert len(audit["u"]) == 0


def test_imputasi_median_kelompok_tercatat():
    x = np.array([[1.0], [3.0], [NAN], [NAN], [10.0]])
    y, audit = imputasikan(x, np.array(["a", "a", "a", "b", "c"]), "median_kelompok")
    # group a: median(1, 3) = 2; group b has no value at all: stays missing
    assert y[:3, 0].tolist() == [1.0, 3.0, 2.0] and np.isnan(y[3, 0]) and y[4, 0] == 10.0
    assert tabel(audit)[["u", "perlakuan", "nilai_baru"]].to_numpy().tolist() == [[2, "diimputasi", 2.0]]
    y0, a0 = imputasikan(x, np.zeros(5), "tidak_ada")
    np.testing.assert_array_equal(y0, x)
    assert len(a0["u"]) == 0


def test_rata_rata_kasus_tersedia_dan_geometrik():
    x = np.array([[[80.0, 60.0, NAN], [100.0, 1.0, 50.0], [NAN, NAN, NAN]]])
    w = np.array([[[1.0], [1.0], [2.0]]])
    # unit 0: (80 + 60)/2 = 70 (the missing member's weight is dropped); unit 1: (100 + 1 + 2·50)/4
    ar = agregasikan(x, w, "aritmetika")[0, :, 0]
    assert ar[0] == 70.0 and ar[1] == pytest.approx(201 / 4) and np.isnan(ar[2])
    # geometric on 1 + 0.99x: unit 0: √(80.2 · 60.4) = 69.5997 → (69.5997 − 1)/0.99
    ge = agregasikan(x, w, "geometrik")[0, :, 0]
    assert ge[0] == pytest.approx((np.sqrt(80.2 * 60.4) - 1) / 0.99)
    assert ge[1] == pytest.approx(((100.0 * 1.99 * 50.5**2) ** 0.25 - 1) / 0.99)
    assert ge[0] < ar[0]      # the geometric mean compensates less


def test_copeland_dihitung_tangan():
    # A = (90, 10), B = (50, 50), C = (20, 30). Equal weights: A–B and A–C tie (one member each way),
    # B beats C on both → Copeland scores A 0, B +1, C −1 → (s + 2)/4·100 = 50, 75, 25
    x = np.array([[[90.0, 10.0], [50.0, 50.0], [20.0, 30.0]]])
    np.testing.assert_allclose(agregasikan(x, np.ones((1, 2, 1)), "copeland")[0, :, 0], [50.0, 75.0, 25.0])
    # weights 3:1 → A beats B and C (3 − 1 > 0), B beats C → A +2, B 0, C −2 → 100, 50, 0
    w = np.array([[[3.0], [1.0]]])
    np.testing.assert_allclose(agregasikan(x, w, "copeland")[0, :, 0], [100.0, 50.0, 0.0])


@pytest.mark.parametrize("metode", list(AGREGASI))
def test_agregasi_dalam_rentang_dan_runs_independen(metode):
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, (4, 6, 5))
    x[rng.uniform(size=x.shape) < 0.2] = NAN
    w = rng.uniform(0.5, 2, (4, 5, 2)) * (rng.uniform(size=(1, 5, 2)) < 0.7)
    out = agregasikan(x, w, metode)
    assert out.shape == (4, 6, 2)
    assert np.nanmin(out) >= 0 and np.nanmax(out) <= 100
    for r in range(4):   # run r of a batch equals run r alone
        np.testing.assert_allclose(agregasikan(x[r:r + 1], w[r:r + 1], metode)[0], out[r], rtol=1e-12)


def test_alpha_cronbach_dihitung_tangan():
    # columns 1,2,3 and 2,3,5: variances 1 and 7/3, covariance 3/2;
    # α = k²·mean off-diagonal cov / Σ cov = 4·1.5 / (1 + 7/3 + 3) = 6 / (19/3) = 18/19
    assert cronbach_alpha(np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0], [NAN, 1.0]])) == pytest.approx(18 / 19)
    assert np.isnan(cronbach_alpha(np.array([[1.0], [2.0]])))
