"""Masterplan progress core (indicators/progres/): S-curves, status at the lateness boundaries,
summaries and bad input, against values worked out by hand; and the demo programmes (issue 8 item 4)."""
import math

import numpy as np
import pandas as pd
import pytest

from indicators.data.demo import buat_demo
from indicators.progres.kurva import kurva_rata, kurva_s, progres_bulanan
from indicators.progres.masukan import KOLOM_PROGRES, saring_program
from indicators.progres.status import jadwal, program_terlambat, ringkasan_per, status_program
from indicators.progres.tabel import nama_status, susun_tabel, tabel_status
from tests.bantu import demo


def _program(**ubah) -> pd.DataFrame:
    """Three programmes: A (Rp 3 bn, 2026), B (Rp 1 bn, 2026), C (Rp 2 bn, starts 2027)."""
    p = pd.DataFrame({"id_program": ["A", "B", "C"], "nama": ["Program A", "Program B", "Program C"],
                      "pilar": ["governance", "living", "living"], "opd": ["Diskominfo", "Dinas PUPR", "Dinas PUPR"],
                      "jenis": ["menengah", "quick_win", "panjang"], "dimensi": [None, None, "impact"],
                      "tahun_mulai": [2026, 2026, 2027], "tahun_selesai": [2026, 2026, 2029],
                      "anggaran": [3e9, 1e9, 2e9]})
    return p.assign(**ubah)


def _laporan(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(KOLOM_PROGRES))


LAPORAN_ABC = _laporan([
    ("A", "2026-01", 10.0, 10.0, 0.30e9),
    ("A", "2026-02", 30.0, 15.0, 0.45e9),
    ("B", "2026-02", 50.0, 48.0, 0.40e9),
])


# --- S-curve ------------------------------------------------------------------------------------

def test_kurva_s_dihitung_tangan():
    k = kurva_s(LAPORAN_ABC, _program(), sampai="2026-03").set_index("periode")
    # January: A reported (10, 10); B started in 2026 but has no report yet -> unknown, left out;
    # C starts in 2027 -> 0. Budget weights A 3, C 2:
    #   target = (3*10 + 2*0) / (3 + 2) = 6.0; realisation = (3*10 + 2*0) / 5 = 6.0
    #   planned budget = 3e9*10 % = 0.3e9; spent 0.3e9; budget of the known programmes 5e9
    assert k.loc["2026-01", "target_fisik"] == pytest.approx(6.0)
    assert k.loc["2026-01", "realisasi_fisik"] == pytest.approx(6.0)
    assert k.loc["2026-01", "rencana_anggaran"] == pytest.approx(0.3e9)
    assert k.loc["2026-01", "pagu"] == pytest.approx(5e9)
    assert (k.loc["2026-01", "n_program"], k.loc["2026-01", "n_lapor"]) == (2, 1)
    # February: A (30, 15), B (50, 48), C 0; weights 3, 1, 2 (sum 6):
    #   target = (90 + 50 + 0) / 6 = 23.333...; realisation = (45 + 48 + 0) / 6 = 15.5
    #   planned = 0.9e9 + 0.5e9 = 1.4e9; spent = 0.45e9 + 0.40e9 = 0.85e9
    assert k.loc["2026-02", "target_fisik"] == pytest.approx(140 / 6)
    assert k.loc["2026-02", "realisasi_fisik"] == pytest.approx(15.5)
    assert k.loc["2026-02", "rencana_anggaran"] == pytest.approx(1.4e9)
    assert k.loc["2026-02", "realisasi_anggaran"] == pytest.approx(0.85e9)
    # March: nobody reports; cumulative values carry forward, so the curve stays where it was
    assert k.loc["2026-03", "target_fisik"] == pytest.approx(140 / 6)
    assert k.loc["2026-03", "realisasi_fisik"] == pytest.approx(15.5)
    assert k.loc["2026-03", "n_lapor"] == 0


def test_kurva_s_tanpa_anggaran_bobot_sama():
    # every budget 0: equal weights. February: (30 + 50 + 0) / 3 = 26.666...
    k = kurva_s(LAPORAN_ABC, _program(anggaran=[0.0, 0.0, 0.0])).set_index("periode")
    assert k.loc["2026-02", "target_fisik"] == pytest.approx(80 / 3)


def test_progres_bulanan_menyebut_asal_setiap_nilai():
    g = progres_bulanan(LAPORAN_ABC, _program(), sampai="2026-03").set_index(["id_program", "periode"])
    assert g.loc[("A", "2026-01"), "sumber"] == "laporan"
    assert g.loc[("A", "2026-03"), "sumber"] == "terbawa" and g.loc[("A", "2026-03"), "realisasi_persen"] == 15.0
    assert g.loc[("B", "2026-01"), "sumber"] == "tidak_diketahui"
    assert math.isnan(g.loc[("B", "2026-01"), "target_persen"])
    assert g.loc[("C", "2026-02"), "sumber"] == "belum_mulai" and g.loc[("C", "2026-02"), "target_persen"] == 0.0


def test_laporan_sebelum_jendela_tetap_terbawa():
    # a report of December 2025 is the cumulative position at January 2026 when the window starts there
    pp = _laporan([("A", "2025-12", 5.0, 4.0, 1e8)])
    g = progres_bulanan(pp, _program(tahun_mulai=[2025, 2026, 2027]), dari="2026-01", sampai="2026-01")
    assert g.set_index("id_program").loc["A", ["realisasi_persen", "sumber"]].tolist() == [4.0, "terbawa"]


def test_kurva_rata_lama_tetap_ada():
    k = kurva_rata(LAPORAN_ABC)
    # February: mean target (30 + 50) / 2 = 40
    assert k[(k.periode == "2026-02") & (k.seri == "target_persen")]["persen"].item() == 40.0


# --- status and lateness ------------------------------------------------------------------------

@pytest.mark.parametrize("target, realisasi, status", [
    (40.0, 30.0, "sesuai"),        # 10 points behind: not *more than* the 10-point threshold
    (40.0, 29.9, "terlambat"),     # 10.1 points behind
    (40.0, 50.0, "sesuai"),        # 10 points ahead: not more than 10
    (40.0, 50.1, "lebih_cepat"),   # 10.1 points ahead
    (40.0, 100.0, "selesai"),      # done, whatever the target
    (0.0, 0.0, "sesuai"),          # nothing due yet, nothing done
])
def test_status_di_batas_ambang(target, realisasi, status):
    pp = _laporan([("A", "2026-06", target, realisasi, 0.0)])
    s = status_program(pp, _program(), "2026-06", ambang=10, ambang_cepat=10)
    assert s.set_index("id_program").loc["A", "status"] == status


def test_status_lewat_jadwal_terlambat_walau_selisih_kecil():
    # A's schedule ends December 2026; in January 2027 it is at 95 % of a 100 % target: only 5 points
    # behind, but past its end date unfinished -> late (and says why)
    pp = _laporan([("A", "2027-01", 100.0, 95.0, 0.0)])
    s = status_program(pp, _program(), "2027-01", ambang=10).set_index("id_program")
    assert s.loc["A", "status"] == "terlambat" and bool(s.loc["A", "lewat_jadwal"])
    assert s.loc["A", "selisih"] == pytest.approx(-5.0)


def test_status_tanpa_laporan_dan_belum_mulai():
    s = status_program(LAPORAN_ABC.iloc[:1], _program(), "2026-01").set_index("id_program")
    assert s.loc["B", "status"] == "tanpa_laporan"     # started January 2026, no report
    assert s.loc["C", "status"] == "belum_mulai"       # starts 2027
    assert math.isnan(s.loc["C", "capaian"])


def test_capaian_dan_serapan_dihitung_tangan():
    s = status_program(LAPORAN_ABC, _program(), "2026-02").set_index("id_program")
    # A: 15 of 30 -> 50 %; B: 48 of 50 -> 96 %; budget absorbed A 0.45e9 / 3e9 = 15 %
    assert s.loc["A", "capaian"] == pytest.approx(50.0)
    assert s.loc["B", "capaian"] == pytest.approx(96.0)
    assert s.loc["A", "serapan_anggaran"] == pytest.approx(15.0)
    # ahead of target counts as 100 (capped)
    s = status_program(_laporan([("A", "2026-02", 30.0, 45.0, 0.0)]), _program(), "2026-02")
    assert s.set_index("id_program").loc["A", "capaian"] == 100.0


@pytest.mark.parametrize("periode, usang", [("2026-04", False), ("2026-05", True)])
def test_laporan_usang_di_batas(periode, usang):
    # the last report is February 2026; April is 2 months later (not stale at 2), May 3 (stale)
    s = status_program(LAPORAN_ABC, _program(), periode, usang=2).set_index("id_program")
    assert bool(s.loc["A", "laporan_usang"]) is usang
    assert s.loc["A", "umur_laporan_bulan"] == (2 if not usang else 3)


def test_status_memakai_laporan_terakhir_sebelum_periode():
    s = status_program(LAPORAN_ABC, _program(), "2026-01").set_index("id_program")
    assert s.loc["A", ["periode_laporan", "realisasi_persen"]].tolist() == ["2026-01", 10.0]


def test_program_terlambat_daftar_dengan_opd():
    pp = _laporan([("A", "2026-06", 60.0, 20.0, 0.0), ("B", "2026-06", 60.0, 55.0, 0.0)])
    t = program_terlambat(pp, _program(), ambang=10, periode="2026-06")
    assert t[["id_program", "opd", "selisih"]].to_numpy().tolist() == [["A", "Diskominfo", -40.0]]


def test_ringkasan_per_pilar_dihitung_tangan():
    pp = _laporan([("A", "2026-06", 60.0, 20.0, 1e9), ("B", "2026-06", 60.0, 60.0, 0.5e9)])
    s = status_program(pp, _program(), "2026-06", ambang=10)
    r = ringkasan_per(s, "pilar").set_index("pilar")
    # living: B (capaian 100) and C (not started, no capaian) -> mean 100; budget 1e9 + 2e9, spent 0.5e9
    assert r.loc["living", ["program", "terlambat", "capaian"]].tolist() == [2, 0, 100.0]
    assert r.loc["living", "serapan_anggaran"] == pytest.approx(0.5e9 / 3e9 * 100)
    # governance: A late, capaian 20/60 = 33.3 %
    assert r.loc["governance", "terlambat"] == 1
    assert r.loc["governance", "capaian"] == pytest.approx(100 / 3)
    assert r.index[0] == "governance"  # the pillar with late programmes first


def test_saring_program_dan_jadwal():
    p = saring_program(_program(), pilar=["living"], jenis=["panjang"])
    assert p["id_program"].tolist() == ["C"]
    assert saring_program(_program(), opd=[])["id_program"].tolist() == ["A", "B", "C"]
    j = jadwal(status_program(LAPORAN_ABC, _program(), "2026-02"))
    c = j.set_index("id_program").loc["C"]
    assert (str(c["mulai"].date()), str(c["selesai"].date())) == ("2027-01-01", "2029-12-31")


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("ubah, pesan", [
    (lambda d: d.drop(columns=["target_persen"]), "kolom wajib"),
    (lambda d: d.assign(periode=["2026-1", "2026-02", "2026-02"]), "YYYY-MM"),
    (lambda d: d.assign(realisasi_persen=[10.0, 101.0, 48.0]), "antara 0 dan 100"),
    (lambda d: d.assign(target_persen=[10.0, np.nan, 50.0]), "antara 0 dan 100"),
    (lambda d: d.assign(realisasi_anggaran=[-1.0, 0.0, 0.0]), "realisasi_anggaran"),
    (lambda d: d.assign(periode=["2026-02", "2026-02", "2026-02"]), "laporan ganda"),
])
def test_progres_buruk_ditolak_dengan_jelas(ubah, pesan):
    with pytest.raises(ValueError, match=pesan):
        status_program(ubah(LAPORAN_ABC.copy()), _program(), "2026-02")


@pytest.mark.parametrize("program, pesan", [
    (_program(tahun_selesai=[2025, 2026, 2029]), "tahun_selesai"),
    (_program(anggaran=[-1.0, 0.0, 0.0]), "anggaran"),
    (_program(id_program=["A", "A", "C"]), "ganda"),
    (_program().drop(columns=["opd"]), "kolom wajib"),
])
def test_program_buruk_ditolak(program, pesan):
    with pytest.raises(ValueError, match=pesan):
        kurva_s(LAPORAN_ABC, program)


@pytest.mark.parametrize("kwargs, pesan", [
    ({"periode": "Juni 2026"}, "YYYY-MM"),
    ({"periode": "2026-06", "ambang": -1}, "ambang"),
    ({"periode": "2026-06", "ambang": float("nan")}, "ambang"),
])
def test_argumen_status_buruk(kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        status_program(LAPORAN_ABC, _program(), **kwargs)


def test_sampai_sebelum_dari():
    with pytest.raises(ValueError, match="sebelum"):
        progres_bulanan(LAPORAN_ABC, _program(), dari="2026-03", sampai="2026-01")


# --- tables for pages ---------------------------------------------------------------------------

def test_tabel_status_ekspor_angka_tampil_terformat():
    s = status_program(LAPORAN_ABC, _program(), "2026-02", ambang=10)
    ekspor, tampil = tabel_status(s, "id", {"governance": "Tata Kelola Cerdas", "living": "Kehidupan Cerdas"})
    a_e = ekspor.set_index("Kode").loc["A"]
    a_t = tampil.set_index("Kode").loc["A"]
    assert a_e["Selisih (poin)"] == -15.0 and a_t["Selisih (poin)"] == "-15,0"
    assert a_e["Status"] == "Terlambat" and a_e["Pilar"] == "Tata Kelola Cerdas"
    assert a_t["Pagu (Rp)"] == "3.000.000.000"
    en, _ = tabel_status(s, "en", hanya_terlambat=True)
    assert en["Code"].tolist() == ["A"] and "Past end date" in en.columns and "Status" not in en.columns


# --- demo programmes (issue 8 item 4) -----------------------------------------------------------

def test_demo_program_sesuai_struktur_masterplan():
    d = demo()
    p, pp = d["program"], d["program_progres"]
    assert set(p["jenis"]) == {"quick_win", "menengah", "panjang"}
    lama = (p["tahun_selesai"] - p["tahun_mulai"] + 1).groupby(p["jenis"]).unique()
    assert lama.to_dict() == {"menengah": [3], "panjang": [5], "quick_win": [1]}
    assert set(p["dimensi"]) == set(progres_dimensi := ("baseline", "output", "outcome", "impact", "quick_win"))
    assert len(progres_dimensi) == 5 and set(p["pilar"]) == {"governance", "branding", "economy", "living",
                                                             "society", "environment"}
    # cumulative progress never decreases, and stays within [0, 100]
    for _, g in pp.sort_values("periode").groupby("id_program"):
        assert (g["realisasi_persen"].diff().dropna() >= 0).all()
        assert (g["realisasi_anggaran"].diff().dropna() >= 0).all()
    assert pp["target_persen"].between(0, 100).all() and pp["realisasi_persen"].between(0, 100).all()


def test_demo_ada_yang_terlambat_dan_lebih_cepat():
    d = demo()
    s = status_program(d["program_progres"], d["program"])
    n = s["status"].value_counts()
    assert n.get("terlambat", 0) >= 3 and n.get("lebih_cepat", 0) >= 2 and n.get("selesai", 0) >= 3
    # quick wins and long programmes both among the late ones (not one kind of programme only)
    assert s.loc[s["status"] == "terlambat", "jenis"].nunique() >= 2


def test_demo_program_deterministik_dan_tidak_bergantung_dataset_lain():
    a = buat_demo("18.02", dataset=["program", "program_progres"])
    b = demo()
    pd.testing.assert_frame_equal(a["program"], b["program"])
    pd.testing.assert_frame_equal(a["program_progres"], b["program_progres"])


def test_sel_kosong_tampil_kosong_bukan_none():
    e, t = susun_tabel(pd.DataFrame({"status": ["selesai", None], "opd": [None, "Bappeda"]}),
                               {"status": "prg_kol_status", "opd": "prg_kol_opd"}, "id", None,
                               {"status": nama_status("id")})
    assert t.to_numpy().tolist() == [["Selesai", ""], ["", "Bappeda"]]
    assert e["Status"].isna().tolist() == [False, True]   # the export keeps a missing value missing


def test_posisi_sebelum_laporan_pertama_kosong_bukan_galat():
    # A's first report is 2026-01: up to 2025-07 nothing was reported (the page's single-programme curve
    # at an earlier position); an explicit range the wrong way round is still refused above
    g = progres_bulanan(LAPORAN_ABC, _program(), sampai="2025-07")
    assert g.empty and {"dilaporkan", "sumber"} <= set(g.columns)
