"""The Metodologi page through AppTest: generated from the framework and the settings — every indicator
with its definition, unit, direction, goalposts, source, weight and the core's effective weights; the
pipeline steps say goalposts keep scores comparable and min-max does not; the audit trail, coverage and
coherence are the core's; both languages."""
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.format import angka
from indicators.dasar.label import nama_dataset
from indicators.skor import koherensi, muat_kerangka, skor_wilayah
from tests.bantu import buka_halaman, demo, dibaca, larik

METODOLOGI = "pages/metodologi.py"


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "metodologi.duckdb"))
    yield
    mp.undo()


def buka(**query) -> AppTest:
    return buka_halaman(METODOLOGI, **query)


_angka = larik


def _tabel(at, kolom: str):
    for e in at.dataframe:
        if kolom in e.value.columns:
            return e.value
    raise AssertionError(f"no table with column {kolom!r}")


@pytest.fixture(scope="module")
def inti():
    return {t: skor_wilayah(demo(), muat_kerangka(), "18.02", t, "2026-10") for t in ("desa", "kecamatan", "kabupaten")}


def test_setiap_indikator_tercantum_dengan_bobot_efektif_inti(inti):
    at = buka()
    k = muat_kerangka()
    t = _tabel(at, "Definisi").set_index("id")
    assert list(t.index) == [i.id for i in k.indikator]
    for i in k.indikator:
        r = t.loc[i.id]
        assert (r["Indikator"], r["Definisi"], r["Satuan"], r["Sumber data"]) == (i.nama["id"], i.definisi["id"],
                                                                               i.satuan, nama_dataset(i.sumber))
        assert r["Arah"] == {"higher": "makin tinggi makin baik", "lower": "makin rendah makin baik"}[i.arah]
        assert (r["Terburuk"], r["Terbaik"]) == (angka(i.goalposts[0], 2), angka(i.goalposts[1], 2))
        assert r["Bobot"] == angka(i.bobot, 2)
    for tingkat, judul in (("desa", "Desa/kelurahan"), ("kecamatan", "Kecamatan"), ("kabupaten", "Kabupaten/kota")):
        be = inti[tingkat].bobot_efektif.set_index("indikator")["bobot_efektif"] * 100
        kolom = t[f"Bobot efektif {judul} (%)"]
        for i in t.index:
            assert kolom[i] == (angka(be[i], 2) if i in be.index else "–"), (tingkat, i)


def test_langkah_perhitungan_dari_pengaturan():
    at = buka()
    langkah = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert langkah.count("\n") == 10
    for frasa in ("65%", "67%", "Goalposts \\(terburuk–terbaik\\)", "Rata\\-rata aritmetika", "1\\.000 run",
                  "2 Berkembang ≥ 20", "±25%"):
        assert frasa in langkah, frasa
    peringatan = " ".join(w.value for w in at.warning)
    assert "Goalposts" in peringatan and "sebanding antarperiode dan antarkabupaten" in peringatan
    assert "Min-max tidak" in peringatan


def test_jejak_audit_dan_cakupan_sama_dengan_inti(inti):
    at = buka(tingkat="desa")
    h = inti["desa"]
    audit = _tabel(at, "Nilai lama")
    assert len(audit) == len(h.audit)
    ringkas = _tabel(at, "Jumlah")
    harapan = h.audit.groupby(["langkah", "perlakuan"]).size()
    assert ringkas.set_index(["Langkah", "Perlakuan"])["Jumlah"].to_dict() == harapan.to_dict()
    grafik = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    bar = next(
        g for g in grafik if g["layout"].get("title", {}).get("text", "").startswith("Ketersediaan per indikator")
    )
    nama = {i.id: i.nama["id"] for i in muat_kerangka().indikator}
    nilai = {dibaca(y): x for t in bar["data"] for y, x in zip(t["y"], _angka(t["x"]), strict=True)}
    for r in h.ketersediaan.itertuples():
        assert nilai[nama[r.indikator]] == pytest.approx(r.ketersediaan * 100)
    unit = _tabel(at, "Pilar tanpa skor (data tidak cukup)")
    assert len(unit) == 311
    tanpa_society = h.skor[h.skor["society"].isna()]["kode_wilayah"]
    kolom = unit.set_index("Kode")["Pilar tanpa skor (data tidak cukup)"]
    assert all("Masyarakat Cerdas" in kolom[k] for k in tanpa_society)


def test_koherensi_sama_dengan_inti(inti):
    at = buka()
    koh = koherensi(inti["kecamatan"])
    grafik = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    alpha = next(g for g in grafik if g["layout"].get("title", {}).get("text") == "Alfa Cronbach per pilar")
    np.testing.assert_allclose(_angka(alpha["data"][0]["y"]), koh.alpha["alpha"].to_numpy(), rtol=1e-12)
    t = _tabel(at, "Dibandingkan dengan")
    assert len(t) == len(koh.korelasi)
    assert t["r"].tolist() == [angka(v, 2) if v == v else "–" for v in koh.korelasi["r"]]


def test_bahasa_inggris():
    at = buka(lang="en")
    assert at.title[0].value == "Methodology"
    t = _tabel(at, "Definition")
    assert "Tourist visits per 1,000 residents" in t["Indicator"].tolist()
    assert "higher is better" in t["Direction"].tolist()
    peringatan = " ".join(w.value for w in at.warning)
    assert "comparable across periods and districts" in peringatan and "Min-max does not" in peringatan
