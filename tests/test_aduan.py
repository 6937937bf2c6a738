"""Road complaints, core: lifecycle timing, overdue at the boundaries, duplicates, kemantapan, authority split,
filters and the declarations in data/aduan.yaml. Expected values are worked out by hand in the comments."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import yaml

from indicators.aduan import aturan
from indicators.aduan import duplikat as aduan_duplikat
from indicators.aduan import kewenangan as aduan_kewenangan
from indicators.aduan import kondisi as aduan_kondisi
from indicators.aduan import siapan as aduan
from indicators.aduan import siklus as aduan_siklus
from indicators.dasar.label import semua_label
from indicators.dasar.pengaturan import DATA_DIR
from indicators.data import skema

KINI = pd.Timestamp("2026-10-31 12:00:00")
DESA_PADANG_RATU = "18.02.03.2001"  # Purwosari, kecamatan Padang Ratu (18.02.03) in the Kemendagri register
DESA_KALIREJO = "18.02.01.2001"     # Sri Way Langsep, kecamatan Kalirejo (18.02.01)
# Targets for the tests, independent of what officers set in data/aduan.yaml
TARGET_UJI = {"verifikasi": {k: {"berat": 2, "sedang": 3, "ringan": 5} for k in aturan.URUTAN_KEWENANGAN},
              "perbaikan": {k: {"berat": 30, "sedang": 60, "ringan": 90} for k in aturan.URUTAN_KEWENANGAN}}


def aduan_uji(*baris: dict) -> pd.DataFrame:
    """Hand-made complaints: every column of the aduan_jalan schema, with plain defaults."""
    bawaan = {"lat": -5.0, "lon": 105.0, "kode_wilayah": DESA_PADANG_RATU, "nama_ruas": "Ruas Uji",
              "status_jalan": "provinsi", "jenis_kerusakan": "lubang", "tingkat": "berat", "status": "diterima",
              "kanal": "aplikasi", "deskripsi": "Jalan rusak", "dukungan": 0, "pelapor_nama": "Siti Rahayu",
              "pelapor_telepon": "081234565678"}
    rows = []
    for i, b in enumerate(baris):
        r = {"id_aduan": f"U{i + 1}", **bawaan, **b}
        r["waktu_lapor"] = pd.Timestamp(r["waktu_lapor"])
        r.setdefault("waktu_status", r["waktu_lapor"])
        rows.append(r)
    return pd.DataFrame(rows)[list(skema.skema("aduan_jalan").kolom)]


def riwayat_uji(*baris: tuple) -> pd.DataFrame:
    return pd.DataFrame(baris, columns=["id_aduan", "status", "waktu", "catatan"]).assign(
        waktu=lambda d: pd.to_datetime(d["waktu"]))


# --- lifecycle timing -------------------------------------------------------------------------

def test_waktu_verifikasi_dan_perbaikan_dari_riwayat():
    a = aduan_uji({"waktu_lapor": "2026-10-01 08:00", "status": "selesai", "waktu_status": "2026-10-21 08:00"},
                  {"waktu_lapor": "2026-10-20 12:00", "status": "ditolak", "waktu_status": "2026-10-21 00:00"},
                  {"waktu_lapor": "2026-09-01 00:00", "status": "selesai", "waktu_status": "2026-09-11 00:00"})
    r = riwayat_uji(("U1", "diterima", "2026-10-01 08:00", ""), ("U1", "diverifikasi", "2026-10-03 20:00", ""),
                    ("U1", "dijadwalkan", "2026-10-05 08:00", ""), ("U1", "dikerjakan", "2026-10-10 08:00", ""),
                    ("U1", "selesai", "2026-10-21 08:00", ""),
                    ("U2", "diterima", "2026-10-20 12:00", ""), ("U2", "ditolak", "2026-10-21 00:00", ""))
    df = aduan.siapkan(a, r, "18.02", kini=KINI, target=TARGET_UJI).set_index("id_aduan")
    # U1: verified 2.5 days after the report (01 08:00 → 03 20:00), fixed after exactly 20 days
    assert df.loc["U1", "hari_verifikasi"] == pytest.approx(2.5)
    assert df.loc["U1", "hari_perbaikan"] == pytest.approx(20.0)
    assert df.loc["U1", "tahap_maks"] == 4 and not df.loc["U1", "terbuka"]
    # U2: the rejection is its first response, 12 hours after the report; it was never fixed
    assert df.loc["U2", "hari_verifikasi"] == pytest.approx(0.5)
    assert np.isnan(df.loc["U2", "hari_perbaikan"]) and df.loc["U2", "tahap_maks"] == 0
    # U3 has no history: "selesai" at waktu_status, 10 days after the report; verification unknown
    assert df.loc["U3", "hari_perbaikan"] == pytest.approx(10.0) and np.isnan(df.loc["U3", "hari_verifikasi"])
    assert df["umur_hari"].isna().all()  # all closed: no age
    assert df.loc["U1", "nama_kecamatan"] == "Padang Ratu" and df.loc["U1", "nama_desa"] == "Purwosari"


def test_terlambat_tepat_di_batas_target():
    detik = pd.Timedelta(seconds=1)
    a = aduan_uji(
        {"waktu_lapor": KINI - pd.Timedelta(days=2), "status": "diterima"},               # U1 age 2 d = target: on time
        {"waktu_lapor": KINI - pd.Timedelta(days=2) - detik, "status": "diterima"},       # U2 one second late to verify
        {"waktu_lapor": KINI - pd.Timedelta(days=30), "status": "dikerjakan"},            # U3 age 30 d = fix target
        {"waktu_lapor": KINI - pd.Timedelta(days=30) - detik, "status": "dikerjakan"},    # U4 one second late to fix
        {"waktu_lapor": KINI - pd.Timedelta(days=100), "status": "selesai"},              # U5 closed: never overdue
        {"waktu_lapor": KINI - pd.Timedelta(days=31), "status": "diterima", "lon": 105.1},  # U6 late on both counts
        {"waktu_lapor": KINI - pd.Timedelta(days=4), "status": "diterima", "tingkat": "ringan",
         "lon": 105.2},                                                                 # U7 ringan: 5-day target
    )
    df = aduan.siapkan(a, None, "18.02", kini=KINI, target=TARGET_UJI).set_index("id_aduan")
    assert df["terlambat_verifikasi"].to_dict() == {"U1": False, "U2": True, "U3": False, "U4": False, "U5": False,
                                                    "U6": True, "U7": False}
    assert df["terlambat_perbaikan"].to_dict() == {"U1": False, "U2": False, "U3": False, "U4": True, "U5": False,
                                                   "U6": True, "U7": False}
    assert df.loc["U2", "umur_hari"] == pytest.approx(2 + 1 / 86400)
    assert df.loc["U7", "target_verifikasi_hari"] == 5 and df.loc["U7", "target_perbaikan_hari"] == 90


def test_target_dari_pengaturan_dan_galat():
    # data/aduan.yaml: kabupaten/berat is fixed in 30 days, provinsi/ringan in 120
    assert aturan.target_hari("perbaikan", ["kabupaten", "provinsi"], ["berat", "ringan"]).tolist() == [30.0, 120.0]
    with pytest.raises(ValueError, match="tidak ada target"):
        aturan.target_hari("perbaikan", ["tol"], ["berat"])
    with pytest.raises(ValueError, match="jenis target"):
        aturan.target_hari("tanggapan", ["kabupaten"], ["berat"])


@pytest.mark.parametrize(("umur", "kelas"), [(0, "0–7 hari"), (7.0, "0–7 hari"), (7.01, "8–30 hari"),
                                            (30.0, "8–30 hari"), (30.5, "31–90 hari"), (180.0, "91–180 hari"),
                                            (180.2, "> 180 hari")])
def test_kelas_umur_di_batas(umur, kelas):
    assert list(aduan_siklus.kelas_umur([umur], [7, 30, 90, 180])) == [kelas]


def test_corong_dan_ringkasan_waktu_menghitung_kelompok_sekali():
    # U1 and U2 are one complaint (same place, next day); U3 elsewhere. U1 reached "dikerjakan" (3),
    # U2 only "diverifikasi" (1): the group reached stage 3. U3 reached "selesai" (4), so it passed
    # every stage before it. Funnel: stages 0–3 both groups (2), "selesai" only U3 (1).
    a = aduan_uji({"waktu_lapor": "2026-10-01", "status": "dikerjakan"},
                  {"waktu_lapor": "2026-10-02", "status": "diverifikasi"},
                  {"waktu_lapor": "2026-10-01", "status": "selesai", "lat": -5.5, "waktu_status": "2026-10-11"})
    r = riwayat_uji(("U1", "diverifikasi", "2026-10-03", ""), ("U1", "dikerjakan", "2026-10-05", ""),
                    ("U2", "diverifikasi", "2026-10-04", ""), ("U3", "diverifikasi", "2026-10-02", ""),
                    ("U3", "selesai", "2026-10-11", ""))
    df = aduan.siapkan(a, r, "18.02", kini=KINI, target=TARGET_UJI)
    assert aduan_siklus.corong(df)["jumlah"].tolist() == [2, 2, 2, 2, 1]
    w = aduan_siklus.ringkasan_waktu(df, "status_jalan").set_index("status_jalan")
    # first reports U1 (verified after 2 d) and U3 (1 d): median 1.5 d; both within the 2-day target
    assert w.loc["provinsi", "aduan"] == 2 and w.loc["provinsi", "terbuka"] == 1
    assert w.loc["provinsi", "median_hari_verifikasi"] == pytest.approx(1.5)
    assert w.loc["provinsi", "persen_verifikasi_tepat"] == pytest.approx(100.0)
    # only U3 was fixed, after 10 days (target 30): 100 % on time
    assert w.loc["provinsi", "median_hari_perbaikan"] == pytest.approx(10.0)
    assert list(w.index) == ["provinsi"]


# --- duplicates ---------------------------------------------------------------------------------

def _titik_duplikat() -> pd.DataFrame:
    # 0.0001° of latitude = 11.1195 m (2π · 6 371 008.8 m / 360 / 10 000)
    t0 = pd.Timestamp("2026-10-01 08:00")
    hari = pd.Timedelta(days=1)
    return aduan_uji(
        {"waktu_lapor": t0, "dukungan": 2},                                            # U1 first report
        {"waktu_lapor": t0 + hari, "lat": -5.0005, "dukungan": 1},                     # U2 55.6 m from U1 → U1
        {"waktu_lapor": t0 + 2 * hari, "lat": -5.0009, "dukungan": 4},                 # U3 100.08 m from U1 → own group
        {"waktu_lapor": t0 + 7 * hari, "dukungan": 0},                                 # U4 0 m, exactly 7 days → U1
        {"waktu_lapor": t0 + 7 * hari + pd.Timedelta(seconds=1)},                      # U5 U1's window closed → own
        {"waktu_lapor": t0 + hari, "jenis_kerusakan": "retak"},                        # U6 other damage type → own
        {"waktu_lapor": t0 + hari, "nama_ruas": "Ruas Lain"},                          # U7 other road → own
        {"waktu_lapor": t0 + hari, "lat": 105.0, "lon": -5.0},                         # U8 swapped point → alone
        {"waktu_lapor": t0 + 3 * hari, "lat": -5.0008, "dukungan": 1},                 # U9 89 m to U1, 11 m to U3 → U3
    )


def test_pengelompokan_duplikat_pada_titik_buatan_tangan():
    k = aduan_duplikat.kelompokkan(_titik_duplikat(), jarak_meter=100, jendela_hari=7)
    assert k["kelompok"].tolist() == ["U1", "U1", "U3", "U1", "U5", "U6", "U7", "U8", "U3"]
    assert k["utama"].tolist() == [True, False, True, False, True, True, True, True, False]
    assert k["laporan_kelompok"].tolist() == [3, 3, 2, 3, 1, 1, 1, 1, 2]
    assert k["dukungan_kelompok"].tolist() == [3, 3, 5, 3, 0, 0, 0, 0, 5]  # U1+U2+U4 = 2+1+0; U3+U9 = 4+1


def test_jarak_haversine_dan_jendela_nol():
    assert aduan_duplikat.jarak_haversine(-5.0, 105.0, -5.0009, 105.0) == pytest.approx(100.0756, abs=1e-3)
    k = aduan_duplikat.kelompokkan(_titik_duplikat(), jarak_meter=100, jendela_hari=0)
    assert k["kelompok"].nunique() == 9  # no report shares a report time: nothing merges
    with pytest.raises(ValueError, match="negatif"):
        aduan_duplikat.kelompokkan(_titik_duplikat(), jarak_meter=-1)
    with pytest.raises(ValueError, match="kolom wajib"):
        aduan_duplikat.kelompokkan(_titik_duplikat().drop(columns="nama_ruas"))


def test_duplikat_tidak_menggelembungkan_antrean():
    # U1 open, U2 (its duplicate) open, U4 (its duplicate) open: one complaint in the backlog, not three.
    a = _titik_duplikat().assign(status=["diterima", "diverifikasi", "selesai", "dikerjakan", "selesai", "selesai",
                                         "selesai", "selesai", "selesai"])
    df = aduan.siapkan(a, None, "18.02", kini=KINI, target=TARGET_UJI, duplikat={"jarak_meter": 100, "jendela_hari": 7})
    per = aduan_kewenangan.per_kewenangan(df).set_index("status_jalan")
    assert per.loc["provinsi", ["laporan", "aduan", "terbuka"]].tolist() == [9, 6, 1]
    # the same holds for the overview's headline (pages/ringkasan.py), which gets the raw frame
    assert aduan.terbuka_per_kewenangan(a).set_index("status_jalan").loc["provinsi", "jumlah"] == 1


def test_menyalin_aduan_terbuka_demo_tidak_mengubah_antrean():
    from tests.bantu import demo

    d = demo()
    a = d["aduan_jalan"]
    siap = aduan.siapkan(a, d["aduan_jalan_riwayat"], "18.02")
    # 200 open first reports, each reported again at the same point an hour later (points flagged as
    # swapped are never merged by distance: they are left out here)
    buka = a[(siap["terbuka"] & siap["utama"] & (siap["titik_masalah"] == "")).to_numpy()].head(200)
    salinan = buka.assign(id_aduan=buka["id_aduan"] + "-SALIN", waktu_lapor=buka["waktu_lapor"] + pd.Timedelta(hours=1))
    sesudah = aduan.siapkan(pd.concat([a, salinan], ignore_index=True), d["aduan_jalan_riwayat"], "18.02")
    per_sesudah, per_sebelum = aduan_kewenangan.per_kewenangan(sesudah), aduan_kewenangan.per_kewenangan(siap)
    assert per_sesudah["terbuka"].tolist() == per_sebelum["terbuka"].tolist()
    assert per_sesudah["laporan"].sum() == len(a) + 200


# --- authority split and road condition --------------------------------------------------------

def test_pembagian_kewenangan_dan_bukan_kewenangan():
    a = aduan_uji({"waktu_lapor": "2026-10-01", "status": "diterima"},
                  {"waktu_lapor": "2026-10-01", "status": "bukan_kewenangan", "lat": -5.1},
                  {"waktu_lapor": "2026-10-01", "status": "dikerjakan", "lat": -5.2},
                  {"waktu_lapor": "2026-10-01", "status": "selesai", "lat": -5.3},
                  {"waktu_lapor": "2026-10-01", "status": "diterima", "status_jalan": "kabupaten", "lat": -5.4})
    df = aduan.siapkan(a, None, "18.02", kini=KINI, target=TARGET_UJI)
    per = aduan_kewenangan.per_kewenangan(df, "en").set_index("status_jalan")
    assert list(per.index) == ["nasional", "provinsi", "kabupaten", "desa"]
    # provincial: 4 reports, 1 closed as not our road = 25 %; open: U1 and U3; kabupaten: U5 open
    assert per.loc["provinsi", "persen_bukan_kewenangan"] == pytest.approx(25.0)
    assert per.loc["provinsi", "terbuka"] == 2 and per.loc["kabupaten", "terbuka"] == 1
    assert per.loc["provinsi", "persen_terbuka"] == pytest.approx(200 / 3)  # 2 of 3 open complaints
    assert np.isnan(per.loc["nasional", "persen_bukan_kewenangan"])  # no report: no rate
    assert per.loc["provinsi", "kewenangan"] == "Provincial"
    # U1, U3 (provincial) and U5 open since 1 October: 30.5 days > 30-day target (berat) → overdue
    assert per.loc["provinsi", "terlambat"] == 2


def _ruas_uji() -> pd.DataFrame:
    return pd.DataFrame({
        "id_ruas": ["P1", "P2", "P3", "K1", "K2", "D1"],
        "nama_ruas": ["Ruas Uji", "Ruas Uji", "Ruas B", "Jalan K", "Jalan K", "Jalan D"],
        "status_jalan": ["provinsi", "provinsi", "provinsi", "kabupaten", "kabupaten", "desa"],
        "panjang_km": [10.0, 5.0, 5.0, 4.0, 1.0, 2.0],
        "kondisi": ["baik", "rusak_berat", "sedang", "rusak_ringan", "baik", "sedang"],
        "kode_wilayah": ["18.02.03", "18.02.03", "18.02.01", "18.02.03", "18.02.01", "18.02.01"]})


def test_rumus_kemantapan():
    k = aduan_kondisi.kemantapan(_ruas_uji(), "status_jalan").set_index("status_jalan")
    # provinsi: (10 baik + 5 sedang) / 20 km = 75 %; kabupaten: 1 baik / 5 km = 20 %; desa 2 sedang / 2 = 100 %
    assert k["kemantapan_persen"].round(6).to_dict() == pytest.approx(
        {"nasional": np.nan, "provinsi": 75.0, "kabupaten": 20.0, "desa": 100.0}, nan_ok=True)
    assert k.loc["provinsi", "km_rusak_berat"] == 5.0 and k.loc["nasional", "panjang_km"] == 0.0
    kec = aduan_kondisi.kemantapan(_ruas_uji(), "kode_wilayah").set_index("kode_wilayah")
    # Padang Ratu 18.02.03: 10 baik of 19 km = 52.63 %; Kalirejo 18.02.01: 5 sedang + 1 baik + 2 sedang of 8 = 100 %
    assert kec.loc["18.02.03", "kemantapan_persen"] == pytest.approx(1000 / 19)
    assert kec.loc["18.02.01", "kemantapan_persen"] == pytest.approx(100.0)
    # another declaration of "steady": only baik → provinsi 10 / 20 = 50 %
    assert aduan_kondisi.kemantapan(_ruas_uji(), "status_jalan", mantap=["baik"]).set_index(
        "status_jalan").loc["provinsi", "kemantapan_persen"] == pytest.approx(50.0)
    with pytest.raises(ValueError, match="panjang_km"):
        aduan_kondisi.kemantapan(_ruas_uji().assign(panjang_km=-1.0), "status_jalan")


def test_aduan_per_10km():
    # 6 unique provincial complaints (8 reports: U7 and U8 repeat U1 and U2) on 20 km → 3.0 per 10 km
    a = aduan_uji(*[{"waktu_lapor": "2026-10-01", "lat": -5.0 - 0.01 * i} for i in range(6)],
                  {"waktu_lapor": "2026-10-02", "lat": -5.0}, {"waktu_lapor": "2026-10-02", "lat": -5.01},
                  {"waktu_lapor": "2026-10-01", "status_jalan": "kabupaten", "nama_ruas": "Jalan K",
                   "status": "selesai"})
    df = aduan.siapkan(a, None, "18.02", kini=KINI, target=TARGET_UJI)
    p = aduan_kondisi.aduan_per_10km(df, _ruas_uji(), "status_jalan").set_index("status_jalan")
    assert p.loc["provinsi", "aduan"] == 6 and p.loc["provinsi", "aduan_per_10km"] == pytest.approx(3.0)
    assert p.loc["kabupaten", "aduan_per_10km"] == pytest.approx(2.0)  # 1 complaint on 5 km
    assert p.loc["kabupaten", "terbuka_per_10km"] == 0
    assert np.isnan(p.loc["nasional", "aduan_per_10km"])  # no national road recorded
    kec = aduan_kondisi.aduan_per_10km(df, _ruas_uji(), "kode_kecamatan").set_index("kode_kecamatan")
    # all 7 unique complaints lie in Padang Ratu (19 km of road there) → 7 · 10 / 19
    assert kec.loc["18.02.03", "aduan_per_10km"] == pytest.approx(70 / 19)


# --- filters ----------------------------------------------------------------------------------------

def test_saringan():
    a = aduan_uji({"waktu_lapor": "2026-10-01", "status": "diterima"},
                  {"waktu_lapor": "2026-06-01", "status": "selesai", "lat": -5.1, "kode_wilayah": DESA_KALIREJO},
                  {"waktu_lapor": "2025-05-01", "status": "diterima", "lat": -5.2, "status_jalan": "kabupaten"})
    df = aduan.siapkan(a, None, "18.02", kini=KINI, target=TARGET_UJI)
    assert aduan.opsi_periode(df) == ["semua", "12b", "6b", "3b", "2026", "2025"]

    def ids(**kw):
        return aduan.saring(df, aduan.Saringan(**kw))["id_aduan"].tolist()

    assert ids() == ["U1", "U2", "U3"]
    assert ids(periode="3b") == ["U1"]              # after 2026-07-31 12:00
    assert ids(periode="6b") == ["U1", "U2"]        # after 2026-04-30 12:00
    assert ids(periode="2025") == ["U3"]
    assert ids(kecamatan=("18.02.01",)) == ["U2"]
    assert ids(kewenangan=("kabupaten",), status=("diterima",)) == ["U3"]
    assert ids(tingkat=("ringan",)) == []
    with pytest.raises(ValueError, match="tidak dikenal"):
        ids(status=("hilang",))
    with pytest.raises(ValueError, match="periode"):
        ids(periode="kemarin")


def test_masukan_buruk_ditolak_dengan_jelas():
    with pytest.raises(ValueError, match="kolom aduan_jalan wajib"):
        aduan.siapkan(aduan_uji({"waktu_lapor": "2026-10-01"}).drop(columns="tingkat"), None, "18.02")
    with pytest.raises(ValueError, match="kategori"):
        aturan.label_kategori("warna")
    with pytest.raises(ValueError, match="bahasa"):
        aturan.label_kategori("status", "jv")
    with pytest.raises(ValueError, match="waktu acuan"):
        aduan.waktu_acuan(pd.DataFrame({"waktu_lapor": pd.to_datetime([]), "waktu_status": pd.to_datetime([])}))


def test_kode_wilayah_kosong_diturunkan_dari_titik():
    # the centre fact of Kalirejo (−5.214, 104.981) lies in a village of kecamatan 18.02.01
    a = aduan_uji({"waktu_lapor": "2026-10-01", "kode_wilayah": None, "lat": -5.214, "lon": 104.981})
    df = aduan.siapkan(a, None, "18.02", kini=KINI)
    assert df.loc[0, "kode_kecamatan"] == "18.02.01" and df.loc[0, "nama_kecamatan"] == "Kalirejo"


# --- declarations -----------------------------------------------------------------------------------

def test_deklarasi_lengkap_dan_sesuai_skema():
    d = aturan.deklarasi()
    kolom = skema.skema("aduan_jalan").kolom
    assert list(d["status"]) == list(kolom["status"].nilai)
    assert set(d["jenis_kerusakan"]) == set(kolom["jenis_kerusakan"].nilai)
    assert set(d["tingkat"]) == set(kolom["tingkat"].nilai)
    assert list(d["kewenangan"]) == aturan.URUTAN_KEWENANGAN == list(kolom["status_jalan"].nilai)
    assert set(d["kondisi"]) == set(skema.skema("ruas_jalan").kolom["kondisi"].nilai) >= set(d["kondisi_mantap"])
    # the lifecycle diterima → … → selesai, stages 0–4, each open except selesai; Open311 open|closed
    tahap = {k: v["tahap"] for k, v in d["status"].items() if "tahap" in v}
    assert tahap == {"diterima": 0, "diverifikasi": 1, "dijadwalkan": 2, "dikerjakan": 3, "selesai": 4}
    for k, v in d["status"].items():
        assert v["open311"] == ("open" if v["terbuka"] else "closed"), k
        assert set(v["label"]) == {"id", "en"} and re.fullmatch(r"#[0-9a-f]{6}", v["warna"])
    for jenis in ("verifikasi", "perbaikan"):
        for kew in aturan.URUTAN_KEWENANGAN:
            assert set(d["target_hari"][jenis][kew]) == set(kolom["tingkat"].nilai), (jenis, kew)
            assert all(v > 0 for v in d["target_hari"][jenis][kew].values())
    for kew in aturan.URUTAN_KEWENANGAN:  # verifying never takes longer than fixing
        for t in kolom["tingkat"].nilai:
            assert d["target_hari"]["verifikasi"][kew][t] <= d["target_hari"]["perbaikan"][kew][t]
    assert d["duplikat"]["jarak_meter"] > 0 and d["duplikat"]["jendela_hari"] > 0
    assert set(d["duplikat"]["kunci"]) <= set(kolom)
    assert d["eskalasi"]["kewenangan"] in aturan.URUTAN_KEWENANGAN


def test_label_aduan_dua_bahasa_tanpa_bentrok():
    berkas = yaml.safe_load((DATA_DIR / "label" / "aduan.yaml").read_text(encoding="utf-8"))
    umum = yaml.safe_load((DATA_DIR / "label" / "umum.yaml").read_text(encoding="utf-8"))
    assert not set(berkas) & set(umum)
    semua_label()  # refuses duplicate keys across files
    for k, v in berkas.items():
        assert set(v) == {"id", "en"} and v["id"].strip() and v["en"].strip(), k
        assert set(re.findall(r"\{(\w+)\}", v["id"])) == set(re.findall(r"\{(\w+)\}", v["en"])), k
