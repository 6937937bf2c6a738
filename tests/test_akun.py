"""Local accounts: argon2 hashes, lockout after the declared number of failures, idle expiry, the
CLI (acting as admin under the OS user), OIDC claims, the v3 -> v4 store migration."""
import datetime as dt
import getpass
import logging
import subprocess
import sys

import duckdb
import pytest

from indicators.akses import akun
from indicators.dasar.pengaturan import ambil
from indicators.data.gudang import VERSI_SKEMA, Gudang

SANDI = "kuda-lumping-42"


@pytest.fixture
def g(tmp_path):
    gd = Gudang(tmp_path / "akun.duckdb")
    yield gd
    gd.tutup()


ADMIN = akun.operator("uji")


def test_tambah_dan_masuk_hash_argon2_tanpa_sandi_tersimpan(g, caplog):
    with caplog.at_level(logging.DEBUG, logger="indicators"):
        akun.tambah(g, "budi", "petugas", SANDI, ADMIN, nama="Budi", dataset=("program",))
        p = akun.masuk(g, "budi", SANDI)
    assert (p.id, p.nama, p.peran, p.dataset, p.cara) == ("budi", "Budi", "petugas", ("program",), "lokal")
    assert p.boleh_impor("program") and not p.boleh_impor("aduan_jalan") and not p.boleh("hapus_batas")
    h = g.akun("budi")["hash"]
    assert h.startswith("$argon2id$") and SANDI not in h
    semua = g.log_audit().to_csv() + g.daftar_akun().to_csv() + caplog.text
    assert SANDI not in semua and "$argon2" not in g.daftar_akun().to_csv()
    audit = g.log_audit()
    assert audit.iloc[0][["peristiwa", "pengguna", "peran"]].tolist() == ["masuk", "budi", "petugas"]
    assert audit.iloc[1][["peristiwa", "pengguna", "peran"]].tolist() == ["akun_tambah", "uji", "admin"]


def test_terkunci_setelah_n_gagal_lalu_dibuka_admin(g):
    n = int(ambil("akun_gagal_maks"))
    assert n == 5  # data/pengaturan.yaml
    akun.tambah(g, "ani", "admin", SANDI, ADMIN)
    t0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    for i in range(n - 1):
        with pytest.raises(ValueError, match="salah"):
            akun.masuk(g, "ani", "bukan-sandinya", sekarang=t0)
        assert g.akun("ani")["gagal"] == i + 1
    with pytest.raises(ValueError, match="salah"):
        akun.masuk(g, "ani", "bukan-sandinya", sekarang=t0)  # the n-th failure locks
    with pytest.raises(ValueError, match="terkunci"):
        akun.masuk(g, "ani", SANDI, sekarang=t0 + dt.timedelta(minutes=14))  # right password, still locked
    assert akun.masuk(g, "ani", SANDI, sekarang=t0 + dt.timedelta(minutes=16)).peran == "admin"  # 15 min later
    for _ in range(n):
        with pytest.raises(ValueError, match=r"salah|terkunci"):
            akun.masuk(g, "ani", "x", sekarang=t0 + dt.timedelta(minutes=20))
    akun.aktifkan(g, "ani", ADMIN)
    assert akun.masuk(g, "ani", SANDI, sekarang=t0 + dt.timedelta(minutes=21)).id == "ani"
    gagal = g.log_audit().query("peristiwa == 'masuk_gagal'")
    assert len(gagal) == 2 * n + 1 and set(gagal["pengguna"]) == {"ani"}


def test_akun_tak_ada_dan_nonaktif_pesan_sama(g):
    akun.tambah(g, "cici", "pimpinan", SANDI, ADMIN)
    akun.nonaktifkan(g, "cici", ADMIN)
    for nama in ("cici", "tidak-ada"):
        with pytest.raises(ValueError, match=r"^nama pengguna atau kata sandi salah$"):
            akun.masuk(g, nama, SANDI)


def test_hanya_admin_mengelola_dan_isian_buruk_ditolak(g):
    petugas = akun.Pengguna("p", "p", "petugas", (), "lokal")
    with pytest.raises(ValueError, match="tidak boleh mengelola"):
        akun.tambah(g, "dedi", "admin", SANDI, petugas)
    with pytest.raises(ValueError, match="minimal 10"):
        akun.tambah(g, "dedi", "admin", "pendek", ADMIN)
    with pytest.raises(ValueError, match="nama pengguna harus"):
        akun.tambah(g, "Dedi Baru", "admin", SANDI, ADMIN)
    with pytest.raises(ValueError, match="peran harus"):
        akun.tambah(g, "dedi", "raja", SANDI, ADMIN)
    assert g.daftar_akun().empty


def test_sesi_diam_berakhir():
    t = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    menit = float(ambil("sesi_diam_menit"))
    assert not akun.sesi_berakhir(t, t + dt.timedelta(minutes=menit - 1))
    assert akun.sesi_berakhir(t, t + dt.timedelta(minutes=menit + 1))


def test_peran_dari_klaim_oidc_atau_tabel_akun(g):
    akun.tambah(g, "eka@kab.go.id", "petugas", SANDI, ADMIN, dataset=("program",))
    assert akun.dari_oidc(g, {"email": "Eka@kab.go.id", "name": "Eka"}).peran == "petugas"  # table
    assert akun.dari_oidc(g, {"email": "eka@kab.go.id", "grup": ["x", "admin"]}, "grup").peran == "admin"  # claim
    assert akun.dari_oidc(g, {"sub": "orang-lain"}).peran == "publik"  # unknown: the default role
    akun.nonaktifkan(g, "eka@kab.go.id", ADMIN)
    assert akun.dari_oidc(g, {"email": "eka@kab.go.id", "grup": "admin"}, "grup").peran == "publik"


def test_cli_users_bertindak_sebagai_admin_atas_nama_pengguna_os(tmp_path):
    store = str(tmp_path / "cli.duckdb")
    jalan = [sys.executable, "-m", "indicators", "users", "--store", store]
    r = subprocess.run([*jalan, "add", "fajar", "--role", "petugas", "--datasets", "program"], input=SANDI + "\n",
                       capture_output=True, text=True, check=True)
    assert "fajar" in r.stdout and SANDI not in r.stdout + r.stderr
    subprocess.run([*jalan, "set-role", "fajar", "--role", "admin"], check=True, capture_output=True)
    r = subprocess.run([*jalan, "list"], capture_output=True, text=True, check=True)
    assert "fajar\tfajar\tadmin\tprogram\tya" in r.stdout
    r = subprocess.run([*jalan, "add", "gina", "--role", "admin", "--datasets", "bukan_dataset"], input=SANDI,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "dataset tidak dikenal" in r.stderr
    g = Gudang(store)
    try:
        a = g.log_audit()
        assert a[["peristiwa", "pengguna", "peran"]].values.tolist() == [
            ["ubah_peran", getpass.getuser(), "admin"], ["akun_tambah", getpass.getuser(), "admin"]]
        assert akun.masuk(g, "fajar", SANDI).peran == "admin"
    finally:
        g.tutup()


def test_migrasi_3_ke_4_dicatat(tmp_path, caplog):
    path = tmp_path / "v3.duckdb"
    Gudang(path).tutup()
    c = duckdb.connect(str(path))  # a store as version 3 left it: no accounts, no role in the audit log
    c.execute("DROP TABLE akun")
    c.execute("ALTER TABLE log_audit DROP COLUMN peran")
    c.execute("INSERT INTO log_audit VALUES ('2026-11-01 01:00:00', 'impor', 'publik', 'program', 'lama')")
    c.execute("UPDATE meta SET nilai = '3' WHERE kunci = 'versi_skema'")
    c.close()
    with caplog.at_level(logging.INFO, logger="indicators"):
        g = Gudang(path)
    try:
        assert VERSI_SKEMA == 4 and g.meta("versi_skema") == "4"
        assert "migrasi skema 3 -> 4" in caplog.text
        lama = g.log_audit().iloc[0]
        assert lama["pengguna"] == "publik" and lama["peran"] is None and g.daftar_akun().empty
    finally:
        g.tutup()
