"""Logging without personal data, one logger per module, no print in the core; times stored in UTC and
shown in the district's own zone (WIB/WITA/WIT)."""
from __future__ import annotations

import ast
import datetime as dt
import logging
import pathlib

import duckdb
import pandas as pd
import pytest

from indicators.dasar import format as fmt
from indicators.dasar.waktu import ZONA_PROVINSI, sebagai_utc, zona
from indicators.data import impor
from indicators.data.gudang import VERSI_SKEMA, Gudang
from indicators.laporan import ekspor
from indicators.wilayah.daftar import daftar_kabupaten
from tests.bantu import demo, ke_teks

INTI = pathlib.Path("indicators")


@pytest.fixture
def gudang_kosong(tmp_path):
    g = Gudang(tmp_path / "uji.duckdb")
    yield g
    g.tutup()


def _pesan(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("indicators"))


def test_impor_dicatat_tanpa_data_pribadi(gudang_kosong, caplog):
    aduan = demo()["aduan_jalan"].head(40)
    with caplog.at_level(logging.INFO, logger="indicators"):
        gudang_kosong.impor(aduan, "aduan_jalan", berkas="aduan_oktober.csv", pengguna="petugas1")
    pesan = _pesan(caplog)
    assert "impor aduan_jalan: 40 baris (40 baru, 0 diperbarui, 0 sama)" in pesan
    rekaman = [r for r in caplog.records if r.name == "indicators.data.gudang"]
    assert rekaman and all(r.levelno == logging.INFO for r in rekaman)
    for nilai in [*aduan["pelapor_nama"], *aduan["pelapor_telepon"], *aduan["deskripsi"]]:
        assert str(nilai) not in pesan


def test_unggahan_ditolak_dicatat_tanpa_isi_sel(gudang_kosong, caplog):
    mentah = ke_teks(demo()["aduan_jalan"].head(10))
    mentah.loc[3, "tingkat"] = "parah sekali"        # not an allowed severity: the file is refused
    mentah.loc[3, "pelapor_telepon"] = "081299887766"
    isi = mentah.to_csv(index=False).encode()
    with caplog.at_level(logging.INFO, logger="indicators"):
        p = impor.siapkan(isi, "aduan.csv", "18.02")
    assert not p.siap
    pesan = _pesan(caplog)
    assert "unggahan aduan_jalan ditolak" in pesan and f"{len(isi)} byte" in pesan
    assert "081299887766" not in pesan and "parah sekali" not in pesan
    for nama in mentah["pelapor_nama"]:
        assert nama not in pesan


def test_berkas_tak_terbaca_dicatat(caplog):
    # issue 17: a PDF renamed .csv is named for what it is from its bytes (it used to fail as "no dataset")
    with caplog.at_level(logging.INFO, logger="indicators"), pytest.raises(ValueError, match="isinya dokumen PDF"):
        impor.siapkan(b"%PDF-1.7 bukan tabel", "laporan.csv", "18.02")
    assert "unggahan ditolak sebelum validasi: berkas .csv" in _pesan(caplog)


def test_ekspor_dicatat(caplog):
    with caplog.at_level(logging.INFO, logger="indicators"):
        ekspor.ke_csv(pd.DataFrame({"a": [1, 2, 3]}))
        ekspor.ke_xlsx(pd.DataFrame({"a": [1], "b": ["x"]}))
    assert "ekspor csv: 3 baris, 1 kolom" in _pesan(caplog) and "ekspor xlsx: 1 baris, 2 kolom" in _pesan(caplog)


def test_migrasi_gudang_lama_dicatat_dan_waktu_jadi_utc(tmp_path, caplog):
    path = tmp_path / "lama.duckdb"
    Gudang(path).tutup()
    c = duckdb.connect(str(path))  # a store as version 1 left it: no schema version, local timestamps
    c.execute("DELETE FROM meta")
    c.execute("INSERT INTO log_impor VALUES (1, '2026-01-01 10:00:00', 'a', 'b.csv', 'program', 0, 0, 0, 0, 'impor')")
    c.close()
    with caplog.at_level(logging.INFO, logger="indicators"):
        g = Gudang(path)
    geser = int(dt.datetime.now().astimezone().utcoffset().total_seconds())
    harapan = pd.Timestamp("2026-01-01 10:00:00", tz="UTC") - pd.Timedelta(seconds=geser)
    assert g.riwayat_impor()["waktu"].tolist() == [harapan]
    assert g.meta("versi_skema") == str(VERSI_SKEMA) and "migrasi skema 1 -> 2" in _pesan(caplog)
    g.tutup()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="indicators"):
        Gudang(path).tutup()  # a second open migrates nothing
    assert "migrasi" not in _pesan(caplog)


def test_waktu_log_tersimpan_utc(gudang_kosong):
    sebelum = pd.Timestamp.now(tz="UTC").floor("s")
    gudang_kosong.impor(demo()["program"].head(2), "program")
    gudang_kosong.catat_audit("ekspor", "uji", "program", "2 baris csv")
    sesudah = pd.Timestamp.now(tz="UTC")
    for w in [*gudang_kosong.riwayat_impor()["waktu"], *gudang_kosong.log_audit()["waktu"]]:
        assert str(w.tz) == "UTC" and sebelum <= w <= sesudah
    terakhir = gudang_kosong.status()["datasets"]["program"]["last_import"]
    assert terakhir.endswith("+00:00") and sebelum <= pd.Timestamp(terakhir) <= sesudah


@pytest.mark.parametrize("kode,label,jam", [("18.02", "WIB", "12.21"), ("52.02", "WITA", "13.21"),
                                            ("94.01", "WIT", "14.21"), ("61.01", "WIB", "12.21"),
                                            ("64.01", "WITA", "13.21")])
def test_waktu_tampil_di_zona_kabupaten(kode, label, jam):
    # 05:21 UTC is 12:21 WIB (UTC+7), 13:21 WITA (UTC+8), 14:21 WIT (UTC+9)
    assert fmt.waktu("2026-10-01 05:21:00", kode) == f"1 Oktober 2026 {jam} {label}"
    assert fmt.waktu(pd.Timestamp("2026-10-01 05:21", tz="UTC"), kode, "en") == \
        f"1 October 2026 {jam.replace('.', ':')} {label}"
    assert fmt.waktu(None, kode) == "–"


def test_setiap_provinsi_register_punya_zona():
    provinsi = sorted({k.split(".")[0] for k in daftar_kabupaten()})
    assert provinsi and all(p in ZONA_PROVINSI for p in provinsi), set(provinsi) - set(ZONA_PROVINSI)
    assert zona("91.01").iana == "Asia/Jayapura"
    with pytest.raises(ValueError, match="zona waktu"):
        zona("99.01")


def test_sebagai_utc_menandai_waktu_naif():
    s = sebagai_utc(pd.Series(pd.to_datetime(["2026-01-01 00:00"])))
    assert str(s.dt.tz) == "UTC" and s.iloc[0].hour == 0


def _pohon():
    for p in INTI.rglob("*.py"):
        yield p, ast.parse(p.read_text(encoding="utf-8"))


def test_satu_logger_per_modul_dengan_nama_modul():
    for p, pohon in _pohon():
        for n in ast.walk(pohon):
            if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "getLogger" and n.args:
                a = n.args[0]
                boleh = (isinstance(a, ast.Name) and a.id == "__name__") or (
                    p.name == "log.py" and isinstance(a, ast.Constant) and a.value == "indicators")
                assert boleh, f"{p}:{n.lineno}: use logging.getLogger(__name__)"


def test_tidak_ada_print_di_inti_selain_cli():
    for p, pohon in _pohon():
        if p.parts[1] == "cli":
            continue
        cetak = [n.lineno for n in ast.walk(pohon)
                 if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
        assert cetak == [], f"{p}: print() at lines {cetak} (use a logger; only the CLI prints)"
