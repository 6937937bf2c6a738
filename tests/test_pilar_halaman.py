"""The Pilar page through AppTest: pillar → element → indicator → unit, the map and ranking equal to the
scoring core's, rank intervals from the core's uncertainty analysis, a what-if weight changes the ranking
exactly as the core computes it, every choice in the URL, English, "insufficient data" never 0."""
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.format import angka, nama_periode
from indicators.skor import PengaturanKetidakpastian, PengaturanSkor, ketidakpastian, muat_kerangka, skor_wilayah
from indicators.skor.hitung import hitung_nilai
from indicators.wilayah.daftar import daftar_wilayah
from tests.bantu import buka_halaman, demo, dibaca, larik, nilai_choropleth

PILAR = "pages/pilar.py"
PERIODE = "2026-10"


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "pilar.duckdb"))
    yield
    mp.undo()


def buka(**query) -> AppTest:
    return buka_halaman(PILAR, **query)


_angka = larik


def _grafik(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def _peta(at) -> dict[str, float]:
    """kode_wilayah → value drawn (NaN where there is none) of the page's Leaflet choropleth."""
    return nilai_choropleth(at)


def _q(at, kunci: str) -> str:
    v = at.query_params[kunci]
    return v[0] if isinstance(v, list) else v


def _tabel(at, kolom: str, mulai: int = 0):
    for e in at.dataframe[mulai:]:
        if kolom in e.value.columns:
            return e.value
    raise AssertionError(f"no table with column {kolom!r}")


def _inti(tingkat: str, bobot: dict | None = None):
    return skor_wilayah(demo(), muat_kerangka(), "18.02", tingkat, PERIODE, PengaturanSkor(bobot=bobot or {}))


def _nilai_tampil(teks: str) -> float:
    return float("nan") if teks == "data tidak cukup" else float(teks.replace(".", "").replace(",", "."))


def test_indeks_kecamatan_peta_dan_peringkat_sama_dengan_inti():
    at = buka()
    h = _inti("kecamatan")
    peta = _peta(at)
    assert len(peta) == 28
    harapan = h.skor.set_index("kode_wilayah")["indeks"]
    np.testing.assert_allclose([peta[k] for k in harapan.index], harapan.to_numpy(), rtol=1e-12)
    t = _tabel(at, "Peringkat median")
    inti = h.skor.sort_values(["peringkat", "kode_wilayah"])
    assert t["Kode"].tolist() == inti["kode_wilayah"].tolist()
    assert t["Peringkat"].tolist() == [str(v) for v in inti["peringkat"]]
    assert t["Skor (0–100)"].tolist() == [angka(v, 1) for v in inti["indeks"]]


def test_interval_peringkat_dari_analisis_ketidakpastian_inti():
    at = buka()
    x = hitung_nilai(demo(), muat_kerangka(), "18.02", "kecamatan", PERIODE)
    u = ketidakpastian(x, muat_kerangka(), "kecamatan", PengaturanSkor(), PengaturanKetidakpastian(n=1000, seed=0))
    u = u.peringkat.set_index("kode_wilayah")
    t = _tabel(at, "Peringkat median").set_index("Kode")
    for k, r in u.iterrows():
        assert t.loc[k, "Peringkat median"] == str(r["peringkat_median"])
        assert t.loc[k, "Peringkat P5"] == str(r["peringkat_p05"])
        assert t.loc[k, "Peringkat P95"] == str(r["peringkat_p95"])
    # issue 15: the note names the units whose own 5–95 % interval meets the selected unit's (the
    # first-ranked one by default), and groups that share one rank range — not chains of overlaps
    from indicators.ringkasan.peringkat import kelompok_tumpang_tindih, tak_terbedakan

    pertama = u.reset_index().sort_values(["peringkat", "kode_wilayah"]).iloc[0]
    setara = tak_terbedakan(u.reset_index(), pertama["kode_wilayah"])
    nama = daftar_wilayah("18.02", "kecamatan").set_index("kode_wilayah")["nama"]
    catatan = next(i.value for i in at.info if "berada di peringkat" in i.value)
    assert f"peringkatnya {pertama['peringkat_p05']}–{pertama['peringkat_p95']}" in catatan
    assert all(nama[k] in catatan for k in setara["kode_wilayah"].head(6))
    for g in kelompok_tumpang_tindih(u.reset_index()).itertuples():
        assert g.bersama_dari >= max(u.loc[list(g.kode), "peringkat_p05"])       # one common range …
        assert g.bersama_sampai <= min(u.loc[list(g.kode), "peringkat_p95"])     # … inside every interval
    judul = [dibaca(f["layout"]["title"]["text"]) for f in _grafik(at) if f["layout"].get("title")]
    assert "Peringkat nominal, median dan interval 5–95 %" in judul


def test_bobot_uji_mengubah_peringkat_persis_seperti_inti():
    at = buka()
    at.select_slider(key="w_branding").set_value(3.0).run()
    assert not at.exception
    assert _q(at, "bobot") == "branding:3"
    h = _inti("kecamatan", {"branding": 3.0})
    h0 = _inti("kecamatan")
    # the what-if ranking is the core's ranking with the new weights
    uji = _tabel(at, "Peringkat (bobot uji)")
    inti = h.skor.sort_values(["peringkat", "kode_wilayah"])
    assert uji["Kode"].tolist() == inti["kode_wilayah"].tolist()
    assert uji["Peringkat (bobot uji)"].tolist() == [str(v) for v in inti["peringkat"]]
    assert uji["Skor (bobot uji)"].tolist() == [angka(v, 1) for v in inti["indeks"]]
    # the rank changes shown are the core's: framework ranks minus what-if ranks
    naik = (h0.skor.set_index("kode_wilayah")["peringkat"] - h.skor.set_index("kode_wilayah")["peringkat"])
    assert (naik != 0).any()
    kolom = "Perubahan peringkat (uji bobot)"
    assert uji.set_index("Kode")[kolom].to_dict() == {k: ("0" if v == 0 else f"{v:+d}") for k, v in naik.items()}
    assert uji.set_index("Kode")["Peringkat (bobot kerangka)"].to_dict() == {
        k: str(v) for k, v in h0.skor.set_index("kode_wilayah")["peringkat"].items()}
    assert any(f"**{int((naik != 0).sum())}** dari 28 wilayah berpindah peringkat" in m.value for m in at.markdown)
    # the main ranking (and its rank intervals) keeps the framework weights
    utama = _tabel(at, "Peringkat median")
    assert utama["Kode"].tolist() == h0.skor.sort_values(["peringkat", "kode_wilayah"])["kode_wilayah"].tolist()
    # effective weights: branding's indicators now weigh 3/8 of the index (3 of 1+1+1+1+1+3)
    be = h.bobot_efektif.groupby("pilar")["bobot_efektif"].sum()
    assert be["branding"] == pytest.approx(3 / 8)
    judul = "Bobot efektif indikator dalam indeks"
    bobot_chart = next(f for f in _grafik(at) if dibaca(f["layout"].get("title", {}).get("text", "")) == judul)
    nama = {i.id: i.nama["id"] for i in muat_kerangka().indikator}
    baru = dict(zip(map(dibaca, bobot_chart["data"][1]["y"]), _angka(bobot_chart["data"][1]["x"]), strict=True))
    for r in h.bobot_efektif.itertuples():
        assert baru[nama[r.indikator]] == pytest.approx(r.bobot_efektif * 100)


def test_bobot_dari_url_dan_kembali_ke_kerangka():
    at = buka(bobot="governance:0,layanan_publik:2,tidak_ada:5,branding:x")
    assert at.select_slider(key="w_governance").value == 0.0
    h = _inti("kecamatan", {"governance": 0.0})
    t = _tabel(at, "Peringkat (bobot uji)")
    assert t["Kode"].tolist() == h.skor.sort_values(["peringkat", "kode_wilayah"])["kode_wilayah"].tolist()
    at.button(key="bobot_reset").click().run()
    assert not at.exception and "bobot" not in at.query_params
    assert at.select_slider(key="w_governance").value == 1.0


def test_bobot_elemen_pilar_terpilih():
    at = buka(pilar="governance")
    at.select_slider(key="w_layanan_publik").set_value(2.5).run()
    assert _q(at, "bobot") == "layanan_publik:2.5"
    h = _inti("kecamatan", {"layanan_publik": 2.5})
    uji = _tabel(at, "Peringkat (bobot uji)")
    skor = h.skor.set_index("kode_wilayah")["governance"]      # the pillar's score with the new element weight
    assert uji.set_index("Kode")["Skor (bobot uji)"].to_dict() == {k: angka(v, 1) for k, v in skor.items()}
    rank = [int(x) for x in uji["Peringkat (bobot uji)"]]
    assert rank == sorted(rank) and rank[0] == 1


def test_jalur_pilar_elemen_indikator_unit_desa():
    at = buka(tingkat="desa")
    at.selectbox(key="pilar").set_value("society").run()
    at.selectbox(key="elemen").set_value("keamanan").run()
    at.selectbox(key="indikator").set_value("soc_ronda_rutin").run()
    assert not at.exception
    assert (_q(at, "tingkat"), _q(at, "pilar"), _q(at, "elemen"), _q(at, "indikator")) == (
        "desa", "society", "keamanan", "soc_ronda_rutin")
    h = _inti("desa")
    peta = _peta(at)
    assert len(peta) == 311
    harapan = h.normal["soc_ronda_rutin"]
    np.testing.assert_allclose([peta[k] for k in harapan.index], harapan.to_numpy(), rtol=1e-12)
    t = _tabel(at, "Nilai asli (% malam)").set_index("Kode")
    mentah = h.nilai["soc_ronda_rutin"]
    assert all(t.loc[k, "Nilai asli (% malam)"] == (angka(v, 2) if v == v else "data tidak cukup")
               for k, v in mentah.items())
    # villages that do not use Ronda Online: "data tidak cukup", never 0, grey on the map
    tanpa = mentah[mentah.isna()].index
    assert len(tanpa) > 0
    assert (t.loc[tanpa, "Skor (0–100)"] == "data tidak cukup").all()
    assert all(np.isnan(peta[k]) for k in tanpa)
    at.selectbox(key="unit").set_value("18.02.05.2001").run()
    assert _q(at, "unit") == "18.02.05.2001" and not at.exception
    nama = daftar_wilayah("18.02", "desa").set_index("kode_wilayah").loc["18.02.05.2001", "nama"]
    assert f"{nama}: kekuatan, kelemahan dan tren" in [s.value for s in at.subheader]
    tren = next(f for f in _grafik(at) if f["layout"].get("title", {}).get("text", "").startswith("Tren"))
    unit = next(t for t in tren["data"] if t["name"] == nama)
    assert unit["x"][-1] == nama_periode(PERIODE) and len(unit["x"]) == 6   # months by the formatter
    assert _angka(unit["y"])[-1] == pytest.approx(h.normal.loc["18.02.05.2001", "soc_ronda_rutin"], nan_ok=True)


def test_kekuatan_kelemahan_unit_dengan_nilai_asli():
    from indicators.ringkasan.peringkat import kekuatan_kelemahan

    at = buka(unit="18.02.14")
    h = _inti("kecamatan")
    harapan = kekuatan_kelemahan(h.normal, h.nilai, "18.02.14", n=3)
    ind = {i.id: i for i in muat_kerangka().indikator}
    tabel_ = iter([e.value for e in at.dataframe if "Peringkat (dari)" in e.value.columns])
    for jenis in ("kekuatan", "kelemahan"):      # a side without any indicator shows a caption, not a table
        e = harapan[harapan["jenis"] == jenis]
        if e.empty:
            continue
        tabel = next(tabel_)
        assert tabel["Indikator"].tolist() == [ind[i].nama["id"] for i in e["indikator"]]
        assert tabel["Skor (0–100)"].tolist() == [angka(v, 1) for v in e["skor"]]
        assert tabel["Nilai asli"].tolist() == [angka(v, 2) for v in e["nilai"]]
        assert tabel["Satuan"].tolist() == [ind[i].satuan for i in e["indikator"]]
        assert tabel["Peringkat (dari)"].tolist() == [f"{p}/{n}" for p, n in zip(e["posisi"], e["jumlah"], strict=True)]
    assert any("Bumi Ratu Nuban" in s.value for s in at.subheader)


def test_saring_kecamatan_di_url_membatasi_peta_dan_tabel():
    at = buka(tingkat="desa", kec="18.02.03,18.02.07", unit="18.02.07.1001")
    peta = _peta(at)
    assert peta and all(k[:8] in ("18.02.03", "18.02.07") for k in peta)
    t = _tabel(at, "Peringkat median")
    assert set(t["Kode"].str[:8]) == {"18.02.03", "18.02.07"}
    assert len(t) == len(peta)


def test_bahasa_inggris_dan_url():
    at = buka(lang="en", pilar="living", elemen="mobilitas", indikator="liv_kemantapan_jalan")
    assert at.title[0].value == "Pillars"
    assert at.selectbox(key="indikator").value == "liv_kemantapan_jalan"
    t = _tabel(at, "Raw value (% panjang)")
    assert "Score (0–100)" in t.columns
    assert any("Ranking: Road condition (kemantapan)" in s.value for s in at.subheader)


def test_nilai_url_tidak_dikenal_kembali_ke_bawaan():
    at = buka(pilar="bukan_pilar", tingkat="provinsi", unit="99")
    assert at.selectbox(key="pilar").value == "indeks"
    assert at.selectbox(key="tingkat").value == "kecamatan"


def test_sensitivitas_dan_hapus_pilar_digambar():
    at = buka()
    judul = [dibaca(f["layout"].get("title", {}).get("text", "")) for f in _grafik(at)]
    assert "Indeks Sobol pergeseran peringkat rata-rata" in judul
    assert "Pergeseran peringkat bila satu pilar dihapus" in judul
    assert any("Pilihan yang paling menggeser peringkat" in m.value for m in at.markdown)
