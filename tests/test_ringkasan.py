"""indicators/ringkasan/: the briefing's reasoning against values worked out by hand, and on the demo
data against the other modules that compute the same facts (the scoring core, the complaints module)."""
import copy

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from indicators.dasar.format import format_selisih
from indicators.dasar.teks_aman import markdown_aman
from indicators.ringkasan.aturan import TOPIK, pengaturan_ringkasan, target_skor
from indicators.ringkasan.perhatian import (
    Pernyataan,
    aduan_per_kewenangan,
    bulan_tanpa_data,
    perhatian_aduan,
    perhatian_data_kosong,
    perhatian_kecamatan_terbawah,
    perhatian_kecamatan_turun,
    perhatian_pilar_terlemah,
    perhatian_pilar_turun,
    perhatian_program,
    pilih_perhatian,
    terbuka_pada,
)
from indicators.ringkasan.peringkat import (
    dampak_bobot,
    jumlah_tumpang_tindih,
    kekuatan_kelemahan,
    kelompok_tumpang_tindih,
    pilar_kabupaten,
    tak_terbedakan,
    teratas_terbawah,
)
from indicators.ringkasan.periode import daftar_periode, selisih_periode
from indicators.ringkasan.susun import susun_ringkasan
from indicators.skor import PengaturanSkor, muat_kerangka, skor_wilayah
from indicators.skor.kerangka import BERKAS_BAWAAN, PILAR, baca_kerangka, baca_yaml
from indicators.tampilan.tabel import tabel_peringkat, tabel_tampil
from tests.bantu import demo


@pytest.fixture(scope="module")
def kerangka():
    return muat_kerangka()


def _kerangka_dengan(ringkasan: dict):
    raw = copy.deepcopy(baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8")))
    raw["ringkasan"] = ringkasan
    return baca_kerangka(raw)


# --- settings -------------------------------------------------------------------------------------

def test_target_bawaan_dan_per_pilar():
    k = _kerangka_dengan({"target": {"bawaan": 55, "governance": 70}})
    assert target_skor(k, "governance") == 70.0
    assert target_skor(k, "economy") == 55.0
    assert target_skor(k, "indeks") == 55.0


@pytest.mark.parametrize(("ringkasan", "pesan"), [
    ({"target": {"bawaan": 120}}, "target.bawaan harus angka 0–100"),
    ({"target": {"smart": 50}}, "kunci tak dikenal 'smart'"),
    ({"perhatian": {"urutan": ["aduan_kewenangan", "cuaca"]}}, r"topik tak dikenal \['cuaca'\]"),
    ({"perhatian": {"bulan_tanpa_data": 0}}, "bulan_tanpa_data harus bilangan bulat >= 1"),
])
def test_pengaturan_salah_ditolak_dengan_pesan_jelas(ringkasan, pesan):
    with pytest.raises(ValueError, match=pesan):
        pengaturan_ringkasan(_kerangka_dengan(ringkasan))


# --- change, leaders, strengths -------------------------------------------------------------------

def test_selisih_periode_tidak_dihitung_terhadap_data_tidak_cukup():
    kini = pd.DataFrame(
        {"kode_wilayah": ["a", "b", "c"], "indeks": [61.0, np.nan, 40.0], "governance": [70.0, 50.0, 45.0]}
    )
    lalu = pd.DataFrame(
        {"kode_wilayah": ["c", "a", "b"], "indeks": [42.5, 60.0, 30.0], "governance": [np.nan, 65.0, 52.0]}
    )
    s = selisih_periode(kini, lalu, ["indeks", "governance"])
    assert s[["kode_wilayah", "ukuran"]].values.tolist() == [
        ["a", "indeks"],
        ["a", "governance"],
        ["b", "indeks"],
        ["b", "governance"],
        ["c", "indeks"],
        ["c", "governance"],
    ]
    np.testing.assert_allclose(s["selisih"], [1.0, 5.0, np.nan, -2.0, -2.5, np.nan])


def test_selisih_tanpa_periode_lalu_kosong():
    s = selisih_periode(pd.DataFrame({"kode_wilayah": ["a"], "indeks": [61.0]}), None, ["indeks"])
    assert np.isnan(s.loc[0, "selisih"]) and np.isnan(s.loc[0, "nilai_lalu"])


def test_pilar_kabupaten_dengan_target(kerangka):
    kini = pd.DataFrame(
        [
            {
                "kode_wilayah": "18.02",
                "indeks": 61.2,
                **dict(zip(PILAR, [77.0, 40.0, 42.0, 72.0, 65.0, 66.0], strict=True)),
            }
        ]
    )
    lalu = kini.assign(indeks=60.0, governance=79.0, branding=np.nan)
    p = pilar_kabupaten(kini, lalu, kerangka).set_index("ukuran")
    assert list(p.index) == ["indeks", *PILAR]
    assert p.loc["governance", "nama_en"] == "Smart Governance"
    assert p.loc["indeks", "nama_id"] == "Indeks"
    assert p.loc["governance", "selisih"] == pytest.approx(-2.0)
    assert p.loc["indeks", "selisih"] == pytest.approx(1.2)
    assert np.isnan(p.loc["branding", "selisih"])
    assert (p["target"] == 60.0).all()


def test_teratas_terbawah_tanpa_indeks_ditinggalkan_tidak_diulang():
    t = pd.DataFrame({"kode_wilayah": list("abcdef"), "indeks": [50.0, 70.0, np.nan, 60.0, 70.0, 10.0]})
    t["peringkat"] = pd.array([4, 1, None, 3, 1, 5], dtype="Int64")
    atas, bawah = teratas_terbawah(t, n=2)
    assert atas["kode_wilayah"].tolist() == ["b", "e"]    # tied first, code order
    assert bawah["kode_wilayah"].tolist() == ["f", "a"]
    atas, bawah = teratas_terbawah(t, n=4)
    assert atas["kode_wilayah"].tolist() == ["b", "e", "d", "a"]
    assert bawah["kode_wilayah"].tolist() == ["f"]       # only one left that is not already on top


def test_teratas_terbawah_kolom_pilar_memakai_peringkat_inti():
    t = pd.DataFrame({"kode_wilayah": list("abc"), "indeks": [1.0, 2.0, 3.0], "living": [40.0, 40.0, 90.0],
                      "peringkat": [3, 2, 1]})
    atas, _ = teratas_terbawah(t, n=3, kolom="living")
    assert atas[["kode_wilayah", "peringkat"]].values.tolist() == [["c", 1], ["a", 2], ["b", 2]]


def test_kekuatan_kelemahan_dihitung_tangan():
    # issue 15: by the unit's RANK among the units on each indicator (as COINr's get_str_weak), never
    # by the raw score. Unit a: x 90 rank 1 of 3 → position (1 − 1)/(3 − 1) = 0; w 60 rank 2 of 3 →
    # ½ (the middle: neither); y 20 rank 3 of 3 → 1; z 60 rank 2 of 2 → 1. Strengths: position < ½ →
    # x; weaknesses: position > ½, worst first, a lower score first on a tie → y (20), then z (60).
    normal = pd.DataFrame({"x": [90.0, 10.0, 50.0], "y": [20.0, 30.0, 40.0], "z": [60.0, 70.0, np.nan],
                           "w": [60.0, 20.0, 80.0]}, index=["a", "b", "c"])
    nilai = normal * 2
    kk = kekuatan_kelemahan(normal, nilai, "a", n=2)
    assert kk[["jenis", "indikator"]].values.tolist() == [["kekuatan", "x"], ["kelemahan", "y"],
                                                          ["kelemahan", "z"]]
    r = kk.set_index("indikator")
    assert r.loc["x", "nilai"] == 180.0 and r.loc["x", "median_skor"] == 50.0 and r.loc["x", "posisi"] == 1
    assert r.loc["y", "posisi"] == 3 and r.loc["z", "posisi"] == 2 and r.loc["z", "jumlah"] == 2


def test_kekuatan_bukan_skor_rendah_di_peringkat_bawah():
    # a score of 11,1 ranked 291 of 311 is the unit's best score but no strength (issue 15)
    rng = np.random.default_rng(4)
    normal = pd.DataFrame({"a": rng.uniform(20, 100, 311), "b": rng.uniform(50, 100, 311)},
                          index=[f"u{i:03d}" for i in range(311)])
    normal.loc["u000"] = [11.1, 2.0]
    normal.loc[normal.index[1:21], "a"] = np.linspace(0, 11, 20)       # 20 units below 11.1 on a
    kk = kekuatan_kelemahan(normal, normal, "u000", n=3)
    r = kk.set_index("indikator")
    assert r.loc["a", "posisi"] == 291 and r.loc["a", "jenis"] == "kelemahan"
    assert (kk["jenis"] == "kekuatan").sum() == 0


def test_kekuatan_kelemahan_tanpa_data_bukan_kelemahan():
    # x: a has no value → neither; y: every unit ties → neither (COINr's min_discard: the unit's rank
    # is also the worst rank)
    normal = pd.DataFrame({"x": [np.nan, 10.0], "y": [30.0, 30.0]}, index=["a", "b"])
    kk = kekuatan_kelemahan(normal, normal, "a", n=3)
    assert kk["indikator"].tolist() == []
    with pytest.raises(ValueError, match="tidak ada dalam hasil skor"):
        kekuatan_kelemahan(normal, normal, "zz")


def test_dampak_bobot_sama_dengan_inti(kerangka):
    d = demo()
    awal = skor_wilayah(d, kerangka, "18.02", "kecamatan", "2026-10").skor
    baru = skor_wilayah(d, kerangka, "18.02", "kecamatan", "2026-10", PengaturanSkor(bobot={"branding": 3})).skor
    t = dampak_bobot(awal, baru).set_index("kode_wilayah")
    a, b = awal.set_index("kode_wilayah"), baru.set_index("kode_wilayah")
    assert (t["peringkat_awal"] == a["peringkat"].reindex(t.index)).all()
    assert (t["peringkat_baru"] == b["peringkat"].reindex(t.index)).all()
    assert (t["naik"] == a["peringkat"].reindex(t.index) - b["peringkat"].reindex(t.index)).all()
    assert t["naik"].abs().sum() > 0                       # tripling branding moves someone
    assert t["peringkat_baru"].is_monotonic_increasing      # in the new ranking's order


def test_kelompok_dan_jumlah_tumpang_tindih_dihitung_tangan():
    iv = pd.DataFrame({"kode_wilayah": list("abcdef"), "peringkat": [1, 2, 3, 4, 5, 6],
                       "peringkat_p05": [1, 1, 3, 3, 4, 6], "peringkat_p95": [2, 3, 3, 5, 5, 6]})
    g = kelompok_tumpang_tindih(iv)
    # issue 15: no chaining — a group shares one common rank range. a[1,2] and b[1,3] share [1,2];
    # c[3,3] shares nothing with [1,2]: a new group; c and d[3,5] share [3,3]; e[4,5] shares nothing
    # with [3,3]; e and f[6,6] share nothing
    assert g[["dari", "sampai", "jumlah", "bersama_dari", "bersama_sampai"]].values.tolist() == [
        [1, 2, 2, 1, 2], [3, 4, 2, 3, 3]]
    assert g.loc[0, "kode"] == ("a", "b") and g.loc[1, "kode"] == ("c", "d")
    # what one unit cannot be told apart from: the units whose interval overlaps its own
    # b[1,3] meets a[1,2], c[3,3] and d[3,5] (rank 3), not e[4,5] or f[6,6]
    assert tak_terbedakan(iv, "b")["kode_wilayah"].tolist() == ["a", "c", "d"]
    assert tak_terbedakan(iv, "f").empty
    assert jumlah_tumpang_tindih(iv).to_dict() == {"a": 1, "b": 3, "c": 2, "d": 3, "e": 1, "f": 0}


def test_tumpang_tindih_tanpa_interval_kosong():
    iv = pd.DataFrame({"kode_wilayah": ["a", "b"], "peringkat": [1, 2], "peringkat_p05": [1, 2],
                       "peringkat_p95": [1, 2]})
    assert kelompok_tumpang_tindih(iv).empty


# --- attention statements -------------------------------------------------------------------------

def _aduan(kew: list[str], status: list[str], kec: list[str], kelompok: list[str] | None = None) -> pd.DataFrame:
    n = len(kew)
    return pd.DataFrame({
        "id_aduan": [f"A{i}" for i in range(n)], "status_jalan": kew, "status": status,
        "waktu_lapor": pd.Timestamp("2026-09-01"), "waktu_status": pd.Timestamp("2026-09-10"),
        "kode_kecamatan": kec, "kelompok": kelompok or [f"A{i}" for i in range(n)]})


def test_perhatian_aduan_63_persen_di_jalan_provinsi():
    # 9 open reports, 8 unique complaints (A1/A2 are one pothole): 5 provincial in 3 kecamatan → 5/8 = 62.5 % → 63 %
    kew = ["provinsi"] * 6 + ["kabupaten"] * 2 + ["nasional"] + ["provinsi"]
    status = ["diterima"] * 9 + ["selesai"]
    kec = ["18.02.01", "18.02.01", "18.02.01", "18.02.03", "18.02.07", "18.02.07", "18.02.02", "18.02.02", "18.02.09",
           "18.02.20"]
    kel = ["A0", "A1", "A1", "A3", "A4", "A5", "A6", "A7", "A8", "A9"]
    p = perhatian_aduan(_aduan(kew, status, kec, kel), pd.Timestamp("2026-11-01"))
    assert p.angka == {"kewenangan": "provinsi", "persen": 62.5, "jumlah": 5, "total": 8, "kecamatan": 3}
    assert p.teks["id"] == ("63% aduan jalan terbuka berada di jalan provinsi — 5 dari 8 aduan, di 3 kecamatan. "
                            "Usulkan penanganan ke pemerintah provinsi.")
    assert p.teks["en"].startswith("63% of open road complaints are on provincial roads — 5 of 8 complaints, in 3 ")


def test_perhatian_aduan_di_bawah_ambang_atau_tanpa_aduan_luar_diam():
    kew = ["provinsi"] + ["kabupaten"] * 9
    a = _aduan(kew, ["diterima"] * 10, ["18.02.01"] * 10)
    assert perhatian_aduan(a, pd.Timestamp("2026-11-01"), ambang_persen=20) is None       # 10 %
    assert perhatian_aduan(a, pd.Timestamp("2026-11-01"), ambang_persen=10).angka["persen"] == 10.0
    assert perhatian_aduan(_aduan(["kabupaten"], ["diterima"], ["18.02.01"]), pd.Timestamp("2026-11-01")) is None
    assert perhatian_aduan(None, pd.Timestamp("2026-11-01")) is None


def test_terbuka_pada_akhir_periode_lampau():
    a = _aduan(["provinsi"] * 3, ["selesai", "selesai", "diterima"], ["18.02.01"] * 3)
    a["waktu_status"] = pd.to_datetime(["2026-09-20", "2026-10-05", "2026-09-02"])
    # at the end of September: the one fixed on 5 October was still open, the one fixed on 20 September not
    assert terbuka_pada(a, pd.Timestamp("2026-10-01")).tolist() == [False, True, True]
    assert terbuka_pada(a, pd.Timestamp("2026-09-01")).tolist() == [False, False, False]  # not yet reported


def test_perhatian_aduan_demo_sama_dengan_modul_aduan():
    from indicators.aduan import siapan as aduan
    d = demo()
    siap = aduan.siapkan(d["aduan_jalan"], d["aduan_jalan_riwayat"], "18.02")
    t = aduan_per_kewenangan(siap, pd.Timestamp("2026-11-01")).set_index("status_jalan")
    acuan = aduan.terbuka_per_kewenangan(siap).set_index("status_jalan")   # "now" = the end of the demo
    assert t["jumlah"].tolist() == acuan["jumlah"].tolist()
    np.testing.assert_allclose(t["persen"], acuan["persen"])


def test_bulan_tanpa_data_dihitung_tangan():
    df = pd.DataFrame(
        {
            "kode_wilayah": ["a", "a", "b", "b", "d"],
            "waktu": pd.to_datetime(
                ["2026-06-03 08:00", "2026-08-31 23:00", "2026-10-01 00:00", "2026-11-02 09:00", "2026-04-15 10:00"]
            ),
        }
    )
    b = bulan_tanpa_data(df, "waktu", ["a", "b", "c", "d"], "2026-10").set_index("kode_wilayah")
    assert b["bulan_terakhir"].tolist() == ["2026-08", "2026-10", "", "2026-04"]
    assert b["bulan_kosong"].tolist() == [2, 0, 7, 6]          # c never: April (first month) … October = 7 months
    assert b["tidak_pernah"].tolist() == [False, False, True, False]


def test_perhatian_data_kosong_teks_dan_angka():
    desa = pd.DataFrame({"kode_wilayah": ["18.02.01.2001", "18.02.01.2002", "18.02.02.2001", "18.02.02.2002"],
                         "kode_induk": ["18.02.01", "18.02.01", "18.02.02", "18.02.02"],
                         "nama_induk": ["Kalirejo", "Kalirejo", "Bangun Rejo", "Bangun Rejo"]})
    mohon = pd.DataFrame({"kode_wilayah": ["18.02.01.2001", "18.02.01.2002", "18.02.02.2001", "18.02.02.2002"],
                          "tanggal_masuk": pd.to_datetime(["2026-10-03", "2026-08-03", "2026-07-01", "2026-10-09"])})
    p = perhatian_data_kosong({"layanan_permohonan": mohon}, desa, "2026-10", ["layanan_permohonan"], 2)
    assert p.angka == {"dataset": "layanan_permohonan", "desa": 2, "tidak_pernah": 0, "bulan": 2,
                       "kecamatan": "18.02.01", "desa_kecamatan": 1}
    # Kalirejo and Bangun Rejo each have 1 such village: a tie, said as a tie (issue 15)
    assert p.teks["id"] == ("2 desa tidak mengirim data Smart Netizen selama 2 bulan terakhir (September 2026 – "
                            "Oktober 2026); terbanyak di Kecamatan Kalirejo dan Bangun Rejo (masing-masing 1 desa).")
    assert p.teks["en"] == ("2 villages have sent no Smart Netizen data for the last 2 months (September 2026 – "
                            "October 2026); most in Kalirejo and Bangun Rejo (1 village each).")
    assert p.seri == ("18.02.01", "18.02.02")
    # the evidence page at the same period, window and tab
    assert p.parameter("id") == {"periode": "2026-10", "bulan": "2", "bagian": "Smart Netizen"}
    assert perhatian_data_kosong({"layanan_permohonan": mohon}, desa, "2026-10", ["layanan_permohonan"], 4) is None


def test_perhatian_data_kosong_dataset_berikut_bila_pertama_lengkap():
    desa = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"], "kode_induk": ["18.02.01"], "nama_induk": ["Kalirejo"]})
    lengkap = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"], "tanggal_masuk": pd.to_datetime(["2026-10-03"])})
    web = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"], "periode": ["2026-05"]})
    p = perhatian_data_kosong({"layanan_permohonan": lengkap, "desa_website": web}, desa, "2026-10",
                                 ["layanan_permohonan", "desa_website"], 2)
    assert p.angka["dataset"] == "desa_website" and p.angka["desa"] == 1


def test_perhatian_program(kerangka):
    s = pd.DataFrame(
        {
            "id_program": ["A", "B", "C", "D"],
            "nama": ["Satu", "Dua", "Tiga", "Empat"],
            "pilar": ["economy", "living", "economy", "living"],
            "opd": ["Bappeda", "Dinkes", "DPMD", "X"],
            "status": ["terlambat", "terlambat", "terlambat", "sesuai"],
            "selisih": [-12.0, -30.5, -11.0, 0.0],
        }
    )
    p = perhatian_program(s, kerangka)
    assert p.angka == {"terlambat": 3, "total": 4, "pilar": "economy", "program": "B", "selisih": -30.5}
    assert p.teks["id"] == ("3 dari 4 program masterplan terlambat, terbanyak di pilar Ekonomi Cerdas (2). Paling "
                            "tertinggal: Dua (Dinkes), 30,5 poin di bawah target.")
    assert perhatian_program(s.assign(status="sesuai"), kerangka) is None


def test_perhatian_program_seri_disebut_seri(kerangka):
    # three pillars with 2 late programmes each: all three are named, "masing-masing 2" (issue 15)
    s = pd.DataFrame({"id_program": list("ABCDEF"), "nama": list("ABCDEF"),
                      "pilar": ["economy", "economy", "society", "society", "environment", "environment"],
                      "opd": ["X"] * 6, "status": ["terlambat"] * 6, "selisih": [-5.0, -6, -7, -8, -9, -40]})
    p = perhatian_program(s, kerangka, "2026-10")
    assert p.teks["id"].startswith("6 dari 6 program masterplan terlambat, terbanyak di pilar Ekonomi Cerdas, "
                                   "Masyarakat Cerdas dan Lingkungan Cerdas (masing-masing 2).")
    assert "most in Smart Economy, Smart Society and Smart Environment (2 each)" in p.teks["en"]
    assert p.seri == ("economy", "society", "environment") and p.parameter("id") == {"posisi": "2026-10"}


def test_perhatian_pilar_dan_kecamatan(kerangka):
    pilar = pd.DataFrame(
        {
            "ukuran": ["indeks", "governance", "branding"],
            "nama_id": ["Indeks", "Tata Kelola", "Branding"],
            "nama_en": ["Index", "Governance", "Branding"],
            "skor": [60.0, 70.0, 38.25],
            "skor_lalu": [61.0, 72.5, 38.0],
            "selisih": [-1.0, -2.5, 0.25],
            "target": [60.0] * 3,
        }
    )
    turun = perhatian_pilar_turun(pilar, "2026-09", ambang=1)
    assert turun.teks["id"] == ("Tata Kelola turun 2,5 poin sejak September 2026 (72,5 → 70,0), penurunan terbesar "
                                "di antara enam pilar.")
    assert perhatian_pilar_turun(pilar, "2026-09", ambang=3) is None
    lemah = perhatian_pilar_terlemah(pilar)
    assert lemah.teks["en"] == "Branding is the weakest pillar (38.3), 21.8 points below the target of 60."
    kec = pd.DataFrame(
        {
            "kode_wilayah": ["18.02.01", "18.02.02", "18.02.03"],
            "nama": ["Kalirejo", "Bangun Rejo", "X"],
            "indeks": [50.0, 48.0, np.nan],
            "indeks_lalu": [53.0, 48.5, 40.0],
            "selisih": [-3.0, -0.5, np.nan],
            **{p: [60.0, 55.0, np.nan] for p in PILAR},
        }
    )
    kec.loc[1, "economy"] = 30.0
    assert perhatian_kecamatan_turun(kec, "2026-09").angka == {"kode_wilayah": "18.02.01", "selisih": -3.0}
    bawah = perhatian_kecamatan_terbawah(kec, kerangka)
    assert bawah.teks["id"] == ("Kecamatan Bangun Rejo berada di peringkat terakhir dari 2 (indeks 48,0); pilar "
                                "terlemahnya Ekonomi Cerdas (30,0).")


def test_pilih_perhatian_urutan_deklarasi():
    p = {t: Pernyataan(t, {"id": t, "en": t}) for t in ("aduan_kewenangan", "pilar_turun", "pilar_terlemah")}
    p["data_kosong"] = None
    assert [x.topik for x in pilih_perhatian(p, TOPIK)] == ["aduan_kewenangan", "pilar_turun", "pilar_terlemah"]
    assert [x.topik for x in pilih_perhatian(p, ["pilar_terlemah", "data_kosong", "aduan_kewenangan"], n=3)] == [
        "pilar_terlemah", "aduan_kewenangan"]


# --- tables and text ------------------------------------------------------------------------------

def test_format_selisih():
    assert [format_selisih(v) for v in (2.04, -0.04, 0.05, -1.25, np.nan)] == ["+2,0", "0,0", "+0,1", "-1,3", "–"]
    assert format_selisih(3, "en", 0) == "+3"


def test_tabel_tampil_data_tidak_cukup_bukan_nol():
    t = pd.DataFrame({"nama": ["A", "B"], "indeks": [0.0, np.nan]})
    e, d = tabel_tampil(t, {"nama": ("Nama", None), "indeks": ("Indeks", 1)}, "id")
    assert d["Indeks"].tolist() == ["0,0", "data tidak cukup"]      # a real 0 stays 0; missing is said so
    assert e["Indeks"].iloc[0] == 0.0 and np.isnan(e["Indeks"].iloc[1])
    assert list(e.columns) == list(d.columns) == ["Nama", "Indeks"]


def test_tabel_peringkat_urutan_dan_kolom():
    t = pd.DataFrame(
        {
            "kode_wilayah": ["a", "b", "c"],
            "nama": ["A", "B", "C"],
            "skor": [50.0, np.nan, 70.0],
            "peringkat": pd.array([2, None, 1], dtype="Int64"),
            "naik": pd.array([-1, None, 1], dtype="Int64"),
            "peringkat_p05": pd.array([1, None, 1], dtype="Int64"),
            "peringkat_p95": pd.array([2, None, 2], dtype="Int64"),
        }
    )
    e, d = tabel_peringkat(t, "id")
    assert d.values.tolist() == [["1", "C", "c", "70,0", "1", "2", "+1"], ["2", "A", "a", "50,0", "1", "2", "-1"],
                                 ["–", "B", "b", "data tidak cukup", "–", "–", "–"]]
    assert e["Skor (0–100)"].tolist()[:2] == [70.0, 50.0]


def test_markdown_aman():
    s = "<img src=x onerror=alert(1)> `${x}` *a* [l](http://x)"
    aman = markdown_aman(s)
    assert aman.replace("\\", "") == s
    for c in "<>`$*[]()":
        assert f"\\{c}" in aman


# --- the whole briefing on the demo ---------------------------------------------------------------

@pytest.fixture(scope="module")
def ringkasan_demo(kerangka):
    return susun_ringkasan(demo(), kerangka, "18.02", "2026-10", n_teratas=5)


def test_susun_ringkasan_sama_dengan_inti(ringkasan_demo, kerangka):
    r, d = ringkasan_demo, demo()
    kab = skor_wilayah(d, kerangka, "18.02", "kabupaten", "2026-10").skor
    kab_lalu = skor_wilayah(d, kerangka, "18.02", "kabupaten", "2026-09").skor
    assert r.indeks == pytest.approx(float(kab.loc[0, "indeks"]))
    assert r.selisih_indeks == pytest.approx(float(kab.loc[0, "indeks"] - kab_lalu.loc[0, "indeks"]))
    p = r.pilar.set_index("ukuran")
    for x in PILAR:
        assert p.loc[x, "skor"] == pytest.approx(float(kab.loc[0, x]))
        assert p.loc[x, "skor_lalu"] == pytest.approx(float(kab_lalu.loc[0, x]))
    kec = skor_wilayah(d, kerangka, "18.02", "kecamatan", "2026-10").skor
    assert_frame_equal(r.kecamatan[kec.columns].reset_index(drop=True), kec.reset_index(drop=True))
    assert r.teratas["kode_wilayah"].tolist() == kec.sort_values("peringkat")["kode_wilayah"].head(5).tolist()
    assert r.terbawah["kode_wilayah"].iloc[0] == kec.sort_values("peringkat")["kode_wilayah"].iloc[-1]
    assert r.nama_kabupaten == "Kabupaten Lampung Tengah" and r.periode_lalu == "2026-09"


def test_susun_ringkasan_tiga_pernyataan_dari_data(ringkasan_demo):
    r = ringkasan_demo
    assert len(r.perhatian) == 3
    assert [p.topik for p in r.perhatian] == ["aduan_kewenangan", "data_kosong", "program_terlambat"]
    aduan = r.perhatian[0].angka
    assert aduan["kewenangan"] == "provinsi" and aduan["jumlah"] > 0 and 0 < aduan["persen"] <= 100
    for p in r.perhatian:
        assert p.teks["id"] and p.teks["en"] and p.teks["id"] != p.teks["en"]


def test_susun_ringkasan_periode_tanpa_data_lalu():
    # the first month of the data: no previous period; changes are missing, never 0
    r = susun_ringkasan(demo(), muat_kerangka(), "18.02", "2024-11")
    assert r.periode_lalu == "2024-10"
    assert np.isnan(r.selisih_indeks)
    assert r.kecamatan["selisih"].isna().all()


def test_daftar_periode_demo():
    p = daftar_periode(demo())
    assert p[-1] == "2026-10" and len(p) == 24 and p == sorted(p)
