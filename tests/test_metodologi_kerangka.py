"""The framework texts the methodology page lists: whole in both languages, and a planner's unquoted
comma in a two-language text is refused with a clear error instead of cutting the text."""
import copy

import pytest

from indicators.skor.kerangka import BERKAS_BAWAAN, baca_kerangka, baca_yaml, muat_kerangka


def test_nama_inggris_per_1000_tidak_terpotong_di_koma():
    nama = {i.id: i.nama["en"] for i in muat_kerangka().indikator}
    assert nama["brand_kunjungan_wisata"] == "Tourist visits per 1,000 residents"
    assert nama["eco_ikm"] == "Micro and small industries per 1,000 people"
    assert nama["eco_qris"] == "QRIS merchants per 1,000 people"


def test_teks_dua_bahasa_dengan_kunci_lain_ditolak_dengan_pesan_jelas():
    raw = copy.deepcopy(baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8")))
    # what YAML makes of `{id: ..., en: Tourist visits per 1,000 residents}` without quotes
    raw["pillars"][1]["elements"][0]["indicators"][0]["name"] = {
        "id": "Kunjungan wisatawan per 1.000 penduduk", "en": "Tourist visits per 1", "000 residents": None}
    with pytest.raises(ValueError, match=r"brand_kunjungan_wisata.*'name' berisi kunci tak dikenal \['000 residents'\]"
                                         r".*tanda kutip"):
        baca_kerangka(raw)


@pytest.mark.parametrize("tempat", ["pilar", "elemen", "kematangan", "definisi"])
def test_kunci_lain_ditolak_di_setiap_teks(tempat):
    raw = copy.deepcopy(baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8")))
    teks = {"id": "a", "en": "b", "fr": "c"}
    if tempat == "pilar":
        raw["pillars"][0]["name"] = teks
    elif tempat == "elemen":
        raw["pillars"][0]["elements"][0]["name"] = teks
    elif tempat == "kematangan":
        raw["kematangan"][0]["nama"] = teks
    else:
        raw["pillars"][0]["elements"][0]["indicators"][0]["definition"] = teks
    with pytest.raises(ValueError, match=r"kunci tak dikenal \['fr'\]"):
        baca_kerangka(raw)
