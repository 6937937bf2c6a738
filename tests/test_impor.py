"""The officers' import path: names and undotted codes to Kemendagri codes, per-row reports with file
rows, files refused before parsing, nothing half imported, points given their village, freshness."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from indicators.dasar.pengaturan import AKAR
from indicators.data import berkas, impor, mutu_impor, skema
from indicators.data.gudang import Gudang
from indicators.laporan import ekspor
from tests.bantu import demo, ke_teks

FIXTURE = Path(__file__).parent / "fixtures" / "impor"
REFERENSI = AKAR.parent / "shared" / "reference" / "geo"


@pytest.fixture
def gudang(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "dasbor.duckdb"))
    monkeypatch.delenv("DASBOR_BATAS_KECAMATAN", raising=False)
    monkeypatch.delenv("DASBOR_BATAS_DESA", raising=False)
    g = Gudang(tmp_path / "dasbor.duckdb")
    yield g
    g.tutup()


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8")


def isi_gudang(g: Gudang) -> str:
    return json.dumps({n: g.baca(n).to_csv(index=False) for n in skema.muat_skema()}) + g.riwayat_impor().to_csv()


def profil_dengan_nama() -> pd.DataFrame:
    """Village profiles keyed by names only, as another registry spells them."""
    nama = pd.read_csv(FIXTURE / "desa_1802_ejaan_registri_lain.csv", dtype=str)
    prof = ke_teks(demo()["profil_desa"]).set_index("kode_wilayah").loc[nama["kode_benar"]].reset_index(drop=True)
    return pd.concat([nama[["desa", "kecamatan"]], prof], axis=1), nama["kode_benar"]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "indicators", *args], capture_output=True, text=True,
                          timeout=300, env=os.environ)


# --- names → codes, reviewed by the officer -----------------------------------------------------

def test_profil_lewat_nama_satu_dipilih_petugas_lalu_diimpor(gudang):
    df, benar = profil_dengan_nama()
    p = impor.siapkan(csv_bytes(df), "profil_desa_nama.csv", "18.02")
    assert p.dataset == "profil_desa" and not p.siap
    tinjau = p.perlu_pilihan
    assert tinjau[["nama", "kecamatan", "baris_pertama", "match"]].to_numpy().tolist() == [
        ["Bumi Rahaju", "Bumiratu Nuban", 174, "ambiguous"]]  # file row 174: header + 172 rows before it
    assert p.galat[["baris", "kolom", "aturan"]].to_numpy().tolist() == [[174, "desa", impor.ATURAN_NAMA]]
    with pytest.raises(ValueError, match="belum dicocokkan"):
        impor.jalankan(p, gudang)
    assert gudang.versi() == 0
    p = impor.siapkan(csv_bytes(df), "profil_desa_nama.csv", "18.02",
                      pilihan={("Bumi Rahaju", "Bumiratu Nuban"): "18.02.14.2008"})
    assert p.siap and any("1 dipilih petugas" in c for c in p.catatan)
    # names matched through another spelling are warnings by row, imported with a flag
    fuzzy = p.resolusi[(p.resolusi["match"] == "fuzzy") & ~p.resolusi["dipilih"]]
    assert len(p.peringatan) == int(fuzzy["jumlah_baris"].sum()) > 0
    assert set(p.peringatan["baris"]) == set(fuzzy["baris_pertama"])
    r = impor.jalankan(p, gudang, pengguna="operator1")
    assert (r.baris, r.baru) == (311, 311)
    disimpan = gudang.baca("profil_desa").set_index("kode_wilayah")
    np.testing.assert_array_equal(disimpan.loc[benar, "penduduk"].to_numpy(), df["penduduk"].astype(int).to_numpy())
    assert gudang.log_audit()["peristiwa"].tolist() == ["impor"]


def test_pilihan_harus_kode_kabupaten_ini(gudang):
    df, _ = profil_dengan_nama()
    with pytest.raises(ValueError, match=r"bukan desa kabupaten 18\.02"):
        impor.siapkan(csv_bytes(df), "p.csv", "18.02", pilihan={("Bumi Rahaju", "Bumiratu Nuban"): "52.02.01.2001"})


def test_kode_tanpa_titik_dan_kode_kabupaten_lain(gudang):
    df = ke_teks(demo()["profil_desa"].head(4))
    df["kode_wilayah"] = ["1802012001", "18.02.01.2002", "5202012001", "18.02.99.2999"]
    p = impor.siapkan(csv_bytes(df), "profil.csv", "18.02")
    assert p.validasi.data["kode_wilayah"].tolist()[:2] == ["18.02.01.2001", "18.02.01.2002"]
    assert "2 kode wilayah tanpa titik dinormalkan (1802012001 → 18.02.01.2001)" in p.catatan
    assert p.galat[["baris", "kolom", "aturan", "nilai"]].to_numpy().tolist() == [
        [4, "kode_wilayah", impor.ATURAN_KODE_ASING, "52.02.01.2001"],
        [5, "kode_wilayah", impor.ATURAN_KODE_ASING, "18.02.99.2999"]]


def test_kode_bps_dikenali_tidak_digabung(gudang):
    df = ke_teks(demo()["profil_desa"].head(3))
    df["kode_wilayah"] = ["1802010001", "1802010002", "1802010003"]  # BPS numbering of 18.02.01.2001–2003
    with pytest.raises(ValueError, match="kode BPS"):
        impor.siapkan(csv_bytes(df), "profil_bps.csv", "18.02")
    df.insert(1, "desa", ["Sri Way Langsep", "Wayakrui", "Kalirejo"])
    df.insert(2, "kecamatan", "Kalirejo")
    p = impor.siapkan(csv_bytes(df.rename(columns={"kode_wilayah": "kode_bps"})), "profil_bps_nama.csv", "18.02",
                      "profil_desa")
    assert p.siap and p.validasi.data["kode_wilayah"].tolist() == ["18.02.01.2001", "18.02.01.2002", "18.02.01.2003"]
    assert any("BPS" in c for c in p.catatan)


# --- refused: every bad row named, nothing written --------------------------------------------------

def test_sepuluh_persen_rusak_ditolak_setiap_baris_disebut_gudang_tetap(gudang, tmp_path):
    gudang.impor(demo()["program_progres"].head(30), "program_progres", berkas="awal.csv")
    sebelum = isi_gudang(gudang)
    f = FIXTURE / "program_progres_10pct_malformed.csv"
    p = impor.siapkan(f.read_bytes(), f.name, "18.02")
    assert p.dataset == "program_progres" and not p.siap
    # the 10 rows broken by hand (data rows 3, 11, … → file rows 5, 13, …)
    assert p.galat[["baris", "kolom"]].to_numpy().tolist() == [
        [5, "periode"], [13, "target_persen"], [19, "id_program"], [27, "realisasi_persen"],
        [35, "realisasi_anggaran"], [43, "periode"], [54, "target_persen"], [62, "realisasi_persen"],
        [79, "periode"], [97, "realisasi_anggaran"]]
    with pytest.raises(ValueError, match="10 galat pada 10 baris"):
        impor.jalankan(p, gudang)
    assert isi_gudang(gudang) == sebelum
    gudang.tutup()
    store = str(tmp_path / "dasbor.duckdb")
    r = cli("import", str(f), "--store", store)
    assert r.returncode == 1 and "10 galat pada 10 baris" in r.stderr
    g = Gudang(store)
    assert isi_gudang(g) == sebelum
    g.tutup()


@pytest.mark.parametrize(("nama", "isi", "pesan"), [
    ("complaints_renamed_xlsx.csv", ekspor.ke_xlsx(pd.DataFrame({"a": [1]})), "bukan teks CSV"),
    ("complaints_renamed_csv.xlsx", b"id_aduan,lat\nA1,-5.1\n", "bukan berkas Excel"),
    ("complaints.pdf", b"%PDF-1.4", "tidak didukung"),
    ("complaints_oversize.csv", b"id_aduan\n" + b"A" * 20_000 + b"\n", "melebihi batas"),
    ("complaints_empty.csv", b"", "kosong"),
])
def test_berkas_salah_ditolak_sebelum_dibaca(monkeypatch, nama, isi, pesan):
    def tidak_boleh(*a, **k):
        raise AssertionError("the file was parsed before its checks")

    monkeypatch.setattr(berkas.pd, "read_csv", tidak_boleh)
    monkeypatch.setattr(berkas.pd, "read_excel", tidak_boleh)
    with pytest.raises(ValueError, match=pesan):
        impor.siapkan(isi, nama, "18.02", batas_byte=10_000)


def test_dataset_tak_dikenal_dan_kolom_ganda():
    with pytest.raises(ValueError, match="tidak dapat dikenali"):
        impor.siapkan(b"a,b\n1,2\n", "acak.csv", "18.02")
    with pytest.raises(ValueError, match="kolom ganda"):
        impor.siapkan(b"Kode Wilayah,kode_wilayah\n1,2\n", "ganda.csv", "18.02")


# --- XLSX, formulas, personal data ----------------------------------------------------------------

def test_xlsx_lewat_jalur_impor_dan_cli(gudang, tmp_path):
    df = ke_teks(demo()["ruas_jalan"].head(20))
    isi = ekspor.ke_xlsx(df)
    p = impor.siapkan(isi, "ruas_jalan.xlsx", "18.02")
    assert p.dataset == "ruas_jalan" and p.siap and len(p.validasi.data) == 20
    gudang.tutup()
    (tmp_path / "ruas_jalan.xlsx").write_bytes(isi)
    r = cli("import", str(tmp_path / "ruas_jalan.xlsx"), "--store", str(tmp_path / "dasbor.duckdb"))
    assert r.returncode == 0 and "diimpor 20 baris ke ruas_jalan: 20 baru" in r.stdout


def test_aduan_dengan_sel_rumus_disimpan_sebagai_teks_audit_tanpa_data_pribadi(gudang):
    f = FIXTURE / "complaints_with_formula_cells.csv"
    p = impor.siapkan(f.read_bytes(), f.name, "18.02")
    assert p.siap
    impor.jalankan(p, gudang, pengguna="operator1")
    a = gudang.baca("aduan_jalan").set_index("id_aduan")
    asli = pd.read_csv(f, dtype=str, keep_default_na=False).set_index("id_aduan")
    assert a.loc[asli.index, "nama_ruas"].tolist() == asli["nama_ruas"].tolist()  # stored as written, inert text
    audit = gudang.log_audit()
    assert len(audit) == 1 and audit["peristiwa"].iloc[0] == "impor"
    teks = audit.to_string()
    assert not any(v in teks for v in [*asli["pelapor_nama"], *asli["pelapor_telepon"]])


def test_laporan_galat_menyamarkan_data_pribadi():
    df = ke_teks(demo()["aduan_jalan"].head(3))
    df.loc[1, "pelapor_telepon"] = "telp 0812 3456 789x"
    p = impor.siapkan(csv_bytes(df), "aduan.csv", "18.02")
    assert p.galat[["baris", "kolom", "nilai"]].to_numpy().tolist() == [[3, "pelapor_telepon", skema.DISAMARKAN]]


# --- points → villages in the imported boundaries --------------------------------------------------

def test_aduan_tanpa_kode_mendapat_desa_dari_titik_titik_luar_ditandai(gudang, monkeypatch):
    p_batas = REFERENSI / "1802_desa.geojson"
    if not p_batas.exists():
        pytest.skip(f"real boundary file {p_batas} not present")
    # schematic cells first (the shipped real 18.02 villages would already give the codes)
    monkeypatch.setenv("DASBOR_GEOGRAFI_BAWAAN", "false")
    df = ke_teks(demo()["aduan_jalan"].head(5))
    df["kode_wilayah"] = ""
    desa = gpd.read_file(p_batas).set_index("kode")
    titik = desa.geometry.loc[["18.02.01.2001", "18.02.12.2009", "18.02.23.2006"]].representative_point()
    df.loc[:2, "lat"] = titik.y.round(6).astype(str).to_numpy()
    df.loc[:2, "lon"] = titik.x.round(6).astype(str).to_numpy()
    df.loc[3, ["lat", "lon"]] = ["-6.2", "106.8"]                          # Jakarta: outside the district
    df.loc[4, ["lat", "lon"]] = [f"{titik.x.iloc[0]:.6f}", f"{titik.y.iloc[0]:.6f}"]  # swapped
    sebelum = impor.siapkan(csv_bytes(df), "aduan.csv", "18.02")
    assert (sebelum.validasi.data["kode_wilayah"].isna()).all()           # schematic cells are not used for it
    assert any("batas resmi belum diimpor" in c for c in sebelum.catatan)
    gdf, lap, t = impor.baca_batas_unggahan(p_batas.read_bytes(), p_batas.name, "18.02")
    gudang.simpan_batas(gdf, t, "18.02", lap, berkas=p_batas.name)
    p = impor.siapkan(csv_bytes(df), "aduan.csv", "18.02")
    assert p.siap
    assert p.validasi.data["kode_wilayah"].tolist()[:3] == ["18.02.01.2001", "18.02.12.2009", "18.02.23.2006"]
    assert p.validasi.data["kode_wilayah"].iloc[3:].isna().all()
    assert p.peringatan[["baris", "kolom", "aturan"]].to_numpy().tolist() == [
        [5, "lat+lon", mutu_impor.ATURAN_LUAR], [6, "lat+lon", mutu_impor.ATURAN_TERTUKAR]]
    assert p.catatan_mutu.tolist() == ["", "", "", "titik di luar kabupaten", "lintang/bujur tertukar"]
    assert "3 aduan mendapat kode_wilayah dari titiknya" in " ".join(p.catatan)


# --- freshness ----------------------------------------------------------------------------------

def test_kesegaran_bulan_terakhir_dan_bulan_hilang_per_desa(gudang):
    web = ke_teks(demo()["desa_website"].head(1))
    baris = []
    bulan_per_desa = {"18.02.01.2001": ["2026-01", "2026-03", "2026-04"], "18.02.01.2002": ["2026-01", "2026-04"]}
    for kode, bulan in bulan_per_desa.items():
        for b in bulan:
            baris.append(web.iloc[0].to_dict() | {"kode_wilayah": kode, "periode": b})
    p = impor.siapkan(csv_bytes(pd.DataFrame(baris)), "desa_website.csv", "18.02")
    impor.jalankan(p, gudang)
    k = impor.kesegaran(gudang, "18.02").set_index("dataset")
    # by hand: months 2026-01..04; 2026-02 has no row at all; 2 villages with data, 309 without, both miss months
    assert k.loc["desa_website"].to_dict() == {"bulan_pertama": "2026-01", "bulan_terakhir": "2026-04",
                                               "bulan_kosong": 1, "desa_dengan_data": 2, "desa_tanpa_data": 309,
                                               "desa_bulan_hilang": 2}
    assert pd.isna(k.loc["aduan_jalan", "bulan_terakhir"]) and k.loc["aduan_jalan", "desa_tanpa_data"] == 311
    h = impor.bulan_hilang(gudang.bulan_per_desa("desa_website"), "18.02").set_index("kode_wilayah")
    assert h.loc["18.02.01.2001", "bulan_hilang"] == "2026-02"
    assert h.loc["18.02.01.2002", "bulan_hilang"] == "2026-02, 2026-03"
    assert h.loc["18.02.01.2003", "jumlah_hilang"] == 4 and pd.isna(h.loc["18.02.01.2003", "bulan_terakhir"])


def test_deteksi_dataset_setiap_templat():
    for nama in skema.muat_skema():
        kolom = next(csv.reader(io.StringIO(skema.templat_csv(nama))))
        assert impor.deteksi_dataset(kolom) == nama, nama


def test_csv_besar_dibaca_sama_seperti_kecil():
    """Files from 1 MB on go through Arrow's parser: the same text cells as pandas' own, quotes kept."""
    df = ke_teks(demo()["aduan_jalan"])
    df.loc[1, "deskripsi"] = 'dua\nbaris, dengan "kutip"'
    df.loc[2, "pelapor_nama"] = ""
    isi = csv_bytes(df)
    assert len(isi) > berkas._BESAR_PYARROW
    besar = berkas.baca_tabel(isi, "aduan_besar.csv")
    pd.testing.assert_frame_equal(besar, pd.read_csv(io.StringIO(isi.decode()), dtype=str, keep_default_na=False))
    assert besar.loc[1, "deskripsi"] == 'dua\nbaris, dengan "kutip"' and besar.loc[2, "pelapor_nama"] == ""
