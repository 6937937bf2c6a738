"""The shipped demo geography: real kecamatan polygons of every district, real village centres.

``data/geo/`` (built by ``scripts/bangun_geografi.py``; licence and source in ``data/geo/SUMBER.md``)
holds every kecamatan polygon of Indonesia, one gzipped GeoJSON per province, every village's centre,
and the real village polygons of Lampung Tengah (18.02) and Lombok Tengah (52.02). Public data of
cahyadsn/wilayah_boundaries (MIT). Villages without a shipped polygon get a cell *derived* from the real
village centres (a Voronoi cell clipped to its kecamatan): labelled *batas perkiraan*, never official.
Used by :mod:`indicators.wilayah.batas` when no boundary file is imported or set; a file still wins.

>>> k = kecamatan("52.02")
>>> len(k), list(k.columns), k.crs.to_epsg()
(12, ['kode_wilayah', 'nama', 'geometry'], 4326)
>>> d = desa("11.01")
>>> bool(d["perkiraan"].all()), len(d) == len(daftar_wilayah("11.01", "desa"))
(True, True)
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint

from indicators.dasar.pengaturan import DATA_DIR
from indicators.wilayah.berkas_batas import _poligonal
from indicators.wilayah.daftar import daftar_wilayah
from indicators.wilayah.skematis import _benih, _Bidang, _cakram, _titik_dalam

__all__ = ["SUMBER", "ada", "desa", "desa_dalam", "kecamatan", "pusat_desa"]

FOLDER = DATA_DIR / "geo"
SUMBER = "cahyadsn/wilayah_boundaries (MIT)"
_KOLOM = ["kode_wilayah", "nama", "geometry"]


def _baca_geojson(path: Path) -> gpd.GeoDataFrame:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        fitur = json.load(f)["features"]
    kode = [x["properties"]["kode"] for x in fitur]
    geom = [shapely.from_geojson(json.dumps(x["geometry"])) for x in fitur]
    return gpd.GeoDataFrame({"kode_wilayah": kode}, geometry=geom, crs="EPSG:4326")


def _berkas_batas(kode_kabupaten: str, tingkat: str) -> Path:
    return FOLDER / "batas" / f"{kode_kabupaten.replace('.', '')}_{tingkat}.geojson.gz"


def ada(kode_kabupaten: str) -> bool:
    """True when the shipped geography covers the district (every kecamatan of the register).

    >>> ada("18.02"), ada("99.99")
    (True, False)
    """
    try:
        k = kecamatan(kode_kabupaten)
    except ValueError:
        return False
    return len(k) > 0 and bool(k.attrs.get("lengkap"))


@lru_cache(maxsize=40)
def _provinsi(kode_provinsi: str) -> gpd.GeoDataFrame:
    p = FOLDER / "kecamatan" / f"{kode_provinsi}.geojson.gz"
    return _baca_geojson(p) if p.exists() else gpd.GeoDataFrame({"kode_wilayah": []}, geometry=[], crs="EPSG:4326")


def _dengan_nama(g: gpd.GeoDataFrame, reg: pd.DataFrame) -> gpd.GeoDataFrame:
    g = reg[["kode_wilayah", "nama"]].merge(g[["kode_wilayah", "geometry"]], on="kode_wilayah", how="inner")
    return gpd.GeoDataFrame(g[_KOLOM], geometry="geometry", crs="EPSG:4326")


@lru_cache(maxsize=64)
def _kecamatan(kode: str) -> gpd.GeoDataFrame:
    reg = daftar_wilayah(kode, "kecamatan")  # ValueError for an unknown code
    sendiri = _berkas_batas(kode, "kecamatan")
    if sendiri.exists():
        g, asal = _baca_geojson(sendiri), "batas kecamatan digabung dari batas desa"
    else:
        semua = _provinsi(kode[:2])
        g, asal = semua[semua["kode_wilayah"].str.startswith(kode + ".")], "batas kecamatan"
    g = _dengan_nama(g, reg)
    g.attrs.update(lengkap=len(g) == len(reg), sumber=f"{asal.capitalize()} dari data bawaan {SUMBER}")
    return g


def kecamatan(kode_kabupaten: str) -> gpd.GeoDataFrame:
    """Real kecamatan polygons of a district: ``kode_wilayah, nama, geometry`` (EPSG:4326), names from
    the register; kecamatan without a shipped polygon are absent (``attrs['lengkap']`` says whether
    every one is there). ``ValueError`` for a code not in the register. Returns a copy.

    >>> k = kecamatan("18.02")
    >>> len(k), k.attrs["lengkap"], bool(k.geometry.is_valid.all())
    (28, True, True)
    """
    g = _kecamatan(str(kode_kabupaten).strip())
    salinan = g.copy()
    salinan.attrs = dict(g.attrs)
    return salinan


@lru_cache(maxsize=1)
def _pusat() -> pd.DataFrame:
    return pd.read_csv(FOLDER / "desa_pusat.csv.gz", dtype={"kode": str}).rename(columns={"kode": "kode_wilayah"})


def pusat_desa(kode_kabupaten: str) -> pd.DataFrame:
    """Real village centres of a district (``kode_wilayah, lat, lon``); villages the source lacks are absent.

    >>> pusat_desa("18.02").iloc[0].astype(str).tolist()[0], len(pusat_desa("18.02"))
    ('18.02.01.2001', 311)
    """
    p = _pusat()
    kode = str(kode_kabupaten).strip() + "."
    awal = p["kode_wilayah"].searchsorted(kode)
    akhir = p["kode_wilayah"].searchsorted(kode[:-1] + "/")  # '/' sorts right after '.'
    return p.iloc[awal:akhir].reset_index(drop=True)


def _benih_dalam(induk_km, xy: np.ndarray, kode: list[str]) -> np.ndarray:
    """Seeds for the cells inside ``induk_km`` (a kecamatan in a local km plane): each village's real
    centre; a centre outside the kecamatan is pulled just inside, a missing one (NaN) is placed at a
    deterministic point inside, and coincident seeds are set apart by 10 m."""
    xy = xy.copy()
    shapely.prepare(induk_km)
    hilang = ~np.isfinite(xy).all(axis=1)
    for i in np.flatnonzero(hilang):
        xy[i] = _titik_dalam(induk_km, 1, np.random.default_rng(_benih(kode[i])))[0]
    titik = shapely.points(xy)
    luar = ~shapely.contains(induk_km, titik)
    if luar.any():
        dalam = induk_km.buffer(-0.05) if induk_km.buffer(-0.05).area > 0 else induk_km
        tepi = shapely.shortest_line(dalam, titik[luar])
        xy[luar] = shapely.get_coordinates(shapely.get_point(tepi, 0))
    _, pertama, ulang = np.unique(np.round(xy, 3), axis=0, return_index=True, return_inverse=True)
    ulang = ulang.ravel()
    for i in np.flatnonzero(np.arange(len(xy)) != pertama[ulang]):
        sudut = 2.39996 * i  # golden angle: distinct directions for several repeats
        xy[i] = xy[i] + 0.01 * np.array([np.cos(sudut), np.sin(sudut)])
    return xy


def _sel_kecamatan(induk, kode: list[str], lat: np.ndarray, lon: np.ndarray) -> list:
    """One polygonal cell per village of one kecamatan (lon/lat), from the villages' real centres."""
    if len(kode) == 1:
        return [induk]
    c = induk.representative_point()
    bidang = _Bidang(c.x, c.y)
    km = bidang.ke_km(induk)
    xy = _benih_dalam(km, bidang.xy(lon, lat), kode)
    vor = shapely.voronoi_polygons(MultiPoint(xy), extend_to=km, ordered=True)
    sel = np.array([_poligonal(s) for s in shapely.intersection(np.asarray(shapely.get_parts(vor)), km)], dtype=object)
    kosong = shapely.is_empty(sel)
    if kosong.any():  # a seed whose cell fell outside: a small disc instead (still an estimate)
        sel[kosong] = _cakram(km, int(kosong.sum()), 0.25 * km.area / len(kode), _benih(kode[0]))
    return list(bidang.ke_derajat(sel))


def desa_dalam(kec: gpd.GeoDataFrame, kode_kabupaten: str) -> gpd.GeoDataFrame:
    """Village cells inside the given kecamatan polygons (any source, e.g. an imported file), derived
    from the real village centres: ``kode_wilayah, nama, perkiraan, geometry``, every village of the
    register whose kecamatan is in ``kec`` exactly once, ``perkiraan`` True (an estimate).

    >>> d = desa_dalam(kecamatan("18.02").iloc[:1], "18.02")
    >>> len(d), bool(d["perkiraan"].all())
    (17, True)
    """
    reg = daftar_wilayah(kode_kabupaten, "desa")
    pusat = reg[["kode_wilayah"]].merge(pusat_desa(kode_kabupaten), on="kode_wilayah", how="left")
    reg = reg.assign(lat=pusat["lat"].to_numpy(), lon=pusat["lon"].to_numpy())
    bagian: list[pd.DataFrame] = []
    for k in kec.itertuples():
        d = reg[reg["kode_induk"] == k.kode_wilayah]
        if d.empty or k.geometry is None or k.geometry.is_empty:
            continue
        sel = _sel_kecamatan(k.geometry, d["kode_wilayah"].tolist(), d["lat"].to_numpy(), d["lon"].to_numpy())
        bagian.append(pd.DataFrame({"kode_wilayah": d["kode_wilayah"].to_numpy(), "nama": d["nama"].to_numpy(),
                                    "geometry": sel}))
    df = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=["kode_wilayah", "nama", "geometry"])
    g = gpd.GeoDataFrame(df.assign(perkiraan=True)[["kode_wilayah", "nama", "perkiraan", "geometry"]],
                         geometry="geometry", crs="EPSG:4326")
    return g.sort_values("kode_wilayah", ignore_index=True)


@lru_cache(maxsize=32)
def _desa(kode: str) -> gpd.GeoDataFrame:
    kec = _kecamatan(kode)
    reg = daftar_wilayah(kode, "desa")
    sendiri = _berkas_batas(kode, "desa")
    if not sendiri.exists():
        g = desa_dalam(kec, kode)
        g.attrs["sumber"] = (f"Batas desa perkiraan: sel dari titik pusat desa yang sebenarnya, dipotong batas "
                             f"kecamatan (data bawaan {SUMBER})")
        return g
    nyata = _dengan_nama(_baca_geojson(sendiri), reg).assign(perkiraan=False)
    kurang = reg[~reg["kode_wilayah"].isin(nyata["kode_wilayah"])]
    isi = []
    if len(kurang):  # the shipped kecamatan are dissolved from these villages: no room left, so discs
        pusat = pusat_desa(kode).set_index("kode_wilayah")
        for k_kec, d in kurang.groupby("kode_induk"):
            induk = kec.loc[kec["kode_wilayah"] == k_kec].geometry.iloc[0]
            c = induk.representative_point()
            bidang = _Bidang(c.x, c.y)
            luas = bidang.ke_km(induk).area / int((reg["kode_induk"] == k_kec).sum())
            cakram = _cakram(induk, len(d), 0.25 * luas, _benih(k_kec))
            for i, kd in enumerate(d["kode_wilayah"]):
                geom = cakram[i]
                if kd in pusat.index:  # the same disc, moved onto the village's real centre
                    p = shapely.Point(pusat.at[kd, "lon"], pusat.at[kd, "lat"])
                    dc = geom.centroid
                    geom = shapely.affinity.translate(geom, p.x - dc.x, p.y - dc.y)
                isi.append({"kode_wilayah": kd, "nama": d.set_index("kode_wilayah").at[kd, "nama"],
                            "perkiraan": True, "geometry": geom})
    g = pd.concat([nyata, gpd.GeoDataFrame(isi, geometry="geometry", crs="EPSG:4326")] if isi else [nyata],
                  ignore_index=True)
    g = gpd.GeoDataFrame(g, geometry="geometry", crs="EPSG:4326").sort_values("kode_wilayah", ignore_index=True)
    g.attrs["sumber"] = f"Batas desa dari data bawaan {SUMBER}" + (
        f"; {len(isi)} desa tanpa poligon digambar sebagai lingkaran perkiraan" if isi else "")
    return g


def desa(kode_kabupaten: str) -> gpd.GeoDataFrame:
    """Villages of a district: ``kode_wilayah, nama, perkiraan, geometry`` (EPSG:4326), every village
    of the register exactly once: the real polygon where shipped (18.02, 52.02), else a cell derived from
    the real village centres inside the real kecamatan (``perkiraan`` True, *batas perkiraan*).
    ``attrs['sumber']`` says which. Returns a copy.

    >>> d = desa("52.02")
    >>> len(d), int(d["perkiraan"].sum())
    (154, 15)
    """
    g = _desa(str(kode_kabupaten).strip())
    salinan = g.copy()
    salinan.attrs = dict(g.attrs)
    return salinan
