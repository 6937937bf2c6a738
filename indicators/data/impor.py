"""The data officers' import path: read → map columns → find region codes → validate → plan → import.

One upload goes through :func:`siapkan`, which never writes: it reads the file (size and type checked
before parsing), recognises the dataset from its columns (declared other names and remembered
mappings count), maps the file's columns to the dataset's (:mod:`indicators.data.pemetaan`; extra
columns are listed and dropped), turns region codes written another way into dotted Kemendagri codes
(undotted codes; village and kecamatan names through the resolver; for complaints, the point in the
imported boundaries), and validates every row. The result says what it did (``catatan``), what needs
the officer (``kolom_kurang``: required columns without a file column; ``perlu_pilihan``: names that
are ambiguous or unknown, never guessed), what is flagged but imported (``peringatan``: swapped or
outside points, names matched through another spelling — each row's flag is kept with it) and every
error per file row. Only :func:`jalankan` writes, all or nothing, once nothing is left open, and keeps
the column mapping for the next file with the same header.

>>> isi = b"kode_wilayah,penduduk,rumah_tangga,luas_km2\\n1802012001,1200,300,5.5\\n"
>>> p = siapkan(isi, "profil.csv", "18.02")
>>> p.dataset, p.siap, p.validasi.data.loc[0, "kode_wilayah"], p.catatan[0]
('profil_desa', True, '18.02.01.2001', '1 kode wilayah tanpa titik dinormalkan (1802012001 → 18.02.01.2001)')
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.data import mutu_impor as _mutu
from indicators.data import pemetaan as _peta
from indicators.data import skema as _skema
from indicators.data.berkas import Tabel, baca_berkas
from indicators.data.impor_batas import baca_batas_unggahan, ringkas_laporan_batas  # noqa: F401 - the import path's API
from indicators.data.kesegaran import bulan_hilang, kesegaran  # noqa: F401 - the import path's API
from indicators.data.pemetaan import KOLOM_DESA, KOLOM_KECAMATAN, KOLOM_KODE  # noqa: F401 - region columns
from indicators.wilayah.daftar import daftar_wilayah, hierarki
from indicators.wilayah.resolver import normal_kode, resolusi, sistem_kode

log = logging.getLogger(__name__)

KOLOM_LAPORAN = ["baris", "kolom", "aturan", "nilai"]
ATURAN_KODE_ASING = "kode wilayah tidak ada dalam daftar Kemendagri kabupaten ini"
ATURAN_NAMA = "nama wilayah belum dicocokkan (pilih desa pada tabel tinjauan)"
ATURAN_KOLOM = "kolom wajib tidak ada: pilih kolom berkas untuknya (pemetaan kolom)"


def baca(isi: bytes, nama_berkas: str, batas_byte: int | None = None, lembar: str | int | None = None,
         kemajuan=None) -> Tabel:
    """The upload read by the one loader (:func:`indicators.data.berkas.baca_berkas`), its column names
    as :func:`pemetaan.normal` compares them; ValueError for a file that cannot be read or has a
    column twice."""
    tabel = baca_berkas(isi, nama_berkas, batas_byte, lembar, kemajuan)
    tabel.data.columns = [_peta.normal(c) for c in tabel.data.columns]
    if tabel.data.columns.duplicated().any():
        ganda = sorted(set(tabel.data.columns[tabel.data.columns.duplicated()]))
        raise ValueError(f"kolom ganda dalam berkas: {', '.join(ganda)}")
    return tabel


def deteksi_dataset(kolom, tersimpan: dict[str, dict] | None = None) -> str | None:
    """The dataset a file's columns belong to: every required column present under its name, a
    declared other name or a remembered mapping (``tersimpan``: dataset → mapping for this header);
    the largest overlap wins. Fuzzy matches do not count.

    >>> deteksi_dataset(["id_aduan", "waktu_lapor", "lat", "lon", "nama_ruas", "status_jalan",
    ...                  "jenis_kerusakan", "tingkat", "status", "waktu_status", "kanal", "dukungan"])
    'aduan_jalan'
    >>> deteksi_dataset(["desa", "kecamatan", "penduduk", "rumah_tangga", "luas_km2"])
    'profil_desa'
    >>> deteksi_dataset(["no_permohonan", "kode_desa", "layanan", "kanal", "tgl_masuk", "status"])
    'layanan_permohonan'
    >>> deteksi_dataset(["a", "b"]) is None
    True
    """
    calon = []
    for n, ds in _skema.muat_skema().items():
        peta = _peta.otomatis(_peta.usul(kolom, n, (tersimpan or {}).get(n), mirip=False))
        if not _peta.kurang(peta, n):
            cocok = sum(1 for t in peta if t in ds.kolom)
            calon.append((n in (tersimpan or {}), cocok, -len(ds.kolom), n))
    return max(calon)[3] if calon else None


@dataclass
class Persiapan:
    """Everything the page and the CLI show about one upload before anything is written."""
    berkas: str
    dataset: str
    dataset_tebakan: str | None
    kode_kabupaten: str
    mentah: pd.DataFrame
    validasi: _skema.HasilValidasi
    resolusi: pd.DataFrame | None = None
    catatan: list[str] = field(default_factory=list)
    peringatan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_LAPORAN))
    peta_kolom: dict = field(default_factory=dict)
    usulan: dict = field(default_factory=dict)
    kolom_diabaikan: list[str] = field(default_factory=list)
    kolom_kurang: list[str] = field(default_factory=list)
    sidik: str = ""
    catatan_mutu: pd.Series | None = None
    lembar: str | None = None                      # the XLSX sheet read
    daftar_lembar: list[str] = field(default_factory=list)

    @property
    def tanggal_ambigu(self) -> dict:
        """Date columns whose format the officer must state (``{kolom: {"contoh", "pilihan", ...}}``)."""
        return self.validasi.tanggal_ambigu

    @property
    def perlu_pilihan(self) -> pd.DataFrame:
        """Names the officer still has to settle (ambiguous or unmatched, with no choice made)."""
        if self.resolusi is None:
            return pd.DataFrame()
        r = self.resolusi
        return r[r["kode_wilayah"].isna()].reset_index(drop=True)

    @property
    def perlu_pemetaan(self) -> bool:
        """True when a required column has no file column, or a column was matched only by similarity."""
        return bool(self.kolom_kurang) or any(u.cara == "mirip" and self.peta_kolom.get(t) is None
                                              for t, u in self.usulan.items())

    @property
    def siap(self) -> bool:
        """True when the rows can be imported: valid, and every name settled."""
        return self.validasi.valid and self.perlu_pilihan.empty

    @property
    def galat(self) -> pd.DataFrame:
        return self.validasi.galat

    def laporan(self) -> pd.DataFrame:
        """Errors and warnings in one table by file row (``jenis``: galat or peringatan), for the
        officer to fix the source: the downloadable report."""
        g = self.galat.assign(jenis="galat")
        w = self.peringatan.assign(jenis="peringatan")
        semua = pd.concat([x for x in (g, w) if len(x)], ignore_index=True) if len(g) or len(w) else \
            pd.DataFrame(columns=["jenis", *KOLOM_LAPORAN])
        return semua[["jenis", *KOLOM_LAPORAN]].sort_values(["baris", "jenis"], kind="stable", ignore_index=True)


def _tingkat_kode(dataset: str) -> str:
    return "kecamatan" if dataset == "ruas_jalan" else "desa"


def _kode_sah(dataset: str, kode_kabupaten: str) -> set[str]:
    if dataset == "nilai_indikator":
        return set(hierarki(kode_kabupaten)["kode_wilayah"])
    return set(daftar_wilayah(kode_kabupaten, _tingkat_kode(dataset))["kode_wilayah"])


def _normalkan_kode(kode: pd.Series, catatan: list[str]) -> pd.Series:
    """Dotted codes, mapped once per distinct value (a million rows have a few hundred codes)."""
    teks = kode.astype("string").str.strip()
    unik = pd.Series(teks.dropna().unique())
    peta = dict(zip(unik, unik.map(normal_kode), strict=True))
    baru = teks.map(peta).astype("string")
    berubah = teks.notna() & baru.notna() & (teks != baru)
    if berubah.any():
        i = berubah.idxmax()
        catatan.append(f"{int(berubah.sum())} kode wilayah tanpa titik dinormalkan ({teks[i]} → {baru[i]})")
    return baru.fillna("")


def _resolusi_nama(df: pd.DataFrame, desa_c: str | None, kec_c: str | None, tingkat: str, kode_kabupaten: str,
                   pilihan: dict | None, baris_awal: int) -> pd.DataFrame:
    """One row per distinct (name, kecamatan) with the resolver's answer, the file rows it covers, and
    the officer's choice applied (a choice settles a name, whatever the resolver said)."""
    nama_c = desa_c if tingkat == "desa" else kec_c
    kolom = [nama_c] + ([kec_c] if tingkat == "desa" and kec_c else [])
    kunci = df[kolom].astype("string").fillna("").rename(columns={nama_c: "nama", kec_c: "kecamatan"} if kec_c
                                                         else {nama_c: "nama"})
    if "kecamatan" not in kunci:
        kunci["kecamatan"] = ""
    nomor = pd.Series(df.index.to_numpy() + baris_awal, index=df.index)  # rows as in the file
    unik = kunci.assign(baris=nomor).groupby(["nama", "kecamatan"], sort=False, dropna=False).agg(
        baris_pertama=("baris", "min"), jumlah_baris=("baris", "size")).reset_index()
    r = resolusi(unik, kode_kabupaten, "nama", "kecamatan" if (kec_c and tingkat == "desa") else None, tingkat)
    r["dipilih"] = False
    sah = set(daftar_wilayah(kode_kabupaten, tingkat)["kode_wilayah"])
    for (nama, kec), kode in (pilihan or {}).items():
        cocok = (r["nama"] == nama) & (r["kecamatan"] == (kec or ""))
        if cocok.any() and kode:
            if kode not in sah:
                raise ValueError(f"pilihan untuk {nama!r}: kode {kode!r} bukan {tingkat} kabupaten {kode_kabupaten}")
            r.loc[cocok, ["kode_wilayah", "dipilih"]] = [kode, True]
    return r


def _kode_dari_titik(data: pd.DataFrame, kode: pd.Series, kode_kabupaten: str, catatan: list[str]) -> pd.Series:
    """Complaints without ``kode_wilayah``: the village whose real boundary holds the point."""
    from indicators.wilayah.batas import batas, kode_dari_titik

    lat = pd.to_numeric(data["lat"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
    lon = pd.to_numeric(data["lon"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
    kosong = (kode.fillna("") == "") & lat.notna() & lon.notna()
    if not kosong.any():
        return kode
    g = batas(kode_kabupaten, "desa")
    if g["geometri_skematis"].all():
        catatan.append(f"{int(kosong.sum())} aduan tanpa kode_wilayah: tidak diturunkan dari titik karena batas "
                       "resmi belum diimpor (batas skematis tidak dipakai untuk itu)")
        return kode
    hasil = kode_dari_titik(lat[kosong].to_numpy(), lon[kosong].to_numpy(), kode_kabupaten, "desa")
    nyata = set(g.loc[~g["geometri_skematis"], "kode_wilayah"])
    isi = pd.Series([h if h in nyata else None for h in hasil], index=lat[kosong].index, dtype=object)
    kode = kode.copy()
    kode.loc[isi.index[isi.notna()]] = isi[isi.notna()].astype(str)
    if isi.notna().any():
        catatan.append(f"{int(isi.notna().sum())} aduan mendapat kode_wilayah dari titiknya "
                       "(titik di dalam batas desa)")
    return kode


def siapkan(isi: bytes, nama_berkas: str, kode_kabupaten: str, dataset: str | None = None,
            pilihan: dict | None = None, batas_byte: int | None = None, peta_kolom: dict | None = None,
            gudang=None, *, lembar: str | int | None = None, format_tanggal: dict[str, str] | None = None,
            kemajuan=None) -> Persiapan:
    """Read, recognise, map, resolve and validate one upload; writes nothing.

    ``dataset``: as the officer chose it (default: recognised from the columns). ``pilihan``: the
    officer's choices for names, ``{(nama, kecamatan): kode_wilayah}`` (kecamatan ``""`` when the
    file has none). ``peta_kolom``: target column → file column (None to leave a target without one),
    over the automatic mapping (same names, declared other names, and the mapping remembered by
    ``gudang`` for this header). ``lembar``: the XLSX sheet (default the first holding data);
    ``format_tanggal``: the officer's format for ambiguous date columns (``{kolom: "dd/mm/yyyy"}``);
    ``kemajuan(pecahan, teks)``: reading progress. ValueError for a file that cannot be read,
    a dataset that cannot be recognised, a bad mapping, or codes of another system (BPS) without names.
    """
    jenis = Path(str(nama_berkas)).suffix.lower() or "tanpa ekstensi"
    try:
        p = _siapkan(isi, nama_berkas, kode_kabupaten, dataset, pilihan, batas_byte, peta_kolom, gudang, lembar,
                     format_tanggal, kemajuan)
    except ValueError:
        # the message goes to the officer; the log keeps only what carries no personal data
        log.info("unggahan ditolak sebelum validasi: berkas %s, %d byte", jenis, len(isi))
        raise
    if not p.validasi.valid:
        log.info("unggahan %s ditolak: %d galat pada %d baris (berkas %s, %d byte, %d baris)", p.dataset,
                 len(p.galat), p.galat["baris"].nunique(), jenis, len(isi), len(p.mentah))
    return p


def pemetaan_tersimpan(gudang, kolom) -> dict[str, dict]:
    """Mappings the store remembers for this header, per dataset."""
    if gudang is None:
        return {}
    sidik = _peta.sidik(kolom)
    out = {}
    for nama in _skema.muat_skema():
        t = gudang.pemetaan_tersimpan(nama)
        t = t[t["sidik"] == sidik]
        if len(t):
            out[nama] = t["peta"].iloc[0]
    return out


def _siapkan(isi, nama_berkas, kode_kabupaten, dataset, pilihan, batas_byte, peta_kolom, gudang, lembar,
             format_tanggal, kemajuan):
    kode_kabupaten = str(kode_kabupaten).strip()
    tabel = baca(isi, nama_berkas, batas_byte, lembar, kemajuan)
    mentah = tabel.data
    tersimpan = pemetaan_tersimpan(gudang, mentah.columns)
    tebakan = deteksi_dataset(mentah.columns, tersimpan)
    dataset = dataset or tebakan
    if dataset is None:
        raise ValueError("dataset tidak dapat dikenali dari kolom berkas; pilih dataset dan petakan kolomnya, "
                         "atau unduh templatnya")
    ds = _skema.skema(dataset)
    usulan = _peta.usul(mentah.columns, dataset, tersimpan.get(dataset))
    peta = _peta.otomatis(usulan)
    for t, s in (peta_kolom or {}).items():
        peta[t] = _peta.normal(s) if s else None
    data, diabaikan = _peta.terapkan(mentah, peta, dataset)
    peta = {t: s for t, s in peta.items() if s}
    catatan: list[str] = [*tabel.catatan, *_peta.catatan(peta, usulan)]
    if diabaikan:
        catatan.append(f"{len(diabaikan)} kolom berkas bukan kolom dataset {dataset}, diabaikan: "
                       + ", ".join(diabaikan))
    kurang = _peta.kurang(peta, dataset)
    peringatan: list[dict] = []
    res = None
    baris_awal = tabel.baris_awal
    nomor = pd.Series(np.arange(baris_awal, baris_awal + len(data)), index=data.index)
    if pd.api.types.is_integer_dtype(data.index):
        nomor = pd.Series(data.index.to_numpy() + baris_awal, index=data.index)  # blank lines keep their place
    if "kode_wilayah" in ds.kolom and not kurang:
        tingkat = _tingkat_kode(dataset)
        kode_c = "kode_wilayah" if "kode_wilayah" in data.columns else None
        desa_c = "desa" if "desa" in data.columns else None
        kec_c = "kecamatan" if "kecamatan" in data.columns else None
        nama_ada = (desa_c if tingkat == "desa" else kec_c) is not None
        kode = pd.Series("", index=data.index, dtype="string")
        if kode_c is not None:
            sumber = peta.get("kode_wilayah", "kode_wilayah")
            sistem = sistem_kode(data[kode_c].replace("", pd.NA), kode_kabupaten, sumber)
            if sistem == "bps":
                if not nama_ada:
                    raise ValueError(f"kolom {sumber!r} berisi kode BPS (sistem kode statistik, bukan Kemendagri); "
                                     "kode ini tidak digabung. Gunakan kode Kemendagri, atau sertakan kolom nama "
                                     "desa dan kecamatan agar dicocokkan lewat nama")
                catatan.append(f"kolom {sumber!r} berisi kode BPS (sistem lain): tidak dipakai; "
                               "kode Kemendagri dicari lewat nama")
            else:
                kode = _normalkan_kode(data[kode_c], catatan)
        for c in diabaikan:
            if "bps" in c:
                catatan.append(f"kolom {c!r} berisi kode BPS (sistem kode statistik, bukan Kemendagri): tidak dipakai")
        kosong = kode.fillna("") == ""
        if kosong.any() and nama_ada:
            sub = data.loc[kosong]
            res = _resolusi_nama(sub, desa_c, kec_c, tingkat, kode_kabupaten, pilihan, baris_awal)
            kunci_nama = desa_c if tingkat == "desa" else kec_c
            kunci = sub[kunci_nama].astype("string").fillna("") + "\x00" + (
                sub[kec_c].astype("string").fillna("") if (kec_c and tingkat == "desa") else "")
            peta_kode = dict(zip(res["nama"] + "\x00" + res["kecamatan"], res["kode_wilayah"], strict=True))
            # every name unmatched gives a column of nulls only: map through plain Python values
            kode.loc[kosong] = pd.Series([peta_kode.get(k) or "" for k in kunci], index=kunci.index,
                                         dtype="string")
            n = res["match"].value_counts()
            catatan.append(f"{len(res)} nama wilayah berbeda dicocokkan ke kode Kemendagri: "
                           + ", ".join(f"{int(n.get(m, 0))} {m}" for m in ("exact", "fuzzy", "ambiguous", "unmatched"))
                           + (f"; {int(res['dipilih'].sum())} dipilih petugas" if res["dipilih"].any() else ""))
            nama_reg = daftar_wilayah(kode_kabupaten, tingkat).set_index("kode_wilayah")["nama"].to_dict()
            peringatan += _mutu.peringatan_ejaan(res, kunci, nomor, kunci_nama, nama_reg)
        if dataset == "aduan_jalan" and {"lat", "lon"} <= set(data.columns):
            kode = _kode_dari_titik(data, kode, kode_kabupaten, catatan)
        if kode_c is not None or nama_ada or (kode.fillna("") != "").any():
            data["kode_wilayah"] = kode.fillna("").astype(str)
    if {"lat", "lon"} <= set(data.columns) and "lat" in ds.kolom:
        lat = pd.to_numeric(data["lat"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
        lon = pd.to_numeric(data["lon"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
        status = _mutu.periksa_titik(lat, lon, kode_kabupaten)
        peringatan += _mutu.peringatan_titik(status, lat, lon, nomor)
    hasil = _skema.validasi(data, dataset, baris_awal, format_tanggal)
    catatan += hasil.catatan
    galat = [hasil.galat] if not hasil.galat.empty else []
    if kurang:  # named as the mapping step's rule, not the schema's
        galat = [pd.DataFrame({"baris": 1, "kolom": kurang, "aturan": ATURAN_KOLOM, "nilai": None})]
    elif "kode_wilayah" in data.columns:
        kd = data["kode_wilayah"]
        bentuk_sah = kd.str.fullmatch(_skema.POLA_KODE)
        asing = (kd != "") & bentuk_sah & ~kd.isin(_kode_sah(dataset, kode_kabupaten))
        if asing.any():
            galat.append(pd.DataFrame({"baris": nomor[asing], "kolom": "kode_wilayah", "aturan": ATURAN_KODE_ASING,
                                       "nilai": kd[asing]}))
        if res is not None:  # a name left for the officer: named as an error of its rows, not a missing code
            belum = kd == ""
            galat = [g[~(g["baris"].isin(nomor[belum]) & (g["kolom"] == "kode_wilayah"))] for g in galat]
            if belum.any():
                nama_c = "desa" if "desa" in data.columns and _tingkat_kode(dataset) == "desa" else "kecamatan"
                galat.append(pd.DataFrame({"baris": nomor[belum], "kolom": peta.get(nama_c, nama_c),
                                           "aturan": ATURAN_NAMA, "nilai": data.loc[belum, nama_c]}))
    laporan = pd.concat(galat, ignore_index=True) if galat else pd.DataFrame(columns=KOLOM_LAPORAN)
    if not laporan.empty:
        laporan = laporan.drop_duplicates().sort_values(["baris", "kolom"], kind="stable", ignore_index=True)
    hasil = _skema.HasilValidasi(hasil.data, laporan[KOLOM_LAPORAN] if len(laporan) else
                                 pd.DataFrame(columns=KOLOM_LAPORAN), hasil.catatan, hasil.peringatan,
                                 hasil.tanggal_ambigu)
    bagian = [d for d in (pd.DataFrame(peringatan, columns=KOLOM_LAPORAN), hasil.peringatan) if len(d)]
    w = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=KOLOM_LAPORAN)
    if len(w):
        w = w.sort_values(["baris", "kolom"], kind="stable", ignore_index=True)
        catatan.append(f"{len(w)} peringatan pada {w['baris'].nunique()} baris: diimpor dan ditandai (catatan mutu)")
    return Persiapan(nama_berkas, dataset, tebakan, kode_kabupaten, mentah, hasil, res, catatan, w, peta, usulan,
                     diabaikan, kurang, _peta.sidik(mentah.columns),
                     _mutu.catatan_per_baris(w, nomor) if len(w) else None, tabel.lembar, tabel.daftar_lembar)


def rencana(persiapan: Persiapan, gudang):
    """What :func:`jalankan` would change (see :class:`indicators.data.gudang_rencana.RencanaImpor`);
    ValueError when not ready."""
    _pastikan_siap(persiapan)
    return gudang.rencana(persiapan.validasi.data, persiapan.dataset, catatan_mutu=persiapan.catatan_mutu)


def _pastikan_siap(p: Persiapan) -> None:
    if p.kolom_kurang:
        raise ValueError(f"kolom wajib belum dipetakan: {', '.join(p.kolom_kurang)} — pilih kolom berkas untuknya "
                         "(CLI: --map KOLOM_BERKAS=KOLOM_DATASET); tidak ada yang diimpor")
    if not p.perlu_pilihan.empty:
        raise ValueError(f"{len(p.perlu_pilihan)} nama wilayah belum dicocokkan (ambiguous/unmatched); "
                         "pilih desanya dulu — tidak ada yang diimpor")
    if not p.validasi.valid:
        baris = p.galat["baris"].nunique()
        raise ValueError(f"{len(p.galat)} galat pada {baris} baris; tidak ada yang diimpor")


def jalankan(persiapan: Persiapan, gudang, pengguna: str = "operator", sebelum_commit=None, peran: str = ""):
    """Import a ready upload, all or nothing (one transaction, one audit event), and keep its column
    mapping for the next file with the same header when it was not the identity. ValueError if not ready."""
    _pastikan_siap(persiapan)
    r = gudang.impor(persiapan.validasi.data, persiapan.dataset, berkas=persiapan.berkas, pengguna=pengguna,
                     sebelum_commit=sebelum_commit, catatan_mutu=persiapan.catatan_mutu, peran=peran)
    peta = {t: s for t, s in persiapan.peta_kolom.items() if s}
    if any(t != s for t, s in peta.items()):
        gudang.simpan_pemetaan(persiapan.dataset, persiapan.sidik, peta, persiapan.berkas, pengguna)
    return r


def ringkas_rencana(r, kode_kabupaten: str, bahasa: str = "id") -> list[str]:
    """The preview in words, one sentence per change: simulated rows removed, rows per month for how
    many villages, villages without data that month, rows of the same month replaced — or that
    nothing changes."""
    from indicators.data.ringkas_rencana import kalimat_rencana

    return kalimat_rencana(r, kode_kabupaten, bahasa)
