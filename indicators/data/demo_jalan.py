"""SIMULATED road network for the demo: lines between and within kecamatan, and complaints on them.

Not a real road map. Built from the kecamatan centres it is given (a GeoDataFrame of points: today
the centres :func:`indicators.wilayah.batas.titik_pusat` draws, real where the district's geography is
real) and the village centres:

- the arterial network is the minimum spanning tree of the kecamatan centres; its longest path is the
  national road (``Jalan Nasional Lintas <A> – <B>`` per section); the district's focus corridors
  (``data/demo.yaml`` → ``fokus``) are provincial sections through the centres they name; the other tree
  edges are provincial or regency roads between two centres;
- regency roads run from each kecamatan centre to some of its villages, village roads are short spurs
  from village centres;
- every section is cut into segments of 1–3 km, each with its own surface condition, so a section's
  kemantapan is a share, not 0 % or 100 %.

Lines bend a little (perpendicular offsets) so they read as roads. Complaints lie on the lines
(:func:`titik_di_ruas`): a uniform position along the segment plus GPS noise, a few reported far off.
Deterministic for a given generator.
"""
from __future__ import annotations

import re
from itertools import pairwise

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import minimum_spanning_tree
from shapely.geometry import LineString
from shapely.ops import substring

from indicators.wilayah.jalan import crs_metrik, ke_wkt

KONDISI = ["baik", "sedang", "rusak_ringan", "rusak_berat"]
PELUANG_KONDISI = {"nasional": [.45, .35, .15, .05], "fokus": [.08, .17, .35, .40], "provinsi": [.35, .35, .2, .1],
                   "kabupaten": [.3, .35, .22, .13], "desa": [.2, .35, .3, .15]}
GPS_SIGMA_M = 6.0       # noise of a phone's position around the road
JAUH_BAGIAN = 0.02      # share of complaints placed 60–400 m off the road (a wrong pin; snapping lists them)


def _berkelok(a, b, rng: np.random.Generator, lekuk: float = 0.06) -> LineString:
    """A line from a to b (metres) through 3 intermediate points pushed sideways by up to ``lekuk`` × length."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = b - a
    n = np.array([-d[1], d[0]]) / max(np.hypot(*d), 1e-9)
    t = np.array([0.25, 0.5, 0.75])
    geser = rng.normal(0, lekuk, 3) * np.hypot(*d) * np.sin(np.pi * t)
    tengah = a + t[:, None] * d + geser[:, None] * n
    return LineString(np.vstack([a, tengah, b]))


def _potong(garis: LineString, rng: np.random.Generator, min_m: float = 1000, maks_m: float = 3000) -> list:
    """A line cut into consecutive pieces of 1–3 km (the last takes the rest; a short line stays whole)."""
    panjang = garis.length
    batas = [0.0]
    while panjang - batas[-1] > maks_m:
        batas.append(batas[-1] + rng.uniform(min_m, maks_m))
    batas.append(panjang)
    return [substring(garis, a, b) for a, b in pairwise(batas)]


def _pohon(xy: np.ndarray) -> tuple[list[tuple[int, int]], list[int]]:
    """Edges of the minimum spanning tree of points, and its longest path (node list)."""
    n = len(xy)
    if n < 2:
        return [], list(range(n))
    jarak = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    t = minimum_spanning_tree(jarak + 1e-9 * (jarak == 0)).tocoo()
    sisi = sorted((min(i, j), max(i, j)) for i, j in zip(t.row, t.col, strict=True))
    tetangga: dict[int, list[int]] = {i: [] for i in range(n)}
    for i, j in sisi:
        tetangga[i].append(j)
        tetangga[j].append(i)

    def terjauh(awal: int) -> tuple[int, dict]:
        jarak_ke, induk, antre = {awal: 0.0}, {awal: -1}, [awal]
        while antre:
            u = antre.pop()
            for v in tetangga[u]:
                if v not in jarak_ke:
                    jarak_ke[v], induk[v] = jarak_ke[u] + jarak[u, v], u
                    antre.append(v)
        return max(jarak_ke, key=jarak_ke.get), induk

    a, _ = terjauh(0)
    b, induk = terjauh(a)
    jalur = [b]
    while induk[jalur[-1]] != -1:
        jalur.append(induk[jalur[-1]])
    return sisi, jalur


def jaringan_demo(kode_kabupaten: str, pusat_kec: gpd.GeoDataFrame, pusat_desa: gpd.GeoDataFrame,
                  fokus: list[dict], rng: np.random.Generator) -> pd.DataFrame:
    """Simulated ``ruas_jalan`` rows (geometry as WKT) for one district.

    ``pusat_kec``: ``kode_wilayah, nama, geometry`` (points, EPSG:4326), one per kecamatan;
    ``pusat_desa``: ``kode_wilayah, geometry`` (points) of the villages; ``fokus``: the focus corridors
    ``{nama_ruas, kecamatan: [names]}`` — provincial sections with most complaints.
    """
    from indicators.wilayah.batas import kode_dari_titik

    kec = pusat_kec.reset_index(drop=True)
    metrik = crs_metrik(kec.geometry)
    xy = shapely.get_coordinates(kec.to_crs(metrik).geometry.array)
    desa = pusat_desa.reset_index(drop=True)
    xy_desa = shapely.get_coordinates(desa.to_crs(metrik).geometry.array)
    induk_desa = desa["kode_wilayah"].str.rsplit(".", n=1).str[0].to_numpy()
    nama_kec = kec["nama"].tolist()
    indeks = {n: i for i, n in enumerate(nama_kec)}
    sisi, jalur = _pohon(xy)

    bagian: list[tuple[str, str, str, LineString, str]] = []  # (status, nama_ruas, kelas peluang, garis, kode id)
    # national road along the tree's longest path, one section per edge
    for k, (i, j) in enumerate(pairwise(jalur)):
        bagian.append(("nasional", f"Jalan Nasional Lintas {nama_kec[i]} – {nama_kec[j]}", "nasional",
                       _berkelok(xy[i], xy[j], rng, 0.04), f"NAS{k + 1:02d}"))
    # focus corridors: provincial sections through the centres they name
    dipakai: set[tuple[int, int]] = set()
    for k, f in enumerate(fokus):
        titik = [indeks[n] for n in f["kecamatan"] if n in indeks]
        if not titik:
            continue
        if len(titik) == 1:
            lain = [indeks[n] for n in re.split(r"\s+[–-]\s+", re.sub(r"^Ruas Provinsi\s+", "", f["nama_ruas"]))
                    if n in indeks and indeks[n] != titik[0]]
            if lain:
                titik.append(lain[0])
            else:
                d = np.hypot(*(xy - xy[titik[0]]).T)
                d[titik[0]] = np.inf
                titik.append(int(np.argmin(d)) if np.isfinite(d).any() else titik[0])
        if len(set(titik)) < 2:
            continue
        pts = [xy[t] for t in titik]
        garis = shapely.line_merge(shapely.union_all([_berkelok(a, b, rng, 0.08) for a, b in pairwise(pts)]))
        if garis.geom_type != "LineString":
            garis = LineString(np.vstack([shapely.get_coordinates(g) for g in shapely.get_parts(garis)]))
        bagian.append(("provinsi", f["nama_ruas"], "fokus", garis, f"PRF{k + 1:02d}"))
        dipakai |= {(min(a, b), max(a, b)) for a, b in pairwise(titik)}
    nasional = {(min(a, b), max(a, b)) for a, b in pairwise(jalur)}
    for k, (i, j) in enumerate(sisi):
        if (i, j) in nasional or (i, j) in dipakai:
            continue
        prov = rng.random() < 0.3
        status, nama = (("provinsi", f"Ruas Provinsi {nama_kec[i]} – {nama_kec[j]}") if prov
                        else ("kabupaten", f"Jalan Kabupaten {nama_kec[i]} – {nama_kec[j]}"))
        bagian.append((status, nama, status, _berkelok(xy[i], xy[j], rng, 0.07), f"{status[:3].upper()}A{k + 1:02d}"))

    rows: list[dict] = []

    def tambah(status, nama, kelas, garis, kode_id, kode_kec=None, potong=True):
        for m, g in enumerate(_potong(garis, rng) if potong else [garis]):
            rows.append({"id_ruas": f"{kode_id}.{m + 1:02d}", "nama_ruas": nama, "status_jalan": status,
                         "panjang_km": round(g.length / 1000, 3),
                         "kondisi": rng.choice(KONDISI, p=PELUANG_KONDISI[kelas]),
                         "kode_wilayah": kode_kec, "_geom": g})

    for status, nama, kelas, garis, kode_id in bagian:
        tambah(status, nama, kelas, garis, f"{kode_kabupaten}.{kode_id}")
    # within each kecamatan: regency roads to some villages, village spurs
    for i, (kode_kec, nama) in enumerate(zip(kec["kode_wilayah"], nama_kec, strict=True)):
        di_kec = np.flatnonzero(induk_desa == kode_kec)
        if not len(di_kec):
            continue
        d = np.hypot(*(xy_desa[di_kec] - xy[i]).T)
        jauh = di_kec[np.argsort(-d)]
        for j, t in enumerate(jauh[: int(rng.integers(4, 9))]):
            if np.hypot(*(xy_desa[t] - xy[i])) < 300:
                continue
            tambah("kabupaten", f"Jalan Kabupaten {nama} {j + 1}", "kabupaten",
                   _berkelok(xy[i], xy_desa[t], rng, 0.1), f"{kode_kec}.KAB{j + 1:02d}", kode_kec)
        for j, t in enumerate(rng.choice(di_kec, size=min(len(di_kec), int(rng.integers(8, 20))), replace=False)):
            sudut, km = rng.uniform(0, 2 * np.pi), rng.uniform(0.5, 3.0)
            ujung = xy_desa[t] + 1000 * km * np.array([np.cos(sudut), np.sin(sudut)])
            tambah("desa", f"Jalan Desa {nama} {j + 1}", "desa", _berkelok(xy_desa[t], ujung, rng, 0.12),
                   f"{kode_kec}.DES{j + 1:02d}", kode_kec, potong=False)
    df = pd.DataFrame(rows)
    geom = gpd.GeoSeries(df.pop("_geom").tolist(), crs=metrik).to_crs("EPSG:4326")
    tengah = shapely.line_interpolate_point(geom.array, 0.5, normalized=True)
    kode = kode_dari_titik(shapely.get_y(tengah), shapely.get_x(tengah), kode_kabupaten, "kecamatan")
    asal = df["kode_wilayah"].to_numpy(dtype=object)
    df["kode_wilayah"] = np.where(pd.isna(asal), kode, asal)
    # a segment whose midpoint lies outside every kecamatan keeps the nearest centre's kecamatan
    kosong = pd.isna(df["kode_wilayah"]).to_numpy()
    if kosong.any():
        t = shapely.get_coordinates(gpd.GeoSeries(tengah[kosong], crs="EPSG:4326").to_crs(metrik).array)
        df.loc[kosong, "kode_wilayah"] = kec["kode_wilayah"].to_numpy()[
            np.argmin(np.hypot(*(t[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)), axis=1)]
    # a focus section is in bad repair where it crosses the kecamatan named, like any provincial road elsewhere
    nama_kode = dict(zip(kec["kode_wilayah"], nama_kec, strict=True))
    for f in fokus:
        lain = (df["nama_ruas"] == f["nama_ruas"]) & ~df["kode_wilayah"].map(nama_kode).isin(f["kecamatan"])
        df.loc[lain, "kondisi"] = rng.choice(KONDISI, size=int(lain.sum()), p=PELUANG_KONDISI["provinsi"])
    df["geometry"] = ke_wkt(geom.array)
    return df


def titik_di_ruas(geometry_wkt: pd.Series, si: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A point on segment ``si[k]`` for each complaint k: uniform along the line, GPS noise of a few
    metres, and :data:`JAUH_BAGIAN` of them 60–400 m off (pins dropped in the wrong place).
    Returns ``(lat, lon)``; NaN for segments without a line."""
    geom = shapely.from_wkt(np.asarray(geometry_wkt, dtype=object))
    metrik = crs_metrik(gpd.GeoSeries(geom[~shapely.is_missing(geom)], crs="EPSG:4326"))
    g_m = gpd.GeoSeries(geom, crs="EPSG:4326").to_crs(metrik).array
    n = len(si)
    p = shapely.line_interpolate_point(g_m[si], rng.random(n), normalized=True)
    xy = shapely.get_coordinates(p, include_z=False) if n else np.empty((0, 2))
    ada = ~shapely.is_missing(p) & ~shapely.is_empty(p)
    full = np.full((n, 2), np.nan)
    full[ada] = xy
    full += rng.normal(0, GPS_SIGMA_M, (n, 2))
    jauh = rng.random(n) < JAUH_BAGIAN
    sudut, jarak = rng.uniform(0, 2 * np.pi, n), rng.uniform(60, 400, n)
    full[jauh] += np.c_[np.cos(sudut), np.sin(sudut)][jauh] * jarak[jauh, None]
    ll = gpd.GeoSeries.from_xy(full[:, 0], full[:, 1], crs=metrik).to_crs("EPSG:4326")
    return ll.y.to_numpy().copy(), ll.x.to_numpy().copy()
