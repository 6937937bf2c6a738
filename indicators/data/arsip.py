"""Zip archives opened with limits: XLSX workbooks and zipped Shapefiles pass here before any parser.

A zip is refused, in Indonesian and before anything is unpacked, when it is corrupt, holds too many
entries, unpacks (by its own directory) to more than the allowed total, compresses one entry more than
a sane ratio (a "zip bomb": 1.9 MB that would unpack to 440 MB), or names an entry outside its own
folder (path traversal: ``../``, an absolute path, a drive letter). The directory is read from the
end of the archive only, so a bomb costs milliseconds and no memory to refuse.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("../luar.txt", "x")
>>> periksa_arsip(buf.getvalue())
Traceback (most recent call last):
ValueError: arsip ditolak: entri '../luar.txt' menunjuk ke luar arsip (path traversal)
"""
from __future__ import annotations

import io
import re
import zipfile

# An entry may unpack to at most this many times its compressed size (sheet XML compresses 5–15×;
# the demo's 55k-row sheet 9.6×). Entries smaller than _KECIL_RASIO are not held to it.
RASIO_MAKS = 100
_KECIL_RASIO = 1024 * 1024
ENTRI_MAKS = 2000
ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB".replace(",", "#").replace(".", ",").replace("#", ".")


def buka_zip(isi: bytes, jenis: str = "arsip ZIP") -> zipfile.ZipFile:
    """The archive's directory (nothing unpacked); a corrupt one as ValueError in Indonesian."""
    try:
        return zipfile.ZipFile(io.BytesIO(isi))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ValueError(f"{jenis} rusak atau terpotong: daftar isinya tidak dapat dibaca "
                         "(unduh atau ekspor ulang berkasnya)") from None


def _keluar(nama: str) -> bool:
    n = nama.replace("\\", "/")
    return n.startswith("/") or bool(re.match(r"^[A-Za-z]:", n)) or ".." in n.split("/")


def periksa_arsip(isi: bytes, total_maks: int | None = None, entri_maks: int = ENTRI_MAKS,
                  rasio_maks: float = RASIO_MAKS, jenis: str = "arsip ZIP") -> list[zipfile.ZipInfo]:
    """Check a zip's directory against the limits; return its file entries or raise ValueError.

    ``total_maks``: bytes all entries may unpack to together (None: no total limit).
    """
    with buka_zip(isi, jenis) as z:
        daftar = z.infolist()
    if len(daftar) > entri_maks:
        raise ValueError(f"{jenis} ditolak: berisi {len(daftar):,} entri, batasnya {entri_maks:,}".replace(",", "."))
    for i in daftar:
        if _keluar(i.filename):
            raise ValueError(f"arsip ditolak: entri {i.filename!r} menunjuk ke luar arsip (path traversal)")
        if i.flag_bits & 0x1:
            raise ValueError(f"{jenis} ditolak: berisi entri terenkripsi (berkas berkata sandi tidak dapat dibaca)")
        if i.file_size > _KECIL_RASIO and i.file_size > rasio_maks * max(i.compress_size, 1):
            rasio = i.file_size / max(i.compress_size, 1)
            raise ValueError(f"{jenis} ditolak: entri {i.filename!r} mengembang {rasio:.0f}× "
                             f"saat dibuka ({_mb(i.compress_size)} → {_mb(i.file_size)}; batas {rasio_maks:.0f}×), "
                             "ciri bom zip")
    total = sum(i.file_size for i in daftar)
    if total_maks is not None and total > total_maks:
        raise ValueError(f"{jenis} ditolak: isinya {_mb(total)} setelah dibuka, melebihi batas {_mb(total_maks)}")
    return [i for i in daftar if not i.is_dir()]


def jenis_zip(isi: bytes) -> str:
    """What a zip holds, from its entry names: ``xlsx``, ``docx``, ``pptx``, ``ods``, ``odt``, ``zip``.

    A corrupt zip raises ValueError (its directory cannot be read).
    """
    with buka_zip(isi, "berkas ZIP/XLSX") as z:
        nama = {n.replace("\\", "/") for n in z.namelist()}
        mime = ""
        if "mimetype" in z.namelist():
            try:
                with z.open("mimetype") as f:
                    mime = f.read(100).decode("ascii", "replace")
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                mime = ""
    if "xl/workbook.xml" in nama or "xl/workbook.bin" in nama:
        return "xlsx"
    if "word/document.xml" in nama:
        return "docx"
    if "ppt/presentation.xml" in nama:
        return "pptx"
    if "spreadsheet" in mime:
        return "ods"
    if "opendocument" in mime:
        return "odt"
    return "zip"
