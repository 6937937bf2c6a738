r"""Interactive Leaflet maps (folium), fully offline: regions to click, clustered points, road lines.

Leaflet and Leaflet.markercluster come from npm (``package.json``), copied by ``scripts/setup.sh`` into
``./static`` and served by Streamlit at ``/app/static/`` (:data:`ASET`). Every folium element's CDN
links are replaced by those local files (:func:`luring`); elements whose assets are not installed
locally are refused, so no request leaves the machine. Legends are plain HTML (no branca colormap,
which would pull d3 from a CDN). A basemap (``peta_dasar_url``) is added only when the setting names
one; without it the map is readable on a plain background.

Every text from data is escaped with :func:`html.escape` before it reaches a popup or tooltip. Region
features carry ``kode_wilayah``: the page reads it back from a click to select the region.

>>> import geopandas as gpd, shapely
>>> g = gpd.GeoDataFrame({"kode_wilayah": ["18.02.01"], "nama": ["<b>Kalirejo</b>"]},
...                      geometry=[shapely.box(105.0, -5.3, 105.1, -5.2)], crs="EPSG:4326")
>>> m = peta_dasar(g.total_bounds, peta_dasar="")
>>> _ = lapisan_wilayah(m, g, pd.Series([50.0], index=["18.02.01"]), "Skor", bahasa="id")
>>> html = m.get_root().render()
>>> url_luar(html), r"\u0026lt;b\u0026gt;Kalirejo" in html, "<b>Kalirejo" in html  # escaped, then JSON-encoded
([], True, False)
"""
from __future__ import annotations

import html as _html
import json
import re
from collections.abc import Mapping, Sequence

import branca.element
import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.plugins import FastMarkerCluster
from jinja2 import Template
from plotly.colors import sample_colorscale

from indicators.dasar import format as fmt
from indicators.dasar.pengaturan import AKAR, ambil

__all__ = ["ASET", "WARNA_KEWENANGAN", "aset_terpasang", "kendali_lapisan", "lapisan_garis", "lapisan_titik",
           "lapisan_wilayah", "legenda", "luring", "peta_dasar", "url_luar"]

# name in folium's default_js/default_css → the local copy (served at /app/static, from ./static)
ASET = {
    "leaflet": "/app/static/leaflet/leaflet.js",
    "leaflet_css": "/app/static/leaflet/leaflet.css",
    "markerclusterjs": "/app/static/leaflet.markercluster/leaflet.markercluster.js",
    "markerclustercss": "/app/static/leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "/app/static/leaflet.markercluster/MarkerCluster.Default.css",
}
# folium's own extras the maps here never use (jQuery, Bootstrap, awesome-markers): dropped
_TIDAK_DIPAKAI = {"jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
                  "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css"}
WARNA_KEWENANGAN = {"nasional": "#7a0177", "provinsi": "#d7301f", "kabupaten": "#2171b5", "desa": "#41ab5d"}
WARNA_KOSONG = "#d9d9d9"
_URL = re.compile(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)["']|url\(\s*["']?((?:https?:)?//[^"')]+)""")


def aset_terpasang() -> bool:
    """True when ``./static`` holds the Leaflet files (``bash scripts/setup.sh run`` puts them there)."""
    return all((AKAR / a.removeprefix("/app/")).is_file() for a in ASET.values())


def e(teks) -> str:
    """Escaped text for a popup or tooltip (None/NaN → en dash). Braces become HTML entities too: folium
    compiles every rendered piece of a map as a Jinja template again, so ``{{ … }}`` in a road name
    would otherwise be evaluated on the server."""
    if teks is None or (isinstance(teks, float) and teks != teks) or teks is pd.NA:
        return "–"
    return _html.escape(str(teks), quote=True).replace("{", "&#123;").replace("}", "&#125;")


class _TeksJadi:
    """A rendered piece of a map that holds no template syntax, standing in for the Jinja template branca
    compiles it into (``Element(rendered)``): rendering it gives the text as Jinja would (newlines
    normalised, one trailing newline dropped) without lexing and compiling it — most of a map's
    rendering time (py-spy, issue 16)."""

    __slots__ = ("teks",)

    def __init__(self, sumber: str):
        t = sumber.replace("\r\n", "\n").replace("\r", "\n")
        self.teks = t[:-1] if t.endswith("\n") else t

    def render(self, *args, **kwargs) -> str:
        return self.teks


def _template_cepat(sumber: str):
    """branca's ``Template`` for a piece's source: a real Jinja template only when it has template syntax."""
    if "{{" in sumber or "{%" in sumber or "{#" in sumber:
        return Template(sumber)
    return _TeksJadi(sumber)


branca.element.Template = _template_cepat  # class-level templates were compiled at import, as before


def _ganti_aset(el) -> None:
    for atribut in ("default_js", "default_css"):
        daftar = getattr(el, atribut, None)
        if not daftar:
            continue
        baru = []
        for nama, url in daftar:
            if nama in ASET:
                baru.append((nama, ASET[nama]))
            elif nama not in _TIDAK_DIPAKAI and not url.startswith("/app/static/"):
                raise ValueError(f"aset peta {nama!r} ({url}) tidak tersedia luring: pasang lewat npm dulu")
        setattr(el, atribut, baru)  # an instance attribute: folium's class lists stay untouched


def luring(m: folium.Map) -> folium.Map:
    """Point every element's JS/CSS at the local copies in :data:`ASET` (in place); returns ``m``."""
    stack = [m]
    while stack:
        el = stack.pop()
        _ganti_aset(el)
        stack.extend(getattr(el, "_children", {}).values())
    return m


def url_luar(teks_html: str) -> list[str]:
    """Every absolute http(s) URL a rendered map would load (script/link/url()): none is allowed."""
    return sorted({a or b for a, b in _URL.findall(teks_html)})


def peta_dasar(batas_luar: Sequence[float], peta_dasar: str | None = None, tinggi_px: int = 480) -> folium.Map:
    """An empty map fitted to ``batas_luar`` (minx, miny, maxx, maxy): no tiles unless ``peta_dasar``
    (default: the setting ``peta_dasar_url``; "" = none) names a tile URL template."""
    x0, y0, x1, y1 = (float(v) for v in batas_luar)
    m = folium.Map(location=[(y0 + y1) / 2, (x0 + x1) / 2], tiles=None, control_scale=True, zoom_snap=0.25,
                   height=tinggi_px, prefer_canvas=False)
    m.options.update(max_zoom=18, min_zoom=5)  # folium gives these to a tile layer only; clusters need maxZoom
    url = ambil("peta_dasar_url") if peta_dasar is None else peta_dasar
    if url:
        folium.TileLayer(url, attr=e(url.split("/")[2] if "//" in url else "peta dasar"), name="Peta dasar",
                         control=False).add_to(m)
    m.fit_bounds([[y0, x0], [y1, x1]])
    m.get_root().header.add_child(Element("<style>.leaflet-container{background:#f4f6f9;}"
                                          ".legenda-peta{background:rgba(255,255,255,.92);padding:6px 8px;"
                                          "font:12px/1.35 sans-serif;border:1px solid #999;border-radius:3px}"
                                          ".leaflet-control-layers{font:12px/1.4 sans-serif}"
                                          ".legenda-peta i{display:inline-block;width:12px;height:12px;"
                                          "margin-right:5px;vertical-align:-2px}</style>"))
    return luring(m)


def _warna(z: np.ndarray, rentang: tuple[float, float] | None, skala: str) -> list[str]:
    ada = np.isfinite(z)
    if not ada.any():
        return [WARNA_KOSONG] * len(z)
    lo, hi = rentang if rentang is not None else (float(np.nanmin(z)), float(np.nanmax(z)))
    t = np.clip((z - lo) / (hi - lo), 0, 1) if hi > lo else np.full(len(z), 0.5)
    warna = sample_colorscale(skala, [float(v) for v in np.where(ada, t, 0)], colortype="rgb")
    return [w if a else WARNA_KOSONG for w, a in zip(warna, ada, strict=True)]


def _tip(judul: str, baris: Mapping[str, str]) -> str:
    return f"<b>{judul}</b>" + "".join(f"<br>{e(k)}: {v}" for k, v in baris.items())


def _nilai_teks(x, bahasa: str, desimal: int = 1) -> str:
    if x is None or x is pd.NA or (isinstance(x, float | np.floating) and x != x):
        return "–"
    if isinstance(x, int | np.integer):
        return fmt.angka(int(x), 0, bahasa)
    if isinstance(x, float | np.floating):
        return fmt.angka(float(x), 0 if float(x).is_integer() else desimal, bahasa)
    return e(x)


def _ringkas(geom, toleransi: float = 2e-4):
    """Geometry for the screen: simplified by ``toleransi`` degrees (≈ 20 m, invisible at district zoom)
    and rounded to 5 decimals (≈ 1 m), which roughly halves the payload of real boundaries."""
    return shapely.set_precision(shapely.simplify(geom, toleransi, preserve_topology=True), 1e-5)


def kolom_teks(nilai, bahasa: str, desimal: int = 1) -> list[str]:
    """:func:`_nilai_teks` over a column (escaped text, numbers in the reader's format), each distinct
    value formatted once (Babel is slow)."""
    seri = pd.Series(nilai, dtype=object)
    posisi, unik = pd.factorize(seri, use_na_sentinel=True)
    teks_unik = np.array([_nilai_teks(v, bahasa, desimal) for v in unik] + ["–"], dtype=object)
    return teks_unik[np.where(posisi < 0, len(unik), posisi)].tolist()


def lapisan_wilayah(m: folium.Map, gdf: gpd.GeoDataFrame, nilai: pd.Series | None, nama_lapisan: str, *,
                    label_nilai: str = "", info: pd.DataFrame | None = None, rentang=None, skala: str = "YlGnBu",
                    terpilih: str | None = None, bahasa: str = "id", tampil: bool = True,
                    catatan_sel: str = "", desimal: int = 1, interaktif: bool = True) -> folium.GeoJson:
    """Regions (``kode_wilayah, nama, geometry``) as a clickable layer: filled by ``nilai`` (indexed by
    ``kode_wilayah``; None = outlines only), a tooltip with the name, the value and ``info``'s columns
    (escaped), ``terpilih`` outlined thick. Each feature's ``kode_wilayah`` comes back on a click.
    Cells marked ``geometri_skematis`` get ``catatan_sel`` after their name. ``interaktif=False``: outlines
    that take no click or hover (drawn over another layer without hiding it from the mouse)."""
    kode = gdf["kode_wilayah"].astype(str).to_numpy()
    z = (pd.to_numeric(nilai.reindex(kode), errors="coerce").to_numpy(float) if nilai is not None
         else np.full(len(kode), np.nan))
    warna = _warna(z, rentang, skala) if nilai is not None else ["#ffffff"] * len(kode)
    info = info.reindex(kode) if info is not None else pd.DataFrame(index=kode)
    skem = gdf["geometri_skematis"].to_numpy(bool) if "geometri_skematis" in gdf else np.zeros(len(kode), bool)
    fitur = []
    geom = shapely.to_geojson(_ringkas(gdf.geometry.array))
    for i, k in enumerate(kode):
        baris = {}
        if nilai is not None:
            baris[label_nilai] = _nilai_teks(z[i], bahasa, desimal)
        for c in info.columns:
            baris[str(c)] = _nilai_teks(info[c].iloc[i], bahasa, desimal)
        judul = e(gdf["nama"].iloc[i]) + (f" ({e(catatan_sel)})" if skem[i] and catatan_sel else "")
        fitur.append({"type": "Feature", "geometry": json.loads(geom[i]),
                      "properties": {"kode_wilayah": k, "nilai": float(z[i]) if np.isfinite(z[i]) else None,
                                     "_tip": _tip(judul, baris), "_warna": warna[i],
                                     "_pilih": bool(k == terpilih)}})
    isi = nilai is not None
    lapisan = folium.GeoJson(
        {"type": "FeatureCollection", "features": fitur}, name=e(nama_lapisan), show=tampil,
        style_function=lambda f: {"fillColor": f["properties"]["_warna"], "fillOpacity": 0.85 if isi else 0.0,
                                  "color": "#111827" if f["properties"]["_pilih"] else "#555555",
                                  "weight": 3.5 if f["properties"]["_pilih"] else 0.8},
        highlight_function=(lambda f: {"weight": 3, "color": "#0b4f9c"}) if interaktif else None,
        tooltip=folium.GeoJsonTooltip(fields=["_tip"], labels=False, sticky=True) if interaktif else None,
        zoom_on_click=False, **({} if interaktif else {"interactive": False}),
    )
    lapisan.add_to(m)
    luring(m)
    return lapisan


def lapisan_titik(m: folium.Map, df: pd.DataFrame, nama_lapisan: str, *, warna: Sequence[str] | str = "#2171b5",
                  popup: Sequence[str] | None = None, tebal: Sequence[bool] | None = None, klaster: bool = True,
                  tampil: bool = True, radius: float = 6) -> folium.FeatureGroup:
    """Points (``lat``, ``lon``; rows without both are left out) as circle markers, clustered with the
    count on each cluster (Leaflet.markercluster; clicking a cluster zooms to it). ``warna`` per row or
    one colour; ``popup`` per row: HTML already escaped (build it with :func:`e`); ``tebal`` marks rows
    (e.g. overdue) with a thick dark ring."""
    lat, lon = pd.to_numeric(df["lat"], errors="coerce"), pd.to_numeric(df["lon"], errors="coerce")
    ada = (lat.notna() & lon.notna()).to_numpy()
    n = len(df)
    w = [warna] * n if isinstance(warna, str) else list(warna)
    p = list(popup) if popup is not None else [""] * n
    t = list(tebal) if tebal is not None else [False] * n
    baris = [[round(float(a), 6), round(float(o), 6), w[i], p[i], int(bool(t[i]))]
             for i, (a, o) in enumerate(zip(lat, lon, strict=True)) if ada[i]]
    panggil = ("function (row) { var m = L.circleMarker(new L.LatLng(row[0], row[1]), {radius: RADIUS, color: "
               "row[4] ? '#111827' : row[2], weight: row[4] ? 3 : 1, fillColor: row[2], fillOpacity: 0.85});"
               " if (row[3]) { m.bindPopup(row[3], {maxWidth: 320}); } return m; }")
    panggil = panggil.replace("RADIUS", str(float(radius)))
    grup = folium.FeatureGroup(name=e(nama_lapisan), show=tampil)
    if klaster:
        FastMarkerCluster(baris, callback=panggil, options={"showCoverageOnHover": False, "maxClusterRadius": 50,
                                                            "chunkedLoading": True}).add_to(grup)
    else:
        _Titik(baris, panggil).add_to(grup)
    grup.add_to(m)
    luring(m)
    return grup


class _Titik(MacroElement):
    """Unclustered points drawn by the same callback as the clustered ones."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){ {{ this.callback }}
            var data = {{ this.data|tojson }};
            for (var i = 0; i < data.length; i++) { callback(data[i]).addTo({{ this._parent.get_name() }}); }
        })();
        {% endmacro %}""")

    def __init__(self, data, callback: str):
        super().__init__()
        self._name = "Titik"
        self.data, self.callback = data, f"var callback = {callback};"


def lapisan_garis(m: folium.Map, ruas: gpd.GeoDataFrame, nama_lapisan: str, *, label: Mapping[str, str],
                  bahasa: str = "id", warna: Mapping[str, str] | None = None, tebal: float = 3.0,
                  tampil: bool = True) -> folium.FeatureGroup | None:
    """Road segments (``id_ruas, nama_ruas, status_jalan, panjang_km, kondisi, geometry``; lines) drawn
    as SVG lines coloured by authority, a tooltip with name, authority, length and condition (escaped).
    ``label``: display names of the authorities and the column titles. None when there is no line."""
    if ruas is None or not len(ruas):
        return None
    r = ruas[~(ruas.geometry.isna() | ruas.geometry.is_empty)]
    r = r[r.geom_type.isin(["LineString", "MultiLineString"])]
    if not len(r):
        return None
    r = r.to_crs(4326) if r.crs is not None and r.crs.to_epsg() != 4326 else r
    warna = dict(warna or WARNA_KEWENANGAN)
    fitur = []
    for baris, geom in zip(r.itertuples(index=False), shapely.to_geojson(r.geometry.array), strict=True):
        status = str(getattr(baris, "status_jalan", ""))
        isi = {label.get("kewenangan", "kewenangan"): e(label.get(status, status)),
               label.get("panjang_km", "km"): _nilai_teks(getattr(baris, "panjang_km", None), bahasa, 2),
               label.get("kondisi", "kondisi"): e(label.get(f"kondisi_{getattr(baris, 'kondisi', '')}",
                                                            getattr(baris, "kondisi", None)))}
        fitur.append({"type": "Feature", "geometry": json.loads(geom),
                      "properties": {"id_ruas": str(getattr(baris, "id_ruas", "")),
                                     "_tip": _tip(e(getattr(baris, "nama_ruas", "")), isi),
                                     "_warna": warna.get(status, "#525252")}})
    grup = folium.FeatureGroup(name=e(nama_lapisan), show=tampil)
    folium.GeoJson({"type": "FeatureCollection", "features": fitur},
                   style_function=lambda f: {"color": f["properties"]["_warna"], "weight": tebal, "opacity": 0.9},
                   highlight_function=lambda f: {"weight": tebal + 3},
                   tooltip=folium.GeoJsonTooltip(fields=["_tip"], labels=False, sticky=True)).add_to(grup)
    grup.add_to(m)
    luring(m)
    return grup


class _Legenda(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){ var c = L.control({position: {{ this.posisi|tojson }}});
            c.onAdd = function () { var d = L.DomUtil.create('div', 'legenda-peta');
                d.innerHTML = {{ this.isi|tojson }}; return d; };
            c.addTo({{ this._parent.get_name() }}); })();
        {% endmacro %}""")

    def __init__(self, isi: str, posisi: str):
        super().__init__()
        self._name = "Legenda"
        self.isi, self.posisi = isi, posisi


def legenda(m: folium.Map, judul: str, butir: Mapping[str, str] | None = None, *, skala: str | None = None,
            rentang: tuple[float, float] | None = None, bahasa: str = "id", catatan: str = "",
            posisi: str = "bottomright") -> None:
    """A plain-HTML legend (no d3): coloured squares per ``butir`` (label → colour), or a gradient bar of
    ``skala`` over ``rentang``; ``catatan`` (e.g. "batas perkiraan") below. All text escaped."""
    isi = f"<b>{e(judul)}</b>"
    if butir:
        isi += "".join(f"<br><i style='background:{e(w)}'></i>{e(k)}" for k, w in butir.items())
    if skala and rentang:
        stop = sample_colorscale(skala, [0, 0.25, 0.5, 0.75, 1], colortype="rgb")
        isi += (f"<br><span style='display:inline-block;width:150px;height:10px;"
                f"background:linear-gradient(to right,{','.join(stop)})'></span>"
                f"<br><span>{e(fmt.angka(rentang[0], 0, bahasa))}</span>"
                f"<span style='float:right'>{e(fmt.angka(rentang[1], 0, bahasa))}</span>")
    if catatan:
        isi += f"<br><span style='color:#555'>{e(catatan)}</span>"
    _Legenda(isi, posisi).add_to(m)


def kendali_lapisan(m: folium.Map) -> folium.LayerControl:
    """The layer switcher (open, top right): each overlay can be turned off and on."""
    k = folium.LayerControl(collapsed=False, position="topright")
    k.add_to(m)
    return k
