"""/aduan-jalan through Streamlit's AppTest: filters live in the URL and change the figures, the language
switches, maps and charts are built, no phone number reaches the page, and the cache keys carry the role."""
from __future__ import annotations

import ast
import base64
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from indicators.aduan import siapan as aduan
from indicators.aduan.aturan import deklarasi
from indicators.dasar.pengaturan import AKAR
from indicators.laporan.ekspor import judul_kolom
from indicators.tampilan.grafik_aduan import WARNA_TERLAMBAT
from tests.bantu import skrip_leaflet, titik_leaflet

HALAMAN = "pages/aduan-jalan.py"
POLA_TELEPON = re.compile(r"(\+62|0)8\d{7,11}")


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "aduan.duckdb"))
    yield
    mp.undo()


def buka(**query) -> AppTest:
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=240)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(HALAMAN).run()
    assert not at.exception, at.exception
    return at


def _gambar(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def _larik(v) -> np.ndarray:
    """A plotly array from the figure JSON: a list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v if v is not None else [])


def _jumlah_titik(f: dict) -> int:
    return sum(len(_larik(t.get("lat"))) for t in f["data"] if t["type"] == "scattermap")


def _metrik(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _multi(at, label: str):
    return next(m for m in at.sidebar.multiselect if m.label == label)


def test_halaman_menggambar_peta_dan_grafik():
    at = buka()
    gambar = _gambar(at)
    jenis = [t["type"] for f in gambar for t in f["data"]]
    # the complaint map (Leaflet, clustered points), the kecamatan hot-spot map (plotly), the section map
    # (Leaflet, every point of the section), ≥ 3 charts
    titik = titik_leaflet(at, 0)
    assert len(titik) > 500  # ≈ 900 open complaints
    assert "FastMarkerCluster" in skrip_leaflet(at) or "markerClusterGroup" in skrip_leaflet(at)
    assert len(titik_leaflet(at, 1)) > 0  # the escalation section map
    assert "choroplethmap" in jenis and "funnel" in jenis and jenis.count("bar") >= 6
    assert "Peta aduan jalan" in [m.value.strip("*") for m in at.markdown]
    from tests.bantu import demo

    m = _metrik(at)
    assert m["Laporan masuk"] == f"{len(demo()['aduan_jalan']):,}".replace(",", ".")  # 5.012 in the demo
    assert m["Terbuka di jalan provinsi"].endswith("%")
    assert any("tersimulasi" in w.value.lower() for w in at.warning)
    assert [b.label for b in at.get("download_button")] == ["Unduh paket XLSX", "Unduh paket PDF", "Unduh CSV",
                                                             "CSV untuk alat (koma)", "Unduh XLSX", "GeoJSON",
                                                             "GeoPackage (QGIS)"]


def test_saringan_dari_url_dan_kembali_ke_url():
    at = buka(kewenangan="provinsi", rentang="12b")
    assert _multi(at, "Kewenangan jalan").value == ["provinsi"]
    assert at.sidebar.selectbox[0].value == "12b"
    m = _metrik(at)
    assert m["Terbuka di jalan provinsi"] == "100,0%"  # only provincial roads are left
    semua = int(buka().metric[0].value.replace(".", ""))
    assert int(m["Laporan masuk"].replace(".", "")) < semua
    # changing a widget writes the filter back into the URL (a shareable link)
    _multi(at, "Tingkat kerusakan").set_value(["berat"]).run()
    assert str(at.query_params["tingkat"]) == "berat" and str(at.query_params["kewenangan"]) == "provinsi"
    assert not at.exception


def test_saringan_mengubah_angka_sesuai_inti():
    from tests.bantu import demo

    at = buka(kec="18.02.03", status="diterima,diverifikasi")
    d = demo()
    df = aduan.saring(aduan.siapkan(d["aduan_jalan"], d["aduan_jalan_riwayat"], "18.02"),
                      aduan.Saringan(kecamatan=("18.02.03",), status=("diterima", "diverifikasi")))
    m = _metrik(at)
    assert m["Laporan masuk"] == f"{len(df):,}".replace(",", ".")
    assert m["Aduan unik"] == f"{df['kelompok'].nunique():,}".replace(",", ".")


def test_nilai_url_asing_tidak_merusak_halaman():
    at = buka(kewenangan="planet", rentang="1999", status="hilang", warna="ungu", tampil="x", ruas="tidak ada")
    assert _multi(at, "Kewenangan jalan").value == [] and at.sidebar.selectbox[0].value == "semua"


def test_saringan_tanpa_hasil_memberi_pesan():
    from tests.bantu import demo

    d = demo()
    df = aduan.siapkan(d["aduan_jalan"], d["aduan_jalan_riwayat"], "18.02")
    kosong = next(k for k in sorted(df["kode_kecamatan"].unique())
                  if aduan.saring(df, aduan.Saringan(kecamatan=(k,), kewenangan=("nasional",))).empty)
    at = buka(kec=kosong, kewenangan="nasional")
    assert [i.value for i in at.info] == ["Tidak ada aduan yang cocok dengan saringan ini."]


def test_warna_peta_menurut_kewenangan_dan_semua_aduan():
    at = buka(warna="kewenangan", tampil="semua")
    titik = titik_leaflet(at, 0)
    warna_kew = {k: v["warna"] for k, v in deklarasi()["kewenangan"].items()}
    # colours by authority, overdue ones red and ringed (the 5th field)
    assert {warna_kew["provinsi"], warna_kew["kabupaten"], WARNA_TERLAMBAT} <= {t[2] for t in titik}
    assert all(t[2] == WARNA_TERLAMBAT for t in titik if t[4]) and any(t[4] for t in titik)
    skrip = skrip_leaflet(at)
    assert "Provinsi" in skrip and "Terlambat (melewati target)" in skrip  # the legend
    assert len(titik) > 4_900  # every complaint whose point is not flagged


def test_bahasa_inggris():
    at = buka(lang="en")
    assert at.title[0].value == "Road Complaints"
    assert "Reports received" in _metrik(at)
    assert [h.value for h in at.header][:2] == ["Complaint map and hot spots", "Complaint lifecycle and service levels"]


def test_tidak_ada_nomor_telepon_di_halaman():
    at = buka(tampil="semua")
    teks = " ".join(e.value.to_csv() for e in at.dataframe) + " ".join(e.proto.spec for e in at.get("plotly_chart"))
    teks += skrip_leaflet(at)  # the map popups
    teks += " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.metric])
    assert judul_kolom("deskripsi") in teks  # the table carries the (masked) descriptions, headed by their label
    assert not POLA_TELEPON.search(teks)
    assert not {"pelapor_nama", "pelapor_telepon", judul_kolom("pelapor_nama"), judul_kolom("pelapor_telepon")} & {
        k for e in at.dataframe for k in e.value.columns} and "pelapor_telepon" not in teks


def test_setiap_cache_halaman_berkunci_peran():
    # st.cache_data, cache_resource and pages._bersama.simpan are shared by every user: each cached function
    # takes the role
    pohon = ast.parse((AKAR / HALAMAN).read_text(encoding="utf-8"))
    jenis = ("cache_data", "cache_resource", "simpan(")
    cache = [f for f in pohon.body if isinstance(f, ast.FunctionDef)
             and any(k in ast.unparse(d) for d in f.decorator_list for k in jenis)]
    assert len(cache) >= 4
    for f in cache:
        assert "peran_" in [a.arg for a in f.args.args], f.name
