"""The shipped geography (data/geo/): real kecamatan outlines for every district, village cells from
real centres, the real polygons of 18.02 and 52.02, an imported file still wins, and the files stay small."""
import gzip
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from indicators.dasar.pengaturan import AKAR
from indicators.tampilan import peta
from indicators.wilayah import batas as geo
from indicators.wilayah import daftar, geografi

GEO = AKAR / "data" / "geo"
REFERENSI = AKAR.parent / "shared" / "reference"
# the first and last kabupaten/kota (from the register) of a province in each island group, and every
# kabupaten/kota of two provinces
PROVINSI = ["11", "21", "31", "33", "51", "53", "61", "65", "73", "81", "91", "94", "96"]
SAMPEL = [k for p in PROVINSI for k in (daftar.daftar_kabupaten(p)[0], daftar.daftar_kabupaten(p)[-1])]
SEMUA_DUA = daftar.daftar_kabupaten("18") + daftar.daftar_kabupaten("52")


@pytest.fixture(autouse=True)
def bawaan(monkeypatch, tmp_path):
    for nama in ("DASBOR_BATAS_KECAMATAN", "DASBOR_BATAS_DESA", "DASBOR_GEOGRAFI_BAWAAN"):
        monkeypatch.delenv(nama, raising=False)
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "dasbor.duckdb"))


def km2(geom) -> np.ndarray:
    return gpd.GeoSeries(geom, crs="EPSG:4326").to_crs(6933).area.to_numpy() / 1e6


@pytest.mark.parametrize("kode", sorted(set(SAMPEL + SEMUA_DUA)))
def test_setiap_kabupaten_punya_geografi_nyata_lengkap(kode):
    reg_kec, reg_desa = daftar.daftar_wilayah(kode, "kecamatan"), daftar.daftar_wilayah(kode, "desa")
    kec, desa = geo.batas(kode, "kecamatan"), geo.batas(kode, "desa")
    # every unit of the register exactly once, valid, non-empty polygons
    assert kec["kode_wilayah"].tolist() == reg_kec["kode_wilayah"].tolist()
    assert sorted(desa["kode_wilayah"]) == sorted(reg_desa["kode_wilayah"]) and desa["kode_wilayah"].is_unique
    for g in (kec, desa):
        assert g.geometry.is_valid.all() and not g.geometry.is_empty.any()
        assert set(g.geom_type) <= {"Polygon", "MultiPolygon"}
    # real kecamatan outlines, never the ring of the nominal layout
    assert not kec["geometri_skematis"].any() and not kec.attrs["lokasi_nominal"]
    assert "wilayah_boundaries" in kec.attrs["sumber"]
    # the outline lies where the register's own district centre is (kabupaten_pusat.csv, 5 decimals):
    # within 0.5° of the kecamatan union (a centre can sit in the sea of an island district)
    berkas_pusat = REFERENSI / "indonesia" / "kabupaten_pusat.csv"
    pusat = pd.read_csv(berkas_pusat, dtype={"kode": str}).set_index("kode") if berkas_pusat.exists() else None
    if pusat is not None and kode in pusat.index:
        p = shapely.Point(pusat.at[kode, "lon"], pusat.at[kode, "lat"])
        assert shapely.union_all(kec.geometry.array).distance(p) < 0.5
    # a village cell lies in its own kecamatan (cells are clipped to it)
    induk = kec.set_index("kode_wilayah").geometry
    titik = desa.geometry.representative_point()
    di_dalam = shapely.contains(induk.loc[desa["kode_wilayah"].str[:8]].array, titik.array)
    assert di_dalam.mean() > 0.97


def test_sel_perkiraan_dari_titik_pusat_desa_yang_sebenarnya():
    """11.01: no village polygons shipped; each village's real centre (inside its kecamatan) lies in
    its own cell, and the cells of a kecamatan cover it without overlap."""
    desa, kec = geo.batas("11.01", "desa"), geo.batas("11.01", "kecamatan")
    assert desa["geometri_skematis"].all() and desa.attrs["perkiraan"] and not desa.attrs["lokasi_nominal"]
    assert "perkiraan" in desa.attrs["sumber"]
    pusat = geografi.pusat_desa("11.01").set_index("kode_wilayah")
    induk = kec.set_index("kode_wilayah").geometry
    d = desa.set_index("kode_wilayah").loc[pusat.index]
    p = shapely.points(pusat["lon"].to_numpy(), pusat["lat"].to_numpy())
    dalam_kec = shapely.contains(induk.loc[pusat.index.str[:8]].array, p)
    assert dalam_kec.mean() > 0.9
    dalam_sel = shapely.intersects(d.geometry.array[dalam_kec], p[dalam_kec])
    assert dalam_sel.all()
    for k, bagian in desa.groupby(desa["kode_wilayah"].str[:8]):
        luas_sel, luas_kec = km2(bagian.geometry.array).sum(), km2([induk.loc[k]])[0]
        assert luas_sel == pytest.approx(luas_kec, rel=0.01)  # cells tile the kecamatan: no overlap, no gap


def test_1802_dan_5202_batas_desa_nyata():
    d18, d52 = geo.batas("18.02", "desa"), geo.batas("52.02", "desa")
    assert not d18["geometri_skematis"].any() and not d18.attrs["skematis"] and not d18.attrs["perkiraan"]
    # SOURCE.md: 139 of 154 villages of 52.02 have a polygon; the 15 others are estimated discs
    assert int(d52["geometri_skematis"].sum()) == 15 and len(d52) == 154
    if (REFERENSI / "geo" / "1802_desa.geojson").exists():
        asli = gpd.read_file(REFERENSI / "geo" / "1802_desa.geojson").set_index("kode")
        g = d18.set_index("kode_wilayah")
        iou = (shapely.area(shapely.intersection(g.geometry.loc[asli.index].array, asli.geometry.array))
               / shapely.area(shapely.union(g.geometry.loc[asli.index].array, asli.geometry.array)))
        assert iou.min() > 0.999  # the shipped file is the reference file, only gzipped
    # 52.02 kecamatan outlines are the real ones: the area of Lombok Tengah, 1,208 km² (BPS), within 5 %
    assert km2(geo.batas("52.02", "kecamatan").geometry.array).sum() == pytest.approx(1208, rel=0.05)


def test_impor_tetap_menggantikan_geografi_bawaan(tmp_path, monkeypatch):
    """A boundary file (here: one kecamatan of 18.02 as a square) replaces the shipped outline for the
    units it has; villages are then cells from the real centres inside the file's kecamatan."""
    kotak = shapely.box(104.9, -5.3, 105.0, -5.2)
    p = tmp_path / "kec.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": "18.02.01"}, "geometry": json.loads(shapely.to_geojson(kotak))}]}))
    monkeypatch.setenv("DASBOR_BATAS_KECAMATAN", str(p))
    kec = geo.batas("18.02", "kecamatan")
    assert kec.set_index("kode_wilayah").geometry.loc["18.02.01"].equals(kotak)
    desa = geo.batas("18.02", "desa")
    sel = desa[desa["kode_wilayah"].str.startswith("18.02.01.")]
    assert len(sel) == 17 and sel["geometri_skematis"].all()
    assert km2(sel.geometry.array).sum() == pytest.approx(km2([kotak])[0], rel=0.001)


def test_tanpa_geografi_bawaan_kembali_skematis(monkeypatch):
    monkeypatch.setenv("DASBOR_GEOGRAFI_BAWAAN", "false")
    g = geo.batas("52.02", "kecamatan")
    assert g["geometri_skematis"].all() and g.attrs["lokasi_nominal"]


def test_peta_menyebut_batas_perkiraan():
    fig = peta.peta_choropleth(geo.batas("11.01", "desa"), pd.Series(dtype=float), bahasa="id")
    teks = [a.text for a in fig.layout.annotations]
    assert teks == ["Batas desa perkiraan — sel dari titik pusat desa yang sebenarnya, bukan batas resmi"]
    assert not peta.peta_choropleth(geo.batas("52.02", "kecamatan"), pd.Series(dtype=float)).layout.annotations


def test_berkas_ringkas_dan_berlisensi():
    berkas = [p for p in GEO.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in berkas) < 4_000_000
    assert (GEO / "LICENSE-cahyadsn-wilayah_boundaries.txt").read_text().startswith("MIT License")
    assert "3c5a7960f4d227a38489094d84252bdbb3f978a5" in (GEO / "SUMBER.md").read_text()
    provinsi = sorted(p.name.split(".")[0] for p in (GEO / "kecamatan").glob("*.geojson.gz"))
    assert len(provinsi) == 38
    with gzip.open(GEO / "kecamatan" / "52.geojson.gz", "rt") as f:
        fitur = json.load(f)["features"]
    assert len(fitur) == 117  # SOURCE.md: 117 kecamatan in Nusa Tenggara Barat
