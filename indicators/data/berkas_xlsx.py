"""XLSX sheets read with python-calamine, bounded in time and memory, with progress.

The archive has passed :func:`indicators.data.arsip.periksa_arsip` before this runs. Small workbooks
are read in the calling process; larger ones in a child process (``python -m
indicators.data.berkas_xlsx``) that holds an address-space limit and is killed at the time limit, so a
hostile workbook that slipped past the archive limits costs at most that memory and time. The child
reports its stages on stdout, which the caller turns into progress (``kemajuan(pecahan, teks)``) in
its own thread (a Streamlit progress bar may only be drawn there).

Cells come back as text: numbers as Excel shows them (15 significant digits, integers without
``.0``), date cells as ISO 8601 (``2026-10-01`` or ``2026-10-01T12:21:00``), booleans as
``True``/``False``. Rows keep their sheet position (row 1 of the sheet is element 0).

This module imports only the standard library and python-calamine at the top, so the child starts fast.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

# Workbooks up to this size (bytes, compressed) are read in-process.
KECIL = 1024 * 1024
SEL_MAKS = 20_000_000  # cells in one sheet (rows × columns of its used range)
Kemajuan = Callable[[float, str], None]


def _teks_sel(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return str(v)
        if v.is_integer() and abs(v) < 1e17:
            return str(int(v))
        return f"{v:.15g}"
    if isinstance(v, dt.datetime):
        if v.microsecond:
            v = v.replace(microsecond=0)
        return v.isoformat() if (v.hour or v.minute or v.second) else v.date().isoformat()
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _berisi_data(baris: list[list[str]]) -> int:
    """How much a sheet looks like a table: 2 when two of its rows have two or more filled cells (a
    header and a row), 1 when two rows have one, 0 otherwise."""
    lebar, isi = 0, 0
    for r in baris:
        n = sum(1 for c in r if c.strip())
        lebar += n >= 2
        isi += n >= 1
        if lebar >= 2:
            return 2
    return 1 if isi >= 2 else 0


def baca_lembar(isi: bytes, lembar: str | int | None = None, kemajuan: Kemajuan | None = None) -> dict:
    """Read one sheet in this process: ``{"lembar", "daftar_lembar", "baris"}`` or ``{"galat": teks}``.

    ``lembar``: a sheet name, a 1-based position, or None for the first visible sheet holding data.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    lapor = kemajuan or (lambda f, t: None)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(isi))
        meta = wb.sheets_metadata
    except (CalamineError, ValueError, OSError) as e:
        log.info("xlsx tidak terbaca: %s", type(e).__name__)
        return {"galat": "berkas XLSX rusak: buku kerja tidak dapat dibuka (simpan ulang dari Excel)"}
    nama = [m.name for m in meta]
    tampak = [m.name for m in meta if str(m.visible).endswith("Visible") and str(m.typ).endswith("WorkSheet")]
    if isinstance(lembar, int) or (isinstance(lembar, str) and lembar.isdigit() and lembar not in nama):
        i = int(lembar)
        if not 1 <= i <= len(nama):
            return {"galat": f"lembar ke-{i} tidak ada; berkas berisi {len(nama)} lembar: {', '.join(nama)}",
                    "daftar_lembar": nama}
        calon = [nama[i - 1]]
    elif lembar is not None:
        if lembar not in nama:
            return {"galat": f"lembar {lembar!r} tidak ada; lembar dalam berkas: {', '.join(nama)}",
                    "daftar_lembar": nama}
        calon = [lembar]
    else:
        calon = tampak or nama
    cadangan = None
    for k, n in enumerate(calon):
        lapor(0.1 + 0.6 * k / len(calon), f"membaca lembar {n}")
        try:
            s = wb.get_sheet_by_name(n)
            if s.height * s.width > SEL_MAKS:
                return {"galat": f"lembar {n!r} berisi {s.height:,} × {s.width:,} sel, melebihi batas "
                                 f"{SEL_MAKS:,} sel; bagi berkasnya".replace(",", "."), "daftar_lembar": nama}
            mentah = s.to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError) as e:
            log.info("lembar xlsx tidak terbaca: %s", type(e).__name__)
            return {"galat": f"lembar {n!r} rusak dan tidak dapat dibaca (simpan ulang dari Excel)",
                    "daftar_lembar": nama}
        lapor(0.75, f"mengubah sel lembar {n}")
        baris = [[v if type(v) is str else _teks_sel(v) for v in r] for r in mentah]
        mutu = 2 if lembar is not None else _berisi_data(baris)
        if mutu == 2:
            return {"lembar": n, "daftar_lembar": nama, "baris": baris}
        if mutu == 1 and cadangan is None:
            cadangan = {"lembar": n, "daftar_lembar": nama, "baris": baris}
    return cadangan or {"lembar": calon[0] if calon else None, "daftar_lembar": nama, "baris": []}


def baca_xlsx(isi: bytes, lembar: str | int | None = None, kemajuan: Kemajuan | None = None,
              batas_detik: float = 120, batas_mb: int = 1536) -> dict:
    """Read a sheet, in a bounded child process for workbooks over :data:`KECIL` bytes.

    Returns what :func:`baca_lembar` returns; ValueError (in Indonesian) when the child runs out of
    time or memory.
    """
    if len(isi) <= KECIL:
        return baca_lembar(isi, lembar, kemajuan)
    lapor = kemajuan or (lambda f, t: None)
    lapor(0.08, "membuka buku kerja")
    perintah = [sys.executable, "-m", "indicators.data.berkas_xlsx", json.dumps(lembar), str(int(batas_mb))]
    akar = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": akar + os.pathsep + os.environ.get("PYTHONPATH", "")}
    batas_waktu = time.monotonic() + batas_detik
    with subprocess.Popen(perintah, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603 — our own module
                          stderr=subprocess.DEVNULL, env=env) as anak:
        try:
            anak.stdin.write(isi)
            anak.stdin.close()
        except BrokenPipeError:
            pass
        hasil, sisa = None, b""
        with selectors.DefaultSelector() as sel:
            sel.register(anak.stdout, selectors.EVENT_READ)
            while hasil is None:
                tunggu = batas_waktu - time.monotonic()
                if tunggu <= 0:
                    anak.kill()
                    raise ValueError(f"pembacaan XLSX dihentikan: lebih dari {batas_detik:.0f} detik (batas waktu); "
                                     "bagi berkasnya atau simpan lembarnya sebagai CSV")
                if not sel.select(timeout=min(tunggu, 1.0)):
                    continue
                potong = os.read(anak.stdout.fileno(), 1 << 20)
                if not potong:
                    break
                sisa += potong
                while b"\n" in sisa and hasil is None:
                    baris, sisa = sisa.split(b"\n", 1)
                    if baris.startswith(b"#"):
                        f, _, teks = baris[1:].decode("utf-8", "replace").partition(" ")
                        with contextlib.suppress(ValueError):
                            lapor(float(f), teks)
                    elif baris.startswith(b"="):
                        hasil = json.loads(baris[1:])
        if hasil is None:
            kode = anak.wait()
            log.info("pembaca xlsx anak berhenti dengan kode %s", kode)
            if kode == 3 or kode < 0:
                raise ValueError(f"pembacaan XLSX dihentikan: memerlukan memori lebih dari {batas_mb:,} MB"
                                 .replace(",", ".") + "; bagi berkasnya atau simpan lembarnya sebagai CSV")
            raise ValueError("berkas XLSX tidak dapat dibaca (pembaca berhenti tanpa hasil); simpan ulang dari Excel")
        anak.wait()
    return hasil


def _anak(argv: list[str]) -> int:
    """The child: bytes on stdin; progress (``#pecahan teks``) and the result (``=json``) on stdout."""
    import resource

    lembar = json.loads(argv[0])
    batas = int(argv[1]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (batas, batas))
    keluar = sys.stdout.buffer

    def lapor(f: float, teks: str) -> None:
        keluar.write(f"#{f:.3f} {' '.join(teks.split())}\n".encode())
        keluar.flush()

    try:
        isi = sys.stdin.buffer.read()
        hasil = baca_lembar(isi, lembar, lapor)
        lapor(0.9, "mengirim sel")
        keluar.write(b"=" + json.dumps(hasil, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        keluar.flush()
    except MemoryError:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(_anak(sys.argv[1:]))
