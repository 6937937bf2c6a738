"""Data-quality flags of the village services, on hand-made rows: each flag is counted and listed with
its detail, nothing is dropped, and months missing per village are found between the first and last
month of the dataset."""
import pandas as pd
import pytest

from indicators.layanan import mutu as layanan_mutu
from indicators.layanan import nilai as layanan

A, B = "18.02.01.2001", "18.02.01.2002"
KINI = pd.Timestamp("2026-11-01")      # the data's "now": the end of October 2026


def permohonan(rows):
    df = pd.DataFrame(rows, columns=["id_permohonan", "kode_wilayah", "jenis_layanan", "kanal", "tanggal_masuk",
                                     "tanggal_selesai", "status"])
    for k in ("tanggal_masuk", "tanggal_selesai"):
        df[k] = pd.to_datetime(df[k])
    return df


MOHON = permohonan([
    ("p1", A, "surat_usaha", "loket", "2026-10-01 08:00", "2026-10-01 08:07", "selesai"),    # closed after 7 minutes
    ("p2", A, "surat_usaha", "loket", "2026-10-01 08:05", "2026-10-03 08:00", "selesai"),    # 5 min after p1: double?
    ("p3", A, "surat_usaha", "online", "2026-10-01 08:06", "2026-10-03 08:00", "selesai"),   # other channel: not
    ("p4", A, "surat_usaha", "loket", "2026-10-01 08:20", "2026-10-03 08:00", "selesai"),    # 15 min after p2: not
    ("p5", B, "surat_domisili", "loket", "2027-01-04 08:00", None, "diajukan"),              # future
    ("p6", B, "surat_domisili", "loket", "2026-10-04 08:00", "2026-10-03 08:00", "selesai"), # done before submitted
    ("p7", B, "surat_domisili", "loket", "2014-06-01 08:00", "2014-06-02 08:00", "selesai"), # before 2015: impossible
    ("p8", B, "surat_domisili", "loket", "2026-10-10 08:00", None, "selesai"),               # done without a date
    ("p9", B, "surat_domisili", "loket", "2026-10-11 08:00", "2026-10-12 08:00", "diproses"),# open with a date
    ("p10", B, "surat_domisili", "loket", "2026-10-12 08:00", "2026-10-12 08:30", "selesai"),# 30 min: plausible
])


def test_tanda_permohonan_dihitung_dan_dirinci():
    t = layanan_mutu.tanda_permohonan(MOHON, KINI)
    per = {(r.id, r.rincian) for r in t.itertuples()}
    assert per == {("p1", "selesai_kilat"), ("p2", "duplikat"), ("p5", "masa_depan"),
                   ("p6", "selesai_sebelum_masuk"), ("p7", "sebelum_awal"),   # p7: submission and completion
                   ("p8", "tutup_tanpa_tanggal"), ("p9", "terbuka_bertanggal")}
    assert (t["rincian"] == "sebelum_awal").sum() == 2                        # both of p7's dates
    dup = t[t["tanda"] == "duplikat"].iloc[0]
    assert dup["angka"] == 5.0 and dup["pembanding"] == "p1"
    kilat = t[t["tanda"] == "selesai_kilat"].iloc[0]
    assert kilat["angka"] == 7.0
    r = layanan_mutu.ringkasan_tanda(t).set_index(["dataset", "tanda"])["jumlah"]
    assert r[("layanan_permohonan", "selesai_kilat")] == 1
    assert r[("layanan_permohonan", "tanggal_masa_depan")] == 1
    assert r[("layanan_permohonan", "waktu_mustahil")] == 5      # p6, p7 twice, p8, p9
    assert r[("layanan_permohonan", "duplikat")] == 1
    assert r[("ronda_laporan", "duplikat")] == 0                  # checked, none: shown as 0
    assert ("desa_website", "selesai_kilat") not in r.index        # not a check that applies to a snapshot


def test_uraian_tanda_dalam_dua_bahasa():
    t = layanan_mutu.tanda_permohonan(MOHON, KINI)
    t = t.assign(uraian_id=layanan_mutu.uraian(t, "id"), uraian_en=layanan_mutu.uraian(t, "en"))
    t = t.set_index(["id", "rincian"])
    assert t.loc[("p1", "selesai_kilat"), "uraian_id"] == "selesai 7 menit setelah masuk"
    assert t.loc[("p2", "duplikat"), "uraian_en"] == "5 minutes after p1"
    assert t.loc[("p5", "masa_depan"), "uraian_id"] == "tanggal_masuk 4 Januari 2027 melewati akhir data"
    assert t.loc[("p8", "tutup_tanpa_tanggal"), "uraian_en"] == "status selesai without a completion date"


def test_tanda_ronda_dan_situs():
    r = pd.DataFrame({"id_laporan": ["a", "b", "c", "d"], "kode_wilayah": [A] * 4,
                      "waktu": pd.to_datetime(["2026-10-01 22:00", "2026-10-01 22:04", "2026-12-01 22:00",
                                               "2026-10-03 21:00"]),
                      "jenis": ["patroli", "patroli", "patroli", "kejadian"],
                      "kategori": ["patroli_rutin"] * 3 + ["pencurian"],
                      "waktu_respon_menit": [None, None, None, 2000.0], "jumlah_peserta": [4, 4, 4, 2]})
    t = layanan_mutu.tanda_ronda(r, KINI)
    # b 4 minutes after a (same village, type, category); c in December (future); d answered after 2,000 min
    assert {(x.id, x.rincian) for x in t.itertuples()} == {("b", "duplikat"), ("c", "masa_depan"),
                                                          ("d", "respon_tidak_wajar")}
    w = pd.DataFrame({"kode_wilayah": [A, A, B], "periode": ["2026-09", "2026-09", "2026-10"],
                      "tanggal_update_terakhir": pd.to_datetime(["2026-10-05", "2026-09-01", "2026-10-01"])})
    t = layanan_mutu.tanda_situs(w, KINI)
    # the September snapshot says the site was updated in October (after the snapshot), and is recorded twice
    assert {(x.id, x.rincian) for x in t.itertuples()} == {(f"{A}/2026-09", "update_setelah_potret"),
                                                          (f"{A}/2026-09", "duplikat_kunci")}


def test_tanda_mutu_tidak_membuang_baris():
    data = {"layanan_permohonan": MOHON}
    t = layanan_mutu.tanda_mutu(data, KINI)
    assert set(t["id"]) <= set(MOHON["id_permohonan"]) and len(MOHON) == 10   # listed, the data untouched
    # and the indicator still counts the flagged request: p1 (closed in 7 minutes) is on time in October
    rows = layanan.baris(data, "gov_sla_layanan", "18.02", layanan.Saringan("2026-10"))
    assert "p1" in set(rows["id_permohonan"])


def test_bulan_hilang_per_desa_antara_bulan_pertama_dan_terakhir():
    m = permohonan([
        ("1", A, "surat_usaha", "loket", "2026-07-03", None, "diajukan"),
        ("2", A, "surat_usaha", "loket", "2026-09-03", None, "diajukan"),
        ("3", B, "surat_usaha", "loket", "2026-10-03", None, "diajukan"),
        ("4", B, "surat_usaha", "loket", "2031-01-03", None, "diajukan"),   # a stray future row: not a month
        ("5", B, "surat_usaha", "loket", "2026-08-03", None, "diajukan"),
        ("6", B, "surat_usaha", "loket", "2026-10-04", None, "diajukan"),
    ])
    # the data's last month is the (lower) median of the datasets' last months, as the scoring core reads
    # it: Ronda Online ends in October 2026, so the request of 2031 does not stretch the months
    r = pd.DataFrame({"id_laporan": ["a"], "kode_wilayah": [A], "waktu": pd.to_datetime(["2026-10-01 22:00"]),
                      "jenis": ["patroli"], "kategori": ["patroli_rutin"], "waktu_respon_menit": [None],
                      "jumlah_peserta": [4]})
    assert layanan.periode_data({"layanan_permohonan": m, "ronda_laporan": r}) == "2026-10"
    h = layanan_mutu.bulan_hilang_desa({"layanan_permohonan": m, "ronda_laporan": r}, "18.02")
    h = h[h["dataset"] == "layanan_permohonan"].set_index("kode_wilayah")
    # the dataset runs July–October 2026: A misses August and October, B July and September
    assert h.loc[A, ["jumlah_hilang", "bulan_hilang"]].tolist() == [2, "2026-08, 2026-10"]
    assert h.loc[B, ["jumlah_hilang", "bulan_hilang"]].tolist() == [2, "2026-07, 2026-09"]
    assert len(h) == 2   # villages with no entry at all are the "operator belum input" list, not this one


@pytest.mark.parametrize("kolom", ["selesai_kilat_menit", "duplikat_menit", "tanggal_paling_awal", "respon_maks_menit"])
def test_ambang_dari_deklarasi(kolom):
    assert kolom in layanan.deklarasi()["mutu"]
