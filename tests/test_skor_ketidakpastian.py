"""Uncertainty and sensitivity: invariants of the rank intervals, the collapse to the nominal rank
when nothing varies, seeded determinism, Sobol indices and remove-one-pillar shifts by hand."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.skor.hitung import hitung_nilai
from indicators.skor.kerangka import muat_kerangka
from indicators.skor.ketidakpastian import PengaturanKetidakpastian, hapus_pilar, ketidakpastian, sensitivitas
from indicators.skor.pipeline import skor
from tests.bantu import demo

DUA_PILAR = muat_kerangka(Path(__file__).parent / "fixtures" / "skor" / "kerangka_dua_pilar.yaml")
TETAP = PengaturanKetidakpastian(n=50, normalisasi=("goalposts",), agregasi=("aritmetika",), imputasi=("tidak_ada",),
                                 derau_bobot=0.0, n_sobol=8)


@pytest.fixture(scope="module")
def desa():
    """Indicator values of the 311 demo villages (the district scale of docs/mutu.md)."""
    return hitung_nilai(demo(), muat_kerangka(), "18.02", "desa", "2026-10")


@pytest.fixture(scope="module")
def hasil_desa(desa):
    return ketidakpastian(desa, muat_kerangka(), "desa", uji=PengaturanKetidakpastian(n=1000, seed=11))


def test_interval_peringkat_terurut_dan_lengkap(desa, hasil_desa):
    t = hasil_desa.peringkat
    assert len(t) == 311 and t["kode_wilayah"].tolist() == sorted(desa.index)
    ada = t["peringkat"].notna()
    assert ada.sum() > 300
    assert (t.loc[ada, "peringkat_p05"] <= t.loc[ada, "peringkat_median"]).all()
    assert (t.loc[ada, "peringkat_median"] <= t.loc[ada, "peringkat_p95"]).all()
    assert (t.loc[ada, "indeks_p05"] <= t.loc[ada, "indeks_median"]).all()
    assert (t.loc[ada, "indeks_median"] <= t.loc[ada, "indeks_p95"]).all()
    assert t.loc[~ada, ["peringkat_median", "peringkat_p05", "peringkat_p95"]].isna().all().all()
    # the nominal rank is the pipeline's own rank
    nominal = skor(desa, muat_kerangka(), "desa").skor
    pd.testing.assert_series_equal(t["peringkat"], nominal["peringkat"])
    assert len(hasil_desa.sampel) == 1000 and set(hasil_desa.sampel.normalisasi) == {
        "goalposts", "minmax", "zskor", "peringkat_persentil", "jarak_target"}


def test_tanpa_derau_dan_satu_metode_interval_runtuh_ke_peringkat_nominal(desa):
    t = ketidakpastian(desa, muat_kerangka(), "desa", uji=TETAP).peringkat
    ada = t["peringkat"].notna()
    for k in ("peringkat_median", "peringkat_p05", "peringkat_p95"):
        pd.testing.assert_series_equal(t.loc[ada, k], t.loc[ada, "peringkat"], check_names=False)
    np.testing.assert_allclose(t.loc[ada, "indeks_p05"], t.loc[ada, "indeks"], rtol=1e-12)


def test_seed_menentukan_hasil(desa, hasil_desa):
    kecil = PengaturanKetidakpastian(n=40, seed=11)
    a = ketidakpastian(desa, muat_kerangka(), "desa", uji=kecil)
    b = ketidakpastian(desa, muat_kerangka(), "desa", uji=kecil)
    pd.testing.assert_frame_equal(a.peringkat, b.peringkat, check_exact=True)
    pd.testing.assert_frame_equal(a.sampel, b.sampel, check_exact=True)


NILAI_TUKAR = pd.DataFrame({
    # A: governance 100, living 0; B: governance 0, living 60 (every indicator at that score)
    "g1": [100.0, 0.0], "g2": [0.0, 10.0], "g3": [5.0, 0.0],
    "l1": [20.0, 56.0], "l2": [0.0, 60.0], "l3": [30.0, 20.4],
}, index=["18.02.01", "18.02.02"])


def test_hapus_pilar_dihitung_tangan():
    # nominal: A (100 + 2·0)/3 = 33.3, B (0 + 2·60)/3 = 40 → B first. Without living: A 100 > B 0,
    # so A rises one place (−1) and B falls one (+1). Without governance: B 60 > A 0, no change.
    h = hapus_pilar(NILAI_TUKAR, DUA_PILAR, "kecamatan")
    assert h.pergeseran.loc["18.02.01"].tolist() == [0.0, -1.0]
    assert h.pergeseran.loc["18.02.02"].tolist() == [0.0, 1.0]
    assert h.ringkasan.set_index("pilar")["rata_abs"].to_dict() == {"governance": 0.0, "living": 1.0}


def test_sobol_faktor_tunggal_bernilai_nol_dan_bobot_terukur():
    # only the weights vary: a ±25 % change of the pillar weights (1 vs 2) can swap A and B, since
    # B wins by 40 − 33.3; the method factors have one choice each and get index 0
    uji = PengaturanKetidakpastian(normalisasi=("goalposts",), agregasi=("aritmetika",), imputasi=("tidak_ada",),
                                   n_sobol=64, seed=2)
    s = sensitivitas(NILAI_TUKAR, DUA_PILAR, "kecamatan", uji=uji).set_index("faktor")
    assert s.loc[["normalisasi", "agregasi", "imputasi"], ["sobol_pertama", "sobol_total"]].eq(0).all().all()
    assert np.isfinite(s[["sobol_pertama", "sobol_total"]].to_numpy()).all()


def test_sobol_desa_empat_faktor(desa):
    s = sensitivitas(desa, muat_kerangka(), "desa", uji=PengaturanKetidakpastian(n_sobol=32, seed=4))
    assert s["faktor"].tolist() == ["normalisasi", "agregasi", "imputasi", "bobot"]
    assert (s["nama_id"].str.len() > 0).all() and (s["nama_en"].str.len() > 0).all()
    assert np.isfinite(s[["sobol_pertama", "sobol_total"]].to_numpy()).all()


@pytest.mark.parametrize("kwargs,pesan", [
    ({"n": 0}, "jumlah run"),
    ({"normalisasi": ("log",)}, "normalisasi harus berisi"),
    ({"agregasi": ()}, "agregasi harus berisi"),
    ({"derau_bobot": 1.5}, "derau_bobot"),
    ({"n_sobol": 100}, "pangkat dua"),
])
def test_pengaturan_ketidakpastian_salah(kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        PengaturanKetidakpastian(**kwargs)
