"""The one-page briefing PDF a regent hands out: district and period, the index with its maturity and
change, the three attention statements, the six pillars against the previous period and the target,
the kecamatan map of the index, the leading and trailing kecamatan, and a data note (simulated data
said so).

Drawn with fpdf2 primitives only — bars, polygons, text — so it needs no browser, no kaleido and no
network. ``briefing_pdf`` takes a ``ringkasan.Ringkasan`` (the same object the Ringkasan page shows)
and the kecamatan boundaries (``geo.batas``); same input and date → the same bytes.

>>> from indicators.dasar.label import teks
>>> teks("rk_briefing_judul", "en")
'Smart Regency Briefing'
"""
from __future__ import annotations

import math
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale, unlabel_rgb

from indicators.dasar.format import angka, format_selisih, nama_periode, persen
from indicators.dasar.label import teks
from indicators.laporan.pdf import TEPI, Dokumen
from indicators.ringkasan.cakupan import kalimat_cakupan, kalimat_tipis
from indicators.ringkasan.susun import Ringkasan

BIRU, ABU, MERAH, TANPA_DATA = (31, 95, 168), (184, 194, 204), (192, 57, 43), (212, 212, 212)
WARNA_PETA = "Viridis"  # the page's map uses the same scale over 0–100
LEBAR_HALAMAN, TINGGI_HALAMAN = 210.0, 297.0
MAKS_BARIS_PERNYATAAN = 5  # a statement longer than this is cut with "…" (the page stays one page)


def warna_skor(v: float, rentang: tuple[float, float] = (0.0, 100.0)) -> tuple[int, int, int]:
    """RGB of a score on the map's colour scale (grey when missing).

    >>> warna_skor(0.0), warna_skor(float("nan"))
    ((68, 1, 84), (212, 212, 212))
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return TANPA_DATA
    t = min(max((float(v) - rentang[0]) / (rentang[1] - rentang[0]), 0.0), 1.0)
    return tuple(round(float(c)) for c in unlabel_rgb(sample_colorscale(WARNA_PETA, [t])[0]))


def _cincin(geom: dict) -> list[list]:
    """The outer rings of a GeoJSON Polygon or MultiPolygon."""
    if geom["type"] == "Polygon":
        return [geom["coordinates"][0]]
    if geom["type"] == "MultiPolygon":
        return [p[0] for p in geom["coordinates"]]
    return []


class _Briefing(Dokumen):
    """The briefing's page: the shared furniture, one page always (the layout below is sized to fit)."""

    def __init__(self, r: Ringkasan, bahasa: str, tersimulasi: bool, dibuat: date | None, font):
        super().__init__(bahasa, r.nama_kabupaten, judul=teks("rk_briefing_judul", bahasa), dibuat=dibuat,
                         tersimulasi=tersimulasi, font=font, tepi=TEPI)
        self.set_auto_page_break(False)


def _grafik_pilar(pdf: _Briefing, r: Ringkasan, bahasa: str, x0: float, y0: float, w: float, h: float) -> None:
    """Horizontal bars: previous period (grey, thin), this period (blue, value written), target (red tick)."""
    pdf.set_xy(x0, y0)
    pdf.tulis(teks("rk_judul_pilar", bahasa), 9.5, True, x=x0, lebar=w)
    label_w, kanan = 36.0, 10.0
    bx0, bw = x0 + label_w, w - label_w - kanan
    atas = pdf.get_y() + 2
    bawah = y0 + h - 12
    p = r.pilar.reset_index(drop=True)
    baris = (bawah - atas) / len(p)
    pdf.set_line_width(0.1)
    pdf.set_draw_color(225, 228, 232)
    pdf.huruf(6.5, warna=(90, 90, 90))
    for v in range(0, 101, 20):  # grid and axis
        gx = bx0 + bw * v / 100
        pdf.line(gx, atas, gx, bawah)
        pdf.set_xy(gx - 5, bawah + 0.5)
        pdf.cell(10, 3, str(v), align="C")
    for i, row in p.iterrows():
        y = atas + i * baris
        pdf.huruf(7.5, tebal=row["ukuran"] == "indeks")
        pdf.set_xy(x0, y + baris * 0.15)
        pdf.multi_cell(label_w - 1.5, 3.2, pdf.t(row[f"nama_{bahasa}"]), align="R", new_x="LMARGIN", new_y="NEXT")
        if row["skor_lalu"] == row["skor_lalu"]:
            pdf.set_fill_color(*ABU)
            pdf.rect(bx0, y + baris * 0.12, bw * float(row["skor_lalu"]) / 100, baris * 0.28, style="F")
        tx = bx0 + bw * float(row["target"]) / 100  # the target first: the value is written over it
        pdf.set_draw_color(*MERAH)
        pdf.set_line_width(0.6)
        pdf.line(tx, y + baris * 0.05, tx, y + baris * 0.92)
        pdf.set_line_width(0.1)
        pdf.set_draw_color(225, 228, 232)
        if row["skor"] == row["skor"]:
            lebar = bw * float(row["skor"]) / 100
            pdf.set_fill_color(*BIRU)
            pdf.rect(bx0, y + baris * 0.42, lebar, baris * 0.42, style="F")
            pdf.huruf(7.5, True)
            pdf.set_xy(bx0 + lebar + 0.8, y + baris * 0.42)
            pdf.set_fill_color(255, 255, 255)
            pdf.cell(pdf.get_string_width(angka(row["skor"], 1, bahasa)) + 1, baris * 0.42,
                     pdf.t(angka(row["skor"], 1, bahasa)), fill=True)
        else:
            pdf.huruf(7, True, MERAH)
            pdf.set_xy(bx0 + 1, y + baris * 0.42)
            pdf.cell(40, baris * 0.42, pdf.t(teks("rk_data_tidak_cukup", bahasa)))
    ly = y0 + h - 5  # legend
    for j, (warna, label) in enumerate(((ABU, nama_periode(r.periode_lalu, bahasa)),
                                        (BIRU, nama_periode(r.periode, bahasa)), (MERAH, teks("rk_target", bahasa)))):
        lx = x0 + 2 + j * (w - 4) / 3
        pdf.set_fill_color(*warna)
        pdf.rect(lx, ly + 0.6, 4, 2.4, style="F")
        pdf.huruf(6.5)
        pdf.set_xy(lx + 5, ly)
        pdf.cell(25, 3.6, pdf.t(label))


def _peta(pdf: _Briefing, r: Ringkasan, gdf: gpd.GeoDataFrame | None, bahasa: str, x0: float, y0: float,
          w: float, h: float) -> None:
    """Kecamatan polygons coloured by the index on the page's scale (0–100), with a legend."""
    from indicators.tampilan.peta import geojson_ringkas

    pdf.set_xy(x0, y0)
    pdf.tulis(teks("rk_judul_peta", bahasa), 9.5, True, x=x0, lebar=w)
    if gdf is None or gdf.empty:
        pdf.tulis(teks("rk_peta_tidak_ada", bahasa), 8, x=x0, lebar=w)
        return
    geom = geojson_ringkas(gdf)
    nilai = r.kecamatan.set_index("kode_wilayah")["indeks"]
    x1, y1, x2, y2 = gdf.total_bounds
    kx = math.cos(math.radians((y1 + y2) / 2))  # equirectangular: east-west shrinks with latitude
    atas = pdf.get_y() + 2
    area_w, area_h = w, y0 + h - 16 - atas
    skala = min(area_w / max((x2 - x1) * kx, 1e-9), area_h / max(y2 - y1, 1e-9))
    ox = x0 + (area_w - (x2 - x1) * kx * skala) / 2
    oy = atas + (area_h - (y2 - y1) * skala) / 2
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.2)
    for kode, g in geom.items():
        pdf.set_fill_color(*warna_skor(float(nilai.get(kode, np.nan))))
        for cincin in _cincin(g):
            titik = [(ox + (lon - x1) * kx * skala, oy + (y2 - lat) * skala) for lon, lat in cincin]
            if len(titik) >= 3:
                pdf.polygon(titik, style="DF")
    ly = y0 + h - 12  # legend: 0–100 gradient and the no-data swatch
    for j in range(50):
        pdf.set_fill_color(*warna_skor(j * 2 + 1))
        pdf.rect(x0 + j * 1.2, ly, 1.25, 3, style="F")
    pdf.huruf(6.5)
    for v in (0, 50, 100):
        pdf.set_xy(x0 + v * 0.6 - 4, ly + 3.2)
        pdf.cell(8, 3, str(v), align="C")
    pdf.set_fill_color(*TANPA_DATA)
    pdf.rect(x0 + 66, ly, 4, 3, style="F")
    pdf.set_xy(x0 + 71, ly - 0.3)
    pdf.cell(w - 71, 3.6, pdf.t(teks("rk_data_tidak_cukup", bahasa)))
    if gdf.attrs.get("skematis") or ("geometri_skematis" in gdf and bool(gdf["geometri_skematis"].any())):
        pdf.set_xy(x0, ly + 7)
        pdf.huruf(6.5, warna=(120, 120, 120))
        pdf.multi_cell(w, 3, pdf.t(teks("batas_skematis", bahasa)), new_x="LMARGIN", new_y="NEXT")


def _tabel_kecamatan(pdf: _Briefing, judul: str, df: pd.DataFrame, bahasa: str, x0: float, y0: float, w: float):
    pdf.set_xy(x0, y0)
    pdf.tulis(judul, 9, True, x=x0, lebar=w)
    pdf.huruf(7.5)
    for _, row in df.iterrows():
        pdf.set_x(x0)
        selisih = row.get("selisih", np.nan)
        perubahan = "" if selisih != selisih else f" ({format_selisih(selisih, bahasa)})"
        pdf.cell(8, 4.2, pdf.t(f"{row['peringkat']}."))
        pdf.cell(w - 40, 4.2, pdf.sebaris(row["nama"], w - 41))
        pdf.cell(32, 4.2, pdf.t(angka(row["indeks"], 1, bahasa) + perubahan), align="R", new_x="LMARGIN",
                 new_y="NEXT")


def briefing_pdf(r: Ringkasan, bahasa: str = "id", batas_kecamatan: gpd.GeoDataFrame | None = None,
                 tersimulasi: bool = False, dibuat: date | None = None,
                 font: tuple[str, str] | bool | None = True) -> bytes:
    """The briefing as PDF bytes (one A4 page).

    ``dibuat`` is the date printed and the PDF's creation date (same input, same bytes); ``font``
    ``True`` looks for a Unicode font, ``False``/``None`` forces the Latin-1 core font, a pair of
    paths (regular, bold) uses those.
    """
    pdf = _Briefing(r, bahasa, tersimulasi, dibuat, font)
    judul = teks("rk_briefing_judul", bahasa)
    periode = nama_periode(r.periode, bahasa)
    pdf.set_subject(pdf.t(f"{r.nama_kabupaten} · {periode}"))
    pdf.add_page()
    lebar = LEBAR_HALAMAN - 2 * TEPI

    pdf.tulis(judul, 16, True, 7.5)
    pdf.tulis(f"{r.nama_kabupaten} ({r.kode_kabupaten}) · {periode}", 12.5, True, 6.5, maks_baris=2)
    if tersimulasi:
        pdf.ln(1)
        pdf.set_fill_color(253, 236, 234)
        pdf.tulis(teks("rk_briefing_tersimulasi", bahasa), 9, True, 5.5, MERAH, lebar, fill=True)

    # the headline: index, maturity, change, coverage
    pdf.ln(2)
    y = pdf.get_y()
    kab = r.kabupaten.iloc[0]
    ada = kab["indeks"] == kab["indeks"]
    pdf.huruf(9, True, (90, 90, 90))
    pdf.cell(60, 5, pdf.t(teks("rk_indeks_kabupaten", bahasa)), new_x="LMARGIN", new_y="NEXT")
    pdf.huruf(26 if ada else 14, True, BIRU)
    pdf.cell(60, 12, pdf.t(angka(kab["indeks"], 1, bahasa) if ada else teks("rk_data_tidak_cukup", bahasa)))
    pdf.set_xy(TEPI + 62, y)
    pdf.huruf(9, True, (90, 90, 90))
    pdf.cell(60, 5, pdf.t(teks("rk_kematangan", bahasa)))
    pdf.set_xy(TEPI + 62, y + 5.5)
    pdf.huruf(13, True)
    pdf.cell(60, 7, pdf.t(f"{kab[f'kematangan_{bahasa}']} ({kab['kematangan']}/5)" if ada else "–"))
    pdf.set_xy(TEPI + 124, y)
    pdf.huruf(9, True, (90, 90, 90))
    pdf.cell(62, 5, pdf.t(teks("rk_perubahan", bahasa)))
    pdf.set_xy(TEPI + 124, y + 5.5)
    s = r.selisih_indeks
    s1 = round(s, 1) if s == s else s
    pdf.huruf(13, True, (0, 0, 0) if s1 != s1 or s1 == 0 else (MERAH if s1 < 0 else (46, 139, 87)))
    pdf.cell(62, 7, pdf.t("–" if s != s else f"{format_selisih(s, bahasa)} {teks('rk_poin', bahasa)}"))
    pdf.set_xy(TEPI + 62, y + 13)
    pdf.huruf(7.5, warna=(90, 90, 90))
    pdf.cell(124, 4, pdf.t(f"{teks('rk_poin_sejak', bahasa)} {nama_periode(r.periode_lalu, bahasa)} · "
                           f"{teks('rk_cakupan_data', bahasa)} "
                           f"{persen(r.catatan.get('cakupan_desa_total', r.catatan['cakupan']), 0, bahasa)}"))
    pdf.set_y(y + 19)

    # the three things that need a decision
    pdf.tulis(teks("rk_perlu_keputusan", bahasa), 11, True, 6)
    if not r.perhatian:
        pdf.tulis(teks("rk_tanpa_perhatian", bahasa), 9)
    for i, p in enumerate(r.perhatian):
        yy = pdf.get_y()
        pdf.huruf(11, True, BIRU)
        pdf.cell(7, 5.2, f"{i + 1}.")
        pdf.set_xy(TEPI + 7, yy)
        pdf.tulis(p.teks[bahasa], 10.5, tinggi=5.2, lebar=lebar - 7, x=TEPI + 7, maks_baris=MAKS_BARIS_PERNYATAAN)
        pdf.ln(1.5)

    # pillars and map side by side
    y = pdf.get_y() + 2
    kolom = (lebar - 6) / 2
    tinggi = min(118.0, TINGGI_HALAMAN - 78 - y)  # what is left above the tables and the data note
    _grafik_pilar(pdf, r, bahasa, TEPI, y, kolom, tinggi)
    _peta(pdf, r, batas_kecamatan, bahasa, TEPI + kolom + 6, y, kolom, tinggi)

    y += tinggi + 3
    _tabel_kecamatan(pdf, teks("rk_teratas", bahasa), r.teratas.head(3), bahasa, TEPI, y, kolom)
    _tabel_kecamatan(pdf, teks("rk_terbawah", bahasa), r.terbawah.head(3), bahasa, TEPI + kolom + 6, y, kolom)

    # data note
    pdf.set_y(max(pdf.get_y() + 3, y + 22))
    pdf.tulis(teks("rk_catatan_data", bahasa), 8.5, True, 4.5)
    bagian = []
    if tersimulasi:
        bagian.append(teks("rk_catatan_simulasi", bahasa))
    bagian.append(teks("rk_catatan_metode", bahasa))
    n_kec, tanpa = r.catatan["jumlah_kecamatan"], r.catatan["kecamatan_tanpa_indeks"]
    bagian.append(teks("rk_catatan_cakupan", bahasa).format(
        cakupan=persen(r.catatan["cakupan"], 0, bahasa), n=angka(n_kec - tanpa, 0, bahasa),
        total=angka(n_kec, 0, bahasa)))
    if "cakupan_desa" in r.catatan:  # the villages that actually reported, and whether the headline is thin
        bagian.append(kalimat_cakupan(r.catatan["cakupan_desa"], r.periode, bahasa))
        tipis = kalimat_tipis(r.catatan["cakupan_desa"], r.catatan["ambang_tipis_persen"], r.periode, bahasa)
        if tipis:
            bagian.append(tipis)
    if r.catatan["pilar_tanpa_skor"]:
        nama = r.pilar.set_index("ukuran").loc[r.catatan["pilar_tanpa_skor"], f"nama_{bahasa}"]
        bagian.append(teks("rk_catatan_pilar_kosong", bahasa).format(pilar=", ".join(nama.tolist())))
    pdf.tulis(" ".join(bagian), 7, tinggi=3.4, warna=(60, 60, 60))
    if pdf.page_no() != 1:  # pragma: no cover - the layout is sized for one page
        raise RuntimeError("briefing lebih dari satu halaman")
    return bytes(pdf.output())
