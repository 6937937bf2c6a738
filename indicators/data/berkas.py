"""The one front door for uploaded files: what a file is, decided from its bytes; one loader per format.

:func:`periksa_berkas` looks at the bytes before any parser does: size, then the type from magic
numbers (XLSX, DOCX and other zips by their entries, PDF, old OLE2 ``.xls``, images, text with or
without a byte-order mark) — a PDF renamed ``.csv`` or a Word file renamed ``.xlsx`` is named for what
it is and refused; archives are held to the limits of :mod:`indicators.data.arsip` (a zip bomb is
refused in milliseconds). :func:`baca_berkas` then reads the table: CSV text through
:mod:`indicators.data.berkas_csv` (encoding and separator detected and reported), XLSX through
:mod:`indicators.data.berkas_xlsx` (python-calamine, a chosen sheet or the first one holding data,
bounded in time and memory, with progress). Both give rows of text cells to :func:`susun`, which
finds the header below any title rows, drops a trailing separator every row carries, and refuses
shifted rows, duplicate column names and a file without data rows. Every refusal is one Indonesian
sentence (row, what was expected, what was found) and names no cell's value; no parser's own
message reaches the officer.

Boundary files (GeoJSON, GeoPackage, zipped Shapefile) are checked the same way
(:func:`periksa_berkas_batas`) and then read by :func:`indicators.wilayah.batas.baca_batas`.

>>> baca_tabel(b"a;b\\n1;2\\n", "x.csv").to_dict("records")
[{'a': '1', 'b': '2'}]
>>> t = baca_berkas(b"Laporan Oktober\\n\\nid;nilai\\nA1;1,5\\n", "x.csv")
>>> t.baris_kepala, t.data.to_dict("records"), t.catatan[0]
(3, [{'id': 'A1', 'nilai': '1,5'}], 'dibaca sebagai CSV, encoding UTF-8, pemisah titik koma (;)')
"""
from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.dasar.pengaturan import ambil
from indicators.data import arsip, berkas_csv, berkas_xlsx

log = logging.getLogger(__name__)

FORMAT = (".csv", ".xlsx")
FORMAT_BATAS = (".geojson", ".json", ".gpkg", ".zip")
_EXT_TEKS = (".csv", ".txt", ".tsv")
_EXT_XLSX = (".xlsx", ".xlsm")
_SQLITE = b"SQLite format 3\x00"
# CSV files from this size on are parsed by Arrow when their first lines are clean (a million complaint
# rows in ~2 s where Python's csv module takes several and far more memory); anything it rejects is
# parsed again by berkas_csv, which names the problem.
_BESAR_PYARROW = 1024 * 1024
# A zip may unpack to at most this many times the upload limit (for a zipped Shapefile, an XLSX).
_RASIO_ZIP_MAKS = 10
_AJAIB = ((b"%PDF", "pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"), (_SQLITE, "sqlite"),
          (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"\x1f\x8b", "gzip"),
          (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"), (b"{\\rtf", "rtf"))
NAMA_JENIS = {"teks": "teks (CSV)", "xlsx": "buku kerja Excel (XLSX)", "docx": "dokumen Word (DOCX)",
              "pptx": "presentasi PowerPoint (PPTX)", "ods": "lembar kerja OpenDocument (ODS)",
              "odt": "dokumen OpenDocument", "zip": "arsip ZIP", "pdf": "dokumen PDF",
              "ole2": "berkas Office lama (.xls/.doc; simpan ulang sebagai .xlsx)", "sqlite": "basis data SQLite",
              "png": "gambar PNG", "jpeg": "gambar JPEG", "gif": "gambar GIF", "gzip": "arsip GZIP",
              "rar": "arsip RAR", "7z": "arsip 7-Zip", "rtf": "dokumen RTF", "biner": "berkas biner"}


def _batas_byte() -> int:
    return int(ambil("batas_unggah_mb")) * 1024 * 1024


def _rp(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def jenis_isi(isi: bytes) -> str:
    """What the bytes are: ``teks``, ``xlsx``, ``docx``, ``zip``, ``pdf``, ``ole2``, … (see NAMA_JENIS).

    >>> jenis_isi(b"%PDF-1.7 ..."), jenis_isi("a;b\\n".encode("utf-16")), jenis_isi(b"\\x00\\x01\\x02\\x03")
    ('pdf', 'teks', 'biner')
    """
    if isi.startswith(arsip.ZIP):
        return arsip.jenis_zip(isi)
    for ajaib, jenis in _AJAIB:
        if isi.startswith(ajaib):
            return jenis
    if isi.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or berkas_csv._utf16_tanpa_bom(isi):
        return "teks"
    return "biner" if b"\x00" in isi[:8192] else "teks"


def periksa_berkas(isi: bytes, nama_berkas: str, batas_byte: int | None = None) -> str:
    """Check size, content type (from the bytes) and, for XLSX, the archive limits; return the format
    (``.csv``/``.xlsx``) or raise ValueError. The name only has to agree with the content."""
    ext = Path(nama_berkas or "").suffix.lower()
    batas = _batas_byte() if batas_byte is None else batas_byte
    if len(isi) > batas:
        raise ValueError(f"berkas {_rp(len(isi))} byte melebihi batas {_rp(batas)} byte")
    if len(isi) == 0:
        raise ValueError("berkas kosong (0 byte): berkas tidak berisi data")
    jenis = jenis_isi(isi)
    if jenis == "teks" and ext in ("", *_EXT_TEKS):
        return ".csv"
    if jenis == "xlsx" and ext in ("", *_EXT_XLSX):
        arsip.periksa_arsip(isi, _RASIO_ZIP_MAKS * max(batas, _batas_byte()), jenis="berkas XLSX")
        return ".xlsx"
    isinya = NAMA_JENIS.get(jenis, jenis)
    if ext in _EXT_TEKS:
        raise ValueError(f"berkas berekstensi {ext} tetapi isinya bukan teks CSV: isinya {isinya}"
                         + (" — simpan lembarnya sebagai CSV atau unggah dengan nama .xlsx" if jenis == "xlsx" else ""))
    if ext in _EXT_XLSX:
        raise ValueError(f"berkas berekstensi {ext} tetapi isinya bukan berkas Excel (XLSX): isinya {isinya}")
    raise ValueError(f"format berkas {ext or '(tanpa ekstensi)'} tidak didukung (isinya {isinya}); "
                     "gunakan CSV atau XLSX")


@dataclass
class Tabel:
    """A table read from a file, with what the reader decided (reported to the officer)."""
    data: pd.DataFrame
    format: str
    baris_kepala: int = 1            # file row (1-based) of the header
    encoding: str | None = None
    pemisah: str | None = None
    lembar: str | None = None
    daftar_lembar: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def baris_awal(self) -> int:
        """File row of the first data row (what :func:`indicators.data.skema.validasi` numbers from)."""
        return self.baris_kepala + 1


def _isi_n(r: list[str]) -> int:
    for j in range(len(r) - 1, -1, -1):
        if r[j].strip():
            return j + 1
    return 0


def _cari_kepala(baris: list[list[str]]) -> int:
    """Index of the header row: the first row that fills most of the table's usual width (title rows
    above it fill one or two cells)."""
    isi = [sum(1 for c in r if c.strip()) for r in baris[:200]]
    lebar = [n for n in isi if n >= 2]
    if not lebar:
        return next((i for i, n in enumerate(isi) if n), 0)
    k = Counter(lebar).most_common(1)[0][0]
    ambang = max(2, math.ceil(0.6 * k))
    return next((i for i, n in enumerate(isi[:30]) if n >= ambang), next(i for i, n in enumerate(isi) if n >= 2))


def _daftar_baris(nomor: list[int]) -> str:
    teks = ", ".join(str(n) for n in nomor[:5])
    return teks + (f" dan {_rp(len(nomor) - 5)} baris lain" if len(nomor) > 5 else "")


def normal_kolom(c) -> str:
    """A column name compared as the import path compares it (case, spaces)."""
    return re.sub(r"\s+", "_", str(c).strip().lower())


def susun(baris: list[list[str]], format_: str) -> Tabel:
    """Rows of text cells (as in the file, row 1 first) → a :class:`Tabel`, or ValueError."""
    if not any(_isi_n(r) for r in baris):
        raise ValueError("berkas tidak berisi data: tidak ada satu sel pun yang terisi")
    h = _cari_kepala(baris)
    kepala = [c.strip() for c in baris[h]]
    lebar = _isi_n(kepala)
    catatan: list[str] = []
    if h:
        catatan.append(f"kepala kolom di baris {h + 1}; baris 1–{h} (judul) dilewati" if h > 1
                       else "kepala kolom di baris 2; baris 1 (judul) dilewati")
    data = baris[h + 1:]
    geser = [h + 2 + i for i, r in enumerate(data) if _isi_n(r) > lebar]
    if geser:
        n_isi = Counter(_isi_n(data[i - h - 2]) for i in geser).most_common(1)[0][0]
        raise ValueError(f"baris {_daftar_baris(geser)} berisi {n_isi} nilai, padahal kepala kolom (baris {h + 1}) "
                         f"hanya punya {lebar} kolom: nilai bergeser dari kolomnya — periksa kepala kolom "
                         "(ada kolom yang hilang?) atau pemisah di dalam teks tanpa tanda kutip")
    if format_ == "csv" and any(data) and all(len(r) > lebar for r in data if r):
        catatan.append("pemisah kosong di akhir setiap baris diabaikan")
    kolom = kepala[:lebar]
    pakai = []
    for j, nama in enumerate(kolom):
        if nama:
            pakai.append(j)
        elif any(j < len(r) and r[j].strip() for r in data):
            kolom[j] = f"kolom_{j + 1}"
            pakai.append(j)
            catatan.append(f"kolom ke-{j + 1} tanpa judul dinamai {kolom[j]}")
    nama_pakai = [kolom[j] for j in pakai]
    hitung = Counter(normal_kolom(c) for c in nama_pakai)
    ganda = [c for c in nama_pakai if hitung[normal_kolom(c)] > 1]
    if ganda:
        urut = sorted(set(ganda), key=ganda.index)
        raise ValueError(f"kolom ganda dalam berkas: {', '.join(urut)} muncul lebih dari sekali di kepala kolom "
                         f"(baris {h + 1}); setiap kolom hanya boleh ada satu kali")
    posisi = [i for i, r in enumerate(data) if _isi_n(r)]
    if not posisi:
        raise ValueError(f"berkas tidak berisi data: hanya kepala kolom (baris {h + 1}) tanpa baris data")
    kosong = [""] * lebar
    sel = [r if len(r) == lebar else (r + kosong)[:lebar] for r in (data[i] for i in posisi)]
    df = pd.DataFrame(sel, columns=range(lebar), dtype="str")
    df = df[pakai] if len(pakai) < lebar else df
    df.columns = nama_pakai
    if posisi[-1] != len(posisi) - 1:  # blank rows dropped: the index keeps each row's place in the file
        df.index = pd.Index(posisi)
    return Tabel(df, format_, baris_kepala=h + 1, catatan=catatan)


def _baca_csv(isi: bytes, kemajuan) -> Tabel:
    teks, kodek = berkas_csv.urai_teks(isi)
    p = berkas_csv.pemisah(teks)
    kemajuan(0.2, "mengurai CSV")
    t = None
    if len(isi) >= _BESAR_PYARROW and not berkas_csv.ada_baris_kosong(teks):
        awal = berkas_csv.baris_pertama(teks, p)
        if awal and _cari_kepala(awal) == 0 and all(c.strip() for c in awal[0]):
            try:
                df = pd.read_csv(io.BytesIO(teks.encode("utf-8")), dtype=str, keep_default_na=False, sep=p,
                                 engine="pyarrow")
            except Exception:  # pyarrow raises many types; the csv module below names the problem
                df = None
            if df is not None and list(df.columns) == [c.strip() for c in awal[0]] and len(df):
                t = susun_cepat(df)
    if t is None:
        t = susun(berkas_csv.rekam(teks, p), "csv")
    t.encoding, t.pemisah = kodek, p
    if (kodek, p) != ("UTF-8", ","):  # anything but the templates' own form is said
        t.catatan.insert(0, f"dibaca sebagai CSV, encoding {kodek}, pemisah {berkas_csv.NAMA_PEMISAH[p]}")
    return t


def susun_cepat(df: pd.DataFrame) -> Tabel | None:
    """A frame Arrow parsed (header in row 1, every row as wide as the header); None to parse again."""
    hitung = Counter(normal_kolom(c) for c in df.columns)
    if any(n > 1 for n in hitung.values()):
        return None
    df.columns = [str(c).strip() for c in df.columns]
    return Tabel(df, "csv")


def _baca_xlsx(isi: bytes, lembar, kemajuan) -> Tabel:
    hasil = berkas_xlsx.baca_xlsx(isi, lembar, kemajuan, float(ambil("batas_waktu_baca_detik")),
                                  int(ambil("batas_memori_baca_mb")))
    if "galat" in hasil:
        raise ValueError(hasil["galat"])
    if not hasil["baris"]:
        raise ValueError(f"berkas tidak berisi data: tidak ada lembar yang berisi tabel (lembar: "
                         f"{', '.join(hasil['daftar_lembar']) or '-'})")
    t = susun(hasil["baris"], "xlsx")
    t.lembar, t.daftar_lembar = hasil["lembar"], hasil["daftar_lembar"]
    lain = [n for n in t.daftar_lembar if n != t.lembar]
    if lain:
        t.catatan.insert(0, f"dibaca dari lembar {t.lembar!r} (lembar lain: {', '.join(lain)})")
    return t


def baca_berkas(sumber: bytes | str | Path, nama_berkas: str | None = None, batas_byte: int | None = None,
                lembar: str | int | None = None, kemajuan=None) -> Tabel:
    """Read a CSV or XLSX upload into a :class:`Tabel` of text cells (empty cells ``""``).

    ``lembar``: the XLSX sheet (name or 1-based position; default the first holding data).
    ``kemajuan(pecahan, teks)``: progress, called in this thread. ValueError, in Indonesian, for
    every file that cannot be read.
    """
    if isinstance(sumber, (str, Path)):
        nama_berkas = nama_berkas or str(sumber)
        isi = Path(sumber).read_bytes()
    else:
        isi = sumber
    lapor = kemajuan or (lambda f, t: None)
    ext = periksa_berkas(isi, nama_berkas or "", batas_byte)
    lapor(0.05, "memeriksa berkas")
    try:
        t = _baca_xlsx(isi, lembar, lapor) if ext == ".xlsx" else _baca_csv(isi, lapor)
    except ValueError:
        raise
    except Exception as e:  # a reader's own failure: logged by type only, answered in Indonesian
        log.warning("berkas %s tidak terbaca: %s", ext, type(e).__name__)
        raise ValueError(f"berkas {ext.lstrip('.').upper()} tidak dapat dibaca (rusak atau bentuknya tidak dikenal); "
                         "simpan ulang dari aplikasi asalnya") from None
    lapor(1.0, "selesai dibaca")
    return t


def baca_tabel(sumber: bytes | str | Path, nama_berkas: str | None = None, batas_byte: int | None = None,
               lembar: str | int | None = None, kemajuan=None) -> pd.DataFrame:
    """:func:`baca_berkas`'s frame; ``attrs["baris_awal"]`` is the file row of its first data row."""
    t = baca_berkas(sumber, nama_berkas, batas_byte, lembar, kemajuan)
    t.data.attrs["baris_awal"] = t.baris_awal
    return t.data


def periksa_berkas_batas(isi: bytes, nama_berkas: str, batas_byte: int | None = None) -> str:
    """Check a boundary upload before any parsing: extension, size, content type, and for a zip the
    archive limits and that it holds one Shapefile (``.shp`` with ``.shx`` and ``.dbf``).
    Returns the extension or raises ValueError.

    >>> periksa_berkas_batas(b'{"type": "FeatureCollection", "features": []}', "batas.geojson")
    '.geojson'
    >>> periksa_berkas_batas(b"PK\\x03\\x04...", "batas.geojson")
    Traceback (most recent call last):
    ValueError: berkas berekstensi .geojson tetapi isinya bukan GeoJSON (mungkin berkas lain yang diganti nama)
    """
    ext = Path(nama_berkas).suffix.lower()
    if ext not in FORMAT_BATAS:
        raise ValueError(f"format berkas batas {ext or '(tanpa ekstensi)'} tidak didukung; "
                         "gunakan GeoJSON, GeoPackage (.gpkg) atau Shapefile dalam .zip")
    batas = _batas_byte() if batas_byte is None else batas_byte
    if len(isi) > batas:
        raise ValueError(f"berkas {_rp(len(isi))} byte melebihi batas {_rp(batas)} byte")
    if len(isi) == 0:
        raise ValueError("berkas kosong")
    if ext in (".geojson", ".json"):
        awal = isi[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        if not awal.startswith(b"{"):
            raise ValueError(f"berkas berekstensi {ext} tetapi isinya bukan GeoJSON "
                             "(mungkin berkas lain yang diganti nama)")
    elif ext == ".gpkg" and not isi.startswith(_SQLITE):
        raise ValueError("berkas berekstensi .gpkg tetapi isinya bukan GeoPackage")
    elif ext == ".zip":
        if not isi.startswith(arsip.ZIP):
            raise ValueError("berkas berekstensi .zip tetapi isinya bukan arsip ZIP")
        anggota = arsip.periksa_arsip(isi, _RASIO_ZIP_MAKS * batas)
        nama = [Path(i.filename) for i in anggota if not Path(i.filename).name.startswith(".")]
        shp = [n for n in nama if n.suffix.lower() == ".shp"]
        if len(shp) != 1:
            raise ValueError(f"arsip ZIP harus berisi tepat satu Shapefile (.shp), ditemukan {len(shp)}")
        akhiran = {n.suffix.lower() for n in nama if n.with_suffix("") == shp[0].with_suffix("")}
        kurang = sorted({".shx", ".dbf"} - akhiran)
        if kurang:
            raise ValueError(f"Shapefile {shp[0].name} tidak lengkap: {', '.join(kurang)} tidak ada dalam arsip")
    return ext
