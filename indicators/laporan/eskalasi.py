"""The escalation pack as files: an XLSX (a summary sheet, then one sheet per section listing its open
complaints) and a PDF (a summary table, then per section its figures, a map of the section's line
with its complaints drawn as vectors, and every open complaint on it).

The tables are :func:`indicators.aduan.eskalasi.tabel_eskalasi` and
:func:`indicators.aduan.eskalasi.daftar_terbuka`; this module only writes them.
"""
from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import pandas as pd

from indicators.aduan.eskalasi import judul_kolom
from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.laporan import ekspor
from indicators.laporan.pdf import TEPI, Dokumen

_TAK_BOLEH_LEMBAR = re.compile(r"[\[\]:*?/\\]")


def _nama_lembar(nama: str, dipakai: set[str]) -> str:
    r"""An Excel sheet name (≤ 31 characters, none of ``[]:*?/\``), unique in the workbook."""
    dasar = _TAK_BOLEH_LEMBAR.sub(" ", str(nama)).strip() or "ruas"
    calon, i = dasar[:31], 2
    while calon.lower() in dipakai:
        akhir = f" ({i})"
        calon, i = dasar[: 31 - len(akhir)] + akhir, i + 1
    dipakai.add(calon.lower())
    return calon


def _tabel_terbuka(terbuka: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    from indicators.aduan.aturan import judul_kolom as judul_aduan

    t = terbuka.drop(columns=["nama_ruas"]).copy()
    t["waktu_lapor"] = pd.to_datetime(t["waktu_lapor"])
    return t.rename(columns=judul_aduan(t.columns, bahasa))


def ke_xlsx(tabel: pd.DataFrame, nama_kabupaten: str, bahasa: str = "id",
            terbuka: pd.DataFrame | None = None) -> bytes:
    """The pack as XLSX: the summary sheet (one row per section, headers in the reader's language,
    formula-safe), then — with ``terbuka`` (:func:`~indicators.aduan.eskalasi.daftar_terbuka`) — one
    sheet per section listing every open complaint on it (id, date, age, severity, damage type,
    coordinates, km from the section's start, village)."""
    t = tabel.copy()
    for k in ("umur_median_hari", "umur_maks_hari", "kemantapan_persen", "aduan_per_10km", "panjang_km",
              "rusak_berat_km"):
        t[k] = t[k].round(1)
    t.insert(0, "kabupaten", nama_kabupaten)
    judul = {"kabupaten": teks("kabupaten", bahasa), **judul_kolom(bahasa)}
    if terbuka is None:
        return ekspor.ke_xlsx(t.rename(columns=judul), nama_lembar=teks("eskalasi_lembar", bahasa))
    dipakai: set[str] = set()
    lembar = [ekspor.Lembar(_nama_lembar(teks("eskalasi_lembar_ringkasan", bahasa), dipakai),
                            t.rename(columns=judul))]
    for nama in tabel["nama_ruas"]:
        satu = terbuka[terbuka["nama_ruas"].astype(str) == str(nama)]
        lembar.append(ekspor.Lembar(_nama_lembar(nama, dipakai), _tabel_terbuka(satu, bahasa)))
    return ekspor.ke_xlsx_buku(lembar)


# --- PDF ------------------------------------------------------------------------------------------

def _angka(x, desimal: int, bahasa: str) -> str:
    return fmt.angka(x, desimal, bahasa)


def _proyeksi(batas_luar, kotak):
    """lon/lat → page mm inside ``kotak`` (x, y, w, h), equirectangular, aspect kept."""
    x0, y0, x1, y1 = batas_luar
    bx, by, bw, bh = kotak
    kx = math.cos(math.radians((y0 + y1) / 2))
    skala = min(bw / max((x1 - x0) * kx, 1e-9), bh / max(y1 - y0, 1e-9))
    ox = bx + (bw - (x1 - x0) * kx * skala) / 2
    oy = by + (bh - (y1 - y0) * skala) / 2

    def ke_mm(lon, lat):
        return ox + (np.asarray(lon) - x0) * kx * skala, oy + (y1 - np.asarray(lat)) * skala
    return ke_mm


def _gambar_peta(pdf, kec, titik: pd.DataFrame, kode_terdampak: set[str], kotak) -> None:
    """Kecamatan outlines (affected ones shaded) and complaint points: open red, closed grey."""
    import shapely

    ke_mm = _proyeksi(kec.total_bounds, kotak)
    x0, y0, x1, y1 = kec.total_bounds
    ringkas = shapely.simplify(np.asarray(kec.geometry.array, dtype=object), max(x1 - x0, y1 - y0) / 400)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(140, 140, 140)
    for kode, geom in zip(kec["kode_wilayah"], ringkas, strict=True):
        for bagian in getattr(geom, "geoms", [geom]):
            if bagian.is_empty or bagian.geom_type != "Polygon":
                continue
            xy = np.asarray(bagian.exterior.coords)
            px, py = ke_mm(xy[:, 0], xy[:, 1])
            terdampak = kode in kode_terdampak
            pdf.set_fill_color(*((255, 229, 204) if terdampak else (245, 245, 245)))
            pdf.polygon(list(zip(px.tolist(), py.tolist(), strict=True)), style="DF")
    ok = titik["titik_masalah"] == "" if "titik_masalah" in titik else pd.Series(True, index=titik.index)
    t = titik[ok]
    for buka, warna in ((False, (150, 150, 150)), (True, (214, 39, 40))):
        b = t[t["terbuka"] == buka]
        px, py = ke_mm(b["lon"].astype(float).to_numpy(), b["lat"].astype(float).to_numpy())
        pdf.set_fill_color(*warna)
        for x, y in zip(px, py, strict=True):
            pdf.circle(float(x), float(y), 0.7, style="F")


def _gambar_ruas(pdf, kec, seg, titik: pd.DataFrame, kotak, bahasa: str) -> None:
    """The section's own map: its stored line (orange, vector), the complaints on it (open red, closed
    grey), the kecamatan outlines around it clipped to the frame, and the km at the start and the end."""
    import shapely

    pakai = titik[(titik["titik_masalah"] == "") if "titik_masalah" in titik else slice(None)]
    lon = pd.to_numeric(pakai["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(pakai["lat"], errors="coerce").to_numpy(float)
    x0, y0, x1, y1 = seg.total_bounds
    if len(lon) and np.isfinite(lon).any():
        x0, x1 = min(x0, np.nanmin(lon)), max(x1, np.nanmax(lon))
        y0, y1 = min(y0, np.nanmin(lat)), max(y1, np.nanmax(lat))
    tepi = max(x1 - x0, y1 - y0, 0.01) * 0.08
    luar = (x0 - tepi, y0 - tepi, x1 + tepi, y1 + tepi)
    ke_mm = _proyeksi(luar, kotak)
    bx, by, bw, bh = kotak
    pdf.set_draw_color(120, 120, 120)
    pdf.set_line_width(0.2)
    pdf.rect(bx, by, bw, bh)
    with pdf.rect_clip(bx, by, bw, bh):
        dekat = kec[kec.intersects(shapely.box(*luar))]
        ringkas = shapely.simplify(np.asarray(dekat.geometry.array, dtype=object), (luar[2] - luar[0]) / 500)
        pdf.set_draw_color(170, 170, 170)
        for geom in ringkas:
            for bagian in getattr(geom, "geoms", [geom]):
                if bagian.is_empty or bagian.geom_type != "Polygon":
                    continue
                xy = np.asarray(bagian.exterior.coords)
                px, py = ke_mm(xy[:, 0], xy[:, 1])
                pdf.set_fill_color(248, 248, 248)
                pdf.polygon(list(zip(px.tolist(), py.tolist(), strict=True)), style="DF")
        pdf.set_draw_color(255, 127, 14)
        pdf.set_line_width(1.1)
        for g in seg.sort_values("id_ruas", kind="stable").geometry:
            for bagian in getattr(g, "geoms", [g]):
                xy = np.asarray(bagian.coords)
                px, py = ke_mm(xy[:, 0], xy[:, 1])
                pdf.polyline(list(zip(px.tolist(), py.tolist(), strict=True)))
        pdf.set_line_width(0.2)
        for buka, warna in ((False, (150, 150, 150)), (True, (214, 39, 40))):
            b = pakai["terbuka"].to_numpy(bool) == buka
            px, py = ke_mm(lon[b], lat[b])
            pdf.set_fill_color(*warna)
            for x, y in zip(px, py, strict=True):
                if np.isfinite(x) and np.isfinite(y):
                    pdf.circle(float(x), float(y), 0.8, style="F")
    urut = seg.sort_values("id_ruas", kind="stable")
    awal = np.asarray(shapely.get_coordinates(urut.geometry.iloc[0]))[0]
    akhir = np.asarray(shapely.get_coordinates(urut.geometry.iloc[-1]))[-1]
    km = float(pd.to_numeric(urut["panjang_km"], errors="coerce").sum())
    pdf.set_fill_color(0, 0, 0)
    for (lo, la), label in ((awal, "0 km"), (akhir, f"{fmt.angka(km, 1, bahasa)} km")):
        x, y = ke_mm(lo, la)
        pdf.rect(float(x) - 1, float(y) - 1, 2, 2, style="F")
        pdf.huruf(7, True)
        pdf.text(float(x) + 1.5, float(y) - 1.5, pdf.t(label))


def _daftar_terbuka_pdf(pdf: Dokumen, satu: pd.DataFrame, bahasa: str) -> None:
    """Every open complaint of one section as a table that continues over pages."""
    from indicators.aduan.aturan import judul_kolom as judul_aduan
    from indicators.aduan.aturan import label_kategori

    kol = ["id_aduan", "waktu_lapor", "umur_hari", "tingkat", "jenis_kerusakan", "lat", "lon", "km_dari_awal",
           "nama_desa"]
    judul = judul_aduan(kol, bahasa)
    tk, jenis = label_kategori("tingkat", bahasa), label_kategori("jenis_kerusakan", bahasa)
    baris = [[r.id_aduan, fmt.tanggal(r.waktu_lapor, bahasa), _angka(r.umur_hari, 0, bahasa),
              tk.get(str(r.tingkat), str(r.tingkat)), jenis.get(str(r.jenis_kerusakan), str(r.jenis_kerusakan)),
              _angka(r.lat, 5, bahasa), _angka(r.lon, 5, bahasa), _angka(r.km_dari_awal, 2, bahasa),
              r.nama_desa if isinstance(r.nama_desa, str) else "–"] for r in satu.itertuples(index=False)]
    pdf.tabel([judul[k] for k in kol], baris, (34, 24, 18, 20, 36, 24, 24, 22, 71), 7.5,
              ("LEFT", "LEFT", "RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))


def _tabel_ringkas(pdf: Dokumen, tabel: pd.DataFrame, bahasa: str) -> None:
    """One row per section; long names are wrapped and cut with "…" (a row never outgrows the page)."""
    kol = ["nama_ruas", "kecamatan", "panjang_km", "kemantapan_persen", "aduan", "terbuka", "terbuka_berat",
           "terlambat", "bukan_kewenangan", "umur_median_hari"]
    judul = judul_kolom(bahasa)
    baris = [[r.nama_ruas, r.kecamatan, _angka(r.panjang_km, 1, bahasa), fmt.persen(r.kemantapan_persen, 1, bahasa),
              _angka(r.aduan, 0, bahasa), _angka(r.terbuka, 0, bahasa), _angka(r.terbuka_berat, 0, bahasa),
              _angka(r.terlambat, 0, bahasa), _angka(r.bukan_kewenangan, 0, bahasa),
              _angka(r.umur_median_hari, 0, bahasa)] for r in tabel.itertuples(index=False)]
    pdf.tabel([judul[k] for k in kol], baris, (58, 62, 18, 22, 16, 16, 18, 18, 24, 21), 7.5,
              ("LEFT", "LEFT", *["RIGHT"] * 8))


def ke_pdf(tabel: pd.DataFrame, df: pd.DataFrame, kode_kabupaten: str, bahasa: str = "id",
           keterangan_periode: str = "", tersimulasi: bool = False, dibuat: date | None = None,
           font: tuple[str, str] | bool | None = True, terbuka: pd.DataFrame | None = None,
           ruas: pd.DataFrame | None = None) -> bytes:
    """The pack as PDF (A4 landscape): a summary page, then one page per section with its map.

    ``tabel`` from :func:`tabel_eskalasi`; ``df`` the complaints it was built from (their points
    are drawn); the title names the district, the province and the data date. ``dibuat`` is the
    date in the footer and the PDF's creation date (same input, same bytes); ``font`` as in
    :func:`indicators.laporan.pdf.pilih_font`. With ``ruas`` (the ``ruas_jalan`` dataset) holding the
    section's lines, its map is the section itself (line, complaints, km at both ends); with
    ``terbuka`` (:func:`~indicators.aduan.eskalasi.daftar_terbuka`) every open complaint of the
    section follows its page, whatever the period.
    """
    from indicators.wilayah.batas import batas
    from indicators.wilayah.daftar import nama_wilayah

    if bahasa not in ("id", "en"):
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    kab, prov = nama_wilayah(kode_kabupaten), nama_wilayah(kode_kabupaten.split(".")[0])
    kini = pd.Timestamp(df.attrs["kini"]) if df.attrs.get("kini") else None
    pdf = Dokumen(bahasa, kab, judul=f"{teks('eskalasi_judul', bahasa)} - {kab}", dibuat=dibuat,
                  tersimulasi=tersimulasi, font=font, orientasi="L")
    pdf.add_page()
    pdf.tulis(f"{teks('eskalasi_judul', bahasa)} — {kab}", 15, True, 7, maks_baris=2)
    sub = teks("eskalasi_untuk", bahasa).format(provinsi=prov)
    info = " · ".join(x for x in (keterangan_periode, teks("aduan_data_per", bahasa).format(
        tanggal=fmt.tanggal(kini, bahasa)) if kini is not None else "") if x)
    pdf.tulis(sub, 10, tinggi=5)
    if info:
        pdf.tulis(info, 10, tinggi=5, maks_baris=2)
    pdf.ln(2)
    total = {k: int(tabel[k].sum()) for k in ("aduan", "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan")}
    pdf.tulis(teks("eskalasi_ringkasan", bahasa).format(
        ruas=_angka(len(tabel), 0, bahasa), panjang=_angka(tabel["panjang_km"].sum(), 1, bahasa),
        **{k: _angka(v, 0, bahasa) for k, v in total.items()}), 10, tinggi=5)
    pdf.ln(2)
    _tabel_ringkas(pdf, tabel, bahasa)

    from indicators.wilayah.jalan import jaringan

    kec = batas(kode_kabupaten, "kecamatan")
    net = jaringan(ruas) if ruas is not None else None
    judul = judul_kolom(bahasa)
    for r in tabel.itertuples(index=False):
        pdf.add_page()
        pdf.tulis(r.nama_ruas, 13, True, 6, maks_baris=3)
        pdf.tulis(f"{kab} · {judul['kecamatan']}: {r.kecamatan or '–'}", 9, tinggi=5, maks_baris=2)
        y0 = pdf.get_y() + 2
        baris = [(judul["panjang_km"], _angka(r.panjang_km, 1, bahasa)),
                 (judul["kemantapan_persen"], fmt.persen(r.kemantapan_persen, 1, bahasa)),
                 (judul["rusak_berat_km"], _angka(r.rusak_berat_km, 1, bahasa)),
                 (judul["laporan"], _angka(r.laporan, 0, bahasa)), (judul["aduan"], _angka(r.aduan, 0, bahasa)),
                 (judul["dukungan"], _angka(r.dukungan, 0, bahasa)), (judul["terbuka"], _angka(r.terbuka, 0, bahasa)),
                 (judul["terbuka_berat"], _angka(r.terbuka_berat, 0, bahasa)),
                 (judul["terlambat"], _angka(r.terlambat, 0, bahasa)),
                 (judul["bukan_kewenangan"], _angka(r.bukan_kewenangan, 0, bahasa)),
                 (judul["umur_median_hari"], _angka(r.umur_median_hari, 0, bahasa)),
                 (judul["umur_maks_hari"], _angka(r.umur_maks_hari, 0, bahasa)),
                 (judul["aduan_per_10km"], _angka(r.aduan_per_10km, 1, bahasa)),
                 (judul["laporan_pertama"], fmt.tanggal(r.laporan_pertama, bahasa)),
                 (judul["laporan_terakhir"], fmt.tanggal(r.laporan_terakhir, bahasa))]
        pdf.set_xy(TEPI, y0)
        for label, nilai in baris:
            pdf.set_x(TEPI)
            pdf.huruf(9)
            pdf.cell(62, 5.6, pdf.sebaris(label, 61))
            pdf.huruf(9, True)
            pdf.cell(30, 5.6, pdf.t(nilai), align="R", new_x="LMARGIN", new_y="NEXT")
        titik = df[(df["nama_ruas"].astype(str) == r.nama_ruas)]
        satu = terbuka[terbuka["nama_ruas"].astype(str) == r.nama_ruas] if terbuka is not None else None
        if satu is not None:  # every open complaint is drawn, also those reported before the period
            lama = satu[~satu["id_aduan"].isin(titik["id_aduan"])].assign(terbuka=True, titik_masalah="")
            titik = pd.concat([titik, lama[["id_aduan", "lat", "lon", "terbuka", "titik_masalah"]]],
                              ignore_index=True)
        terdampak = set(titik["kode_kecamatan"].dropna().astype(str)) if "kode_kecamatan" in titik else set()
        tinggi_peta = min(150.0, pdf.h - pdf.b_margin - 10 - y0)  # the legend below it stays above the footer
        kotak = (112, y0, pdf.w - TEPI - 112, tinggi_peta)
        seg = net[net["nama_ruas"].astype(str) == r.nama_ruas] if net is not None else None
        if seg is not None and len(seg):
            _gambar_ruas(pdf, kec, seg, titik, kotak, bahasa)
            catatan = teks("eskalasi_legenda_garis", bahasa)
        else:
            _gambar_peta(pdf, kec, titik, terdampak, kotak)
            catatan = teks("eskalasi_legenda_peta", bahasa)
        if kec.attrs.get("skematis"):
            catatan += " " + teks("batas_skematis", bahasa) + "."
        pdf.set_xy(112, y0 + tinggi_peta + 2)
        pdf.tulis(catatan, 7.5, tinggi=4, lebar=pdf.w - TEPI - 112, maks_baris=2)
        if satu is not None:
            pdf.add_page()
            pdf.tulis(r.nama_ruas, 11, True, 5.5, maks_baris=2)
            pdf.tulis(teks("eskalasi_terbuka_judul", bahasa).format(n=_angka(len(satu), 0, bahasa)), 9, tinggi=5)
            pdf.ln(1)
            if len(satu):
                _daftar_terbuka_pdf(pdf, satu, bahasa)
            else:
                pdf.tulis(teks("eskalasi_tanpa_terbuka", bahasa), 9, tinggi=5)
    return bytes(pdf.output())
