"""Indicator values from the datasets, worked out by hand on small frames with real Lampung Tengah codes:
pooled rates, deadlines per service type, nights of patrol, open complaints at month end, snapshots,
weighted combination of village values, and every unit present (NaN, never 0, without data)."""
import numpy as np
import pandas as pd
import pytest

from indicators.skor.hitung import hitung_nilai, periode_terakhir
from indicators.skor.kerangka import muat_kerangka
from indicators.wilayah.daftar import daftar_wilayah
from tests.bantu import demo

KAB, KEC = "18.02", "18.02.01"
A, B = "18.02.01.2001", "18.02.01.2002"          # two villages of Kalirejo
LAIN = "18.02.02.2001"                           # a village of Bangun Rejo
P = "2026-10"


@pytest.fixture(scope="module")
def kerangka():
    return muat_kerangka()


def t(s):
    return pd.Timestamp(s)


def permohonan(rows):
    kol = ["id_permohonan", "kode_wilayah", "jenis_layanan", "kanal", "tanggal_masuk", "tanggal_selesai", "status"]
    df = pd.DataFrame(rows, columns=kol)
    df["tanggal_masuk"] = pd.to_datetime(df["tanggal_masuk"])
    df["tanggal_selesai"] = pd.to_datetime(df["tanggal_selesai"])
    return df


def test_rasio_dihitung_ulang_dari_pembilang_dan_penyebut_gabungan(kerangka):
    data = {"layanan_permohonan": permohonan([
        ("1", A, "surat_domisili", "online", "2026-10-02 08:00", None, "diajukan"),
        ("2", B, "surat_domisili", "online", "2026-10-03 08:00", None, "diajukan"),
        ("3", B, "surat_domisili", "loket", "2026-10-04 08:00", None, "diajukan"),
        ("4", B, "surat_domisili", "loket", "2026-10-05 08:00", None, "diajukan"),
        ("5", B, "surat_domisili", "online", "2026-09-05 08:00", None, "diajukan"),   # September: not counted
    ])}
    desa = hitung_nilai(data, kerangka, KAB, "desa", P)
    kec = hitung_nilai(data, kerangka, KAB, "kecamatan", P)
    kab = hitung_nilai(data, kerangka, KAB, "kabupaten", P)
    # A: 1 online of 1 = 100 %; B: 1 of 3 = 33.33 %; the mean of village shares would be 66.67 %,
    # but the kecamatan's share is pooled: 2 online of 4 requests = 50 %.
    assert desa.loc[A, "gov_layanan_online"] == 100.0
    assert desa.loc[B, "gov_layanan_online"] == pytest.approx(100 / 3)
    assert kec.loc[KEC, "gov_layanan_online"] == 50.0
    assert kab.loc[KAB, "gov_layanan_online"] == 50.0
    # no request in Bangun Rejo: missing, never 0
    assert np.isnan(desa.loc[LAIN, "gov_layanan_online"]) and np.isnan(kec.loc["18.02.02", "gov_layanan_online"])


def test_tenggat_per_jenis_layanan_dan_median_hari_proses(kerangka):
    data = {"layanan_permohonan": permohonan([
        # surat_domisili: target 1 day, done after 12 h → on time (deadline 2026-10-06 08:00, in October)
        ("1", A, "surat_domisili", "online", "2026-10-05 08:00", "2026-10-05 20:00", "selesai"),
        # surat_pindah: target 5 days → deadline 2026-10-06; done 2026-10-08 (7 days) → late
        ("2", A, "surat_pindah", "loket", "2026-10-01 00:00", "2026-10-08 00:00", "selesai"),
        # surat_usaha: target 2 days → deadline 2026-10-12, still being processed → late
        ("3", A, "surat_usaha", "loket", "2026-10-10 00:00", None, "diproses"),
        # rejected: outside both numerator and denominator
        ("4", A, "surat_usaha", "loket", "2026-10-10 00:00", "2026-10-10 01:00", "ditolak"),
        # deadline 2026-09-30 and completed in September: belongs to September on both indicators
        ("5", A, "surat_domisili", "loket", "2026-09-29 08:00", "2026-09-29 20:00", "selesai"),
    ])}
    x = hitung_nilai(data, kerangka, KAB, "desa", P)
    assert x.loc[A, "gov_sla_layanan"] == pytest.approx(100 / 3)          # 1 on time of 3 due in October
    assert x.loc[A, "gov_hari_proses"] == pytest.approx((0.5 + 7) / 2)    # median of 0.5 and 7 days


def test_malam_ronda_dan_waktu_respons(kerangka):
    df = pd.DataFrame({
        "id_laporan": list("abcdefg"),
        "kode_wilayah": [A] * 7,
        "waktu": pd.to_datetime(["2026-10-01 22:00", "2026-10-02 01:30", "2026-10-05 23:00", "2026-10-07 20:00",
                                 "2026-10-01 03:00", "2026-09-20 21:00", "2026-08-15 21:00"]),
        "jenis": ["patroli", "patroli", "patroli", "kejadian", "patroli", "kejadian", "kejadian"],
        "kategori": ["patroli_rutin"] * 3 + ["pencurian", "patroli_rutin", "kebakaran", "lainnya"],
        "waktu_respon_menit": [np.nan, np.nan, np.nan, 12.0, np.nan, 30.0, 50.0],
        "jumlah_peserta": [4, 4, 5, 0, 3, 0, 0],
    })
    x = hitung_nilai({"ronda_laporan": df}, kerangka, KAB, "desa", P)
    # nights with a patrol in October: the night of 1 Oct (22:00 and 01:30 next morning) and of 5 Oct;
    # the 03:00 report on 1 Oct belongs to the night of 30 September → 2 of 31 nights
    assert x.loc[A, "soc_ronda_rutin"] == pytest.approx(2 / 31 * 100)
    # incidents in the three months Aug–Oct: 12, 30, 50 minutes → median 30
    assert x.loc[A, "soc_respon_kejadian"] == 30.0


def _jalan():
    ruas = pd.DataFrame({"id_ruas": ["r1", "r2", "r3"], "nama_ruas": ["x"] * 3, "status_jalan": ["kabupaten"] * 3,
                         "panjang_km": [3.0, 1.0, 4.0], "kondisi": ["baik", "sedang", "rusak_berat"],
                         "kode_wilayah": [KEC] * 3})
    aduan = pd.DataFrame({
        "id_aduan": ["a", "b", "c", "d"],
        "kode_wilayah": [A, A, B, B],
        "waktu_lapor": pd.to_datetime(["2026-09-10 09:00", "2026-10-03 10:00", "2026-08-01 08:00",
                                       "2026-11-02 08:00"]),
        "status": ["selesai", "dikerjakan", "selesai", "diterima"],
        "waktu_status": pd.to_datetime(["2026-09-20 08:00", "2026-10-20 08:00", "2026-11-05 08:00",
                                        "2026-11-02 08:00"]),
    })
    riwayat = pd.DataFrame({
        "id_aduan": ["a", "a", "b", "b", "c", "c"],
        "status": ["diterima", "diverifikasi", "diterima", "diverifikasi", "diterima", "dijadwalkan"],
        "waktu": pd.to_datetime(["2026-09-10 09:00", "2026-09-12 09:00", "2026-10-03 10:00", "2026-10-04 10:00",
                                 "2026-08-01 08:00", "2026-08-10 08:00"]),
    })
    return ruas, aduan, riwayat


def test_kemantapan_aduan_terbuka_per_10_km_dan_verifikasi(kerangka):
    ruas, aduan, riwayat = _jalan()
    data = {"ruas_jalan": ruas, "aduan_jalan": aduan, "aduan_jalan_riwayat": riwayat}
    kec = hitung_nilai(data, kerangka, KAB, "kecamatan", P)
    # (3 km good + 1 km fair) of 8 km
    assert kec.loc[KEC, "liv_kemantapan_jalan"] == 50.0
    # open at the end of October: b (being worked on) and c (closed only on 5 Nov); a closed in
    # September; d reported in November → 2 open per 8 km = 2.5 per 10 km
    assert kec.loc[KEC, "liv_aduan_terbuka"] == 2.5
    # triage deadlines (report + 3 days) in Aug–Oct: a (decided after 2 days), b (1 day) on time,
    # c (9 days) late → 2 of 3
    assert kec.loc[KEC, "gov_verifikasi_aduan"] == pytest.approx(200 / 3)
    assert np.isnan(kec.loc["18.02.02", "liv_kemantapan_jalan"])
    # roads are recorded per kecamatan: there is no village value to give
    assert "liv_kemantapan_jalan" not in hitung_nilai(data, kerangka, KAB, "desa", P).columns


def test_tanpa_riwayat_verifikasi_hilang_bukan_nol(kerangka):
    ruas, aduan, _ = _jalan()
    catatan = []
    kec = hitung_nilai({"ruas_jalan": ruas, "aduan_jalan": aduan}, kerangka, KAB, "kecamatan", P, catatan=catatan)
    assert kec["gov_verifikasi_aduan"].isna().all()
    assert {"indikator": "gov_verifikasi_aduan", "keterangan": "kolom 'verifikasi_tepat' tidak ada"} in catatan


def _profil():
    return pd.DataFrame({"kode_wilayah": [A, B], "penduduk": [1000, 3000], "rumah_tangga": [300, 900],
                         "luas_km2": [2.0, 3.0], "sinyal": ["4g", "3g"], "ike": [0.5, 0.7]})


def test_nilai_indikator_potret_terakhir_dan_gabungan_tertimbang(kerangka):
    ni = pd.DataFrame({
        "kode_wilayah": [A, B, A, LAIN, LAIN],
        "periode": ["2026-06", "2026-06", "2026-11", "2024-10", "2024-11"],
        "indikator": ["eco_kemiskinan"] * 5,
        "nilai": [10.0, 20.0, 99.0, 5.0, 7.0],
        "sumber": ["uji"] * 5,
    })
    kec = hitung_nilai({"nilai_indikator": ni, "profil_desa": _profil()}, kerangka, KAB, "kecamatan", P)
    # A's November value lies after the period; population-weighted: (10·1000 + 20·3000) / 4000 = 17.5
    assert kec.loc[KEC, "eco_kemiskinan"] == 17.5
    # 24 months before 2026-10 is 2024-10: that value is too old, 2024-11 is the latest usable one
    assert kec.loc["18.02.02", "eco_kemiskinan"] == 7.0
    # without the village profile the villages count equally: (10 + 20) / 2
    assert hitung_nilai({"nilai_indikator": ni}, kerangka, KAB, "kecamatan", P).loc[KEC, "eco_kemiskinan"] == 15.0
    # a value supplied for the kecamatan itself wins over the combination of its villages
    kec_sendiri = pd.DataFrame({"kode_wilayah": [KEC], "periode": ["2026-01"], "indikator": ["eco_kemiskinan"],
                                "nilai": [12.0], "sumber": ["uji"]})
    langsung = pd.concat([ni, kec_sendiri], ignore_index=True)
    assert hitung_nilai({"nilai_indikator": langsung}, kerangka, KAB, "kecamatan", P).loc[KEC, "eco_kemiskinan"] == 12.0


def test_profil_desa_sinyal_dan_ike(kerangka):
    kec = hitung_nilai({"profil_desa": _profil()}, kerangka, KAB, "kecamatan", P)
    assert kec.loc[KEC, "soc_sinyal_4g"] == 25.0      # 1000 of 4000 people live in the 4G village
    assert kec.loc[KEC, "eco_ike"] == pytest.approx(0.6)  # mean of the villages' official IKE


def test_cakupan_desa_atas_daftar_resmi(kerangka):
    data = {"layanan_permohonan": permohonan([
        ("1", A, "surat_domisili", "online", "2026-10-02 08:00", None, "diajukan"),
        ("2", A, "surat_domisili", "online", "2026-10-03 08:00", None, "diajukan"),
        ("3", B, "surat_domisili", "online", "2026-10-04 08:00", None, "diajukan"),
    ])}
    kec = hitung_nilai(data, kerangka, KAB, "kecamatan", P)
    desa = daftar_wilayah(KAB, "desa")
    n_kalirejo = int((desa["kode_induk"] == KEC).sum())
    assert kec.loc[KEC, "gov_desa_lapor"] == pytest.approx(2 / n_kalirejo * 100)
    assert kec.loc["18.02.02", "gov_desa_lapor"] == 0.0   # the register knows its villages: none entered data


def test_setiap_wilayah_muncul_dan_kabupaten_lain_diabaikan(kerangka):
    ni = pd.DataFrame({"kode_wilayah": ["18.01.01.2001", A], "periode": [P, P], "indikator": ["eco_qris"] * 2,
                       "nilai": [1000.0, 5.0], "sumber": ["uji"] * 2})
    for tingkat, n in (("desa", 311), ("kecamatan", 28), ("kabupaten", 1)):
        x = hitung_nilai({"nilai_indikator": ni}, kerangka, KAB, tingkat, P)
        assert len(x) == n and x.index.is_unique and x.index.is_monotonic_increasing
        assert x["eco_qris"].notna().sum() == 1 and x["eco_qris"].max() == 5.0


def test_periode_terakhir_tidak_terbawa_baris_nyasar():
    data = {"nilai_indikator": pd.DataFrame({"periode": ["2026-09", "2026-10"]}),
            "program_progres": pd.DataFrame({"periode": ["2026-10"]}),
            "aduan_jalan": pd.DataFrame({"waktu_lapor": pd.to_datetime(["2026-10-30", "2026-11-02"])})}
    assert periode_terakhir(data) == "2026-10"
    with pytest.raises(ValueError, match="periode"):
        periode_terakhir({})


@pytest.mark.parametrize("periode", ["2026-13", "2026-1", "Oktober"])
def test_periode_salah(kerangka, periode):
    with pytest.raises(ValueError, match="YYYY-MM"):
        hitung_nilai({}, kerangka, KAB, "kecamatan", periode)


def test_data_demo_menghasilkan_setiap_indikator(kerangka):
    d = demo()
    for tingkat in ("desa", "kecamatan", "kabupaten"):
        catatan = []
        x = hitung_nilai(d, kerangka, KAB, tingkat, P, catatan=catatan)
        assert catatan == [], tingkat
        assert x.notna().any().all(), x.columns[~x.notna().any()].tolist()
    # an independent check on the demo roads: kemantapan of every kecamatan from the raw segments
    kec = hitung_nilai(d, kerangka, KAB, "kecamatan", P)
    r = d["ruas_jalan"]
    baik = r["kondisi"].isin(["baik", "sedang"])
    panjang = r.groupby("kode_wilayah")["panjang_km"].sum()
    harapan = r["panjang_km"].where(baik, 0).groupby(r["kode_wilayah"]).sum() / panjang
    pd.testing.assert_series_equal(kec["liv_kemantapan_jalan"].dropna(), (harapan * 100).rename("liv_kemantapan_jalan"),
                                   check_names=False, check_index_type=False, rtol=1e-12)
