"""Schematic boundaries: geometry derived honestly where no boundary file exists.

For Lampung Tengah from the kecamatan centres and areas in ``data/pusat_kecamatan.csv`` (facts from
the spec): a power diagram of the centres inside an outline derived from the same facts. Elsewhere a
nominal layout (not the real place). Villages are relaxed Voronoi cells inside their kecamatan;
units a real file lacks become small discs inside their kecamatan. Used by :mod:`indicators.wilayah.batas`.

>>> pusat_kecamatan("18.02").loc[0, ["kode", "kecamatan", "lat", "lon", "luas_km2"]].astype(str).tolist()
['18.02.01', 'Kalirejo', '-5.214', '104.981', '110']
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Polygon, box

from indicators.dasar.pengaturan import DATA_DIR
from indicators.wilayah.daftar import daftar_kabupaten, daftar_wilayah

# District extents stated next to the centre facts (docs/data.md, "Batas skematis").
_BBOX_FAKTA = {"18.02": (104.55, -5.27, 105.91, -4.48)}
# Nominal size of a schematic district without facts: about the village density of Lampung Tengah
# and Lombok Tengah (8–15 km² a village). Only the drawing depends on it.
_KM2_PER_DESA_NOMINAL = 12.0
_KM_PER_DERAJAT = 111.32


# --- facts and local plane coordinates -------------------------------------------------------

@lru_cache(maxsize=1)
def _fakta() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "pusat_kecamatan.csv", dtype={"kode": str})


def pusat_kecamatan(kode_kabupaten: str) -> pd.DataFrame:
    """Kecamatan centres and areas known as facts (``data/pusat_kecamatan.csv``); empty if none.

    >>> pusat_kecamatan("18.02").loc[0, ["kode", "kecamatan", "lat", "lon", "luas_km2"]].astype(str).tolist()
    ['18.02.01', 'Kalirejo', '-5.214', '104.981', '110']
    """
    f = _fakta()
    return f[f["kode"].str.startswith(kode_kabupaten + ".")].reset_index(drop=True)


def _ada_fakta(kode_kabupaten: str) -> bool:
    """True when every kecamatan of the register has a centre fact (else: nominal layout)."""
    reg = daftar_wilayah(kode_kabupaten, "kecamatan")
    return bool(len(reg)) and set(pusat_kecamatan(kode_kabupaten)["kode"]) == set(reg["kode_wilayah"])


class _Bidang:
    """Local equirectangular plane in km around (lon0, lat0): area error < 0.1 % across a district."""

    def __init__(self, lon0: float, lat0: float):
        self.lon0, self.lat0 = lon0, lat0
        self.kx = _KM_PER_DERAJAT * math.cos(math.radians(lat0))
        self.ky = 110.57

    def ke_km(self, geom):
        return shapely.transform(geom, lambda c: (c - (self.lon0, self.lat0)) * (self.kx, self.ky))

    def ke_derajat(self, geom):
        return shapely.transform(geom, lambda c: np.round(c / (self.kx, self.ky) + (self.lon0, self.lat0), 7))

    def xy(self, lon, lat) -> np.ndarray:
        return np.column_stack([(np.asarray(lon) - self.lon0) * self.kx, (np.asarray(lat) - self.lat0) * self.ky])


# --- schematic kecamatan: a power diagram of the centres -------------------------------------

def _klip(poli: np.ndarray, a: np.ndarray, b: float) -> np.ndarray:
    """Clip a convex polygon (n×2, open ring) to the half-plane a·x ≤ b (Sutherland–Hodgman)."""
    s = poli @ a - b
    masuk = s <= 0
    if masuk.all() or not masuk.any():
        return poli if masuk.all() else poli[:0]
    s2, p2 = np.roll(s, -1), np.roll(poli, -1, axis=0)
    lintas = masuk != (s2 <= 0)
    t = np.where(lintas, s / np.where(lintas, s - s2, 1.0), 0.0)
    kandidat = np.stack([poli, poli + t[:, None] * (p2 - poli)], axis=1)
    return kandidat[np.stack([masuk, lintas], axis=1)]


def _bobot(pusat: np.ndarray, target: np.ndarray, garis_luar) -> np.ndarray:
    """Power weights giving cells of about the ``target`` areas (km²), found on a raster of
    ~15,000 points inside the outline (cheap per step); exact polygons are cut afterwards.

    Weights grow where a cell is too small. The pairwise bound w_i − w_j < d_ij² keeps every
    centre inside its own cell (the facts say the centre lies inside the kecamatan); where that
    bound binds, a cell stays smaller or larger than its target.
    """
    h = math.sqrt(garis_luar.area / 15_000)
    x0, y0, x1, y1 = garis_luar.bounds
    gx, gy = np.meshgrid(np.arange(x0 + h / 2, x1, h), np.arange(y0 + h / 2, y1, h))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    grid = grid[shapely.contains_xy(garis_luar, grid[:, 0], grid[:, 1])]
    jarak = ((grid[:, None, :] - pusat[None, :, :]) ** 2).sum(axis=2)
    batas_w = 0.97 * ((pusat[:, None, :] - pusat[None, :, :]) ** 2).sum(axis=2)
    target = target * (len(grid) * h * h / target.sum())  # the raster's total, not the polygon's
    w = np.zeros(len(pusat))
    for _ in range(200):
        luas = np.bincount(np.argmin(jarak - w, axis=1), minlength=len(pusat)) * h * h
        if np.max(np.abs(target - luas) / target) < 0.02:
            break
        w = w + 0.4 * (target - luas)
        for _ in range(50):  # project onto the containment bounds
            lebih = np.maximum(w[:, None] - w[None, :] - batas_w, 0.0)
            if not lebih.any():
                break
            w = w - 0.5 * lebih.max(axis=1) + 0.5 * lebih.max(axis=0)
    return w


def _sel_berbobot(pusat: np.ndarray, target: np.ndarray, garis_luar) -> list:
    """Cells around fixed centres, areas close to ``target``, each containing its centre, together
    covering ``garis_luar`` exactly (a power diagram clipped to the outline; km)."""
    w = _bobot(pusat, target, garis_luar)
    x0, y0, x1, y1 = garis_luar.bounds
    kotak = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], float)
    norm = (pusat**2).sum(axis=1)
    sel = []
    for i in range(len(pusat)):
        poli = kotak
        for j in range(len(pusat)):
            if j != i and len(poli):
                poli = _klip(poli, 2 * (pusat[j] - pusat[i]), norm[j] - norm[i] - w[j] + w[i])
        sel.append(Polygon(poli) if len(poli) >= 3 else Polygon())
    return list(shapely.intersection(np.array(sel, dtype=object), garis_luar))


def _garis_luar_fakta(pusat: np.ndarray, luas: np.ndarray, kotak) -> Polygon:
    """District outline derived from the facts: discs of each kecamatan's area around its centre,
    joined (morphological closing), clipped to the stated extent, scaled to the total area."""
    def bentuk(s: float):
        cakram = shapely.buffer(shapely.points(pusat), s * np.sqrt(luas / np.pi), quad_segs=8)
        g = shapely.union_all(cakram).buffer(6.0, quad_segs=4).buffer(-6.0, quad_segs=4)
        return g.intersection(kotak) if kotak is not None else g

    lo, hi = 0.5, 3.0
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if bentuk(mid).area < luas.sum() else (lo, mid)
    return shapely.normalize(bentuk(hi))


@lru_cache(maxsize=1)
def _urutan_kabupaten() -> dict[str, int]:
    return {k: i for i, k in enumerate(sorted(daftar_kabupaten()))}


def _titik_nominal(kode_kabupaten: str) -> tuple[float, float]:
    """A nominal (lon, lat) for a district without facts: a sunflower of all kabupaten/kota over
    Indonesia's extent, so schematic districts never sit on top of each other. Not geographic."""
    urut = _urutan_kabupaten()
    k, n = urut.get(kode_kabupaten, 0), len(urut)
    r, teta = math.sqrt((k + 0.5) / n), k * math.pi * (3 - math.sqrt(5))
    return 118.0 + 20.0 * r * math.cos(teta), -2.5 + 7.0 * r * math.sin(teta)


@lru_cache(maxsize=64)
def _kecamatan_skematis(kode_kabupaten: str) -> tuple[gpd.GeoDataFrame, str]:
    reg = daftar_wilayah(kode_kabupaten, "kecamatan")
    fakta = pusat_kecamatan(kode_kabupaten)
    if _ada_fakta(kode_kabupaten):
        fakta = fakta.set_index("kode").loc[reg["kode_wilayah"]]
        bidang = _Bidang(float(fakta["lon"].mean()), float(fakta["lat"].mean()))
        pusat = bidang.xy(fakta["lon"], fakta["lat"])
        target = fakta["luas_km2"].to_numpy(float)
        kotak = _BBOX_FAKTA.get(kode_kabupaten)
        kotak_km = bidang.ke_km(box(*kotak)) if kotak else None
        luar = _garis_luar_fakta(pusat, target, kotak_km)
        sumber = ("Batas skematis: sel berbobot (diagram daya) di sekitar titik pusat dan luas kecamatan "
                  "dari data/pusat_kecamatan.csv (fakta, lihat docs/data.md), di dalam garis luar kabupaten "
                  f"turunan dari fakta yang sama ({target.sum():,.0f} km²); bukan batas resmi.")
    else:
        n_desa = daftar_wilayah(kode_kabupaten, "desa").groupby("kode_induk").size()
        target = np.array([max(n_desa.get(k, 1), 1) for k in reg["kode_wilayah"]], float) * _KM2_PER_DESA_NOMINAL
        bidang = _Bidang(*_titik_nominal(kode_kabupaten))
        jari = math.sqrt(target.sum() / math.pi)
        i = np.arange(len(reg))
        r = 0.8 * jari * np.sqrt((i + 0.5) / max(len(reg), 1))
        teta = i * math.pi * (3 - math.sqrt(5))
        pusat = np.column_stack([r * np.cos(teta), r * np.sin(teta)])
        luar = shapely.Point(0, 0).buffer(jari, quad_segs=16)
        sumber = ("Batas skematis: tata letak nominal (bukan lokasi sebenarnya) — tidak ada fakta titik "
                  f"pusat untuk {kode_kabupaten}; luas sel sebanding jumlah desa. Bukan batas resmi.")
    sel = _sel_berbobot(pusat, target, luar) if len(reg) > 1 else [luar]
    geom = bidang.ke_derajat(np.array(sel, dtype=object))
    gdf = gpd.GeoDataFrame({"kode_wilayah": reg["kode_wilayah"], "nama": reg["nama"],
                            "geometri_skematis": True}, geometry=list(geom), crs="EPSG:4326")
    return gdf, sumber


# --- schematic villages: relaxed Voronoi cells inside their kecamatan -------------------------

def _benih(kode: str) -> int:
    return int(re.sub(r"\D", "", kode) or 0)


def _titik_dalam(geom, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniform points inside a polygon (rejection from its bounds)."""
    x0, y0, x1, y1 = geom.bounds
    shapely.prepare(geom)
    hasil = np.empty((0, 2))
    while len(hasil) < n:
        c = rng.uniform((x0, y0), (x1, y1), size=(max(4 * n, 64), 2))
        hasil = np.vstack([hasil, c[shapely.contains_xy(geom, c[:, 0], c[:, 1])]])
    return hasil[:n]


def _sel_voronoi(induk, n: int, seed: int) -> list:
    """``n`` cells of about equal area covering the polygon ``induk`` (in km), deterministic."""
    if n == 1:
        return [induk]
    titik = _titik_dalam(induk, n, np.random.default_rng(seed))
    for putaran in range(6):  # Lloyd relaxation: evenly sized, compact cells
        vor = shapely.voronoi_polygons(MultiPoint(titik), extend_to=induk, ordered=True)
        sel = shapely.intersection(np.asarray(shapely.get_parts(vor)), induk)
        if putaran == 5:
            break
        pusat = shapely.point_on_surface(sel)
        titik = shapely.get_coordinates(pusat)
    return list(sel)


def _desa_dalam(kecamatan: gpd.GeoDataFrame, desa_reg: pd.DataFrame) -> gpd.GeoDataFrame:
    """Schematic village cells inside each kecamatan polygon of ``kecamatan``."""
    rows = []
    for kec in kecamatan.itertuples():
        desa = desa_reg[desa_reg["kode_induk"] == kec.kode_wilayah]
        if desa.empty:
            continue
        c = kec.geometry.representative_point()
        bidang = _Bidang(c.x, c.y)
        sel = _sel_voronoi(bidang.ke_km(kec.geometry), len(desa), _benih(kec.kode_wilayah))
        rows += zip(desa["kode_wilayah"], desa["nama"], bidang.ke_derajat(np.array(sel, dtype=object)), strict=True)
    kode, nama, geom = zip(*rows, strict=True) if rows else ((), (), ())
    return gpd.GeoDataFrame({"kode_wilayah": list(kode), "nama": list(nama), "geometri_skematis": True},
                            geometry=list(geom), crs="EPSG:4326")


def _cakram(induk, n: int, luas_km2: float, seed: int) -> list:
    """``n`` small discs spread inside ``induk`` (lon/lat): for units a real file lacks.

    They sit on top of real polygons and are marked schematic; the real polygons stay untouched.
    """
    c = induk.representative_point()
    bidang = _Bidang(c.x, c.y)
    km = bidang.ke_km(induk)
    r = math.sqrt(luas_km2 / math.pi)
    calon = _titik_dalam(km, 400, np.random.default_rng(seed))
    jarak_tepi = shapely.distance(km.boundary, shapely.points(calon))
    # whole discs where the kecamatan is wide enough, else its most interior points
    calon = calon[jarak_tepi >= min(1.2 * r, np.quantile(jarak_tepi, 0.75))]
    pilih = [0]
    while len(pilih) < n:  # farthest-point sampling: discs apart from each other
        d = np.min(((calon[:, None, :] - calon[pilih][None, :, :]) ** 2).sum(axis=2), axis=1)
        pilih.append(int(np.argmax(d)))
    cakram = [shapely.Point(*calon[i]).buffer(r, quad_segs=6).intersection(km) for i in pilih]
    return list(bidang.ke_derajat(np.array(cakram, dtype=object)))
