"""Boundaries of a kabupaten's kecamatan and villages, and points inside them.

Real boundaries come from a file the district already has (settings ``batas_kecamatan`` and
``batas_desa``; :func:`baca_batas` is the one loader). Without a file, geometry is derived honestly
and labelled *schematic*: for Lampung Tengah from the kecamatan centres and areas in
``data/pusat_kecamatan.csv`` (facts from the spec), elsewhere from a nominal layout. Every unit of
the official register is present exactly once; ``geometri_skematis`` says which cells are derived.

>>> g = batas("18.02", "kecamatan")
>>> len(g), g.attrs["skematis"], list(g.columns)
(28, True, ['kode_wilayah', 'nama', 'geometri_skematis', 'geometry'])
"""
from __future__ import annotations

import copy
import math
import re
import warnings
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Polygon, box

from indicators.pengaturan import AKAR, DATA_DIR, ambil
from indicators.wilayah import daftar_kabupaten, daftar_wilayah

TINGKAT_BATAS = ("kabupaten", "kecamatan", "desa")
KOLOM = ["kode_wilayah", "nama", "geometri_skematis", "geometry"]
# Indonesia's extent with a margin (lon/lat): coordinates outside it are wrong or swapped.
BBOX_INDONESIA = (94.0, -11.5, 141.5, 6.5)
# District extents stated next to the centre facts (spec DATA.md, "Facts for a schematic default map").
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
                  "dari data/pusat_kecamatan.csv (fakta spesifikasi DATA.md), di dalam garis luar kabupaten "
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


# --- the real boundary file --------------------------------------------------------------------

_KOLOM_KODE = ("kode_wilayah", "kode", "kdepum", "kdcpum", "kdbpum", "kode_desa", "kode_kel", "kode_kec",
               "kd_desa", "kd_kec", "kdebps", "kdcbps", "kode_bps", "id_desa", "id_kec", "id")
_KOLOM_NAMA_DESA = ("nama", "namobj", "wadmkd", "nama_desa", "desa", "kelurahan", "name")
_KOLOM_NAMA_KEC = ("nama", "wadmkc", "kecamatan", "nama_kec", "namobj", "name")


def _normal_kode(v) -> str | None:
    s = str(v).strip()
    if s.lower() in ("", "nan", "none", "<na>"):
        return None
    s = re.sub(r"^(\d+)\.0$", r"\1", s)
    if re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", s):
        return s
    d = re.sub(r"\D", "", s)
    if len(d) in (2, 4, 6, 10) and d == re.sub(r"[\s.\-]", "", s):
        return ".".join(p for p in (d[0:2], d[2:4], d[4:6], d[6:10]) if p)
    return s


def _sistem_bps(nama_kolom: str, nilai: pd.Series) -> bool:
    """BPS codes: 7-digit kecamatan (``1802010``) or 10-digit villages whose last part starts
    with 0 (``1802010001``), where Kemendagri villages start with 1, 2 or 3."""
    if "bps" in nama_kolom.lower():
        return True
    d = nilai.dropna().astype(str).str.replace(r"\D", "", regex=True)
    return bool(len(d)) and bool((d.str.fullmatch(r"\d{7}") | d.str.fullmatch(r"\d{7}0\d{2}")).mean() > 0.8)


def _nama_normal(s) -> str:
    return re.sub(r"[^a-z0-9]", "", str(s).lower())


def _gabung_nama(df: pd.DataFrame, reg: pd.DataFrame, tingkat: str, kode_kabupaten: str) -> pd.Series | None:
    """Exact name join (normalised), within the kecamatan for villages when a kecamatan column
    exists; names that are not unique stay unmatched. Spelling variants are the resolver's job."""
    kolom = {c.lower(): c for c in df.columns}
    calon = _KOLOM_NAMA_DESA if tingkat == "desa" else _KOLOM_NAMA_KEC
    nama_c = next((kolom[c] for c in calon if c in kolom), None)
    if nama_c is None:
        return None
    kunci_reg = reg["nama"].map(_nama_normal)
    kunci_df = df[nama_c].map(_nama_normal)
    kec_c = next((kolom[c] for c in _KOLOM_NAMA_KEC[1:] if c in kolom), None)
    if tingkat == "desa" and kec_c is not None:
        kec = daftar_wilayah(kode_kabupaten, "kecamatan").set_index("kode_wilayah")["nama"].map(_nama_normal)
        kunci_reg = reg["kode_induk"].map(kec) + "|" + kunci_reg
        kunci_df = df[kec_c].map(_nama_normal) + "|" + kunci_df
    unik = kunci_reg[~kunci_reg.duplicated(keep=False)]
    peta = dict(zip(unik, reg.loc[unik.index, "kode_wilayah"], strict=True))
    return kunci_df.map(peta)


def _poligonal(g):
    """Polygonal part of a geometry (make_valid may return a collection with lines)."""
    if g is None or g.is_empty or g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    bagian = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(bagian) if bagian else None


def baca_batas(path: str | Path, tingkat: str, kode_kabupaten: str) -> tuple[gpd.GeoDataFrame, dict]:
    """Read a boundary file (GeoJSON, GeoPackage, zipped Shapefile; any CRS) and join it to the register.

    Returns the matched units (``kode_wilayah, nama, geometry`` in EPSG:4326, one row per code,
    names from the register) and a report: ``matched`` (count), ``unmatched`` (file codes or
    names matching nothing), ``missing`` (register codes without geometry), ``code_system``
    (``kemendagri``/``bps``/``nama``/``tidak dikenal``), ``code_column``, ``crs`` (as read),
    ``reprojected``, ``swapped_latlon``, ``invalid_repaired``, ``outside_indonesia``,
    ``duplicates``, ``features``. Problems are repaired and reported, or reported and left out —
    never drawn silently wrong.

    >>> import json, tempfile, os
    >>> cincin = [[104.9, -5.2], [104.95, -5.2], [104.95, -5.25], [104.9, -5.2]]
    >>> f = {"type": "Feature", "properties": {"kode": "1802012001"},
    ...      "geometry": {"type": "Polygon", "coordinates": [cincin]}}
    >>> p = os.path.join(tempfile.mkdtemp(), "b.geojson")
    >>> _ = open(p, "w").write(json.dumps({"type": "FeatureCollection", "features": [f]}))
    >>> g, lap = baca_batas(p, "desa", "18.02")
    >>> g.loc[0, "kode_wilayah"], lap["matched"], len(lap["missing"]), lap["code_system"]
    ('18.02.01.2001', 1, 310, 'kemendagri')
    """
    if tingkat not in ("kecamatan", "desa"):
        raise ValueError(f"tingkat berkas batas harus 'kecamatan' atau 'desa', bukan {tingkat!r}")
    path = Path(path)
    if not path.exists():
        raise ValueError(f"berkas batas tidak ditemukan: {path}")
    try:
        df = gpd.read_file(path, engine="pyogrio")
    except Exception as e:  # pyogrio raises several types for unreadable files
        raise ValueError(f"berkas batas tidak dapat dibaca ({path.name}): {e}") from e
    reg = daftar_wilayah(kode_kabupaten, tingkat)
    lap: dict = {"features": len(df), "crs": df.crs.to_string() if df.crs else None, "reprojected": False,
                 "swapped_latlon": [], "invalid_repaired": [], "outside_indonesia": [], "duplicates": []}
    if df.crs is None:
        lap["crs"] = "tidak dinyatakan (dianggap EPSG:4326)"
        df = df.set_crs("EPSG:4326")
    elif df.crs.to_epsg() != 4326:
        df, lap["reprojected"] = df.to_crs("EPSG:4326"), True

    # which column holds the codes: the one whose normalised values match the register best
    # the code column: the one whose normalised values match the register best. A column named
    # BPS, or one matching under half its values while shaped like BPS codes, holds another system:
    # undotted BPS and Kemendagri codes can coincide by accident, so it is never joined as codes.
    kode_reg = set(reg["kode_wilayah"])
    terbaik, skor = None, 0
    for c in df.columns.drop("geometry"):
        if "bps" in c.lower():
            continue
        n = df[c].map(_normal_kode).isin(kode_reg).sum()
        if n > skor or (n == skor and n and c.lower() in _KOLOM_KODE):
            terbaik, skor = c, n
    if terbaik is not None and skor < 0.5 * df[terbaik].notna().sum() and _sistem_bps(terbaik, df[terbaik]):
        terbaik = None
    if terbaik is None:  # a village file given as kecamatan (or the reverse) must not join by name
        for c in df.columns.drop("geometry"):
            k = df[c].map(_normal_kode).dropna().astype(str)
            lain = k.str.startswith(kode_kabupaten + ".") & (k.map(_tingkat_kode) != tingkat)
            if len(k) and lain.mean() > 0.5:
                raise ValueError(f"kolom {c!r} berisi kode tingkat lain, bukan {tingkat}: "
                                 "berkas untuk tingkat yang salah?")
    if terbaik is not None:
        kode = df[terbaik].map(_normal_kode)
        lap["code_system"], lap["code_column"] = "kemendagri", terbaik
        label = df[terbaik].astype(str)
    else:
        calon = [c for c in df.columns if c.lower() in _KOLOM_KODE or "bps" in c.lower()]
        bps = next((c for c in calon if _sistem_bps(c, df[c])), None)
        kode = _gabung_nama(df, reg, tingkat, kode_kabupaten)
        lap["code_column"] = bps or (calon[0] if calon else None)
        lap["code_system"] = "bps" if bps else ("tidak dikenal" if kode is None else "nama")
        if bps and kode is not None and kode.notna().any():
            lap["code_system"] = "bps (digabung lewat nama)"
        if kode is None:
            kode = pd.Series([None] * len(df), index=df.index, dtype=object)
        label = df[lap["code_column"]].astype(str) if lap["code_column"] else pd.Series(df.index.astype(str))
    label = label.where(label.notna(), pd.Series(df.index.astype(str), index=df.index))

    geom = df.geometry.array
    ada = ~(shapely.is_missing(geom) | shapely.is_empty(geom))
    xmin, ymin, xmax, ymax = shapely.bounds(geom).T
    x0, y0, x1, y1 = BBOX_INDONESIA
    di_indo = (xmin >= x0) & (xmax <= x1) & (ymin >= y0) & (ymax <= y1)
    tertukar = ada & ~di_indo & (ymin >= x0) & (ymax <= x1) & (xmin >= y0) & (xmax <= y1)
    if tertukar.any():
        geom = geom.copy()
        geom[tertukar] = shapely.transform(geom[tertukar], lambda c: c[:, ::-1])
        lap["swapped_latlon"] = label[tertukar].tolist()
    luar = ada & ~di_indo & ~tertukar
    lap["outside_indonesia"] = label[luar].tolist()
    tidak_sah = ada & ~luar & ~shapely.is_valid(geom)
    if tidak_sah.any():
        geom = geom.copy()
        geom[tidak_sah] = [_poligonal(g) for g in shapely.make_valid(geom[tidak_sah])]
        lap["invalid_repaired"] = label[tidak_sah].tolist()
    pakai = ada & ~luar & kode.isin(kode_reg).to_numpy()
    lap["unmatched"] = sorted(set(label[ada & ~kode.isin(kode_reg).to_numpy()]))
    hasil = gpd.GeoDataFrame({"kode_wilayah": kode[pakai].to_numpy()}, geometry=list(geom[pakai]), crs="EPSG:4326")
    dup = hasil["kode_wilayah"].duplicated(keep=False)
    if dup.any():  # several features for one code: one unit, their union
        lap["duplicates"] = sorted(set(hasil.loc[dup, "kode_wilayah"]))
        hasil = hasil.dissolve("kode_wilayah", as_index=False)
    hasil = hasil.merge(reg[["kode_wilayah", "nama"]], on="kode_wilayah").sort_values("kode_wilayah", ignore_index=True)
    lap["matched"] = len(hasil)
    lap["missing"] = sorted(kode_reg - set(hasil["kode_wilayah"]))
    return hasil[["kode_wilayah", "nama", "geometry"]], lap


# --- layers: real where a file exists, schematic elsewhere ------------------------------------

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


def _lapisan_kecamatan(kode, k_kec, k_desa, peringatan) -> tuple[gpd.GeoDataFrame, str, dict | None]:
    reg = daftar_wilayah(kode, "kecamatan")
    skema, sumber_skema = _kecamatan_skematis(kode)
    baca = _coba_nyata(k_kec, "kecamatan", kode, peringatan)
    if baca is not None:
        nyata, lap = baca
        g, sumber = _lengkapi(nyata, reg), f"Batas kecamatan dari berkas {Path(k_kec[0]).name}"
    else:
        baca = _coba_nyata(k_desa, "desa", kode, peringatan)
        if baca is None:
            return skema.copy(), sumber_skema, None
        desa, lap = baca
        desa = desa.assign(kode_wilayah=desa["kode_wilayah"].str.rsplit(".", n=1).str[0])
        nyata = desa.dissolve("kode_wilayah", as_index=False)
        nyata["geometry"] = _tutup_celah(nyata.geometry.array)
        g, sumber = _lengkapi(nyata, reg), f"Batas kecamatan digabung dari batas desa berkas {Path(k_desa[0]).name}"
    kurang = g["geometri_skematis"].to_numpy()
    if kurang.any():  # the schematic cell outside the real kecamatan, else a disc beside the district
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


def _lapisan_desa(kode, k_kec, k_desa, peringatan) -> tuple[gpd.GeoDataFrame, str, dict | None]:
    reg = daftar_wilayah(kode, "desa")
    kec, sumber_kec, _ = _lapisan_kecamatan(kode, k_kec, k_desa, peringatan)
    baca = _coba_nyata(k_desa, "desa", kode, peringatan)
    if baca is None:
        sumber = "Batas desa skematis: sel Voronoi merata di dalam tiap kecamatan. " + sumber_kec
        return _desa_dalam(kec, reg), sumber, None
    nyata, lap = baca
    g = _lengkapi(nyata, reg)
    sumber = f"Batas desa dari berkas {Path(k_desa[0]).name}"
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
def _batas(kode: str, tingkat: str, k_kec, k_desa) -> gpd.GeoDataFrame:
    peringatan: list[str] = []
    if tingkat == "desa":
        g, sumber, lap = _lapisan_desa(kode, k_kec, k_desa, peringatan)
    else:
        g, sumber, lap = _lapisan_kecamatan(kode, k_kec, k_desa, peringatan)
        if tingkat == "kabupaten":
            reg = daftar_wilayah(kode, "kabupaten")
            g = gpd.GeoDataFrame({"kode_wilayah": reg["kode_wilayah"], "nama": reg["nama"],
                                  "geometri_skematis": bool(g["geometri_skematis"].any())},
                                 geometry=[shapely.union_all(g.geometry.array)], crs="EPSG:4326")
            sumber = "Garis luar kabupaten = gabungan kecamatan. " + sumber
    g = g.reset_index(drop=True)
    peringatan = list(dict.fromkeys(peringatan))
    nominal = bool(g["geometri_skematis"].all()) and not _ada_fakta(kode)
    g.attrs.update(skematis=bool(g["geometri_skematis"].any()), jumlah_skematis=int(g["geometri_skematis"].sum()),
                   lokasi_nominal=nominal, sumber=sumber, laporan=lap, peringatan=peringatan,
                   kode_kabupaten=kode, tingkat=tingkat)
    return g


def batas(kode_kabupaten: str, tingkat: str, *, batas_kecamatan: str | Path | None = None,
          batas_desa: str | Path | None = None) -> gpd.GeoDataFrame:
    """Boundaries of every unit of one level of a kabupaten, exactly once, in EPSG:4326.

    Columns ``kode_wilayah, nama, geometri_skematis, geometry``. ``tingkat`` is ``kabupaten``
    (the dissolved outline), ``kecamatan`` or ``desa``. Files come from the settings
    ``batas_kecamatan``/``batas_desa`` unless given; units a file lacks are filled schematically
    and flagged. ``attrs``: ``skematis`` (any schematic cell), ``jumlah_skematis``,
    ``lokasi_nominal`` (schematic at a made-up place: no facts, no file — never put a basemap
    under it), ``sumber`` (where the geometry comes from, Indonesian), ``laporan`` (the loader's
    report or None), ``peringatan`` (problems, e.g. an unreadable file). Cached; returns a copy.

    >>> g = batas("18.02", "desa")
    >>> len(g), int(g["geometri_skematis"].sum()), g.crs.to_epsg()
    (311, 311, 4326)
    """
    kode = str(kode_kabupaten).strip()
    if tingkat not in TINGKAT_BATAS:
        raise ValueError(f"tingkat harus salah satu dari {TINGKAT_BATAS}, bukan {tingkat!r}")
    k_kec = _kunci_berkas(batas_kecamatan if batas_kecamatan is not None else ambil("batas_kecamatan"))
    k_desa = _kunci_berkas(batas_desa if batas_desa is not None else ambil("batas_desa"))
    g = _batas(kode, tingkat, k_kec, k_desa)
    salinan = g.copy()
    salinan.attrs = copy.deepcopy(g.attrs)
    return salinan


# --- points -----------------------------------------------------------------------------------

def _tingkat_kode(kode: str) -> str:
    return "desa" if kode.count(".") == 3 else "kecamatan"


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
def _segitiga(kode_kabupaten: str, tingkat: str, k_kec, k_desa):
    """Triangulation of every unit: triangles (T×3×2), and per triangle the unit index plus the
    cumulative area fraction within its unit offset by the unit index (one global searchsorted)."""
    g = _batas(kode_kabupaten, tingkat, k_kec, k_desa)
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
    k_kec, k_desa = _kunci_berkas(ambil("batas_kecamatan")), _kunci_berkas(ambil("batas_desa"))
    for tingkat in ("desa", "kecamatan"):
        pilih = np.array([isinstance(k, str) and _tingkat_kode(k) == tingkat for k in kode])
        if not pilih.any():
            continue
        xy, kum, indeks = _segitiga(kode_kab, tingkat, k_kec, k_desa)
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
def _pohon(kode_kabupaten: str, tingkat: str, k_kec, k_desa):
    g = _batas(kode_kabupaten, tingkat, k_kec, k_desa)
    # real polygons first: a point under a schematic disc belongs to the real village beneath
    urut = np.argsort(g["geometri_skematis"].to_numpy(), kind="stable")
    return shapely.STRtree(g.geometry.array[urut]), g["kode_wilayah"].to_numpy()[urut]


def kode_dari_titik(lat, lon, kode_kabupaten: str, tingkat: str = "desa") -> np.ndarray:
    """Code of the unit containing each point (object array); None outside the district or NaN.

    >>> kode_dari_titik([-5.214, 0.0], [104.981, 0.0], "18.02", "kecamatan").tolist()
    ['18.02.01', None]
    """
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    pohon, kode = _pohon(str(kode_kabupaten), tingkat, _kunci_berkas(ambil("batas_kecamatan")),
                         _kunci_berkas(ambil("batas_desa")))
    hasil = np.full(len(lat), None, dtype=object)
    ok = np.isfinite(lat) & np.isfinite(lon)
    titik_i, geom_i = pohon.query(shapely.points(lon[ok], lat[ok]), predicate="intersects")
    urut = np.lexsort((geom_i, titik_i))  # per point, the first polygon in tree order wins
    titik_i, geom_i = titik_i[urut], geom_i[urut]
    pertama = np.r_[True, titik_i[1:] != titik_i[:-1]] if len(titik_i) else np.array([], bool)
    hasil[np.flatnonzero(ok)[titik_i[pertama]]] = kode[geom_i[pertama]]
    return hasil
