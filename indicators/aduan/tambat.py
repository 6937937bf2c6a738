"""Authority from location: each complaint snapped to the nearest road segment of the stored network.

A citizen does not know whose road it is; the network does. Each complaint's point is matched to
the nearest segment (:func:`indicators.wilayah.jalan.jaringan`) in the UTM zone of the network
(metres), all at once (shapely's STRtree nearest query, bounded by the limit — no loop over complaints). Within
``jarak_tambat_m`` (setting, default 30 m; inclusive, to the millimetre) the segment counts:

- ``nama_ruas`` and ``status_jalan`` are taken from the segment where the complaint has none;
- ``status_jalan_sumber`` says where the authority comes from: ``laporan`` (as the complaint says;
  the segment agrees, or no segment is near enough), ``jaringan`` (the complaint had none: from the
  segment), ``beda`` (the complaint says one authority, the segment another: the complaint's value is
  kept and the segment's shown in ``status_jalan_jaringan``, for an officer to settle);
- complaints farther than the limit from every segment keep their own fields, get no ``id_ruas``
  and are listed by :func:`terlalu_jauh`. ``jarak_ruas_m`` is always the distance to the nearest
  segment (NaN without a usable point or without a network).

>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import LineString
>>> net = gpd.GeoDataFrame({"id_ruas": ["R1"], "nama_ruas": ["Jl. A"], "status_jalan": ["provinsi"],
...                         "panjang_km": [1.0], "kondisi": ["baik"], "kode_wilayah": ["18.02.04"]},
...                        geometry=[LineString([(500000, 9450000), (501000, 9450000)])], crs=32748).to_crs(4326)
>>> p = gpd.GeoSeries.from_xy([500500, 500500], [9450010, 9450500], crs=32748).to_crs(4326)
>>> a = pd.DataFrame({"id_aduan": ["a", "b"], "lat": p.y, "lon": p.x, "nama_ruas": [None, None],
...                   "status_jalan": [None, None]})
>>> t = tambat(a, net, 30)
>>> t.loc[0, ["nama_ruas", "status_jalan", "status_jalan_sumber", "id_ruas"]].tolist()
['Jl. A', 'provinsi', 'jaringan', 'R1']
>>> bool(t.loc[1, ["nama_ruas", "status_jalan", "status_jalan_sumber", "id_ruas"]].isna().all())
True
>>> t["jarak_ruas_m"].round(1).tolist()
[10.0, 500.0]
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

KOLOM = ["id_ruas", "status_jalan_jaringan", "status_jalan_sumber", "jarak_ruas_m"]
TOLERANSI_M = 1e-3  # a point exactly at the limit is within it, whatever the reprojection's rounding


def jarak_tambat_bawaan() -> float:
    from indicators.dasar.pengaturan import ambil

    v = float(ambil("jarak_tambat_m"))
    if not np.isfinite(v) or v < 0:
        raise ValueError(f"jarak_tambat_m harus angka tidak negatif (meter), bukan {v!r}")
    return v


def _kosong(s: pd.Series) -> np.ndarray:
    """Empty cells (missing or blank text), vectorised."""
    return (s.isna() | (s.astype(object).astype(str).str.strip() == "")).to_numpy(bool)


def _potongan(garis) -> tuple[np.ndarray, np.ndarray]:
    """Lines cut into their two-point pieces, with the index of the line each piece belongs to: a tree
    of small boxes prunes far better than one of long lines' boxes (the distance is the same)."""
    bagian, idx_bagian = shapely.get_parts(garis, return_index=True)
    xy, idx = shapely.get_coordinates(bagian, return_index=True)
    sama = idx[1:] == idx[:-1]
    potong = shapely.linestrings(np.stack([xy[:-1][sama], xy[1:][sama]], axis=1))
    return potong, idx_bagian[idx[:-1][sama]]


def tambat(aduan: pd.DataFrame, jaringan: gpd.GeoDataFrame, jarak_m: float | None = None) -> pd.DataFrame:
    """The complaints with road fields from the network (see the module docstring); a copy, same order.

    Adds :data:`KOLOM` (``id_ruas``, ``status_jalan_jaringan``, ``status_jalan_sumber``, ``jarak_ruas_m``)
    and fills ``nama_ruas``/``status_jalan`` where empty. Points that cannot be placed (missing, swapped
    lat/lon, outside Indonesia) are not snapped. ``attrs["jarak_tambat_m"]`` records the limit used.
    """
    from indicators.wilayah.jalan import crs_metrik

    batas = jarak_tambat_bawaan() if jarak_m is None else float(jarak_m)
    if batas < 0:
        raise ValueError("jarak tambat harus tidak negatif (meter)")
    out = aduan.copy()
    n = len(out)
    for k in ("nama_ruas", "status_jalan"):
        if k not in out:
            out[k] = None
        out[k] = out[k].astype(object).where(~_kosong(out[k]), None)
    id_ruas = np.full(n, None, dtype=object)
    status_net = np.full(n, None, dtype=object)
    nama_net = np.full(n, None, dtype=object)
    jarak = np.full(n, np.nan)
    lat = pd.to_numeric(out["lat"], errors="coerce").to_numpy(float)
    lon = pd.to_numeric(out["lon"], errors="coerce").to_numpy(float)
    # a usable point: inside Indonesia's extent (the rule of siapan.titik_bermasalah, vectorised)
    ok = np.isfinite(lat) & np.isfinite(lon) & (lat >= -11.5) & (lat <= 6.5) & (lon >= 94.0) & (lon <= 141.5)
    if jaringan is not None and len(jaringan) and ok.any():
        m = crs_metrik(jaringan.geometry)
        net = jaringan.to_crs(m).reset_index(drop=True)
        pos = np.flatnonzero(ok)
        x, y = Transformer.from_crs("EPSG:4326", m, always_xy=True).transform(lon[pos], lat[pos])
        titik = shapely.points(x, y)
        potong, induk = _potongan(net.geometry.array)
        pohon = shapely.STRtree(potong)
        # first the bounded search (fast: only segments within the limit are visited), then the
        # nearest segment at any distance for the rest, so a far complaint still reports how far it is.
        # all_matches=False: at equal distances one segment, the first in the tree's order
        (ti, ri), d = pohon.query_nearest(titik, max_distance=batas + TOLERANSI_M, return_distance=True,
                                          all_matches=False)
        dekat = np.zeros(len(pos), bool)
        dekat[ti] = True
        sisa = np.flatnonzero(~dekat)
        (tj, _), dj = (pohon.query_nearest(titik[sisa], return_distance=True, all_matches=False) if len(sisa)
                       else ((np.array([], int), None), np.array([])))
        jarak[pos[ti]] = d
        jarak[pos[sisa[tj]]] = dj
        i, r = pos[ti], induk[ri]
        id_ruas[i] = net["id_ruas"].to_numpy(dtype=object)[r]
        status_net[i] = net["status_jalan"].astype(object).to_numpy()[r]
        nama_net[i] = net["nama_ruas"].astype(object).to_numpy()[r]
    lapor = out["status_jalan"].to_numpy(dtype=object)
    ada_lapor = ~_kosong(out["status_jalan"])
    ada_net = pd.notna(status_net)
    sumber = np.full(n, None, dtype=object)
    sumber[ada_lapor] = "laporan"
    sumber[~ada_lapor & ada_net] = "jaringan"
    beda = ada_lapor & ada_net & (lapor.astype(str) != status_net.astype(str))
    sumber[beda] = "beda"
    out["status_jalan"] = np.where(ada_lapor, lapor, status_net)
    nama_kosong = _kosong(out["nama_ruas"])
    out["nama_ruas"] = np.where(nama_kosong, nama_net, out["nama_ruas"].to_numpy(dtype=object))
    out["id_ruas"] = id_ruas
    out["status_jalan_jaringan"] = status_net
    out["status_jalan_sumber"] = sumber
    out["jarak_ruas_m"] = jarak
    out.attrs["jarak_tambat_m"] = batas
    return out


def terlalu_jauh(tertambat: pd.DataFrame) -> pd.DataFrame:
    """Complaints of a :func:`tambat` frame with a usable point but no segment within the limit,
    farthest first (``jarak_ruas_m`` is the distance to the nearest segment; NaN: no network)."""
    t = tertambat[tertambat["id_ruas"].isna() & tertambat["jarak_ruas_m"].notna()]
    return t.sort_values("jarak_ruas_m", ascending=False, kind="stable")


URUTAN_EKSPOR = ["id_aduan", "waktu_lapor", "lat", "lon", "kode_wilayah", "nama_ruas", "status_jalan",
                 "status_jalan_sumber", "status_jalan_jaringan", "id_ruas", "jarak_ruas_m"]


def aduan_untuk_ekspor(mentah: pd.DataFrame, ruas: pd.DataFrame, peran: str = "publik",
                       jarak_m: float | None = None) -> pd.DataFrame:
    """Stored complaints as ``peran`` may see them (personal fields through
    :func:`indicators.akses.privasi.lindungi` first), snapped to the stored network ``ruas``
    (``ruas_jalan`` rows); road columns first, distance in metres to 0.1 m."""
    from indicators.akses import privasi
    from indicators.wilayah.jalan import jaringan

    aman = privasi.lindungi(mentah, "aduan_jalan", peran)
    t = tambat(aman, jaringan(ruas), jarak_m)
    t["jarak_ruas_m"] = t["jarak_ruas_m"].round(1)
    kolom = [k for k in URUTAN_EKSPOR if k in t] + [k for k in t.columns if k not in URUTAN_EKSPOR]
    return t[[k for k in kolom if not str(k).startswith("_")]]
