"""Indonesian and spreadsheet formats (issue 13) imported with the source's values, or refused naming
the column: fixtures generated here from the demo's typed rows, which are also the expected values."""
from __future__ import annotations

import io
import time

import openpyxl
import pandas as pd
import pytest

from indicators.data import berkas, berkas_xlsx, impor, skema
from indicators.data.gudang import Gudang
from indicators.laporan import ekspor
from tests.bantu import demo, ke_teks
from tests.test_berkas_buruk import cli_dalam_proses  # noqa: F401 — a fixture


def _xlsx(lembar: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, baris in lembar.items():
        ws = wb.create_sheet(nama)
        for r in baris:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _impor_dan_baca(tmp_path, isi: bytes, nama: str, dataset: str, **kw) -> tuple[impor.Persiapan, pd.DataFrame]:
    p = impor.siapkan(isi, nama, "18.02", **kw)
    assert p.dataset == dataset and p.siap, p.galat.to_dict("records")
    g = Gudang(tmp_path / f"{dataset}.duckdb")
    impor.jalankan(p, g)
    tersimpan = g.baca(dataset)
    g.tutup()
    return p, tersimpan


def _sama(tersimpan: pd.DataFrame, harap: pd.DataFrame, dataset: str) -> None:
    kunci = list(skema.skema(dataset).kunci)
    a = tersimpan.sort_values(kunci, ignore_index=True)
    b = skema.ketik(harap, dataset).sort_values(kunci, ignore_index=True)
    pd.testing.assert_frame_equal(a, b)


def test_smart_netizen_titik_koma_bom_tanggal_dd_mm_yyyy(tmp_path):
    """smart_netizen_semicolon_decimal_comma.csv: ';', UTF-8 BOM, dd/mm/yyyy hh:mm (Indonesian Excel)."""
    asli = demo()["layanan_permohonan"].head(40).copy()
    for k in ("tanggal_masuk", "tanggal_selesai"):
        asli[k] = asli[k].dt.floor("min")  # the file writes minutes: that is what it holds
    df = ke_teks(asli)
    for k in ("tanggal_masuk", "tanggal_selesai"):
        df[k] = [pd.Timestamp(v).strftime("%d/%m/%Y %H:%M") if v else "" for v in df[k]]
    isi = df.to_csv(index=False, sep=";").encode("utf-8-sig")
    p, tersimpan = _impor_dan_baca(tmp_path, isi, "smart_netizen_semicolon_decimal_comma.csv", "layanan_permohonan")
    _sama(tersimpan, asli, "layanan_permohonan")
    assert p.catatan[0] == "dibaca sebagai CSV, encoding UTF-8 dengan BOM, pemisah titik koma (;)"
    assert "kolom tanggal_masuk dibaca sebagai dd/mm/yyyy hh:mm" in p.catatan


def test_ronda_titik_koma_koma_desimal_nama_bulan(tmp_path):
    asli = demo()["ronda_laporan"].head(30).copy()
    asli["waktu"] = asli["waktu"].dt.floor("min")
    df = ke_teks(asli)
    bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
    df["waktu"] = [f"{t.day} {bulan[t.month - 1]} {t.year} {t:%H:%M}" for t in asli["waktu"]]
    df["waktu_respon_menit"] = df["waktu_respon_menit"].str.replace(".", ",", regex=False)
    isi = df.to_csv(index=False, sep=";").encode("cp1252")
    p, tersimpan = _impor_dan_baca(tmp_path, isi, "ronda_semicolon_decimal_comma.csv", "ronda_laporan")
    _sama(tersimpan, asli, "ronda_laporan")
    assert "kolom waktu dibaca sebagai tanggal dengan nama bulan hh:mm" in p.catatan


def test_aduan_tanggal_dd_mm_yyyy_xlsx_dengan_sel_tanggal_asli(tmp_path):
    """aduan_tanggal_dd_mm_yyyy.xlsx: waktu_lapor typed as text dd/mm/yyyy, waktu_status as date cells."""
    asli = demo()["aduan_jalan"].head(25)
    df = ke_teks(asli)
    baris = [list(df.columns)]
    for i, r in df.iterrows():
        sel = [r[k] for k in df.columns]
        sel[df.columns.get_loc("waktu_lapor")] = asli["waktu_lapor"].iloc[i].strftime("%d/%m/%Y %H:%M:%S")
        sel[df.columns.get_loc("waktu_status")] = asli["waktu_status"].iloc[i].to_pydatetime()
        sel[df.columns.get_loc("lat")] = float(asli["lat"].iloc[i])
        sel[df.columns.get_loc("lon")] = float(asli["lon"].iloc[i])
        sel[df.columns.get_loc("dukungan")] = int(asli["dukungan"].iloc[i])
        baris.append(sel)
    p, tersimpan = _impor_dan_baca(tmp_path, _xlsx({"Aduan": baris}), "aduan_tanggal_dd_mm_yyyy.xlsx", "aduan_jalan")
    _sama(tersimpan, asli, "aduan_jalan")
    assert "kolom waktu_lapor dibaca sebagai dd/mm/yyyy hh:mm" in p.catatan


def _dua_lembar() -> tuple[bytes, pd.DataFrame]:
    asli = demo()["program"].head(6)
    df = ke_teks(asli)
    data = [["Daftar Program Smart City Kabupaten Lampung Tengah"], ["Keadaan Oktober 2026"], [], list(df.columns)]
    for i in range(len(df)):
        r = [df.iat[i, j] for j in range(df.shape[1])]
        for k in ("tahun_mulai", "tahun_selesai"):
            r[df.columns.get_loc(k)] = int(asli[k].iloc[i])
        r[df.columns.get_loc("anggaran")] = float(asli["anggaran"].iloc[i])
        data.append(r)
    petunjuk = [["Petunjuk pengisian"], ["Isi satu baris per program."], ["Anggaran dalam rupiah."]]
    return _xlsx({"Petunjuk": petunjuk, "Program": data}), asli


def test_program_dua_lembar_judul_di_atas(tmp_path):
    """program_dua_sheet_judul_di_atas.xlsx: the first sheet is notes, the data sit below two title rows."""
    isi, asli = _dua_lembar()
    p, tersimpan = _impor_dan_baca(tmp_path, isi, "program_dua_sheet_judul_di_atas.xlsx", "program")
    _sama(tersimpan, asli, "program")
    assert p.lembar == "Program" and p.daftar_lembar == ["Petunjuk", "Program"]
    assert p.catatan[:2] == ["dibaca dari lembar 'Program' (lembar lain: Petunjuk)",
                             "kepala kolom di baris 4; baris 1–3 (judul) dilewati"]
    assert impor.siapkan(isi, "p.xlsx", "18.02", lembar=2).siap
    with pytest.raises(ValueError, match="lembar 'Data' tidak ada; lembar dalam berkas: Petunjuk, Program"):
        impor.siapkan(isi, "p.xlsx", "18.02", lembar="Data")


def test_cli_import_sheet(tmp_path, capsys, cli_dalam_proses):  # noqa: F811 — the fixture
    main = cli_dalam_proses
    isi, _ = _dua_lembar()
    f = tmp_path / "program_dua_sheet_judul_di_atas.xlsx"
    f.write_bytes(isi)
    store = tmp_path / "cli.duckdb"
    assert main(["import", str(f), "--sheet", "Program", "--store", str(store)]) == 0
    assert "diimpor 6 baris ke program: 6 baru" in capsys.readouterr().out
    assert main(["validate", str(f), "--sheet", "Petunjuk"]) == 2
    assert capsys.readouterr().err.startswith("galat: dataset tidak dapat dikenali")


@pytest.mark.parametrize(("kodek", "nama_kodek"), [
    ("utf-16", "UTF-16 LE dengan BOM"), ("utf-16-be", "UTF-16 BE tanpa BOM"), ("cp1252", "Windows-1252"),
    ("utf-8-sig", "UTF-8 dengan BOM")])
def test_encoding_dikenali_dan_disebut(tmp_path, kodek, nama_kodek):
    asli = demo()["program"].head(4).copy()
    asli["nama"] = ["Pelatihan kafé desa", "Jalan « mulus »", "Pasar rakyat – tahap 2", "Posyandu digital"]
    isi = ke_teks(asli).to_csv(index=False).encode(kodek)
    p, tersimpan = _impor_dan_baca(tmp_path, isi, "program.csv", "program")
    _sama(tersimpan, asli, "program")
    assert p.catatan[0] == f"dibaca sebagai CSV, encoding {nama_kodek}, pemisah koma (,)"


def test_nomor_seri_tanggal_excel():
    df = ke_teks(demo()["layanan_permohonan"].head(2))
    df["tanggal_masuk"] = ["46296.5", "46297"]   # 2026-10-01 12:00 and 2026-10-02 (by hand from 1899-12-30)
    df["tanggal_selesai"] = ""
    p = impor.siapkan(df.to_csv(index=False).encode(), "layanan.csv", "18.02")
    assert p.validasi.data["tanggal_masuk"].tolist() == [pd.Timestamp("2026-10-01 12:00"), pd.Timestamp("2026-10-02")]
    assert "kolom tanggal_masuk dibaca sebagai nomor seri tanggal Excel" in p.catatan


def test_xlsx_besar_dibaca_di_proses_terbatas_dengan_kemajuan():
    """The demo's 55k Smart Netizen rows: read in the bounded child process, every cell as in the source."""
    asli = demo()["layanan_permohonan"]
    isi = ekspor.ke_xlsx(asli)
    assert len(isi) > berkas_xlsx.KECIL
    langkah = []
    t = berkas.baca_berkas(isi, "layanan.xlsx", kemajuan=lambda f, teks: langkah.append(f))
    teks = ke_teks(asli)
    assert t.data.shape == teks.shape
    pd.testing.assert_series_equal(t.data["id_permohonan"], teks["id_permohonan"].astype("str"), check_names=False)
    assert t.data["tanggal_masuk"].iloc[-1] == teks["tanggal_masuk"].iloc[-1]
    assert langkah == sorted(langkah) and langkah[-1] == 1.0 and len(langkah) >= 4
    with pytest.raises(ValueError, match="batas waktu"):
        berkas_xlsx.baca_xlsx(isi, batas_detik=0.05)
    mulai = time.perf_counter()
    with pytest.raises(ValueError, match="memerlukan memori lebih dari 80 MB"):
        berkas_xlsx.baca_xlsx(isi, batas_mb=80)
    assert time.perf_counter() - mulai < 30
