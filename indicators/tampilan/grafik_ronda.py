"""Figures of the Ronda Online section: incidents by category and time of day, response times, patrol
regularity and participation, incidents per village (aggregated: never a point per home).

>>> import pandas as pd
>>> f = grafik_respon(pd.DataFrame({"kategori": ["pencurian", "semua"], "kejadian": [2, 2],
...                                 "median_menit": [21.0, 21.0], "p90_menit": [28.2, 28.2]}), "en")
>>> [t.name for t in f.data], list(f.data[0].y)
(['Median', '90th percentile'], ['Theft'])
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.dasar.label import teks
from indicators.dasar.teks_aman import aman_html
from indicators.layanan import nilai as layanan
from indicators.tampilan.grafik_layanan import LEBAR_PETA_PX, _bulan, _kosong, _tata, nama
from indicators.tampilan.grafik_skor import pas_peta
from indicators.tampilan.peta import peta_choropleth


def grafik_kejadian(kejadian: pd.DataFrame, bahasa: str) -> go.Figure:
    """Incidents by category and time of day (heat map with counts)."""
    judul = teks("lay_grafik_kejadian", bahasa)
    if kejadian.empty:
        return _kosong(judul, bahasa)
    waktu = list(layanan.deklarasi()["waktu_hari"])
    g = kejadian.pivot_table(index="kategori", columns="waktu_hari", values="jumlah", aggfunc="sum", fill_value=0)
    g = g.reindex(columns=waktu, fill_value=0)
    g = g.loc[g.sum(axis=1).sort_values(kind="stable").index]
    fig = go.Figure(go.Heatmap(
        z=g.to_numpy(), x=[nama("waktu", w, bahasa) for w in waktu], y=[nama("kategori", k, bahasa) for k in g.index],
        colorscale="OrRd", text=g.to_numpy(), texttemplate="%{text}", hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        colorbar={"title": {"text": aman_html(teks("lay_kejadian", bahasa))}, "thickness": 12}))
    return _tata(fig, judul, bahasa)


def grafik_respon(tabel: pd.DataFrame, bahasa: str) -> go.Figure:
    """Median and 90th-percentile response time per incident category."""
    judul = teks("lay_grafik_respon", bahasa)
    t = tabel[tabel["kategori"] != "semua"]
    if t.empty:
        return _kosong(judul, bahasa)
    y = [nama("kategori", k, bahasa) for k in t["kategori"]]
    fig = go.Figure([
        go.Bar(y=y, x=t["median_menit"], orientation="h", name=teks("lay_median", bahasa), marker_color="#f28e2b",
               hovertemplate="%{y}: %{x:.1f}<extra></extra>"),
        go.Bar(y=y, x=t["p90_menit"], orientation="h", name=teks("lay_p90", bahasa), marker_color="#ffbe7d",
               hovertemplate="%{y}: %{x:.1f}<extra></extra>"),
    ])
    return _tata(fig, judul, bahasa, barmode="group", xaxis_title=teks("lay_menit", bahasa))


def grafik_keteraturan(keteraturan: pd.Series, partisipasi: pd.DataFrame, bahasa: str) -> go.Figure:
    """Patrol regularity per month (line) and mean participants per patrol report (bars, right axis)."""
    judul = teks("lay_grafik_keteraturan", bahasa)
    if keteraturan.dropna().empty:
        return _kosong(judul, bahasa)
    bulan = list(keteraturan.index)
    x = [_bulan(b, bahasa) for b in bulan]
    p = partisipasi.set_index("periode").reindex(bulan) if len(partisipasi) else pd.DataFrame(index=bulan,
                                                                                               columns=["peserta_rata"])
    peserta = p["peserta_rata"].astype(float)
    atas = float(np.nanmax(peserta)) * 1.25 if peserta.notna().any() else 1.0
    fig = go.Figure([
        go.Scatter(x=x, y=keteraturan.to_numpy(float), mode="lines+markers", name=teks("lay_keteraturan", bahasa),
                   line={"color": "#4e79a7", "width": 3}, hovertemplate="%{x}: %{y:.1f}%<extra></extra>"),
        go.Scatter(x=x, y=peserta, name=teks("lay_peserta_rata", bahasa), mode="lines+markers", yaxis="y2",
                   line={"color": "#9c755f", "width": 1.5, "dash": "dot"},
                   hovertemplate="%{x}: %{y:.1f}<extra></extra>"),
    ])
    return _tata(fig, judul, bahasa, yaxis={"range": [0, 100], "title": teks("lay_keteraturan", bahasa)},
                 yaxis2={"title": teks("lay_peserta_rata", bahasa), "overlaying": "y", "side": "right",
                         "showgrid": False, "range": [0, atas], "tickmode": "auto", "nticks": 6})


def peta_kejadian(per_desa: pd.DataFrame, gdf: gpd.GeoDataFrame, bahasa: str) -> go.Figure:
    """Incidents per 1,000 people per village (aggregated: no point finer than the village)."""
    d = per_desa.set_index("kode_wilayah")
    hover = pd.DataFrame({teks("lay_kejadian", bahasa): d["kejadian"].astype(float),
                          teks("lay_kategori_terbanyak", bahasa): d["kategori_terbanyak"].map(
                              lambda k: nama("kategori", k, bahasa) if isinstance(k, str) else None)}, index=d.index)
    g = gdf[gdf["kode_wilayah"].isin(d.index)]
    fig = peta_choropleth(g, d["per_1000"], judul=teks("lay_peta_kejadian", bahasa),
                          label_nilai=teks("lay_per_1000", bahasa), warna="OrRd", hover=hover, bahasa=bahasa,
                          desimal=2)
    return pas_peta(fig, g.total_bounds, LEBAR_PETA_PX)  # fitted to its column on a 1366-px laptop
