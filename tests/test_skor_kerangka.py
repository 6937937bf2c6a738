"""The framework file: complete in both languages by construction, Kominfo's pillars and elements,
and clear errors for every kind of mistake a planner can make when editing it."""
import copy
import re

import pytest

from indicators.skor.kerangka import BERKAS_BAWAAN, PILAR, baca_kerangka, baca_yaml, muat_kerangka

# docs/metode.md, "Pilar dan elemen bawaan" (Kominfo, Gerakan Menuju 100 Smart City, 2024 evaluation)
ELEMEN_KOMINFO = {
    "governance": ["Layanan Publik", "Kebijakan Publik", "Tata Kelola Birokrasi"],
    "branding": ["Pariwisata", "Bisnis", "Wajah Kota"],
    "economy": ["Industri", "Kesejahteraan", "Transaksi"],
    "living": ["Harmoni", "Kesehatan", "Mobilitas"],
    "society": ["Komunitas", "Pendidikan", "Keamanan"],
    "environment": ["Proteksi", "Sampah", "Energi"],
}


@pytest.fixture(scope="module")
def kerangka():
    return muat_kerangka()


@pytest.fixture(scope="module")
def mentah():
    return baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8"))


def test_enam_pilar_dengan_elemen_kominfo(kerangka):
    assert [p.id for p in kerangka.pilar] == list(PILAR)
    el = {e.id: e for e in kerangka.elemen}
    for p in kerangka.pilar:
        assert [el[e].nama["id"] for e in p.elemen] == ELEMEN_KOMINFO[p.id]


def test_jumlah_indikator_dan_cakupan_elemen(kerangka):
    assert 28 <= len(kerangka.indikator) <= 34
    for p in kerangka.pilar:
        assert sum(1 for i in kerangka.indikator if i.pilar == p.id) >= 3, p.id
    for e in kerangka.elemen:
        assert e.indikator, e.id


def test_setiap_indikator_lengkap_dalam_dua_bahasa(kerangka):
    for i in kerangka.indikator:
        for b in ("id", "en"):
            assert i.nama[b].strip() and i.definisi[b].strip() and i.dasar_goalposts[b].strip(), (i.id, b)
        assert i.satuan.strip() and i.arah in ("higher", "lower") and i.bobot > 0 and i.tingkat, i.id
        assert i.goalposts is not None, i.id        # every default indicator has a standard or target
        assert i.hitung["jenis"], i.id
        assert i.dimensi in ("baseline", "output", "outcome", "impact", "quick_win"), i.id
    for x in (*kerangka.pilar, *kerangka.elemen):
        assert x.nama["id"].strip() and x.nama["en"].strip()
    for b in kerangka.kematangan:
        assert b.nama["id"].strip() and b.nama["en"].strip()
    for bahasa in ("id", "en"):
        t = kerangka.tabel_indikator(bahasa)
        assert len(t) == len(kerangka.indikator)
        assert (t[["nama", "definisi", "pilar_nama", "elemen_nama"]].map(str.strip) != "").all().all()


def test_nilai_indikator_membawa_tingkat_data_dan_parameter_demo(kerangka):
    urutan = {"desa": 0, "kecamatan": 1, "kabupaten": 2}
    for i in kerangka.indikator:
        if i.sumber != "nilai_indikator":
            continue
        assert i.tingkat_data in urutan and set(i.demo) >= {"rata", "sb"}, i.id
        # an indicator is never shown at a level finer than the agency supplies it
        assert min(urutan[t] for t in i.tingkat) >= urutan[i.tingkat_data], i.id


def test_data_produk_dipakai_dan_setiap_pilar_ada_di_setiap_tingkat(kerangka):
    sumber = {i.sumber for i in kerangka.indikator}
    assert sumber >= {"desa_website", "layanan_permohonan", "ronda_laporan", "ruas_jalan", "aduan_jalan",
                      "profil_desa", "program_progres", "nilai_indikator"}
    for t in ("desa", "kecamatan", "kabupaten"):
        assert [p.id for p in kerangka.untuk_tingkat(t).pilar] == list(PILAR), t


def test_pita_kematangan_lima_sama_lebar(kerangka):
    assert [(b.level, b.batas_bawah) for b in kerangka.kematangan] == [(1, 0), (2, 20), (3, 40), (4, 60), (5, 80)]
    assert kerangka.kematangan[0].nama["id"] == "Rintisan" and kerangka.kematangan[-1].nama["id"] == "Optimal"


def _ind(raw, pilar=0, elemen=0, indikator=0):
    return raw["pillars"][pilar]["elements"][elemen]["indicators"][indikator]


def _ubah_pilar_tak_dikenal(r):
    r["pillars"][0]["id"] = "smart_people"


def _ubah_id_ganda(r):
    _ind(r, 0, 0, 1)["id"] = _ind(r, 0, 0, 0)["id"]


def _ubah_id_ganda_elemen(r):
    r["pillars"][1]["elements"][0]["id"] = r["pillars"][0]["elements"][0]["id"]


def _ubah_bobot_nol(r):
    _ind(r)["weight"] = 0


def _ubah_bobot_negatif_pilar(r):
    r["pillars"][2]["weight"] = -1


def _ubah_goalposts_terbalik(r):
    _ind(r)["goalposts"] = [100, 0]          # gov_sla_layanan is "higher"


def _ubah_goalposts_terbalik_lower(r):
    i = next(i for e in r["pillars"][0]["elements"] for i in e["indicators"] if i["direction"] == "lower")
    i["goalposts"] = list(reversed(i["goalposts"]))


def _ubah_goalposts_sama(r):
    _ind(r)["goalposts"] = [5, 5]


def _ubah_tanpa_nama_en(r):
    del _ind(r)["name"]["en"]


def _ubah_definisi_kosong(r):
    _ind(r)["definition"]["id"] = "  "


def _ubah_sumber_tak_dikenal(r):
    _ind(r)["source"] = "data_rahasia"


def _ubah_tingkat_tak_dikenal(r):
    _ind(r)["levels"] = ["provinsi"]


def _ubah_arah_tak_dikenal(r):
    _ind(r)["direction"] = "up"


def _ubah_hitung_tak_dikenal(r):
    _ind(r)["hitung"] = {"jenis": "tebak"}


def _ubah_operator_filter(r):
    _ind(r)["hitung"]["pembilang"]["filter"] = {"status": {"mirip": "selesai"}}


def _ubah_elemen_kosong(r):
    r["pillars"][0]["elements"][0]["indicators"] = []


@pytest.mark.parametrize("ubah,pesan", [
    (_ubah_pilar_tak_dikenal, "pilar tidak dikenal 'smart_people'"),
    (_ubah_id_ganda, "id ganda 'gov_sla_layanan'"),
    (_ubah_id_ganda_elemen, "id ganda 'layanan_publik'"),
    (_ubah_bobot_nol, "bobot harus angka > 0, bukan 0"),
    (_ubah_bobot_negatif_pilar, "bobot harus angka > 0, bukan -1"),
    (_ubah_goalposts_terbalik, "goalposts terbalik untuk arah 'higher'"),
    (_ubah_goalposts_terbalik_lower, "goalposts terbalik untuk arah 'lower'"),
    (_ubah_goalposts_sama, "goalposts terburuk dan terbaik sama"),
    (_ubah_tanpa_nama_en, "'name.en' kosong"),
    (_ubah_definisi_kosong, "'definition.id' kosong"),
    (_ubah_sumber_tak_dikenal, "'source' 'data_rahasia' bukan dataset yang dikenal"),
    (_ubah_tingkat_tak_dikenal, "'levels' harus daftar"),
    (_ubah_arah_tak_dikenal, "'direction' harus higher atau lower"),
    (_ubah_hitung_tak_dikenal, "'hitung.jenis' harus salah satu dari"),
    (_ubah_operator_filter, "operator tidak dikenal ['mirip']"),
    (_ubah_elemen_kosong, "'indicators' harus berisi sedikitnya satu indikator"),
])
def test_kesalahan_kerangka_dilaporkan_dengan_jelas(mentah, ubah, pesan):
    r = copy.deepcopy(mentah)
    ubah(r)
    with pytest.raises(ValueError, match=re.escape(pesan)) as e:
        baca_kerangka(r, "kerangka.yaml")
    assert str(e.value).startswith("pillars[")     # the message says where in the file


def test_berkas_tidak_ada_atau_bukan_yaml(tmp_path):
    with pytest.raises(ValueError, match="tidak ditemukan"):
        muat_kerangka(tmp_path / "tidak_ada.yaml")
    rusak = tmp_path / "rusak.yaml"
    rusak.write_text("pillars: [\n  - id: governance\n   name", encoding="utf-8")
    with pytest.raises(ValueError, match="bukan YAML yang valid"):
        muat_kerangka(rusak)
    kosong = tmp_path / "kosong.yaml"
    kosong.write_text("versi: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="harus berisi daftar 'pillars'"):
        muat_kerangka(kosong)


def test_untuk_tingkat_membuang_indikator_dan_elemen_yang_tidak_ada(kerangka):
    desa = kerangka.untuk_tingkat("desa")
    assert all("desa" in i.tingkat for i in desa.indikator)
    assert "gov_spbe" not in {i.id for i in desa.indikator}                 # supplied per kabupaten only
    assert "kebijakan_publik" not in {e.id for e in desa.elemen}            # its only indicator is kabupaten-level
    with pytest.raises(ValueError, match="tingkat harus"):
        kerangka.untuk_tingkat("provinsi")
