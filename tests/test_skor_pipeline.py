"""The pipeline on the hand-made two-pillar framework (tests/fixtures/skor/kerangka_dua_pilar.yaml):
goalposts with truncation, a lower-is-better indicator, the available-case mean, a pillar without
enough data, effective weights, maturity bands, the audit trail and determinism."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.skor.kerangka import muat_kerangka
from indicators.skor.koherensi import koherensi
from indicators.skor.pipeline import PengaturanSkor, label_kematangan, skor, skor_wilayah
from tests.bantu import demo

FIXTURE = Path(__file__).parent / "fixtures" / "skor"
NAN = np.nan
KOLOM = ["g1", "g2", "g3", "l1", "l2", "l3"]
# goalposts: g1 [0,100], g2 lower [10,0], g3 [0,5], l1 [20,80], l2 [0,100], l3 lower [30,14];
# governance = (layanan_publik{g1,g2} + kebijakan_publik{g3}) / 2, living = (kesehatan{l1,l2} + mobilitas{l3}) / 2,
# index = (governance + 2·living) / 3
NILAI = pd.DataFrame([
    [80, 2.5, 4, 50, 120, 10],      # K1: every value; l2 = 120 and l3 = 10 lie beyond the best goalpost
    [30, 12, NAN, 20, 40, 22],      # K2: g3 missing (2 of 3 governance indicators: still enough)
    [60, 5, 2.5, 65, NAN, NAN],     # K3: 1 of 3 living indicators: no living score, so no index
    [NAN] * 6,                      # K4: nothing
], columns=KOLOM, index=["18.02.01", "18.02.02", "18.02.03", "18.02.04"], dtype=float)


@pytest.fixture(scope="module")
def kerangka():
    return muat_kerangka(FIXTURE / "kerangka_dua_pilar.yaml")


@pytest.fixture(scope="module")
def hasil(kerangka):
    return skor(NILAI, kerangka, "kecamatan")


def test_normalisasi_goalposts_dengan_pemotongan_dan_arah_lower(hasil):
    n = hasil.normal
    # K1: g1 80; g2 (2.5 − 10)/(0 − 10) = 75; g3 4/5 = 80; l1 (50 − 20)/60 = 50; l2 120 → 100;
    # l3 (10 − 30)/(14 − 30) = 125 → 100
    assert n.loc["18.02.01"].tolist() == [80.0, 75.0, 80.0, 50.0, 100.0, 100.0]
    # K2: g2 (12 − 10)/(−10) = −20 → 0; l3 (22 − 30)/(−16) = 50
    assert n.loc["18.02.02", ["g1", "g2", "l1", "l2", "l3"]].tolist() == [30.0, 0.0, 0.0, 40.0, 50.0]
    dipotong = hasil.audit[hasil.audit.perlakuan == "dipotong"]
    pasangan = sorted(zip(dipotong.kode_wilayah, dipotong.indikator, strict=True))
    assert pasangan == [("18.02.01", "l2"), ("18.02.01", "l3"), ("18.02.02", "g2")]


def test_skor_pilar_dan_indeks_dihitung_tangan(hasil):
    t = hasil.skor.set_index("kode_wilayah")
    # K1: layanan (80 + 75)/2 = 77.5, kebijakan 80 → governance 78.75; kesehatan (50 + 100)/2 = 75,
    # mobilitas 100 → living 87.5; index (78.75 + 2·87.5)/3 = 84.5833
    assert t.loc["18.02.01", "governance"] == 78.75 and t.loc["18.02.01", "living"] == 87.5
    assert t.loc["18.02.01", "indeks"] == pytest.approx(253.75 / 3)
    # K2, available-case mean: kebijakan has no value, so governance = layanan = (30 + 0)/2 = 15;
    # living = ((0 + 40)/2 + 50)/2 = 35; index (15 + 70)/3 = 28.333
    assert t.loc["18.02.02", "governance"] == 15.0 and t.loc["18.02.02", "living"] == 35.0
    assert t.loc["18.02.02", "indeks"] == pytest.approx(85 / 3)
    # K3: governance ((60 + 50)/2 + 50)/2 = 52.5; living empty (1 of 3 < 2/3); index needs 2/3 of the pillars
    assert t.loc["18.02.03", "governance"] == 52.5
    assert np.isnan(t.loc["18.02.03", "living"]) and np.isnan(t.loc["18.02.03", "indeks"])
    assert t.loc["18.02.04", ["indeks", "governance", "living"]].isna().all()
    # pillars absent from this framework are empty, never 0
    assert t[["branding", "economy", "society", "environment"]].isna().all().all()


def test_kematangan_cakupan_peringkat(hasil):
    t = hasil.skor.set_index("kode_wilayah")
    assert t["kematangan"].tolist() == [5, 2, 0, 0]                 # 84.58 ≥ 80; 20 ≤ 28.33 < 40; none
    assert t["kematangan_id"].tolist() == ["Optimal", "Berkembang", "", ""]
    assert t["kematangan_en"].tolist()[:2] == ["Optimised", "Developing"]
    np.testing.assert_allclose(t["cakupan"], [100.0, 500 / 6, 400 / 6, 0.0])   # indicators present of 6
    assert t["peringkat"].tolist()[:2] == [1, 2] and t["peringkat"].isna().tolist() == [False, False, True, True]


def test_jejak_audit_ketersediaan(hasil):
    a = hasil.audit
    tidak_cukup = a[a.perlakuan == "data_tidak_cukup"]
    assert sorted(zip(tidak_cukup.kode_wilayah, tidak_cukup.pilar, strict=True)) == [
        ("18.02.03", "living"), ("18.02.04", "governance"), ("18.02.04", "living")]
    assert a[a.perlakuan == "indeks_tidak_cukup"].kode_wilayah.tolist() == ["18.02.03"]
    # availability over the 4 units: g1, g2, l1 3/4 = 75 % pass; g3, l2, l3 2/4 = 50 % < 65 % are flagged
    assert sorted(a[a.perlakuan == "di_bawah_ambang"].indikator) == ["g3", "l2", "l3"]
    assert hasil.ketersediaan.set_index("indikator")["ketersediaan"].to_dict() == {
        "g1": 0.75, "g2": 0.75, "g3": 0.5, "l1": 0.75, "l2": 0.5, "l3": 0.5}


def test_bobot_efektif(hasil):
    b = hasil.bobot_efektif.set_index("indikator")["bobot_efektif"]
    # g1: ½ of layanan · ½ of governance · ⅓ of the index = 1/12; g3: 1 · ½ · ⅓ = 1/6;
    # l1: ½ · ½ · ⅔ = 1/6; l3: 1 · ½ · ⅔ = 1/3
    np.testing.assert_allclose(b[KOLOM], [1 / 12, 1 / 12, 1 / 6, 1 / 6, 1 / 6, 1 / 3])
    assert b.sum() == pytest.approx(1.0)


def test_bobot_diganti_dan_pilar_dimatikan(kerangka):
    t = skor(NILAI, kerangka, "kecamatan", PengaturanSkor(bobot={"living": 0})).skor.set_index("kode_wilayah")
    # the index is governance alone; K3 now has enough pillars (1 of 1)
    assert t.loc["18.02.01", "indeks"] == 78.75 and t.loc["18.02.03", "indeks"] == 52.5
    t = skor(NILAI, kerangka, "kecamatan", PengaturanSkor(bobot={"g2": 3})).skor.set_index("kode_wilayah")
    # K1 layanan (80 + 3·75)/4 = 76.25 → governance (76.25 + 80)/2 = 78.125
    assert t.loc["18.02.01", "governance"] == 78.125


def test_buang_indikator_jarang(kerangka):
    h = skor(NILAI, kerangka, "kecamatan", PengaturanSkor(buang_indikator_jarang=True))
    assert list(h.normal.columns) == ["g1", "g2", "l1"]
    assert (h.audit.perlakuan == "dikecualikan").sum() == 3
    # K1 with g1, g2, l1 only: governance (80 + 75)/2 = 77.5; living = kesehatan = 50; (77.5 + 100)/3
    assert h.skor.set_index("kode_wilayah").loc["18.02.01", "indeks"] == pytest.approx(177.5 / 3)


def test_imputasi_selalu_ditandai(kerangka):
    h = skor(NILAI, kerangka, "kecamatan", PengaturanSkor(imputasi="median_kelompok"))
    imp = h.audit[h.audit.perlakuan == "diimputasi"]
    # K2's g3 is filled with the median of 4 and 2.5 (every kecamatan is in one kabupaten group)
    baris = imp[(imp.kode_wilayah == "18.02.02") & (imp.indikator == "g3")]
    assert baris.nilai_baru.tolist() == [3.25]
    # availability is judged before imputation: K3 still has no living score
    assert np.isnan(h.skor.set_index("kode_wilayah").loc["18.02.03", "living"])


def test_outlier_hanya_untuk_normalisasi_berbasis_data(kerangka):
    x = pd.DataFrame({"g1": [1, 2, 3, 4, 5, 6, 7, 8, 9, 100.0]}, index=[f"18.02.{i:02d}" for i in range(1, 11)])
    assert not (skor(x, kerangka, "kecamatan").audit.langkah == "outlier").any()
    a = skor(x, kerangka, "kecamatan", PengaturanSkor(normalisasi="minmax")).audit
    assert a[a.langkah == "outlier"][["kode_wilayah", "perlakuan", "nilai_baru"]].to_numpy().tolist() == [
        ["18.02.10", "winsorisasi_atas", 9.0]]
    assert not (skor(x, kerangka, "kecamatan", PengaturanSkor(normalisasi="minmax", perlakuan="tidak_ada"))
                .audit.langkah == "outlier").any()


@pytest.mark.parametrize("nilai,level", [(0, 1), (19.999, 1), (20, 2), (39.99, 2), (40, 3), (60, 4), (79.99, 4),
                                         (80, 5), (100, 5), (NAN, 0)])
def test_pita_kematangan(kerangka, nilai, level):
    # five equal bands, lower bound inclusive (docs/metode.md, langkah 8)
    assert label_kematangan(np.array([nilai]), muat_kerangka())[0] == level


@pytest.mark.parametrize("kwargs,pesan", [
    ({"normalisasi": "log"}, "normalisasi tidak dikenal"),
    ({"agregasi": "median"}, "agregasi tidak dikenal"),
    ({"imputasi": "knn"}, "imputasi tidak dikenal"),
    ({"bobot": {"g1": -1}}, "harus angka >= 0"),
    ({"ambang_pilar": 1.5}, "ambang_pilar"),
])
def test_pengaturan_salah(kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        PengaturanSkor(**kwargs)


def test_bobot_untuk_id_tak_dikenal(kerangka):
    with pytest.raises(ValueError, match="tidak ada dalam kerangka"):
        skor(NILAI, kerangka, "kecamatan", PengaturanSkor(bobot={"g9": 1}))


@pytest.mark.parametrize("normalisasi", ["goalposts", "minmax", "zskor", "peringkat_persentil", "jarak_target"])
@pytest.mark.parametrize("agregasi", ["aritmetika", "geometrik", "copeland"])
def test_setiap_kombinasi_metode_dalam_rentang(kerangka, normalisasi, agregasi):
    t = skor(NILAI, kerangka, "kecamatan", PengaturanSkor(normalisasi=normalisasi, agregasi=agregasi)).skor
    nilai = t[["indeks", "governance", "living"]].to_numpy(dtype=float)
    assert np.nanmin(nilai) >= 0 and np.nanmax(nilai) <= 100
    # missing stays missing whatever the method
    assert t["indeks"].isna().tolist() == [False, False, True, True]


def test_demo_semua_tingkat_deterministik_dan_koheren():
    k, d = muat_kerangka(), demo()
    hasil = {}
    for tingkat, n in (("desa", 311), ("kecamatan", 28), ("kabupaten", 1)):
        h = hasil[tingkat] = skor_wilayah(d, k, "18.02", tingkat, "2026-10")
        assert len(h.skor) == n and h.skor["nama"].notna().all()
        x = h.skor[["indeks", "governance", "branding", "economy", "living", "society", "environment"]]
        assert np.nanmin(x.to_numpy(dtype=float)) >= 0 and np.nanmax(x.to_numpy(dtype=float)) <= 100
        ulang = skor(h.nilai, k, tingkat)
        pd.testing.assert_frame_equal(h.skor.drop(columns=["nama", "tingkat", "periode"]), ulang.skor)
        pd.testing.assert_frame_equal(h.normal, ulang.normal)
    kh = koherensi(hasil["kecamatan"])
    assert set(kh.korelasi.jenis) == {"indikator_pilar", "pilar_indeks"} and len(kh.alpha) == 6
    assert kh.korelasi.loc[kh.korelasi.jenis == "pilar_indeks", "r"].notna().all()
