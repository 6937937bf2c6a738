"""The one map component: offline style, no-data units, schematic label, escaping, payload size."""
import json
import math

import numpy as np
import pandas as pd
import pytest
import shapely

from indicators.dasar.pengaturan import AKAR
from indicators.dasar.teks_aman import aman_html
from indicators.tampilan import peta
from indicators.wilayah import batas as geo

REFERENSI = AKAR.parent / "shared" / "reference" / "geo"
SERANGAN = ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "<a href='javascript:alert(1)'>x</a>",
            "%{z} %{location}"]


@pytest.fixture(autouse=True)
def tanpa_berkas_dan_peta_dasar(monkeypatch):
    for nama in ("DASBOR_BATAS_KECAMATAN", "DASBOR_BATAS_DESA", "DASBOR_PETA_DASAR_URL"):
        monkeypatch.delenv(nama, raising=False)
    # the schematic notes are what these tests check; the shipped geography's: test_geografi.py
    monkeypatch.setenv("DASBOR_GEOGRAFI_BAWAAN", "false")


def teks_tampil(fig) -> str:
    """Every string of the figure as plotly.js receives it (to_json escapes '<' as \\u003c)."""
    return json.dumps(json.loads(fig.to_json()), ensure_ascii=False)


def lokasi(fig) -> list[str]:
    return [k for t in fig.data for k in t.locations]


# --- escaping -----------------------------------------------------------------------------------

@pytest.mark.parametrize("serangan", SERANGAN)
def test_aman_html_membuat_teks_tidak_aktif(serangan):
    s = aman_html(serangan)
    assert not set(s) & set("<>`${}\"'")
    assert s.replace("&lt;", "<").replace("&gt;", ">").replace("&#96;", "`").replace("&#36;", "$") \
        .replace("&#123;", "{").replace("&#125;", "}").replace("&#39;", "'").replace("&amp;", "&") == serangan


@pytest.mark.parametrize("kosong", [None, float("nan"), pd.NA])
def test_aman_html_kosong(kosong):
    assert aman_html(kosong) == ""


@pytest.mark.parametrize("serangan", SERANGAN)
def test_choropleth_meloloskan_teks_berbahaya(serangan):
    g = geo.batas("18.02", "kecamatan")
    g.loc[0, "nama"] = serangan
    info = pd.DataFrame({"kode_wilayah": g["kode_wilayah"], serangan: serangan})
    fig = peta.peta_choropleth(g, pd.Series({"18.02.01": 1.0, "18.02.02": 2.0}), judul=serangan,
                               label_nilai=serangan, hover=info)
    teks = teks_tampil(fig)
    assert serangan not in teks
    assert aman_html(serangan) in teks
    for t in fig.data:  # the only template syntax left is ours
        assert t.hovertemplate.count("%{") == t.hovertemplate.count("%{customdata[")


@pytest.mark.parametrize("serangan", SERANGAN)
def test_peta_titik_meloloskan_teks_berbahaya(serangan):
    d = pd.DataFrame({"lat": [-5.0, -4.9], "lon": [105.1, 105.2], "kode_wilayah": ["18.02.16.2001"] * 2,
                      "jenis": [serangan, "b"], "deskripsi": [serangan, serangan]})
    fig = peta.peta_titik(d, warna="jenis", hover={"deskripsi": serangan}, judul=serangan)
    teks = teks_tampil(fig)
    assert serangan not in teks and aman_html(serangan) in teks


# --- choropleth ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("kode", "tingkat", "n"), [("18.02", "kecamatan", 28), ("18.02", "desa", 311),
                                                     ("52.02", "desa", 154)])
def test_choropleth_satu_lokasi_per_unit(kode, tingkat, n):
    g = geo.batas(kode, tingkat)
    nilai = pd.Series(np.arange(n, dtype=float), index=g["kode_wilayah"])
    fig = peta.peta_choropleth(g, nilai, judul="x")
    assert sorted(lokasi(fig)) == sorted(g["kode_wilayah"])
    for t in fig.data:  # each trace carries only its own features
        assert [f["id"] for f in t.geojson["features"]] == list(t.locations)


def test_unit_tanpa_nilai_abu_abu_bukan_nol():
    g = geo.batas("18.02", "kecamatan")
    nilai = pd.Series({"18.02.01": 0.0, "18.02.02": 50.0, "18.02.03": np.nan})  # 0 is a value; NaN is not
    fig = peta.peta_choropleth(g, nilai, rentang=(0, 100), bahasa="id")
    data, tanpa = fig.data
    assert list(data.locations) == ["18.02.01", "18.02.02"] and list(data.z) == [0.0, 50.0]
    assert (data.zmin, data.zmax) == (0, 100)
    assert len(tanpa.locations) == 26 and "18.02.03" in tanpa.locations
    assert tanpa.name == "tidak ada data" and tanpa.showlegend and not tanpa.showscale
    assert {c for _, c in tanpa.colorscale} == {peta.WARNA_TANPA_DATA}
    assert "tidak ada data" in tanpa.hovertemplate
    assert peta.peta_choropleth(g, nilai, bahasa="en").data[1].name == "no data"


def test_nilai_dari_kolom_dan_angka_format_indonesia():
    g = geo.batas("18.02", "kecamatan").assign(penduduk=np.arange(28) * 1000 + 1234.5)
    fig = peta.peta_choropleth(g, "penduduk", label_nilai="jiwa", hover={"kode_wilayah": "Kode"})
    assert fig.data[0].customdata[1][1] == "2.234,5"  # format.angka: Indonesian separators
    assert "Kode: %{customdata[2]}" in fig.data[0].hovertemplate
    assert fig.layout.separators == ",."
    assert peta.peta_choropleth(g, "penduduk", bahasa="en").data[0].customdata[1][1] == "2,234.5"


def test_gaya_luring_dan_tanpa_peta_dasar_bawaan():
    fig = peta.peta_choropleth(geo.batas("18.02", "desa"), pd.Series(dtype=float))
    assert fig.layout.map.style == "white-bg" and fig.layout.map.layers == ()
    assert "http" not in teks_tampil(fig).split('"template"')[0]


def test_peta_dasar_dari_pengaturan(monkeypatch):
    url = "http://127.0.0.1:8080/ubin/{z}/{x}/{y}.png"
    monkeypatch.setenv("DASBOR_PETA_DASAR_URL", url)
    fig = peta.peta_choropleth(geo.batas("18.02", "kecamatan"), pd.Series(dtype=float))
    (lapisan,) = fig.layout.map.layers
    assert (lapisan.sourcetype, list(lapisan.source), lapisan.below) == ("raster", [url], "traces")
    assert peta.peta_choropleth(geo.batas("18.02", "kecamatan"), pd.Series(dtype=float),
                                peta_dasar="").layout.map.layers == ()
    # a schematic layout at a made-up place never gets a real basemap under it
    assert peta.peta_choropleth(geo.batas("52.02", "kecamatan"), pd.Series(dtype=float)).layout.map.layers == ()


def test_catatan_batas_skematis():
    fig = peta.peta_choropleth(geo.batas("18.02", "desa"), pd.Series(dtype=float), bahasa="en")
    assert [a.text for a in fig.layout.annotations] == ["Schematic boundaries — not official"]
    nominal = peta.peta_choropleth(geo.batas("52.02", "desa"), pd.Series(dtype=float))
    assert "lokasi nominal" in nominal.layout.annotations[0].text
    assert "(batas skematis)" in fig.data[1].customdata[0][0] or "(schematic boundary)" in fig.data[1].customdata[0][0]


@pytest.mark.skipif(not (REFERENSI / "5202_desa.geojson").exists(), reason=f"no reference files at {REFERENSI}")
def test_catatan_sebagian_skematis_dan_tanpa_catatan_untuk_batas_nyata():
    g = geo.batas("52.02", "desa", batas_desa=REFERENSI / "5202_desa.geojson")
    fig = peta.peta_choropleth(g, pd.Series(dtype=float))
    assert fig.layout.annotations[0].text.startswith("15 dari 154 desa/kelurahan berbatas skematis")
    assert list(fig.data[1].locations[-15:]) == sorted(g.loc[g["geometri_skematis"], "kode_wilayah"])  # on top
    nyata = geo.batas("18.02", "desa", batas_desa=REFERENSI / "1802_desa.geojson")
    assert peta.peta_choropleth(nyata, pd.Series(dtype=float)).layout.annotations == ()


def test_tampilan_dihitung_dari_batas():
    # 700 px wide, world = 512·2^z px: a span of 700/512·360/2^8 degrees at the equator is zoom 8
    lebar = 700 / 512 * 360 / 2**8
    pusat, zoom = peta.tampilan((100.0, -0.001, 100.0 + lebar, 0.001))
    assert zoom == pytest.approx(8 - 0.15)
    assert pusat["lon"] == pytest.approx(100 + lebar / 2) and pusat["lat"] == pytest.approx(0, abs=1e-9)
    fig = peta.peta_choropleth(geo.batas("18.02", "kecamatan"), pd.Series(dtype=float))
    x0, y0, x1, y1 = geo.batas("18.02", "kecamatan").total_bounds
    assert x0 < fig.layout.map.center.lon < x1 and y0 < fig.layout.map.center.lat < y1
    assert 7.5 < fig.layout.map.zoom < 9.5


# --- payload ------------------------------------------------------------------------------------

def test_muatan_peta_desa_skematis_di_bawah_1_mb():
    g = geo.batas("18.02", "desa")
    fig = peta.peta_choropleth(g, pd.Series(np.linspace(0, 100, 311), index=g["kode_wilayah"]), judul="x")
    assert len(fig.to_json()) <= 1_000_000


@pytest.mark.skipif(not (REFERENSI / "1802_desa.geojson").exists(), reason=f"no reference files at {REFERENSI}")
def test_muatan_peta_desa_nyata_di_bawah_1_mb():
    g = geo.batas("18.02", "desa", batas_desa=REFERENSI / "1802_desa.geojson")
    assert not g["geometri_skematis"].any()
    fig = peta.peta_choropleth(g, pd.Series(np.linspace(0, 100, 311), index=g["kode_wilayah"]), judul="x",
                               hover={"kode_wilayah": "Kode"})
    assert len(fig.to_json()) <= 1_000_000
    # simplified, not mangled: each village keeps ≥ 97 % of its area
    bentuk = peta.geojson_ringkas(g)
    luas = np.array([shapely.geometry.shape(bentuk[k]).area for k in g["kode_wilayah"]])
    assert (luas / shapely.area(g.geometry.array)).min() > 0.97


def test_muatan_peta_titik_10_ribu_di_bawah_1_mb():
    desa = geo.batas("18.02", "desa")["kode_wilayah"].to_numpy()
    rng = np.random.default_rng(0)
    kode = rng.choice(desa, 12_000)
    lat, lon = geo.titik_acak(kode, rng, "18.02")
    d = pd.DataFrame({"lat": lat, "lon": lon, "kode_wilayah": kode, "id_aduan": [f"ADU-{i:06d}" for i in range(12_000)],
                      "status_jalan": rng.choice(["nasional", "provinsi", "kabupaten", "desa"], 12_000)})
    fig = peta.peta_titik(d, warna="status_jalan", hover=["id_aduan"])
    assert sum(len(t.lat) for t in fig.data) == 10_000  # the default cap, said on the map
    assert any("10.000 dari 12.000" in a.text for a in fig.layout.annotations)
    assert len(fig.to_json()) <= 1_000_000


# --- points -------------------------------------------------------------------------------------

def test_peta_titik_klaster_dan_gaya_tanpa_permintaan_keluar():
    d = pd.DataFrame({"lat": [-5.0, -4.9, np.nan], "lon": [105.1, 105.2, 105.0], "jenis": ["a", "b", "a"],
                      "kode_wilayah": ["18.02.16.2001", "18.02.07.1001", None]})
    fig = peta.peta_titik(d, warna="jenis", warna_kategori={"a": "#ff0000"})
    assert [t.name for t in fig.data] == ["a", "b"] and sum(len(t.lat) for t in fig.data) == 2  # NaN left out
    assert all(t.cluster.enabled for t in fig.data) and fig.data[0].cluster.color == "#ff0000"
    gaya = fig.layout.map.style
    assert gaya["layers"][0]["type"] == "background" and gaya["glyphs"].startswith("data:")
    assert "http" not in json.dumps(gaya)
    (garis,) = fig.layout.map.layers  # faint kecamatan outline of the points' district
    assert garis.type == "line" and len(garis.source["features"]) == 28
    assert fig.layout.annotations[0].text == "Batas skematis — bukan batas resmi"
    tanpa_klaster = peta.peta_titik(d, cluster=False, batas=False)
    assert tanpa_klaster.layout.map.style == "white-bg" and not tanpa_klaster.data[0].cluster.enabled
    assert tanpa_klaster.layout.map.layers == ()


def test_peta_titik_warna_angka():
    d = pd.DataFrame({"lat": [-5.0, -4.9], "lon": [105.1, 105.2], "dukungan": [3, 12]})
    fig = peta.peta_titik(d, warna="dukungan", hover=["dukungan"])
    (t,) = fig.data
    assert list(t.marker.color) == [3, 12] and t.marker.showscale
    assert [r[0] for r in t.customdata] == ["3", "12"]


def test_bahasa_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match="bahasa"):
        peta.peta_choropleth(geo.batas("18.02", "kecamatan"), pd.Series(dtype=float), bahasa="fr")
    with pytest.raises(ValueError, match="bahasa"):
        peta.peta_titik(pd.DataFrame({"lat": [], "lon": []}), bahasa="fr")


def test_geojson_ringkas_dibulatkan_5_desimal():
    f = peta.geojson_ringkas(geo.batas("18.02", "kecamatan"))
    xy = np.array(f["18.02.01"]["coordinates"][0])
    assert np.allclose(xy, np.round(xy, 5)) and not math.isnan(xy.sum())
