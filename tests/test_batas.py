"""Boundary import with the real files of ../shared/reference/geo/ (read there, never copied): uploads as
GeoJSON and as a BIG-style zipped Shapefile in UTM 48S, joins by code and by name, the store keeping
them for every map, all or nothing."""
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from indicators.dasar.pengaturan import AKAR
from indicators.data import impor
from indicators.data.gudang import Gudang
from indicators.wilayah import batas as geo

REFERENSI = AKAR.parent / "shared" / "reference" / "geo"
VARIAN = Path(__file__).parent / "fixtures" / "impor" / "desa_1802_ejaan_registri_lain.csv"
# SOURCE.md there, "Villages of 52.02 with no polygon (15)"
DESA_5202_TANPA_POLIGON = [
    "52.02.03.2011", "52.02.04.2017", "52.02.04.2018", "52.02.06.2011", "52.02.06.2012", "52.02.06.2013",
    "52.02.06.2014", "52.02.07.2013", "52.02.07.2014", "52.02.07.2015", "52.02.07.2016", "52.02.09.2012",
    "52.02.09.2013", "52.02.10.2013", "52.02.11.2012",
]


def referensi(nama: str) -> Path:
    p = REFERENSI / nama
    if not p.exists():
        pytest.skip(f"real boundary file {p} not present (shared reference data, not part of the repo)")
    return p


@pytest.fixture(autouse=True)
def gudang_sendiri(tmp_path, monkeypatch):
    """Each test has its own store folder (imported boundaries live beside the store) and no settings file."""
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "gudang" / "dasbor.duckdb"))
    monkeypatch.delenv("DASBOR_BATAS_KECAMATAN", raising=False)
    monkeypatch.delenv("DASBOR_BATAS_DESA", raising=False)
    # the schematic fallback, so that an imported file is seen to replace it; the shipped geography
    # being replaced by an import is tested in test_geografi.py
    monkeypatch.setenv("DASBOR_GEOGRAFI_BAWAAN", "false")
    return tmp_path / "gudang" / "dasbor.duckdb"


def shapefile_zip(gdf: gpd.GeoDataFrame, folder: Path, nama: str) -> bytes:
    """A BIG-style export: Shapefile parts zipped together."""
    d = folder / nama
    d.mkdir()
    gdf.to_file(d / f"{nama}.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in sorted(d.iterdir()):
            z.write(f, f.name)
    return buf.getvalue()


def utm_kode_tanpa_titik(path: Path) -> gpd.GeoDataFrame:
    asli = gpd.read_file(path)
    return asli.to_crs(32748).assign(KDEPUM=asli["kode"].str.replace(".", "", regex=False))[["KDEPUM", "geometry"]]


# --- the real files join completely -------------------------------------------------------------

def test_geojson_1802_desa_311_dari_311():
    p = referensi("1802_desa.geojson")
    _, lap, tingkat = impor.baca_batas_unggahan(p.read_bytes(), p.name, "18.02")
    assert (tingkat, lap["matched"], lap["missing"], lap["unmatched"]) == ("desa", 311, [], [])
    assert (lap["code_system"], lap["code_column"]) == ("kemendagri", "kode")


def test_geojson_5202_desa_139_dari_154_yang_hilang_disebut():
    p = referensi("5202_desa.geojson")
    _, lap, _ = impor.baca_batas_unggahan(p.read_bytes(), p.name, "52.02", "desa")
    assert lap["matched"] == 139 and lap["missing"] == DESA_5202_TANPA_POLIGON
    laporan = impor.ringkas_laporan_batas(lap, "52.02", "desa").set_index("temuan")
    assert laporan.loc["unit register tanpa batas", "jumlah"] == 15
    assert "52.02.03.2011 Lendang Tampel" in laporan.loc["unit register tanpa batas", "rincian"]


@pytest.mark.parametrize(("kode", "berkas", "cocok", "hilang"), [
    ("18.02", "1802_desa.geojson", 311, []),
    ("52.02", "5202_desa.geojson", 139, DESA_5202_TANPA_POLIGON),
])
def test_shapefile_zip_utm48s_kode_tanpa_titik_sama(tmp_path, kode, berkas, cocok, hilang):
    p = referensi(berkas)
    isi = shapefile_zip(utm_kode_tanpa_titik(p), tmp_path, "BATAS_DESA_AR")
    gdf, lap, tingkat = impor.baca_batas_unggahan(isi, "BATAS_DESA_AR.zip", kode)
    assert (tingkat, lap["matched"], lap["missing"], lap["unmatched"]) == ("desa", cocok, hilang, [])
    assert (lap["crs"], lap["reprojected"], lap["code_column"], lap["code_system"]) == (
        "EPSG:32748", True, "KDEPUM", "kemendagri")
    asli = gpd.read_file(p).set_index("kode").geometry.loc[gdf["kode_wilayah"]]
    assert shapely.hausdorff_distance(gdf.geometry.array, asli.array).max() < 1e-6  # same place after UTM and back


def test_shapefile_tanpa_kode_nama_ejaan_lain_digabung_lewat_resolver(tmp_path):
    """Names only (WADMKD/WADMKC as BIG writes them), spelt as another registry spells them."""
    asli = gpd.read_file(referensi("1802_desa.geojson"))
    varian = pd.read_csv(VARIAN, dtype=str).set_index("kode_benar")
    big = gpd.GeoDataFrame({"WADMKD": varian.loc[asli["kode"], "desa"].to_numpy(),
                            "WADMKC": varian.loc[asli["kode"], "kecamatan"].to_numpy()},
                           geometry=asli.geometry.to_numpy(), crs="EPSG:4326").to_crs(32748)
    isi = shapefile_zip(big, tmp_path, "ADMINISTRASIDESA_AR")
    _, lap, _ = impor.baca_batas_unggahan(isi, "ADMINISTRASIDESA_AR.zip", "18.02", "desa")
    # 310 joined; "Bumi Rahaju" fits Bumi Rahayu and Bumi Raharjo: reported, not guessed
    assert (lap["matched"], lap["unmatched"], lap["missing"]) == (310, ["Bumi Rahaju"], ["18.02.14.2008"])
    assert lap["code_system"] == "nama"
    fuzzy = [x for x in lap["resolusi"] if x["match"] == "fuzzy"]
    assert len(fuzzy) == 45 and {"nama": "Gunung Sugih Raya", "kode_wilayah": "18.02.04.1006"}.items() <= next(
        x for x in fuzzy if x["nama"] == "Gunung Sugih Raya").items()


def test_kecamatan_dikenali_sendiri():
    p = referensi("1802_kecamatan.geojson")
    _, lap, tingkat = impor.baca_batas_unggahan(p.read_bytes(), p.name, "18.02")
    assert (tingkat, lap["matched"], lap["missing"]) == ("kecamatan", 28, [])


# --- bad uploads: refused before parsing --------------------------------------------------------

def test_unggahan_batas_buruk_ditolak_sebelum_dibaca(tmp_path):
    kec = gpd.read_file(referensi("1802_kecamatan.geojson"))
    xlsx = b"PK\x03\x04" + b"\x00" * 200  # an Excel file (a zip) renamed
    with pytest.raises(ValueError, match="bukan GeoJSON"):
        impor.baca_batas_unggahan(xlsx, "boundaries_renamed_xlsx.geojson", "18.02")
    with pytest.raises(ValueError, match="melebihi batas"):
        impor.baca_batas_unggahan(referensi("1802_desa.geojson").read_bytes(), "boundaries_oversize.geojson",
                                  "18.02", batas_byte=100_000)
    with pytest.raises(ValueError, match="tidak didukung"):
        impor.baca_batas_unggahan(b"x", "boundaries.kml", "18.02")
    with pytest.raises(ValueError, match="bukan GeoPackage"):
        impor.baca_batas_unggahan(b'{"type": "FeatureCollection"}', "boundaries_geojson_renamed.gpkg", "18.02")
    isi = shapefile_zip(kec, tmp_path, "kec")
    tanpa_dbf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as z, zipfile.ZipFile(tanpa_dbf, "w") as keluar:
        for n in z.namelist():
            if not n.endswith(".dbf"):
                keluar.writestr(n, z.read(n))
    with pytest.raises(ValueError, match=r"tidak lengkap: \.dbf"):
        impor.baca_batas_unggahan(tanpa_dbf.getvalue(), "boundaries_shapefile_without_dbf.zip", "18.02")


# --- the store keeps them; every map draws them -------------------------------------------------

def test_batas_disimpan_dipakai_semua_peta_dan_dicatat(gudang_sendiri):
    p = referensi("1802_desa.geojson")
    assert geo.batas("18.02", "desa")["geometri_skematis"].all()
    gdf, lap, tingkat = impor.baca_batas_unggahan(p.read_bytes(), p.name, "18.02")
    g = Gudang(gudang_sendiri)
    versi = g.versi()
    tujuan = g.simpan_batas(gdf, tingkat, "18.02", lap, berkas=p.name, pengguna="operator1")
    assert tujuan == gudang_sendiri.parent / "batas" / "18.02_desa.gpkg"
    desa, kec = geo.batas("18.02", "desa"), geo.batas("18.02", "kecamatan")
    assert not desa["geometri_skematis"].any() and not kec["geometri_skematis"].any()
    assert "impor" in desa.attrs["sumber"] and desa.attrs["laporan"]["matched"] == 311
    titik = desa.geometry.representative_point()
    assert geo.kode_dari_titik(titik.y, titik.x, "18.02").tolist() == desa["kode_wilayah"].tolist()
    assert g.versi() == versi + 1  # page caches keyed on the version see the new boundaries
    info = g.batas_tersimpan("18.02", "desa")
    assert (info["berkas"], info["matched"], info["missing"], info["code_system"]) == (p.name, 311, [], "kemendagri")
    audit = g.log_audit()
    assert audit["peristiwa"].tolist() == ["impor_batas"] and "311 unit" in audit["detail"].iloc[0]
    assert g.hapus_batas("18.02", "desa", "operator1") is True
    assert geo.batas("18.02", "desa")["geometri_skematis"].all() and g.batas_tersimpan("18.02", "desa") is None
    g.tutup()


def test_batas_disimpan_lewat_cli(gudang_sendiri, tmp_path):
    isi = shapefile_zip(utm_kode_tanpa_titik(referensi("5202_desa.geojson")), tmp_path, "batas_5202")
    (tmp_path / "batas_5202.zip").write_bytes(isi)
    p = subprocess.run([sys.executable, "-m", "indicators", "boundaries", str(tmp_path / "batas_5202.zip"),
                        "--district", "52.02", "--level", "desa", "--store", str(gudang_sendiri)],
                       capture_output=True, text=True, timeout=300, env=os.environ)
    assert p.returncode == 0, p.stderr
    lap = json.loads(p.stdout)
    assert (lap["matched"], lap["missing"], lap["crs"], lap["code_system"]) == (
        139, DESA_5202_TANPA_POLIGON, "EPSG:32748", "kemendagri")
    g = geo.batas("52.02", "desa")
    assert sorted(g.loc[g["geometri_skematis"], "kode_wilayah"]) == DESA_5202_TANPA_POLIGON


def test_proses_dibunuh_saat_simpan_batas_gudang_dan_peta_tetap(gudang_sendiri):
    p = referensi("1802_kecamatan.geojson")
    gdf, lap, _ = impor.baca_batas_unggahan(p.read_bytes(), p.name, "18.02", "kecamatan")
    g = Gudang(gudang_sendiri)
    g.simpan_batas(gdf.iloc[:27], "kecamatan", "18.02", {**lap, "matched": 27}, berkas="lama.geojson")
    sebelum = (g.riwayat_impor().to_csv(), g.log_audit().to_csv(), g.meta("batas_18.02_kecamatan"))
    berkas = gudang_sendiri.parent / "batas" / "18.02_kecamatan.gpkg"
    isi_sebelum = berkas.read_bytes()
    g.tutup()
    kode = textwrap.dedent(f"""
        import os, signal
        import geopandas as gpd
        from indicators.data.gudang import Gudang
        from indicators.wilayah.batas import baca_batas
        gdf, lap = baca_batas({str(p)!r}, "kecamatan", "18.02")
        g = Gudang({str(gudang_sendiri)!r})
        g.simpan_batas(gdf, "kecamatan", "18.02", lap, berkas="baru.geojson",
                       sebelum_commit=lambda: os.kill(os.getpid(), signal.SIGKILL))
    """)
    r = subprocess.run([sys.executable, "-c", kode], cwd=AKAR, capture_output=True, timeout=300)
    assert r.returncode == -9  # killed inside the open transaction
    g = Gudang(gudang_sendiri)
    assert (g.riwayat_impor().to_csv(), g.log_audit().to_csv(), g.meta("batas_18.02_kecamatan")) == sebelum
    assert berkas.read_bytes() == isi_sebelum
    kec = geo.batas("18.02", "kecamatan")
    assert int(kec["geometri_skematis"].sum()) == 1  # still the 27-unit layer
    g.tutup()


def test_galat_saat_simpan_batas_lapisan_lama_kembali(gudang_sendiri):
    p = referensi("1802_kecamatan.geojson")
    gdf, lap, _ = impor.baca_batas_unggahan(p.read_bytes(), p.name, "18.02", "kecamatan")
    g = Gudang(gudang_sendiri)
    with pytest.raises(ValueError, match="tidak ada unit"):
        g.simpan_batas(gdf.iloc[:0], "kecamatan", "18.02", lap)
    assert not (gudang_sendiri.parent / "batas" / "18.02_kecamatan.gpkg").exists() and g.versi() == 0

    def gagal():
        raise RuntimeError("listrik padam")

    with pytest.raises(RuntimeError):
        g.simpan_batas(gdf, "kecamatan", "18.02", lap, sebelum_commit=gagal)
    assert not (gudang_sendiri.parent / "batas" / "18.02_kecamatan.gpkg").exists()
    assert g.versi() == 0 and g.log_audit().empty and list((gudang_sendiri.parent / "batas").iterdir()) == []
    g.tutup()
