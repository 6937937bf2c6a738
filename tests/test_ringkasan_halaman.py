"""The Ringkasan page (/) through AppTest: the index, maturity and change are the core's; the three
attention statements are those ``indicators.ringkasan`` computes; the pillar bars and the kecamatan map
carry the core's scores; the period lives in the URL; English; the exported table is the one shown."""
import base64
import io
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.format import angka, persen
from indicators.dasar.pengaturan import AKAR
from indicators.dasar.teks_aman import markdown_aman
from indicators.laporan import ekspor
from indicators.ringkasan.penjelasan import selisih_tampil
from indicators.ringkasan.susun import susun_ringkasan
from indicators.skor import muat_kerangka
from indicators.skor.kerangka import PILAR
from indicators.tampilan.tabel import tabel_kecamatan
from tests.bantu import demo


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "ringkasan.duckdb"))
    yield
    mp.undo()


def buka(**query) -> AppTest:
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=300)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _angka(v) -> list:
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def _grafik(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def _metrik(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.body if hasattr(m.proto, "body") else "") for m in at.metric}


@pytest.fixture(scope="module")
def inti():
    return {p: susun_ringkasan(demo(), muat_kerangka(), "18.02", p, n_teratas=5) for p in ("2026-10", "2026-06")}


def test_indeks_kematangan_dan_perubahan_dari_inti(inti):
    at = buka()
    r = inti["2026-10"]
    m = {x.label: x for x in at.metric}
    assert m["Indeks kabupaten"].value == angka(r.indeks, 1)
    assert m["Tingkat kematangan"].value == r.kabupaten.loc[0, "kematangan_id"]
    assert m["Tingkat kematangan"].proto.delta == f"level {r.kabupaten.loc[0, 'kematangan']} dari 5"
    # issue 15: a change that one decimal would show as 0,0 is shown with two ("-0,03"), and the note says why
    assert m["Indeks kabupaten"].proto.delta == f"{selisih_tampil(r.selisih_indeks, 'id')} poin sejak September 2026"
    assert any(c.value == markdown_aman(r.penjelasan.teks["id"]) for c in at.caption)
    # villages that actually reported in October 2026, counted here from the demo rows themselves
    d, melapor = demo(), {}
    for nama, kol in (("layanan_permohonan", "tanggal_masuk"), ("desa_website", "periode"), ("ronda_laporan", "waktu")):
        bulan = d[nama][kol].astype(str).str.slice(0, 7)
        melapor[nama] = d[nama].loc[bulan == "2026-10", "kode_wilayah"].nunique()
    assert m["Cakupan data"].value == persen(100 * sum(melapor.values()) / (3 * 311), 0)
    assert m["Cakupan data"].value != "100%"  # the demo has villages whose operators entered nothing
    n, nama = min((v, k) for k, v in melapor.items())
    label = {"layanan_permohonan": "Smart Netizen", "desa_website": "DesaID (situs desa)",
             "ronda_laporan": "Ronda Online"}
    assert m["Cakupan data"].proto.delta == f"{n}/311 desa · {label[nama]} (terendah)"
    assert not [w for w in at.warning if "data tipis" in w.value]  # every dataset above half the villages


def test_tiga_pernyataan_perhatian_dihitung_dari_data(inti):
    at = buka()
    teks = [x.value for x in at.markdown if x.value.startswith("##### ")]
    harapan = [f"##### {i + 1}. {markdown_aman(p.teks['id'])}" for i, p in enumerate(inti["2026-10"].perhatian)]
    assert len(harapan) == 3 and teks == harapan
    assert "aduan jalan terbuka berada di jalan provinsi" in teks[0]


def test_grafik_pilar_dan_peta_kecamatan_nilai_inti(inti):
    at = buka()
    r = inti["2026-10"]
    f = next(g for g in _grafik(at) if g["layout"].get("title", {}).get("text", "").startswith("Enam pilar"))
    kini = next(t for t in f["data"] if t["name"] == "Oktober 2026")
    lalu = next(t for t in f["data"] if t["name"] == "September 2026")
    target = next(t for t in f["data"] if t["name"] == "Target")
    urut = r.pilar.iloc[::-1]
    assert kini["y"] == urut["nama_id"].tolist()
    np.testing.assert_allclose(_angka(kini["x"]), urut["skor"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(_angka(lalu["x"]), urut["skor_lalu"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(_angka(target["x"]), [60.0] * 7)
    choro = [t for g in _grafik(at) for t in g["data"] if t["type"] == "choroplethmap"]
    assert len(choro[0]["locations"]) == 28
    indeks = r.kecamatan.set_index("kode_wilayah")["indeks"]
    np.testing.assert_allclose(_angka(choro[0]["z"]), indeks.reindex(choro[0]["locations"]).to_numpy(), rtol=1e-12)


def test_teratas_terbawah_dan_tabel_ekspor_sama_dengan_yang_tampil(inti):
    at = buka()
    r = inti["2026-10"]
    atas, bawah = at.dataframe[0].value, at.dataframe[1].value
    assert atas["Nama"].tolist() == r.teratas["nama"].tolist()
    assert bawah["Nama"].tolist() == r.terbawah["nama"].tolist()
    assert atas["Indeks"].tolist() == [angka(v, 1) for v in r.teratas["indeks"]]
    semua = at.dataframe[2].value
    ekspor_, tampil = tabel_kecamatan(r.kecamatan.sort_values(["peringkat", "kode_wilayah"]), "id")
    pd.testing.assert_frame_equal(semua.reset_index(drop=True), tampil)
    # the CSV the page offers is this table with numbers as numbers: re-read and compare with the display
    baca = pd.read_csv(io.BytesIO(ekspor.ke_csv(ekspor_)), dtype={"Kode": str})
    assert baca["Kode"].tolist() == semua["Kode"].tolist()
    assert [angka(v, 1) for v in baca["Indeks"]] == semua["Indeks"].tolist()
    for p in muat_kerangka().pilar:
        assert [angka(v, 1) for v in baca[p.nama["id"]]] == semua[p.nama["id"]].tolist()
    label = [b.label for b in at.get("download_button")]
    assert label == ["Unduh CSV", "CSV untuk alat (koma)", "Unduh XLSX", "GeoJSON", "GeoPackage (QGIS)",
                     "Unduh briefing (PDF, satu halaman)"]


def test_periode_dari_url_dan_pilihan_masuk_url(inti):
    at = buka(periode="2026-06")
    r = inti["2026-06"]
    assert at.selectbox(key="periode").value == "2026-06"
    assert {x.label: x.value for x in at.metric}["Indeks kabupaten"] == angka(r.indeks, 1)
    at.selectbox(key="periode").set_value("2026-05").run()
    v = at.query_params["periode"]
    assert (v[0] if isinstance(v, list) else v) == "2026-05"
    at.selectbox(key="periode").set_value("2026-10").run()
    assert "periode" not in at.query_params          # the default is not written


def test_bahasa_inggris(inti):
    at = buka(lang="en")
    assert at.title[0].value == "Overview"
    teks = [x.value for x in at.markdown if x.value.startswith("##### ")]
    assert teks[0] == f"##### 1. {markdown_aman(inti['2026-10'].perhatian[0].teks['en'])}"
    f = next(g for g in _grafik(at) if g["layout"].get("title", {}).get("text", "").startswith("Six pillars"))
    assert f["layout"]["separators"] == ".,"
    assert next(t for t in f["data"] if t["name"] == "October 2026")["y"][0] == "Smart Environment"
    assert {x.label for x in at.metric} >= {"Regency index", "Maturity level"}


def test_data_tidak_cukup_bukan_nol():
    t = tabel_kecamatan(pd.DataFrame([{"kode_wilayah": "18.02.01", "nama": "X", "indeks": np.nan, "selisih": np.nan,
                                          "peringkat": pd.NA, "kematangan_id": "", "kematangan_en": "", "cakupan": 20.0,
                                          **dict.fromkeys(PILAR, np.nan)}]), "id")[1]
    assert t.loc[0, "Indeks"] == "data tidak cukup" and t.loc[0, "Tingkat kematangan"] == "data tidak cukup"
    assert t.loc[0, "Peringkat"] == "–" and "0,0" not in t.iloc[0].tolist()
