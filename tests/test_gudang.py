"""The DuckDB store: imports are all or nothing, recorded, and survive a crash unchanged."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indicators.data import skema
from indicators.data.gudang import Gudang
from tests.bantu import demo, ke_teks


@pytest.fixture
def gudang_kosong(tmp_path):
    g = Gudang(tmp_path / "uji.duckdb")
    yield g
    g.tutup()


def _isi(g, nama):
    return g.baca(nama).to_csv(index=False)


def test_impor_baru_sama_diperbarui(gudang_kosong):
    g = gudang_kosong
    prog = demo()["program"]
    r = g.impor(prog, "program", berkas="program.csv")
    assert (r.baru, r.diperbarui, r.sama) == (len(prog), 0, 0)
    versi = g.versi()
    r = g.impor(prog, "program", berkas="program.csv")
    assert (r.baru, r.diperbarui, r.sama) == (0, 0, len(prog)) and not r.berubah
    assert g.versi() == versi  # the same file again changes nothing, not even the import log
    assert g.log_audit()["detail"].str.endswith("tidak ada perubahan").sum() == 1
    ubah = prog.head(3).copy()
    ubah["anggaran"] = ubah["anggaran"] + 1
    r = g.impor(ubah, "program", berkas="revisi.csv")
    assert (r.baru, r.diperbarui, r.sama) == (0, 3, 0)
    assert len(g.baca("program")) == len(prog)
    log = g.riwayat_impor()
    assert log.dataset.tolist() == ["program"] * 2 and log.berkas.iloc[0] == "revisi.csv"
    st = g.status()["datasets"]["program"]
    assert st["rows"] == len(prog) and st["last_import"] is not None


def test_berkas_rusak_tidak_mengubah_apa_pun(gudang_kosong):
    g = gudang_kosong
    g.impor(demo()["program"], "program")
    sebelum, versi = _isi(g, "program"), g.versi()
    buruk = ke_teks(demo()["program"])
    buruk.at[4, "pilar"] = "pariwisata"
    with pytest.raises(ValueError, match="galat validasi"):
        g.impor(buruk, "program")
    assert _isi(g, "program") == sebelum and g.versi() == versi


def test_galat_di_tengah_transaksi_dibatalkan(gudang_kosong):
    g = gudang_kosong
    g.impor(demo()["program"].head(5), "program")
    sebelum, versi = _isi(g, "program"), g.versi()

    def gagal():
        raise RuntimeError("listrik padam")

    with pytest.raises(RuntimeError):
        g.impor(demo()["program"], "program", sebelum_commit=gagal)
    assert _isi(g, "program") == sebelum and g.versi() == versi
    assert g.log_audit().peristiwa.tolist().count("impor") == 1


def test_proses_dibunuh_saat_impor_gudang_tetap(tmp_path):
    path = tmp_path / "mati.duckdb"
    g = Gudang(path)
    g.impor(demo()["program"].head(5), "program")
    sebelum = _isi(g, "program")
    g.tutup()
    kode = textwrap.dedent(f"""
        import os, signal
        from indicators.data.gudang import Gudang
        from indicators.data.demo import buat_demo
        g = Gudang({str(path)!r})
        data = buat_demo("18.02", bulan=3, dataset=["program"])["program"]
        g.impor(data, "program", sebelum_commit=lambda: os.kill(os.getpid(), signal.SIGKILL))
    """)
    p = subprocess.run([sys.executable, "-c", kode], cwd=os.getcwd(), capture_output=True, timeout=120)
    assert p.returncode == -9  # killed inside the open transaction
    g = Gudang(path)
    assert _isi(g, "program") == sebelum
    assert len(g.riwayat_impor()) == 1
    g.tutup()


def test_demo_dimuat_sekali_dan_diganti_impor_nyata(gudang_kosong):
    g = gudang_kosong
    assert g.pastikan_demo("18.02") is True
    assert g.pastikan_demo("18.02") is False
    assert g.dataset_demo() == set(skema.muat_skema()) - (
        {"nilai_indikator"} if g.baca("nilai_indikator").empty else set()
    )
    assert g.meta("kode_kabupaten") == "18.02"
    nyata = demo()["program"].head(4)
    r = g.impor(nyata, "program", berkas="program_resmi.xlsx")
    assert r.ganti_demo and len(g.baca("program")) == 4
    assert "program" not in g.dataset_demo()


def test_audit_tanpa_data_pribadi(gudang_kosong):
    g = gudang_kosong
    a = demo()["aduan_jalan"].head(50)
    g.impor(a, "aduan_jalan", berkas="aduan.csv", pengguna="operator1")
    teks = g.log_audit().to_string()
    for nama in a.pelapor_nama:
        assert nama not in teks
    for telp in a.pelapor_telepon:
        assert telp not in teks


def test_ganti_kabupaten_demo_dimuat_ulang_data_nyata_dilindungi(gudang_kosong):
    g = gudang_kosong
    g.pastikan_demo("18.02")
    assert g.pastikan_demo("52.02") is True
    assert g.meta("kode_kabupaten") == "52.02"
    assert g.baca("profil_desa").kode_wilayah.str.startswith("52.02.").all()
    g.impor(demo("52.02")["program"].head(2), "program", berkas="resmi.csv")
    with pytest.raises(ValueError, match="berisi data impor"):
        g.pastikan_demo("18.02")
    assert g.meta("kode_kabupaten") == "52.02"


def test_versi_dan_demo_mengikuti_tulisan_proses_lain(tmp_path):
    """The version, district and demo datasets a page asks on every run are remembered until the file
    changes (issue 16): an import by another process (the command line) is still seen at once."""
    path = tmp_path / "dua_proses.duckdb"
    g = Gudang(path)
    g.impor(demo()["program"], "program", berkas="program.csv")
    versi, kode = g.versi(), g.meta("kode_kabupaten")
    assert g.versi() == versi and g.dataset_demo() == set()  # asked twice: the same answer
    g.tutup()  # the other process needs the file
    lain = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        from indicators.data.gudang import Gudang
        from tests.bantu import demo
        g = Gudang({str(path)!r})
        p = demo()["program"].head(2).copy()
        p["anggaran"] = p["anggaran"] + 1
        g.impor(p, "program", berkas="revisi.csv")
        g.tutup()
    """)], cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=120)
    assert lain.returncode == 0, lain.stderr
    assert g.versi() > versi  # the other process's import log row, not the remembered answer
    assert g.meta("kode_kabupaten") == kode
    assert len(g.riwayat_impor()) == 2
    g.tutup()
