"""Figures of the road-complaint page, built from the ``aduan*`` aggregates (plotly, offline).

Every text that comes from data (road and kecamatan names, descriptions) goes through
:func:`indicators.dasar.teks_aman.aman_html` before plotly sees it, so ``<img src=x onerror=...>`` shows as
literal text in ticks, hovers and popups. Numbers use the reader's separators.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from indicators.aduan.aturan import URUTAN_KEWENANGAN, deklarasi, label_kategori
from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import aman_html
from indicators.tampilan.peta import PEMISAH, peta_choropleth, peta_titik, tampilan
from indicators.tampilan.tata import LEGENDA_BAWAH, TINGGI_BARIS_JUDUL, baris_judul, judul_terbungkus

WARNA_TERLAMBAT = "#b10026"
WARNA_TERTUTUP = "#9e9e9e"
PANJANG_URAIAN = 90  # characters of the (masked) description shown in a map popup
LEBAR_PETA_PX = 440  # maps sit in half a page: fit the district in a half column of a 1366-px screen


def _tata(fig: go.Figure, judul: str, bahasa: str, tinggi: int = 360) -> go.Figure:
    judul = judul_terbungkus(aman_html(judul))
    fig.update_layout(title={"text": judul}, separators=PEMISAH[bahasa], height=tinggi,
                      margin={"l": 10, "r": 10, "t": 26 + TINGGI_BARIS_JUDUL * baris_judul(judul), "b": 10},
                      legend=LEGENDA_BAWAH)
    return fig


def _pas(fig: go.Figure, batas_luar, lebar_px: int = LEBAR_PETA_PX) -> go.Figure:
    """Centre and zoom so the bounds fit a map ``lebar_px`` wide (the page draws maps side by side)."""
    pusat, zoom = tampilan(batas_luar, lebar_px=lebar_px)
    fig.update_layout(map={"center": pusat, "zoom": zoom})
    return fig


def _warna_kew() -> dict[str, str]:
    return {k: v["warna"] for k, v in deklarasi()["kewenangan"].items()}


def _kolom_peta(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    st_label, kew = label_kategori("status", bahasa), label_kategori("kewenangan", bahasa)
    tk, jenis = label_kategori("tingkat", bahasa), label_kategori("jenis_kerusakan", bahasa)
    uraian = df["deskripsi"].astype("string").fillna("") if "deskripsi" in df else pd.Series("", index=df.index)
    pendek = uraian.where(uraian.str.len() <= PANJANG_URAIAN, uraian.str.slice(0, PANJANG_URAIAN - 1) + "…")
    return df.assign(
        _status=df["status"].astype(str).map(st_label), _kew=df["status_jalan"].astype(str).map(kew),
        _tingkat=df["tingkat"].astype(str).map(tk), _jenis=df["jenis_kerusakan"].astype(str).map(jenis),
        _umur=df["umur_hari"].round(0), _uraian=pendek)


def _hover(bahasa: str) -> dict[str, str]:
    return {"id_aduan": teks("aduan_kolom_id", bahasa), "nama_ruas": teks("aduan_kolom_ruas", bahasa),
            "_kew": teks("aduan_kewenangan", bahasa), "_status": teks("aduan_kolom_status", bahasa),
            "_jenis": teks("aduan_jenis", bahasa), "_tingkat": teks("aduan_tingkat", bahasa),
            "_umur": teks("aduan_kolom_umur", bahasa), "nama_kecamatan": teks("kecamatan", bahasa),
            "_uraian": teks("aduan_kolom_uraian", bahasa)}


def peta_aduan(df: pd.DataFrame, warna: str = "status", bahasa: str = "id",
               batas: gpd.GeoDataFrame | bool | None = None) -> go.Figure:
    """The complaint map: points clustered, coloured by status or authority, overdue ones in red.

    Points flagged by :func:`indicators.aduan.siapan.titik_bermasalah` are left out (never drawn at a
    wrong place); the page says how many. ``batas`` as in :func:`indicators.tampilan.peta.peta_titik`.
    """
    if warna not in ("status", "kewenangan"):
        raise ValueError(f"warna harus 'status' atau 'kewenangan', bukan {warna!r}")
    d = _kolom_peta(df[df["titik_masalah"] == ""], bahasa)
    terlambat = teks("aduan_terlambat", bahasa)
    if warna == "status":
        st_label = label_kategori("status", bahasa)
        palet = {st_label[k]: v["warna"] for k, v in deklarasi()["status"].items()}
        kategori = d["_status"]
    else:
        kew = label_kategori("kewenangan", bahasa)
        palet = {kew[k]: v for k, v in _warna_kew().items()}
        kategori = d["_kew"]
    d = d.assign(_kategori=kategori.where(~d["terlambat"], terlambat))
    palet[terlambat] = WARNA_TERLAMBAT
    fig = peta_titik(d, warna="_kategori", hover=_hover(bahasa), judul=teks("peta_aduan", bahasa), bahasa=bahasa,
                     warna_kategori=palet, batas=batas)
    return _pas(fig, batas.total_bounds) if isinstance(batas, gpd.GeoDataFrame) and len(batas) else fig


def peta_ruas(df: pd.DataFrame, bahasa: str = "id", batas: gpd.GeoDataFrame | None = None,
              judul: str = "") -> go.Figure:
    """One road section's complaints, every point drawn (no clustering): open, overdue, closed."""
    d = _kolom_peta(df[df["titik_masalah"] == ""], bahasa)
    buka, lambat, tutup = teks("aduan_terbuka", bahasa), teks("aduan_terlambat", bahasa), teks("aduan_tertutup", bahasa)
    kategori = pd.Series(tutup, index=d.index).where(~d["terbuka"], buka).where(~d["terlambat"], lambat)
    palet = {buka: "#fd8d3c", lambat: WARNA_TERLAMBAT, tutup: WARNA_TERTUTUP}
    return peta_titik(d.assign(_kategori=kategori), warna="_kategori", hover=_hover(bahasa), judul=judul, bahasa=bahasa,
                      cluster=False, warna_kategori=palet, batas=batas)


def peta_kecamatan(per_kec: pd.DataFrame, gdf: gpd.GeoDataFrame, bahasa: str = "id") -> go.Figure:
    """Hot spots by kecamatan: open backlog (unique complaints) per 10 km of recorded road."""
    info = per_kec.set_index("kode_kecamatan")
    hover = pd.DataFrame({teks("aduan_terbuka", bahasa): info["terbuka"], teks("aduan_unik", bahasa): info["aduan"],
                          teks("aduan_kemantapan", bahasa) + " (%)": info["kemantapan_persen"].round(1),
                          teks("aduan_panjang_km", bahasa): info["panjang_km"].round(1)})
    fig = peta_choropleth(gdf, info["terbuka_per_10km"], judul=teks("aduan_peta_kecamatan", bahasa),
                          label_nilai=teks("aduan_terbuka_per_10km", bahasa), warna="OrRd", hover=hover, bahasa=bahasa)
    # the colour bar under the map, so the map keeps the column's full width
    fig.update_traces(colorbar={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                                "thickness": 10, "len": 0.8, "title": {"side": "top"}}, selector={"showscale": None})
    fig.update_layout(margin={"b": 60})
    return _pas(fig, gdf.total_bounds)


def grafik_corong(corong: pd.DataFrame, tutup: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """The lifecycle funnel (unique complaints reaching each stage); closures without a fix noted below it."""
    warna = {k: v["warna"] for k, v in deklarasi()["status"].items()}
    fig = go.Figure(go.Funnel(y=[aman_html(v) for v in corong["label"]], x=corong["jumlah"],
                              textinfo="value+percent initial", marker={"color": [warna[s] for s in corong["status"]]},
                              name=aman_html(teks("aduan_siklus", bahasa))))
    rincian = " · ".join(f"{aman_html(r.label)}: {fmt.angka(r.jumlah, 0, bahasa)}"
                         for r in tutup.itertuples(index=False))
    judul_tutup = aman_html(teks("aduan_tutup_tanpa_perbaikan", bahasa))
    fig.add_annotation(text=f"<b>{judul_tutup}</b><br>{rincian}", x=0, y=-0.06,
                       xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False, font={"size": 12})
    fig = _tata(fig, teks("aduan_corong", bahasa), bahasa)
    fig.update_layout(margin={"b": 75})
    return fig


def grafik_umur(umur: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Open complaints by age class, stacked by road authority."""
    fig = go.Figure()
    warna = _warna_kew()
    for k in URUTAN_KEWENANGAN:
        b = umur[umur["status_jalan"] == k]
        fig.add_trace(go.Bar(x=[str(c) for c in b["kelas_umur"]], y=b["jumlah"], marker_color=warna[k],
                             name=aman_html(label_kategori("kewenangan", bahasa)[k])))
    fig.update_layout(barmode="stack", yaxis_title=aman_html(teks("aduan_terbuka", bahasa)))
    return _tata(fig, teks("aduan_umur_terbuka", bahasa), bahasa)


def grafik_waktu(ringkas: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Median days to verify and to fix per road authority."""
    x = [aman_html(v) for v in ringkas["kewenangan"]]
    fig = go.Figure([
        go.Bar(x=x, y=ringkas["median_hari_verifikasi"].round(1), marker_color="#4292c6", texttemplate="%{y:.1f}",
               name=aman_html(teks("aduan_median_verifikasi", bahasa))),
        go.Bar(x=x, y=ringkas["median_hari_perbaikan"].round(1), name=aman_html(teks("aduan_median_perbaikan", bahasa)),
               marker_color="#41ab5d", texttemplate="%{y:.0f}"),
    ])
    fig.update_layout(barmode="group", yaxis_title=aman_html(teks("aduan_hari", bahasa)))
    fig.update_traces(textposition="outside", textangle=0, cliponaxis=False)
    return _tata(fig, teks("aduan_waktu_per_kewenangan", bahasa), bahasa)


def grafik_kewenangan(per_kew: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Unique complaints, open backlog and overdue per road authority."""
    x = [aman_html(v) for v in per_kew["kewenangan"]]
    fig = go.Figure([
        go.Bar(x=x, y=per_kew["aduan"], name=aman_html(teks("aduan_unik", bahasa)), marker_color="#c6dbef",
               text=per_kew["aduan"]),
        go.Bar(x=x, y=per_kew["terbuka"], name=aman_html(teks("aduan_terbuka", bahasa)), marker_color="#fd8d3c",
               text=per_kew["terbuka"]),
        go.Bar(x=x, y=per_kew["terlambat"], name=aman_html(teks("aduan_terlambat", bahasa)),
               marker_color=WARNA_TERLAMBAT, text=per_kew["terlambat"]),
    ])
    fig.update_layout(barmode="group")
    fig.update_traces(textposition="outside", textangle=0, cliponaxis=False)
    return _tata(fig, teks("aduan_split_kewenangan", bahasa), bahasa)


def grafik_ruas(per_ruas: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Hot spots by road: the roads with the largest open backlog, coloured by authority."""
    d = per_ruas.iloc[::-1]
    warna = _warna_kew()
    fig = go.Figure(go.Bar(y=[aman_html(v) for v in d["nama_ruas"]], x=d["terbuka"], orientation="h",
                           marker_color=[warna.get(k, "#999") for k in d["status_jalan"]], text=d["terbuka"],
                           textposition="outside", textangle=0, cliponaxis=False,
                           customdata=[[aman_html(k), a, t] for k, a, t in
                                       zip(d["kewenangan"], d["aduan"], d["terlambat"], strict=True)],
                           hovertemplate="<b>%{y}</b><br>%{customdata[0]}<br>"
                           + aman_html(teks("aduan_terbuka", bahasa)) + ": %{x}<br>"
                           + aman_html(teks("aduan_unik", bahasa)) + ": %{customdata[1]}<br>"
                           + aman_html(teks("aduan_terlambat", bahasa)) + ": %{customdata[2]}<extra></extra>"))
    fig.update_layout(xaxis_title=aman_html(teks("aduan_terbuka", bahasa)), yaxis={"automargin": True})
    return _tata(fig, teks("aduan_titik_panas_ruas", bahasa), bahasa, tinggi=420)


def grafik_kemantapan(per_kew: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Kemantapan jalan (% of length good or fair) per authority, complaints per 10 km in the hover."""
    x = [aman_html(label_kategori("kewenangan", bahasa)[k]) for k in per_kew["status_jalan"]]
    fig = go.Figure(go.Bar(
        x=x, y=per_kew["kemantapan_persen"].round(1), marker_color=[_warna_kew()[k] for k in per_kew["status_jalan"]],
        texttemplate="%{y:.1f}%", customdata=per_kew[["panjang_km", "aduan_per_10km"]].round(1).to_numpy(),
        hovertemplate="<b>%{x}</b><br>" + aman_html(teks("aduan_kemantapan", bahasa)) + ": %{y:.1f}%<br>"
        + aman_html(teks("aduan_panjang_km", bahasa)) + ": %{customdata[0]:,.1f}<br>"
        + aman_html(teks("aduan_per_10km", bahasa)) + ": %{customdata[1]:,.1f}<extra></extra>"))
    fig.update_layout(yaxis={"range": [0, 100], "title": aman_html(teks("aduan_kemantapan", bahasa) + " (%)")})
    return _tata(fig, teks("aduan_kemantapan_per_kewenangan", bahasa), bahasa)
