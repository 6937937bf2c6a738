"""Boundaries of a kabupaten's kecamatan and villages, and points inside them.

Real boundaries come from a file the district already has: imported into the store (the data page
or ``python -m indicators boundaries --store``), or named by the settings ``batas_kecamatan`` and
``batas_desa``; :func:`baca_batas` (in :mod:`indicators.wilayah.berkas_batas`) is the one loader. Without a
file, the shipped geography stands in (:mod:`indicators.wilayah.geografi`, setting ``geografi_bawaan``):
real kecamatan polygons for every district, real village polygons for 18.02 and 52.02, elsewhere village
cells derived from the real village centres (labelled *batas perkiraan*, ``attrs['perkiraan']``). With
``geografi_bawaan`` off, geometry is derived and labelled *schematic* (:mod:`indicators.wilayah.skematis`).
Every unit of the official register is present exactly once; ``geometri_skematis`` says which cells are derived.

>>> g = batas("18.02", "kecamatan")
>>> len(g), g.attrs["skematis"], list(g.columns)
(28, False, ['kode_wilayah', 'nama', 'geometri_skematis', 'geometry'])
"""
from __future__ import annotations

import copy
import warnings
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from indicators.dasar.pengaturan import AKAR, ambil, path_gudang
from indicators.wilayah import geografi
from indicators.wilayah.berkas_batas import BBOX_INDONESIA, _poligonal, _tingkat_kode, baca_batas, path_batas_impor
from indicators.wilayah.daftar import daftar_wilayah
from indicators.wilayah.skematis import (
    _ada_fakta,
    _benih,
    _Bidang,
    _cakram,
    _desa_dalam,
    _kecamatan_skematis,
    pusat_kecamatan,
)

__all__ = ["BBOX_INDONESIA", "KOLOM", "TINGKAT_BATAS", "baca_batas", "batas", "berkas_aktif", "kode_dari_titik",
           "path_batas_impor", "pusat_kecamatan", "titik_acak", "titik_pusat"]

TINGKAT_BATAS = ("kabupaten", "kecamatan", "desa")
KOLOM = ["kode_wilayah", "nama", "geometri_skematis", "geometry"]


# --- layers: real where a file exists, schematic elsewhere ------------------------------------

def berkas_aktif(kode_kabupaten: str, tingkat: str) -> str:
    """The boundary file a layer is drawn from: the one imported into the store (``batas/`` beside
    the store, see :meth:`indicators.data.gudang.Gudang.simpan_batas`) when there is one, else the
    setting ``batas_<tingkat>`` (empty = schematic).

    >>> berkas_aktif("99.99", "desa") == str(ambil("batas_desa"))
    True
    """
    impor = path_batas_impor(path_gudang().parent, kode_kabupaten, tingkat)
    return str(impor) if impor.exists() else str(ambil(f"batas_{tingkat}"))


def _kunci_aktif(kode_kabupaten: str) -> tuple:
    return (_kunci_berkas(berkas_aktif(kode_kabupaten, "kecamatan")),
            _kunci_berkas(berkas_aktif(kode_kabupaten, "desa")), _bawaan(kode_kabupaten))


def _bawaan(kode_kabupaten: str) -> bool:
    """Whether the shipped geography (:mod:`indicators.wilayah.geografi`) stands in for a missing file."""
    return bool(ambil("geografi_bawaan")) and geografi.ada(kode_kabupaten)


def _asal(path: str) -> str:
    p = Path(path)
    return f"impor ({p.name})" if p.parent.name == "batas" and p.suffix == ".gpkg" else p.name


def _kunci_berkas(nilai: str | Path | None) -> tuple[str, float] | None:
    if not nilai:
        return None
    p = Path(nilai)
    p = p if p.is_absolute() else AKAR / p
    return str(p), (p.stat().st_mtime if p.exists() else -1.0)


@lru_cache(maxsize=16)
def _nyata(kunci: tuple[str, float], tingkat: str, kode_kabupaten: str) -> tuple[gpd.GeoDataFrame, dict]:
    return baca_batas(kunci[0], tingkat, kode_kabupaten)


def _coba_nyata(kunci, tingkat, kode_kabupaten, peringatan: list[str]):
    if kunci is None:
        return None
    try:
        return _nyata(kunci, tingkat, kode_kabupaten)
    except ValueError as e:
        pesan = f"berkas batas {tingkat} tidak dipakai, digambar skematis: {e}"
        warnings.warn(pesan, stacklevel=3)
        peringatan.append(pesan)
        return None


def _lengkapi(nyata: gpd.GeoDataFrame, reg: pd.DataFrame) -> gpd.GeoDataFrame:
    g = reg[["kode_wilayah", "nama"]].merge(nyata[["kode_wilayah", "geometry"]], on="kode_wilayah", how="left")
    g["geometri_skematis"] = g["geometry"].isna()
    return gpd.GeoDataFrame(g[KOLOM], geometry="geometry", crs="EPSG:4326")


def _lapisan_kecamatan(kode, k_kec, k_desa, bawaan, peringatan) -> tuple[gpd.GeoDataFrame, str, dict | None]:
    reg = daftar_wilayah(kode, "kecamatan")
    baca = _coba_nyata(k_kec, "kecamatan", kode, peringatan)
    if baca is not None:
        nyata, lap = baca
        g, sumber = _lengkapi(nyata, reg), f"Batas kecamatan dari berkas {_asal(k_kec[0])}"
    else:
        baca = _coba_nyata(k_desa, "desa", kode, peringatan)
        if baca is None and bawaan:
            k = geografi.kecamatan(kode)
            return _lengkapi(k, reg), k.attrs["sumber"], None
        if baca is None:
            skema, sumber_skema = _kecamatan_skematis(kode)
            return skema.copy(), sumber_skema, None
        desa, lap = baca
        desa = desa.assign(kode_wilayah=desa["kode_wilayah"].str.rsplit(".", n=1).str[0])
        nyata = desa.dissolve("kode_wilayah", as_index=False)
        nyata["geometry"] = _tutup_celah(nyata.geometry.array)
        g, sumber = _lengkapi(nyata, reg), f"Batas kecamatan digabung dari batas desa berkas {_asal(k_desa[0])}"
    kurang = g["geometri_skematis"].to_numpy()
    if kurang.any():  # the schematic cell outside the real kecamatan, else a disc beside the district
        skema, _ = _kecamatan_skematis(kode)
        ada = shapely.union_all(g.geometry[~kurang].array)
        isi = skema.set_index("kode_wilayah").geometry.loc[g.loc[kurang, "kode_wilayah"]].difference(ada)
        isi = np.array([_poligonal(x) for x in isi.array], dtype=object)
        dekat = shapely.intersects(isi, ada.buffer(0.5)) & ~shapely.is_empty(isi)
        g.loc[kurang, "geometry"] = np.where(dekat, isi, _cakram_samping(ada, int(kurang.sum())))
        sumber += f"; {int(kurang.sum())} kecamatan tanpa batas di berkas digambar skematis"
    return g, sumber, lap


def _tutup_celah(geom, lebar: float = 5e-5, lubang_min: float = 5e-6):
    """Close hairline gaps between neighbouring village polygons (≈ 5 m) and drop holes smaller
    than ``lubang_min`` deg² (≈ 0.06 km²), as done for the reference kecamatan layer; a dissolved
    kecamatan otherwise shows the gaps as slivers."""
    g = shapely.buffer(shapely.buffer(shapely.make_valid(geom), lebar, quad_segs=2), -lebar, quad_segs=2)

    def isi(poly):
        lubang = [r for r in poly.interiors if Polygon(r).area >= lubang_min]
        return Polygon(poly.exterior, lubang)

    return np.array([shapely.union_all([isi(p) for p in shapely.get_parts(x)]) for x in g], dtype=object)


def _cakram_samping(ada, n: int) -> np.ndarray:
    """Discs in a row under the district for kecamatan a file lacks and no facts place."""
    x0, y0, _, _ = ada.bounds
    r = 0.03
    return np.array([shapely.Point(x0 + r + i * 3 * r, y0 - 2 * r).buffer(r) for i in range(n)], dtype=object)


def _lapisan_desa(kode, k_kec, k_desa, bawaan, peringatan) -> tuple[gpd.GeoDataFrame, str, dict | None]:
    reg = daftar_wilayah(kode, "desa")
    kec, sumber_kec, lap_kec = _lapisan_kecamatan(kode, k_kec, k_desa, bawaan, peringatan)
    baca = _coba_nyata(k_desa, "desa", kode, peringatan)
    if baca is None and bawaan:  # real village centres: shipped polygons, else cells inside the kecamatan
        d = geografi.desa(kode) if lap_kec is None else geografi.desa_dalam(kec, kode)
        if lap_kec is None:
            sumber = d.attrs["sumber"]
        else:
            sumber = "Batas desa perkiraan: sel dari titik pusat desa yang sebenarnya di dalam kecamatan. " + sumber_kec
        d = d.rename(columns={"perkiraan": "geometri_skematis"})
        g = reg[["kode_wilayah", "nama"]].merge(d[["kode_wilayah", "geometri_skematis", "geometry"]],
                                                on="kode_wilayah", how="inner")
        return gpd.GeoDataFrame(g[KOLOM], geometry="geometry", crs="EPSG:4326"), sumber, None
    if baca is None:
        sumber = "Batas desa skematis: sel Voronoi merata di dalam tiap kecamatan. " + sumber_kec
        return _desa_dalam(kec, reg), sumber, None
    nyata, lap = baca
    g = _lengkapi(nyata, reg)
    sumber = f"Batas desa dari berkas {_asal(k_desa[0])}"
    kurang = g["geometri_skematis"].to_numpy()
    if kurang.any():
        sumber += f"; {int(kurang.sum())} desa tanpa batas di berkas digambar skematis (lingkaran/sel)"
        ada_per_kec = g.loc[~kurang].assign(k=lambda d: d["kode_wilayah"].str[:8]).groupby("k").size()
        kec_geom = kec.set_index("kode_wilayah").geometry
        for k_kec_kode, bagian in g.loc[kurang].groupby(g.loc[kurang, "kode_wilayah"].str[:8]):
            induk = kec_geom.loc[k_kec_kode]
            if k_kec_kode not in ada_per_kec:  # no real village at all here: cells over the kecamatan
                sel = _desa_dalam(kec.loc[kec["kode_wilayah"] == k_kec_kode], reg.loc[bagian.index])
                geom = sel.geometry.array
            else:
                luas = shapely.area(_Bidang(induk.centroid.x, induk.centroid.y).ke_km(induk))
                jumlah = int((reg["kode_induk"] == k_kec_kode).sum())
                geom = _cakram(induk, len(bagian), 0.25 * luas / jumlah, _benih(k_kec_kode))
            g.loc[bagian.index, "geometry"] = list(geom)
    return g, sumber, lap


@lru_cache(maxsize=32)
def _batas(kode: str, tingkat: str, k_kec, k_desa, bawaan: bool = False) -> gpd.GeoDataFrame:
    peringatan: list[str] = []
    if tingkat == "desa":
        g, sumber, lap = _lapisan_desa(kode, k_kec, k_desa, bawaan, peringatan)
    else:
        g, sumber, lap = _lapisan_kecamatan(kode, k_kec, k_desa, bawaan, peringatan)
        if tingkat == "kabupaten":
            reg = daftar_wilayah(kode, "kabupaten")
            g = gpd.GeoDataFrame({"kode_wilayah": reg["kode_wilayah"], "nama": reg["nama"],
                                  "geometri_skematis": bool(g["geometri_skematis"].any())},
                                 geometry=[shapely.union_all(g.geometry.array)], crs="EPSG:4326")
            sumber = "Garis luar kabupaten = gabungan kecamatan. " + sumber
    g = g.reset_index(drop=True)
    peringatan = list(dict.fromkeys(peringatan))
    perkiraan = bawaan and "perkiraan" in sumber.lower()  # derived from real centres inside real kecamatan
    nominal = bool(g["geometri_skematis"].all()) and not _ada_fakta(kode) and not bawaan
    g.attrs.update(skematis=bool(g["geometri_skematis"].any()), jumlah_skematis=int(g["geometri_skematis"].sum()),
                   perkiraan=perkiraan, lokasi_nominal=nominal, sumber=sumber, laporan=lap, peringatan=peringatan,
                   kode_kabupaten=kode, tingkat=tingkat)
    return g


def batas(kode_kabupaten: str, tingkat: str, *, batas_kecamatan: str | Path | None = None,
          batas_desa: str | Path | None = None) -> gpd.GeoDataFrame:
    """Boundaries of every unit of one level of a kabupaten, exactly once, in EPSG:4326.

    Columns ``kode_wilayah, nama, geometri_skematis, geometry``. ``tingkat`` is ``kabupaten``
    (the dissolved outline), ``kecamatan`` or ``desa``. Files come from the settings
    ``batas_kecamatan``/``batas_desa`` unless given — boundaries imported into the store win over
    the settings (:func:`berkas_aktif`); units a file lacks are filled schematically
    and flagged. ``attrs``: ``skematis`` (any schematic cell), ``jumlah_skematis``,
    ``lokasi_nominal`` (schematic at a made-up place: no facts, no file — never put a basemap
    under it), ``sumber`` (where the geometry comes from, Indonesian), ``laporan`` (the loader's
    report or None), ``peringatan`` (problems, e.g. an unreadable file). Cached; returns a copy.

    >>> g = batas("18.02", "desa")
    >>> len(g), int(g["geometri_skematis"].sum()), g.crs.to_epsg()
    (311, 0, 4326)
    """
    kode = str(kode_kabupaten).strip()
    if tingkat not in TINGKAT_BATAS:
        raise ValueError(f"tingkat harus salah satu dari {TINGKAT_BATAS}, bukan {tingkat!r}")
    k_kec = _kunci_berkas(batas_kecamatan if batas_kecamatan is not None else berkas_aktif(kode, "kecamatan"))
    k_desa = _kunci_berkas(batas_desa if batas_desa is not None else berkas_aktif(kode, "desa"))
    g = _batas(kode, tingkat, k_kec, k_desa, _bawaan(kode))
    salinan = g.copy()
    salinan.attrs = copy.deepcopy(g.attrs)
    return salinan


# --- points -----------------------------------------------------------------------------------

def titik_pusat(kode_kabupaten: str, tingkat: str) -> pd.DataFrame:
    """A representative point inside each unit: columns ``kode_wilayah, lat, lon``.

    For kecamatan with a centre fact (``data/pusat_kecamatan.csv``) that lies inside the drawn
    polygon, the fact is used; otherwise a point on the polygon's surface.

    >>> titik_pusat("18.02", "kecamatan").iloc[0].astype(str).tolist()
    ['18.02.01', '-5.214', '104.981']
    """
    g = batas(kode_kabupaten, tingkat)
    p = shapely.point_on_surface(g.geometry.array)
    lat, lon = shapely.get_y(p), shapely.get_x(p)
    fakta = pusat_kecamatan(kode_kabupaten).set_index("kode")
    if tingkat == "kecamatan" and len(fakta):
        f = fakta.reindex(g["kode_wilayah"])
        di_dalam = shapely.contains_xy(g.geometry.array, f["lon"].to_numpy(), f["lat"].to_numpy())
        lat = np.where(di_dalam, f["lat"].to_numpy(), lat)
        lon = np.where(di_dalam, f["lon"].to_numpy(), lon)
    return pd.DataFrame({"kode_wilayah": g["kode_wilayah"], "lat": lat, "lon": lon})


@lru_cache(maxsize=32)
def _segitiga(kode_kabupaten: str, tingkat: str, k_kec, k_desa, bawaan):
    """Triangulation of every unit: triangles (T×3×2), and per triangle the unit index plus the
    cumulative area fraction within its unit offset by the unit index (one global searchsorted)."""
    g = _batas(kode_kabupaten, tingkat, k_kec, k_desa, bawaan)
    tri = shapely.constrained_delaunay_triangles(g.geometry.array)
    bagian, idx = shapely.get_parts(tri, return_index=True)
    xy = shapely.get_coordinates(bagian).reshape(-1, 4, 2)[:, :3]
    u, v = xy[:, 1] - xy[:, 0], xy[:, 2] - xy[:, 0]
    a = 0.5 * np.abs(u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0])
    total = np.bincount(idx, weights=a, minlength=len(g))
    kum = np.cumsum(a) - np.repeat(np.concatenate([[0], np.cumsum(total)[:-1]]), np.bincount(idx, minlength=len(g)))
    frac = kum / total[idx]
    frac[np.r_[idx[1:] != idx[:-1], True]] = 1.0  # last triangle of a unit ends exactly at 1
    indeks = {k: i for i, k in enumerate(g["kode_wilayah"])}
    return xy, idx + frac, indeks


def titik_acak(
    kode_wilayah, rng: np.random.Generator, kode_kabupaten: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Uniform random points inside each given unit's polygon: arrays ``(lat, lon)``.

    ``kode_wilayah`` holds village (or kecamatan) codes, one per wanted point; unknown codes give
    NaN. Vectorised: the polygons are triangulated once (cached), each point picks a triangle
    weighted by area, then a uniform point in it.

    >>> lat, lon = titik_acak(["18.02.01.2001"] * 3, np.random.default_rng(1))
    >>> kode_dari_titik(lat, lon, "18.02").tolist()
    ['18.02.01.2001', '18.02.01.2001', '18.02.01.2001']
    """
    kode = np.asarray(kode_wilayah, dtype=object)
    lat, lon = np.full(len(kode), np.nan), np.full(len(kode), np.nan)
    if not len(kode):
        return lat, lon
    kode_kab = kode_kabupaten or str(kode[0])[:5]
    kunci = _kunci_aktif(kode_kab)
    for tingkat in ("desa", "kecamatan"):
        pilih = np.array([isinstance(k, str) and _tingkat_kode(k) == tingkat for k in kode])
        if not pilih.any():
            continue
        xy, kum, indeks = _segitiga(kode_kab, tingkat, *kunci)
        u = np.array([indeks.get(k, -1) for k in kode[pilih]])
        ok = u >= 0
        n = int(ok.sum())
        t = np.searchsorted(kum, u[ok] + rng.random(n) * (1 - 1e-12), side="right")
        r1, r2 = rng.random(n), rng.random(n)
        s = np.sqrt(r1)
        p = (1 - s)[:, None] * xy[t, 0] + (s * (1 - r2))[:, None] * xy[t, 1] + (s * r2)[:, None] * xy[t, 2]
        i = np.flatnonzero(pilih)[ok]
        lon[i], lat[i] = p[:, 0], p[:, 1]
    return lat, lon


@lru_cache(maxsize=32)
def _pohon(kode_kabupaten: str, tingkat: str, k_kec, k_desa, bawaan):
    g = _batas(kode_kabupaten, tingkat, k_kec, k_desa, bawaan)
    # real polygons first: a point under a schematic disc belongs to the real village beneath
    urut = np.argsort(g["geometri_skematis"].to_numpy(), kind="stable")
    return shapely.STRtree(g.geometry.array[urut]), g["kode_wilayah"].to_numpy()[urut]


def kode_dari_titik(lat, lon, kode_kabupaten: str, tingkat: str = "desa") -> np.ndarray:
    """Code of the unit containing each point (object array); None outside the district or NaN.

    >>> kode_dari_titik([-5.214, 0.0], [104.981, 0.0], "18.02", "kecamatan").tolist()
    ['18.02.01', None]
    """
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    pohon, kode = _pohon(str(kode_kabupaten), tingkat, *_kunci_aktif(str(kode_kabupaten)))
    hasil = np.full(len(lat), None, dtype=object)
    ok = np.isfinite(lat) & np.isfinite(lon)
    titik_i, geom_i = pohon.query(shapely.points(lon[ok], lat[ok]), predicate="intersects")
    urut = np.lexsort((geom_i, titik_i))  # per point, the first polygon in tree order wins
    titik_i, geom_i = titik_i[urut], geom_i[urut]
    pertama = np.r_[True, titik_i[1:] != titik_i[:-1]] if len(titik_i) else np.array([], bool)
    hasil[np.flatnonzero(ok)[titik_i[pertama]]] = kode[geom_i[pertama]]
    return hasil
