"""The road network as geometry: stored segments as lines, road files read as lines, lengths in metres.

``ruas_jalan`` keeps each segment's line as WKT text (``geometry``, optional). :func:`jaringan` turns
the stored rows into a GeoDataFrame in EPSG:4326 — the one accessor maps, snapping and the
escalation pack draw from. :func:`baca_garis` reads a road file (GeoJSON, GeoPackage, zipped
Shapefile; any CRS) through the same reader as boundary files
(:func:`indicators.wilayah.berkas_batas.baca_berkas_geo`), keeps LineString/MultiLineString only,
and gives each feature its length measured in a metric CRS (:func:`crs_metrik`: the UTM zone of the
geometry) and the kecamatan its midpoint lies in. Attribute mapping (names, authority, condition) is
the import's work (:mod:`indicators.data.impor_jalan`).

>>> import pandas as pd
>>> r = pd.DataFrame({"id_ruas": ["a", "b"], "nama_ruas": ["Jl. A", "Jl. B"], "status_jalan": ["provinsi", "desa"],
...                   "panjang_km": [1.0, 2.0], "kondisi": ["baik", None], "kode_wilayah": ["18.02.01", None],
...                   "geometry": ["LINESTRING (105 -5, 105.01 -5)", None]})
>>> g = jaringan(r)
>>> len(g), g.crs.to_epsg(), g.attrs["tanpa_geometri"], list(g.columns) == KOLOM
(1, 4326, 1, True)
>>> round(float(panjang_km(g.geometry).iloc[0]), 3)   # 0.01° of longitude at 5° S, in UTM zone 48S
1.109
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from indicators.wilayah.berkas_batas import baca_berkas_geo, perbaiki_letak

KOLOM = ["id_ruas", "nama_ruas", "status_jalan", "panjang_km", "kondisi", "kode_wilayah", "geometry"]
JENIS_GARIS = ("LineString", "MultiLineString")


def crs_metrik(geom) -> CRS:
    """The UTM zone (WGS 84) of the centre of ``geom``'s extent (lon/lat): metres for lengths and distances.

    >>> crs_metrik(gpd.GeoSeries.from_xy([105.2], [-4.9])).to_epsg()   # Lampung: zone 48 south
    32748
    >>> crs_metrik(gpd.GeoSeries.from_xy([95.3], [5.5])).to_epsg()     # Aceh: zone 46 north
    32646
    """
    x0, y0, x1, y1 = gpd.GeoSeries(geom).total_bounds
    lon, lat = (x0 + x1) / 2, (y0 + y1) / 2
    if not (np.isfinite(lon) and np.isfinite(lat)):
        raise ValueError("tidak ada geometri untuk menentukan zona UTM")
    zona = int(min(max(np.floor((lon + 180) / 6) + 1, 1), 60))
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zona)


def panjang_km(geom) -> pd.Series:
    """Length of each line (EPSG:4326) in km, measured in the UTM zone of the whole set."""
    s = gpd.GeoSeries(geom, crs="EPSG:4326")
    if s.empty:
        return pd.Series([], dtype=float)
    return s.to_crs(crs_metrik(s)).length / 1000.0


def ke_wkt(geom) -> list[str | None]:
    """Lines as the WKT text ``ruas_jalan.geometry`` stores (6 decimals of a degree: about 0.1 m)."""
    arr = np.asarray(geom, dtype=object)
    return [None if g is None else t for g, t in zip(arr, shapely.to_wkt(arr, rounding_precision=6), strict=True)]


def jaringan(df_ruas: pd.DataFrame) -> gpd.GeoDataFrame:
    """The stored road segments that have a line, as a GeoDataFrame in EPSG:4326 (columns :data:`KOLOM`).

    Rows whose ``geometry`` is empty, unreadable WKT or not a line are left out and counted in
    ``attrs["tanpa_geometri"]``; an empty frame (or one without the column) gives an empty network.
    """
    kosong = gpd.GeoDataFrame({k: pd.Series(dtype=object) for k in KOLOM[:-1]}, geometry=[], crs="EPSG:4326")
    if df_ruas is None or df_ruas.empty or "geometry" not in df_ruas:
        kosong.attrs["tanpa_geometri"] = 0 if df_ruas is None else len(df_ruas)
        return kosong
    teks = df_ruas["geometry"].astype(object).where(df_ruas["geometry"].notna(), None)
    teks = np.array([t if isinstance(t, str) and t.strip() else None for t in teks], dtype=object)
    geom = shapely.from_wkt(teks, on_invalid="ignore")
    jenis = shapely.get_type_id(geom)
    garis = np.isin(jenis, (1, 5)) & ~shapely.is_empty(geom)  # LineString, MultiLineString
    d = df_ruas.loc[garis].reindex(columns=KOLOM[:-1])
    out = gpd.GeoDataFrame(d.reset_index(drop=True), geometry=list(geom[garis]), crs="EPSG:4326")
    out["panjang_km"] = pd.to_numeric(out["panjang_km"], errors="coerce")
    out.attrs["tanpa_geometri"] = int((~garis).sum())
    return out


def _titik_tengah(geom) -> np.ndarray:
    return shapely.line_interpolate_point(shapely.line_merge(geom), 0.5, normalized=True)


def baca_garis(path: str | Path, kode_kabupaten: str) -> tuple[gpd.GeoDataFrame, dict]:
    """Read a road file as lines in EPSG:4326; returns the kept features and a report.

    Kept rows carry the file's attributes, ``fitur`` (1-based feature number), ``panjang_geom_km``
    (length in the UTM zone of the file) and ``kode_kecamatan`` (the kecamatan holding the line's
    midpoint; empty when outside every kecamatan). The report: ``features``, ``crs``, ``reprojected``,
    ``crs_metrik``, ``swapped_latlon`` (feature numbers turned back), and ``ditolak``: one
    ``{fitur, alasan}`` per feature left out — not a line (points, polygons), empty, outside
    Indonesia, or wholly outside the district's real boundaries.
    """
    from indicators.wilayah.batas import batas, kode_dari_titik

    df, lap = baca_berkas_geo(path, "jalan")
    df = df.reset_index(drop=True)
    label = pd.Series(np.arange(1, len(df) + 1), index=df.index)
    geom, ada, luar, lap["swapped_latlon"], _ = perbaiki_letak(df.geometry.array, label)
    geom = shapely.force_2d(geom)
    jenis = np.array([g.geom_type if g is not None else "" for g in geom], dtype=object)
    garis = ada & np.isin(jenis, JENIS_GARIS)
    alasan = np.full(len(df), "", dtype=object)
    alasan[~ada] = "geometri kosong"
    alasan[ada & ~garis] = [f"bukan garis ({j}): hanya LineString/MultiLineString yang dibaca sebagai ruas"
                            for j in jenis[ada & ~garis]]
    alasan[garis & luar] = "koordinat di luar Indonesia"
    pakai = garis & ~luar
    tengah = _titik_tengah(geom[pakai])
    kec = np.full(len(df), None, dtype=object)
    kec[pakai] = kode_dari_titik(shapely.get_y(tengah), shapely.get_x(tengah), kode_kabupaten, "kecamatan")
    wilayah = batas(kode_kabupaten, "kabupaten")
    if not wilayah.attrs.get("skematis") and pakai.any():
        # real boundaries: a line that does not touch the district is another district's road
        di_luar = pakai & ~shapely.intersects(geom, shapely.union_all(wilayah.geometry.array))
        alasan[di_luar] = "di luar wilayah kabupaten"
        pakai &= ~di_luar
    lap["batas_skematis"] = bool(wilayah.attrs.get("skematis"))
    hasil = gpd.GeoDataFrame(df.drop(columns="geometry").loc[pakai].reset_index(drop=True),
                             geometry=list(geom[pakai]), crs="EPSG:4326")
    hasil["fitur"] = label[pakai].to_numpy()
    hasil["kode_kecamatan"] = kec[pakai]
    hasil["panjang_geom_km"] = panjang_km(hasil.geometry).to_numpy() if len(hasil) else []
    lap["crs_metrik"] = crs_metrik(hasil.geometry).to_string() if len(hasil) else None
    lap["ditolak"] = [{"fitur": int(label[i]), "alasan": str(alasan[i])} for i in np.flatnonzero(alasan != "")]
    return hasil, lap
