"""Roads as data (issue 14, item 3): road files in any CRS read as ruas_jalan lines, lengths measured in
metres, attributes mapped, refusals listed, the network stored and read back as geometry.

Lines are built in UTM 48S (EPSG:32748, metres) near Gunung Sugih, so their lengths are known by
construction: a 3-4-5 triangle leg of 3000 m × 4000 m is 5000 m long.
"""
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, MultiLineString, Point

from indicators.data.gudang import Gudang
from indicators.data.impor_jalan import baca_jalan_unggahan, baca_nilai
from indicators.wilayah.jalan import crs_metrik, jaringan, panjang_km

X0, Y0 = 500_000.0, 9_450_000.0  # lon 105°, lat ≈ -4.97° in zone 48S


@pytest.fixture(autouse=True)
def gudang_sendiri(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "gudang" / "dasbor.duckdb"))
    monkeypatch.delenv("DASBOR_BATAS_KECAMATAN", raising=False)
    monkeypatch.delenv("DASBOR_BATAS_DESA", raising=False)


def garis(dx: float, dy: float, x: float = X0, y: float = Y0) -> LineString:
    return LineString([(x, y), (x + dx, y + dy)])


def register_pu() -> gpd.GeoDataFrame:
    """A PU-style register with geometry: its own column names, stated lengths, condition per segment."""
    return gpd.GeoDataFrame({
        "No Ruas": ["001", "002", "003", "004", "005"],
        "Nama Ruas": ["Jl. Lintas Tengah", "Jl. Gunung Sugih - Terbanggi", "Jl. Desa Bandar", "Jl. Tol?", "Titik"],
        "Status": ["Jalan Provinsi", "Kabupaten", "Jalan Desa", "Tol", "Provinsi"],
        "Panjang (km)": ["5,0", "", "", "1", "1"],
        "Kondisi": ["Rusak Berat", "Baik", "", "Baik", "Baik"],
    }, geometry=[garis(3000, 4000), MultiLineString([garis(1000, 0), garis(0, 2000, X0 + 2000)]),
                 garis(0, 1500, X0 - 3000), garis(500, 0), Point(X0, Y0)], crs="EPSG:32748")


def test_crs_metrik_zona_utm_dari_geometri():
    # hand: zone = floor((lon + 180) / 6) + 1; south of the equator 327xx, north 326xx
    assert crs_metrik(gpd.GeoSeries.from_xy([105.0], [-5.0])).to_epsg() == 32748
    assert crs_metrik(gpd.GeoSeries.from_xy([116.3], [-8.7])).to_epsg() == 32750   # Lombok
    assert crs_metrik(gpd.GeoSeries.from_xy([140.7], [-2.5])).to_epsg() == 32754   # Jayapura


def test_panjang_diukur_dalam_meter_bukan_derajat_atau_mercator(tmp_path):
    """A 5000 m line saved in Web Mercator (whose units stretch away from the equator) is 5.000 km."""
    g = gpd.GeoDataFrame({"status_jalan": ["nasional"], "nama_ruas": ["Jl. Lintas"]}, geometry=[garis(3000, 4000)],
                         crs="EPSG:32748")
    merc = g.to_crs(3857)
    assert merc.length.iloc[0] > 5015  # a length in the file's own units would be wrong by more than the tolerance
    p = tmp_path / "jalan.gpkg"
    merc.to_file(p)
    ruas, lap = baca_jalan_unggahan(p.read_bytes(), p.name, "18.02")
    assert lap["reprojected"] and lap["crs_metrik"] == "EPSG:32748"
    assert ruas.loc[0, "panjang_km"] == pytest.approx(5.0, abs=0.002)
    assert panjang_km(g.to_crs(4326).geometry).iloc[0] == pytest.approx(5.0, abs=0.002)


def test_register_pu_dipetakan_dan_penolakan_didaftar(tmp_path):
    p = tmp_path / "register.gpkg"
    register_pu().to_file(p)
    ruas, lap = baca_jalan_unggahan(p.read_bytes(), p.name, "18.02")
    assert lap["kolom"] == {"id_ruas": "no_ruas", "nama_ruas": "nama_ruas", "status_jalan": "status",
                            "panjang_km": "panjang_km", "kondisi": "kondisi"}
    assert ruas["id_ruas"].tolist() == ["001", "002", "003"]
    assert ruas["status_jalan"].tolist() == ["provinsi", "kabupaten", "desa"]
    # stated 5,0 km kept; the MultiLineString's two parts 1000 m + 2000 m; the village road 1500 m
    assert ruas["panjang_km"].tolist() == pytest.approx([5.0, 3.0, 1.5], abs=0.002)
    assert ruas["kondisi"].tolist()[:2] == ["rusak_berat", "baik"] and ruas["kondisi"].isna().iloc[2]
    assert [d["fitur"] for d in lap["ditolak"]] == [4, 5]
    assert "kewenangan tidak dikenal: 'Tol'" in lap["ditolak"][0]["alasan"]
    assert lap["ditolak"][1]["alasan"].startswith("bukan garis (Point)")
    assert lap["km_per_status"] == {"nasional": 0.0, "provinsi": 5.0, "kabupaten": 3.0, "desa": 1.5, "total": 9.5}
    # every kept segment lies in a kecamatan of 18.02 (from its midpoint)
    assert ruas["kode_wilayah"].str.startswith("18.02.").all()


def test_panjang_tertulis_jauh_dari_garis_dilaporkan(tmp_path):
    g = register_pu().iloc[:1].copy()
    g["Panjang (km)"] = "9,0"  # the line is 5 km
    p = tmp_path / "r.geojson"
    g.to_crs(4326).to_file(p)
    ruas, lap = baca_jalan_unggahan(p.read_bytes(), p.name, "18.02")
    assert ruas.loc[0, "panjang_km"] == 9.0
    assert lap["panjang_berbeda"] == [{"fitur": 1, "panjang_km": 9.0, "panjang_garis_km": 5.0}]


def test_osm_shapefile_zip_dengan_map_dan_kelas_perkiraan(tmp_path):
    """A Geofabrik-style OSM extract: name/fclass/ref; the authority estimated from the class and said so."""
    g = gpd.GeoDataFrame({"osm_id": ["11", "12", "13"], "name": ["Jalan Raya", None, "Gang"],
                          "fclass": ["primary", "residential", "footway"], "ref": [None, "7", None],
                          "kls": ["baik", "rb", "baik"]},
                         geometry=[garis(1000, 0), garis(0, 1000), garis(200, 0, X0, Y0 + 500)], crs="EPSG:32748")
    d = tmp_path / "osm"
    d.mkdir()
    g.to_file(d / "roads.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in sorted(d.iterdir()):
            z.write(f, f.name)
    ruas, lap = baca_jalan_unggahan(buf.getvalue(), "roads.zip", "18.02", ["kls=kondisi"])
    assert ruas["id_ruas"].tolist() == ["11", "12"]
    assert ruas["nama_ruas"].tolist() == ["Jalan Raya", "Jalan 7"]
    assert ruas["status_jalan"].tolist() == ["provinsi", "desa"]
    assert ruas["kondisi"].tolist() == ["baik", "rusak_berat"]
    assert any("diperkirakan dari kelas jalan OSM" in c for c in lap["catatan"])
    assert lap["ditolak"] == [{"fitur": 3, "alasan": "kelas jalan OSM 'footway' bukan jalan kendaraan yang diadukan"}]


def test_tanpa_kolom_kewenangan_galat_jelas(tmp_path):
    g = gpd.GeoDataFrame({"nama": ["Jl. A"]}, geometry=[garis(100, 0)], crs="EPSG:32748")
    p = tmp_path / "a.gpkg"
    g.to_file(p)
    with pytest.raises(ValueError, match="tidak punya kolom kewenangan"):
        baca_jalan_unggahan(p.read_bytes(), p.name, "18.02")
    with pytest.raises(ValueError, match="bukan GeoPackage"):
        baca_jalan_unggahan(b"bukan sqlite", "a.gpkg", "18.02")


def test_nilai_kewenangan_dan_kondisi_dibaca_lewat_deklarasi():
    import pandas as pd

    assert baca_nilai(pd.Series(["JALAN NASIONAL", "Jl. Kota", "p"]), "status_jalan").tolist() == [
        "nasional", "kabupaten", "provinsi"]
    assert baca_nilai(pd.Series(["Rusak-Ringan", "S"]), "kondisi").tolist() == ["rusak_ringan", "sedang"]


def test_cli_roads_simpan_lalu_jaringan(tmp_path):
    p = tmp_path / "register.gpkg"
    register_pu().to_file(p)
    store = tmp_path / "s.duckdb"
    r = subprocess.run([sys.executable, "-m", "indicators", "roads", str(p), "--district", "18.02", "--store",
                        str(store), "--format", "json"], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert r.returncode == 0, r.stderr
    lap = json.loads(r.stdout)
    assert lap["segments"] == 3 and lap["stored"]["baru"] == 3 and lap["km_per_status"]["total"] == 9.5
    g = Gudang(store)
    try:
        net = jaringan(g.baca("ruas_jalan"))
    finally:
        g.tutup()
    assert net.crs.to_epsg() == 4326 and len(net) == 3 and net.attrs["tanpa_geometri"] == 0
    assert set(net.geom_type) == {"LineString", "MultiLineString"}
    assert panjang_km(net.geometry).round(2).tolist() == [5.0, 3.0, 1.5]
    bad = subprocess.run([sys.executable, "-m", "indicators", "roads", str(tmp_path / "tidak_ada.gpkg"),
                          "--district", "18.02"], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert bad.returncode == 2 and "berkas tidak ditemukan" in bad.stderr
