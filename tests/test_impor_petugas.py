"""Data officers on real files: column mapping (declared other names, the officer's choice, remembered
next month), warnings by row imported with a flag, imports that add up (demo replaced per dataset,
months replaced, the same file twice changes nothing), coverage that follows what is real, the CLI.

Expected values are worked out from the rows each scenario file holds (tests/berkas_petugas.py)."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from indicators.data import impor, mutu_impor, pemetaan, skema
from indicators.data.gudang import Gudang
from tests import berkas_petugas as bp
from tests.bantu import demo


@pytest.fixture
def gudang(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "dasbor.duckdb"))
    g = Gudang(tmp_path / "dasbor.duckdb")
    yield g
    g.tutup()


@pytest.fixture
def gudang_demo(gudang):
    gudang.pastikan_demo("18.02")
    return gudang


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "indicators", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


# --- declarations --------------------------------------------------------------------------------

def test_sinonim_unik_dan_bukan_nama_kolom_lain():
    for nama, ds in skema.muat_skema().items():
        semua = [pemetaan.normal(s) for k in ds.kolom for s in pemetaan.nama_lain(nama, k)]
        assert len(semua) == len(set(semua)), nama  # one other name reads as one column only
        assert not set(semua) & set(ds.kolom), nama  # never another column's own name
        assert "nik_pemohon" not in semua and "nik" not in semua  # personal ids are never a synonym


# --- column mapping -------------------------------------------------------------------------------

def test_nama_lain_terdaftar_dibaca_kolom_lain_diabaikan_tidak_disimpan(gudang_demo):
    isi, f = bp.smart_netizen_12_baris_6_desa(
        ganti_header={"tanggal_masuk": "tgl_masuk", "id_permohonan": "No. Registrasi"},
        tambah_kolom={"nik_pemohon": "1802010101900001"})
    p = impor.siapkan(isi, "sn_oktober.csv", "18.02", gudang=gudang_demo)
    assert p.dataset_tebakan == "layanan_permohonan" and p.siap
    assert p.peta_kolom["tanggal_masuk"] == "tgl_masuk" and p.peta_kolom["id_permohonan"] == "no_registrasi"
    assert p.kolom_diabaikan == ["nik_pemohon"]
    assert not any("1802010101900001" in c for c in p.catatan)  # a column named, its values never echoed
    impor.jalankan(p, gudang_demo, "petugas1")
    simpan = gudang_demo.baca("layanan_permohonan").set_index("id_permohonan").sort_index()
    harapan = f.set_index("id_permohonan").sort_index()
    assert simpan.index.tolist() == harapan.index.tolist()
    assert (simpan["tanggal_masuk"] == pd.to_datetime(harapan["tanggal_masuk"])).all()
    assert "nik_pemohon" not in simpan.columns and "1802010101900001" not in simpan.to_csv()


def test_kolom_tak_dikenal_petugas_memetakan_lalu_diingat_bulan_depan(gudang_demo, tmp_path):
    header = {"jenis_layanan": "Layanan yang Diminta", "tanggal_masuk": "Waktu Berkas Diterima"}
    isi, _ = bp.smart_netizen_12_baris_6_desa(ganti_header=header)
    with pytest.raises(ValueError, match="tidak dapat dikenali"):
        impor.siapkan(isi, "sn.csv", "18.02", gudang=gudang_demo)  # required columns under unknown names
    p = impor.siapkan(isi, "sn.csv", "18.02", "layanan_permohonan", gudang=gudang_demo)
    assert p.kolom_kurang == ["jenis_layanan", "tanggal_masuk"] and not p.siap
    assert p.galat[["baris", "kolom", "aturan"]].values.tolist() == [
        [1, "jenis_layanan", impor.ATURAN_KOLOM], [1, "tanggal_masuk", impor.ATURAN_KOLOM]]
    with pytest.raises(ValueError, match="belum dipetakan"):
        impor.jalankan(p, gudang_demo)
    peta = {"jenis_layanan": "layanan_yang_diminta", "tanggal_masuk": "waktu_berkas_diterima"}
    p = impor.siapkan(isi, "sn.csv", "18.02", "layanan_permohonan", peta_kolom=peta, gudang=gudang_demo)
    assert p.siap
    impor.jalankan(p, gudang_demo, "petugas1")
    # next month's export of the same system: same header, new rows — recognised and mapped without asking
    isi2, _f2 = bp.smart_netizen_12_baris_6_desa("2026-09", ganti_header=header)
    p2 = impor.siapkan(isi2, "sn_september.csv", "18.02", gudang=gudang_demo)
    assert p2.dataset_tebakan == "layanan_permohonan" and p2.siap
    assert {t: u.cara for t, u in p2.usulan.items() if t in peta} == dict.fromkeys(peta, "tersimpan")
    assert any("pemetaan tersimpan" in c for c in p2.catatan)


def test_kemiripan_hanya_usulan():
    u = pemetaan.usul(["id_permohonan", "kode_wilayah", "jenis_layanan", "kanal", "tgl_masukk", "status"],
                      "layanan_permohonan")
    assert (u["tanggal_masuk"].sumber, u["tanggal_masuk"].cara) == ("tgl_masukk", "mirip")
    assert "tanggal_masuk" not in pemetaan.otomatis(u)
    assert pemetaan.kurang(pemetaan.otomatis(u), "layanan_permohonan") == ["tanggal_masuk"]


def test_cli_map_dan_usulan(gudang_demo, tmp_path):
    isi, _f = bp.smart_netizen_12_baris_6_desa(ganti_header={"tanggal_masuk": "Tgl Masukk"})
    berkas = tmp_path / "smart_netizen_kolom_salah_ketik.csv"
    berkas.write_bytes(isi)
    store = str(gudang_demo.path)
    gudang_demo.tutup()
    r = cli("import", str(berkas), "--dataset", "layanan_permohonan", "--store", store)
    assert r.returncode == 1 and "--map tgl_masukk=tanggal_masuk" in r.stderr and "Traceback" not in r.stderr
    r = cli("import", str(berkas), "--dataset", "layanan_permohonan", "--map", "Tgl Masukk=tanggal_masuk",
            "--store", store)
    assert r.returncode == 0, r.stderr
    assert "rencana: 55.309 baris demo Smart Netizen dihapus" in r.stderr
    assert "rencana: 305 desa tidak punya data bulan itu" in r.stderr
    r = cli("import", str(berkas), "--map", "x=tidak_ada", "--dataset", "layanan_permohonan", "--store", store)
    assert r.returncode == 2 and "bukan kolom dataset layanan_permohonan" in r.stderr
    r = cli("import", str(berkas), "--map", "x=tanggal_masuk", "--store", store)
    assert r.returncode == 2 and "--map memerlukan --dataset" in r.stderr


# --- warnings by row, imported with a flag ---------------------------------------------------------

def test_validate_peringatan_koordinat_per_baris_dan_laporan_xlsx(tmp_path):
    isi, _f = bp.aduan_koordinat_tertukar_dan_di_luar()
    berkas = tmp_path / "aduan_koordinat_tertukar.csv"
    berkas.write_bytes(isi)
    laporan = tmp_path / "laporan.xlsx"
    r = cli("validate", str(berkas), "--report", str(laporan))
    assert r.returncode == 0, r.stderr  # warnings do not refuse the file
    baris = [b for b in r.stderr.splitlines() if b.startswith("peringatan baris")]
    assert baris == [f"peringatan baris 5\tlat+lon\t{mutu_impor.ATURAN_LUAR}\t-6.20000, 106.80000",
                     f"peringatan baris 6\tlat+lon\t{mutu_impor.ATURAN_TERTUKAR}\t105.25000, -4.97000"]
    ws = openpyxl.load_workbook(laporan).active
    isi_lap = [[c.value for c in r] for r in ws.iter_rows()]
    assert isi_lap[0] == ["Jenis", "Baris berkas", "Kolom", "Aturan", "Nilai"]
    assert [r[:3] for r in isi_lap[1:]] == [["peringatan", 5, "lat+lon"], ["peringatan", 6, "lat+lon"]]


def test_peringatan_diimpor_dengan_catatan_mutu(gudang):
    isi, _f = bp.aduan_koordinat_tertukar_dan_di_luar()
    p = impor.siapkan(isi, "aduan.csv", "18.02")
    assert p.siap and len(p.peringatan) == 2
    impor.jalankan(p, gudang)
    m = gudang.catatan_mutu("aduan_jalan")
    assert m[["id_aduan", "catatan_mutu"]].values.tolist() == [["AJ-NYATA-3", "titik di luar kabupaten"],
                                                              ["AJ-NYATA-4", "lintang/bujur tertukar"]]
    # kept as received: the swapped point is stored as written, only flagged
    a = gudang.baca("aduan_jalan").set_index("id_aduan")
    assert (a.loc["AJ-NYATA-4", "lat"], a.loc["AJ-NYATA-4", "lon"]) == (105.25, -4.97)


# --- imports that add up --------------------------------------------------------------------------

def test_impor_12_baris_6_desa_rencana_status_dan_impor_ulang(gudang_demo, tmp_path):
    isi, _f = bp.smart_netizen_12_baris_6_desa()
    n_demo = len(demo()["layanan_permohonan"])
    p = impor.siapkan(isi, "smart_netizen_oktober.csv", "18.02", gudang=gudang_demo)
    r = impor.rencana(p, gudang_demo)
    assert (r.baris, r.baru, r.demo_dihapus, r.ganti_demo) == (12, 12, n_demo, True)
    assert impor.ringkas_rencana(r, "18.02") == [
        f"{n_demo:,} baris demo Smart Netizen dihapus".replace(",", "."),
        "12 baris untuk 6 desa, Oktober 2026, ditambahkan", "305 desa tidak punya data bulan itu"]
    sebelum = gudang_demo.status()["datasets"]["layanan_permohonan"]
    assert sebelum["sumber"] == "tersimulasi" and sebelum["rows"] == n_demo
    impor.jalankan(p, gudang_demo, "petugas1")
    st = gudang_demo.status()
    s = st["datasets"]["layanan_permohonan"]
    assert (s["rows"], s["villages_covered"], s["villages_total"], s["sumber"]) == (12, 6, 311, "nyata")
    assert s["periods"] == {"first": "2026-10", "last": "2026-10", "months": 1}
    assert st["datasets"]["ronda_laporan"]["sumber"] == "tersimulasi"  # simulated rows replaced per dataset only
    assert "layanan_permohonan" not in st["dataset_demo"]
    # the same file again changes nothing, and says so
    versi = gudang_demo.versi()
    p = impor.siapkan(isi, "smart_netizen_oktober.csv", "18.02", gudang=gudang_demo)
    r = impor.rencana(p, gudang_demo)
    assert not r.berubah and impor.ringkas_rencana(r, "18.02") == [
        "Tidak ada yang berubah: 12 baris sama persis dengan yang sudah tersimpan (impor ulang berkas yang sama)."]
    impor.jalankan(p, gudang_demo)
    assert gudang_demo.versi() == versi


def test_bulan_yang_sama_diganti_bulan_baru_ditambah(gudang_demo):
    isi, f = bp.smart_netizen_12_baris_6_desa()
    impor.jalankan(impor.siapkan(isi, "okt.csv", "18.02"), gudang_demo)
    # a corrected October export: two requests dropped, one new; same six villages
    koreksi = pd.concat([f.iloc[2:], f.iloc[[0]].assign(id_permohonan="SN-NYATA-BARU")], ignore_index=True)
    p = impor.siapkan(koreksi.to_csv(index=False).encode(), "okt_koreksi.csv", "18.02")
    r = impor.rencana(p, gudang_demo)
    assert (r.baru, r.sama, r.dihapus, r.demo_dihapus) == (1, 10, 2, 0)
    assert "2 baris bulan yang sama yang tidak ada lagi di berkas dihapus (bulan itu diganti)" in \
        impor.ringkas_rencana(r, "18.02")
    impor.jalankan(p, gudang_demo)
    assert sorted(gudang_demo.baca("layanan_permohonan")["id_permohonan"]) == sorted(koreksi["id_permohonan"])
    # September appended: October untouched
    _isi9, f9 = bp.smart_netizen_12_baris_6_desa("2026-09")
    f9 = f9.assign(id_permohonan=[f"SN-SEP-{i}" for i in range(len(f9))])
    r = impor.jalankan(impor.siapkan(f9.to_csv(index=False).encode(), "sep.csv", "18.02"), gudang_demo)
    assert (r.baru, r.dihapus) == (12, 0)
    assert len(gudang_demo.baca("layanan_permohonan")) == len(koreksi) + 12


def test_cli_status_json_setelah_impor_parsial(gudang_demo, tmp_path):
    isi, _ = bp.smart_netizen_12_baris_6_desa()
    berkas = tmp_path / "smart_netizen_12_baris_6_desa.csv"
    berkas.write_bytes(isi)
    store = str(gudang_demo.path)
    gudang_demo.tutup()
    assert cli("import", str(berkas), "--store", store).returncode == 0
    r = cli("status", "--store", store, "--format", "json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)["datasets"]["layanan_permohonan"]
    assert (s["rows"], s["villages_covered"], s["sumber"]) == (12, 6, "nyata")
    r = cli("import", str(berkas), "--store", store)
    assert r.returncode == 0 and "tidak ada yang berubah" in r.stdout
    teks = cli("status", "--store", store).stdout
    assert "layanan_permohonan\t12\tnyata\t6/311\t2026-10..2026-10 (1)" in teks


# --- templates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("nama", sorted(skema.muat_skema()))
def test_templat_xlsx_terisi_contoh_lolos_impor(nama):
    from indicators.laporan.templat import templat_csv, templat_xlsx

    isi = templat_xlsx(nama, "18.02")
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ds = skema.skema(nama)
    ws = wb["data"]
    assert [c.value for c in ws[1]] == list(ds.kolom)
    dv = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1.strip('"').split(",")
          for v in ws.data_validations.dataValidation}
    harapan = {ws.cell(1, j + 1).column_letter: list(c.nilai) if c.nilai else ["ya", "tidak"]
               for j, c in enumerate(ds.kolom.values()) if c.nilai or c.tipe == "boolean"}
    assert dv == harapan
    kode = wb["kode_wilayah"]
    assert kode.max_row - 1 == (28 if nama == "ruas_jalan" else 311)
    pj = wb["penjelasan_kolom"]
    assert [r[0].value for r in pj.iter_rows(min_row=2)] == list(ds.kolom)
    assert {r[9].value for r in pj.iter_rows(min_row=2)} == {c.deskripsi["id"] for c in ds.kolom.values()}
    # the template with its example row goes through the real import path
    p = impor.siapkan(isi, f"templat_{nama}.xlsx", "18.02", nama)
    assert p.validasi.valid, p.galat
    assert templat_csv(nama).startswith(b"\xef\xbb\xbf") and templat_csv(nama).decode("utf-8-sig").count(";") == \
        len(ds.kolom) - 1
