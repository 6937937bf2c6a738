"""Connections to the DuckDB store file, shared fairly between the app and the command line.

DuckDB lets one process write a database file, and while a process holds a read-write connection no
other process may open the file at all (not even read-only); many processes may read at once. So a
process holds a connection only while it works:

- reads use a read-only connection, kept open for ``gudang_lepas_detik`` after the last use (a page
  rerun asks the store a dozen things; opening costs ~20 ms) and then closed, so a waiting writer
  gets the file;
- writes open read-write, run, and close at once (the file is free again for everyone);
- opening a file another process holds is retried until ``gudang_tunggu_detik`` have passed, then
  refused with :class:`GudangSibuk`: one Indonesian sentence naming the other process, never the
  DuckDB traceback;
- a writer that has to wait says so in a marker file beside the store (``<store>.menulis``, holding
  its PID); readers of other processes then let go of their connection at their next use and wait
  for the write to finish, so an app rerunning all the time cannot starve a command-line import.

One :class:`Sambungan` per file per process (connections of different kinds to one file cannot
coexist inside a process); its lock serialises every use, so threads of the app share it safely.

>>> import tempfile, pathlib
>>> s = Sambungan.untuk(pathlib.Path(tempfile.mkdtemp()) / "k.duckdb")
>>> with s.pakai(tulis=True) as con:
...     _ = con.execute("CREATE TABLE t (x INT)")
>>> with s.pakai() as con:
...     con.execute("SELECT count(*) FROM t").fetchall()
[(0,)]
"""
from __future__ import annotations

import atexit
import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import duckdb

from indicators.dasar.pengaturan import ambil

log = logging.getLogger(__name__)
_PID = re.compile(r"PID (\d+)")


class GudangSibuk(ValueError):
    """The store file is held by another process for longer than we wait."""


def _terkunci(e: Exception) -> bool:
    pesan = str(e)
    return "Could not set lock" in pesan or "Conflicting lock" in pesan


class Sambungan:
    """The one connection of this process to one store file (see the module docstring)."""

    _semua: ClassVar[dict[str, Sambungan]] = {}
    _kunci_kelas = threading.Lock()

    def __init__(self, path: Path):
        self.path = Path(path)
        self._kunci = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._tulis = False
        self._dipakai = 0
        self._terakhir = 0.0
        self._pengatur: threading.Timer | None = None
        self._tulisan = 0  # writes by this process: part of :meth:`cap`

    @classmethod
    def untuk(cls, path: str | Path) -> Sambungan:
        kunci = str(Path(path).resolve())
        with cls._kunci_kelas:
            s = cls._semua.get(kunci)
            if s is None:
                s = cls._semua[kunci] = cls(Path(kunci))
            return s

    @property
    def kunci(self) -> threading.RLock:
        return self._kunci

    @property
    def _penanda(self) -> Path:
        return self.path.with_name(self.path.name + ".menulis")

    def _penulis_menunggu(self) -> bool:
        """True when a live process of another PID is waiting to write this file."""
        try:
            pid = int(self._penanda.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            return False
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            self._penanda.unlink(missing_ok=True)  # left by a process that died waiting
            return False
        except PermissionError:
            return True
        return True

    def _buka(self, tulis: bool) -> duckdb.DuckDBPyConnection:
        tunggu = float(ambil("gudang_tunggu_detik"))
        batas = time.monotonic() + tunggu
        jeda = 0.05
        menandai = False
        try:
            while True:
                if not tulis and self._penulis_menunggu() and time.monotonic() < batas:
                    time.sleep(jeda)  # let the waiting writer have the file first
                    jeda = min(jeda * 2, 0.5)
                    continue
                try:
                    return duckdb.connect(str(self.path), read_only=not tulis)
                except duckdb.IOException as e:
                    if not _terkunci(e):
                        raise
                    if tulis and not menandai:
                        self._penanda.write_text(str(os.getpid()), encoding="ascii")
                        menandai = True
                    if time.monotonic() < batas:
                        time.sleep(jeda)
                        jeda = min(jeda * 2, 0.5)
                        continue
                    self._sibuk(e, tunggu)
        finally:
            if menandai:
                self._penanda.unlink(missing_ok=True)

    def _sibuk(self, e: Exception, tunggu: float) -> None:
        pid = _PID.search(str(e))
        siapa = f" (PID {pid.group(1)})" if pid else ""
        log.info("gudang %s dipegang proses lain%s; menyerah setelah %.0f detik", self.path.name, siapa, tunggu)
        raise GudangSibuk(
            f"gudang data {self.path.name} sedang dipakai proses lain{siapa} — misalnya impor dari baris perintah "
            f"atau aplikasi yang sedang menulis; sudah ditunggu {tunggu:.0f} detik. Coba lagi sebentar lagi; "
            "tidak ada yang diubah") from None

    def cap(self) -> tuple:
        """A stamp of the file's state that changes with every write, by this process or another: the
        store's and its write-ahead log's size and modification time (ns), and this process's write count.
        Costs two ``stat`` calls instead of a query, so a page rerun can ask "did anything change?"
        without opening the store."""
        def _stat(p: Path):
            try:
                s = p.stat()
            except OSError:
                return None
            return s.st_mtime_ns, s.st_size
        return _stat(self.path), _stat(self.path.with_name(self.path.name + ".wal")), self._tulisan

    @contextmanager
    def pakai(self, tulis: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one piece of work: read-only unless ``tulis``; a read-write one is closed
        when the work ends, a read-only one a moment later (see the module docstring)."""
        with self._kunci:
            if tulis and self._con is not None and not self._tulis and self._dipakai:
                raise RuntimeError("menulis di dalam pembacaan gudang yang sedang berjalan")
            if self._con is not None and not self._dipakai and (
                    (tulis and not self._tulis) or self._tulis or self._penulis_menunggu()):
                self._tutup()  # (also: another process waits to write — let go, reopen after it)
            if self._con is None:
                if not tulis and not self.path.exists():
                    tulis = True  # a new store: created by its first (writing) use
                self._con = self._buka(tulis)
                self._tulis = tulis
            self._dipakai += 1
            try:
                yield self._con
            finally:
                self._dipakai -= 1
                self._terakhir = time.monotonic()
                self._tulisan += bool(tulis)
                if not self._dipakai:
                    if self._tulis:
                        self._tutup()
                    else:
                        self._jadwalkan()

    def _jadwalkan(self) -> None:
        if self._pengatur is not None and self._pengatur.is_alive():
            return
        lepas = float(ambil("gudang_lepas_detik"))
        self._pengatur = threading.Timer(lepas, self._lepas_bila_diam, args=(lepas,))
        self._pengatur.daemon = True
        self._pengatur.start()

    def _lepas_bila_diam(self, lepas: float) -> None:
        with self._kunci:
            self._pengatur = None
            if self._con is None or self._dipakai:
                return
            sisa = self._terakhir + lepas - time.monotonic()
            if sisa > 0:
                self._jadwalkan()
                return
            self._tutup()

    def _tutup(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def tutup(self) -> None:
        """Close now (the file is free for other processes)."""
        with self._kunci:
            self._tutup()


@atexit.register
def _tutup_semua() -> None:
    """Close every connection of this process at exit (DuckDB checkpoints; no leaked handles)."""
    for s in list(Sambungan._semua.values()):
        s.tutup()
