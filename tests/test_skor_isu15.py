"""Issue 15, numbers that hold up: each method fix against a case worked out by hand from its formula
(missing numerator, z-score with an outlier, negative skew, the availability threshold boundary,
screening, group-mean imputation, previous-period imputation, a declared denominator), properties
(hypothesis), the ``score`` command's options, and the district index explained on the demo."""
import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.cli import main
from indicators.skor.hitung import hitung_nilai
from indicators.skor.kerangka import baca_kerangka, muat_kerangka
from indicators.skor.normalisasi import Arah, normalisasikan
from indicators.skor.pengaturan import PengaturanSkor, baca_bobot
from indicators.skor.perlakuan import gagal_outlier, log_ct, perlakukan_outlier
from indicators.skor.pipeline import skor
from tests.bantu import demo

NAN = np.nan
T = {"id": "x", "en": "x"}


def _ind(i, gp=(0, 100), arah="higher", **kw):
    return {"id": i, "name": T, "definition": T, "unit": "%", "direction": arah, "goalposts": list(gp),
            "source": "nilai_indikator", "levels": ["kecamatan"], **kw}


def _kerangka(elemen: dict[str, list], **atas) -> object:
    """One pillar (living) with the given elements → indicator ids; top-level keys in ``atas``."""
    return baca_kerangka({"pillars": [{"id": "living", "name": T, "elements": [
        {"id": e, "name": T, "indicators": [_ind(i) for i in ids]} for e, ids in elemen.items()]}], **atas})


KODE = [f"18.02.{i:02d}" for i in range(1, 29)]


# --- a missing numerator gives no value, not 0 ---------------------------------------------------

def test_pembilang_hilang_bukan_nol_dan_tercatat():
    # liv_aduan_terbuka = 10 · open complaints / road km. Kecamatan 18.02.01: 2 open of 3 reports on
    # 20 km → 10·2/20 = 1.0; 18.02.02: 5 km of road and no complaint row at all → NO value (it was 0);
    # 18.02.03: complaints but every one closed → observed, 0 open → a true 0.
    ruas = pd.DataFrame({"id_ruas": ["a", "b", "c"], "panjang_km": [20.0, 5.0, 10.0], "kondisi": ["baik"] * 3,
                         "kode_wilayah": ["18.02.01", "18.02.02", "18.02.03"]})
    t = pd.Timestamp("2026-10-05")
    aduan = pd.DataFrame({"id_aduan": ["A", "B", "C", "D"], "kode_wilayah": ["18.02.01.2001"] * 3 + ["18.02.03.2001"],
                          "waktu_lapor": [t] * 4, "status": ["diterima", "diverifikasi", "selesai", "selesai"],
                          "waktu_status": [t] * 4})
    catatan: list = []
    x = hitung_nilai({"ruas_jalan": ruas, "aduan_jalan": aduan}, muat_kerangka(), "18.02", "kecamatan", "2026-10",
                     catatan=catatan)["liv_aduan_terbuka"]
    assert x["18.02.01"] == pytest.approx(1.0) and x["18.02.03"] == 0.0
    assert math.isnan(x["18.02.02"])
    c = [c for c in catatan if c["indikator"] == "liv_aduan_terbuka" and c.get("perlakuan") == "pembilang_tidak_ada"]
    assert c and c[0]["kode_wilayah"] == ["18.02.02"]
    # the audit trail of the scores carries it; the missing value is imputed only when asked
    h = skor(pd.DataFrame({"liv_aduan_terbuka": x}), muat_kerangka(), "kecamatan", catatan=catatan)
    a = h.audit[(h.audit.perlakuan == "pembilang_tidak_ada")]
    assert a[["kode_wilayah", "indikator"]].values.tolist() == [["18.02.02", "liv_aduan_terbuka"]]
    assert math.isnan(h.normal.loc["18.02.02", "liv_aduan_terbuka"])


def test_rasio_penyebut_tanpa_pembilang_dari_dataset_lain():
    # a ratio whose numerator comes from another dataset: a unit with a denominator and no numerator
    # rows gets no value (the old code filled 0.0), and min-max of the others is unchanged by it
    t = {"id": "x", "en": "x"}
    k = baca_kerangka({"pillars": [{"id": "living", "name": t, "elements": [{"id": "e", "name": t, "indicators": [
        {**_ind("r"), "source": "aduan_jalan", "hitung": {
            "jenis": "rasio", "waktu": {"mode": "posisi", "kolom": "waktu_lapor"}, "kali": 100,
            "pembilang": {}, "penyebut": {"dataset": "ruas_jalan", "jumlah": "panjang_km"}}}]}]}]})
    ruas = pd.DataFrame({"id_ruas": ["a", "b"], "panjang_km": [50.0, 25.0], "kondisi": ["baik"] * 2,
                         "kode_wilayah": ["18.02.01", "18.02.02"]})
    aduan = pd.DataFrame({"id_aduan": ["A"], "kode_wilayah": ["18.02.01.2001"], "status": ["diterima"],
                          "waktu_lapor": [pd.Timestamp("2026-09-01")], "waktu_status": [pd.Timestamp("2026-09-01")]})
    x = hitung_nilai({"ruas_jalan": ruas, "aduan_jalan": aduan}, k, "18.02", "kecamatan", "2026-10")["r"]
    assert x["18.02.01"] == pytest.approx(100 * 1 / 50) and math.isnan(x["18.02.02"])


def test_penyebut_penduduk_dihitung_tangan():
    # a count supplied per village, divided by the declared denominator "penduduk" × 1,000: kecamatan
    # 18.02.01 has villages of 2,000 and 3,000 people with 4 and 6 units → 10 / 5,000 · 1,000 = 2.0;
    # 18.02.02: 1,000 people, no count → no value (recorded); 18.02.03: a count but no profile → no value
    k = baca_kerangka({"pillars": [{"id": "living", "name": T, "elements": [{"id": "e", "name": T, "indicators": [
        {**_ind("ikm", (0, 30)), "tingkat_data": "desa", "hitung": {"jenis": "nilai", "agregasi": "jumlah"},
         "per": {"penyebut": "penduduk", "kali": 1000}}]}]}]})
    profil = pd.DataFrame({"kode_wilayah": ["18.02.01.2001", "18.02.01.2002", "18.02.02.2001"],
                           "penduduk": [2000, 3000, 1000], "rumah_tangga": [500, 700, 250], "luas_km2": [3.0] * 3})
    nilai = pd.DataFrame({"kode_wilayah": ["18.02.01.2001", "18.02.01.2002", "18.02.03.2001"], "periode": "2026-10",
                          "indikator": "ikm", "nilai": [4.0, 6.0, 9.0], "sumber": "uji"})
    catatan: list = []
    x = hitung_nilai({"profil_desa": profil, "nilai_indikator": nilai}, k, "18.02", "kecamatan", "2026-10",
                     catatan=catatan)["ikm"]
    assert x["18.02.01"] == pytest.approx(2.0)
    assert math.isnan(x["18.02.02"]) and math.isnan(x["18.02.03"])
    alasan = {c["perlakuan"]: c["kode_wilayah"] for c in catatan if c["indikator"] == "ikm"}
    assert alasan == {"pembilang_tidak_ada": ["18.02.02"], "penyebut_tidak_ada": ["18.02.03"]}


# --- z-scores are not truncated unless asked ---------------------------------------------------------

def test_skor_z_dengan_pencilan_tidak_dipotong():
    # 50 units at 10 and one at 1,000: mean = (500 + 1,000)/51 = 29.4118; sample sd = √(Σd²/50) with
    # Σd² = 50·19.4118² + 970.588² → sd = 138.593; the outlier's z = 970.588/138.593 = 7.0031 → 120.03,
    # the others −0.1401 → 48.60. Truncating (the declared option) makes the outlier 100, recorded.
    x = np.array([[10.0]] * 50 + [[1000.0]])
    arah = Arah(np.array([1.0]), np.array([NAN]), np.array([NAN]))
    y, _ = normalisasikan(x, arah, "zskor")
    rata = 1500 / 51
    sd = math.sqrt((50 * (10 - rata) ** 2 + (1000 - rata) ** 2) / 50)
    assert y[50, 0] == pytest.approx(50 + 10 * (1000 - rata) / sd) and y[50, 0] > 100
    assert y[0, 0] == pytest.approx(50 + 10 * (10 - rata) / sd)
    k = _kerangka({"e": ["a"]})
    nilai = pd.DataFrame({"a": x[:, 0]}, index=[f"18.02.{i:02d}.2001" for i in range(51)])
    p = PengaturanSkor(normalisasi="zskor", perlakuan="tidak_ada", ambang_penyaringan=0)
    h = skor(nilai, k, "kecamatan", p)
    assert h.skor["indeks"].max() == pytest.approx(50 + 10 * (1000 - rata) / sd)
    h2 = skor(nilai, k, "kecamatan", PengaturanSkor(normalisasi="zskor", perlakuan="tidak_ada", potong_zskor=True))
    assert h2.skor["indeks"].max() == 100.0
    assert (h2.audit.perlakuan == "dipotong").sum() == 1


# --- outlier treatment exactly as the reference -------------------------------------------------------

def test_ambang_pencilan_inklusif_seperti_coinr():
    # COINr passes an indicator when |skew| < 2 OR kurtosis < 3.5, so |skew| = 2 exactly fails when the
    # kurtosis is high enough: check the rule on its own definition (e1071 type 2 statistics)
    from scipy.stats import kurtosis, skew

    rng = np.random.default_rng(11)
    for _ in range(200):
        v = rng.lognormal(0, rng.uniform(0.3, 2.0), rng.integers(6, 40))
        s, k_ = skew(v, bias=False), kurtosis(v, bias=False)
        assert gagal_outlier(v) == (not (abs(s) < 2 or k_ < 3.5))


def test_skew_negatif_memakai_log_biasa_dan_varian_cermin_terpisah():
    # 195 units at 100 and five far below (a long low tail): the reference applies the plain log
    # log(x − min + 0.01·(max − min)) to the original values whatever the sign of the skew
    x = np.concatenate([np.full(195, 100.0), [0.0, 1.0, 2.0, 3.0, 4.0]])[:, None]
    x[:20, 0] = np.linspace(95, 99, 20)              # a little spread so winsorising cannot fix it
    assert gagal_outlier(x[:, 0])
    y, audit = perlakukan_outlier(x)
    lo, hi = x.min(), x.max()
    np.testing.assert_allclose(y[:, 0], np.log(x[:, 0] - lo + 0.01 * (hi - lo)))
    assert set(audit["perlakuan"]) == {"log"}
    # the mirrored variant is a named option: −log(−x − min(−x) + 0.01·(max − min))
    y2, a2 = perlakukan_outlier(x, "log_cermin")
    np.testing.assert_allclose(y2[:, 0], -log_ct(-x[:, 0]))
    assert set(a2["perlakuan"]) == {"log_cermin"}
    # both keep the order of units
    urut = np.argsort(x[:, 0], kind="stable")
    assert np.all(np.diff(y[urut, 0]) >= 0) and np.all(np.diff(y2[urut, 0]) >= 0)


# --- the availability rule, declared and reported -----------------------------------------------------

def test_ambang_ketersediaan_di_batas_dan_dilaporkan():
    # pillar threshold 2/3 declared as a fraction, inclusive: 2 of 3 indicators → a score; 1 of 3 → none,
    # and the unit is listed as blanked with its share; with the threshold at 0.7, 2 of 3 fails too
    k = _kerangka({"e1": ["a", "b"], "e2": ["c"]}, ketersediaan={"pilar": "2/3", "indeks": "2/3"})
    nilai = pd.DataFrame({"a": [50, 40, 30], "b": [70, NAN, NAN], "c": [NAN, 60, NAN]}, index=KODE[:3], dtype=float)
    h = skor(nilai, k, "kecamatan")
    t = h.skor.set_index("kode_wilayah")
    assert t.loc[KODE[0], "living"] == 60.0          # e1 (50 + 70)/2; e2 missing → available-case mean
    assert t.loc[KODE[1], "living"] == 50.0          # e1 40, e2 60
    assert math.isnan(t.loc[KODE[2], "living"])
    kosong = h.kosong[h.kosong.tingkat_hierarki == "pilar"]
    assert kosong[["kode_wilayah", "id"]].values.tolist() == [[KODE[2], "living"]]
    assert kosong["ketersediaan"].iloc[0] == pytest.approx(1 / 3) and kosong["ambang"].iloc[0] == pytest.approx(2 / 3)
    ketat = skor(nilai, k, "kecamatan", PengaturanSkor(ambang_pilar=0.7)).skor["living"]
    assert ketat.isna().all()
    with pytest.raises(ValueError, match=r"ketersediaan\.pilar"):
        _kerangka({"e": ["a"]}, ketersediaan={"pilar": "3/2"})


def test_penyaringan_tanpa_peringkat_dan_tercantum():
    # screening at the declared 2/3: a unit with 1 of 3 indicators (33 %) keeps its (element) data but
    # gets no rank; ranks of the others close up. With threshold 0.3 it would be ranked.
    k = _kerangka({"e1": ["a"], "e2": ["b"], "e3": ["c"]}, ketersediaan={"pilar": 0, "indeks": 0})
    nilai = pd.DataFrame({"a": [90, 50, 70], "b": [NAN, 50, 70], "c": [NAN, 50, 70]}, index=KODE[:3], dtype=float)
    h = skor(nilai, k, "kecamatan")
    t = h.skor.set_index("kode_wilayah")
    assert t.loc[KODE[0], "indeks"] == 90.0 and pd.isna(t.loc[KODE[0], "peringkat"])
    assert t.loc[KODE[2], "peringkat"] == 1 and t.loc[KODE[1], "peringkat"] == 2
    assert h.tersaring["kode_wilayah"].tolist() == [KODE[0]]
    assert (h.audit.perlakuan == "tersaring").sum() == 1
    longgar = skor(nilai, k, "kecamatan", PengaturanSkor(ambang_penyaringan=0.3)).skor.set_index("kode_wilayah")
    assert longgar.loc[KODE[0], "peringkat"] == 1


# --- imputation: group mean, declared grouping, previous period ----------------------------------------

def test_imputasi_rata_kelompok_dan_kelompok_yang_dideklarasikan():
    # villages 18.02.01.2001–2004 in one kecamatan, 18.02.02.2001 in another. .2003 is missing; its
    # group's raw values are 20, 50, 110: mean (20 + 50 + 110)/3 = 60, median 50 (imputed on raw values,
    # normalised after: both inside the goalposts 0–100)
    kode = ["18.02.01.2001", "18.02.01.2002", "18.02.01.2003", "18.02.01.2004", "18.02.02.2001"]
    k = baca_kerangka({"pillars": [{"id": "living", "name": T, "elements": [{"id": "e", "name": T, "indicators": [
        {**_ind("a"), "levels": ["desa"]}]}]}], "ketersediaan": {"pilar": 0, "indeks": 0, "penyaringan": 0}})
    nilai = pd.DataFrame({"a": [20.0, 50.0, NAN, 110.0, 10.0]}, index=kode)
    rata = skor(nilai, k, "desa", PengaturanSkor(imputasi="rata_kelompok")).normal["a"]
    med = skor(nilai, k, "desa", PengaturanSkor(imputasi="median_kelompok")).normal["a"]
    assert rata["18.02.01.2003"] == pytest.approx((20 + 50 + 110) / 3)
    assert med["18.02.01.2003"] == 50.0
    # a declared grouping (e.g. IDM status) instead of the parent area
    grup = {"18.02.01.2001": "maju", "18.02.01.2002": "maju", "18.02.01.2003": "tertinggal",
            "18.02.01.2004": "tertinggal", "18.02.02.2001": "maju"}
    g = skor(nilai, k, "desa", PengaturanSkor(imputasi="rata_kelompok"), kelompok=grup)
    assert g.normal.loc["18.02.01.2003", "a"] == 100.0                  # the mean of {110} → 100 after truncation
    a = g.audit[g.audit.perlakuan == "diimputasi"]
    assert a[["kode_wilayah", "nilai_baru"]].values.tolist() == [["18.02.01.2003", 110.0]]


def test_imputasi_periode_lalu():
    k = _kerangka({"e": ["a"]}, ketersediaan={"pilar": 0, "indeks": 0, "penyaringan": 0})
    kini = pd.DataFrame({"a": [40.0, NAN, NAN]}, index=KODE[:3])
    lalu = pd.DataFrame({"a": [10.0, 30.0, NAN]}, index=KODE[:3])
    h = skor(kini, k, "kecamatan", PengaturanSkor(imputasi="periode_lalu"), nilai_lalu=lalu)
    assert h.normal["a"].tolist()[:2] == [40.0, 30.0] and math.isnan(h.normal["a"].iloc[2])
    assert h.audit[h.audit.perlakuan == "diimputasi"]["kode_wilayah"].tolist() == [KODE[1]]


# --- properties -----------------------------------------------------------------------------------------

KERANGKA_SIFAT = muat_kerangka(Path(__file__).parent / "fixtures" / "skor" / "kerangka_dua_pilar.yaml")
KOLOM = ["g1", "g2", "g3", "l1", "l2", "l3"]
sel = st.one_of(st.floats(-50, 150, allow_nan=False), st.just(np.nan))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(sel, min_size=6, max_size=6), min_size=2, max_size=9), st.data(),
       st.sampled_from(["tidak_ada", "median_kelompok", "rata_kelompok"]))
def test_satu_nilai_hilang_tidak_mengubah_wilayah_lain_dengan_goalposts(baris, data, imputasi):
    nilai = pd.DataFrame(baris, columns=KOLOM, index=KODE[:len(baris)], dtype=float)
    ada = np.argwhere(nilai.notna().to_numpy())
    if len(ada) == 0:
        return
    u, j = ada[data.draw(st.integers(0, len(ada) - 1))]
    hilang = nilai.copy()
    hilang.iloc[u, j] = np.nan
    p = PengaturanSkor(imputasi=imputasi)
    a = skor(nilai, KERANGKA_SIFAT, "kecamatan", p).normal
    b = skor(hilang, KERANGKA_SIFAT, "kecamatan", p).normal
    lain = [i for i in range(len(nilai)) if i != u]
    if imputasi == "tidak_ada":
        pd.testing.assert_frame_equal(a.iloc[lain], b.iloc[lain])
    else:   # a group statistic may fill OTHER missing cells differently; every observed cell is unchanged
        diamati = nilai.iloc[lain].notna().to_numpy()
        np.testing.assert_array_equal(a.iloc[lain].to_numpy()[diamati], b.iloc[lain].to_numpy()[diamati])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(sel, min_size=6, max_size=6), min_size=1, max_size=9),
       st.sampled_from(["aritmetika", "geometrik"]))
def test_skor_z_dalam_batas_teoretis(baris, agregasi):
    # unbounded, but |z| ≤ (n − 1)/√n for n values (Samuelson): 50 ± 10·(n − 1)/√n
    nilai = pd.DataFrame(baris, columns=KOLOM, index=KODE[:len(baris)], dtype=float)
    h = skor(nilai, KERANGKA_SIFAT, "kecamatan", PengaturanSkor(normalisasi="zskor", agregasi=agregasi,
                                                                 perlakuan="tidak_ada"))
    n = nilai.notna().sum().to_numpy()
    batas = 10 * np.where(n > 1, (n - 1) / np.sqrt(np.maximum(n, 1)), 0)
    z = h.normal.to_numpy()
    assert np.all(np.isnan(z) | (np.abs(z - 50) <= batas + 1e-9))
    assert np.all(np.isnan(h.normal.to_numpy()) | np.isfinite(h.normal.to_numpy()))


# --- the score command ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gudang(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "isu15.duckdb"))
    yield
    mp.undo()


def _cli(tmp_path, *argumen):
    out = tmp_path / "hasil.txt"
    assert main(["score", *argumen, "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_score_semua_tingkat_zscore_geometrik(gudang, tmp_path, capsys):
    teks = _cli(tmp_path, "--level", "desa", "--normalisation", "zscore", "--aggregation", "geometric",
                "--treatment", "default", "--levels", "indicator,element,pillar,index", "--format", "csv",
                "--period", "2026-10")
    rows = list(csv.DictReader(io.StringIO(teks)))
    k = muat_kerangka().untuk_tingkat("desa")
    kolom = list(rows[0])
    assert len(rows) == 311
    assert kolom[:9] == ["kode_wilayah", "nama", "tingkat", "periode", "indeks", "kematangan", "peringkat",
                         "tersaring", "cakupan"]
    for blok in ([p.id for p in k.pilar], [e.id for e in k.elemen], [i.id for i in k.indikator],
                 [f"nilai_{i.id}" for i in k.indikator]):
        assert all(x in kolom for x in blok)
    # the same numbers as the core with the same settings, at full precision
    from indicators.skor.pipeline import skor_wilayah

    p = PengaturanSkor(normalisasi="zscore", agregasi="geometric", perlakuan="default")
    h = skor_wilayah(demo(), muat_kerangka(), "18.02", "desa", "2026-10", p)
    r0 = rows[0]
    kode = r0["kode_wilayah"]
    harap = h.skor.set_index("kode_wilayah").loc[kode, "indeks"]
    assert (r0["indeks"] == "" and math.isnan(harap)) or float(r0["indeks"]) == harap
    assert float(r0["eco_ike"]) == h.normal.loc[kode, "eco_ike"]
    assert "catatan:" in capsys.readouterr().err        # the blanked units are reported


def test_score_bobot_berkas_desimal_dan_json(gudang, tmp_path):
    berkas = tmp_path / "bobot.yaml"
    berkas.write_text("governance: 3\n", encoding="utf-8")
    assert baca_bobot(berkas) == {"governance": 3.0}
    teks = _cli(tmp_path, "--level", "kecamatan", "--weights", str(berkas), "--decimals", "3", "--format", "json",
                "--period", "2026-10")
    data = json.loads(teks)
    from indicators.skor.pipeline import skor_wilayah

    h = skor_wilayah(demo(), muat_kerangka(), "18.02", "kecamatan", "2026-10", PengaturanSkor(bobot={"governance": 3}))
    t = h.skor.set_index("kode_wilayah")
    for r in data[:5]:
        assert r["indeks"] == round(float(t.loc[r["kode_wilayah"], "indeks"]), 3)
    # governance weighs 3 of 8: the index moves towards the governance score
    assert any(abs(r["indeks"] - round(float(t.loc[r["kode_wilayah"], "governance"]), 3)) < 30 for r in data)


def test_score_pilihan_salah_keluar_2(gudang, capsys):
    assert main(["score", "--normalisation", "log"]) == 2
    assert "normalisasi tidak dikenal" in capsys.readouterr().err
    assert main(["score", "--levels", "pilar,kota"]) == 2
    assert "--levels tidak dikenal" in capsys.readouterr().err
    assert main(["score", "--weights", "/tidak/ada.yaml"]) == 2
    assert "berkas bobot tidak ditemukan" in capsys.readouterr().err


# --- the district index on the demo ------------------------------------------------------------------

def test_indeks_kabupaten_berubah_dan_penjelasannya_dari_angka():
    from indicators.ringkasan.susun import susun_ringkasan

    r = {p: susun_ringkasan(demo(), muat_kerangka(), "18.02", p) for p in ("2026-09", "2026-10")}
    for p in r.values():
        j = p.penjelasan
        # the change is real (not 0) and small (under one point of 0-100: the kecamatan moves cancel);
        # its drivers sum to it exactly (arithmetic aggregation)
        assert j.angka["selisih"] != 0 and abs(j.angka["selisih"]) < 1
        from indicators.skor.perubahan import kontribusi_perubahan
        from indicators.skor.pipeline import skor_wilayah

        kini = skor_wilayah(demo(), muat_kerangka(), "18.02", "kabupaten", p.periode)
        lalu = skor_wilayah(demo(), muat_kerangka(), "18.02", "kabupaten", p.periode_lalu)
        assert kontribusi_perubahan(kini, lalu, "18.02")["kontribusi"].sum() == pytest.approx(j.angka["selisih"])
        # the kecamatan moved both ways, which the sentence states with the counts
        assert j.angka["kecamatan_naik"] > 0 and j.angka["kecamatan_turun"] > 0
        assert j.angka["kecamatan_naik"] + j.angka["kecamatan_turun"] <= 28
        # the sentence follows the number: "barely changed" only below 0.05 points (shown as 0,0), and
        # then it states the kecamatan counts and the reasons (the simulated demo decides which case shows)
        if abs(j.angka["selisih"]) < 0.05:
            assert "hampir tidak berubah" in j.teks["id"] and str(j.angka["kecamatan_naik"]) in j.teks["id"]
            assert "bukan rata-rata indeks kecamatan" in j.rinci["id"] and "Penggerak terbesar" in j.rinci["id"]
        else:
            assert "hampir tidak berubah" not in j.teks["id"] and "Penggerak terbesar" in j.teks["id"]
        assert len(j.angka["khusus_kabupaten"]) == 6       # SPBE, RTRW, tourism, schooling, IKLH, masterplan


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.booleans()), min_size=1, max_size=30), st.integers(1, 6))
def test_aduan_satu_kecamatan_hilang_tidak_menggeser_yang_lain(aduan, hapus):
    # complaints per 10 km: dropping every complaint of one kecamatan makes ITS value missing (not 0)
    # and leaves every other kecamatan's value — and so its goalposts score — exactly as it was
    ruas = pd.DataFrame({"id_ruas": [f"r{i}" for i in range(1, 7)], "panjang_km": [10.0 * i for i in range(1, 7)],
                         "kondisi": ["baik"] * 6, "kode_wilayah": [f"18.02.{i:02d}" for i in range(1, 7)]})
    t = pd.Timestamp("2026-10-03")
    df = pd.DataFrame({"id_aduan": [f"A{n}" for n in range(len(aduan))],
                       "kode_wilayah": [f"18.02.{k:02d}.2001" for k, _ in aduan], "waktu_lapor": t,
                       "status": ["diterima" if buka else "selesai" for _, buka in aduan], "waktu_status": t})
    k = muat_kerangka()
    def nilai(aduan_: pd.DataFrame) -> pd.Series:
        x = hitung_nilai({"ruas_jalan": ruas, "aduan_jalan": aduan_}, k, "18.02", "kecamatan", "2026-10")
        return x["liv_aduan_terbuka"]

    semua, sisa = nilai(df), nilai(df[df["kode_wilayah"] != f"18.02.{hapus:02d}.2001"])
    kode = f"18.02.{hapus:02d}"
    assert math.isnan(sisa[kode])
    lain = [c for c in semua.index if c != kode]
    pd.testing.assert_series_equal(semua[lain], sisa[lain])
