"""The command line as an operator uses it: subprocesses, exit codes, per-row reports."""
import csv
import json
import os
import subprocess
import sys

import pytest

from indicators.data import skema


def cli(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args], capture_output=True, text=True, env=e, timeout=300
    )


@pytest.mark.parametrize("kode,jumlah", [("18.02", 311), ("52.02", 154)])
def test_regions_desa(kode, jumlah):
    p = cli("regions", "--district", kode, "--level", "desa")
    assert p.returncode == 0
    rows = list(csv.DictReader(p.stdout.splitlines()))
    assert len(rows) == jumlah
    assert list(rows[0]) == ["kode_wilayah", "nama", "tingkat", "jenis", "kode_induk"]


def test_regions_json_dan_kode_salah():
    p = cli("regions", "--district", "18.02", "--level", "kecamatan", "--format", "json")
    data = json.loads(p.stdout)
    assert len(data) == 28 and data[0]["kode_induk"] == "18.02"
    p = cli("regions", "--district", "99.99")
    assert p.returncode == 2 and "tidak ada dalam daftar" in p.stderr


@pytest.fixture(scope="module")
def folder_demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    p = cli("demo", "--out", str(out))
    assert p.returncode == 0, p.stderr
    return out


def test_demo_menulis_setiap_dataset(folder_demo):
    assert sorted(f.stem for f in folder_demo.glob("*.csv")) == sorted(skema.muat_skema())
    p = cli("validate", str(folder_demo / "aduan_jalan.csv"), "--dataset", "aduan_jalan")
    assert p.returncode == 0, p.stderr


def test_validate_dan_import_menolak_berkas_rusak_gudang_tetap(folder_demo, tmp_path):
    store = tmp_path / "s.duckdb"
    ok = cli("import", str(folder_demo / "program.csv"), "--dataset", "program", "--store", str(store))
    assert ok.returncode == 0 and "baru" in ok.stdout
    sebelum = cli("status", "--store", str(store), "--format", "json").stdout
    rows = list(csv.reader((folder_demo / "program.csv").open()))
    rows[2][2] = "olahraga"   # file row 3: pilar not allowed
    rows[5][7] = "20x5"       # file row 6: tahun_mulai not an integer
    buruk = tmp_path / "program_buruk.csv"
    with buruk.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    p = cli("validate", str(buruk), "--dataset", "program")
    assert p.returncode == 1
    laporan = [r.split("\t")[:2] for r in p.stderr.splitlines()[2:]]
    assert laporan == [["3", "pilar"], ["6", "tahun_mulai"]]
    p = cli("import", str(buruk), "--dataset", "program", "--store", str(store))
    assert p.returncode == 1
    assert cli("status", "--store", str(store), "--format", "json").stdout == sebelum


def test_status_json(folder_demo, tmp_path):
    store = tmp_path / "s.duckdb"
    cli("import", str(folder_demo / "ruas_jalan.csv"), "--dataset", "ruas_jalan", "--store", str(store))
    st = json.loads(cli("status", "--store", str(store), "--format", "json").stdout)
    n = sum(1 for _ in (folder_demo / "ruas_jalan.csv").open()) - 1
    assert st["datasets"]["ruas_jalan"]["rows"] == n
    assert st["datasets"]["ruas_jalan"]["sumber"] == "nyata" and st["datasets"]["ruas_jalan"]["last_import"]
    assert st["datasets"]["program"] == {"rows": 0, "rows_simulated": 0, "sumber": "kosong", "last_import": None,
                                         "periods": None}
    # village datasets say how many of the register's villages they cover
    assert st["datasets"]["profil_desa"] == {"rows": 0, "rows_simulated": 0, "sumber": "kosong",
                                                 "last_import": None, "villages_covered": 0, "villages_total": 311,
                                                 "periods": None}
