"""Every "Lihat datanya" of the briefing opens its evidence page at the same period, tab and filter,
and that page shows the statement's number (issue 15). Through AppTest: the links are read from the
Ringkasan page itself, then each target page is opened with the link's query string."""
from urllib.parse import parse_qsl, urlencode

import pytest

from indicators.dasar.format import angka
from indicators.dasar.label import teks
from indicators.ringkasan import perhatian as ph
from indicators.ringkasan.susun import susun_ringkasan
from indicators.skor import muat_kerangka
from tests.bantu import buka_halaman, demo

PERIODE = ("2026-10", "2026-09")


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "tautan.duckdb"))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def ringkasan():
    return {p: susun_ringkasan(demo(), muat_kerangka(), "18.02", p, n_teratas=5) for p in PERIODE}


def _metrik(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _tampilkan_angka(p: ph.Pernyataan, harapan: float | None = None) -> None:
    """Open the statement's evidence page with its link and find the statement's number there."""
    at = buka_halaman(p.halaman, **p.parameter("id"))
    m, a = _metrik(at), p.angka
    if p.topik == "aduan_kewenangan":
        from indicators.aduan.aturan import judul_kolom, label_kategori

        assert m[teks("aduan_terbuka", "id")] == angka(a["total"], 0)            # every open complaint then
        j = judul_kolom(["kewenangan", "terbuka", "persen_terbuka"], "id")
        kew = next(d.value for d in at.dataframe if {j["kewenangan"], j["persen_terbuka"]} <= set(d.value.columns))
        baris = kew.set_index(j["kewenangan"]).loc[label_kategori("kewenangan", "id")[a["kewenangan"]]]
        assert baris[j["terbuka"]] == angka(a["jumlah"], 0)                      # the table as written on screen
        assert baris[j["persen_terbuka"]] == angka(a["persen"], 1)               # rounded to 0.1, decimal comma
    elif p.topik == "data_kosong":
        assert m[teks("lay_belum_input", "id")] == angka(a["desa"], 0)
    elif p.topik == "program_terlambat":
        assert m[teks("program_terlambat", "id")] == angka(a["terlambat"], 0)
        assert m[teks("prg_jumlah_program", "id")] == angka(a["total"], 0)
    elif p.topik in ("pilar_terlemah", "pilar_turun"):
        label = next(x.nama["id"] for x in muat_kerangka().pilar if x.id == a["pilar"])
        assert m[f"{label} · {teks('kabupaten', 'id')}"] == angka(harapan, 1)
    elif p.topik in ("kecamatan_turun", "kecamatan_terbawah"):
        assert m[teks("indeks", "id")] == angka(harapan, 1)
    else:
        raise AssertionError(f"topik tanpa pemeriksaan: {p.topik}")


@pytest.mark.parametrize("periode", PERIODE)
def test_tautan_di_halaman_sama_dengan_pernyataan(ringkasan, periode):
    at = buka_halaman("pages/ringkasan.py", periode=periode)
    tautan = [e.proto for e in at.get("page_link")]
    r = ringkasan[periode]
    assert len(tautan) == len(r.perhatian) == 3
    for proto, p in zip(tautan, r.perhatian, strict=True):
        assert dict(parse_qsl(proto.query_string)) == p.parameter("id"), (p.topik, proto.query_string)
        assert proto.query_string == urlencode(p.parameter("id"))


@pytest.mark.parametrize("periode", PERIODE)
def test_setiap_tautan_menunjukkan_angka_pernyataan(ringkasan, periode):
    for p in ringkasan[periode].perhatian:
        _tampilkan_angka(p)


def test_tautan_pilar_dan_kecamatan(ringkasan):
    # the score statements did not make the top three on the demo: check their links one by one
    r = ringkasan["2026-10"]
    kec = r.kecamatan
    calon = [ph.perhatian_pilar_terlemah(r.pilar, r.periode),
             ph.perhatian_kecamatan_terbawah(kec, muat_kerangka(), r.periode)]
    turun = ph.perhatian_kecamatan_turun(kec, r.periode_lalu, 0.5, r.periode)
    if turun is not None:
        calon.append(turun)
    pilar, indeks = r.pilar.set_index("ukuran")["skor"], kec.set_index("kode_wilayah")["indeks"]
    for p in calon:     # the number each sentence states: the pillar's score, the kecamatan's index
        harapan = indeks[p.angka["kode_wilayah"]] if p.topik.startswith("kecamatan") else pilar[p.angka["pilar"]]
        assert angka(harapan, 1) in p.teks["id"]
        _tampilkan_angka(p, float(harapan))


def test_evaluasi_menjelaskan_beda_indeks_capaian_dan_komposit(ringkasan):
    # one sentence with both numbers and a link to the method page's section on the two indices
    from indicators.evaluasi.indeks import ANKER_INDEKS_CAPAIAN
    from indicators.evaluasi.susun import evaluasi

    h = evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")
    assert h.indeks_komposit == pytest.approx(ringkasan["2026-10"].indeks)
    at = buka_halaman("pages/evaluasi.py", periode="2026-10")
    kalimat = next(m.value for m in at.markdown if "Indeks capaian (" in m.value)
    assert f"Indeks capaian ({angka(h.indeks, 1)})" in kalimat
    assert f"Indeks kabupaten ({angka(ringkasan['2026-10'].indeks, 1)})" in kalimat
    assert f"(/metodologi#{ANKER_INDEKS_CAPAIAN})" in kalimat
    m = buka_halaman("pages/metodologi.py")
    assert any(x.proto.anchor == ANKER_INDEKS_CAPAIAN for x in m.header)
    # freshness in each indicator's own period: annual sources never as "0 bulan"
    cak = next(d.value for d in at.dataframe if teks("eva_kol_data_tahunan_terlama", "id") in d.value.columns)
    assert set(cak[teks("eva_kol_data_tahunan_terlama", "id")]) == {"2026"}
    assert teks("eva_kol_umur_tahun", "id") in cak.columns
