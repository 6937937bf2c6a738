"""The one map component every page uses: plotly maps that draw without internet.

Maps use ``map_style="white-bg"`` (no tiles, no CDN; docs/mutu.md). A basemap is optional (setting
``peta_dasar_url``). Geometry is simplified for the district view (payload ≤ 1 MB), units
without a value are grey and labelled "tidak ada data" (never coloured as 0), schematic
boundaries carry a visible label, and every text shown in a hover or title goes through
:func:`aman_html`.

>>> from indicators.wilayah.batas import batas
>>> g = batas("18.02", "kecamatan")
>>> fig = peta_choropleth(g, pd.Series({"18.02.01": 10.0, "18.02.02": 20.0}), judul="Contoh")
>>> sum(len(t.locations) for t in fig.data), fig.layout.map.style
(28, 'white-bg')
"""
from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import shapely

from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.dasar.pengaturan import ambil
from indicators.dasar.teks_aman import aman_html
from indicators.tampilan.tata import TINGGI_BARIS_JUDUL, baris_judul, judul_terbungkus

WARNA_TANPA_DATA = "#d4d4d4"
TINGGI_PX = 520
LEBAR_PX = 700  # a conservative page width: the fitted view then shows the whole district
PEMISAH = {"id": ",.", "en": ".,"}  # plotly `separators`: decimal, then thousands
# The white-bg style with its glyph URL pointed at an empty data: URL. Plotly's own white-bg names
# fonts.openmaptiles.org for glyphs, which the map only fetches for text layers — scattermap's
# cluster counts are one. Offline there are no glyphs anyway; this way no request leaves the
# machine, clusters still draw (size and colour by count), only the count text is absent.
GAYA_PUTIH_TANPA_GLIF = {
    "version": 8, "id": "white-bg", "sources": {},
    "layers": [{"id": "white-bg", "type": "background", "paint": {"background-color": "#FFFFFF"}}],
    "glyphs": "data:application/x-protobuf;base64,#{fontstack}/{range}",
}


def _teks(kunci: str, bahasa: str, **isi) -> str:
    s = teks(kunci, bahasa)
    return s.format(**isi) if isi else s


def tampilan(batas_luar: Sequence[float], lebar_px: int = LEBAR_PX, tinggi_px: int = TINGGI_PX) -> tuple[dict, float]:
    """Centre and zoom that fit bounds ``(lon0, lat0, lon1, lat1)`` in a map of the given size.

    Web-Mercator with 512-px tiles (MapLibre): zoom = log2(pixels / 512 / fraction of the world).

    >>> c, z = tampilan((104.55, -5.27, 105.91, -4.48))
    >>> round(c["lon"], 2), round(c["lat"], 2), round(z, 1)
    (105.23, -4.88, 8.3)
    """
    x0, y0, x1, y1 = map(float, batas_luar)

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))

    dx = max(x1 - x0, 1e-6) / 360
    dy = max(merc(y1) - merc(y0), 1e-8) / (2 * math.pi)
    zoom = math.log2(min(lebar_px / 512 / dx, tinggi_px / 512 / dy)) - 0.15
    lat_c = math.degrees(2 * math.atan(math.exp((merc(y0) + merc(y1)) / 2)) - math.pi / 2)
    return {"lon": (x0 + x1) / 2, "lat": lat_c}, float(min(max(zoom, 0.0), 18.0))


_CACHE_GEOJSON: OrderedDict = OrderedDict()
_KUNCI_CACHE = threading.Lock()


def geojson_ringkas(gdf: gpd.GeoDataFrame, toleransi: float | None = None) -> dict[str, dict]:
    """Simplified GeoJSON geometry per ``kode_wilayah`` for drawing, coordinates to 5 decimals.

    Simplification keeps shared edges shared (coverage simplification); the default tolerance
    is 1/3000 of the layer's extent — under a pixel on a district-wide map. Cached on the
    geometry's content.

    >>> from indicators.wilayah.batas import batas
    >>> f = geojson_ringkas(batas("18.02", "desa"))
    >>> len(f), f["18.02.01.2001"]["type"]
    (311, 'Polygon')
    """
    geom = np.asarray(gdf.geometry.array, dtype=object)
    if toleransi is None:
        x0, y0, x1, y1 = gdf.total_bounds
        toleransi = max(x1 - x0, y1 - y0) / 3000
    kunci = hashlib.blake2b(b"".join(shapely.to_wkb(geom)) + repr((tuple(gdf["kode_wilayah"]), toleransi)).encode(),
                            digest_size=16).hexdigest()
    with _KUNCI_CACHE:
        if kunci in _CACHE_GEOJSON:
            _CACHE_GEOJSON.move_to_end(kunci)
            return _CACHE_GEOJSON[kunci]
    try:
        ringkas = shapely.coverage_simplify(geom, toleransi)
    except shapely.errors.GEOSException:  # not a polygonal coverage: per-polygon simplification
        ringkas = shapely.simplify(geom, toleransi, preserve_topology=True)
    ringkas = shapely.transform(ringkas, lambda c: np.round(c, 5))
    teks_json = "[" + ",".join(shapely.to_geojson(ringkas)) + "]"
    hasil = dict(zip(gdf["kode_wilayah"], json.loads(teks_json), strict=True))
    with _KUNCI_CACHE:  # Streamlit runs sessions in threads
        _CACHE_GEOJSON[kunci] = hasil
        while len(_CACHE_GEOJSON) > 16:
            _CACHE_GEOJSON.popitem(last=False)
    return hasil


def _koleksi(geom: dict[str, dict], kode: Sequence[str]) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": k, "geometry": geom[k]} for k in kode]}


def _skematis(gdf: gpd.GeoDataFrame) -> np.ndarray:
    if "geometri_skematis" in gdf:
        return gdf["geometri_skematis"].to_numpy(bool)
    return np.zeros(len(gdf), bool)


def _label_kolom(hover: Mapping[str, str] | Sequence[str] | None) -> dict[str, str]:
    """Hover columns and the label each is shown with (a mapping, or a list shown by column name)."""
    if hover is None:
        return {}
    return dict(hover) if isinstance(hover, Mapping) else {c: c for c in hover}


def _teks_nilai(x, bahasa: str, desimal: int = 1) -> str:
    """A hover value as inert text: numbers and dates in the reader's format (indicators.dasar.format)."""
    if isinstance(x, bool | np.bool_):
        return aman_html(str(x))
    if isinstance(x, int | np.integer):
        return fmt.angka(int(x), 0, bahasa)
    if isinstance(x, float | np.floating):
        return fmt.angka(float(x), 0 if float(x).is_integer() else desimal, bahasa)
    if isinstance(x, pd.Timestamp):
        return fmt.tanggal(x, bahasa) if not pd.isna(x) else "–"
    return aman_html(x) if not (x is None or x is pd.NA or x is pd.NaT) else "–"


def _kolom_teks(nilai, bahasa: str, desimal: int = 1) -> list[str]:
    """:func:`_teks_nilai` over a column, each distinct value formatted once (Babel is slow)."""
    seri = pd.Series(nilai, dtype=object)
    kosong = seri.isna().to_numpy()
    hasil = np.full(len(seri), "–", dtype=object)
    if (~kosong).any():
        posisi, unik = pd.factorize(seri[~kosong])
        hasil[~kosong] = np.array([_teks_nilai(v, bahasa, desimal) for v in unik], dtype=object)[posisi]
    return hasil.tolist()


def _tata_letak(fig: go.Figure, judul: str, batas_luar, bahasa: str, peta_dasar: str | None,
                nominal: bool, gaya=None) -> None:
    pusat, zoom = tampilan(batas_luar)
    lapisan = []
    url = ambil("peta_dasar_url") if peta_dasar is None else peta_dasar
    if url and not nominal:  # a basemap under a made-up location would show the wrong place
        lapisan.append({"sourcetype": "raster", "source": [url], "below": "traces"})
    fig.update_layout(
        map={"style": gaya or "white-bg", "center": pusat, "zoom": zoom, "layers": lapisan},
        title={"text": judul_terbungkus(aman_html(judul))} if judul else None,  # a long title in two lines
        margin={"l": 0, "r": 0, "t": 16 + TINGGI_BARIS_JUDUL * baris_judul(judul_terbungkus(judul)) if judul else 0,
                "b": 0},
        height=TINGGI_PX,
        separators=PEMISAH.get(bahasa, ",."),
        legend={"x": 0.01, "y": 0.01, "xanchor": "left", "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.8)"},
    )


def _catatan(fig: go.Figure, teks_: str, y: float) -> None:
    fig.add_annotation(text=aman_html(teks_), x=0.01, y=y, xref="paper", yref="paper", xanchor="left",
                       yanchor="top", showarrow=False, align="left", bgcolor="rgba(255,255,255,0.85)",
                       bordercolor="#999", borderwidth=1, font={"size": 12})


def _catatan_skematis(fig: go.Figure, gdf: gpd.GeoDataFrame, skematis: bool | None, bahasa: str) -> None:
    jumlah = int(gdf["geometri_skematis"].sum()) if "geometri_skematis" in gdf else 0
    if skematis is None:
        skematis = bool(gdf.attrs.get("skematis", jumlah > 0))
    if not skematis:
        return
    akhiran = "perkiraan" if gdf.attrs.get("perkiraan") else "skematis"
    if 0 < jumlah < len(gdf):
        tingkat = gdf.attrs.get("tingkat")
        unit = teks(tingkat, bahasa) if tingkat in ("desa", "kecamatan") else ""
        pesan = _teks(f"sebagian_{akhiran}", bahasa, n=jumlah, total=len(gdf), unit=unit.lower())
    else:
        pesan = _teks(f"batas_{akhiran}", bahasa)
    if gdf.attrs.get("lokasi_nominal"):
        pesan += " · " + _teks("lokasi_nominal", bahasa)
    _catatan(fig, pesan, 0.99)


def peta_choropleth(
    gdf: gpd.GeoDataFrame,
    nilai: pd.Series | str,
    judul: str = "",
    label_nilai: str = "",
    warna: str | Sequence = "Viridis",
    rentang: tuple[float, float] | None = None,
    hover: pd.DataFrame | Mapping[str, str] | Sequence[str] | None = None,
    skematis: bool | None = None,
    bahasa: str = "id",
    desimal: int = 1,
    peta_dasar: str | None = None,
) -> go.Figure:
    """A choropleth of one value per unit, offline (``white-bg``), fitted to the units' bounds.

    ``gdf`` comes from :func:`indicators.wilayah.batas.batas`. ``nilai`` is a Series indexed by
    ``kode_wilayah`` or a column of ``gdf``. Units without a value are drawn grey in a separate
    trace named "tidak ada data"/"no data". ``hover`` adds lines: columns of ``gdf`` (a list, or
    a mapping column → label) or a DataFrame indexed by ``kode_wilayah`` (its column names are
    the labels). ``skematis`` (default: ``gdf.attrs``) adds the
    "batas skematis" note. ``peta_dasar`` overrides the setting ``peta_dasar_url`` ("" = none).

    >>> from indicators.wilayah.batas import batas
    >>> g = batas("18.02", "desa")
    >>> fig = peta_choropleth(g, pd.Series({"18.02.01.2001": 1.0}), judul="Uji", label_nilai="%", bahasa="en")
    >>> [t.name for t in fig.data], len(fig.data[1].locations)
    (['Uji', 'no data'], 310)
    """
    if bahasa not in PEMISAH:
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    # schematic cells last: a disc for a village a boundary file lacks is drawn on top, not hidden
    gdf = gdf.iloc[np.argsort(_skematis(gdf), kind="stable")]
    kode = gdf["kode_wilayah"].astype(str).to_numpy()
    if isinstance(nilai, str):
        z = pd.to_numeric(gdf[nilai], errors="raise").to_numpy(float)
    else:
        z = pd.to_numeric(pd.Series(nilai).reindex(kode), errors="raise").to_numpy(float)
    if isinstance(hover, pd.DataFrame):
        info = hover.set_index("kode_wilayah") if "kode_wilayah" in hover.columns else hover
        info = info.reindex(kode)
    else:
        label_hover = _label_kolom(hover)
        info = pd.DataFrame({label_hover[c]: gdf[c].to_numpy() for c in label_hover}, index=kode)
    skem = _skematis(gdf)
    catatan_sel = " (" + _teks("batas_perkiraan_sel" if gdf.attrs.get("perkiraan") else "batas_skematis_sel",
                               bahasa) + ")"
    nama = [aman_html(n) + (catatan_sel if s else "") for n, s in zip(gdf["nama"], skem, strict=True)]
    baris = [_kolom_teks(info[c].to_numpy(), bahasa, desimal) for c in info.columns]
    customdata = np.array([nama, _kolom_teks(z, bahasa, desimal), *baris], dtype=object).T
    templat_info = "".join(f"<br>{aman_html(c)}: %{{customdata[{i + 2}]}}" for i, c in enumerate(info.columns))
    label = aman_html(label_nilai or _teks("nilai", bahasa))
    geom = geojson_ringkas(gdf)
    ada = np.isfinite(z)
    zmin, zmax = rentang if rentang is not None else (np.nanmin(z[ada]), np.nanmax(z[ada])) if ada.any() else (0, 1)

    fig = go.Figure()
    fig.add_trace(go.Choroplethmap(
        geojson=_koleksi(geom, kode[ada]), locations=kode[ada], z=z[ada], customdata=customdata[ada],
        colorscale=warna, zmin=zmin, zmax=zmax, name=aman_html(judul or label_nilai or "nilai"),
        marker={"line": {"width": 0.5, "color": "white"}, "opacity": 0.9},
        colorbar={"title": {"text": label}, "thickness": 14},
        hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: %{{customdata[1]}}{templat_info}<extra></extra>",
        showlegend=False,
    ))
    tanpa = _teks("tidak_ada_data", bahasa)
    fig.add_trace(go.Choroplethmap(
        geojson=_koleksi(geom, kode[~ada]), locations=kode[~ada], z=np.zeros(int((~ada).sum())),
        customdata=customdata[~ada], colorscale=[[0, WARNA_TANPA_DATA], [1, WARNA_TANPA_DATA]], showscale=False,
        name=tanpa, marker={"line": {"width": 0.5, "color": "white"}, "opacity": 0.9}, showlegend=bool((~ada).any()),
        hovertemplate=f"<b>%{{customdata[0]}}</b><br>{aman_html(tanpa)}{templat_info}<extra></extra>",
    ))
    _tata_letak(fig, judul, gdf.total_bounds, bahasa, peta_dasar, bool(gdf.attrs.get("lokasi_nominal")))
    _catatan_skematis(fig, gdf, skematis, bahasa)
    return fig


def _garis_batas(batas: gpd.GeoDataFrame) -> dict:
    geom = geojson_ringkas(batas)
    return {"sourcetype": "geojson", "source": _koleksi(geom, list(geom)), "type": "line", "color": "#8c8c8c",
            "line": {"width": 0.8}, "below": "traces"}


def peta_titik(
    df: pd.DataFrame,
    warna: str | None = None,
    hover: Mapping[str, str] | Sequence[str] | None = None,
    judul: str = "",
    bahasa: str = "id",
    cluster: bool = True,
    batas: gpd.GeoDataFrame | bool | None = None,
    maks_titik: int = 10_000,
    warna_kategori: dict[str, str] | None = None,
    peta_dasar: str | None = None,
) -> go.Figure:
    """Points (columns ``lat``, ``lon``) on an offline map, clustered so thousands stay fast.

    ``warna``: a column; categories get one trace each (colours from ``warna_kategori`` or a
    fixed palette), numbers a colour scale. ``hover``: columns shown in the popup (a list, or a
    mapping column → label), the first in bold, all escaped. ``batas``: a GeoDataFrame drawn
    as faint outlines; None draws the kecamatan of the district the points' ``kode_wilayah``
    belong to; False none. Points
    without coordinates are left out; beyond ``maks_titik`` a fixed sample is drawn and the
    map says so. Cluster counts are not written on the clusters (no font glyphs offline).

    >>> d = pd.DataFrame({"lat": [-5.0, -4.9], "lon": [105.1, 105.2], "jenis": ["a", "b"],
    ...                   "kode_wilayah": ["18.02.16.2001", "18.02.07.1001"]})
    >>> fig = peta_titik(d, warna="jenis", hover=["jenis"])
    >>> [t.name for t in fig.data], fig.data[0].cluster.enabled
    (['a', 'b'], True)
    """
    if bahasa not in PEMISAH:
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    label_hover = _label_kolom(hover)
    hover = list(label_hover)
    d = df[pd.to_numeric(df["lat"], errors="coerce").notna() & pd.to_numeric(df["lon"], errors="coerce").notna()]
    total = len(d)
    if total > maks_titik:
        d = d.iloc[np.sort(np.random.default_rng(0).choice(total, maks_titik, replace=False))]
    if batas is None and "kode_wilayah" in d and d["kode_wilayah"].notna().any():
        from indicators.wilayah.batas import batas as _batas

        kode_kab = d["kode_wilayah"].dropna().astype(str).str[:5].mode().iloc[0]
        batas = _batas(kode_kab, "kecamatan")
    fig = go.Figure()
    kelompok_cluster = {"enabled": True, "maxzoom": 13, "step": [10, 100, 1000], "size": [10, 14, 20, 28],
                        "opacity": 0.75}

    def jejak(bagian: pd.DataFrame, nama: str, marker: dict, legenda: bool) -> go.Scattermap:
        cd = np.array([_kolom_teks(bagian[c].to_numpy(), bahasa) for c in hover], dtype=object).T
        baris = "".join(f"<br>{aman_html(label_hover[c])}: %{{customdata[{i}]}}" for i, c in enumerate(hover) if i)
        kepala = "<b>%{customdata[0]}</b>" if hover else "%{lat:.5f}, %{lon:.5f}"
        satu_warna = isinstance(marker.get("color"), str)
        kl = {**kelompok_cluster, "color": marker["color"]} if satu_warna else kelompok_cluster
        return go.Scattermap(
            lat=bagian["lat"].astype(float).round(5), lon=bagian["lon"].astype(float).round(5), mode="markers",
            marker=marker, name=aman_html(nama), showlegend=legenda, customdata=cd if hover else None,
            hovertemplate=kepala + baris + "<extra></extra>", cluster=kl if cluster else {"enabled": False},
        )

    if warna is None:
        fig.add_trace(jejak(d, judul or "titik", {"size": 8, "color": "#1f77b4"}, False))
    elif pd.api.types.is_numeric_dtype(d[warna]):
        fig.add_trace(jejak(d, warna, {"size": 8, "color": d[warna], "colorscale": "Viridis", "showscale": True,
                                       "colorbar": {"title": {"text": aman_html(warna)}}}, False))
    else:
        palet = px.colors.qualitative.D3
        kategori = sorted(d[warna].dropna().astype(str).unique())
        for i, k in enumerate(kategori):
            warna_k = (warna_kategori or {}).get(k, palet[i % len(palet)])
            fig.add_trace(jejak(d[d[warna].astype(str) == k], k, {"size": 8, "color": warna_k}, True))
    if isinstance(batas, gpd.GeoDataFrame):
        luar = batas.total_bounds
    elif len(d):
        q = d[["lon", "lat"]].astype(float).quantile([0.02, 0.98])
        luar = (q.iloc[0, 0], q.iloc[0, 1], q.iloc[1, 0], q.iloc[1, 1])
    else:
        luar = (95.0, -11.0, 141.0, 6.0)
    nominal = isinstance(batas, gpd.GeoDataFrame) and bool(batas.attrs.get("lokasi_nominal"))
    _tata_letak(fig, judul, luar, bahasa, peta_dasar, nominal, gaya=GAYA_PUTIH_TANPA_GLIF if cluster else None)
    if isinstance(batas, gpd.GeoDataFrame):
        fig.layout.map.layers = (*fig.layout.map.layers, _garis_batas(batas))  # above a basemap
        _catatan_skematis(fig, batas, None, bahasa)
    if total > len(d):
        _catatan(fig, _teks("titik_sampel", bahasa, n=fmt.angka(len(d), 0, bahasa), total=fmt.angka(total, 0, bahasa)),
                 0.91)
    return fig
