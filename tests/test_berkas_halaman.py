"""The Data page answers bad files with one Indonesian sentence: no exception, no traceback, no server
path, no personal value (AppTest uploads through the page's own file widget)."""
from __future__ import annotations

import re

import pytest

from tests.bantu import buka_halaman, tampak
from tests.test_berkas_buruk import JARGON, KASUS, PRIBADI


@pytest.fixture(scope="module", autouse=True)
def gudang_halaman(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("halaman") / "halaman.duckdb"))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def halaman():
    return buka_halaman("pages/data.py", sebagai="petugas")


@pytest.mark.parametrize("kasus", ["bytes_0x81_0x8d", "pdf_diganti_nama", "zip_rusak", "hanya_kepala",
                                   "tanpa_telepon_bergeser", "kutip_tidak_ditutup"])
def test_halaman_data_menjawab_berkas_buruk(halaman, kasus):
    nama, buat, _, harap = KASUS[kasus]
    at = halaman
    at.file_uploader(key="unggah").set_value((nama, buat(), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    galat = [tampak(e.value) for e in at.error]
    assert len(galat) == 1, galat

    assert re.search(harap, galat[0]), galat[0]
    assert "\n" not in galat[0]
    semua = " ".join(tampak(e.value) for e in [*at.error, *at.warning, *at.info, *at.markdown, *at.caption])
    for j in JARGON:
        assert j not in semua, j
    for v in PRIBADI:
        assert v not in semua, v


def test_halaman_data_tanggal_ambigu_ditanyakan(halaman):
    nama, buat, _, _ = KASUS["tanggal_ambigu"]
    at = halaman
    at.file_uploader(key="unggah").set_value((nama, buat(), "text/csv"))
    at.run()
    assert not at.exception, at.exception
    pilih = [s for s in at.selectbox if s.key and s.key.startswith("format_") and s.key.endswith("_tanggal_masuk")]
    assert len(pilih) == 1 and pilih[0].options[1:] == ["dd/mm/yyyy", "mm/dd/yyyy"]
    pilih[0].set_value("dd/mm/yyyy")
    at.run()
    assert not at.exception, at.exception
    assert not [s for s in at.selectbox if s.key and s.key.startswith("format_")]
    assert not at.error, [e.value for e in at.error]
