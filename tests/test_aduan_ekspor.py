"""Road complaints leaving the dashboard: Open311 GeoReport v2 mapping and CLI, the escalation pack as XLSX and PDF."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from indicators import cli
from indicators.aduan import eskalasi as aduan_eskalasi
from indicators.aduan import open311 as aduan_open311
from indicators.aduan import siapan as aduan
from indicators.data.gudang import Gudang
from indicators.laporan import eskalasi as paket_eskalasi
from tests.test_aduan import DESA_KALIREJO, KINI, aduan_uji, riwayat_uji

POLA_TELEPON = re.compile(r"(\+62|0)8\d{7,11}")  # docs/mutu.md


def _contoh_open311() -> tuple[pd.DataFrame, pd.DataFrame]:
    a = aduan_uji(
        {"id_aduan": "AJ-1", "waktu_lapor": "2026-10-01 08:00:00", "status": "dikerjakan",
         "waktu_status": "2026-10-10 09:30:00", "deskripsi": "Lubang besar, hubungi 0812-3456-7890 segera",
         "lat": -5.069, "lon": 104.986, "nama_ruas": "Ruas X"},
        {"id_aduan": "AJ-2", "waktu_lapor": "2026-09-01 07:00:00", "status": "selesai",
         "waktu_status": "2026-09-20 10:00:00",
         "status_jalan": "kabupaten", "nama_ruas": "Jalan K", "kode_wilayah": DESA_KALIREJO, "jenis_kerusakan": "retak",
         "tingkat": "sedang", "lat": -5.214, "lon": 104.981},
        {"id_aduan": "AJ-3", "waktu_lapor": "2026-10-05 10:00:00", "status": "diterima", "status_jalan": "desa",
         "nama_ruas": "Jalan D", "lat": 104.986, "lon": -5.069, "tingkat": "ringan"},     # swapped lat/lon
        {"id_aduan": "AJ-4", "waktu_lapor": "2026-10-02 08:00:00", "status": "diterima", "lat": -5.06905,
         "lon": 104.986, "nama_ruas": "Ruas X"},                                 # 5.6 m from AJ-1, a day later
    )
    r = riwayat_uji(("AJ-1", "diterima", "2026-10-01 08:00", "Aduan diterima"),
                    ("AJ-1", "dikerjakan", "2026-10-10 09:30", "Dikerjakan tim, kontak 081234567890"),
                    ("AJ-2", "selesai", "2026-09-20 10:00", "Ditambal"))
    return a, r


def test_pemetaan_open311_dihitung_tangan():
    a, r = _contoh_open311()
    df = aduan.siapkan(a, r, "18.02", kini=KINI)
    p = {x["service_request_id"]: x for x in aduan_open311.ke_open311(df, r, "18.02")}
    assert p["AJ-1"] == {
        "service_request_id": "AJ-1", "status": "open",
        "status_notes": "Dikerjakan. Dikerjakan tim, kontak [nomor disamarkan]",
        "service_name": "Jalan berlubang", "service_code": "lubang",
        "description": "Lubang besar, hubungi [nomor disamarkan] segera",
        "agency_responsible": "Pemerintah Provinsi Lampung", "service_notice": None,
        "requested_datetime": "2026-10-01T08:00:00+07:00", "updated_datetime": "2026-10-10T09:30:00+07:00",
        # provinsi/berat: fixed within 45 days (data/aduan.yaml) → 1 Oct 08:00 + 45 d = 15 Nov 08:00
        "expected_datetime": "2026-11-15T08:00:00+07:00",
        "address": "Ruas X, Desa Purwosari, Kecamatan Padang Ratu", "address_id": None, "zipcode": None,
        "lat": -5.069, "long": 104.986, "media_url": None,
    }
    assert p["AJ-2"]["status"] == "closed" and p["AJ-2"]["expected_datetime"] is None
    assert p["AJ-2"]["agency_responsible"] == "Pemerintah Kabupaten Lampung Tengah"
    assert p["AJ-2"]["status_notes"] == "Selesai. Ditambal" and p["AJ-2"]["service_name"] == "Jalan retak"
    # a village road: the village's own government; a swapped point is not published at a wrong place
    assert p["AJ-3"]["agency_responsible"] == "Pemerintah Desa Purwosari"
    assert p["AJ-3"]["lat"] is None and p["AJ-3"]["long"] is None
    # desa/ringan: 120 days → 5 Oct + 120 d = 2 Feb 2027
    assert p["AJ-3"]["expected_datetime"] == "2027-02-02T10:00:00+07:00"
    assert p["AJ-4"]["status_notes"] == "Diterima. Kemungkinan duplikat dari AJ-1"
    for x in p.values():
        assert aduan_open311.cek_permintaan(x) == [], x
    teks = aduan_open311.ke_json(list(p.values()))
    assert "Siti Rahayu" not in teks and "081234565678" not in teks and not POLA_TELEPON.search(teks)


def test_open311_dalam_bahasa_inggris_dan_zona_waktu_lain():
    a, r = _contoh_open311()
    df = aduan.siapkan(a, r, "18.02", kini=KINI)
    p = aduan_open311.ke_open311(df, r, "18.02", bahasa="en")[0]
    assert p["service_name"] == "Pothole" and p["status_notes"].startswith("In progress")
    assert aduan_open311.zona_waktu("52.02") == "+08:00"  # Lombok Tengah: WITA


def test_validator_open311_menolak_yang_salah():
    benar = dict.fromkeys(aduan_open311.FIELD) | {"service_request_id": "A", "status": "closed",
                                                     "requested_datetime": "2026-10-01T08:00:00+07:00"}
    assert aduan_open311.cek_permintaan(benar) == []
    assert aduan_open311.cek_permintaan(benar | {"status": "diterima"})
    assert aduan_open311.cek_permintaan(benar | {"requested_datetime": "2026-10-01T08:00:00"})  # no zone
    assert aduan_open311.cek_permintaan(benar | {"expected_datetime": "2026-12-01T08:00:00+07:00"})  # closed
    assert aduan_open311.cek_permintaan(benar | {"lat": 105.0})
    assert aduan_open311.cek_permintaan({k: v for k, v in benar.items() if k != "address"})


@pytest.fixture
def gudang_kecil(tmp_path):
    a, r = _contoh_open311()
    g = Gudang(tmp_path / "kecil.duckdb")
    g.impor(a, "aduan_jalan", berkas="aduan.csv")
    g.impor(r, "aduan_jalan_riwayat", berkas="riwayat.csv")
    g.tutup()
    return tmp_path / "kecil.duckdb"


def test_cli_export_open311(gudang_kecil, tmp_path, capsys):
    out = tmp_path / "open311.json"
    assert cli.main(["export", "open311", "--store", str(gudang_kecil), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["service_request_id"] for p in data] == ["AJ-1", "AJ-2", "AJ-3", "AJ-4"]
    assert {p["status"] for p in data} == {"open", "closed"}
    assert all(aduan_open311.cek_permintaan(p) == [] for p in data)
    assert not POLA_TELEPON.search(out.read_text(encoding="utf-8"))
    assert "4 permintaan" in capsys.readouterr().err
    assert cli.main(["export", "open311", "--store", str(gudang_kecil), "--status", "closed"]) == 0
    assert [p["service_request_id"] for p in json.loads(capsys.readouterr().out)] == ["AJ-2"]
    g = Gudang(gudang_kecil)
    assert (g.log_audit()["detail"].str.startswith("open311")).sum() == 2  # every export audited
    g.tutup()


def test_cli_export_open311_sebagai_modul(gudang_kecil):
    p = subprocess.run([sys.executable, "-m", "indicators", "export", "open311", "--store", str(gudang_kecil)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert len(json.loads(p.stdout)) == 4
    p = subprocess.run([sys.executable, "-m", "indicators", "export", "open311", "--status", "pending"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 2 and "invalid choice" in p.stderr


def test_cli_gudang_tanpa_aduan(tmp_path):
    g = Gudang(tmp_path / "kosong.duckdb")
    g.tutup()
    assert cli.main(["export", "open311", "--store", str(tmp_path / "kosong.duckdb")]) == 2


# --- escalation pack ---------------------------------------------------------------------------------

def _contoh_eskalasi():
    ruas = pd.DataFrame({"id_ruas": ["A1", "A2", "B1", "K1"], "nama_ruas": ["Ruas A", "Ruas A", "Ruas B", "Jalan K"],
                         "status_jalan": ["provinsi", "provinsi", "provinsi", "kabupaten"],
                         "panjang_km": [6.0, 4.0, 5.0, 3.0], "kondisi": ["baik", "rusak_berat", "rusak_ringan", "baik"],
                         "kode_wilayah": ["18.02.03", "18.02.03", "18.02.01", "18.02.01"]})
    a = aduan_uji(
        {"nama_ruas": "Ruas A", "waktu_lapor": KINI - pd.Timedelta(days=50), "dukungan": 3},        # open, severe, 50 d
        {"nama_ruas": "Ruas A", "waktu_lapor": KINI - pd.Timedelta(days=49), "lat": -5.0002,  # its duplicate, 22 m
         "dukungan": 1},
        {"nama_ruas": "Ruas A", "waktu_lapor": KINI - pd.Timedelta(days=90), "lat": -5.02, "status": "selesai",
         "tingkat": "sedang", "waktu_status": KINI - pd.Timedelta(days=20)},
        {"nama_ruas": "Ruas B", "waktu_lapor": KINI - pd.Timedelta(days=10), "kode_wilayah": DESA_KALIREJO,
         "status": "bukan_kewenangan", "lat": -5.21, "lon": 104.98},
        {"nama_ruas": "Jalan K", "status_jalan": "kabupaten", "waktu_lapor": KINI - pd.Timedelta(days=5)},
    )
    df = aduan.siapkan(a, None, "18.02", kini=KINI)
    return aduan_eskalasi.tabel_eskalasi(df, ruas), df[df["status_jalan"] == "provinsi"]


def test_tabel_eskalasi_dihitung_tangan():
    t, _ = _contoh_eskalasi()
    assert t["nama_ruas"].tolist() == ["Ruas A", "Ruas B"]  # provincial sections only, most open first
    a, b = t.iloc[0], t.iloc[1]
    # Ruas A: 10 km, 6 km baik → 60 %; 4 km rusak berat; 3 reports, 2 complaints (one duplicate pair)
    assert (a.panjang_km, a.kemantapan_persen, a.rusak_berat_km) == (10.0, 60.0, 4.0)
    assert (a.laporan, a.aduan, a.dukungan, a.terbuka, a.terbuka_berat) == (3, 2, 4, 1, 1)
    # the open pair is 50 days old (its oldest report) > 45-day target for provinsi/berat → overdue
    assert (a.terlambat, a.umur_median_hari, a.umur_maks_hari) == (1, 50.0, 50.0)
    assert a.aduan_per_10km == pytest.approx(2.0) and a.kecamatan == "Padang Ratu"
    # Ruas B: 5 km rusak ringan → 0 %; one report closed by the regency as not its road
    assert (b.kemantapan_persen, b.aduan, b.terbuka, b.bukan_kewenangan, b.kecamatan) == (0.0, 1, 0, 1, "Kalirejo")
    assert pd.isna(b.umur_median_hari)
    with pytest.raises(ValueError, match="kewenangan"):
        aduan_eskalasi.tabel_eskalasi(_contoh_eskalasi()[1], pd.DataFrame(), kewenangan="tol")


def test_eskalasi_xlsx_berjudul_dan_aman_rumus():
    t, _ = _contoh_eskalasi()
    t.loc[1, "nama_ruas"] = '=HYPERLINK("http://x","klik")'
    ws = openpyxl.load_workbook(io.BytesIO(paket_eskalasi.ke_xlsx(t, "Kabupaten Lampung Tengah"))).active
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][:4] == ("Kabupaten/kota", "Ruas jalan", "Kecamatan terdampak", "Panjang (km)")
    assert baris[1][:5] == ("Kabupaten Lampung Tengah", "Ruas A", "Padang Ratu", 10.0, 60.0)
    assert ws.cell(row=3, column=2).data_type == "s" and ws.cell(row=3, column=2).value.startswith("=HYPERLINK")
    assert ws.title == "eskalasi"


def test_eskalasi_pdf_memuat_kabupaten_dan_angka():
    t, df = _contoh_eskalasi()
    pdf = paket_eskalasi.ke_pdf(t, df, "18.02", "id", keterangan_periode="12 bulan terakhir", tersimulasi=True)
    baca = PdfReader(io.BytesIO(pdf))
    assert len(baca.pages) == 3  # summary, Ruas A, Ruas B
    teks = [" ".join(p.extract_text().split()) for p in baca.pages]
    assert "Paket eskalasi jalan provinsi — Kabupaten Lampung Tengah" in teks[0]
    assert "Pemerintah Provinsi Lampung" in teks[0] and "Data tersimulasi" in teks[0]
    assert "Data per 31 Oktober 2026" in teks[0] and "12 bulan terakhir" in teks[0]
    # 2 sections, 15 km; 3 complaints, 1 open (1 severe), 1 overdue, 1 closed as not our road
    assert ("2 ruas jalan provinsi (15,0 km tercatat): 3 aduan warga, 1 masih terbuka (1 rusak berat), "
            "1 melewati target layanan, 1 laporan ditutup kabupaten sebagai bukan kewenangannya.") in teks[0]
    assert "Ruas A" in teks[1] and "60,0%" in teks[1] and "10,0" in teks[1] and "Padang Ratu" in teks[1]
    assert "Kabupaten Lampung Tengah" in teks[1] and "2 Agustus 2026" in teks[1]  # first report: 90 days before 31 Oct
    assert "Ruas B" in teks[2] and "Kalirejo" in teks[2]
    en = PdfReader(io.BytesIO(paket_eskalasi.ke_pdf(t, df, "18.02", "en"))).pages[0].extract_text()
    assert "Escalation pack" in en and "Lampung Tengah" in en
    with pytest.raises(ValueError, match="bahasa"):
        paket_eskalasi.ke_pdf(t, df, "18.02", "fr")


def test_eskalasi_demo_lengkap():
    from tests.bantu import demo

    d = demo()
    df = aduan.siapkan(d["aduan_jalan"], d["aduan_jalan_riwayat"], "18.02")
    t = aduan_eskalasi.tabel_eskalasi(df, d["ruas_jalan"])
    prov = df[df["status_jalan"] == "provinsi"]
    # every provincial report and complaint is in the pack exactly once
    assert t["laporan"].sum() == len(prov) and t["aduan"].sum() == prov["kelompok"].nunique()
    # the corridors the regent named lead the pack (the demo concentrates complaints on them)
    assert set(t["nama_ruas"].head(5)) == {
        "Ruas Provinsi Padang Ratu – Kalirejo", "Ruas Provinsi Wates – Metro", "Ruas Provinsi Bekri – Gunung Sugih",
        "Ruas Provinsi Pubian – Selagai Lingga", "Ruas Provinsi Kota Gajah – Bandar Surabaya"}
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(paket_eskalasi.ke_pdf(t, prov, "18.02"))).pages)
    assert "Padang Ratu – Kalirejo" in teks and not POLA_TELEPON.search(teks)
