"""The permission matrix (data/peran.yaml) against values written here by hand, cell by cell."""
import pytest

from indicators.akses import peran as P

PERAN = ("publik", "pimpinan", "petugas", "admin")
# action -> (publik, pimpinan, petugas, admin), as issue 12 describes the four roles
MATRIKS = {
    "impor": (False, False, True, True),
    "impor_semua_dataset": (False, False, False, True),
    "ganti_demo": (False, False, True, True),
    "simpan_batas": (False, False, False, True),
    "hapus_batas": (False, False, False, True),
    "ekspor_pribadi": (False, False, True, True),
    "kelola_pengguna": (False, False, False, True),
    "baca_audit": (False, False, False, True),
    "unduh_paket": (True, True, True, True),
}
KONTAK = {"publik": "hapus", "pimpinan": "hapus", "petugas": "samar", "admin": "penuh"}
HALAMAN_UMUM = ("ringkasan", "pilar", "layanan-desa", "aduan-jalan", "progres", "evaluasi", "data", "metodologi")


def test_peran_dan_aksi_tepat_yang_diharapkan():
    assert P.daftar_peran() == PERAN and P.peran_bawaan() == "publik"
    assert set(P.daftar_aksi()) == set(MATRIKS)
    assert set(P.daftar_halaman()) == {*HALAMAN_UMUM, "admin"}


@pytest.mark.parametrize(("aksi", "peran"), [(a, p) for a in MATRIKS for p in PERAN])
def test_matriks_aksi(aksi, peran):
    assert P.boleh(peran, aksi) is MATRIKS[aksi][PERAN.index(peran)]


@pytest.mark.parametrize(("halaman", "peran"), [(h, p) for h in (*HALAMAN_UMUM, "admin") for p in PERAN])
def test_matriks_halaman(halaman, peran):
    assert P.boleh_halaman(peran, halaman) is (halaman != "admin" or peran == "admin")


@pytest.mark.parametrize("peran", PERAN)
def test_tingkat_kontak(peran):
    assert P.tingkat_kontak(peran) == KONTAK[peran]


@pytest.mark.parametrize(("peran", "tugas", "dataset", "harap"), [
    ("petugas", ("program",), "program", True),
    ("petugas", ("program",), "aduan_jalan", False),
    ("petugas", ("*",), "aduan_jalan", True),
    ("petugas", (), "program", False),
    ("admin", (), "aduan_jalan", True),
    ("pimpinan", ("*",), "program", False),
    ("publik", ("*",), "program", False),
])
def test_dataset_yang_ditugaskan(peran, tugas, dataset, harap):
    assert P.boleh_dataset(peran, dataset, tugas) is harap


def test_yang_tidak_dideklarasikan_adalah_galat_bukan_izin():
    with pytest.raises(KeyError):
        P.boleh("admin", "hapus_semua")
    with pytest.raises(ValueError, match="peran harus"):
        P.boleh("superuser", "impor")
    assert P.label_peran("petugas", "en") == "Data officer" and P.label_peran("pimpinan") == "Pimpinan"
