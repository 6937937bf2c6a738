"""Demo roads (issue 14, item 7): a SIMULATED network with lines for any district, complaints on the lines."""
import numpy as np
import pandas as pd
import pytest

from indicators.aduan import siapan
from indicators.aduan.kondisi import kemantapan_ruas
from indicators.data.demo import buat_demo
from indicators.wilayah.daftar import daftar_wilayah
from indicators.wilayah.jalan import crs_metrik, jaringan, panjang_km

DATASET = ["ruas_jalan", "aduan_jalan", "aduan_jalan_riwayat"]


@pytest.fixture(scope="module")
def d1802():
    return buat_demo("18.02", bulan=12, dataset=DATASET)


def test_setiap_ruas_demo_punya_garis_dan_panjangnya_sama_dengan_garis(d1802):
    r = d1802["ruas_jalan"]
    net = jaringan(r)
    assert len(net) == len(r) and net.attrs["tanpa_geometri"] == 0
    # the stated length is the line's own, measured independently in the UTM zone
    assert np.allclose(panjang_km(net.geometry).to_numpy(), net["panjang_km"].to_numpy(), rtol=0.01, atol=0.002)
    assert set(r["status_jalan"]) == {"nasional", "provinsi", "kabupaten", "desa"}
    kec = set(daftar_wilayah("18.02", "kecamatan")["kode_wilayah"])
    assert r["kode_wilayah"].isin(kec).all()
    assert r["id_ruas"].is_unique


def test_ruas_provinsi_terbagi_segmen_dengan_kondisi_sendiri(d1802):
    r = d1802["ruas_jalan"]
    prov = r[r["status_jalan"] == "provinsi"]
    n_segmen = prov.groupby("nama_ruas").size()
    assert (n_segmen >= 2).all()
    k = kemantapan_ruas(prov)["kemantapan_persen"]
    # kemantapan of a section is a share of its segments' length, not only 0 % or 100 %
    assert ((k > 0) & (k < 100)).mean() >= 0.5
    assert {"Ruas Provinsi Padang Ratu – Kalirejo", "Ruas Provinsi Wates – Metro"} <= set(prov["nama_ruas"])


def test_aduan_demo_terletak_di_garis_ruas(d1802):
    import geopandas as gpd

    a = d1802["aduan_jalan"]
    a = a[siapan.titik_bermasalah(a) == ""].reset_index(drop=True)
    net = jaringan(d1802["ruas_jalan"])
    m = crs_metrik(net.geometry)
    titik = gpd.GeoDataFrame(geometry=gpd.points_from_xy(a["lon"], a["lat"]), crs="EPSG:4326").to_crs(m)
    jarak = titik.sjoin_nearest(net.to_crs(m)[["geometry"]], distance_col="d")["d"].groupby(level=0).min()
    # GPS noise of a few metres; duplicates re-reported ~30 m apart; 2 % pins dropped far off
    assert (jarak <= 30).mean() > 0.9
    assert (jarak <= 5).mean() > 0.3
    assert (jarak > 60).mean() < 0.05


def test_demo_jalan_deterministik_dan_untuk_kabupaten_lain():
    a = buat_demo("52.02", bulan=2, dataset=["ruas_jalan"])["ruas_jalan"]
    b = buat_demo("52.02", bulan=2, dataset=["ruas_jalan"])["ruas_jalan"]
    pd.testing.assert_frame_equal(a, b)
    assert len(jaringan(a)) == len(a) and (a["status_jalan"] == "nasional").any()
    assert a["kode_wilayah"].str.startswith("52.02.").all()
