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

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import pandera.errors
import pandera.pandas as pa
import yaml

from indicators.dasar.pengaturan import DATA_DIR

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


@dataclass(frozen=True)
class Dataset:
    nama: str
    deskripsi: dict
    kunci: tuple[str, ...]
    kolom: dict[str, Kolom]
    aturan: tuple[dict, ...] = ()

    @property
    def kolom_wajib(self) -> list[str]:
        return [k for k, c in self.kolom.items() if c.wajib]

    @property
    def kolom_pribadi(self) -> list[str]:
        return [k for k, c in self.kolom.items() if c.pribadi]


@dataclass
class HasilValidasi:
    """Typed rows and the per-row error report (empty when the file is valid)."""
    data: pd.DataFrame
    galat: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_GALAT))

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
            )
        out[nama] = Dataset(nama, d["deskripsi"], tuple(d["kunci"]), kolom, tuple(d.get("aturan", ())))
    return out


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


def _ubah(s: pd.Series, tipe: str) -> pd.Series:
    """Convert text to the declared type; unparseable values become NA (reported by the caller)."""
    t = s.astype("string").str.strip()
    t = t.mask(t == "")
    if tipe in ("teks", "kode_wilayah", "periode"):
        return t
    if tipe in ("bulat", "angka"):
        t = t.str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True)  # "1,5" written the Indonesian way
        x = pd.to_numeric(t, errors="coerce")
        if tipe == "bulat":
            x = x.where(x.isna() | (x == x.round()))
            return x.astype("Int64")
        return x.astype("float64")
    if tipe == "boolean":
        low = t.str.lower()
        return low.map(lambda v: True if v in _BENAR else False if v in _SALAH else pd.NA).astype("boolean")
    return pd.to_datetime(t, errors="coerce", format="ISO8601").astype("datetime64[ns]")


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


def _galat(baris, kolom, aturan, nilai, pribadi: bool) -> dict:
    if nilai is not None and not isinstance(nilai, (list, tuple)) and pd.isna(nilai):
        nilai = None
    nilai = DISAMARKAN if pribadi and nilai is not None and str(nilai) != "" else nilai
    return {"baris": baris, "kolom": kolom, "aturan": aturan, "nilai": None if nilai is None else str(nilai)}


def validasi(mentah: pd.DataFrame, nama: str, baris_awal: int = 2) -> HasilValidasi:
    """Validate a frame of text cells (as read from a file) against a dataset schema.

    ``baris_awal`` is the file row number of the first data row (2 when row 1 is the header).
    """
    ds = skema(nama)
    # an integer index is the data-row position in the file (berkas.baca_tabel keeps it across blank lines)
    posisi = mentah.index if pd.api.types.is_integer_dtype(mentah.index) else pd.RangeIndex(len(mentah))
    mentah = mentah.reset_index(drop=True)
    mentah.columns = [str(c).strip() for c in mentah.columns]
    nomor = pd.Series(posisi.to_numpy() + baris_awal)
    galat: list[dict] = []
    hilang = [k for k in ds.kolom_wajib if k not in mentah.columns]
    if hilang:
        galat += [_galat(1, k, "kolom wajib tidak ada", None, False) for k in hilang]
        return HasilValidasi(kosongkan(mentah, nama), pd.DataFrame(galat, columns=KOLOM_GALAT))
    data = pd.DataFrame(index=mentah.index)
    for k, c in ds.kolom.items():
        if k not in mentah.columns:
            data[k] = _ubah(pd.Series([None] * len(mentah), dtype="object"), c.tipe)
            continue
        data[k] = _ubah(mentah[k], c.tipe)
        gagal = data[k].isna() & ~_kosong(mentah[k])
        for i in mentah.index[gagal]:
            galat.append(_galat(int(nomor[i]), k, f"bukan {c.tipe} yang valid", mentah.at[i, k], c.pribadi))
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
            galat.append(_galat(int(nomor[i]), kol, aturan, r["failure_case"], bool(c and c.pribadi)))
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
    rep = pd.DataFrame(galat, columns=KOLOM_GALAT)
    if not rep.empty:
        rep = rep.drop_duplicates().sort_values(["baris", "kolom"], kind="stable", ignore_index=True)
    return HasilValidasi(data, rep)


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
