"""Boundary uploads: a boundary file checked (extension, size, type, zip contents) before any parsing,
read and joined to the register; the report as a table for people."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from indicators.data.berkas import periksa_berkas_batas
from indicators.wilayah.daftar import daftar_wilayah


@contextmanager
def berkas_sementara(isi: bytes, nama_berkas: str, batas_byte: int | None = None) -> Iterator[Path]:
    """A checked geo upload (boundary or road file) written to a temporary file for the reader, removed after."""
    ext = periksa_berkas_batas(isi, nama_berkas, batas_byte)
    with tempfile.TemporaryDirectory(prefix="geo_") as d:
        path = Path(d) / f"unggahan{ext}"
        path.write_bytes(isi)
        yield path


def baca_batas_unggahan(isi: bytes, nama_berkas: str, kode_kabupaten: str, tingkat: str | None = None,
                        batas_byte: int | None = None):
    """Check and read an uploaded boundary file; returns ``(gdf, laporan, tingkat)``.

    ``tingkat`` None: the level whose register the file matches (villages first). The bytes are
    checked (extension, size, type, zip contents) before any parsing.
    """
    from indicators.wilayah.batas import baca_batas

    with berkas_sementara(isi, nama_berkas, batas_byte) as path:
        if tingkat:
            gdf, lap = baca_batas(path, tingkat, kode_kabupaten)
            return gdf, lap, tingkat
        hasil, pesan = {}, []
        for t in ("desa", "kecamatan"):
            try:
                hasil[t] = baca_batas(path, t, kode_kabupaten)
            except ValueError as e:
                pesan.append(str(e))
        if not hasil:
            raise ValueError(pesan[0])
        t = max(hasil, key=lambda k: (hasil[k][1]["matched"] / max(hasil[k][1]["features"], 1), k == "desa"))
        return hasil[t][0], hasil[t][1], t


def ringkas_laporan_batas(lap: dict, kode_kabupaten: str, tingkat: str) -> pd.DataFrame:
    """The boundary report as a table for people: one row per finding, names next to codes."""
    nama = daftar_wilayah(kode_kabupaten, tingkat).set_index("kode_wilayah")["nama"]
    baris = [{"temuan": "cocok", "jumlah": lap["matched"], "rincian": ""},
             {"temuan": "unit register tanpa batas", "jumlah": len(lap["missing"]),
              "rincian": "; ".join(f"{k} {nama.get(k, '')}" for k in lap["missing"])},
             {"temuan": "fitur berkas tanpa pasangan", "jumlah": len(lap["unmatched"]),
              "rincian": "; ".join(map(str, lap["unmatched"]))}]
    for kunci, label in (("swapped_latlon", "lintang/bujur tertukar (diperbaiki)"),
                         ("invalid_repaired", "poligon tidak sah (diperbaiki)"),
                         ("outside_indonesia", "di luar Indonesia (tidak dipakai)"),
                         ("duplicates", "kode ganda (digabung)")):
        if lap.get(kunci):
            baris.append({"temuan": label, "jumlah": len(lap[kunci]), "rincian": "; ".join(map(str, lap[kunci]))})
    tidak_persis = [r for r in lap.get("resolusi", []) if r["match"] == "fuzzy"]
    if tidak_persis:
        baris.append({"temuan": "digabung lewat nama dengan ejaan berbeda", "jumlah": len(tidak_persis),
                      "rincian": "; ".join(f"{r['nama']} → {r['kode_wilayah']} ({r['score']:.0f})"
                                           for r in tidak_persis)})
    return pd.DataFrame(baris)


