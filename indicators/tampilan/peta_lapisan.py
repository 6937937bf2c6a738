"""The pages' Leaflet maps, assembled from :mod:`indicators.tampilan.leaflet`'s layers.

- :func:`peta_wilayah`: a choropleth of kecamatan or villages to click (the page selects the clicked
  region), with a layer control over kecamatan, villages, roads by authority, complaints and Ronda
  incidents;
- :func:`peta_aduan`: the complaint map — numbered clusters, popups with escaped text, overdue
  markers ringed in dark red, road lines and kecamatan outlines underneath;
- :func:`peta_ruas`: one road section's line and every complaint on it.

Road lines come from a GeoDataFrame of segments (``id_ruas, nama_ruas, status_jalan, panjang_km,
kondisi, geometry``); :func:`ruas_bergeometri` turns a ``ruas_jalan`` table into one when it has
geometry (none, in a store without a road network: then no line layer is drawn).
"""
from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from indicators.aduan.aturan import deklarasi, label_kategori
from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.tampilan.grafik_aduan import WARNA_TERLAMBAT, WARNA_TERTUTUP, _hover, _kolom_peta
from indicators.tampilan.leaflet import (
    e,
    kendali_lapisan,
    kolom_teks,
    lapisan_garis,
    lapisan_titik,
    lapisan_wilayah,
    legenda,
    peta_dasar,
)

__all__ = ["peta_aduan", "peta_ruas", "peta_wilayah", "ruas_bergeometri"]


def ruas_bergeometri(ruas: pd.DataFrame | gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """Road segments with line geometry: the GeoDataFrame itself, or a table's ``geometry`` (shapely)
    or ``wkt`` column parsed; None when there is no usable geometry."""
    if ruas is None or not len(ruas):
        return None
    if isinstance(ruas, gpd.GeoDataFrame):
        g = ruas
    elif "geometry" in ruas and len(ruas["geometry"].dropna()):
        geom = ruas["geometry"]
        if geom.map(lambda v: isinstance(v, str)).any():  # the store keeps lines as WKT text (ruas_jalan.geometry)
            geom = shapely.from_wkt(geom.where(geom.notna(), None).to_numpy(), on_invalid="ignore")
        g = gpd.GeoDataFrame(ruas.drop(columns="geometry"), geometry=gpd.GeoSeries(geom, index=ruas.index),
                             crs="EPSG:4326")
    elif "wkt" in ruas:
        g = gpd.GeoDataFrame(ruas.drop(columns="wkt"), geometry=shapely.from_wkt(ruas["wkt"].astype(str).to_numpy(),
                                                                                  on_invalid="ignore"), crs="EPSG:4326")
    else:
        return None
    g = g[g.geometry.notna() & g.geom_type.isin(["LineString", "MultiLineString"])]
    return g if len(g) else None


def _label_ruas(bahasa: str) -> dict[str, str]:
    kew = label_kategori("kewenangan", bahasa)
    kondisi = {f"kondisi_{k}": v for k, v in label_kategori("kondisi", bahasa).items()}
    return {**kew, **kondisi, "kewenangan": teks("aduan_kewenangan", bahasa),
            "panjang_km": teks("aduan_panjang_km", bahasa), "kondisi": teks("peta_kondisi", bahasa)}


def _warna_kew() -> dict[str, str]:
    return {k: v["warna"] for k, v in deklarasi()["kewenangan"].items()}


def _garis_ruas(m, ruas: gpd.GeoDataFrame | None, bahasa: str, tampil: bool = True) -> None:
    g = ruas_bergeometri(ruas)
    if g is None:
        return
    label = _label_ruas(bahasa)
    for status in ("nasional", "provinsi", "kabupaten", "desa"):  # one layer per authority in the control
        bagian = g[g["status_jalan"].astype(str) == status]
        if len(bagian):
            lapisan_garis(m, bagian, f"{teks('peta_lapisan_jalan', bahasa)} {label[status].lower()}",
                          label=label, bahasa=bahasa, tampil=tampil, tebal=4.0 if status != "desa" else 2.0,
                          warna=_warna_kew())


def _popup_aduan(d: pd.DataFrame, bahasa: str) -> list[str]:
    kolom = _hover(bahasa)
    teks_kolom = {k: kolom_teks(d[k].to_numpy(object) if k in d else [""] * len(d), bahasa, 0) for k in kolom}
    pertama = next(iter(kolom))
    return [f"<b>{teks_kolom[pertama][i]}</b>" + "".join(
        f"<br>{e(label)}: {teks_kolom[k][i]}" for k, label in list(kolom.items())[1:])
        for i in range(len(d))]


def _lapisan_aduan(m, df: pd.DataFrame, warna: str, bahasa: str, tampil: bool = True) -> dict[str, str]:
    """Complaints as clustered points coloured by status or authority, overdue ones red and ringed;
    returns the legend (label → colour). Points flagged as wrong (``titik_masalah``) are left out."""
    d = _kolom_peta(df[df["titik_masalah"] == ""] if "titik_masalah" in df else df, bahasa)
    terlambat = teks("aduan_terlambat", bahasa)
    if warna == "status":
        lab = label_kategori("status", bahasa)
        palet = {k: v["warna"] for k, v in deklarasi()["status"].items()}
        kunci = d["status"].astype(str)
    else:
        lab = label_kategori("kewenangan", bahasa)
        palet = _warna_kew()
        kunci = d["status_jalan"].astype(str)
    lambat = d["terlambat"].fillna(False).to_numpy(bool) if "terlambat" in d else np.zeros(len(d), bool)
    w = np.where(lambat, WARNA_TERLAMBAT, kunci.map(palet).fillna("#525252").to_numpy(object))
    lapisan_titik(m, d, teks("peta_lapisan_aduan", bahasa), warna=list(w), popup=_popup_aduan(d, bahasa),
                  tebal=list(lambat), tampil=tampil)
    ada = set(kunci[~lambat])
    butir = {lab.get(k, k): palet[k] for k in palet if k in ada}
    if lambat.any():
        butir[terlambat] = WARNA_TERLAMBAT
    return butir


def _lapisan_ronda(m, ronda: pd.DataFrame, pusat_desa: pd.DataFrame, bahasa: str, tampil: bool = False) -> None:
    """Ronda incident reports (``jenis == kejadian``) counted per village, drawn at the village centre."""
    kej = ronda[ronda["jenis"].astype(str) == "kejadian"]
    if not len(kej):
        return
    n = kej.groupby("kode_wilayah").size().rename("jumlah").reset_index()
    t = n.merge(pusat_desa, on="kode_wilayah", how="inner")
    label = teks("peta_lapisan_ronda", bahasa)
    popup = [f"<b>{e(k)}</b><br>{e(label)}: {fmt.angka(int(j), 0, bahasa)}" for k, j in zip(t["kode_wilayah"],
                                                                                              t["jumlah"], strict=True)]
    lapisan_titik(m, t, label, warna="#6a51a3", popup=popup, tampil=tampil, radius=5)


def peta_wilayah(gdf: gpd.GeoDataFrame, nilai: pd.Series, judul: str, label_nilai: str, *, bahasa: str = "id",
                 info: pd.DataFrame | None = None, terpilih: str | None = None, rentang=(0, 100),
                 skala: str = "YlGnBu", kecamatan: gpd.GeoDataFrame | None = None,
                 desa: gpd.GeoDataFrame | None = None, ruas: gpd.GeoDataFrame | None = None,
                 aduan: pd.DataFrame | None = None, ronda: pd.DataFrame | None = None,
                 pusat_desa: pd.DataFrame | None = None, tinggi_px: int = 480) -> folium.Map:
    """A clickable choropleth of ``gdf`` (the chosen level) with the other layers in a layer control:
    kecamatan outlines (when ``gdf`` is villages) or village outlines (hidden at first), roads by
    authority, open complaints and Ronda incidents (hidden at first). The clicked feature's
    ``kode_wilayah`` comes back to the page through streamlit-folium."""
    m = peta_dasar(gdf.total_bounds, tinggi_px=tinggi_px)
    tingkat = gdf.attrs.get("tingkat", "")
    catatan = teks("batas_perkiraan_sel" if gdf.attrs.get("perkiraan") else "batas_skematis_sel", bahasa)
    if desa is not None and tingkat == "kecamatan":
        lapisan_wilayah(m, desa, None, teks("peta_lapisan_desa", bahasa), tampil=False, bahasa=bahasa,
                        catatan_sel=teks("batas_perkiraan_sel" if desa.attrs.get("perkiraan")
                                         else "batas_skematis_sel", bahasa))
    lapisan_wilayah(m, gdf, nilai, judul or teks(tingkat, bahasa), label_nilai=label_nilai, info=info,
                    rentang=rentang, skala=skala, terpilih=terpilih, bahasa=bahasa, catatan_sel=catatan)
    if kecamatan is not None and tingkat == "desa":
        lapisan_wilayah(m, kecamatan, None, teks("peta_lapisan_kecamatan", bahasa), bahasa=bahasa, interaktif=False)
    _garis_ruas(m, ruas, bahasa, tampil=True)
    if aduan is not None and len(aduan):
        _lapisan_aduan(m, aduan, "kewenangan", bahasa, tampil=False)
    if ronda is not None and pusat_desa is not None:
        _lapisan_ronda(m, ronda, pusat_desa, bahasa)
    jumlah = int(gdf["geometri_skematis"].sum()) if "geometri_skematis" in gdf else 0
    keterangan = ""
    if jumlah:
        keterangan = teks("batas_perkiraan" if gdf.attrs.get("perkiraan") else "batas_skematis", bahasa)
    legenda(m, label_nilai, skala=skala, rentang=rentang, bahasa=bahasa, catatan=keterangan)
    kendali_lapisan(m)
    return m


def peta_aduan(df: pd.DataFrame, warna: str, bahasa: str, kecamatan: gpd.GeoDataFrame,
               ruas: gpd.GeoDataFrame | None = None, tinggi_px: int = 480) -> folium.Map:
    """The complaint map: kecamatan outlines, road lines by authority, complaints clustered with their
    count (click a cluster to zoom in), each point's popup escaped, overdue ones red with a dark ring."""
    if warna not in ("status", "kewenangan"):
        raise ValueError(f"warna harus 'status' atau 'kewenangan', bukan {warna!r}")
    m = peta_dasar(kecamatan.total_bounds, tinggi_px=tinggi_px)
    lapisan_wilayah(m, kecamatan, None, teks("peta_lapisan_kecamatan", bahasa), bahasa=bahasa)
    _garis_ruas(m, ruas, bahasa)
    butir = _lapisan_aduan(m, df, warna, bahasa)
    legenda(m, teks("aduan_warna_" + warna, bahasa), butir, bahasa=bahasa)
    kendali_lapisan(m)
    return m


def peta_ruas(df: pd.DataFrame, bahasa: str, kecamatan: gpd.GeoDataFrame, ruas: gpd.GeoDataFrame | None = None,
              tinggi_px: int = 420) -> folium.Map:
    """One road section: its line (when the network has it) and every complaint on it, unclustered —
    open, overdue (ringed) and closed."""
    d = df[df["titik_masalah"] == ""] if "titik_masalah" in df else df
    g = ruas_bergeometri(ruas)
    batas = g.total_bounds if g is not None else kecamatan.total_bounds
    m = peta_dasar(batas, tinggi_px=tinggi_px)
    lapisan_wilayah(m, kecamatan, None, teks("peta_lapisan_kecamatan", bahasa), bahasa=bahasa)
    _garis_ruas(m, g, bahasa)
    buka, lambat, tutup = teks("aduan_terbuka", bahasa), teks("aduan_terlambat", bahasa), teks("aduan_tertutup", bahasa)
    terbuka = d["terbuka"].to_numpy(bool) if "terbuka" in d else np.ones(len(d), bool)
    telat = d["terlambat"].fillna(False).to_numpy(bool) if "terlambat" in d else np.zeros(len(d), bool)
    w = np.where(telat, WARNA_TERLAMBAT, np.where(terbuka, "#fd8d3c", WARNA_TERTUTUP))
    lapisan_titik(m, _kolom_peta(d, bahasa), teks("peta_lapisan_aduan", bahasa), warna=list(w),
                  popup=_popup_aduan(_kolom_peta(d, bahasa), bahasa), tebal=list(telat), klaster=False)
    legenda(m, teks("aduan_kolom_status", bahasa), {buka: "#fd8d3c", lambat: WARNA_TERLAMBAT, tutup: WARNA_TERTUTUP},
            bahasa=bahasa)
    kendali_lapisan(m)
    return m
