"""Plotly figures of the six-pillar index for the Ringkasan and Pilar pages (maps are ``indicators.tampilan.peta``).

Every figure takes data already computed by the scoring core and labels in the reader's language;
numbers use the reader's separators (``separators``) and every text shown is escaped
(``teks_aman.aman_html``). A unit or pillar without enough data is written "data tidak cukup", never
drawn as 0.

>>> import pandas as pd
>>> p = pd.DataFrame({"ukuran": ["indeks", "governance"], "nama_id": ["Indeks", "Tata Kelola"],
...     "nama_en": ["Index", "Governance"], "skor": [61.0, float("nan")], "skor_lalu": [60.0, 55.0],
...     "selisih": [1.0, float("nan")], "target": [60.0, 60.0]})
>>> fig = grafik_pilar(p, "id", "Enam pilar", "Oktober 2026", "September 2026")
>>> [t.name for t in fig.data], list(fig.data[1].x)
(['September 2026', 'Oktober 2026', 'Target'], [None, 61.0])
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.dasar.format import angka
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import aman_html
from indicators.tampilan.peta import PEMISAH, TINGGI_PX, tampilan
from indicators.tampilan.tata import LEGENDA_BAWAH, baris_judul, judul_terbungkus, label_terbungkus

BIRU, ABU, MERAH, HIJAU = "#1f5fa8", "#b8c2cc", "#c0392b", "#2e8b57"
HURUF = 16  # readable on a projector


def _tata(fig: go.Figure, judul: str, bahasa: str, tinggi: int) -> go.Figure:
    judul = judul_terbungkus(aman_html(judul), maks=40)  # 16-px text: a little less fits
    fig.update_layout(title={"text": judul}, separators=PEMISAH[bahasa], height=tinggi,
                      font={"size": HURUF}, margin={"l": 10, "r": 10, "t": 34 + 26 * baris_judul(judul), "b": 20},
                      legend=LEGENDA_BAWAH, plot_bgcolor="white")
    fig.update_xaxes(gridcolor="#e5e8eb", zeroline=False)
    fig.update_yaxes(gridcolor="#e5e8eb", zeroline=False)
    return fig


def _ada(v) -> bool:
    return v is not None and not (isinstance(v, float) and np.isnan(v)) and v is not pd.NA


def grafik_pilar(pilar: pd.DataFrame, bahasa: str, judul: str, label_kini: str, label_lalu: str) -> go.Figure:
    """Index and six pillars as horizontal bars: the previous period, this period (value written on
    the bar, "data tidak cukup" where missing) and the target as a red tick."""
    t = pilar.iloc[::-1]  # the index on top
    nama = [aman_html(n) for n in t[f"nama_{bahasa}"]]
    kini = [float(v) if _ada(v) else None for v in t["skor"]]
    lalu = [float(v) if _ada(v) else None for v in t["skor_lalu"]]
    tidak_cukup = teks("rk_data_tidak_cukup", bahasa)
    tulisan = [angka(v, 1, bahasa) if v is not None else "" for v in kini]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=nama, x=lalu, orientation="h", name=aman_html(label_lalu), marker_color=ABU,
                         hovertemplate="%{y}: %{x:.1f}<extra>" + aman_html(label_lalu) + "</extra>"))
    fig.add_trace(go.Bar(y=nama, x=kini, orientation="h", name=aman_html(label_kini), marker_color=BIRU,
                         text=tulisan, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y}: %{x:.1f}<extra>" + aman_html(label_kini) + "</extra>"))
    fig.add_trace(go.Scatter(y=nama, x=t["target"].astype(float), mode="markers", name=teks("rk_target", bahasa),
                             marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": MERAH}},
                             hovertemplate="%{y}: %{x:.0f}<extra>" + teks("rk_target", bahasa) + "</extra>"))
    for y, v in zip(nama, kini, strict=True):
        if v is None:
            fig.add_annotation(x=1, y=y, text=aman_html(tidak_cukup), showarrow=False, xanchor="left",
                               font={"color": MERAH, "size": HURUF})
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_xaxes(range=[0, 108])
    fig = _tata(fig, judul, bahasa, 520)
    return fig


def grafik_interval(t: pd.DataFrame, bahasa: str, judul: str, sorot: str | None = None) -> go.Figure:
    """Rank intervals: per unit (rows ``nama, kode_wilayah, peringkat, peringkat_median, peringkat_p05,
    peringkat_p95``, best first) a bar from the 5th to the 95th percentile rank, the nominal rank
    (circle) and the median rank (diamond); ``sorot`` highlights one unit."""
    t = t.dropna(subset=["peringkat"]).iloc[::-1]
    nama = [aman_html(n) for n in t["nama"]]
    p05, p95 = t["peringkat_p05"].astype(float), t["peringkat_p95"].astype(float)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=nama, x=(p95 - p05 + 0.6).to_numpy(), base=(p05 - 0.3).to_numpy(), orientation="h",
                         marker_color=ABU, name=teks("rk_interval_5_95", bahasa), hoverinfo="skip"))
    fig.add_trace(go.Scatter(y=nama, x=t["peringkat_median"].astype(float), mode="markers",
                             marker={"symbol": "diamond", "size": 11, "color": HIJAU},
                             name=teks("rk_peringkat_median", bahasa)))
    warna = [MERAH if k == sorot else BIRU for k in t["kode_wilayah"]]
    fig.add_trace(go.Scatter(y=nama, x=t["peringkat"].astype(float), mode="markers",
                             marker={"size": 12, "color": warna}, name=teks("rk_peringkat_nominal", bahasa)))
    maks = int(np.nanmax(p95.to_numpy())) if len(t) else 1
    fig.update_xaxes(title=teks("rk_peringkat_sumbu", bahasa), tickmode="array", tickvals=tanda_peringkat(maks),
                     range=[0.3, maks + 0.7], side="top", showgrid=True)    # rank 1 on the left, read on top
    fig.update_layout(barmode="overlay")
    return _tata(fig, judul, bahasa, max(380, 26 * len(t) + 160))


def tanda_peringkat(maks: int, paling_banyak: int = 12) -> list[int]:
    """Readable rank ticks: 1, then multiples of a round step (1, 2, 5, 10, 20, 25, 50, 100…) with at
    most ``paling_banyak`` ticks, and the last rank.

    >>> tanda_peringkat(28), tanda_peringkat(311)
    ([1, 5, 10, 15, 20, 25, 28], [1, 50, 100, 150, 200, 250, 311])
    """
    langkah = next(x for x in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9)
                   if maks / x <= paling_banyak)
    tanda = sorted({1, *range(langkah, maks + 1, langkah), maks})
    return [x for x in tanda if x == maks or maks - x >= langkah / 2 or x == 1]


def grafik_distribusi(nilai: pd.Series, bahasa: str, judul: str, label: str, sorot: float | None = None,
                      label_sorot: str = "") -> go.Figure:
    """Histogram of the units' values with a box above it and the selected unit as a line."""
    x = pd.to_numeric(nilai, errors="coerce").dropna()
    fig = go.Figure()
    fig.add_trace(go.Histogram(x=x, nbinsx=min(30, max(5, len(x) // 3)), marker_color=BIRU, name=aman_html(label),
                               yaxis="y"))
    fig.add_trace(go.Box(x=x, name="", marker_color=BIRU, boxpoints="all", jitter=0.4, pointpos=0, yaxis="y2",
                         hoverinfo="x", showlegend=False))
    if sorot is not None and _ada(sorot):
        fig.add_vline(x=float(sorot), line={"color": MERAH, "width": 3},
                      annotation={"text": aman_html(label_sorot), "font": {"color": MERAH}})
    fig.update_layout(showlegend=False, yaxis={"domain": [0, 0.72], "title": teks("rk_jumlah_wilayah", bahasa)},
                      yaxis2={"domain": [0.78, 1], "showticklabels": False}, bargap=0.05)
    fig.update_xaxes(title=aman_html(label))
    return _tata(fig, judul, bahasa, 420)


def grafik_tren(t: pd.DataFrame, bahasa: str, judul: str, label: str) -> go.Figure:
    """Lines of ``t`` (columns ``periode``, ``seri``, ``nilai``): one per series; gaps stay gaps."""
    fig = go.Figure()
    for i, (seri, d) in enumerate(t.groupby("seri", sort=False)):
        fig.add_trace(go.Scatter(x=d["periode"], y=d["nilai"], mode="lines+markers", name=aman_html(seri),
                                 line={"width": 3, "color": [BIRU, MERAH, HIJAU, ABU][i % 4]}, connectgaps=False))
    fig.update_yaxes(title=aman_html(label), rangemode="tozero")
    fig.update_xaxes(type="category")
    return _tata(fig, judul, bahasa, 400)


def grafik_bobot(t: pd.DataFrame, bahasa: str, judul: str) -> go.Figure:
    """Effective weights of the indicators in the index (%): framework weights against the what-if
    weights (``t``: ``nama``, ``awal``, ``baru`` as shares 0–1)."""
    t = t.iloc[::-1]
    nama = [label_terbungkus(aman_html(n)) for n in t["nama"]]  # long names in two lines: room for the bars
    fig = go.Figure()
    fig.add_trace(go.Bar(y=nama, x=t["awal"] * 100, orientation="h", name=teks("rk_bobot_kerangka", bahasa),
                         marker_color=ABU))
    fig.add_trace(go.Bar(y=nama, x=t["baru"] * 100, orientation="h", name=teks("rk_bobot_uji", bahasa),
                         marker_color=BIRU, text=[angka(v * 100, 1, bahasa) for v in t["baru"]],
                         textposition="outside", cliponaxis=False, textfont={"size": 13}))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=teks("rk_bobot_efektif_persen", bahasa))
    fig = _tata(fig, judul, bahasa, max(420, 40 * len(t) + 170))
    return fig


def grafik_sensitivitas(sobol: pd.DataFrame, bahasa: str, judul: str) -> go.Figure:
    """First-order and total Sobol indices of the mean rank shift, one pair of bars per factor."""
    nama = [aman_html(n) for n in sobol[f"nama_{bahasa}"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=nama, y=sobol["sobol_pertama"], name=teks("rk_sobol_pertama", bahasa), marker_color=ABU))
    fig.add_trace(go.Bar(x=nama, y=sobol["sobol_total"], name=teks("rk_sobol_total", bahasa), marker_color=BIRU,
                         text=[angka(v, 2, bahasa) for v in sobol["sobol_total"]], textposition="outside",
                         cliponaxis=False))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=teks("rk_indeks_sobol", bahasa), rangemode="tozero")
    return _tata(fig, judul, bahasa, 400)


def grafik_hapus_pilar(ringkas: pd.DataFrame, nama_pilar: dict[str, str], bahasa: str, judul: str) -> go.Figure:
    """Mean and largest absolute rank shift when each pillar is removed in turn."""
    nama = [aman_html(nama_pilar.get(p, p)) for p in ringkas["pilar"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=nama, y=ringkas["rata_abs"], name=teks("rk_geser_rata", bahasa), marker_color=BIRU,
                         text=[angka(v, 1, bahasa) for v in ringkas["rata_abs"]], textposition="outside",
                         cliponaxis=False))
    fig.add_trace(go.Bar(x=nama, y=ringkas["maks_abs"], name=teks("rk_geser_maks", bahasa), marker_color=ABU))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=teks("rk_geser_peringkat", bahasa), rangemode="tozero")
    return _tata(fig, judul, bahasa, 400)


def pas_peta(fig: go.Figure, batas_luar, lebar_px: int, tinggi_px: int = TINGGI_PX) -> go.Figure:
    """Fit a ``peta.peta_choropleth`` map to a column ``lebar_px`` wide (the map component assumes a
    wide page) and lay its colour bar under the map, so the whole column shows the district.

    >>> from indicators.wilayah.batas import batas
    >>> from indicators.tampilan.peta import peta_choropleth
    >>> g = batas("18.02", "kecamatan")
    >>> fig = pas_peta(peta_choropleth(g, pd.Series({"18.02.01": 50.0})), g.total_bounds, 300)
    >>> round(fig.layout.map.zoom, 1) < 8.3, fig.data[0].colorbar.orientation
    (True, 'h')
    """
    pusat, zoom = tampilan(batas_luar, lebar_px=lebar_px, tinggi_px=tinggi_px - 60)
    fig.update_layout(map={"center": pusat, "zoom": zoom})
    fig.update_traces(selector=0, colorbar={"orientation": "h", "y": -0.02, "yanchor": "top", "thickness": 10,
                                            "len": 0.9, "title": {"side": "top"}})
    return fig
