"""Geometry: every register unit exactly once, honest schematic cells, the real-file loader, points.

Real boundary files are read from ``../shared/reference/geo/`` (SOURCE.md there), never copied.
"""
import json
import re
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.dasar.pengaturan import AKAR
from indicators.wilayah import batas as geo
from indicators.wilayah import daftar as wilayah

REFERENSI = AKAR.parent / "shared" / "reference" / "geo"
DATA_MD = AKAR.parent / "shared" / "spec" / "DATA.md"
perlu_referensi = pytest.mark.skipif(
    not (REFERENSI / "1802_desa.geojson").exists(),
    reason=f"real boundary files not present at {REFERENSI} (shared reference data, not part of the repo)",
)
# SOURCE.md, "Villages of 52.02 with no polygon (15)"
DESA_5202_TANPA_POLIGON = [
    "52.02.03.2011", "52.02.04.2017", "52.02.04.2018", "52.02.06.2011", "52.02.06.2012", "52.02.06.2013",
    "52.02.06.2014", "52.02.07.2013", "52.02.07.2014", "52.02.07.2015", "52.02.07.2016", "52.02.09.2012",
    "52.02.09.2013", "52.02.10.2013", "52.02.11.2012",
]


@pytest.fixture(autouse=True)
def tanpa_berkas_batas(monkeypatch, tmp_path):
    """Tests start from the embedded default (no boundary file), whatever the environment says: no
    settings file, and a store folder of their own (boundaries imported into a store live beside it)."""
    monkeypatch.delenv("DASBOR_BATAS_KECAMATAN", raising=False)
    monkeypatch.delenv("DASBOR_BATAS_DESA", raising=False)
    monkeypatch.setenv("DASBOR_GEOGRAFI_BAWAAN", "false")  # the schematic path; the shipped one: test_geografi.py
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "dasbor.duckdb"))


def luas_km2(g) -> np.ndarray:
    """Areas in km² (equal-area EPSG:6933)."""
    seri = gpd.GeoSeries(g.geometry.array if hasattr(g, "geometry") else g, crs="EPSG:4326")
    return seri.to_crs(6933).area.to_numpy() / 1e6


def tulis_geojson(gdf: gpd.GeoDataFrame, path: Path) -> Path:
    gdf.to_file(path, driver="GeoJSON")
    return path


# --- the facts table ----------------------------------------------------------------------------

def test_tabel_fakta_sama_dengan_data_md():
    f = pd.read_csv(AKAR / "data" / "pusat_kecamatan.csv", dtype={"kode": str})
    reg = wilayah.daftar_wilayah("18.02", "kecamatan")
    assert f["kode"].tolist() == reg["kode_wilayah"].tolist()
    assert f["kecamatan"].tolist() == reg["nama"].tolist()
    assert f["luas_km2"].sum() == 4558  # docs/data.md: "≈ 4.700 km²"; the table's own sum
    if not DATA_MD.exists():
        pytest.skip(f"spec not present at {DATA_MD}")
    bagian = DATA_MD.read_text(encoding="utf-8").split("Facts for a schematic default map of Lampung Tengah")[1]
    baris = [[x.strip() for x in b.strip().strip("|").split("|")] for b in bagian.splitlines()
             if re.match(r"\| 18\.02\.\d\d", b)]
    spec = pd.DataFrame(baris, columns=["kode", "kecamatan", "lat", "lon", "luas_km2"])
    pd.testing.assert_frame_equal(f, spec.astype({"lat": float, "lon": float, "luas_km2": int}))


# --- every unit exactly once --------------------------------------------------------------------

@pytest.mark.parametrize(("kode", "tingkat", "n"), [
    ("18.02", "kabupaten", 1), ("18.02", "kecamatan", 28), ("18.02", "desa", 311),
    ("52.02", "kabupaten", 1), ("52.02", "kecamatan", 12), ("52.02", "desa", 154),
])
def test_setiap_unit_register_tepat_sekali(kode, tingkat, n):
    g = geo.batas(kode, tingkat)
    reg = wilayah.daftar_wilayah(kode, tingkat)
    assert list(g.columns) == ["kode_wilayah", "nama", "geometri_skematis", "geometry"]
    assert len(g) == n and g["kode_wilayah"].tolist() == reg["kode_wilayah"].tolist()
    assert g["nama"].tolist() == reg["nama"].tolist()
    assert g.crs.to_epsg() == 4326
    assert g.is_valid.all() and not g.is_empty.any()
    assert g.attrs["skematis"] is True and g["geometri_skematis"].all()
    assert "skematis" in g.attrs["sumber"].lower()


def test_tingkat_salah_ditolak():
    with pytest.raises(ValueError, match="tingkat"):
        geo.batas("18.02", "provinsi")


def test_hasil_adalah_salinan():
    g = geo.batas("18.02", "kecamatan")
    g.loc[0, "nama"] = "diubah"
    g.attrs["sumber"] = "diubah"
    assert geo.batas("18.02", "kecamatan").loc[0, "nama"] == "Kalirejo"
    assert geo.batas("18.02", "kecamatan").attrs["sumber"] != "diubah"


# --- schematic cells ----------------------------------------------------------------------------

@pytest.mark.parametrize("kode", ["18.02", "52.02"])
@pytest.mark.parametrize("tingkat", ["kecamatan", "desa"])
def test_sel_skematis_tidak_bertumpuk(kode, tingkat):
    g = geo.batas(kode, tingkat)
    jumlah = luas_km2(g).sum()
    gabungan = luas_km2(gpd.GeoSeries([shapely.union_all(g.geometry.array)]))[0]
    assert jumlah == pytest.approx(gabungan, rel=1e-3)


def test_kecamatan_skematis_memuat_titik_pusat_dan_mendekati_luas_fakta():
    g = geo.batas("18.02", "kecamatan")
    f = geo.pusat_kecamatan("18.02")
    assert shapely.contains_xy(g.geometry.array, f["lon"], f["lat"]).all()
    rel = luas_km2(g) / f["luas_km2"].to_numpy() - 1
    assert np.abs(rel).max() < 0.15  # Way Seputih stays ≈ +11 %: its centre must stay inside
    assert (np.abs(rel) < 0.03).sum() >= 26
    assert luas_km2(g).sum() == pytest.approx(4558, rel=0.01)
    x0, y0, x1, y1 = g.total_bounds  # docs/data.md: 104.55–105.91 °E, 4.48–5.27 °S
    assert (x0, y0) >= (104.55 - 1e-6, -5.27 - 1e-6) and (x1, y1) <= (105.91 + 1e-6, -4.48 + 1e-6)


@pytest.mark.parametrize("kode", ["18.02", "52.02"])
def test_desa_skematis_di_dalam_kecamatannya(kode):
    desa = geo.batas(kode, "desa")
    kec = geo.batas(kode, "kecamatan").set_index("kode_wilayah").geometry
    induk = shapely.buffer(kec.loc[desa["kode_wilayah"].str[:8]].array, 1e-7)
    assert shapely.contains(induk, desa.geometry.array).all()
    assert (luas_km2(desa) > 0.5).all()


def test_skematis_deterministik():
    sebelum = geo.batas("18.02", "desa")
    geo._batas.cache_clear()
    geo._kecamatan_skematis.cache_clear()
    sesudah = geo.batas("18.02", "desa")
    assert (shapely.to_wkb(sebelum.geometry.array) == shapely.to_wkb(sesudah.geometry.array)).all()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(wilayah.daftar_kabupaten()))
def test_kabupaten_lain_skematis_lengkap_dan_sah(kode):
    for tingkat in ("kecamatan", "desa"):
        g = geo.batas(kode, tingkat)
        assert g["kode_wilayah"].tolist() == wilayah.daftar_wilayah(kode, tingkat)["kode_wilayah"].tolist()
        assert g.is_valid.all() and not g.is_empty.any()
        assert luas_km2(g).sum() == pytest.approx(luas_km2(gpd.GeoSeries([g.union_all()]))[0], rel=1e-3)
        x0, y0, x1, y1 = g.total_bounds
        bx0, by0, bx1, by1 = geo.BBOX_INDONESIA
        assert bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1
    assert g.attrs["lokasi_nominal"] is True and "nominal" in g.attrs["sumber"]


# --- points -------------------------------------------------------------------------------------

def test_titik_acak_jatuh_di_desanya_dan_deterministik():
    kode = np.random.default_rng(5).choice(geo.batas("18.02", "desa")["kode_wilayah"].to_numpy(), 3000)
    lat, lon = geo.titik_acak(kode, np.random.default_rng(7), "18.02")
    np.testing.assert_array_equal(geo.kode_dari_titik(lat, lon, "18.02"), kode)
    lat2, lon2 = geo.titik_acak(kode, np.random.default_rng(7), "18.02")
    np.testing.assert_array_equal(lat, lat2)
    np.testing.assert_array_equal(lon, lon2)


def test_titik_acak_kode_kecamatan_dan_kode_tak_dikenal():
    lat, lon = geo.titik_acak(["18.02.05", "18.02.99.2999", None], np.random.default_rng(0))
    assert geo.kode_dari_titik(lat[:1], lon[:1], "18.02", "kecamatan").tolist() == ["18.02.05"]
    assert np.isnan(lat[1:]).all() and np.isnan(lon[1:]).all()


def test_titik_acak_merata_dalam_desa():
    """Uniform in area: the share of points in each half of a village matches the halves' areas."""
    desa = geo.batas("18.02", "desa").set_index("kode_wilayah").geometry["18.02.18.2001"]
    x0, _, x1, _ = desa.bounds
    kiri = desa.intersection(shapely.box(x0, -90, (x0 + x1) / 2, 90))
    _, lon = geo.titik_acak(["18.02.18.2001"] * 20_000, np.random.default_rng(3))
    assert (lon < (x0 + x1) / 2).mean() == pytest.approx(kiri.area / desa.area, abs=0.02)


def test_kode_dari_titik_di_luar_kabupaten_none():
    hasil = geo.kode_dari_titik([-5.214, 0.0, np.nan, -8.7], [104.981, 0.0, 105.0, 116.3], "18.02", "kecamatan")
    assert hasil.tolist() == ["18.02.01", None, None, None]


def test_titik_pusat_di_dalam_unitnya():
    for tingkat in ("kecamatan", "desa"):
        p = geo.titik_pusat("18.02", tingkat)
        assert geo.kode_dari_titik(p["lat"], p["lon"], "18.02", tingkat).tolist() == p["kode_wilayah"].tolist()


# --- the loader with real files -----------------------------------------------------------------

@perlu_referensi
def test_berkas_nyata_1802_desa_lengkap():
    g, lap = geo.baca_batas(REFERENSI / "1802_desa.geojson", "desa", "18.02")
    assert lap["matched"] == 311 and lap["missing"] == [] and lap["unmatched"] == []
    assert (lap["code_system"], lap["code_column"], lap["reprojected"]) == ("kemendagri", "kode", False)
    assert lap["swapped_latlon"] == lap["invalid_repaired"] == lap["outside_indonesia"] == lap["duplicates"] == []
    assert luas_km2(g).sum() == pytest.approx(4559.5, rel=1e-3)  # ≈ the facts' 4,558 km²


@perlu_referensi
def test_berkas_nyata_5202_desa_15_tanpa_poligon():
    g, lap = geo.baca_batas(REFERENSI / "5202_desa.geojson", "desa", "52.02")
    assert lap["matched"] == 139 == len(g)
    assert lap["missing"] == DESA_5202_TANPA_POLIGON
    assert lap["unmatched"] == []


@perlu_referensi
def test_batas_dengan_berkas_desa_mengisi_yang_hilang_secara_skematis():
    g = geo.batas("52.02", "desa", batas_desa=REFERENSI / "5202_desa.geojson")
    assert len(g) == 154 and g["kode_wilayah"].is_unique
    assert sorted(g.loc[g["geometri_skematis"], "kode_wilayah"]) == DESA_5202_TANPA_POLIGON
    assert g.attrs["skematis"] is True and g.attrs["jumlah_skematis"] == 15 and not g.attrs["lokasi_nominal"]
    assert g.attrs["laporan"]["matched"] == 139
    kec = geo.batas("52.02", "kecamatan", batas_desa=REFERENSI / "5202_desa.geojson")
    assert not kec["geometri_skematis"].any()  # dissolved from the villages, which cover every kecamatan
    cakram = g[g["geometri_skematis"]]
    induk = kec.set_index("kode_wilayah").geometry.loc[cakram["kode_wilayah"].str[:8]].array
    assert shapely.contains(shapely.buffer(induk, 1e-6), cakram.geometry.array).all()
    # a point under a schematic disc belongs to the real village beneath it
    titik = cakram.geometry.iloc[0].representative_point()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASBOR_BATAS_DESA", str(REFERENSI / "5202_desa.geojson"))
        assert geo.kode_dari_titik([titik.y], [titik.x], "52.02")[0] not in DESA_5202_TANPA_POLIGON


@perlu_referensi
def test_pengaturan_menunjuk_berkas_nyata(monkeypatch):
    monkeypatch.setenv("DASBOR_BATAS_DESA", str(REFERENSI / "1802_desa.geojson"))
    monkeypatch.setenv("DASBOR_BATAS_KECAMATAN", str(REFERENSI / "1802_kecamatan.geojson"))
    desa, kec = geo.batas("18.02", "desa"), geo.batas("18.02", "kecamatan")
    assert not desa["geometri_skematis"].any() and not kec["geometri_skematis"].any()
    assert desa.attrs["skematis"] is False and "1802_desa.geojson" in desa.attrs["sumber"]
    # the docs/data.md centres are facts "measured from public boundary data": inside the real kecamatan
    f = geo.pusat_kecamatan("18.02")
    assert geo.kode_dari_titik(f["lat"], f["lon"], "18.02", "kecamatan").tolist() == f["kode"].tolist()
    lat, lon = geo.titik_acak(desa["kode_wilayah"].to_numpy(), np.random.default_rng(0))
    assert geo.kode_dari_titik(lat, lon, "18.02").tolist() == desa["kode_wilayah"].tolist()


@perlu_referensi
def test_shapefile_zip_utm_kode_tanpa_titik(tmp_path):
    """A BIG-style export: zipped Shapefile in UTM zone 48S with undotted codes in KDEPUM."""
    asli = gpd.read_file(REFERENSI / "1802_desa.geojson")
    utm = asli.to_crs(32748).assign(KDEPUM=asli["kode"].str.replace(".", "", regex=False))[["KDEPUM", "geometry"]]
    utm.to_file(tmp_path / "batas_desa.shp")
    with zipfile.ZipFile(tmp_path / "batas_desa.zip", "w") as z:
        for f in tmp_path.glob("batas_desa.*"):
            if f.suffix != ".zip":
                z.write(f, f.name)
    g, lap = geo.baca_batas(tmp_path / "batas_desa.zip", "desa", "18.02")
    assert (lap["matched"], lap["crs"], lap["reprojected"], lap["code_column"]) == (311, "EPSG:32748", True, "KDEPUM")
    jarak = shapely.hausdorff_distance(g.geometry.array, asli.set_index("kode").geometry.loc[g["kode_wilayah"]].array)
    assert jarak.max() < 1e-6


@perlu_referensi
def test_geopackage_dibaca(tmp_path):
    asli = gpd.read_file(REFERENSI / "1802_kecamatan.geojson")
    asli.to_file(tmp_path / "kec.gpkg", driver="GPKG")
    _, lap = geo.baca_batas(tmp_path / "kec.gpkg", "kecamatan", "18.02")
    assert lap["matched"] == 28 and lap["missing"] == []


# --- the loader with bad inputs (fixtures built from the real file, named after their scenario) --

@pytest.fixture
def desa_asli():
    if not (REFERENSI / "1802_desa.geojson").exists():
        pytest.skip(f"real boundary files not present at {REFERENSI}")
    return gpd.read_file(REFERENSI / "1802_desa.geojson")


def test_batas_latlon_tertukar_ditandai_dan_diperbaiki(desa_asli, tmp_path):
    rusak = desa_asli.copy()
    tukar = rusak["kode"].isin(["18.02.01.2001", "18.02.05.2001"])
    rusak.loc[tukar, "geometry"] = shapely.transform(rusak.geometry.array[tukar.to_numpy()], lambda c: c[:, ::-1])
    g, lap = geo.baca_batas(tulis_geojson(rusak, tmp_path / "boundaries_swapped_latlon.geojson"), "desa", "18.02")
    assert lap["swapped_latlon"] == ["18.02.01.2001", "18.02.05.2001"] and lap["matched"] == 311
    asli = desa_asli.set_index("kode").geometry
    diperbaiki = g.set_index("kode_wilayah").geometry
    assert diperbaiki["18.02.01.2001"].equals_exact(asli["18.02.01.2001"], 1e-9)


def test_batas_cincin_tidak_sah_diperbaiki(desa_asli, tmp_path):
    rusak = desa_asli.copy()
    x0, y0, x1, y1 = rusak.geometry.iloc[0].bounds
    rusak.loc[0, "geometry"] = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0)])  # bow-tie
    g, lap = geo.baca_batas(tulis_geojson(rusak, tmp_path / "boundaries_bowtie_ring.geojson"), "desa", "18.02")
    assert lap["invalid_repaired"] == ["18.02.01.2001"]
    assert g.is_valid.all() and g.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")


def test_batas_di_luar_indonesia_tidak_digambar(desa_asli, tmp_path):
    rusak = desa_asli.copy()
    rusak.loc[3, "geometry"] = shapely.affinity.translate(rusak.geometry.iloc[3], xoff=60)
    _, lap = geo.baca_batas(tulis_geojson(rusak, tmp_path / "boundaries_outside_indonesia.geojson"), "desa", "18.02")
    assert lap["outside_indonesia"] == [rusak.loc[3, "kode"]] and lap["missing"] == [rusak.loc[3, "kode"]]
    assert lap["matched"] == 310


def test_batas_kode_asing_dan_ganda_dilaporkan(desa_asli, tmp_path):
    asing = desa_asli.iloc[[0]].assign(kode="18.02.99.2999")
    ganda = desa_asli.iloc[[1]]
    berkas = tulis_geojson(pd.concat([desa_asli, asing, ganda]), tmp_path / "boundaries_duplicate_and_unknown.geojson")
    g, lap = geo.baca_batas(berkas, "desa", "18.02")
    assert lap["unmatched"] == ["18.02.99.2999"] and lap["duplicates"] == [desa_asli.loc[1, "kode"]]
    assert lap["matched"] == 311 and g["kode_wilayah"].is_unique


def test_batas_kode_bps_dikenali_lalu_digabung_lewat_nama(desa_asli, tmp_path):
    # BPS numbers kecamatan 010, 020, … and villages 001, 002, …: another system, never joined as codes
    bps = desa_asli.assign(KDEBPS=lambda d: d["kode"].str[:2] + d["kode"].str[3:5] + d["kode"].str[6:8] + "0"
                           + d["kode"].str[-3:])
    nama_netral = tulis_geojson(bps[["KDEBPS", "geometry"]].rename(columns={"KDEBPS": "kode"}),
                                tmp_path / "boundaries_bps_codes_in_kode_column.geojson")
    assert geo.baca_batas(nama_netral, "desa", "18.02")[1]["code_system"] == "bps"  # known by shape alone
    tanpa_nama = tulis_geojson(bps[["KDEBPS", "geometry"]], tmp_path / "boundaries_bps_codes.geojson")
    g, lap = geo.baca_batas(tanpa_nama, "desa", "18.02")
    assert lap["code_system"] == "bps" and lap["code_column"] == "KDEBPS"
    assert lap["matched"] == 0 and len(lap["missing"]) == 311
    dengan_nama = tulis_geojson(bps[["KDEBPS", "nama", "kecamatan", "geometry"]],
                                tmp_path / "boundaries_bps_codes_with_names.geojson")
    g, lap = geo.baca_batas(dengan_nama, "desa", "18.02")
    assert lap["code_system"] == "bps (digabung lewat nama)" and lap["matched"] == 311
    assert g.set_index("kode_wilayah").geometry["18.02.01.2001"].equals(
        desa_asli.set_index("kode").geometry["18.02.01.2001"])


def test_berkas_tak_terbaca_jatuh_ke_skematis_dengan_peringatan(tmp_path):
    rusak = tmp_path / "boundaries_not_geojson.geojson"
    rusak.write_text("bukan geojson", encoding="utf-8")
    with pytest.raises(ValueError, match="tidak dapat dibaca"):
        geo.baca_batas(rusak, "desa", "18.02")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        g = geo.batas("18.02", "desa", batas_desa=rusak)
    assert g["geometri_skematis"].all() and g.attrs["peringatan"] and w
    with pytest.raises(ValueError, match="tidak ditemukan"):
        geo.baca_batas(tmp_path / "tidak_ada.geojson", "desa", "18.02")


def test_crs_tidak_dinyatakan_dianggap_wgs84(tmp_path):
    fitur = {"type": "Feature", "properties": {"kode": "18.02.01"},
             "geometry": {"type": "Point", "coordinates": [104.98, -5.21]}}
    p = tmp_path / "kec.json"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": [fitur]}), encoding="utf-8")
    _, lap = geo.baca_batas(p, "kecamatan", "18.02")
    assert lap["crs"] in ("EPSG:4326", "OGC:CRS84") or "dianggap" in lap["crs"]


def test_berkas_tingkat_salah_ditolak_bukan_digabung_lewat_nama(desa_asli, tmp_path):
    # village codes and names only: a village named like its kecamatan (Kalirejo) must not become it
    berkas = tulis_geojson(desa_asli[["kode", "nama", "geometry"]],
                           tmp_path / "boundaries_village_file_as_kecamatan.geojson")
    with pytest.raises(ValueError, match="tingkat lain"):
        geo.baca_batas(berkas, "kecamatan", "18.02")


def test_berkas_desa_dengan_kode_kecamatan_menjadi_kecamatan(desa_asli, tmp_path):
    """A village file that also carries kode_kecamatan joins at kecamatan level: parts dissolved."""
    g, lap = geo.baca_batas(tulis_geojson(desa_asli, tmp_path / "desa.geojson"), "kecamatan", "18.02")
    assert (lap["code_column"], lap["matched"], len(lap["duplicates"])) == ("kode_kecamatan", 28, 28)
    assert luas_km2(g).sum() == pytest.approx(luas_km2(desa_asli).sum(), rel=1e-3)


def test_kecamatan_yang_tidak_ada_di_berkas_diisi_sel_fakta(tmp_path):
    if not (REFERENSI / "1802_kecamatan.geojson").exists():
        pytest.skip(f"real boundary files not present at {REFERENSI}")
    kec = gpd.read_file(REFERENSI / "1802_kecamatan.geojson")
    berkas = tulis_geojson(kec[kec["kode"] != "18.02.23"], tmp_path / "kecamatan_without_kota_gajah.geojson")
    g = geo.batas("18.02", "kecamatan", batas_kecamatan=berkas)
    assert g["geometri_skematis"].tolist() == [k == "18.02.23" for k in g["kode_wilayah"]]
    sel = g.set_index("kode_wilayah").geometry["18.02.23"]
    assert sel.geom_type in ("Polygon", "MultiPolygon") and sel.is_valid and not sel.is_empty
    assert "1 kecamatan tanpa batas" in g.attrs["sumber"] and g.attrs["laporan"]["missing"] == ["18.02.23"]


def test_kecamatan_tanpa_desa_di_berkas_diisi_sel_desa(desa_asli, tmp_path):
    tanpa_23 = desa_asli[~desa_asli["kode"].str.startswith("18.02.23.")]
    berkas = tulis_geojson(tanpa_23, tmp_path / "villages_without_kecamatan_23.geojson")
    g = geo.batas("18.02", "desa", batas_desa=berkas)
    baru = g[g["kode_wilayah"].str.startswith("18.02.23.")]
    assert baru["geometri_skematis"].all() and not g.loc[~g.index.isin(baru.index), "geometri_skematis"].any()
    assert baru.is_valid.all() and not baru.is_empty.any()
    sel = geo.batas("18.02", "kecamatan", batas_desa=berkas).set_index("kode_wilayah").geometry["18.02.23"]
    assert shapely.contains(shapely.buffer(sel, 1e-7), baru.geometry.array).all()
    assert luas_km2(baru).sum() == pytest.approx(luas_km2(gpd.GeoSeries([sel]))[0], rel=1e-3)


def test_kecamatan_tanpa_fakta_dan_tanpa_batas_digambar_di_samping(tmp_path):
    if not (REFERENSI / "5202_kecamatan.geojson").exists():
        pytest.skip(f"real boundary files not present at {REFERENSI}")
    kec = gpd.read_file(REFERENSI / "5202_kecamatan.geojson")
    berkas = tulis_geojson(kec[kec["kode"] != "52.02.05"], tmp_path / "kecamatan_5202_tanpa_05.geojson")
    g = geo.batas("52.02", "kecamatan", batas_kecamatan=berkas)
    sel = g.set_index("kode_wilayah").geometry["52.02.05"]
    nyata = shapely.union_all(g.geometry[~g["geometri_skematis"]].array)
    assert sel.is_valid and not sel.intersects(nyata) and sel.distance(nyata) < 0.2
