"""Every kind of bad or unusual file answered: generated here (the big ones small in bytes, large when
unpacked), sent through the import path (``impor.siapkan``) and the CLI (``validate``/``import``).

Per kind the expected outcome: refused before validation with an Indonesian sentence naming what is
wrong (``tolak``), refused row by row with the column and rule named (``galat``), or imported with
exactly the values of the source (``impor``; expected values are the demo's typed values the file was
written from). Always: the store unchanged on refusal, no traceback, no parser's English, no personal
value (the reporters' names and phones planted in the files) in any message.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from functools import lru_cache

import openpyxl
import pandas as pd
import pytest

from indicators.cli import main
from indicators.data import impor, skema
from indicators.data.gudang import Gudang
from tests.bantu import demo, ke_teks

NAMA = ["Siti Aminah Lestari", "Bambang Wicaksono Putra"]
TELEPON = ["0812-6000-1007", "081377002288"]
PRIBADI = [*NAMA, *TELEPON, "08126000", "6000-1007"]
JARGON = ["Traceback", "Error tokenizing", "EOF inside string", "Out of bounds", "BadZipFile", "Invalid null",
          "Expected", "UnboundLocalError", "codec can't", "File \"", "/tmp/"]  # noqa: S108 — a path never shown


def _csv(df: pd.DataFrame, sep: str = ",") -> str:
    return df.to_csv(index=False, sep=sep, lineterminator="\n")


def aduan() -> pd.DataFrame:
    """Eight complaints as a file carries them, with reporters' names and phones planted."""
    df = ke_teks(demo()["aduan_jalan"].head(8))
    df["pelapor_nama"] = [NAMA[i % 2] for i in range(len(df))]
    df["pelapor_telepon"] = [TELEPON[i % 2] for i in range(len(df))]
    return df


def aduan_bertipe() -> pd.DataFrame:
    return skema.validasi(aduan(), "aduan_jalan").data


def _xlsx(lembar: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, baris in lembar.items():
        ws = wb.create_sheet(nama)
        for r in baris:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(entri: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in entri.items():
            z.writestr(n, isi)
    return buf.getvalue()


@lru_cache(maxsize=1)
def bom_zip_xlsx() -> bytes:
    """A workbook of ~1.3 MB whose one sheet unpacks to 440 MB (the issue's 1.9 MB → 440 MB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1"/></sheets></workbook>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b"<worksheet><sheetData>")
            blok = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20000
            for _ in range(440 * 1024 * 1024 // len(blok) + 1):
                f.write(blok)
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


# --- the files, one builder per scenario (named as the fixture file would be) ------------------------

def bytes_0x81_0x8d_csv():
    teks = _csv(aduan()).splitlines()
    baris = [b.encode("cp1252") for b in teks]
    baris[2] = baris[2].replace(b"Jalan", b"Jal\x81an", 1)   # file row 3, column nama_ruas
    baris[4] = baris[4].replace(b"Jalan", b"Jal\x8dan", 1)   # file row 5
    return b"\n".join(baris) + b"\n"


def tanpa_telepon_bergeser_csv():
    teks = _csv(aduan()).splitlines()
    teks[0] = teks[0].removesuffix(",pelapor_telepon")
    return ("\n".join(teks) + "\n").encode()


def koma_di_akhir_baris_csv(juga_kepala: bool):
    teks = _csv(aduan()).splitlines()
    return "\n".join(b + "," if (i or juga_kepala) else b for i, b in enumerate(teks)).encode() + b"\n"


def nama_di_kanal_csv():
    df = aduan()
    df.loc[2, "kanal"] = NAMA[0]
    return _csv(df).encode()


def dua_baris_judul_csv():
    return ("Rekap aduan jalan Kabupaten Lampung Tengah,,,\nKeadaan Oktober 2026,,,\n" + _csv(aduan())).encode()


def kutip_csv(baris: int):
    """The eight complaints with a stray quote opened before the first word of line ``baris``'s road name."""
    teks = _csv(aduan()).splitlines()
    nama = next(t for t in ("Jalan", "Ruas") if t in teks[baris - 1])
    teks[baris - 1] = teks[baris - 1].replace(nama, f'"{nama}', 1)
    return ("\n".join(teks) + "\n").encode()


def program_csv(ubah=None, **kolom) -> bytes:
    df = ke_teks(demo()["program"].head(5))
    for k, v in kolom.items():
        df[k] = v
    if ubah:
        df = ubah(df)
    return _csv(df).encode()


def anggaran_dua_kali_csv():
    teks = _csv(ke_teks(demo()["program"].head(3))).splitlines()
    return ("\n".join([teks[0] + ",anggaran"] + [b + ",5000" for b in teks[1:]]) + "\n").encode()


def layanan(tanggal=None) -> pd.DataFrame:
    df = ke_teks(demo()["layanan_permohonan"].head(6))
    if tanggal is not None:
        df["tanggal_masuk"] = tanggal
        df["tanggal_selesai"] = ""
    return df


def aduan_2031_csv():
    df = aduan()
    df.loc[1, ["waktu_lapor", "waktu_status"]] = ["2031-03-01T10:00:00", "2031-03-02T10:00:00"]
    return _csv(df).encode()


def semua_desa_tak_cocok_csv():
    df = ke_teks(demo()["profil_desa"].head(3)).drop(columns="kode_wilayah")
    df.insert(0, "desa", ["Zzyxq Raya", "Qwerty Ilir", "Asdfgh Baru"])
    return _csv(df).encode()


def docx_xlsx():
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "_rels/.rels": b"<r/>"})


def zip_traversal_xlsx():
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "../../etc/cron.d/x": b"x"})


KASUS = {
    # name: (file name, bytes builder, outcome, expected message / rule (regex))
    "bytes_0x81_0x8d": ("aduan_0x81_0x8d.csv", bytes_0x81_0x8d_csv, "tolak",
                        r"tidak terdefinisi dalam UTF-8 maupun Windows-1252 \(0x81 di baris 3 kolom nama_ruas; "
                        r"0x8D di baris 5 kolom nama_ruas\)"),
    "pdf_diganti_nama": ("aduan.csv", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "tolak",
                         r"berekstensi \.csv tetapi isinya bukan teks CSV: isinya dokumen PDF"),
    "docx_diganti_nama": ("program.xlsx", docx_xlsx, "tolak", r"bukan berkas Excel \(XLSX\): isinya dokumen Word"),
    "zip_rusak": ("program.xlsx", lambda: b"PK\x03\x04" + os.urandom(3000), "tolak", r"rusak atau terpotong"),
    "zip_terpotong": ("program.xlsx", lambda: _xlsx({"a": [["x", "y"], [1, 2]]})[:-40], "tolak",
                      r"rusak atau terpotong"),
    "bom_zip": ("aduan.xlsx", bom_zip_xlsx, "tolak", r"ciri bom zip"),
    "zip_traversal": ("program.xlsx", zip_traversal_xlsx, "tolak", r"path traversal"),
    "xls_lama": ("program.xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "tolak",
                 r"isinya berkas Office lama \(\.xls"),
    "gambar": ("aduan.csv", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "tolak", r"isinya gambar PNG"),
    "kosong": ("aduan.csv", lambda: b"", "tolak", r"berkas tidak berisi data"),
    "kutip_tidak_ditutup": ("aduan.csv", lambda: _csv(aduan()).encode() + b'AJ-X,"2026', "tolak",
                            r"baris 10: tanda kutip \(\"\) dibuka tetapi tidak ditutup"),
    "kutip_liar": ("aduan.csv", lambda: kutip_csv(4), "tolak",
                   r"baris 4: setelah tanda kutip penutup diharapkan pemisah koma \(,\)"),
    "tanpa_telepon_bergeser": ("aduan.csv", tanpa_telepon_bergeser_csv, "tolak",
                               r"berisi 16 nilai, padahal kepala kolom \(baris 1\) hanya punya 15 kolom"),
    "anggaran_dua_kali": ("program.csv", anggaran_dua_kali_csv, "tolak", r"kolom ganda dalam berkas: anggaran"),
    "hanya_kepala": ("program.csv", lambda: skema.templat_csv("program").encode(), "tolak",
                     r"berkas tidak berisi data: hanya kepala kolom \(baris 1\)"),
    "tanggal_0001": ("layanan.csv", lambda: _csv(layanan("0001-01-01")).encode(), "galat",
                     ("tanggal_masuk", r"tahun di luar rentang 1900–2100")),
    "inf": ("program.csv", lambda: program_csv(anggaran=["inf", "1000", "nan", "-inf", "5"]), "galat",
            ("anggaran", r"inf/nan tidak diterima")),
    "tanggal_2031": ("aduan.csv", aduan_2031_csv, "galat", ("waktu_lapor", r"tanggal di masa depan")),
    "nama_di_kanal": ("aduan.csv", nama_di_kanal_csv, "galat", ("kanal", r"nilai harus salah satu dari")),
    "luas_ambigu": ("profil.csv", lambda: _csv(ke_teks(demo()["profil_desa"].head(2)).assign(luas_km2="1.500"))
                    .encode(), "galat", ("luas_km2", r"angka ambigu: 1\.500 .*kolom luas_km2")),
    "tanggal_ambigu": ("layanan.csv", lambda: _csv(layanan(["03/04/2026", "05/06/2026"] * 3)).encode(), "galat",
                       ("tanggal_masuk", r"format tanggal ambigu: 03/04/2026 bisa dd/mm/yyyy atau mm/dd/yyyy")),
    "dua_baris_judul": ("aduan.csv", dua_baris_judul_csv, "impor", None),
    "koma_di_akhir_baris": ("aduan.csv", lambda: koma_di_akhir_baris_csv(False), "impor", None),
    "koma_di_akhir_semua_baris": ("aduan.csv", lambda: koma_di_akhir_baris_csv(True), "impor", None),
    "anggaran_949000": ("program.csv", lambda: program_csv(anggaran=["949.000"] * 5), "impor", None),
    "semua_desa_tak_cocok": ("profil.csv", semua_desa_tak_cocok_csv, "tinjau", None),
}


@pytest.fixture
def cli_dalam_proses():
    """``indicators.cli.main`` in this process; the logging it sets up (a handler on the captured
    stderr) is taken down again so no later test logs into a closed stream."""
    import logging

    akar = logging.getLogger("indicators")
    keadaan = (list(akar.handlers), akar.level, akar.propagate)
    yield main
    akar.handlers[:] = keadaan[0]
    akar.setLevel(keadaan[1])
    akar.propagate = keadaan[2]


def _periksa_pesan(teks: str) -> None:
    for j in JARGON:
        assert j not in teks, (j, teks)
    for v in PRIBADI:
        assert v not in teks, (v, teks)


@pytest.fixture(scope="module")
def gudang(tmp_path_factory):
    """A store holding good data: demo programmes (simulated) and real complaints."""
    g = Gudang(tmp_path_factory.mktemp("buruk") / "buruk.duckdb")
    g.impor(demo()["program"], "program", berkas="demo", pengguna="sistem", sumber="demo")
    g.impor(demo()["aduan_jalan"].head(20), "aduan_jalan", berkas="aduan.csv")
    yield g
    g.tutup()


def _isi(g: Gudang) -> str:
    return json.dumps({n: g.baca(n).to_csv(index=False) for n in skema.muat_skema()}) + g.riwayat_impor().to_csv()


@pytest.mark.parametrize("kasus", list(KASUS))
def test_berkas_buruk_lewat_jalur_impor(kasus, gudang):
    nama, buat, hasil, harap = KASUS[kasus]
    isi = buat()
    sebelum = _isi(gudang)
    if hasil == "tolak":
        with pytest.raises(ValueError, match=harap) as e:
            impor.siapkan(isi, nama, "18.02")
        pesan = str(e.value)
        assert "\n" not in pesan
        _periksa_pesan(pesan)
    else:
        p = impor.siapkan(isi, nama, "18.02")
        _periksa_pesan(" ".join(p.catatan) + p.galat.to_string() + p.peringatan.to_string())
        if hasil == "galat":
            kolom, aturan = harap
            baris = p.galat[p.galat["kolom"] == kolom]
            assert len(baris) and baris["aturan"].str.contains(aturan).all(), p.galat.to_dict("records")
            assert not p.siap
            with pytest.raises(ValueError, match="tidak ada yang diimpor"):
                impor.jalankan(p, gudang)
        elif hasil == "tinjau":  # every name unmatched: the review step, never a crash
            assert len(p.perlu_pilihan) == 3 and set(p.perlu_pilihan["match"]) == {"unmatched"}
            assert not p.siap
        else:
            assert p.siap, p.galat.to_dict("records")
    assert _isi(gudang) == sebelum


@pytest.mark.parametrize("kasus", list(KASUS))
def test_berkas_buruk_lewat_cli_validate(kasus, tmp_path, capsys, cli_dalam_proses):
    nama, buat, hasil, _ = KASUS[kasus]
    f = tmp_path / nama
    f.write_bytes(buat())
    kode = cli_dalam_proses(["validate", str(f), "--district", "18.02"])
    out, err = capsys.readouterr()
    _periksa_pesan((out + err).replace(str(f), "BERKAS"))  # the operator's own path may be echoed
    if hasil == "tolak":
        assert kode == 2 and err.count("\n") == 1 and err.startswith("galat: "), err
    elif hasil in ("galat", "tinjau"):
        assert kode == 1 and "tidak ada yang diimpor" in err
    else:
        assert kode == 0 and "baris valid" in out


def test_nilai_yang_diimpor_sama_dengan_sumber():
    """Imported kinds carry exactly the source's values (worked out from the demo rows written)."""
    harap = aduan_bertipe().reset_index(drop=True)
    for kasus in ("dua_baris_judul", "koma_di_akhir_baris", "koma_di_akhir_semua_baris"):
        nama, buat, _, _ = KASUS[kasus]
        p = impor.siapkan(buat(), nama, "18.02")
        pd.testing.assert_frame_equal(p.validasi.data.reset_index(drop=True), harap)
    p = impor.siapkan(KASUS["anggaran_949000"][1](), "program.csv", "18.02")
    assert p.validasi.data["anggaran"].tolist() == [949000.0] * 5
    assert any("titik dibaca sebagai pemisah ribuan" in c for c in p.catatan)


def test_judul_di_atas_nomor_baris_galat_sesuai_berkas():
    df = aduan()
    df.loc[3, "dukungan"] = "banyak"
    isi = ("Rekap aduan,,\nOktober 2026,,\n" + _csv(df)).encode()
    p = impor.siapkan(isi, "aduan.csv", "18.02")
    # header in file row 3, data from row 4: data index 3 is file row 7
    assert p.galat[["baris", "kolom"]].values.tolist() == [[7, "dukungan"]]
    assert "kepala kolom di baris 3; baris 1–2 (judul) dilewati" in p.catatan


def test_bom_zip_ditolak_cepat_dengan_memori_kecil():
    isi = bom_zip_xlsx()
    assert len(isi) < 2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        assert sum(i.file_size for i in z.infolist()) > 440 * 1024 * 1024
    tracemalloc.start()
    mulai = time.perf_counter()
    with pytest.raises(ValueError, match="bom zip"):
        impor.siapkan(isi, "aduan.xlsx", "18.02")
    lama = time.perf_counter() - mulai
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lama < 2.0 and puncak < 20 * 1024 * 1024, (lama, puncak)


def test_berkas_kosong_tidak_mengganti_data_demo(gudang):
    assert "program" in gudang.dataset_demo()
    sebelum = _isi(gudang)
    with pytest.raises(ValueError, match="berkas tidak berisi data"):
        gudang.impor(skema.kosongkan(pd.DataFrame(), "program"), "program", berkas="kosong.csv")
    with pytest.raises(ValueError, match="berkas tidak berisi data"):
        gudang.rencana(skema.kosongkan(pd.DataFrame(), "program"), "program")
    assert _isi(gudang) == sebelum and "program" in gudang.dataset_demo()


def test_tanggal_ambigu_dengan_format_dari_petugas():
    tgl = ["03/04/2026 08:15", "05/06/2026 09:30"] * 3
    isi = _csv(layanan(tgl)).encode()
    p = impor.siapkan(isi, "layanan.csv", "18.02")
    assert set(p.tanggal_ambigu) == {"tanggal_masuk"} and p.tanggal_ambigu["tanggal_masuk"]["contoh"] == tgl[0]
    p = impor.siapkan(isi, "layanan.csv", "18.02", format_tanggal={"tanggal_masuk": "dd/mm/yyyy"})
    assert p.siap
    assert p.validasi.data["tanggal_masuk"].tolist()[:2] == [pd.Timestamp("2026-04-03 08:15"),
                                                            pd.Timestamp("2026-06-05 09:30")]
    assert "kolom tanggal_masuk dibaca sebagai dd/mm/yyyy hh:mm" in p.catatan


def test_cli_subproses_satu_baris_exit_2_gudang_tetap(tmp_path):
    store = tmp_path / "s.duckdb"
    g = Gudang(store)
    g.impor(demo()["program"], "program", berkas="demo", pengguna="sistem", sumber="demo")
    sebelum = _isi(g)
    g.tutup()
    for kasus in ("bytes_0x81_0x8d", "pdf_diganti_nama", "bom_zip", "hanya_kepala", "tanpa_telepon_bergeser"):
        nama, buat, _, harap = KASUS[kasus]
        f = tmp_path / nama
        f.write_bytes(buat())
        r = subprocess.run([sys.executable, "-m", "indicators", "import", str(f), "--store", str(store)],
                           capture_output=True, text=True, timeout=300, check=False)
        assert r.returncode == 2 and r.stdout == "" and len(r.stderr.splitlines()) == 1, (kasus, r.stderr)
        assert re.search(harap, r.stderr)
        _periksa_pesan(r.stderr)
    g = Gudang(store)
    assert _isi(g) == sebelum
    g.tutup()


def test_zip_shapefile_dengan_batas_arsip_yang_sama():
    from indicators.data.berkas import periksa_berkas_batas

    shp = {"batas.shp": b"x", "batas.shx": b"x", "batas.dbf": b"x"}
    assert periksa_berkas_batas(_zip(shp), "batas.zip") == ".zip"
    with pytest.raises(ValueError, match="path traversal"):
        periksa_berkas_batas(_zip({**shp, "../batas.prj": b"x"}), "batas.zip")
    with pytest.raises(ValueError, match="ciri bom zip"):
        periksa_berkas_batas(_zip({**shp, "batas.cpg": b"0" * (5 * 1024 * 1024)}), "batas.zip")
    with pytest.raises(ValueError, match="rusak atau terpotong"):
        periksa_berkas_batas(_zip(shp)[:-30], "batas.zip")
