"""The data officers' import path: read → find region codes → validate → plan → import, with a report.

One upload goes through :func:`siapkan`, which never writes: it reads the file (size and type checked
before parsing), recognises the dataset from its columns, turns region codes written another way into
dotted Kemendagri codes (undotted codes; village and kecamatan names through the resolver; for
complaints, the point in the imported boundaries), and validates every row. The result says what it
did (``catatan``), what needs the officer (``perlu_pilihan``: names that are ambiguous or unknown,
never guessed), what is flagged but allowed (``peringatan``: e.g. points outside the district) and
every error per file row. Only :func:`jalankan` writes, all or nothing, once nothing is left open.

>>> isi = b"kode_wilayah,penduduk,rumah_tangga,luas_km2\\n1802012001,1200,300,5.5\\n"
>>> p = siapkan(isi, "profil.csv", "18.02")
>>> p.dataset, p.siap, p.validasi.data.loc[0, "kode_wilayah"], p.catatan[0]
('profil_desa', True, '18.02.01.2001', '1 kode wilayah tanpa titik dinormalkan (1802012001 → 18.02.01.2001)')
"""
from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.data import skema as _skema
from indicators.data.berkas import baca_berkas, periksa_berkas_batas
from indicators.wilayah.daftar import daftar_wilayah, hierarki
from indicators.wilayah.resolver import normal_kode, resolusi, sistem_kode

log = logging.getLogger(__name__)

# Columns officers' exports use for the region, beside ``kode_wilayah`` itself (compared lower-case).
KOLOM_KODE = ("kode_wilayah", "kode_desa", "kode_kelurahan", "kode_desa_kelurahan", "kode_kemendagri", "kdepum",
              "kode", "kd_desa", "kode_kecamatan", "kdcpum")
KOLOM_DESA = ("desa", "nama_desa", "kelurahan", "desa_kelurahan", "nama_desa_kelurahan", "kampung", "nama_kampung",
              "desa/kelurahan", "wadmkd", "namobj")
KOLOM_KECAMATAN = ("kecamatan", "nama_kecamatan", "kec", "wadmkc")
KOLOM_LAPORAN = ["baris", "kolom", "aturan", "nilai"]
ATURAN_KODE_ASING = "kode wilayah tidak ada dalam daftar Kemendagri kabupaten ini"
ATURAN_NAMA = "nama wilayah belum dicocokkan (pilih desa pada tabel tinjauan)"


def _kolom_normal(c) -> str:
    return re.sub(r"\s+", "_", str(c).strip().lower())


def deteksi_dataset(kolom) -> str | None:
    """The dataset a file's columns belong to: every required column present (a region code may be
    given as names, an undotted code or, for complaints, a point), the largest overlap wins.

    >>> deteksi_dataset(["id_aduan", "waktu_lapor", "lat", "lon", "nama_ruas", "status_jalan",
    ...                  "jenis_kerusakan", "tingkat", "status", "waktu_status", "kanal", "dukungan"])
    'aduan_jalan'
    >>> deteksi_dataset(["desa", "kecamatan", "penduduk", "rumah_tangga", "luas_km2"])
    'profil_desa'
    >>> deteksi_dataset(["a", "b"]) is None
    True
    """
    ada = {_kolom_normal(c) for c in kolom}
    if ada & set(KOLOM_KODE) or ada & set(KOLOM_DESA) or ada & set(KOLOM_KECAMATAN):
        ada = ada | {"kode_wilayah"}
    calon = [(len(ada & set(ds.kolom)), -len(ds.kolom), n) for n, ds in _skema.muat_skema().items()
             if set(ds.kolom_wajib) <= ada]
    return max(calon)[2] if calon else None


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
    def siap(self) -> bool:
        """True when the rows can be imported: valid, and every name settled."""
        return self.validasi.valid and self.perlu_pilihan.empty

    @property
    def galat(self) -> pd.DataFrame:
        return self.validasi.galat


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
    for (nama, kec), kode in (pilihan or {}).items():
        cocok = (r["nama"] == nama) & (r["kecamatan"] == (kec or ""))
        if cocok.any() and kode:
            if kode not in _kode_sah_tingkat(kode_kabupaten, tingkat):
                raise ValueError(f"pilihan untuk {nama!r}: kode {kode!r} bukan {tingkat} kabupaten {kode_kabupaten}")
            r.loc[cocok, ["kode_wilayah", "dipilih"]] = [kode, True]
    return r


def _kode_sah_tingkat(kode_kabupaten: str, tingkat: str) -> set[str]:
    return set(daftar_wilayah(kode_kabupaten, tingkat)["kode_wilayah"])


def _titik(df: pd.DataFrame, kode: pd.Series, kode_kabupaten: str, catatan: list[str], baris_awal: int) -> tuple:
    """Complaints: ``kode_wilayah`` from the point in the real boundaries where empty; points outside the
    district (or swapped) flagged. Returns the codes and the warnings."""
    from indicators.wilayah.batas import batas, kode_dari_titik

    lat = pd.to_numeric(df["lat"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
    lon = pd.to_numeric(df["lon"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
    kosong = (kode.fillna("") == "") & lat.notna() & lon.notna()
    peringatan: list[dict] = []
    if not kosong.any():
        return kode, peringatan
    g = batas(kode_kabupaten, "desa")
    if g["geometri_skematis"].all():
        catatan.append(f"{int(kosong.sum())} aduan tanpa kode_wilayah: tidak diturunkan dari titik karena batas "
                       "resmi belum diimpor (batas skematis tidak dipakai untuk itu)")
        return kode, peringatan
    hasil = kode_dari_titik(lat[kosong].to_numpy(), lon[kosong].to_numpy(), kode_kabupaten, "desa")
    nyata = set(g.loc[~g["geometri_skematis"], "kode_wilayah"])
    hasil = np.array([h if h in nyata else None for h in hasil], dtype=object)  # real polygons only
    kode = kode.copy()
    isi = pd.Series(hasil, index=lat[kosong].index)
    kode.loc[isi.index[isi.notna()]] = isi[isi.notna()].astype(str)
    if isi.notna().any():
        catatan.append(f"{int(isi.notna().sum())} aduan mendapat kode_wilayah dari titiknya "
                       "(titik di dalam batas desa)")
    luar = isi.index[isi.isna()]
    if len(luar):
        tukar = kode_dari_titik(lon[luar].to_numpy(), lat[luar].to_numpy(), kode_kabupaten, "desa")
        nomor = pd.Series(df.index.to_numpy() + baris_awal, index=df.index)  # rows as in the file
        for i, t in zip(luar, tukar, strict=True):
            aturan = ("lintang/bujur tampaknya tertukar" if t is not None
                      else "titik di luar kabupaten (atau di desa tanpa batas): kode_wilayah tidak diturunkan")
            peringatan.append({"baris": int(nomor[i]), "kolom": "lat+lon", "aturan": aturan,
                               "nilai": f"{lat[i]:.5f}, {lon[i]:.5f}"})
    return kode, peringatan


def siapkan(isi: bytes, nama_berkas: str, kode_kabupaten: str, dataset: str | None = None,
            pilihan: dict | None = None, batas_byte: int | None = None, *, lembar: str | int | None = None,
            format_tanggal: dict[str, str] | None = None, kemajuan=None) -> Persiapan:
    """Read, recognise, resolve and validate one upload; writes nothing.

    ``dataset``: as the officer chose it (default: recognised from the columns). ``pilihan``: the
    officer's choices for names, ``{(nama, kecamatan): kode_wilayah}`` (kecamatan ``""`` when the
    file has none). ``lembar``: the XLSX sheet (default the first holding data); ``format_tanggal``:
    the officer's format for ambiguous date columns (``{kolom: "dd/mm/yyyy"}``); ``kemajuan(pecahan,
    teks)``: reading progress. ValueError for a file that cannot be read, a dataset that cannot be
    recognised, or codes of another system (BPS) without names to join on.
    """
    jenis = Path(str(nama_berkas)).suffix.lower() or "tanpa ekstensi"
    try:
        p = _siapkan(isi, nama_berkas, kode_kabupaten, dataset, pilihan, batas_byte, lembar, format_tanggal,
                     kemajuan)
    except ValueError:
        # the message goes to the officer; the log keeps only what carries no personal data
        log.info("unggahan ditolak sebelum validasi: berkas %s, %d byte", jenis, len(isi))
        raise
    if not p.validasi.valid:
        log.info("unggahan %s ditolak: %d galat pada %d baris (berkas %s, %d byte, %d baris)", p.dataset,
                 len(p.galat), p.galat["baris"].nunique(), jenis, len(isi), len(p.mentah))
    return p


def _siapkan(isi: bytes, nama_berkas: str, kode_kabupaten: str, dataset: str | None,
             pilihan: dict | None, batas_byte: int | None, lembar=None, format_tanggal=None,
             kemajuan=None) -> Persiapan:
    kode_kabupaten = str(kode_kabupaten).strip()
    tabel = baca_berkas(isi, nama_berkas, batas_byte, lembar, kemajuan)
    mentah = tabel.data
    mentah.columns = [_kolom_normal(c) for c in mentah.columns]
    if mentah.columns.duplicated().any():
        ganda = sorted(set(mentah.columns[mentah.columns.duplicated()]))
        raise ValueError(f"kolom ganda dalam berkas: {', '.join(ganda)}")
    tebakan = deteksi_dataset(mentah.columns)
    dataset = dataset or tebakan
    if dataset is None:
        raise ValueError("dataset tidak dapat dikenali dari kolom berkas; pilih dataset, atau unduh templatnya")
    ds = _skema.skema(dataset)
    catatan: list[str] = list(tabel.catatan)
    peringatan: list[dict] = []
    res = None
    data = mentah.copy()
    baris_awal = tabel.baris_awal
    if "kode_wilayah" in ds.kolom:
        tingkat = _tingkat_kode(dataset)
        kode_c = next((c for c in KOLOM_KODE if c in data.columns
                       and (c == "kode_wilayah" or tingkat == "kecamatan" or c not in ("kode_kecamatan", "kdcpum"))),
                      None)
        desa_c = next((c for c in KOLOM_DESA if c in data.columns), None)
        kec_c = next((c for c in KOLOM_KECAMATAN if c in data.columns), None)
        nama_ada = (desa_c if tingkat == "desa" else kec_c) is not None
        kode = pd.Series("", index=data.index, dtype="string")
        if kode_c is not None:
            if kode_c != "kode_wilayah":
                catatan.append(f"kolom {kode_c!r} dibaca sebagai kode_wilayah")
            sistem = sistem_kode(data[kode_c].replace("", pd.NA), kode_kabupaten, kode_c)
            if sistem == "bps":
                if not nama_ada:
                    raise ValueError(f"kolom {kode_c!r} berisi kode BPS (sistem kode statistik, bukan Kemendagri); "
                                     "kode ini tidak digabung. Gunakan kode Kemendagri, atau sertakan kolom nama "
                                     "desa dan kecamatan agar dicocokkan lewat nama")
                catatan.append(f"kolom {kode_c!r} berisi kode BPS (sistem lain): tidak dipakai; "
                               "kode Kemendagri dicari lewat nama")
            else:
                kode = _normalkan_kode(data[kode_c], catatan)
        for c in data.columns:
            if "bps" in c and c != kode_c:
                catatan.append(f"kolom {c!r} berisi kode BPS (sistem kode statistik, bukan Kemendagri): tidak dipakai")
        kosong = kode.fillna("") == ""
        if kosong.any() and nama_ada:
            sub = data.loc[kosong]
            res = _resolusi_nama(sub, desa_c, kec_c, tingkat, kode_kabupaten, pilihan, baris_awal)
            kunci_nama = desa_c if tingkat == "desa" else kec_c
            kunci = sub[kunci_nama].astype("string").fillna("") + "\x00" + (
                sub[kec_c].astype("string").fillna("") if (kec_c and tingkat == "desa") else "")
            peta = dict(zip(res["nama"] + "\x00" + res["kecamatan"], res["kode_wilayah"], strict=True))
            # every name unmatched gives a column of nulls only: map through plain Python values
            kode.loc[kosong] = pd.Series([peta.get(k) or "" for k in kunci], index=kunci.index, dtype="string")
            n = res["match"].value_counts()
            catatan.append(f"{len(res)} nama wilayah berbeda dicocokkan ke kode Kemendagri: "
                           + ", ".join(f"{int(n.get(m, 0))} {m}" for m in ("exact", "fuzzy", "ambiguous", "unmatched"))
                           + (f"; {int(res['dipilih'].sum())} dipilih petugas" if res["dipilih"].any() else ""))
        if dataset == "aduan_jalan" and {"lat", "lon"} <= set(data.columns):
            kode, peringatan = _titik(data, kode, kode_kabupaten, catatan, baris_awal)
        if kode_c is not None or nama_ada or (kode.fillna("") != "").any():
            data["kode_wilayah"] = kode.fillna("").astype(str)
    hasil = _skema.validasi(data, dataset, baris_awal, format_tanggal)
    catatan += hasil.catatan
    galat = [hasil.galat] if not hasil.galat.empty else []
    if "kode_wilayah" in data.columns:
        nomor = pd.Series(data.index.to_numpy() + baris_awal, index=data.index)  # rows as in the file
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
                nama_c = next(c for c in (*KOLOM_DESA, *KOLOM_KECAMATAN) if c in data.columns)
                galat.append(pd.DataFrame({"baris": nomor[belum], "kolom": nama_c, "aturan": ATURAN_NAMA,
                                           "nilai": data.loc[belum, nama_c]}))
    laporan = pd.concat(galat, ignore_index=True) if galat else pd.DataFrame(columns=KOLOM_LAPORAN)
    if not laporan.empty:
        laporan = laporan.drop_duplicates().sort_values(["baris", "kolom"], kind="stable", ignore_index=True)
    hasil = _skema.HasilValidasi(hasil.data, laporan[KOLOM_LAPORAN] if len(laporan) else
                                 pd.DataFrame(columns=KOLOM_LAPORAN), hasil.catatan, hasil.peringatan,
                                 hasil.tanggal_ambigu)
    bagian = [d for d in (pd.DataFrame(peringatan, columns=KOLOM_LAPORAN), hasil.peringatan) if len(d)]
    semua_peringatan = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=KOLOM_LAPORAN)
    return Persiapan(nama_berkas, dataset, tebakan, kode_kabupaten, mentah, hasil, res, catatan,
                     semua_peringatan, tabel.lembar, tabel.daftar_lembar)


def rencana(persiapan: Persiapan, gudang):
    """What :func:`jalankan` would change (new, updated, identical rows skipped); ValueError when not ready."""
    _pastikan_siap(persiapan)
    return gudang.rencana(persiapan.validasi.data, persiapan.dataset)


def _pastikan_siap(p: Persiapan) -> None:
    if not p.perlu_pilihan.empty:
        raise ValueError(f"{len(p.perlu_pilihan)} nama wilayah belum dicocokkan (ambiguous/unmatched); "
                         "pilih desanya dulu — tidak ada yang diimpor")
    if not p.validasi.valid:
        baris = p.galat["baris"].nunique()
        raise ValueError(f"{len(p.galat)} galat pada {baris} baris; tidak ada yang diimpor")


def jalankan(persiapan: Persiapan, gudang, pengguna: str = "operator", sebelum_commit=None):
    """Import a ready upload, all or nothing (one transaction, one audit event). ValueError if not ready."""
    _pastikan_siap(persiapan)
    return gudang.impor(persiapan.validasi.data, persiapan.dataset, berkas=persiapan.berkas, pengguna=pengguna,
                        sebelum_commit=sebelum_commit)


# --- boundaries ---------------------------------------------------------------------------------

def baca_batas_unggahan(isi: bytes, nama_berkas: str, kode_kabupaten: str, tingkat: str | None = None,
                        batas_byte: int | None = None):
    """Check and read an uploaded boundary file; returns ``(gdf, laporan, tingkat)``.

    ``tingkat`` None: the level whose register the file matches (villages first). The bytes are
    checked (extension, size, type, zip contents) before any parsing.
    """
    from indicators.wilayah.batas import baca_batas

    ext = periksa_berkas_batas(isi, nama_berkas, batas_byte)
    with tempfile.TemporaryDirectory(prefix="batas_") as d:
        path = Path(d) / f"unggahan{ext}"
        path.write_bytes(isi)
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


# --- freshness ----------------------------------------------------------------------------------

def _rentang(awal: str, akhir: str) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(awal, akhir, freq="M")]


def kesegaran(gudang, kode_kabupaten: str) -> pd.DataFrame:
    """Data freshness per dataset: first and last month present, months without any row in between,
    and for village datasets how many villages have no row at all or miss months.

    Columns ``dataset, bulan_pertama, bulan_terakhir, bulan_kosong, desa_dengan_data, desa_tanpa_data,
    desa_bulan_hilang``; datasets without a time column show only their last import elsewhere.
    """
    from indicators.data.gudang import kolom_bulan

    desa = set(daftar_wilayah(kode_kabupaten, "desa")["kode_wilayah"])
    rows = []
    for nama in _skema.muat_skema():
        if kolom_bulan(nama) is None:
            continue
        b = gudang.bulan_per_desa(nama)
        r = {"dataset": nama, "bulan_pertama": None, "bulan_terakhir": None, "bulan_kosong": 0,
             "desa_dengan_data": None, "desa_tanpa_data": None, "desa_bulan_hilang": None}
        if len(b):
            semua = _rentang(b["bulan"].min(), b["bulan"].max())
            r.update(bulan_pertama=semua[0], bulan_terakhir=semua[-1],
                     bulan_kosong=len(set(semua) - set(b["bulan"])))
            if "kode_wilayah" in _skema.skema(nama).kolom:
                per = bulan_hilang(b, kode_kabupaten)
                r.update(desa_dengan_data=int((per["bulan_ada"] > 0).sum()),
                         desa_tanpa_data=int((per["bulan_ada"] == 0).sum()),
                         desa_bulan_hilang=int(((per["bulan_ada"] > 0) & (per["jumlah_hilang"] > 0)).sum()))
        elif "kode_wilayah" in _skema.skema(nama).kolom:
            r.update(desa_dengan_data=0, desa_tanpa_data=len(desa))
        rows.append(r)
    return pd.DataFrame(rows)


def bulan_hilang(bulan_desa: pd.DataFrame, kode_kabupaten: str) -> pd.DataFrame:
    """Months missing per village between the dataset's first and last month.

    ``bulan_desa``: distinct ``kode_wilayah, bulan`` pairs (:meth:`Gudang.bulan_per_desa`). One row per
    village of the register: ``kode_wilayah, nama, bulan_ada, bulan_terakhir, jumlah_hilang,
    bulan_hilang`` (the missing months, comma-separated), most missing first.

    >>> b = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"] * 2, "bulan": ["2026-01", "2026-03"]})
    >>> h = bulan_hilang(b, "18.02").set_index("kode_wilayah")
    >>> h.loc["18.02.01.2001", "bulan_hilang"], int(h.loc["18.02.01.2002", "jumlah_hilang"])
    ('2026-02', 3)
    """
    reg = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "nama"]]
    b = bulan_desa.dropna(subset=["bulan"])
    semua = _rentang(b["bulan"].min(), b["bulan"].max()) if len(b) else []
    ada = b[b["kode_wilayah"].isin(reg["kode_wilayah"])].groupby("kode_wilayah")["bulan"].agg(set)
    out = reg.copy()
    bulan = out["kode_wilayah"].map(ada)
    out["bulan_ada"] = bulan.map(lambda s: len(s) if isinstance(s, set) else 0)
    out["bulan_terakhir"] = bulan.map(lambda s: max(s) if isinstance(s, set) else None)
    hilang = bulan.map(lambda s: [m for m in semua if not (isinstance(s, set) and m in s)])
    out["jumlah_hilang"] = hilang.map(len)
    out["bulan_hilang"] = hilang.map(", ".join)
    return out.sort_values(["jumlah_hilang", "kode_wilayah"], ascending=[False, True], ignore_index=True)
