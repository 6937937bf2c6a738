"""The one loader of boundary files: GeoJSON, GeoPackage or zipped Shapefile, any CRS.

A file's features are joined to the official register on a code column found by its values
(Kemendagri codes, dotted or not, under any common name: ``kode``, ``KDEPUM``, ``KDCPUM``…), or, when
the file carries no usable codes (none, or BPS codes: another system, detected and named), on names
through :mod:`indicators.wilayah.resolver`. Everything repaired or left out is reported, never drawn wrong.
"""
from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from indicators.wilayah.daftar import daftar_wilayah
from indicators.wilayah.resolver import bentuk_bps, normal_kode, resolusi

log = logging.getLogger(__name__)

# Indonesia's extent with a margin (lon/lat): coordinates outside it are wrong or swapped.
BBOX_INDONESIA = (94.0, -11.5, 141.5, 6.5)


def path_batas_impor(folder_gudang: str | Path, kode_kabupaten: str, tingkat: str) -> Path:
    """Where a district's imported boundary layer is kept: ``batas/<kode>_<tingkat>.gpkg`` beside the store.

    >>> path_batas_impor("/data", "18.02", "desa").as_posix()
    '/data/batas/18.02_desa.gpkg'
    """
    return Path(folder_gudang) / "batas" / f"{kode_kabupaten}_{tingkat}.gpkg"


def _tingkat_kode(kode: str) -> str:
    return "desa" if kode.count(".") == 3 else "kecamatan"


_KOLOM_KODE = ("kode_wilayah", "kode", "kdepum", "kdcpum", "kdbpum", "kode_desa", "kode_kel", "kode_kec",
               "kd_desa", "kd_kec", "kdebps", "kdcbps", "kode_bps", "id_desa", "id_kec", "id")
_KOLOM_NAMA_DESA = ("nama", "namobj", "wadmkd", "nama_desa", "desa", "kelurahan", "name")
_KOLOM_NAMA_KEC = ("nama", "wadmkc", "kecamatan", "nama_kec", "namobj", "name")
_KOLOM_KODE_KEC = ("kode_kecamatan", "kdcpum", "kode_kec", "kd_kec")


def _bps(nama_kolom: str, nilai: pd.Series) -> bool:
    """A column of BPS codes: named so (``KDEBPS``), or its values shaped like BPS codes."""
    return "bps" in nama_kolom.lower() or (bool(len(nilai.dropna())) and bool(bentuk_bps(nilai).mean() > 0.8))


def _gabung_nama(df: pd.DataFrame, tingkat: str, kode_kabupaten: str) -> tuple[pd.Series, list[dict]] | None:
    """Codes for features by their names, through the resolver; within the kecamatan for villages when
    the file says which (a kecamatan name or code column). Only ``exact`` and ``fuzzy`` matches join;
    the report lists every name that was not an exact match (fuzzy ones included, with their score),
    so an officer sees what was joined by spelling. None when the file has no name column."""
    kolom = {c.lower(): c for c in df.columns}
    calon = _KOLOM_NAMA_DESA if tingkat == "desa" else _KOLOM_NAMA_KEC
    nama_c = next((kolom[c] for c in calon if c in kolom), None)
    if nama_c is None:
        return None
    kec_c = None
    if tingkat == "desa":
        kec_c = next((kolom[c] for c in (*_KOLOM_KODE_KEC, *_KOLOM_NAMA_KEC[1:]) if c in kolom), None)
    masuk = pd.DataFrame({"nama": df[nama_c].astype("string"),
                          "kecamatan": df[kec_c].astype("string") if kec_c else pd.NA}, index=df.index)
    hasil = resolusi(masuk, kode_kabupaten, "nama", "kecamatan" if kec_c else None, tingkat)
    tinjau = [{"fitur": int(i), "nama": r.nama, "kecamatan": None if pd.isna(r.kecamatan) else r.kecamatan,
               "match": r.match, "score": float(r.score), "kode_wilayah": r.kode_wilayah, "kandidat": r.kandidat}
              for i, r in zip(df.index, hasil.itertuples(), strict=True) if r.match != "exact"]
    return pd.Series(hasil["kode_wilayah"].to_numpy(), index=df.index, dtype=object), tinjau


def _nama_fitur(df: pd.DataFrame, tingkat: str) -> pd.Series:
    kolom = {c.lower(): c for c in df.columns}
    calon = _KOLOM_NAMA_DESA if tingkat == "desa" else _KOLOM_NAMA_KEC
    return df[next(kolom[c] for c in calon if c in kolom)].astype(str)


def _poligonal(g):
    """Polygonal part of a geometry (make_valid may return a collection with lines)."""
    if g is None or g.is_empty or g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    bagian = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(bagian) if bagian else None


def baca_berkas_geo(path: str | Path, apa: str = "batas") -> tuple[gpd.GeoDataFrame, dict]:
    """Read a GeoJSON, GeoPackage or zipped Shapefile in any CRS as EPSG:4326 — the one reader of
    boundary and road files. Returns the frame and ``{features, crs (as read), reprojected}``; a
    file without a CRS is taken as EPSG:4326 and said so. ``apa`` names the file in messages."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"berkas {apa} tidak ditemukan: {path}")
    try:
        df = gpd.read_file(path, engine="pyogrio")
    except Exception as e:  # pyogrio raises several types; GDAL's English text and paths stay in the log
        log.info("berkas %s tidak terbaca: %s: %s", apa, type(e).__name__, e)
        raise ValueError(f"berkas {apa} tidak dapat dibaca: isinya bukan GeoJSON, GeoPackage atau Shapefile yang "
                         "utuh (rusak, terpotong atau bentuknya lain); ekspor ulang dari aplikasi GIS-nya") from None
    lap: dict = {"features": len(df), "crs": df.crs.to_string() if df.crs else None, "reprojected": False}
    if df.crs is None:
        lap["crs"] = "tidak dinyatakan (dianggap EPSG:4326)"
        df = df.set_crs("EPSG:4326")
    elif df.crs.to_epsg() != 4326:
        df, lap["reprojected"] = df.to_crs("EPSG:4326"), True
    return df, lap


def perbaiki_letak(geom, label: pd.Series):
    """Geometries (lon/lat) checked against Indonesia's extent: swapped lat/lon turned back, the
    rest outside left out. Returns ``(geom, ada, luar, tertukar_label, luar_label)``: the repaired
    array, masks of present and outside geometries, and the labels of both kinds."""
    ada = ~(shapely.is_missing(geom) | shapely.is_empty(geom))
    xmin, ymin, xmax, ymax = shapely.bounds(geom).T
    x0, y0, x1, y1 = BBOX_INDONESIA
    di_indo = (xmin >= x0) & (xmax <= x1) & (ymin >= y0) & (ymax <= y1)
    tertukar = ada & ~di_indo & (ymin >= x0) & (ymax <= x1) & (xmin >= y0) & (xmax <= y1)
    if tertukar.any():
        geom = geom.copy()
        geom[tertukar] = shapely.transform(geom[tertukar], lambda c: c[:, ::-1])
    luar = ada & ~di_indo & ~tertukar
    return geom, ada, luar, label[tertukar].tolist(), label[luar].tolist()


def baca_batas(path: str | Path, tingkat: str, kode_kabupaten: str) -> tuple[gpd.GeoDataFrame, dict]:
    """Read a boundary file (GeoJSON, GeoPackage, zipped Shapefile; any CRS) and join it to the register.

    Returns the matched units (``kode_wilayah, nama, geometry`` in EPSG:4326, one row per code,
    names from the register) and a report: ``matched`` (count), ``unmatched`` (file codes or
    names matching nothing), ``missing`` (register codes without geometry), ``code_system``
    (``kemendagri``/``bps``/``nama``/``tidak dikenal``), ``code_column``, ``crs`` (as read),
    ``reprojected``, ``swapped_latlon``, ``invalid_repaired``, ``outside_indonesia``,
    ``duplicates``, ``features``, and ``resolusi`` (names joined other than exactly, when joined by
    name: feature, name, match, score, candidates). Problems are repaired and reported, or reported
    and left out — never drawn silently wrong.

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
    df, lap = baca_berkas_geo(path, "batas")
    reg = daftar_wilayah(kode_kabupaten, tingkat)
    lap.update({"swapped_latlon": [], "invalid_repaired": [], "outside_indonesia": [], "duplicates": [],
                "resolusi": []})

    # the code column: the one whose normalised values match the register best. A column named
    # BPS, or one matching under half its values while shaped like BPS codes, holds another system:
    # undotted BPS and Kemendagri codes can coincide by accident, so it is never joined as codes.
    kode_reg = set(reg["kode_wilayah"])
    terbaik, skor = None, 0
    for c in df.columns.drop("geometry"):
        if "bps" in c.lower():
            continue
        n = df[c].map(normal_kode).isin(kode_reg).sum()
        if n > skor or (n == skor and n and c.lower() in _KOLOM_KODE):
            terbaik, skor = c, n
    if terbaik is not None and skor < 0.5 * df[terbaik].notna().sum() and _bps(terbaik, df[terbaik]):
        terbaik = None
    if terbaik is None:  # a village file given as kecamatan (or the reverse) must not join by name
        for c in df.columns.drop("geometry"):
            k = df[c].map(normal_kode).dropna().astype(str)
            lain = k.str.startswith(kode_kabupaten + ".") & (k.map(_tingkat_kode) != tingkat)
            if len(k) and lain.mean() > 0.5:
                raise ValueError(f"kolom {c!r} berisi kode tingkat lain, bukan {tingkat}: "
                                 "berkas untuk tingkat yang salah?")
    if terbaik is not None:
        kode = df[terbaik].map(normal_kode)
        lap["code_system"], lap["code_column"] = "kemendagri", terbaik
        label = df[terbaik].astype(str)
    else:
        calon = [c for c in df.columns if c.lower() in _KOLOM_KODE or "bps" in c.lower()]
        bps = next((c for c in calon if _bps(c, df[c])), None)
        lewat_nama = _gabung_nama(df, tingkat, kode_kabupaten)
        kode, lap["resolusi"] = lewat_nama if lewat_nama else (None, [])
        lap["code_column"] = bps or (calon[0] if calon else None)
        lap["code_system"] = "bps" if bps else ("tidak dikenal" if kode is None else "nama")
        if bps and kode is not None and kode.notna().any():
            lap["code_system"] = "bps (digabung lewat nama)"
        if kode is None:
            kode = pd.Series([None] * len(df), index=df.index, dtype=object)
        if lap["code_column"]:
            label = df[lap["code_column"]].astype(str)
        elif lewat_nama:  # no codes at all: a feature is known by its name
            label = _nama_fitur(df, tingkat)
        else:
            label = pd.Series(df.index.astype(str), index=df.index)
    label = label.where(label.notna(), pd.Series(df.index.astype(str), index=df.index))

    geom, ada, luar, lap["swapped_latlon"], lap["outside_indonesia"] = perbaiki_letak(df.geometry.array, label)
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
