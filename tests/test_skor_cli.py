"""``python -m indicators score``: a hand-made framework and nilai_indikator.csv give exactly the hand
results; the demo district is byte-identical across processes; bad input exits 2 with a clear message."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.wilayah.daftar import daftar_wilayah

FIXTURE = Path(__file__).parent / "fixtures" / "skor"
KOLOM = ("kode_wilayah,nama,tingkat,periode,indeks,governance,branding,economy,living,society,environment,"
         "kematangan,cakupan")

# Worked by hand in tests/test_skor_pipeline.py on the same values (the CSV adds a superseded older
# value, a later value beyond --period, l2 as two village values, another district and an unknown id):
#   Kalirejo:    governance 78.75, living 87.5, index (78.75 + 2·87.5)/3 = 84.583 → Optimal, 6/6 values
#   Bangun Rejo: governance 15, living ((0 + (30 + 50)/2)/2 + 50)/2 = 35, index 85/3 = 28.33 → Berkembang, 5/6
#   Padang Ratu: governance 52.5, living 1/3 available → empty, index empty, 4/6 = 66.67 %
HARAPAN = [
    "18.02.01,Kalirejo,kecamatan,2026-06,84.58,78.75,,,87.5,,,Optimal,100.0",
    "18.02.02,Bangun Rejo,kecamatan,2026-06,28.33,15.0,,,35.0,,,Berkembang,83.33",
    "18.02.03,Padang Ratu,kecamatan,2026-06,,52.5,,,,,,,66.67",
]


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "tiga_kecamatan_dihitung_tangan", data)
    shutil.copy(FIXTURE / "kerangka_dua_pilar.yaml", tmp_path / "kerangka.yaml")
    return tmp_path


def jalankan(folder, *tambahan):
    out = folder / "hasil.txt"
    kode = main(["score", "--framework", str(folder / "kerangka.yaml"), "--data", str(folder / "data"),
                 "--level", "kecamatan", "--period", "2026-06", "--out", str(out), *tambahan])
    return kode, out.read_text(encoding="utf-8") if out.exists() else ""


def test_hasil_tangan_persis_lewat_cli(folder):
    kode, teks = jalankan(folder, "--decimals", "2")
    assert kode == 0
    baris = teks.splitlines()
    assert baris[0] == KOLOM
    assert baris[1:4] == HARAPAN
    # every kecamatan of Lampung Tengah appears; those without data are empty, never 0
    nama = daftar_wilayah("18.02", "kecamatan")["nama"].tolist()
    rows = list(csv.DictReader(io.StringIO(teks)))
    assert [r["nama"] for r in rows] == nama and len(rows) == 28
    for r in rows[3:]:
        assert all(r[k] == "" for k in KOLOM.split(",")[4:12]) and r["cakupan"] == "0.0"


def test_json_sama_dengan_csv(folder):
    kode, teks = jalankan(folder, "--format", "json", "--decimals", "2")
    assert kode == 0
    data = json.loads(teks)
    assert len(data) == 28 and list(data[0]) == KOLOM.split(",")
    assert data[0]["indeks"] == 84.58 and data[0]["kematangan"] == "Optimal"
    assert data[2]["indeks"] is None and data[2]["governance"] == 52.5 and data[2]["living"] is None


def test_ketidakpastian_dominasi_memberi_peringkat_tetap(folder):
    # Kalirejo is better than Bangun Rejo on every indicator both have, so under any normalisation,
    # aggregation, imputation and weights it stays first: every interval collapses to 1 and 2
    kode, teks = jalankan(folder, "--uncertainty", "40", "--seed", "5")
    assert kode == 0
    rows = list(csv.DictReader(io.StringIO(teks)))
    assert list(rows[0])[-4:] == ["peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95"]
    assert [rows[0][k] for k in ("peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95")] == ["1"] * 4
    assert [rows[1][k] for k in ("peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95")] == ["2"] * 4
    assert all(r["peringkat"] == "" and r["peringkat_p95"] == "" for r in rows[2:])


@pytest.mark.parametrize("argumen,pesan", [
    (["--period", "2026-13"], "periode harus berbentuk YYYY-MM"),
    (["--district", "99.99"], "tidak ada dalam daftar wilayah"),
    (["--uncertainty", "-1"], "--uncertainty harus >= 0"),
])
def test_masukan_salah_keluar_2(folder, capsys, argumen, pesan):
    kode, _ = jalankan(folder, *argumen)
    assert kode == 2 and pesan in capsys.readouterr().err


def test_berkas_rusak_dan_folder_hilang(folder, capsys):
    with (folder / "data" / "nilai_indikator.csv").open("a", encoding="utf-8") as f:
        f.write("18.02.01,2026-06,g1,abc,uji\n")
    kode, _ = jalankan(folder)
    err = capsys.readouterr().err
    assert kode == 2 and "nilai_indikator.csv" in err and "baris 22 kolom nilai" in err
    assert main(["score", "--data", str(folder / "tidak_ada")]) == 2
    assert "folder data tidak ditemukan" in capsys.readouterr().err
    teks = (FIXTURE / "kerangka_dua_pilar.yaml").read_text(encoding="utf-8")
    (folder / "kerangka.yaml").write_text(teks.replace("goalposts: [0, 5]", "goalposts: [5, 0]"), encoding="utf-8")
    kode, _ = jalankan(folder)
    assert kode == 2 and "goalposts terbalik" in capsys.readouterr().err


def cli(*args, env):
    e = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-m", "indicators", "score", *args], capture_output=True, text=True,
                          env=e, timeout=600, check=False)


@pytest.fixture(scope="module")
def gudang(tmp_path_factory):
    """A fresh store (the demo is loaded into it on first use), shared by the tests below."""
    return {"DASBOR_PATH_GUDANG": str(tmp_path_factory.mktemp("gudang") / "gudang.duckdb")}


def test_demo_dari_gudang_identik_byte_demi_byte(gudang):
    env = gudang
    a = cli("--level", "kecamatan", env={**env, "PYTHONHASHSEED": "1"})
    b = cli("--level", "kecamatan", env={**env, "PYTHONHASHSEED": "2"})
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    assert a.stdout.encode() == b.stdout.encode()
    rows = list(csv.DictReader(io.StringIO(a.stdout)))
    assert len(rows) == 28 and rows[0]["periode"] == "2026-10"
    pilar = ["governance", "branding", "economy", "living", "society", "environment"]
    pita = [(80, "Optimal"), (60, "Terintegrasi"), (40, "Mapan"), (20, "Berkembang"), (0, "Rintisan")]
    for r in rows:
        x = [float(r[k]) for k in ["indeks", *pilar]]
        assert all(0 <= v <= 100 for v in x) and 0 <= float(r["cakupan"]) <= 100
        # the six pillars weigh equally and all have a score: the index is their plain mean (each
        # value rounded to 0.01 in the file), and the label is the index's band
        assert abs(x[0] - sum(x[1:]) / 6) <= 0.01
        assert r["kematangan"] == next(nama for batas, nama in pita if x[0] >= batas)


def test_desa_dengan_1000_run_ketidakpastian(gudang):
    env = gudang
    p = cli("--level", "desa", "--uncertainty", "1000", "--seed", "7", "--format", "json", env=env)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert len(data) == 311
    ada = [r for r in data if r["peringkat"] is not None]
    assert len(ada) > 300
    assert all(r["peringkat_p05"] <= r["peringkat_median"] <= r["peringkat_p95"] for r in ada)
