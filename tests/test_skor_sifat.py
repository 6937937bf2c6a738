"""Properties that must hold for any data (hypothesis): scores in [0, 100], improving an indicator in
its direction never lowers a unit's score under arithmetic aggregation, determinism, unit order
irrelevant, no unit silently dropped."""
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from indicators.skor.kerangka import muat_kerangka
from indicators.skor.pipeline import PengaturanSkor, skor

KERANGKA = muat_kerangka(Path(__file__).parent / "fixtures" / "skor" / "kerangka_dua_pilar.yaml")
KOLOM = ["g1", "g2", "g3", "l1", "l2", "l3"]
ARAH = {i.id: 1.0 if i.arah == "higher" else -1.0 for i in KERANGKA.indikator}
KODE = [f"18.02.{i:02d}" for i in range(1, 29)]
SKOR = ["indeks", "governance", "living"]
NORMALISASI = ["goalposts", "minmax", "zskor", "peringkat_persentil", "jarak_target"]
NORMALISASI_MONOTON = ["goalposts", "minmax", "peringkat_persentil", "jarak_target"]
CEPAT = settings(max_examples=60, deadline=None)

nilai_sel = st.one_of(st.floats(-50, 150, allow_nan=False), st.just(np.nan))


@st.composite
def nilai_acak(draw, minimal=0):
    n = draw(st.integers(minimal, 9))
    x = draw(arrays(np.float64, (n, len(KOLOM)), elements=nilai_sel))
    return pd.DataFrame(x, index=KODE[:n], columns=KOLOM)


@CEPAT
@given(nilai_acak(), st.sampled_from(NORMALISASI), st.sampled_from(["aritmetika", "geometrik", "copeland"]),
       st.sampled_from(["tidak_ada", "median_kelompok"]))
def test_skor_dalam_0_100_dan_tidak_ada_wilayah_hilang(nilai, normalisasi, agregasi, imputasi):
    p = PengaturanSkor(normalisasi=normalisasi, agregasi=agregasi, imputasi=imputasi)
    h = skor(nilai, KERANGKA, "kecamatan", p)
    x = h.skor[SKOR].to_numpy(dtype=float)
    assert np.all(np.isnan(x) | ((x >= 0) & (x <= 100)))
    n = h.normal.to_numpy()
    assert np.all(np.isnan(n) | ((n >= 0) & (n <= 100)))
    assert h.skor["kode_wilayah"].tolist() == sorted(nilai.index)
    # a unit without a single value never gets a score (never 0)
    kosong = nilai.isna().all(axis=1).to_numpy()
    assert np.isnan(x[kosong]).all()


@CEPAT
@given(nilai_acak(minimal=2), st.data(), st.sampled_from(NORMALISASI_MONOTON))
def test_memperbaiki_indikator_tidak_menurunkan_skor(nilai, data, normalisasi):
    ada = np.argwhere(nilai.notna().to_numpy())
    if len(ada) == 0:
        return
    u, j = ada[data.draw(st.integers(0, len(ada) - 1))]
    naik = data.draw(st.floats(0.01, 100))
    baru = nilai.copy()
    baru.iloc[u, j] += ARAH[KOLOM[j]] * naik          # better in the indicator's own direction
    p = PengaturanSkor(normalisasi=normalisasi, perlakuan="tidak_ada")
    sebelum = skor(nilai, KERANGKA, "kecamatan", p).skor.set_index("kode_wilayah").loc[KODE[u], SKOR]
    sesudah = skor(baru, KERANGKA, "kecamatan", p).skor.set_index("kode_wilayah").loc[KODE[u], SKOR]
    ada_skor = sebelum.notna()
    assert (sesudah.notna() == ada_skor).all()
    assert (sesudah[ada_skor] >= sebelum[ada_skor] - 1e-9).all()


@CEPAT
@given(nilai_acak(), st.randoms(use_true_random=False), st.sampled_from(NORMALISASI),
       st.sampled_from(["aritmetika", "geometrik", "copeland"]))
def test_deterministik_dan_urutan_wilayah_tidak_berpengaruh(nilai, acak, normalisasi, agregasi):
    p = PengaturanSkor(normalisasi=normalisasi, agregasi=agregasi)
    a = skor(nilai, KERANGKA, "kecamatan", p)
    b = skor(nilai, KERANGKA, "kecamatan", p)
    pd.testing.assert_frame_equal(a.skor, b.skor, check_exact=True)
    urutan = list(nilai.index)
    acak.shuffle(urutan)
    c = skor(nilai.loc[urutan], KERANGKA, "kecamatan", p)
    pd.testing.assert_frame_equal(a.skor, c.skor, rtol=1e-12)
    pd.testing.assert_frame_equal(a.normal, c.normal, rtol=1e-12)
