"""Village services core, worked out by hand on small frames with real Lampung Tengah codes: service-level
share and processing-time percentiles per service type, the backlog by age, website freshness and
gaps, patrol regularity, incidents and participation, signal against online share — and that every
figure the page shows for an indicator is the scoring core's own value (one computation)."""
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from indicators.layanan import netizen as layanan_netizen
from indicators.layanan import nilai as layanan
from indicators.layanan import ronda as layanan_ronda
from indicators.layanan import sinyal as layanan_sinyal
from indicators.layanan import situs as layanan_situs
from indicators.skor.hitung import hitung_nilai
from indicators.skor.kerangka import muat_kerangka

KAB, KEC = "18.02", "18.02.01"
A, B, C, D, E = (f"18.02.01.200{i}" for i in range(1, 6))   # villages of Kalirejo (17 in the register)
LAIN = "18.02.02.2001"                                      # a village of Bangun Rejo
P = "2026-10"
AKHIR = pd.Timestamp("2026-11-01")


def permohonan(rows):
    kol = ["id_permohonan", "kode_wilayah", "jenis_layanan", "kanal", "tanggal_masuk", "tanggal_selesai", "status",
           "rating"]
    df = pd.DataFrame(rows, columns=kol)
    for k in ("tanggal_masuk", "tanggal_selesai"):
        df[k] = pd.to_datetime(df[k])
    df["rating"] = df["rating"].astype("Int64")
    return df


# Targets (data/kerangka.yaml): surat_domisili 1 day, surat_usaha 2, surat_pindah 5.
MOHON = permohonan([
    # id, village, type, channel, submitted, completed, status, rating
    # r1: 0.5 day, due 6 Oct → on time
    ("r1", A, "surat_domisili", "online", "2026-10-05 08:00", "2026-10-05 20:00", "selesai", 5),
    # r2: 2 days, due 11 Oct → late
    ("r2", A, "surat_domisili", "loket", "2026-10-10 08:00", "2026-10-12 08:00", "selesai", 2),
    # r3: 1 day, due 3 Oct → on time
    ("r3", B, "surat_usaha", "online", "2026-10-01 08:00", "2026-10-02 08:00", "selesai", 4),
    # r4: 4 days, due 22 Oct → late
    ("r4", B, "surat_usaha", "online", "2026-10-20 08:00", "2026-10-24 08:00", "selesai", None),
    # r5: 1.5 days, due 27 Oct → on time
    ("r5", B, "surat_usaha", "loket", "2026-10-25 08:00", "2026-10-26 20:00", "selesai", 4),
    # r6: rejected → neither in the service level nor in the processing days
    ("r6", B, "surat_usaha", "online", "2026-10-28 08:00", "2026-10-28 09:00", "ditolak", None),
    # r7: due 30 Sept (September's service level), completed in October after 2 days
    ("r7", A, "surat_domisili", "online", "2026-09-29 08:00", "2026-10-01 08:00", "selesai", 3),
    # r8: still open, due 1 Nov 12:00
    ("r8", A, "surat_domisili", "loket", "2026-10-31 12:00", None, "diajukan", None),
    # r9: due 7 Oct, completed only on 3 Nov → late in October, open at the end of October
    ("r9", B, "surat_pindah", "loket", "2026-10-02 08:00", "2026-11-03 08:00", "selesai", None),
])


@pytest.fixture(scope="module")
def kerangka():
    return muat_kerangka()


def _rows(data, ind, s=None):
    return layanan.baris(data, ind, KAB, s or layanan.Saringan(P))


def test_tepat_waktu_dan_persentil_lama_proses_per_jenis(kerangka):
    data = {"layanan_permohonan": MOHON}
    w = layanan_netizen.waktu_proses(_rows(data, "gov_hari_proses"), _rows(data, "gov_sla_layanan"),
                                     kerangka.pengaturan["target_layanan_hari"]).set_index("jenis_layanan")
    # due in October (rejected excluded): r1 on time, r2 late, r3 on time, r4 late, r5 on time, r9 late → 3 of 6
    assert w.loc["semua", ["jatuh_tempo", "tepat_waktu", "persen_tepat"]].tolist() == [6, 3, 50.0]
    assert w.loc["surat_domisili", "persen_tepat"] == 50.0                  # r1 of r1, r2
    assert w.loc["surat_usaha", "persen_tepat"] == pytest.approx(200 / 3)   # r3, r5 of r3, r4, r5
    assert w.loc["surat_pindah", "persen_tepat"] == 0.0                     # r9 late
    # completed in October with status selesai: r1 0.5, r2 2, r3 1, r4 4, r5 1.5, r7 2 days (r9 in November)
    # sorted 0.5 1 1.5 2 2 4 → median (1.5 + 2)/2 = 1.75; p90 at position 0.9·5 = 4.5 → 2 + 0.5·(4 − 2) = 3
    assert w.loc["semua", ["selesai", "median_hari", "p90_hari"]].tolist() == [6, 1.75, pytest.approx(3.0)]
    # surat_usaha 1, 1.5, 4 → median 1.5; p90 at 0.9·2 = 1.8 → 1.5 + 0.8·(4 − 1.5) = 3.5
    assert w.loc["surat_usaha", ["median_hari", "p90_hari"]].tolist() == [1.5, pytest.approx(3.5)]
    assert w.loc["surat_usaha", "target_hari"] == 2.0
    # the row of all types is the scoring core's indicator value, not a second computation
    kab = hitung_nilai(data, kerangka, KAB, "kabupaten", P).loc[KAB]
    assert w.loc["semua", "persen_tepat"] == kab["gov_sla_layanan"]
    assert w.loc["semua", "median_hari"] == kab["gov_hari_proses"]


def test_jenis_layanan_terpilih_menghitung_ulang_indikator(kerangka):
    data = {"layanan_permohonan": MOHON}
    s = layanan.Saringan(P, jenis=("surat_usaha",))
    x = layanan.nilai(data, KAB, "desa", s)
    # B's surat_usaha due in October: r3, r4, r5 → 2 of 3 on time; entered in October: r3, r4, r5, r6 → 3 online of 4
    assert x.loc[B, "gov_sla_layanan"] == pytest.approx(200 / 3)
    assert x.loc[B, "gov_layanan_online"] == 75.0
    assert np.isnan(x.loc[A, "gov_sla_layanan"])           # A has no surat_usaha: missing, not 0


def test_antrean_menurut_umur_dan_tenggat():
    m = layanan.turunan({"layanan_permohonan": MOHON}, "layanan_permohonan", KAB, P)
    a = layanan_netizen.antrean(m, AKHIR, [1, 3, 7, 14, 30]).set_index("umur")
    # open at 1 Nov 00:00: r8 (0.5 day old, due 1 Nov 12:00: not yet late) and r9 (done only on 3 Nov:
    # 29.7 days old, due 7 Oct: late) → buckets "< 1 day" and "14–30 days"
    assert a["terbuka"].tolist() == [1, 0, 0, 0, 1, 0]
    assert a["lewat_tenggat"].tolist() == [0, 0, 0, 0, 1, 0]
    assert a["batas_atas"].iloc[-1] != a["batas_atas"].iloc[-1]   # the last bucket has no upper bound
    assert layanan_netizen.terbuka_per_desa(m, AKHIR).to_dict() == {A: 1, B: 1}


def test_daring_per_bulan_dan_penilaian(kerangka):
    data = {"layanan_permohonan": MOHON}
    rows = _rows(data, "gov_layanan_online", layanan.Saringan(P, 2))
    d = layanan_netizen.daring_per_bulan(rows).set_index("periode")
    # September: r7 online of 1 → 100 %; October: r1, r3, r4, r6 online of 8 entered → 50 %
    assert d["persen_daring"].to_dict() == {"2026-09": 100.0, "2026-10": 50.0}
    for bulan in ("2026-09", "2026-10"):   # each month's point is the indicator of that month
        inti = hitung_nilai(data, kerangka, KAB, "kabupaten", bulan).loc[KAB, "gov_layanan_online"]
        assert d.loc[bulan, "persen_daring"] == inti
    nilai = layanan_netizen.penilaian(_rows(data, "gov_hari_proses")).set_index(["jenis_layanan", "rating"])["jumlah"]
    # rated among those completed in October: r1 5, r2 2, r7 3 (domisili); r3 4, r5 4 (usaha); r4 unrated
    assert nilai.to_dict() == {("surat_domisili", 2): 1, ("surat_domisili", 3): 1, ("surat_domisili", 5): 1,
                               ("surat_usaha", 4): 2}


def test_operator_belum_input():
    b = layanan_netizen.belum_input(MOHON, KAB, [P]).set_index("kode_wilayah")
    # A and B entered requests in October; every other village of the district did not, C never
    assert A not in b.index and B not in b.index
    assert len(b) == 311 - 2 and b.loc[C, "keadaan"] == "belum_pernah"
    # in November, A's last entry was October: late, not never
    b = layanan_netizen.belum_input(MOHON, KAB, ["2026-11"]).set_index("kode_wilayah")
    assert b.loc[A, ["bulan_terakhir", "keadaan"]].tolist() == ["2026-10", "terlambat"]


def test_per_wilayah_per_1000_penduduk(kerangka):
    data = {"layanan_permohonan": MOHON}
    s = layanan.Saringan(P)
    nilai_desa = layanan.nilai(data, KAB, "desa", s)
    pend = pd.Series({A: 2000.0, B: 4000.0})
    m = layanan.turunan(data, "layanan_permohonan", KAB, P)
    t = layanan_netizen.per_wilayah(nilai_desa, _rows(data, "gov_layanan_online"), _rows(data, "gov_hari_proses"),
                                    layanan_netizen.terbuka_per_desa(m, AKHIR), pend, "desa", KAB, 1)
    t = t.set_index("kode_wilayah")
    # A entered r1, r2, r8 in October: 3 per 2,000 people → 1.5 per 1,000; B r3, r4, r5, r6, r9: 5 per 4,000 → 1.25
    assert t.loc[A, "per_1000_bulan"] == 1.5 and t.loc[B, "per_1000_bulan"] == 1.25
    assert t.loc[A, "persen_daring"] == nilai_desa.loc[A, "gov_layanan_online"]
    # ratings of A's requests completed in October: 5, 2, 3 → 3.33
    assert t.loc[A, "rating_rata"] == pytest.approx(10 / 3)
    assert np.isnan(t.loc[C, "per_1000_bulan"]) and t.loc[C, "permohonan"] == 0   # no population: no rate


def situs(rows):
    kol = ["kode_wilayah", "periode", "url", "aktif", "tanggal_update_terakhir", "posting_90_hari", "ada_alamat",
           "ada_email", "ada_telepon", "jumlah_layanan"]
    df = pd.DataFrame(rows, columns=kol)
    df["tanggal_update_terakhir"] = pd.to_datetime(df["tanggal_update_terakhir"])
    return df


WEB = situs([
    # The October snapshot is measured to its month's end (1 Nov); active = updated within 30 days.
    (A, "2026-10", "https://a.desa.id", True, "2026-10-20", 5, True, False, True, 4),   # 12 days: active; no email
    (B, "2026-10", "https://b.desa.id", True, "2026-09-15", 1, True, True, True, 2),    # 47 days: not updated
    (C, "2026-08", "https://c.desa.id", False, "2026-06-01", 0, True, True, True, 5),   # August, unreachable
    (E, "2026-10", "https://e.desa.id", True, "2026-10-02", 3, True, True, True, 3),    # exactly 30 days: active
    (E, "2026-09", "https://e.desa.id", False, "2026-08-01", 3, True, True, True, 3),   # older: not used
])


def test_kesegaran_situs_status_dan_kekurangan(kerangka):
    s = layanan_situs.status_situs({"desa_website": WEB}, KAB, P).set_index("kode_wilayah")
    assert s.loc[[A, B, C, D, E], "status"].tolist() == ["aktif", "usang", "tidak_aktif", "tanpa_data", "aktif"]
    assert s.loc[A, "hari_sejak_update"] == 12 and s.loc[B, "hari_sejak_update"] == 47
    assert s.loc[A, "kekurangan"] == ("tanpa_email",)
    assert s.loc[B, "kekurangan"] == ("tidak_diperbarui", "posting_kurang", "layanan_kurang")
    assert s.loc[C, "kekurangan"] == ("potret_lama", "tidak_dapat_diakses", "posting_kurang")
    assert s.loc[D, "kekurangan"] == ("tanpa_potret",) and s.loc[E, "kekurangan"] == ()
    assert layanan_situs.uraian_kekurangan(s.loc[[C]], "id").iloc[0] == \
        "potret terakhir Agustus 2026; situs tidak dapat diakses; posting 90 hari kurang"
    kec = s[s["kode_induk"] == KEC]
    r = layanan_situs.ringkasan_situs(kec)
    # Kalirejo has 17 villages: 4 with a snapshot (A, B, C, E), 13 without
    assert (r["desa"], r["aktif"], r["usang"], r["tidak_aktif"], r["tanpa_data"]) == (17, 2, 1, 1, 13)
    assert r["persen_kontak"]["ada_email"] == 75.0          # 3 of the 4 snapshots list an email
    # the core's brand_web_aktif counts villages with a snapshot: A and E of A, B, C, E = 50 %
    assert hitung_nilai({"desa_website": WEB}, kerangka, KAB, "kecamatan", P).loc[KEC, "brand_web_aktif"] == 50.0


def ronda(rows):
    df = pd.DataFrame(rows, columns=["id_laporan", "kode_wilayah", "waktu", "jenis", "kategori",
                                     "waktu_respon_menit", "jumlah_peserta"])
    df["waktu"] = pd.to_datetime(df["waktu"])
    return df


RONDA = ronda([
    ("a1", A, "2026-10-01 22:00", "patroli", "patroli_rutin", None, 4),   # night of 1 Oct
    ("a2", A, "2026-10-02 01:00", "patroli", "patroli_rutin", None, 6),   # 01:00 → still the night of 1 Oct
    ("a3", A, "2026-10-05 23:00", "patroli", "patroli_rutin", None, 5),   # night of 5 Oct
    ("a4", A, "2026-11-01 03:00", "patroli", "patroli_rutin", None, 5),   # night of 31 Oct
    ("a5", A, "2026-09-15 22:00", "patroli", "patroli_rutin", None, 4),   # September
    ("b1", B, "2026-10-10 20:00", "kejadian", "pencurian", 12.0, 3),      # B uses Ronda: no patrol at all
    ("b2", B, "2026-10-11 02:00", "kejadian", "pencurian", 30.0, 2),
    ("b3", B, "2026-10-20 09:00", "kejadian", "kebakaran", None, 2),
])


def test_keteraturan_ronda_malam_dengan_patroli(kerangka):
    s = layanan.Saringan(P)
    desa = layanan.nilai({"ronda_laporan": RONDA}, KAB, "desa", s)
    kec = layanan.nilai({"ronda_laporan": RONDA}, KAB, "kecamatan", s)
    # A: nights of 1, 5 and 31 October = 3 of 31; B used Ronda (incidents) with no patrol: 0 of 31
    assert desa.loc[A, "soc_ronda_rutin"] == pytest.approx(3 / 31 * 100)
    assert desa.loc[B, "soc_ronda_rutin"] == 0.0
    assert np.isnan(desa.loc[C, "soc_ronda_rutin"])          # not using Ronda Online: missing, not 0
    # pooled over the villages using it: 3 patrol nights of 2 × 31 village-nights
    assert kec.loc[KEC, "soc_ronda_rutin"] == pytest.approx(3 / 62 * 100)
    # two months (Sept + Oct = 61 nights): A has 4 nights → 4 of 2 × 61
    kec2 = layanan.nilai({"ronda_laporan": RONDA}, KAB, "kecamatan", layanan.Saringan(P, 2))
    assert kec2.loc[KEC, "soc_ronda_rutin"] == pytest.approx(4 / 122 * 100)
    # the month-by-month trend is the same computation, one month at a time
    tren = layanan_ronda.keteraturan_bulanan({"ronda_laporan": RONDA}, KAB, "kecamatan", ["2026-09", P])
    assert tren.loc[KEC, P] == kec.loc[KEC, "soc_ronda_rutin"]
    assert tren.loc[KEC, "2026-09"] == pytest.approx(1 / 30 * 100)    # only A used Ronda in September


def test_kejadian_respons_dan_partisipasi():
    r = layanan.turunan({"ronda_laporan": RONDA}, "ronda_laporan", KAB, P)
    k = layanan_ronda.kejadian_per_kategori(r, [P]).set_index(["kategori", "waktu_hari"])["jumlah"]
    # 20:00 evening, 02:00 small hours (theft); 09:00 morning (fire)
    assert k.to_dict() == {("kebakaran", "pagi"): 1, ("pencurian", "dini_hari"): 1, ("pencurian", "malam"): 1}
    rows = layanan.baris({"ronda_laporan": RONDA}, "soc_respon_kejadian", KAB, layanan.Saringan(P))
    resp = layanan_ronda.respon_per_kategori(rows).set_index("kategori")
    # incidents with a response time in Aug–Oct: 12 and 30 minutes → median 21; p90 12 + 0.9·18 = 28.2
    assert resp.loc["semua", ["kejadian", "median_menit"]].tolist() == [2, 21.0]
    assert resp.loc["semua", "p90_menit"] == pytest.approx(28.2)
    p = layanan_ronda.partisipasi(r, ["2026-09", P]).set_index("periode")
    # October patrol reports a1–a4 (a4 belongs to the night of 31 Oct): 20 participants over 4 reports,
    # on 3 village-nights
    assert p.loc[P, ["laporan_patroli", "malam_patroli", "peserta", "peserta_rata"]].tolist() == [4, 3, 20, 5.0]
    per_desa = layanan_ronda.kejadian_per_desa(r, [P]).set_index("kode_wilayah")
    assert per_desa.loc[B].tolist() == [3, "pencurian"] and layanan_ronda.pengguna(r, [P]) == {A, B}


def test_sinyal_dan_adopsi_daring():
    data = {"layanan_permohonan": MOHON}
    rows = _rows(data, "gov_layanan_online")
    sinyal = pd.Series({A: "2g", B: "4g"})
    t = layanan_sinyal.daring_per_sinyal(rows, sinyal).set_index("sinyal")
    # entered in October: A r1 (online), r2, r8 → 1 of 3; B r3, r4, r6 online of r3, r4, r5, r6, r9 → 3 of 5
    assert t.loc["4g", "persen_daring"] == 60.0 and t.loc["2g", "persen_daring"] == pytest.approx(100 / 3)
    dk = layanan_sinyal.selisih_dalam_kecamatan(rows, sinyal)
    assert dk["kecamatan"] == 1 and dk["selisih_rata"] == pytest.approx(60 - 100 / 3)
    adopsi = layanan_sinyal.adopsi_desa(layanan.nilai(data, KAB, "desa", layanan.Saringan(P)), rows, sinyal, [A, B, C])
    assert adopsi["daring_rendah"].tolist() == [True, False, False]   # below 50 %: A only; C has no requests


def test_jendela_satu_bulan_adalah_indikator_persis_seperti_dinilai(kerangka):
    k1 = layanan.kerangka_layanan(1)
    for i in k1.indikator:
        assert i == kerangka.indikator_id(i.id)                      # untouched
    k3 = layanan.kerangka_layanan(3)
    assert k3.indikator_id("soc_respon_kejadian").hitung["waktu"]["jendela"] == 3   # own window kept
    assert k3.indikator_id("gov_sla_layanan").hitung["waktu"] == {"mode": "bulan", "kolom": "tenggat", "jendela": 3}
    assert "waktu" not in k3.indikator_id("brand_web_aktif").hitung   # a snapshot is not a window
    with pytest.raises(ValueError, match="tidak berada di kecamatan"):
        layanan.Saringan(P, kecamatan=KEC, desa=LAIN)


@pytest.mark.parametrize(("tingkat", "periode"), [("kabupaten", "2026-10"), ("kecamatan", "2026-06"),
                                                  ("desa", "2025-12")])
def test_nilai_halaman_sama_dengan_nilai_inti_skor_pada_demo(kerangka, tingkat, periode):
    from tests.bantu import demo

    data = demo()
    semua = hitung_nilai(data, kerangka, KAB, tingkat, periode)
    halaman = layanan.nilai({n: data[n] for n in layanan.DATASET}, KAB, tingkat, layanan.Saringan(periode))
    assert_frame_equal(halaman, semua[halaman.columns], check_exact=True)
    # the breakdowns' totals too: one computation, exactly
    s = layanan.Saringan(periode)
    w = layanan_netizen.waktu_proses(layanan.baris(data, "gov_hari_proses", KAB, s),
                                     layanan.baris(data, "gov_sla_layanan", KAB, s), {}).set_index("jenis_layanan")
    kab = hitung_nilai(data, kerangka, KAB, "kabupaten", periode).loc[KAB]
    assert w.loc["semua", "persen_tepat"] == kab["gov_sla_layanan"]
    assert w.loc["semua", "median_hari"] == kab["gov_hari_proses"]
    online = layanan.baris(data, "gov_layanan_online", KAB, s)
    assert layanan_netizen.rasio_per(online.assign(k=1), "k")["persen"].iloc[0] == kab["gov_layanan_online"]
    masuk = online.loc[online["_kode"].str.len() == 13, "_kode"].nunique()
    assert masuk / 311 * 100 == pytest.approx(kab["gov_desa_lapor"], abs=0, rel=1e-15)
