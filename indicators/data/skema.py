"""Dataset schemas, declared once in ``data/skema.yaml`` and enforced with pandera.

The importer and the demo generator obey the same declarations. Validation never raises on bad
rows: it returns the typed frame and a per-row report (row number as in the file, column, rule),
with personal values redacted.

>>> sorted(muat_skema())[:3]
['aduan_jalan', 'aduan_jalan_riwayat', 'desa_website']
>>> import pandas as pd
>>> hasil = validasi(pd.DataFrame({"id_program": ["P1"], "periode": ["2026-13"], "target_persen": ["50"],
...                                "realisasi_persen": ["40"], "realisasi_anggaran": ["1000"]}), "program_progres")
>>> hasil.galat[["baris", "kolom"]].values.tolist()
[[2, 'periode']]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import pandera.errors
import pandera.pandas as pa
import yaml

from indicators.dasar.pengaturan import DATA_DIR
from indicators.dasar.waktu import sekarang_utc
from indicators.data import nilai as _nilai

TIPE_DTYPE = {
    "teks": "string", "kode_wilayah": "string", "periode": "string",
    "bulat": "Int64", "angka": "float64", "boolean": "boolean",
    "tanggal": "datetime64[ns]", "waktu": "datetime64[ns]",
}
POLA_KODE = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
POLA_PERIODE = r"^\d{4}-(0[1-9]|1[0-2])$"
DISAMARKAN = "«disamarkan»"
_BENAR = {"true", "1", "ya", "y", "t", "yes", "benar"}
_SALAH = {"false", "0", "tidak", "n", "f", "no", "salah"}
KOLOM_GALAT = ["baris", "kolom", "aturan", "nilai"]
# A value echoed in a report must not look like personal data (a phone, NIK, e-mail address).
_MIRIP_PRIBADI = re.compile(r"@|(?:\d[\s.\-\u2010-\u2015()/+]*){9,}")
_NILAI_POLOS = re.compile(r"[0-9A-Za-z_.,:;/+\-%' ]{1,40}")
_MIRIP_TANGGAL = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
                            r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?: \d{1,2}[:.]\d{2})?")


@dataclass(frozen=True)
class Kolom:
    nama: str
    tipe: str
    wajib: bool
    deskripsi: dict
    nilai: tuple | None = None
    min: float | None = None
    max: float | None = None
    pribadi: bool = False
    pola: str | None = None
    ribuan: str | None = None        # "titik": counts and money, 949.000 is 949 000
    paling_awal: str | None = None   # dates/periods: ISO date, or "sekarang"
    paling_akhir: str | None = None
    di_luar: str = "galat"           # outside that range: "galat" (refused) or "peringatan" (flagged)
    sinonim: tuple[str, ...] = ()  # other names officers' exports use for this column (data/skema.yaml)
    contoh: str | None = None      # the template's example value


@dataclass(frozen=True)
class Dataset:
    nama: str
    deskripsi: dict
    kunci: tuple[str, ...]
    kolom: dict[str, Kolom]
    aturan: tuple[dict, ...] = ()
    impor: str = "tambah"  # "ganti_bulan": a file's months (per village) replace what the store holds for them

    @property
    def kolom_wajib(self) -> list[str]:
        return [k for k, c in self.kolom.items() if c.wajib]

    @property
    def kolom_pribadi(self) -> list[str]:
        return [k for k, c in self.kolom.items() if c.pribadi]


@dataclass
class HasilValidasi:
    """Typed rows and the per-row error report (empty when the file is valid); ``catatan`` says how
    values were read (date formats, thousands separators), ``peringatan`` lists what a declared rule
    flags without refusing, ``tanggal_ambigu`` the date columns whose format the officer must state
    (``{kolom: {"contoh", "jumlah", "pilihan"}}``; pass the answer as ``format_tanggal``)."""
    data: pd.DataFrame
    galat: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_GALAT))
    catatan: list[str] = field(default_factory=list)
    peringatan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_GALAT))
    tanggal_ambigu: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.galat.empty


@lru_cache(maxsize=1)
def muat_skema() -> dict[str, Dataset]:
    """Every dataset schema of ``data/skema.yaml``."""
    raw = yaml.safe_load((DATA_DIR / "skema.yaml").read_text(encoding="utf-8"))
    out = {}
    for nama, d in raw.items():
        kolom = {}
        for k, c in d["kolom"].items():
            if c["tipe"] not in TIPE_DTYPE:
                raise ValueError(f"skema {nama}.{k}: tipe tidak dikenal {c['tipe']!r}")
            kolom[k] = Kolom(
                k,
                c["tipe"],
                bool(c["wajib"]),
                c["deskripsi"],
                tuple(c["nilai"]) if "nilai" in c else None,
                c.get("min"),
                c.get("max"),
                bool(c.get("pribadi", False)),
                c.get("pola"),
                c.get("ribuan"),
                _teks_atau_none(c.get("paling_awal")),
                _teks_atau_none(c.get("paling_akhir")),
                c.get("di_luar", "galat"),
                tuple(str(x) for x in c.get("sinonim", ())),
                None if c.get("contoh") is None else str(c["contoh"]),
            )
            if kolom[k].di_luar not in ("galat", "peringatan"):
                raise ValueError(f"skema {nama}.{k}: di_luar harus 'galat' atau 'peringatan'")
        if d.get("impor", "tambah") not in ("tambah", "ganti_bulan"):
            raise ValueError(f"skema {nama}: impor harus 'tambah' atau 'ganti_bulan', bukan {d['impor']!r}")
        out[nama] = Dataset(nama, d["deskripsi"], tuple(d["kunci"]), kolom, tuple(d.get("aturan", ())),
                            d.get("impor", "tambah"))
    return out


def _teks_atau_none(v) -> str | None:
    return None if v is None else str(v)


def skema(nama: str) -> Dataset:
    """One dataset's schema; ``ValueError`` naming the known datasets when unknown."""
    s = muat_skema()
    if nama not in s:
        raise ValueError(f"dataset tidak dikenal: {nama!r}; pilih salah satu dari {', '.join(sorted(s))}")
    return s[nama]


def kosongkan(df: pd.DataFrame, nama: str) -> pd.DataFrame:
    """An empty frame with the dataset's columns and dtypes."""
    ds = skema(nama)
    return pd.DataFrame({k: pd.Series(dtype=TIPE_DTYPE[c.tipe]) for k, c in ds.kolom.items()})


def ketik(df: pd.DataFrame, nama: str) -> pd.DataFrame:
    """Cast an already-clean frame (e.g. from the store or the demo generator) to the declared dtypes."""
    ds = skema(nama)
    out = pd.DataFrame(index=df.index)
    for k, c in ds.kolom.items():
        s = df[k] if k in df else pd.Series(pd.NA, index=df.index)
        if c.tipe in ("tanggal", "waktu"):
            out[k] = pd.to_datetime(s).astype("datetime64[ns]")
        else:
            out[k] = s.astype(TIPE_DTYPE[c.tipe])
    return out


def _kosong(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("string").str.strip() == "")


def _urai(s: pd.Series, c: Kolom, format_tanggal: str | None = None) -> _nilai.Hasil:
    """Text → the declared type; unparseable values become NA with their reason (reported by the caller)."""
    t = s.astype("string").str.strip()
    t = t.mask(t == "")
    kosong = pd.Series(pd.NA, index=s.index, dtype="string")
    if c.tipe in ("teks", "kode_wilayah", "periode"):
        return _nilai.Hasil(t, kosong)
    if c.tipe in ("bulat", "angka"):
        h = _nilai.urai_angka(t, c.nama, c.tipe, c.ribuan, c.min, c.max)
        h.nilai = h.nilai.astype("Int64") if c.tipe == "bulat" else h.nilai.astype("float64")
        return h
    if c.tipe == "boolean":
        low = t.str.lower()
        return _nilai.Hasil(low.map(lambda v: True if v in _BENAR else False if v in _SALAH else pd.NA)
                            .astype("boolean"), kosong)
    return _nilai.urai_waktu(t, c.nama, format_tanggal)


def _tanggal_batas(v: str | None, tipe: str):
    if v is None:
        return None
    if v == "sekarang":  # the present, a day's slack for the district's zone and clocks
        now = pd.Timestamp(sekarang_utc()).tz_localize(None) + pd.Timedelta(days=1)
        return now.strftime("%Y-%m") if tipe == "periode" else now
    return v[:7] if tipe == "periode" else pd.Timestamp(v)


def _rentang(data: pd.Series, c: Kolom) -> tuple[pd.Series, str]:
    """Rows outside the column's declared date range, and the rule broken (in words)."""
    awal, akhir = _tanggal_batas(c.paling_awal, c.tipe), _tanggal_batas(c.paling_akhir, c.tipe)
    luar = pd.Series(False, index=data.index)
    ada = data.notna()
    if awal is not None:
        luar |= ada & (data < awal).fillna(False)
    if akhir is not None:
        luar |= ada & (data > akhir).fillna(False)
    kata = []
    if awal is not None:
        kata.append(f"tidak sebelum {'hari ini' if c.paling_awal == 'sekarang' else c.paling_awal}")
    if akhir is not None:
        kata.append("tidak setelah hari ini (tanggal di masa depan)" if c.paling_akhir == "sekarang"
                    else f"tidak setelah {c.paling_akhir}")
    return luar.astype(bool), ("tanggal " if c.tipe != "periode" else "periode ") + " dan ".join(kata)


def _pandera(ds: Dataset) -> pa.DataFrameSchema:
    cols = {}
    for k, c in ds.kolom.items():
        checks = []
        if c.nilai:
            checks.append(pa.Check.isin(list(c.nilai), error="nilai harus salah satu dari: " + ", ".join(c.nilai)))
        if c.min is not None:
            checks.append(pa.Check.ge(c.min, error=f"nilai minimum {c.min}"))
        if c.max is not None:
            checks.append(pa.Check.le(c.max, error=f"nilai maksimum {c.max}"))
        if c.pola:
            checks.append(pa.Check.str_matches(c.pola, error="format tidak valid"))
        if c.tipe == "kode_wilayah":
            checks.append(pa.Check.str_matches(POLA_KODE, error="kode wilayah harus berbentuk 18.02.01.2001"))
        if c.tipe == "periode":
            checks.append(pa.Check.str_matches(POLA_PERIODE, error="periode harus berbentuk YYYY-MM"))
        cols[k] = pa.Column(TIPE_DTYPE[c.tipe], checks=checks, nullable=not c.wajib, coerce=False)
    return pa.DataFrameSchema(cols, strict=False)


def boleh_digemakan(teks: str, tipe: str | None = None) -> bool:
    """May a report show this cell? Only a plain value (digits, dates, short words) that looks like no
    phone, NIK or e-mail; in a column of numbers, dates or codes, at most three letters (a name typed
    into the wrong column is not shown).

    >>> boleh_digemakan("12..5", "angka"), boleh_digemakan("0812–6000–1007"), boleh_digemakan("Budi Santoso", "bulat")
    (True, False, False)
    """
    if _MIRIP_TANGGAL.fullmatch(teks):
        return True
    if _MIRIP_PRIBADI.search(teks) or not _NILAI_POLOS.fullmatch(teks):
        return False
    return tipe in (None, "teks") or sum(ch.isalpha() for ch in teks) <= 3


def _galat(baris, kolom, aturan, nilai, pribadi: bool, tipe: str | None = None) -> dict:
    """One report row; the value redacted unless :func:`boleh_digemakan`."""
    if nilai is not None and not isinstance(nilai, (list, tuple)) and pd.isna(nilai):
        nilai = None
    if nilai is not None and str(nilai) != "" and (pribadi or not boleh_digemakan(str(nilai), tipe)):
        nilai = DISAMARKAN
    return {"baris": baris, "kolom": kolom, "aturan": aturan, "nilai": None if nilai is None else str(nilai)}


def _nilai_gema(c: Kolom | None, v):
    """What the report may show of a value refused by an enumeration: only a near-miss of an allowed
    value (wrong case or spaces) — anything else a person typed there is redacted."""
    if c is None or not c.nilai or v is None or (not isinstance(v, str) and pd.isna(v)):
        return v
    return v if str(v).strip().lower().replace(" ", "_") in c.nilai else DISAMARKAN


def validasi(mentah: pd.DataFrame, nama: str, baris_awal: int | None = None,
             format_tanggal: dict[str, str] | None = None) -> HasilValidasi:
    """Validate a frame of text cells (as read from a file) against a dataset schema.

    ``baris_awal`` is the file row number of the first data row (default: ``mentah.attrs["baris_awal"]``
    as :func:`indicators.data.berkas.baca_tabel` sets it, else 2: row 1 is the header).
    ``format_tanggal``: the officer's answer for ambiguous date columns, ``{kolom: "dd/mm/yyyy"}``.
    """
    ds = skema(nama)
    if baris_awal is None:
        baris_awal = int(mentah.attrs.get("baris_awal", 2))
    format_tanggal = format_tanggal or {}
    # an integer index is the data-row position in the file (berkas.baca_tabel keeps it across blank lines)
    posisi = mentah.index if pd.api.types.is_integer_dtype(mentah.index) else pd.RangeIndex(len(mentah))
    mentah = mentah.reset_index(drop=True)
    mentah.columns = [str(c).strip() for c in mentah.columns]
    nomor = pd.Series(posisi.to_numpy() + baris_awal)
    galat: list[dict] = []
    peringatan: list[dict] = []
    catatan: list[str] = []
    ambigu: dict = {}
    hilang = [k for k in ds.kolom_wajib if k not in mentah.columns]
    if hilang:
        galat += [_galat(1, k, "kolom wajib tidak ada", None, False) for k in hilang]
        return HasilValidasi(kosongkan(mentah, nama), pd.DataFrame(galat, columns=KOLOM_GALAT))
    data = pd.DataFrame(index=mentah.index)

    def kolom(k: str, c: Kolom, fmt: str | None, h: _nilai.Hasil | None = None) -> _nilai.Hasil:
        h = h or _urai(mentah[k], c, fmt)
        data[k] = h.nilai
        catatan.extend(h.catatan)
        gagal = data[k].isna() & ~_kosong(mentah[k])
        if h.ambigu:
            pertama = int(mentah.index[h.alasan.notna()][0])
            ambigu[k] = {**h.ambigu, "baris": int(nomor[pertama])}
            galat.append(_galat(int(nomor[pertama]), k, f"{h.alasan.iat[pertama]} ({h.ambigu['jumlah']} baris)",
                                h.ambigu["contoh"], c.pribadi, c.tipe))
            gagal &= h.alasan.isna()
        for i in mentah.index[gagal]:
            aturan = h.alasan.iat[i] if not pd.isna(h.alasan.iat[i]) else f"bukan {c.tipe} yang valid"
            galat.append(_galat(int(nomor[i]), k, aturan, mentah.at[i, k], c.pribadi, c.tipe))
        return h

    terbukti: dict[str, str] = {}  # date columns whose own values proved dd/mm or mm/dd
    tunda = []
    for k, c in ds.kolom.items():
        if k not in mentah.columns:
            data[k] = _urai(pd.Series([None] * len(mentah), dtype="object"), c).nilai
            continue
        h = None
        if c.tipe in ("tanggal", "waktu") and k not in format_tanggal:
            h = _urai(mentah[k], c)
            if h.ambigu:
                tunda.append((k, c))  # settled below by another date column of the same file, or asked
                data[k] = h.nilai
                continue
            if h.urutan:
                terbukti[k] = h.urutan
        kolom(k, c, format_tanggal.get(k), h)
    bukti = set(terbukti.values())
    for k, c in tunda:
        if len(bukti) == 1:
            fmt = next(iter(bukti))
            catatan.append(f"kolom {k}: format {fmt} mengikuti kolom {', '.join(terbukti)} pada berkas yang sama")
            kolom(k, c, fmt)
        else:
            kolom(k, c, None)
    for k, c in ds.kolom.items():
        if k in mentah.columns and (c.paling_awal or c.paling_akhir):
            luar, aturan = _rentang(data[k], c)
            tujuan = galat if c.di_luar == "galat" else peringatan
            tujuan += [_galat(int(nomor[i]), k, aturan, mentah.at[i, k], c.pribadi, c.tipe) for i in data.index[luar]]
            if c.di_luar == "galat":
                data.loc[luar, k] = None
    try:
        _pandera(ds).validate(data, lazy=True)
    except pandera.errors.SchemaErrors as e:
        fc = e.failure_cases
        for _, r in fc.iterrows():
            if pd.isna(r["index"]):
                continue
            i = int(r["index"])
            kol = r["column"]
            c = ds.kolom.get(kol)
            cek = str(r["check"])
            if cek == "not_nullable":
                aturan = "wajib diisi"
                if c is not None and not _kosong(mentah[kol]).iat[i]:
                    continue  # already reported as an unparseable value
            else:
                aturan = cek
            galat.append(_galat(int(nomor[i]), kol, aturan, _nilai_gema(c, r["failure_case"]), bool(c and c.pribadi),
                                c.tipe if c else None))
    for a in ds.aturan:
        if a["jenis"] == "tidak_sebelum":
            salah = data[a["kolom"]].notna() & data[a["acuan"]].notna() & (data[a["kolom"]] < data[a["acuan"]])
            galat += [_galat(int(nomor[i]), a["kolom"], a["deskripsi"]["id"], data.at[i, a["kolom"]], False)
                      for i in data.index[salah]]
    kunci = list(ds.kunci)
    ganda = data.duplicated(kunci, keep="first") & data[kunci].notna().all(axis=1)
    galat += [
        _galat(int(nomor[i]), "+".join(kunci), "kunci ganda dalam berkas", None, False) for i in data.index[ganda]
    ]
    return HasilValidasi(data, _laporan(galat), catatan, _laporan(peringatan), ambigu)


def _laporan(baris: list[dict]) -> pd.DataFrame:
    rep = pd.DataFrame(baris, columns=KOLOM_GALAT)
    if not rep.empty:
        rep = rep.drop_duplicates().sort_values(["baris", "kolom"], kind="stable", ignore_index=True)
    return rep


def templat_csv(nama: str) -> str:
    """A CSV template: the header row of the dataset, in declaration order.

    >>> templat_csv("program_progres").strip()
    'id_program,periode,target_persen,realisasi_persen,realisasi_anggaran'
    """
    return ",".join(skema(nama).kolom) + "\n"


def kamus_data(bahasa: str = "id") -> pd.DataFrame:
    """The data dictionary of every dataset: one row per column, in the chosen language."""
    rows = []
    for ds in muat_skema().values():
        for c in ds.kolom.values():
            rows.append({"dataset": ds.nama, "kolom": c.nama, "tipe": c.tipe, "wajib": c.wajib,
                         "nilai_diizinkan": ", ".join(c.nilai) if c.nilai else "",
                         "min": c.min, "max": c.max, "data_pribadi": c.pribadi,
                         "kunci": c.nama in ds.kunci, "deskripsi": c.deskripsi[bahasa]})
    return pd.DataFrame(rows)


def tebak_dataset(kolom: list[str]) -> str | None:
    """The dataset whose required columns are all present and whose columns overlap the most."""
    kolom = {str(c).strip() for c in kolom}
    calon = [(len(kolom & set(ds.kolom)), n) for n, ds in muat_skema().items() if set(ds.kolom_wajib) <= kolom]
    return max(calon)[1] if calon else None
