"""The demo generator: deterministic, schema-valid, plausible magnitudes, the imperfections of docs/data.md."""
import hashlib

import pandas as pd
import pytest

from indicators.aduan import aturan
from indicators.aduan import siapan as aduan
from indicators.data import skema
from indicators.data.demo import buat_demo
from indicators.wilayah.daftar import daftar_wilayah
from tests.bantu import demo, ke_teks


def _sidik(data):
    return {k: hashlib.sha256(v.to_csv(index=False).encode()).hexdigest() for k, v in data.items()}


def test_deterministik_byte_identik():
    a = buat_demo("18.02", bulan=3, dataset=["profil_desa", "layanan_permohonan", "aduan_jalan"])
    b = buat_demo("18.02", bulan=3, dataset=["profil_desa", "layanan_permohonan", "aduan_jalan"])
    assert _sidik(a) == _sidik(b)
    c = buat_demo("18.02", seed=7, bulan=3, dataset=["profil_desa"])
    assert _sidik(c)["profil_desa"] != _sidik(a)["profil_desa"]


@pytest.mark.parametrize("nama", sorted(skema.muat_skema()))
def test_setiap_dataset_lolos_skemanya_sendiri(nama):
    hasil = skema.validasi(ke_teks(demo()[nama]), nama)
    assert hasil.valid, hasil.galat.head()


def test_semua_desa_register_dan_besaran_masuk_akal():
    d = demo()
    desa = daftar_wilayah("18.02", "desa")
    assert sorted(d["profil_desa"].kode_wilayah) == sorted(desa.kode_wilayah)
    # docs/data.md: about 1.5 million people; tens of thousands of requests and a few thousand complaints a year
    assert 1.2e6 < d["profil_desa"].penduduk.sum() < 1.8e6
    tahun = 2
    assert 10_000 < len(d["layanan_permohonan"]) / tahun < 100_000
    assert 1_000 < len(d["aduan_jalan"]) / tahun < 10_000
    periode = d["layanan_permohonan"].tanggal_masuk.dt.strftime("%Y-%m")
    assert periode.nunique() == 24 and periode.max() == "2026-10"


def test_ketidaksempurnaan_yang_dijanjikan_data_md():
    d = demo()
    desa = daftar_wilayah("18.02", "desa")
    tanpa = (~desa.kode_wilayah.isin(d["layanan_permohonan"].kode_wilayah)).mean()
    assert 0.01 < tanpa < 0.12  # "95 % done, waiting for each village operator"
    lp = d["layanan_permohonan"]
    menit = (lp.tanggal_selesai - lp.tanggal_masuk).dt.total_seconds() < 600
    assert menit.sum() > 100  # requests "closed" within minutes
    assert (d["profil_desa"].sinyal != "4g").sum() > 10  # areas without 4G
    assert (aduan.titik_bermasalah(d["aduan_jalan"]) == "latlon_tertukar").sum() >= 1
    assert (d["aduan_jalan"].status == "duplikat").sum() > 50
    web = d["desa_website"]
    assert len(web) < 311 * 24  # missing monthly snapshots


def test_aduan_terpusat_di_jalan_provinsi_kecamatan_yang_disebut_bupati():
    a = demo()["aduan_jalan"]
    desa = daftar_wilayah("18.02", "desa").set_index("kode_wilayah")
    kec = daftar_wilayah("18.02", "kecamatan").set_index("kode_wilayah")["nama"]
    a = a.assign(kecamatan=kec.reindex(desa.kode_induk.reindex(a.kode_wilayah)).to_numpy())
    fokus = {"Padang Ratu", "Kalirejo", "Bekri", "Pubian", "Selagai Lingga", "Kota Gajah", "Bandar Surabaya"}
    prov = a[a.status_jalan == "provinsi"]
    # most provincial-road complaints come from the named kecamatan (7 of 28)
    assert prov.kecamatan.isin(fokus).mean() > 0.5
    buka = a[aturan.tandai_terbuka(a)]
    assert (buka.status_jalan == "provinsi").mean() > 0.4


def test_kabupaten_lain_dan_skala_provinsi():
    d = buat_demo("52.02", bulan=2, dataset=["profil_desa", "aduan_jalan"])
    assert len(d["profil_desa"]) == 154
    assert d["aduan_jalan"].kode_wilayah.str.startswith("52.02.").all()
    p = buat_demo("18.02", bulan=1, dataset=["profil_desa"], skala="province")
    assert p["profil_desa"].kode_wilayah.str[:5].nunique() == 15  # Lampung has 15 kabupaten/kota
    with pytest.raises(ValueError, match="skala"):
        buat_demo("18.02", skala="planet")
    with pytest.raises(ValueError, match="dataset tidak dikenal"):
        buat_demo("18.02", dataset=["tidak_ada"])


def test_kontak_pribadi_palsu_tetapi_realistis():
    a = demo()["aduan_jalan"]
    assert a.pelapor_telepon.str.fullmatch(r"08\d{10}").all()
    assert (a.deskripsi.str.contains(r"08\d{10}")).sum() > 10  # some reporters write their number in the text
    assert isinstance(a.pelapor_nama.iloc[0], str) and " " in a.pelapor_nama.iloc[0]
    assert pd.api.types.is_datetime64_any_dtype(a.waktu_lapor)
