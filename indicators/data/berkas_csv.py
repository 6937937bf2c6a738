"""CSV text: its encoding and separator detected and named, its records parsed with errors in Indonesian.

Encodings, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark (every
other byte zero); UTF-8; Windows-1252 (which also reads Latin-1 text). Bytes that none of them
defines — 0x81, 0x8D, 0x8F, 0x90, 0x9D, or stray bytes in a UTF-8 file — are reported by row and
column, never guessed. The separator is the one of ``;``, ``,``, tab and ``|`` that splits the first
lines most consistently (Indonesian Excel writes ``;``).

>>> teks, kodek = urai_teks("nama;nilai\\nCaf\\xe9;1,5\\n".encode("cp1252"))
>>> kodek, pemisah(teks)
('Windows-1252', ';')
>>> rekam(teks, ";")
[['nama', 'nilai'], ['Café', '1,5']]
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter

PEMISAH = (";", ",", "\t", "|")
NAMA_PEMISAH = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}
_TAK_TERDEFINISI_1252 = "\x81\x8d\x8f\x90\x9d"
_SAMPEL = 64 * 1024
csv.field_size_limit(10 * 1024 * 1024)


def _utf16_tanpa_bom(isi: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: every other byte zero, and the text printable."""
    awal = isi[:4096]
    if len(awal) < 8:
        return None
    genap, ganjil = awal[0::2].count(0), awal[1::2].count(0)
    n = len(awal) // 2
    kodek = ("utf-16-le" if ganjil > 0.3 * n and genap < 0.05 * n
             else "utf-16-be" if genap > 0.3 * n and ganjil < 0.05 * n else None)
    if kodek is None:
        return None
    teks = awal[: len(awal) // 2 * 2].decode(kodek, "replace")
    cetak = sum(ch.isprintable() or ch in "\t\r\n" for ch in teks)
    return kodek if cetak >= 0.95 * len(teks) else None


def urai_teks(isi: bytes) -> tuple[str, str]:
    """Decode a text upload; returns ``(teks, nama_encoding)`` or raises ValueError naming each
    undecodable byte by row and column."""
    if isi.startswith(b"\xef\xbb\xbf"):
        return _utf8(isi[3:], "UTF-8 dengan BOM")
    for bom, kodek, nama in ((b"\xff\xfe", "utf-16-le", "UTF-16 LE"), (b"\xfe\xff", "utf-16-be", "UTF-16 BE")):
        if isi.startswith(bom):
            return _utf16(isi[2:], kodek, nama + " dengan BOM")
    kodek16 = _utf16_tanpa_bom(isi)
    if kodek16:
        return _utf16(isi, kodek16, kodek16.upper().replace("UTF-16-", "UTF-16 ") + " tanpa BOM")
    if b"\x00" in isi:
        raise ValueError("berkas berisi byte nol (NUL): bukan teks CSV — mungkin berkas biner yang diganti nama")
    try:
        return isi.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    lolos = isi.decode("utf-8", "surrogateescape")
    if re.search("[\x80-\udc7f\udd00-\U0010ffff]", lolos):
        # valid multi-byte UTF-8 next to bytes that are not: two encodings mixed in one file
        _laporkan(lolos, lambda s: any("\udc80" <= ch <= "\udcff" for ch in s),
                  lambda s: next(f"0x{ord(ch) - 0xDC00:02X}" for ch in s if "\udc80" <= ch <= "\udcff"),
                  "berkas mencampur UTF-8 dengan encoding lain: byte tidak sah dalam UTF-8")
    try:
        return isi.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        pass
    latin = isi.decode("latin-1")
    _laporkan(latin, lambda s: any(ch in _TAK_TERDEFINISI_1252 for ch in s),
              lambda s: next(f"0x{ord(ch):02X}" for ch in s if ch in _TAK_TERDEFINISI_1252),
              "berkas memuat byte yang tidak terdefinisi dalam UTF-8 maupun Windows-1252")
    raise AssertionError("unreachable")  # _laporkan always raises


def _utf8(isi: bytes, nama: str) -> tuple[str, str]:
    try:
        return isi.decode("utf-8"), nama
    except UnicodeDecodeError:
        lolos = isi.decode("utf-8", "surrogateescape")
        _laporkan(lolos, lambda s: any("\udc80" <= ch <= "\udcff" for ch in s),
                  lambda s: next(f"0x{ord(ch) - 0xDC00:02X}" for ch in s if "\udc80" <= ch <= "\udcff"),
                  "berkas bertanda UTF-8 (BOM) memuat byte yang tidak sah dalam UTF-8")
    raise AssertionError("unreachable")


def _utf16(isi: bytes, kodek: str, nama: str) -> tuple[str, str]:
    try:
        teks = isi.decode(kodek)
    except UnicodeDecodeError as e:
        raise ValueError(f"berkas {nama} rusak: byte ke-{e.start + 1:,} tidak sah dalam UTF-16 "
                         "(simpan ulang sebagai CSV UTF-8)".replace(",", ".")) from None
    return teks.removeprefix("\ufeff"), nama


def _laporkan(teks: str, ada, byte_nya, judul: str) -> None:
    """Raise ValueError naming (row, column) of the cells holding undecodable bytes — never their text."""
    p = pemisah(teks)
    letak: list[str] = []
    total = 0
    try:
        semua = rekam(teks, p)
    except ValueError:
        semua = [[b] for b in teks.splitlines()]
    kepala = semua[0] if semua else []
    for i, r in enumerate(semua, start=1):
        for j, sel in enumerate(r):
            if ada(sel):
                total += 1
                if len(letak) < 5:
                    kolom = kepala[j].strip() if j < len(kepala) and i > 1 and not ada(kepala[j]) else f"ke-{j + 1}"
                    letak.append(f"{byte_nya(sel)} di baris {i} kolom {kolom}")
    lagi = f" dan {total - len(letak)} sel lain" if total > len(letak) else ""
    raise ValueError(f"{judul} ({'; '.join(letak)}{lagi}); simpan ulang berkas sebagai CSV UTF-8")


def pemisah(teks: str) -> str:
    """The separator that splits the first lines into the same number of fields most often."""
    sampel = teks[:_SAMPEL]
    if len(teks) > _SAMPEL:
        sampel = sampel.rsplit("\n", 1)[0]
    baris = [b for b in sampel.splitlines() if b.strip()][:60]
    terbaik, skor_terbaik = ",", (0.0, 0)
    for p in PEMISAH:
        try:
            hitung = [len(r) for r in csv.reader(baris, delimiter=p)]
        except csv.Error:
            continue
        if not hitung:
            continue
        lebar, n = Counter(hitung).most_common(1)[0]
        if lebar < 2:
            continue
        skor = (n / len(hitung), lebar)
        if skor > skor_terbaik:
            terbaik, skor_terbaik = p, skor
    return terbaik


def rekam(teks: str, p: str) -> list[list[str]]:
    """All records of the text (a blank line is an empty record, keeping row numbers); ValueError in
    Indonesian for an unclosed quote or text after a closing quote, naming the row."""
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=p, strict=True)
    hasil: list[list[str]] = []
    try:
        for r in pembaca:
            hasil.append(r)
    except csv.Error as e:
        baris = len(hasil) + 1
        pesan = str(e)
        if "end of data" in pesan or "unexpected end" in pesan:
            raise ValueError(f"baris {baris}: tanda kutip (\") dibuka tetapi tidak ditutup — diharapkan \" penutup, "
                             "ditemukan akhir berkas") from None
        if "expected after" in pesan:
            raise ValueError(f"baris {baris}: setelah tanda kutip penutup diharapkan pemisah "
                             f"{NAMA_PEMISAH[p]} atau akhir baris, ditemukan karakter lain") from None
        if "field larger" in pesan:
            raise ValueError(f"baris {baris}: satu sel lebih panjang dari 10 juta karakter "
                             "(tanda kutip tidak ditutup?)") from None
        raise ValueError(f"baris {baris}: CSV tidak dapat dibaca (susunan tanda kutip atau pemisah salah)") from None
    return hasil


def baris_pertama(teks: str, p: str, n: int = 40) -> list[list[str]]:
    """The first ``n`` records (for the header search before a fast parser reads the rest)."""
    sampel = teks[:_SAMPEL]
    try:
        r = rekam(sampel if len(teks) <= _SAMPEL else sampel.rsplit("\n", 1)[0] + "\n", p)
    except ValueError:
        return []
    return r[:n]


def ada_baris_kosong(teks: str) -> bool:
    return bool(re.search(r"\n\r?\n", teks))
