"""Every page through Streamlit's AppTest: no exception, the simulated label, a chart or map."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.pengaturan import AKAR

HALAMAN = ["pages/ringkasan.py", "pages/pilar.py", "pages/layanan-desa.py", "pages/aduan-jalan.py",
           "pages/progres.py", "pages/evaluasi.py", "pages/data.py", "pages/metodologi.py"]


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "app.duckdb"))
    yield
    mp.undo()


def buka(halaman: str, **query) -> AppTest:
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()  # the entry point registers the pages (st.navigation) before a switch
    if halaman != HALAMAN[0]:
        at.switch_page(halaman).run()
    return at


def _grafik(at):
    return list(at.get("plotly_chart"))


@pytest.mark.parametrize("halaman", HALAMAN)
def test_setiap_halaman_jalan_tanpa_galat(halaman):
    at = buka(halaman)
    assert not at.exception, at.exception
    assert any("tersimulasi" in w.value.lower() for w in at.warning), "the simulated-data label is missing"
    assert _grafik(at), "no chart or map on the page"


def test_ganti_bahasa_inggris():
    at = buka("pages/ringkasan.py")
    assert at.title[0].value == "Ringkasan"
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Overview"


def test_bahasa_dari_url():
    at = buka("pages/aduan-jalan.py", lang="en")
    assert at.title[0].value == "Road Complaints"


def test_peta_ringkasan_satu_poligon_per_kecamatan():
    at = buka("pages/ringkasan.py")
    peta = [json.loads(e.proto.spec) for e in _grafik(at)]
    choro = [t for f in peta for t in f["data"] if t["type"] == "choroplethmap"]
    assert choro and len(choro[0]["locations"]) == 28


def test_halaman_aduan_tanpa_nomor_telepon():
    import re
    at = buka("pages/aduan-jalan.py")
    semua = " ".join(str(e.proto) for e in at.get("arrow_data_frame")) + " ".join(e.proto.spec for e in _grafik(at))
    assert not re.search(r"(\+62|0)8\d{7,11}", semua)


def test_kabupaten_lain_lewat_pengaturan(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "lombok.duckdb"))
    monkeypatch.setenv("DASBOR_KODE_KABUPATEN", "52.02")
    at = buka("pages/ringkasan.py")
    assert not at.exception
    assert "Lombok Tengah" in at.caption[0].value
    peta = [json.loads(e.proto.spec) for e in _grafik(at)]
    choro = [t for f in peta for t in f["data"] if t["type"] == "choroplethmap"]
    assert len(choro[0]["locations"]) == 12
