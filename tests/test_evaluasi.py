"""Kominfo evaluation core (indicators/evaluasi/): the achievement index with given weights worked out
by hand, cell scores from evidence, evidence tagging coverage of every pillar × dimension, settings
validation, freshness, and the U4SSC crosswalk."""
import copy
import math

import numpy as np
import pandas as pd
import pytest
import yaml

from indicators.dasar.pengaturan import AKAR
from indicators.evaluasi.bukti import dimensi_program, indikator_tanpa_dimensi, matriks_bukti, tabel_bukti
from indicators.evaluasi.indeks import indeks_capaian
from indicators.evaluasi.kesegaran import kesegaran_indikator, skor_indikator_kabupaten
from indicators.evaluasi.pengaturan import baca_pengaturan, muat_pengaturan, normalisasi_bobot
from indicators.evaluasi.susun import evaluasi
from indicators.evaluasi.u4ssc import crosswalk_u4ssc
from indicators.progres.status import status_program
from indicators.skor.kerangka import DIMENSI, PILAR, muat_kerangka
from tests.bantu import demo

W = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}


def _matriks(sel: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Cells {pillar: {dimension: score}}; missing cells have no score."""
    return pd.DataFrame([{"pilar": p, "dimensi": d, "skor": sel.get(p, {}).get(d, np.nan)}
                         for p in sel for d in DIMENSI])


@pytest.fixture(scope="module")
def hasil_demo():
    return evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")


# --- achievement index, by hand -----------------------------------------------------------------

def test_indeks_satu_pilar_lengkap():
    h = indeks_capaian(_matriks({"living": dict(zip(DIMENSI, [50, 60, 70, 80, 90], strict=True))}), W)
    # 0.1*50 + 0.2*60 + 0.3*70 + 0.3*80 + 0.1*90 = 5 + 12 + 21 + 24 + 9 = 71
    assert h.indeks == pytest.approx(71.0)
    assert h.bobot_tercakup == pytest.approx(1.0)
    assert h.dimensi.set_index("dimensi")["kontribusi"].tolist() == pytest.approx([5, 12, 21, 24, 9])


def test_indeks_tanpa_quick_win_dibobot_ulang():
    sel = {"living": {"baseline": 50, "output": 60, "outcome": 70, "impact": 80}}
    h = indeks_capaian(_matriks(sel), W)
    # quick win has no evidence: (5 + 12 + 21 + 24) / 0.9 = 62 / 0.9 = 68.888...
    assert h.indeks == pytest.approx(62 / 0.9)
    assert h.bobot_tercakup == pytest.approx(0.9)


def test_indeks_dua_pilar_dan_pilar_tanpa_cukup_bukti():
    sel = {"living": dict(zip(DIMENSI, [50, 60, 70, 80, 90], strict=True)), "economy": {"output": 40}}
    h = indeks_capaian(_matriks(sel), W)
    # output = (60 + 40) / 2 = 50; the others only from living:
    # 0.1*50 + 0.2*50 + 0.3*70 + 0.3*80 + 0.1*90 = 5 + 10 + 21 + 24 + 9 = 69
    assert h.indeks == pytest.approx(69.0)
    p = h.pilar.set_index("pilar")
    assert p.loc["living", "indeks"] == pytest.approx(71.0)
    # economy: only output (20 % of the weight) has evidence, below the 50 % threshold -> no index, not 0
    assert math.isnan(p.loc["economy", "indeks"]) and p.loc["economy", "bobot_tercakup"] == pytest.approx(0.2)


def test_bobot_pilar():
    sel = {"living": {"output": 60}, "economy": {"output": 40}}
    h = indeks_capaian(_matriks(sel), W, {"living": 3, "economy": 1}, ambang=0)
    # output = (3*60 + 1*40) / 4 = 55; the only evidenced dimension -> index 55
    assert h.dimensi.set_index("dimensi").loc["output", "skor"] == pytest.approx(55.0)
    assert h.indeks == pytest.approx(55.0)


@pytest.mark.parametrize("sel, ada", [
    ({"outcome": 70, "output": 60}, True),    # 30 % + 20 % = exactly the 50 % threshold: reported
    ({"outcome": 70, "baseline": 60}, False),  # 30 % + 10 % = 40 %: insufficient evidence
])
def test_ambang_bobot_berbukti(sel, ada):
    h = indeks_capaian(_matriks({"living": sel}), W, ambang=0.5)
    assert (not math.isnan(h.indeks)) is ada


def test_bobot_dalam_persen_atau_pecahan_sama():
    m = _matriks({"living": dict(zip(DIMENSI, [50, 60, 70, 80, 90], strict=True))})
    a = indeks_capaian(m, W).indeks
    b = indeks_capaian(m, {k: v / 100 for k, v in W.items()}).indeks
    assert a == pytest.approx(b)
    # all the weight on impact: the index is the impact score
    assert indeks_capaian(m, {**dict.fromkeys(DIMENSI, 0), "impact": 1}).indeks == pytest.approx(80.0)


@pytest.mark.parametrize("bobot, pesan", [
    ({**W, "lainnya": 5}, "tidak dikenal"),
    ({k: v for k, v in W.items() if k != "impact"}, "belum diisi"),
    ({**W, "output": -5}, ">= 0"),
    ({**W, "output": "20"}, ">= 0"),
    ({**W, "output": float("nan")}, ">= 0"),
    (dict.fromkeys(DIMENSI, 0), "lebih dari 0"),
])
def test_bobot_buruk_ditolak(bobot, pesan):
    with pytest.raises(ValueError, match=pesan):
        normalisasi_bobot(bobot)


# --- cell scores from evidence ------------------------------------------------------------------

def _bukti(rows):
    return pd.DataFrame(rows, columns=["pilar", "dimensi", "jenis_bukti", "id", "skor"])


BUKTI = _bukti([("governance", "output", "indikator", "a", 60.0), ("governance", "output", "indikator", "b", 80.0),
                ("governance", "output", "program", "P", 100.0), ("governance", "output", "program", "Q", 50.0),
                ("governance", "output", "program", "R", np.nan),  # no report yet: evidence without a score
                ("living", "impact", "program", "S", np.nan)])


def test_nilai_sel_dihitung_tangan():
    m = matriks_bukti(BUKTI).set_index(["pilar", "dimensi"])
    sel = m.loc[("governance", "output")]
    # indicators (60 + 80) / 2 = 70; programmes (100 + 50) / 2 = 75 (R unscored); 1:1 -> (70 + 75) / 2 = 72.5
    assert sel[["skor_indikator", "skor_program", "skor"]].tolist() == [70.0, 75.0, 72.5]
    assert sel[["n_indikator", "n_program", "n_berskor"]].tolist() == [2, 3, 4]
    assert sel["bukti"] == "a, b, P, Q, R"
    # indicator:programme = 3:1 -> (3*70 + 75) / 4 = 71.25
    atur = muat_pengaturan()
    atur31 = type(atur)(**{**atur.__dict__, "bobot_bukti": (("indikator", 3.0), ("program", 1.0))})
    m31 = matriks_bukti(BUKTI, atur31).set_index(["pilar", "dimensi"])
    assert m31.loc[("governance", "output"), "skor"] == 71.25


def test_setiap_sel_ada_dan_menyebut_buktinya_atau_tidak_ada_bukti():
    m = matriks_bukti(BUKTI)
    assert len(m) == len(PILAR) * len(DIMENSI) == 30
    assert not m.duplicated(["pilar", "dimensi"]).any()
    k = m.set_index(["pilar", "dimensi"])["keterangan"]
    assert k[("governance", "output")] == "ada_bukti"
    assert k[("living", "impact")] == "bukti_tanpa_nilai"
    assert (k.drop([("governance", "output"), ("living", "impact")]) == "tanpa_bukti").all()
    assert math.isnan(m.set_index(["pilar", "dimensi"]).loc[("economy", "baseline"), "skor"])


def test_cakupan_tag_bukti_kerangka_dan_demo(hasil_demo):
    """Every pillar × dimension cell says what evidences it, or says it has none; no item is lost."""
    k, b, m = muat_kerangka(), hasil_demo.bukti, hasil_demo.matriks
    assert sorted(zip(m["pilar"], m["dimensi"], strict=True)) == sorted((p, d) for p in PILAR for d in DIMENSI)
    for r in m.itertuples():
        item = b[(b["pilar"] == r.pilar) & (b["dimensi"] == r.dimensi)]
        assert r.bukti == ", ".join(item["id"]), (r.pilar, r.dimensi)
        assert (r.keterangan == "tanpa_bukti") is item.empty
    # every tagged indicator and every programme is evidence exactly once, in its own pillar and tag
    ind = b[b["jenis_bukti"] == "indikator"].set_index("id")
    tagged = {i.id: (i.pilar, i.dimensi) for i in k.indikator if i.dimensi}
    assert sorted(ind.index) == sorted(tagged)
    assert all(tuple(ind.loc[i, ["pilar", "dimensi"]]) == v for i, v in tagged.items())
    prog = demo()["program"]
    bp = b[b["jenis_bukti"] == "program"].set_index("id")
    assert sorted(bp.index) == sorted(prog["id_program"])
    assert (bp.loc[prog["id_program"], "dimensi"].to_numpy() == prog["dimensi"].to_numpy()).all()
    assert hasil_demo.tanpa_dimensi == tuple(i.id for i in k.indikator if not i.dimensi)


def test_indikator_tanpa_tag_disebut():
    raw = yaml.safe_load((AKAR / "data" / "kerangka.yaml").read_text(encoding="utf-8"))
    raw["pillars"][0]["elements"][0]["indicators"][0].pop("dimensi", None)
    from indicators.skor.kerangka import baca_kerangka
    k = baca_kerangka(raw)
    pertama = raw["pillars"][0]["elements"][0]["indicators"][0]["id"]
    assert indikator_tanpa_dimensi(k) == [pertama]
    assert pertama not in set(tabel_bukti(k, None)["id"])


def test_dimensi_program_bawaan_dan_tag_salah():
    p = pd.DataFrame({"jenis": ["quick_win", "menengah", "panjang", "panjang"],
                      "dimensi": [None, "", np.nan, "impact"]})
    assert dimensi_program(p).tolist() == ["quick_win", "output", "outcome", "impact"]
    with pytest.raises(ValueError, match="dimensi tidak dikenal"):
        dimensi_program(p.assign(dimensi=["dampak", None, None, None]))
    with pytest.raises(ValueError, match="jenis tidak dikenal"):
        dimensi_program(pd.DataFrame({"jenis": ["tahunan"], "dimensi": [None]}))


# --- the whole evaluation on the demo -----------------------------------------------------------

def test_evaluasi_demo_konsisten(hasil_demo):
    h = hasil_demo
    assert 0 <= h.indeks <= 100
    d = h.dimensi
    # the index is the weighted mean of the dimension scores (all five evidenced in the demo)
    assert h.indeks == pytest.approx((d["bobot"] * d["skor"]).sum() / d["bobot"].sum())
    assert d["bobot"].tolist() == pytest.approx([0.1, 0.2, 0.3, 0.3, 0.1])
    assert h.matriks["skor"].dropna().between(0, 100).all()
    # programme evidence carries the programme's achievement from the progress core
    s = status_program(demo()["program_progres"], demo()["program"], "2026-10").set_index("id_program")
    bp = h.bukti[h.bukti["jenis_bukti"] == "program"].set_index("id")
    pd.testing.assert_series_equal(bp["skor"].sort_index(), s["capaian"].sort_index(), check_names=False)


def test_evaluasi_bobot_lain(hasil_demo):
    h = evaluasi(demo(), muat_kerangka(), "18.02", "2026-10", bobot={**dict.fromkeys(DIMENSI, 0), "impact": 5})
    assert h.indeks == pytest.approx(hasil_demo.dimensi.set_index("dimensi").loc["impact", "skor"])


def test_skor_indikator_dari_kerangka():
    s = skor_indikator_kabupaten(demo(), muat_kerangka(), "18.02", "2026-10")
    assert len(s) == len(muat_kerangka().indikator)
    assert s["skor"].dropna().between(0, 100).all() and s["skor"].notna().all()


def test_evaluasi_periode_buruk():
    with pytest.raises(ValueError, match="YYYY-MM"):
        evaluasi(demo(), muat_kerangka(), "18.02", "Oktober 2026")


# --- coverage and freshness ---------------------------------------------------------------------

@pytest.mark.parametrize("terakhir, umur, usang", [("2025-10", 12, False), ("2025-09", 13, True)])
def test_kesegaran_di_batas_usang(terakhir, umur, usang):
    # a MONTHLY source is measured in months: 12 months old is still fresh, 13 is stale
    masuk = pd.to_datetime([f"{terakhir}-15 10:00", "2026-11-02 08:00"])
    d = {"nilai_indikator": pd.DataFrame({"indikator": ["gov_spbe", "gov_spbe"], "periode": ["2024-12", terakhir]}),
         "layanan_permohonan": pd.DataFrame({"tanggal_masuk": masuk})}
    t = kesegaran_indikator(d, muat_kerangka(), "2026-10", usang_bulan=12).set_index("indikator")
    r = t.loc["gov_layanan_online"]
    assert (r["frekuensi"], r["periode_data"], r["umur"], r["satuan_umur"], bool(r["usang"])) == (
        "bulanan", terakhir, umur, "bulan", usang)
    # an ANNUAL source (the SPBE index) is measured in years, never "0 bulan" (issue 15): 2025 at
    # October 2026 is 1 year — last year's figure, the normal lag — and fresh with usang_tahun = 1
    s = t.loc["gov_spbe"]
    assert (s["frekuensi"], s["periode_data"], s["umur"], s["satuan_umur"], bool(s["usang"])) == (
        "tahunan", "2025", 1, "tahun", False)
    assert pd.isna(s["umur_bulan"])
    dua = kesegaran_indikator({"nilai_indikator": d["nilai_indikator"].iloc[:1]}, muat_kerangka(), "2026-10")
    assert dua.set_index("indikator").loc["gov_spbe", ["periode_data", "umur"]].tolist() == ["2024", 2]
    assert bool(dua.set_index("indikator").loc["gov_spbe", "usang"])       # two years behind: stale
    # a static register has no month; an indicator without data at all is stale
    assert t.loc["liv_kemantapan_jalan", "jenis_waktu"] == "statis" and not t.loc["liv_kemantapan_jalan", "usang"]
    assert bool(t.loc["brand_web_aktif", "usang"])


def test_cakupan_pilar_demo(hasil_demo):
    c = hasil_demo.cakupan.set_index("pilar")
    assert list(c.index) == list(PILAR)
    assert c["indikator"].sum() == len(muat_kerangka().indikator)
    assert (c["cakupan_kabupaten"] == 100).all()           # every indicator has a district value in the demo
    assert c["cakupan_desa"].between(0, 100).all()
    # monthly and annual sources apart (issue 15): Economy and Environment have no monthly source; the
    # demo's annual statistics are dated this year
    bulanan = {p for p in PILAR if any(i.pilar == p and i.frekuensi == "bulanan" for i in muat_kerangka().indikator)}
    assert (c.loc[sorted(bulanan), "data_terlama"] == "2026-10").all()
    assert c.loc[[p for p in PILAR if p not in bulanan], "data_terlama"].isna().all()
    assert (c["data_tahunan_terlama"] == "2026").all() and (c["umur_terlama_tahun"] == 0).all()


# --- settings and crosswalk ---------------------------------------------------------------------

def _raw():
    return yaml.safe_load((AKAR / "data" / "evaluasi.yaml").read_text(encoding="utf-8"))


def test_pengaturan_bawaan():
    a = muat_pengaturan()
    assert a.bobot == pytest.approx({"baseline": 0.1, "output": 0.2, "outcome": 0.3, "impact": 0.3, "quick_win": 0.1})
    assert a.dimensi_bawaan_jenis == {"quick_win": "quick_win", "menengah": "output", "panjang": "outcome"}
    assert set(a.nama_dimensi) == set(DIMENSI)


@pytest.mark.parametrize("ubah, pesan", [
    (lambda r: r["dimensi"].pop(), "tepat lima"),
    (lambda r: r["dimensi"][0].update(bobot=-1), ">= 0"),
    (lambda r: r["dimensi"][0].update(nama={"id": "Baseline"}), "dua bahasa"),
    (lambda r: r.update(bobot_bukti={"indikator": 1}), "bobot_bukti"),
    (lambda r: r.update(ambang_bobot_dimensi=1.5), "ambang_bobot_dimensi"),
    (lambda r: r["dimensi_bawaan_jenis"].update(panjang="dampak"), "dimensi_bawaan_jenis.panjang"),
    (lambda r: r["u4ssc"]["indikator"]["soc_paud"].update(dimensi="culture"), "dimensi U4SSC tidak dikenal"),
    (lambda r: r["u4ssc"]["indikator"]["soc_paud"].update(sub="energy"), "bukan bagian dari dimensi"),
    (lambda r: r["u4ssc"]["indikator"]["soc_paud"].update(kategori="waste"), "bukan bagian dari sub-dimensi"),
    (lambda r: r["u4ssc"]["indikator"]["soc_paud"].update(kecocokan="mirip"), "kecocokan"),
    # a flow-style YAML text with an unquoted comma grows a stray key: refused
    (lambda r: r["u4ssc"]["pilar"]["living"].update(catatan={"id": "x", "en": "y", "000 ha": None}), "dua bahasa"),
])
def test_pengaturan_buruk_ditolak(ubah, pesan):
    r = _raw()
    ubah(r)
    with pytest.raises(ValueError, match=pesan):
        baca_pengaturan(r)


def test_struktur_u4ssc_tiga_dimensi_tujuh_sub_22_kategori():
    # the published structure of the U4SSC KPIs: 3 dimensions, 7 sub-dimensions, 22 categories
    u = muat_pengaturan().u4ssc
    assert list(u["dimensi"]) == ["economy", "environment", "society_culture"]
    sub = [s for d in u["dimensi"].values() for s in d["sub"]]
    assert len(sub) == 7
    kategori = {k for d in u["dimensi"].values() for s in d["sub"].values() for k in s["kategori"]}
    assert len(kategori) == 22 == len(u["kategori"])


def test_crosswalk_lengkap_untuk_kerangka_bawaan():
    k = muat_kerangka()
    t = crosswalk_u4ssc(k, "id")
    assert len(t) == len(k.pilar) + len(k.indikator)
    assert (t["kecocokan"] != "belum_dipetakan").all(), t.loc[t["kecocokan"] == "belum_dipetakan", "id"].tolist()
    assert set(t["u4ssc_dimensi"]) == {"Ekonomi", "Lingkungan", "Sosial dan Budaya"}
    en = crosswalk_u4ssc(k, "en").set_index("id")
    assert en.loc["eco_kemiskinan", ["u4ssc_dimensi", "u4ssc_kategori", "kpi_u4ssc"]].tolist() == [
        "Society and Culture", "Social Inclusion", "Poverty Share"]
    assert en.loc["environment", ["u4ssc_dimensi", "u4ssc_sub"]].tolist() == ["Environment", "Environment"]


def test_crosswalk_item_belum_dipetakan_tidak_hilang():
    a = muat_pengaturan()
    u = copy.deepcopy(dict(a.u4ssc))
    u["indikator"] = {k: v for k, v in u["indikator"].items() if k != "soc_rls"}
    t = crosswalk_u4ssc(muat_kerangka(), "id", type(a)(**{**a.__dict__, "u4ssc": u})).set_index("id")
    assert t.loc["soc_rls", ["kecocokan", "u4ssc_dimensi"]].tolist() == ["belum_dipetakan", ""]


def test_crosswalk_bahasa_salah():
    with pytest.raises(ValueError, match="bahasa"):
        crosswalk_u4ssc(muat_kerangka(), "fr")


def test_evaluasi_tanpa_program_hanya_indikator():
    d = {k: v for k, v in demo().items() if k not in ("program", "program_progres")}
    h = evaluasi(d, muat_kerangka(), "18.02", "2026-10")
    # no indicator is tagged quick win: that dimension has no evidence anywhere, the others re-weigh
    dim = h.dimensi.set_index("dimensi")
    assert math.isnan(dim.loc["quick_win", "skor"]) and dim.loc["quick_win", "n_pilar"] == 0
    assert h.bobot_tercakup == pytest.approx(0.9)
    assert h.indeks == pytest.approx((dim["bobot"] * dim["skor"]).sum() / 0.9)
    qw = h.matriks[h.matriks["dimensi"] == "quick_win"]
    assert (qw["keterangan"] == "tanpa_bukti").all() and (qw["bukti"] == "").all()
    assert (h.cakupan["program"] == 0).all() and h.status_program.empty
