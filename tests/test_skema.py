"""Schema validation: per-row reports against errors planted by hand; templates; redaction."""
import pandas as pd
import pytest

from indicators.data import skema
from indicators.data.berkas import baca_tabel, periksa_berkas
from tests.bantu import demo, ke_teks


def test_setiap_dataset_data_md_dideklarasikan():
    wajib = {"profil_desa", "desa_website", "layanan_permohonan", "ronda_laporan", "aduan_jalan",
             "aduan_jalan_riwayat", "ruas_jalan", "program", "program_progres", "nilai_indikator"}
    assert set(skema.muat_skema()) == wajib


def test_deskripsi_dua_bahasa_lengkap():
    for ds in skema.muat_skema().values():
        assert ds.deskripsi["id"] and ds.deskripsi["en"]
        for c in ds.kolom.values():
            assert c.deskripsi["id"].strip() and c.deskripsi["en"].strip(), (ds.nama, c.nama)
        assert set(ds.kunci) <= set(ds.kolom)


def test_berkas_sepuluh_persen_rusak_setiap_baris_disebut():
    """100 rows of programme progress, 10 broken by hand in 10 different ways."""
    teks = ke_teks(demo()["program_progres"].head(100))
    rusak = {  # data row index → (column, bad value, rule expected in the report)
        3: ("periode", "2026-13", "periode harus berbentuk YYYY-MM"),
        11: ("target_persen", "abc", "bukan angka yang valid"),
        17: ("id_program", "", "wajib diisi"),
        25: ("realisasi_persen", "150", "nilai maksimum 100"),
        33: ("realisasi_anggaran", "-5", "nilai minimum 0"),
        41: ("periode", "", "wajib diisi"),
        52: ("target_persen", "12..5", "bukan angka yang valid"),
        60: ("realisasi_persen", "-0.1", "nilai minimum 0"),
        77: ("periode", "26-01", "periode harus berbentuk YYYY-MM"),
        95: ("realisasi_anggaran", "1e3x", "bukan angka yang valid"),
    }
    for i, (kol, nilai, _) in rusak.items():
        teks.at[i, kol] = nilai
    hasil = skema.validasi(teks, "program_progres")
    assert not hasil.valid
    # row number as in the file: header is row 1, data row i is row i + 2
    dilapor = {(r.baris, r.kolom, r.aturan) for r in hasil.galat.itertuples()}
    assert dilapor == {(i + 2, kol, aturan) for i, (kol, _, aturan) in rusak.items()}


def test_nilai_pribadi_disamarkan_dalam_laporan():
    df = ke_teks(demo()["aduan_jalan"].head(5))
    df.at[2, "pelapor_telepon"] = "hubungi saya 0812 ya!"
    hasil = skema.validasi(df, "aduan_jalan")
    baris = hasil.galat[hasil.galat.kolom == "pelapor_telepon"]
    assert baris.baris.tolist() == [4]
    assert baris.nilai.tolist() == [skema.DISAMARKAN]
    assert "0812" not in hasil.galat.to_string()


def test_kolom_wajib_hilang_dan_kunci_ganda():
    df = ke_teks(demo()["program"].head(4)).drop(columns=["opd"])
    assert skema.validasi(df, "program").galat[["baris", "kolom", "aturan"]].values.tolist() == [
        [1, "opd", "kolom wajib tidak ada"]
    ]
    df = ke_teks(demo()["program"].head(4))
    df.loc[3] = df.loc[1]
    g = skema.validasi(df, "program").galat
    assert g[["baris", "aturan"]].values.tolist() == [[5, "kunci ganda dalam berkas"]]


def test_aturan_antar_kolom():
    df = ke_teks(demo()["layanan_permohonan"].head(3))
    df.at[0, "tanggal_selesai"] = "2000-01-01T00:00:00"
    g = skema.validasi(df, "layanan_permohonan").galat
    assert g[["baris", "kolom"]].values.tolist() == [[2, "tanggal_selesai"]]


def test_koma_desimal_dan_boolean_indonesia():
    df = ke_teks(demo()["desa_website"].head(2))
    df["aktif"] = ["ya", "tidak"]
    hasil = skema.validasi(df, "desa_website")
    assert hasil.valid and hasil.data["aktif"].tolist() == [True, False]
    df = ke_teks(demo()["profil_desa"].head(1))
    df["luas_km2"] = ["12,5"]
    assert skema.validasi(df, "profil_desa").data["luas_km2"].tolist() == [12.5]


@pytest.mark.parametrize("nama", sorted(skema.muat_skema()))
def test_templat_berisi_semua_kolom(nama):
    kepala = skema.templat_csv(nama).strip().split(",")
    assert kepala == list(skema.skema(nama).kolom)
    assert skema.tebak_dataset(kepala) == nama


def test_berkas_salah_ekstensi_atau_terlalu_besar_ditolak_sebelum_dibaca(tmp_path):
    xlsx = tmp_path / "x.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(xlsx, index=False)
    with pytest.raises(ValueError, match="bukan teks CSV"):
        periksa_berkas(xlsx.read_bytes(), "diganti_nama.csv")
    with pytest.raises(ValueError, match="bukan berkas Excel"):
        periksa_berkas(b"a,b\n1,2\n", "palsu.xlsx")
    with pytest.raises(ValueError, match="melebihi batas"):
        periksa_berkas(b"a,b\n" + b"1,2\n" * 100, "besar.csv", batas_byte=100)
    with pytest.raises(ValueError, match="tidak didukung"):
        periksa_berkas(b"a", "data.json")
    assert baca_tabel(xlsx).to_dict("records") == [{"a": "1"}]


def test_baris_kosong_tidak_menggeser_nomor_baris():
    # file rows: 1 header, 2 valid, 3 blank, 4 valid, 5 bad periode → the report must say row 5
    isi = (b"id_program,periode,target_persen,realisasi_persen,realisasi_anggaran\n"
           b"P1,2026-01,10,10,0\n\nP1,2026-02,20,15,0\nP1,2026-13,30,20,0\n")
    hasil = skema.validasi(baca_tabel(isi, "progres.csv"), "program_progres")
    assert hasil.galat[["baris", "kolom"]].values.tolist() == [[5, "periode"]]
    assert len(hasil.data) == 3
