"""Authority from location (issue 14, item 4): a hand-made network of three segments in UTM 48S (metres)
and complaints at distances known by construction — 10 m, 500 m, exactly 30 m, 30.5 m — snapped,
flagged and exported as a viewer may see them."""
import json
import math
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString

from indicators.aduan import siapan
from indicators.aduan.tambat import tambat, terlalu_jauh
from indicators.data import skema
from indicators.data.gudang import Gudang
from indicators.wilayah.jalan import jaringan, ke_wkt

AKAR = Path(__file__).parents[1]


def jaringan_uji() -> pd.DataFrame:
    """ruas_jalan rows (WKT in EPSG:4326) of three segments drawn in metres."""
    garis = gpd.GeoSeries([LineString([(500000, 9450000), (501000, 9450000)]),      # S1 west-east
                           LineString([(500000, 9452000), (500000, 9453000)]),      # S2 south-north
                           LineString([(503000, 9450000), (504000, 9451000)])],     # S3 diagonal
                          crs="EPSG:32748").to_crs(4326)
    return pd.DataFrame({"id_ruas": ["S1", "S2", "S3"], "nama_ruas": ["Jl. Satu", "Jl. Dua", "Jl. Tiga"],
                         "status_jalan": ["provinsi", "kabupaten", "desa"], "panjang_km": [1.0, 1.0, 1.414],
                         "kondisi": ["baik", "rusak_berat", None], "kode_wilayah": ["18.02.04"] * 3,
                         "geometry": ke_wkt(garis.array)})


def titik_dari(garis: LineString, s: float, d: float) -> tuple[float, float]:
    """The point ``d`` metres to the left of the line at ``s`` metres along it (a straight segment)."""
    (x0, y0), (x1, y1) = garis.coords[0], garis.coords[-1]
    L = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / L, (y1 - y0) / L
    return x0 + s * ux - d * uy, y0 + s * uy + d * ux


# (id, segment, metres along, metres to the left, nama_ruas reported, status_jalan reported, expected distance)
TITIK = [
    ("A-10m", 0, 500, 10, None, None, 10.0),
    ("B-500m", 0, 500, 500, None, None, 500.0),
    ("C-beda", 1, 500, -10, None, "provinsi", 10.0),
    ("D-30m", 0, 700, -30, None, None, 30.0),
    ("E-30.5m", 0, 300, 30.5, None, None, 30.5),
    ("F-lapor", 2, 700, 20, "Jl. Tiga Lama", "desa", 20.0),
]


def aduan_uji() -> pd.DataFrame:
    # offsets from the lines AS STORED (WKT to 6 decimals of a degree moves a vertex up to ~0.1 m), so the
    # distances are exact by construction; the points themselves are not rounded
    net = jaringan(jaringan_uji()).to_crs(32748).geometry
    xy = [titik_dari(net.iloc[t[1]], t[2], t[3]) for t in TITIK]
    p = gpd.GeoSeries.from_xy([x for x, _ in xy], [y for _, y in xy], crs="EPSG:32748").to_crs(4326)
    n = len(TITIK)
    a = pd.DataFrame({"id_aduan": [t[0] for t in TITIK], "waktu_lapor": pd.Timestamp("2026-10-01 08:00"),
                      "lat": p.y.to_numpy(), "lon": p.x.to_numpy(), "nama_ruas": [t[4] for t in TITIK],
                      "status_jalan": [t[5] for t in TITIK], "jenis_kerusakan": "lubang", "tingkat": "berat",
                      "status": "diterima", "waktu_status": pd.Timestamp("2026-10-01 08:00"), "kanal": "whatsapp",
                      "deskripsi": "Tolong, hubungi 0812-3456-7890", "dukungan": 1,
                      "pelapor_nama": "Siti Rahayu", "pelapor_telepon": "081234567890"})
    # a swapped point: never snapped
    swap = a.iloc[[0]].assign(id_aduan="G-tukar", lat=a["lon"].iat[0], lon=a["lat"].iat[0])
    return pd.concat([a, swap], ignore_index=True).iloc[: n + 1]


def test_tambat_jarak_diketahui_dan_batas_inklusif():
    t = tambat(aduan_uji(), jaringan(jaringan_uji()), 30).set_index("id_aduan")
    harap = {t_[0]: t_[-1] for t_ in TITIK}
    assert t.loc[list(harap), "jarak_ruas_m"].to_numpy() == pytest.approx(list(harap.values()), abs=1e-4)
    assert t.loc["A-10m", ["id_ruas", "nama_ruas", "status_jalan", "status_jalan_sumber"]].tolist() == [
        "S1", "Jl. Satu", "provinsi", "jaringan"]
    assert t.loc["D-30m", "id_ruas"] == "S1"              # exactly at the limit: on the segment
    assert pd.isna(t.loc["E-30.5m", "id_ruas"])           # half a metre beyond: on none
    for tid in ("B-500m", "E-30.5m"):
        assert t.loc[tid, ["id_ruas", "nama_ruas", "status_jalan", "status_jalan_sumber"]].isna().all()
    # the report says provinsi, the network kabupaten: kept as reported, flagged, the network's shown
    assert t.loc["C-beda", ["nama_ruas", "status_jalan", "status_jalan_jaringan", "status_jalan_sumber"]].tolist() == [
        "Jl. Dua", "provinsi", "kabupaten", "beda"]
    # the report's own name and authority stay; they agree with the network
    assert t.loc["F-lapor", ["id_ruas", "nama_ruas", "status_jalan_sumber"]].tolist() == ["S3", "Jl. Tiga Lama",
                                                                                          "laporan"]
    assert np.isnan(t.loc["G-tukar", "jarak_ruas_m"]) and pd.isna(t.loc["G-tukar", "id_ruas"])
    assert terlalu_jauh(t.reset_index())["id_aduan"].tolist() == ["B-500m", "E-30.5m"]


def test_batas_dari_pengaturan(monkeypatch):
    monkeypatch.setenv("DASBOR_JARAK_TAMBAT_M", "600")
    t = tambat(aduan_uji(), jaringan(jaringan_uji())).set_index("id_aduan")
    assert t.attrs["jarak_tambat_m"] == 600.0 and t.loc["B-500m", "id_ruas"] == "S1"
    with pytest.raises(ValueError, match="tidak negatif"):
        tambat(aduan_uji(), jaringan(jaringan_uji()), -1)


def test_tanpa_jaringan_tidak_ada_yang_berubah():
    a = aduan_uji()
    t = tambat(a, jaringan(pd.DataFrame()), 30)
    assert t["id_ruas"].isna().all() and t["jarak_ruas_m"].isna().all()
    assert (t["status_jalan_sumber"] == "laporan").tolist() == a["status_jalan"].notna().tolist()
    assert t["status_jalan_sumber"].isna().tolist() == a["status_jalan"].isna().tolist()


def test_siapkan_dengan_jaringan_mengisi_kewenangan_dan_target():
    df = siapan.siapkan(aduan_uji(), None, "18.02", kini="2026-10-31", ruas=jaringan_uji()).set_index("id_aduan")
    assert df.loc["A-10m", "status_jalan"] == "provinsi" and df.loc["A-10m", "target_perbaikan_hari"] == 45
    # authority unknown (500 m from any road): no target, never overdue
    assert np.isnan(df.loc["B-500m", "target_perbaikan_hari"]) and not df.loc["B-500m", "terlambat"]


def test_cli_export_complaints_csv_dan_geojson(tmp_path):
    store = tmp_path / "s.duckdb"
    g = Gudang(store)
    try:
        g.impor(skema.ketik(jaringan_uji(), "ruas_jalan"), "ruas_jalan", berkas="uji", pengguna="uji")
        g.impor(skema.ketik(aduan_uji(), "aduan_jalan"), "aduan_jalan", berkas="uji", pengguna="uji")
    finally:
        g.tutup()
    for ext in ("csv", "geojson"):
        out = tmp_path / f"aduan.{ext}"
        r = subprocess.run([sys.executable, "-m", "indicators", "export", "complaints", "--out", str(out),
                            "--store", str(store)], capture_output=True, text=True, cwd=AKAR)
        assert r.returncode == 0, r.stderr
        assert "2 terlalu jauh" in r.stderr
        isi = out.read_text(encoding="utf-8")
        assert "081234567890" not in isi and "3456-7890" not in isi and "Siti" not in isi
        if ext == "csv":
            t = pd.read_csv(out, keep_default_na=False).set_index("id_aduan")
        else:
            t = pd.DataFrame([f["properties"] for f in json.loads(isi)["features"]]).set_index("id_aduan")
        assert t.loc["A-10m", "nama_ruas"] == "Jl. Satu" and t.loc["A-10m", "status_jalan"] == "provinsi"
        assert float(t.loc["A-10m", "jarak_ruas_m"]) == 10.0
        nama_b = t.loc["B-500m", "nama_ruas"]  # CSV: an empty cell; GeoJSON: null
        assert (nama_b == "" if ext == "csv" else pd.isna(nama_b)) and float(t.loc["B-500m", "jarak_ruas_m"]) == 500.0
        assert t.loc["C-beda", "status_jalan_sumber"] == "beda"
        assert {"pelapor_nama", "pelapor_telepon"}.isdisjoint(t.columns)
    bad = subprocess.run([sys.executable, "-m", "indicators", "export", "complaints", "--out", str(tmp_path / "a.txt"),
                          "--store", str(store)], capture_output=True, text=True, cwd=AKAR)
    assert bad.returncode == 2 and ".csv, .geojson atau .gpkg" in bad.stderr
