"""Sign-in and the gates through the pages (AppTest): every role × the Data page's controls and the admin
page, as the permission matrix declares them; lockout after the declared number of failures through the
sidebar's form; an idle session ends; a data officer picks only among the datasets assigned; the admin
page adds, changes and disables accounts — each change on the record under the admin's own id."""
from __future__ import annotations

import datetime as dt

import pytest

from indicators.akses.peran import boleh, boleh_halaman, daftar_peran
from indicators.dasar.pengaturan import ambil
from indicators.data.gudang import Gudang
from tests import berkas_petugas as bp
from tests.bantu import SANDI_UJI, buka_halaman, masuk


@pytest.fixture(scope="module", autouse=True)
def gudang_masuk(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("masuk") / "masuk.duckdb"
    mp.setenv("DASBOR_PATH_GUDANG", str(path))
    yield path
    mp.undo()


def _audit() -> list[tuple]:
    return [tuple(r) for r in Gudang.bawaan().log_audit()[["peristiwa", "pengguna", "detail", "peran"]]
            .itertuples(index=False)]


def _unggah(at) -> list[str]:
    return [u.proto.label for u in at.get("file_uploader")]


@pytest.mark.parametrize("peran", daftar_peran())
def test_gerbang_halaman_data_dan_admin_per_peran(peran):
    at = buka_halaman("pages/data.py", sebagai=None if peran == "publik" else peran)
    unggah = _unggah(at)
    assert ("Berkas CSV / XLSX" in unggah) == boleh(peran, "impor")
    assert any("batas" in u.lower() for u in unggah) == boleh(peran, "simpan_batas")
    hapus = [b for b in at.button if b.label.startswith("Hapus batas")]
    assert hapus == [] or boleh(peran, "hapus_batas")
    info = " ".join(i.value for i in at.info)
    assert ("memerlukan akun petugas data atau admin" in info) == (not boleh(peran, "impor"))
    # the admin page is registered only for the roles the matrix names
    if boleh_halaman(peran, "admin"):
        at.switch_page("pages/admin.py").run()
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == ["Admin"]
    else:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/admin.py")


def test_terkunci_setelah_gagal_berkali_kali_lewat_formulir():
    at = buka_halaman("pages/ringkasan.py")
    masuk(at, "petugas", id_="petugas-kunci")  # exists, signed in once
    at.sidebar.button(key="keluar").click().run()
    n = int(ambil("akun_gagal_maks"))
    for _ in range(n):
        masuk(at, "petugas", id_="petugas-kunci", sandi="bukan-sandinya-sama-sekali")
        assert "Nama pengguna atau kata sandi salah." in [e.value for e in at.sidebar.error]
    masuk(at, "petugas", id_="petugas-kunci")  # the right password, too late
    assert any(e.value.startswith("Akun terkunci") for e in at.sidebar.error)
    assert "_pengguna" not in at.session_state
    gagal = [r for r in _audit() if r[0] == "masuk_gagal" and r[1] == "petugas-kunci"]
    # newest first: the refused right password, then the n-th wrong one that locked the account
    assert len(gagal) == n + 1 and gagal[0][2] == "akun terkunci" and gagal[1][2] == f"sandi salah ({n}×); akun dikunci"
    assert not any(SANDI_UJI in str(r) or "bukan-sandinya" in str(r) for r in _audit())


def test_sesi_diam_berakhir_dan_dicatat():
    at = buka_halaman("pages/data.py", sebagai="admin")
    assert "Berkas CSV / XLSX" in _unggah(at)
    menit = float(ambil("sesi_diam_menit"))
    at.session_state["_aktif_terakhir"] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=menit + 1)
    at.run()
    assert not at.exception and "_pengguna" not in at.session_state
    assert any("Sesi berakhir" in i.value for i in at.sidebar.info)
    assert "Berkas CSV / XLSX" not in _unggah(at)
    assert ("keluar", "uji-admin", "sesi berakhir", "admin") in _audit()


def test_petugas_hanya_dataset_yang_ditugaskan():
    at = buka_halaman("pages/ringkasan.py")
    masuk(at, "petugas", id_="petugas-aduan", dataset=("aduan_jalan",))
    at.switch_page("pages/data.py").run()
    isi, _ = bp.smart_netizen_12_baris_6_desa()
    at.file_uploader(key="unggah").set_value(("smart_netizen.csv", isi, "text/csv")).run()
    assert not at.exception, at.exception
    assert any("tidak ditugaskan untuk dataset layanan_permohonan" in w.value for w in at.warning)
    pilih = next(s for s in at.selectbox if s.key.startswith("dataset_"))
    assert [o.split(" — ")[0] for o in pilih.options] == ["aduan_jalan"] and pilih.value is None


def test_halaman_admin_mengelola_akun_dan_tercatat():
    at = buka_halaman("pages/ringkasan.py")
    masuk(at, "admin", id_="admin-kelola")
    at.switch_page("pages/admin.py").run()
    at.text_input(key="admin_id").input("petugas-baru")
    at.text_input(key="admin_nama").input("Petugas Baru")
    at.selectbox(key="admin_peran").set_value("petugas")
    at.multiselect(key="admin_tugas").set_value(["ronda_laporan"])
    at.text_input(key="admin_sandi").input("sandi-baru-panjang-1")
    at.text_input(key="admin_ulang").input("sandi-baru-panjang-1")
    next(b for b in at.get("form_submit_button") if b.proto.form_id == "admin_tambah").click().run()
    assert not at.exception, at.exception
    assert any("Tersimpan" in s.value for s in at.success)
    a = Gudang.bawaan().akun("petugas-baru")
    assert (a["peran"], a["dataset"], a["nama"], a["aktif"]) == ("petugas", "ronda_laporan", "Petugas Baru", True)
    assert "sandi-baru-panjang-1" not in str(a)  # only its hash

    at.selectbox(key="admin_ubah_id").set_value("petugas-baru").run()
    at.selectbox(key="admin_ubah_peran_petugas-baru").set_value("pimpinan")
    next(b for b in at.get("form_submit_button") if b.proto.form_id == "admin_ubah").click().run()
    assert Gudang.bawaan().akun("petugas-baru")["peran"] == "pimpinan"
    at.selectbox(key="admin_aktif_id").set_value("petugas-baru").run()
    at.button(key="admin_nonaktif").click().run()
    assert Gudang.bawaan().akun("petugas-baru")["aktif"] is False
    peristiwa = _audit()
    assert ("akun_tambah", "admin-kelola", "petugas-baru sebagai petugas", "admin") in peristiwa
    assert any(r[0] == "ubah_peran" and r[1] == "admin-kelola" and "petugas -> pimpinan" in r[2] for r in peristiwa)
    assert ("akun_nonaktif", "admin-kelola", "petugas-baru", "admin") in peristiwa

    # the disabled account cannot sign in; the message does not say whether the account exists
    lain = buka_halaman("pages/ringkasan.py")
    masuk(lain, "petugas", id_="petugas-baru", sandi="sandi-baru-panjang-1")
    assert "Nama pengguna atau kata sandi salah." in [e.value for e in lain.sidebar.error]
