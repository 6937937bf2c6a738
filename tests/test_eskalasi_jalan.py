"""Hot spots and escalation on the roads (issue 14, item 5): the period filters what was reported, never
hides what is still open; the pack lists every open complaint with its km on the section; the PDF draws
the section's line; the XLSX has one sheet per section plus the summary; complaints per km per segment."""
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from indicators.aduan import eskalasi, siapan
from indicators.aduan.kondisi import aduan_per_km_ruas
from indicators.data.demo import buat_demo
from indicators.laporan import eskalasi as paket


@pytest.fixture(scope="module")
def data():
    d = buat_demo("18.02", bulan=12, dataset=["ruas_jalan", "aduan_jalan", "aduan_jalan_riwayat"])
    semua = siapan.siapkan(d["aduan_jalan"], d["aduan_jalan_riwayat"], "18.02", ruas=d["ruas_jalan"])
    return d, semua


def test_periode_tidak_menyembunyikan_aduan_terbuka(data):
    d, semua = data
    tiga = siapan.saring(semua, siapan.Saringan(periode="3b"))
    prov = semua[semua["terbuka"] & (semua["status_jalan"] == "provinsi")]
    lama = prov[~prov["id_aduan"].isin(tiga["id_aduan"])]
    assert len(lama) > 20  # the case matters: many open complaints were reported before the period
    tanpa = eskalasi.tabel_eskalasi(tiga, d["ruas_jalan"]).set_index("nama_ruas")
    dengan = eskalasi.tabel_eskalasi(tiga, d["ruas_jalan"], semua=semua).set_index("nama_ruas")
    # independently: unique open groups per section in the whole frame
    harap = prov.groupby("nama_ruas")["kelompok"].nunique()
    assert dengan.loc[harap.index, "terbuka"].tolist() == harap.tolist()
    tanpa = tanpa.reindex(dengan.index)
    assert (dengan["terbuka"] >= tanpa["terbuka"]).all() and dengan["terbuka"].sum() > tanpa["terbuka"].sum()
    # what was reported stays the period's
    assert dengan["laporan"].tolist() == tanpa["laporan"].tolist()
    daftar = eskalasi.daftar_terbuka(semua, d["ruas_jalan"])
    assert sorted(daftar["id_aduan"]) == sorted(prov["id_aduan"])
    assert set(lama["id_aduan"]) <= set(daftar["id_aduan"])


def test_km_dari_awal_di_dalam_ruas(data):
    d, semua = data
    daftar = eskalasi.daftar_terbuka(semua, d["ruas_jalan"])
    r = d["ruas_jalan"]
    panjang = r[r["status_jalan"] == "provinsi"].groupby("nama_ruas")["panjang_km"].sum()
    km = daftar.dropna(subset=["km_dari_awal"])
    assert len(km) >= 0.95 * len(daftar)
    assert (km["km_dari_awal"] >= 0).all()
    assert (km["km_dari_awal"] <= km["nama_ruas"].map(panjang) + 0.01).all()
    # within a section the list runs along the road
    for _, g in km.groupby("nama_ruas"):
        assert g["km_dari_awal"].is_monotonic_increasing


def test_pdf_menggambar_garis_ruas_dan_semua_aduan_terbuka(data):
    d, semua = data
    tiga = siapan.saring(semua, siapan.Saringan(periode="3b"))
    p = tiga[tiga["status_jalan"] == "provinsi"]
    tabel = eskalasi.tabel_eskalasi(p, d["ruas_jalan"], semua=semua)
    daftar = eskalasi.daftar_terbuka(semua, d["ruas_jalan"])
    pdf = PdfReader(io.BytesIO(paket.ke_pdf(tabel, p, "18.02", "id", "3 bulan terakhir", True, terbuka=daftar,
                                            ruas=d["ruas_jalan"], font=False)))
    teks = "\n".join(h.extract_text() for h in pdf.pages)
    ruas1 = tabel["nama_ruas"].iloc[0]
    ids = daftar.loc[daftar["nama_ruas"] == ruas1, "id_aduan"]
    assert len(ids) > 5 and all(i in teks for i in ids)
    # the section page draws its line: an orange stroke (fpdf writes the colour as "R G B RG")
    isi = [h.get_contents().get_data() for h in pdf.pages]
    assert any(b"1 0.498 0.0549 RG" in c for c in isi)  # 255, 127, 14
    assert "tersimulasi" in teks.lower()


def test_xlsx_satu_lembar_per_ruas_dan_ringkasan(data):
    d, semua = data
    p = semua[semua["status_jalan"] == "provinsi"]
    tabel = eskalasi.tabel_eskalasi(p, d["ruas_jalan"], semua=semua)
    daftar = eskalasi.daftar_terbuka(semua, d["ruas_jalan"])
    wb = openpyxl.load_workbook(io.BytesIO(paket.ke_xlsx(tabel, "Kabupaten Lampung Tengah", terbuka=daftar)))
    assert wb.sheetnames[0] == "ringkasan" and len(wb.sheetnames) == len(tabel) + 1
    assert wb["ringkasan"].max_row == len(tabel) + 1
    assert all(len(n) <= 31 for n in wb.sheetnames) and len(set(wb.sheetnames)) == len(wb.sheetnames)
    for nama, lembar in zip(tabel["nama_ruas"], wb.sheetnames[1:], strict=True):
        n = int((daftar["nama_ruas"] == nama).sum())
        assert wb[lembar].max_row == n + 1
    kepala = [c.value for c in wb[wb.sheetnames[1]][1]]
    assert {"Nomor aduan", "Km dari awal ruas", "Lintang", "Bujur", "Desa/kelurahan", "Umur (hari)"} <= set(kepala)


def test_aduan_per_km_ruas_menjumlah(data):
    d, semua = data
    per = aduan_per_km_ruas(semua, d["ruas_jalan"])
    assert len(per) == len(d["ruas_jalan"])
    tertambat = semua[semua["id_ruas"].notna()]
    # the groups of a segment summed over segments = groups counted per segment independently
    assert per["aduan"].sum() == tertambat.groupby("id_ruas")["kelompok"].nunique().sum()
    assert np.allclose(per["aduan_per_km"], per["aduan"] / per["panjang_km"])
    assert (per.loc[per["status_jalan"] == "provinsi", "aduan_per_km"].mean()
            > per.loc[per["status_jalan"] == "desa", "aduan_per_km"].mean())
    assert pd.api.types.is_integer_dtype(per["terbuka"])


def test_pdf_setiap_periode_dengan_teks_panjang_berbahaya(data):
    """The escalation pack of every period the page offers, built the page's way, with 2,000-character
    hostile road names and descriptions on the busiest sections: every one builds, on A4, with the text
    written out literally (the old failure: "row … too high … on a single page" for "semua")."""
    d, _ = data
    jahat = ('<img src=x onerror=alert(1)> =HYPERLINK("http://x") ' + "Jalan Padang Ratu – Kalirejo " * 80)[:2000]
    a = d["aduan_jalan"].copy()
    ramai = a.loc[a["status_jalan"] == "provinsi", "nama_ruas"].value_counts().index[:2]
    kena = a["nama_ruas"].isin(ramai)
    a.loc[kena, "deskripsi"] = jahat
    ruas = d["ruas_jalan"].copy()
    ruas.loc[ruas["nama_ruas"] == ramai[0], "nama_ruas"] = jahat
    a.loc[a["nama_ruas"] == ramai[0], "nama_ruas"] = jahat
    semua = siapan.siapkan(a, d["aduan_jalan_riwayat"], "18.02", ruas=ruas)
    for periode in siapan.opsi_periode(semua):
        df = siapan.saring(semua, siapan.Saringan(periode=periode))
        tabel = eskalasi.tabel_eskalasi(df, ruas, semua=semua)
        terbuka = eskalasi.daftar_terbuka(semua, ruas)
        isi = paket.ke_pdf(tabel, df, "18.02", "id", periode, True, terbuka=terbuka, ruas=ruas)
        halaman = PdfReader(io.BytesIO(isi)).pages
        assert len(halaman) >= 2, periode
        ukuran = {tuple(sorted((round(float(h.mediabox.width)), round(float(h.mediabox.height))))) for h in halaman}
        assert ukuran == {(595, 842)}, (periode, ukuran)  # A4 (the pack is landscape)
        teks = " ".join(h.extract_text() for h in halaman)
        assert "<img src=x onerror=alert(1)>" in teks or "…" in teks, periode
