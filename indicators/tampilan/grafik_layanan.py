"""Figures of the village-services page (plotly, offline), labelled in the reader's language.

Every text taken from data goes through :func:`indicators.dasar.teks_aman.aman_html`; maps are drawn by the one
map component (:func:`indicators.tampilan.peta.peta_choropleth`); numbers use the reader's separators.

>>> import pandas as pd
>>> f = grafik_antrean(pd.DataFrame({"umur": [0, 1], "batas_bawah": [0.0, 1.0], "batas_atas": [1.0, None],
...                                  "terbuka": [3, 1], "lewat_tenggat": [0, 1]}), "en")
>>> [t.name for t in f.data], list(f.data[0].x)
(['Within target', 'Past the deadline'], ['< 1 day(s)', '> 1 day(s)'])
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.dasar.teks_aman import aman_html
from indicators.layanan import nilai as layanan
from indicators.tampilan.grafik_skor import pas_peta
from indicators.tampilan.peta import PEMISAH, peta_choropleth
from indicators.tampilan.tata import LEGENDA_BAWAH, TINGGI_BARIS_JUDUL, baris_judul, judul_terbungkus

TINGGI = 380
# The village maps sit in the wider column of a [3, 2] row: about 500 px on a 1366-px laptop. They are
# fitted to that width, colour bar under the map, so the whole district shows there (wider screens show
# more margin around it).
LEBAR_PETA_PX = 500
TINTA_TANPA_4G = "rgba(214,39,40,0.15)"   # a light red tint, so the outlined villages show in the legend
PALET = px.colors.qualitative.Set2 + px.colors.qualitative.Pastel1


def nama(kelompok: str, kode, bahasa: str) -> str:
    """The label of a code (``lay_<kelompok>_<kode>``), or the code itself (escaped) when undeclared."""
    from indicators.dasar.label import semua_label

    kunci = f"lay_{kelompok}_{kode}"
    return teks(kunci, bahasa) if kunci in semua_label() else aman_html(kode)


def _tata(fig: go.Figure, judul: str, bahasa: str, tinggi: int = TINGGI, **kw) -> go.Figure:
    judul = judul_terbungkus(aman_html(judul))
    fig.update_layout(title={"text": judul}, height=tinggi, separators=PEMISAH[bahasa],
                      margin={"l": 10, "r": 10, "t": 26 + TINGGI_BARIS_JUDUL * baris_judul(judul), "b": 10},
                      legend=LEGENDA_BAWAH,
                      plot_bgcolor="white", **kw)
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee")
    return fig


def _kosong(judul: str, bahasa: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=aman_html(teks("tidak_ada_data", bahasa)), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 14, "color": "#777"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _tata(fig, judul, bahasa)


def _bulan(periode: str, bahasa: str) -> str:
    """A month as a short two-line axis label (``Okt<br>2026``), from the one formatter's month name."""
    bulan, tahun = fmt.nama_periode(periode, bahasa).split(" ", 1)
    return f"{bulan[:3]}<br>{tahun}"


def _label_umur(bawah: float, atas: float, bahasa: str) -> str:
    if pd.isna(atas):
        return teks("lay_umur_lebih", bahasa).format(hari=fmt.angka(bawah, 0, bahasa))
    if bawah == 0:
        return teks("lay_umur_kurang", bahasa).format(hari=fmt.angka(atas, 0, bahasa))
    return teks("lay_umur_antara", bahasa).format(dari=fmt.angka(bawah, 0, bahasa), sampai=fmt.angka(atas, 0, bahasa))


# --- DesaID ---------------------------------------------------------------------------------------

def peta_status_situs(status: pd.DataFrame, gdf: gpd.GeoDataFrame, bahasa: str) -> go.Figure:
    """Village map coloured by website status (villages without a snapshot grey, as "no data")."""
    warna = layanan.deklarasi()["status_situs"]
    urut = list(warna)
    kode = status.set_index("kode_wilayah")
    z = kode["status"].map({s: i for i, s in enumerate(urut)}).astype(float)
    n = len(urut)
    skala = [[p, warna[s]] for i, s in enumerate(urut) for p in (i / n, (i + 1) / n)]
    hover = pd.DataFrame({
        teks("lay_status", bahasa): kode["status"].map(lambda s: nama("status", s, bahasa)),
        teks("lay_hari_update", bahasa): kode["hari_sejak_update"].round(0),
        teks("lay_posting_90", bahasa): kode["posting_90_hari"].astype(float),
        teks("lay_skor_kontak", bahasa): kode["skor_kontak"].round(0),
        teks("lay_jumlah_layanan", bahasa): kode["jumlah_layanan"].astype(float),
        teks("lay_kekurangan", bahasa): kode.get("uraian_kekurangan", ""),
    }, index=kode.index)
    g = gdf[gdf["kode_wilayah"].isin(kode.index)]
    fig = peta_choropleth(g, z, judul=teks("lay_peta_situs", bahasa), label_nilai=teks("lay_status", bahasa),
                          warna=skala, rentang=(-0.5, n - 0.5), hover=hover, bahasa=bahasa, desimal=0)
    pas_peta(fig, g.total_bounds, LEBAR_PETA_PX)
    fig.data[0].colorbar.update(tickvals=list(range(n)), ticktext=[nama("status", s, bahasa) for s in urut])
    # the value line of the hover would show the status number: show the status name instead
    fig.data[0].hovertemplate = fig.data[0].hovertemplate.replace(
        f"<br>{aman_html(teks('lay_status', bahasa))}: %{{customdata[1]}}", "", 1)
    return fig


def grafik_status_kecamatan(per_kec: pd.DataFrame, bahasa: str) -> go.Figure:
    """Villages per kecamatan by website status (stacked bars, kecamatan by active share)."""
    judul = teks("lay_grafik_status_kecamatan", bahasa)
    if per_kec.empty:
        return _kosong(judul, bahasa)
    warna = {**layanan.deklarasi()["status_situs"], "tanpa_data": "#d4d4d4"}
    tot = per_kec.groupby("kode_induk")["desa"].sum()
    akt = per_kec[per_kec["status"] == "aktif"].set_index("kode_induk")["desa"] / tot
    urut = akt.sort_values(kind="stable").index
    fig = go.Figure()
    for s, w in warna.items():
        d = per_kec[per_kec["status"] == s].set_index("kode_induk").reindex(urut)
        fig.add_trace(go.Bar(y=[aman_html(x) for x in d["nama_kecamatan"]], x=d["desa"], orientation="h",
                             name=nama("status", s, bahasa), marker_color=w,
                             hovertemplate="%{y}: %{x}<extra>" + aman_html(nama("status", s, bahasa)) + "</extra>"))
    return _tata(fig, judul, bahasa, tinggi=max(TINGGI, 20 * len(urut) + 130), barmode="stack",
                 xaxis_title=teks("jumlah_desa", bahasa), yaxis={"dtick": 1, "automargin": True})


def grafik_kekurangan(status: pd.DataFrame, bahasa: str, hari_update: float = 30) -> go.Figure:
    """Villages per operator gap (a village may have several), most frequent first; ``hari_update`` is
    the framework's update window, written into the "not updated" label."""
    judul = teks("lay_grafik_kekurangan", bahasa)
    n = pd.Series([g for gs in status["kekurangan"] for g in gs], dtype=object).value_counts()
    if n.empty:
        return _kosong(judul, bahasa)
    n = n.sort_values(kind="stable")
    isi = {"hari": "> " + fmt.angka(hari_update, 0, bahasa), "bulan": teks("lay_bulan_sebelumnya", bahasa)}
    label = [teks(f"lay_gap_{g}", bahasa).format(**isi) for g in n.index]
    fig = go.Figure(go.Bar(y=label, x=n.to_numpy(), orientation="h", marker_color="#e15759", text=n.to_numpy(),
                           textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>"))
    return _tata(fig, judul, bahasa, xaxis={"title": teks("jumlah_desa", bahasa), "range": [0, float(n.max()) * 1.2]},
                 yaxis={"automargin": True})


# --- Smart Netizen --------------------------------------------------------------------------------

WARNA_KANAL = {"online": "#4c78a8", "loket": "#f2cf5b"}


def grafik_permohonan_bulanan(per_bulan: pd.DataFrame, daring: pd.DataFrame, bahasa: str,
                              menurut: str = "jenis") -> go.Figure:
    """Requests per month by service type or by channel (``menurut``: ``jenis`` | ``kanal``; stacked
    bars) and the online share (line, right axis)."""
    judul = teks(f"lay_grafik_permohonan_bulanan_{menurut}", bahasa)
    if per_bulan.empty:
        return _kosong(judul, bahasa)
    kolom = {"jenis": "jenis_layanan", "kanal": "kanal"}[menurut]
    bulan = sorted(per_bulan["periode"].unique())
    x = [_bulan(b, bahasa) for b in bulan]
    fig = go.Figure()
    g = per_bulan.pivot_table(index=kolom, columns="periode", values="jumlah", aggfunc="sum",
                              fill_value=0).reindex(columns=bulan, fill_value=0)
    for i, (j, baris) in enumerate(g.iterrows()):
        warna = WARNA_KANAL.get(j, "#bbb") if menurut == "kanal" else PALET[i % len(PALET)]
        fig.add_trace(go.Bar(x=x, y=baris.to_numpy(), name=nama(menurut, j, bahasa), marker_color=warna,
                             hovertemplate="%{x}: %{y:,.0f}<extra>" + aman_html(nama(menurut, j, bahasa)) + "</extra>"))
    d = daring.set_index("periode").reindex(bulan)
    fig.add_trace(go.Scatter(x=x, y=d["persen_daring"], yaxis="y2", mode="lines+markers",
                             name=teks("lay_persen_daring", bahasa),
                             line={"color": "#222", "width": 2}, hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    return _tata(fig, judul, bahasa, barmode="stack",
                 yaxis={"title": teks("lay_permohonan", bahasa), "tickformat": ",d"},
                 yaxis2={"title": teks("lay_persen_daring", bahasa), "overlaying": "y", "side": "right",
                         "range": [0, 100], "showgrid": False, "tickmode": "linear", "dtick": 20}, tinggi=430)


def grafik_waktu_proses(tabel: pd.DataFrame, bahasa: str) -> go.Figure:
    """Median and 90th percentile of processing days per service type, with the target (marker)."""
    judul = teks("lay_grafik_waktu_proses", bahasa)
    t = tabel[tabel["jenis_layanan"] != "semua"]
    if t.empty or t["selesai"].sum() == 0:
        return _kosong(judul, bahasa)
    y = [nama("jenis", j, bahasa) for j in t["jenis_layanan"]]
    fig = go.Figure([
        go.Bar(y=y, x=t["median_hari"], orientation="h", name=teks("lay_median", bahasa), marker_color="#4c78a8",
               hovertemplate="%{y}: %{x:.2f}<extra>" + aman_html(teks("lay_median", bahasa)) + "</extra>"),
        go.Bar(y=y, x=t["p90_hari"], orientation="h", name=teks("lay_p90", bahasa), marker_color="#9ecae9",
               hovertemplate="%{y}: %{x:.2f}<extra>" + aman_html(teks("lay_p90", bahasa)) + "</extra>"),
        go.Scatter(y=y, x=t["target_hari"], mode="markers", name=teks("lay_target_hari", bahasa),
                   marker={"symbol": "line-ns-open", "size": 22, "color": "#d62728", "line": {"width": 3}},
                   hovertemplate="%{y}: %{x}<extra>" + aman_html(teks("lay_target_hari", bahasa)) + "</extra>"),
    ])
    return _tata(fig, judul, bahasa, barmode="group", xaxis_title=teks("lay_hari", bahasa))


def grafik_tepat_waktu(tabel: pd.DataFrame, bahasa: str) -> go.Figure:
    """Share completed within the service-level target per service type; the line is all types."""
    judul = teks("lay_grafik_tepat_waktu", bahasa)
    t = tabel[tabel["jenis_layanan"] != "semua"].sort_values("persen_tepat", kind="stable")
    if t.empty or t["jatuh_tempo"].sum() == 0:
        return _kosong(judul, bahasa)
    fig = go.Figure(go.Bar(y=[nama("jenis", j, bahasa) for j in t["jenis_layanan"]], x=t["persen_tepat"],
                           orientation="h", marker_color="#59a14f",
                           customdata=np.c_[t["tepat_waktu"], t["jatuh_tempo"]],
                           hovertemplate="%{y}: %{x:.1f}% (%{customdata[0]:,.0f} / %{customdata[1]:,.0f})"
                                         "<extra></extra>"))
    semua = tabel.loc[tabel["jenis_layanan"] == "semua", "persen_tepat"]
    if len(semua) and pd.notna(semua.iloc[0]):
        fig.add_vline(x=float(semua.iloc[0]), line_dash="dash", line_color="#333",
                      annotation_text=aman_html(teks("lay_semua_jenis", bahasa)), annotation_position="top")
    return _tata(fig, judul, bahasa, xaxis={"range": [0, 100], "title": "%"})


def grafik_antrean(antrean: pd.DataFrame, bahasa: str) -> go.Figure:
    """Open requests at the period's end by age, split by whether they are past their deadline."""
    judul = teks("lay_grafik_antrean", bahasa)
    x = [_label_umur(a, b, bahasa) for a, b in zip(antrean["batas_bawah"], antrean["batas_atas"], strict=True)]
    dalam = antrean["terbuka"] - antrean["lewat_tenggat"]
    fig = go.Figure([
        go.Bar(x=x, y=dalam, name=teks("lay_dalam_target", bahasa), marker_color="#9ecae9",
               hovertemplate="%{x}: %{y:,.0f}<extra></extra>"),
        go.Bar(x=x, y=antrean["lewat_tenggat"], name=teks("lay_lewat_tenggat", bahasa), marker_color="#e15759",
               hovertemplate="%{x}: %{y:,.0f}<extra></extra>"),
    ])
    return _tata(fig, judul, bahasa, barmode="stack", yaxis_title=teks("lay_terbuka", bahasa))


def grafik_per_kecamatan(tabel: pd.DataFrame, bahasa: str) -> go.Figure:
    """Requests per 1,000 people per month by kecamatan, coloured by online share."""
    judul = teks("lay_grafik_per_kecamatan", bahasa)
    t = tabel.dropna(subset=["per_1000_bulan"]).sort_values("per_1000_bulan", kind="stable")
    if t.empty:
        return _kosong(judul, bahasa)
    fig = go.Figure(go.Bar(
        y=[aman_html(n) for n in t["nama"]], x=t["per_1000_bulan"], orientation="h",
        marker={"color": t["persen_daring"], "colorscale": "Blues", "cmin": 0, "cmax": 100,
                "colorbar": {"title": {"text": aman_html(teks("lay_persen_daring", bahasa))}, "thickness": 12}},
        customdata=np.c_[t["persen_daring"].fillna(-1), t["permohonan"]],
        hovertemplate="%{y}: %{x:.2f}<br>" + aman_html(teks("lay_persen_daring", bahasa)) + ": %{customdata[0]:.1f}%"
                      "<br>" + aman_html(teks("lay_permohonan", bahasa)) + ": %{customdata[1]:,.0f}<extra></extra>"))
    return _tata(fig, judul, bahasa, tinggi=max(TINGGI, 20 * len(t) + 130),
                 xaxis_title=teks("lay_per_1000_bulan", bahasa),
                 yaxis={"dtick": 1, "automargin": True})


def grafik_rating(penilaian: pd.DataFrame, bahasa: str) -> go.Figure:
    """Ratings 1–5 per service type, as shares of the rated requests (stacked to 100 %)."""
    judul = teks("lay_grafik_rating", bahasa)
    if penilaian.empty:
        return _kosong(judul, bahasa)
    g = penilaian.pivot_table(index="jenis_layanan", columns="rating", values="jumlah", aggfunc="sum", fill_value=0)
    g = g.reindex(columns=[1, 2, 3, 4, 5], fill_value=0)
    pct = g.div(g.sum(axis=1), axis=0) * 100
    warna = ["#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"]
    y = [nama("jenis", j, bahasa) for j in pct.index]
    fig = go.Figure([go.Bar(y=y, x=pct[r], orientation="h", name=f"{r} ★", marker_color=warna[r - 1],
                            customdata=g[r],
                            hovertemplate="%{y}: %{x:.1f}% (%{customdata:,.0f})<extra>" + f"{r} ★</extra>")
                     for r in range(1, 6)])
    return _tata(fig, judul, bahasa, barmode="stack", xaxis={"range": [0, 100], "title": "%"})


# --- Signal ---------------------------------------------------------------------------------------

def peta_sinyal(adopsi: pd.DataFrame, gdf: gpd.GeoDataFrame, bahasa: str) -> go.Figure:
    """Online share per village, villages without 4G outlined on top."""
    d = adopsi.set_index("kode_wilayah")
    hover = pd.DataFrame({teks("lay_sinyal", bahasa): d["sinyal"].map(lambda s: nama("sinyal", s, bahasa)
                                                                         if isinstance(s, str) else None),
                          teks("lay_permohonan", bahasa): d["permohonan"].astype(float)}, index=d.index)
    g = gdf[gdf["kode_wilayah"].isin(d.index)]
    fig = peta_choropleth(g, d["persen_daring"], judul=teks("lay_peta_sinyal", bahasa),
                          label_nilai=teks("lay_persen_daring", bahasa), warna="Blues", rentang=(0, 100), hover=hover,
                          bahasa=bahasa)
    tanpa = d.index[d["sinyal"].notna() & (d["sinyal"] != "4g")]
    tanpa = [k for k in g["kode_wilayah"] if k in set(tanpa)]
    if tanpa:   # the same simplified cells the choropleth drew, outlined
        fitur = {f["id"]: f for t in fig.data for f in (t.geojson or {}).get("features", [])}
        fig.add_trace(go.Choroplethmap(
            geojson={"type": "FeatureCollection", "features": [fitur[k] for k in tanpa if k in fitur]},
            locations=tanpa, z=np.zeros(len(tanpa)), colorscale=[[0, TINTA_TANPA_4G], [1, TINTA_TANPA_4G]],
            showscale=False, marker={"line": {"width": 2.2, "color": "#d62728"}, "opacity": 1},
            name=aman_html(teks("lay_tanpa_4g", bahasa)), showlegend=True, hoverinfo="skip"))
    return pas_peta(fig, g.total_bounds, LEBAR_PETA_PX)


def grafik_sinyal(per_sinyal: pd.DataFrame, bahasa: str) -> go.Figure:
    """Online share of the requests per signal class of the village (pooled)."""
    judul = teks("lay_grafik_sinyal", bahasa)
    if per_sinyal.empty:
        return _kosong(judul, bahasa)
    warna = {"4g": "#1a9850", "3g": "#91cf60", "2g": "#fc8d59", "tanpa_sinyal": "#d73027"}
    fig = go.Figure(go.Bar(
        x=[nama("sinyal", s, bahasa) for s in per_sinyal["sinyal"]], y=per_sinyal["persen_daring"],
        marker_color=[warna.get(s, "#bbb") for s in per_sinyal["sinyal"]],
        customdata=np.c_[per_sinyal["desa"], per_sinyal["permohonan"]],
        hovertemplate="%{x}: %{y:.1f}%<br>" + aman_html(teks("jumlah_desa", bahasa)) + ": %{customdata[0]}<br>"
                      + aman_html(teks("lay_permohonan", bahasa)) + ": %{customdata[1]:,.0f}<extra></extra>"))
    return _tata(fig, judul, bahasa, yaxis={"range": [0, 100], "title": teks("lay_persen_daring", bahasa)})


# --- Data quality ---------------------------------------------------------------------------------

def grafik_mutu(ringkasan: pd.DataFrame, bahasa: str) -> go.Figure:
    """Flag counts per flag and dataset, written on the bars (a zero is information: checked, none)."""
    judul = teks("lay_grafik_mutu", bahasa)
    fig = go.Figure()
    for i, (ds, d) in enumerate(ringkasan.groupby("dataset", sort=False)):
        fig.add_trace(go.Bar(y=[nama("tanda", t, bahasa) for t in d["tanda"]], x=d["jumlah"], orientation="h",
                             name=nama("dataset", ds, bahasa), marker_color=PALET[i], text=d["jumlah"],
                             texttemplate="%{text:,.0f}", textposition="outside", cliponaxis=False,
                             hovertemplate="%{y}: %{x:,.0f}<extra>" + aman_html(nama("dataset", ds, bahasa))
                                           + "</extra>"))
    atas = max(float(ringkasan["jumlah"].max()) if len(ringkasan) else 0.0, 1.0) * 1.2   # room for the counts
    return _tata(fig, judul, bahasa, barmode="group", tinggi=420,
                 xaxis={"title": teks("lay_jumlah_baris", bahasa), "range": [0, atas]},
                 yaxis={"autorange": "reversed", "automargin": True})
