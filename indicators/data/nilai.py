"""Numbers and dates as Indonesians write them, read per column, detected and reported — never guessed.

Numbers: plain (``949000``, ``12.5``, ``1e3``), decimal comma (``12,5``), thousands dots
(``1.234.567``, ``949.000,50``), English thousands commas (``1,234.5``), ``Rp 949.000,-``. A value
that reads two ways (``949.000`` is 949 or 949 000; ``1,500`` is 1,5 or 1 500) is settled by the
column's declaration (``ribuan: titik`` in ``data/skema.yaml``: counts and money), else by other values
of the same column (a ``12,5`` elsewhere makes the comma the decimal mark), else by the column's declared
``min``/``max`` when only one reading fits; otherwise it is refused naming the column. ``inf``/``nan``
are not numbers.

Dates: ISO 8601, ``dd/mm/yyyy`` and ``dd-mm-yyyy`` (``.`` too) with or without ``hh:mm[:ss]``,
month names in Indonesian or English (``1 Oktober 2026``, ``01-Okt-2026``, ``Oct 1, 2026``), Excel
serial numbers. Day and month are told apart per column by a value whose day is above 12; a column
where none is (``03/04/2026``) is refused as ambiguous unless the officer states its format
(``format_tanggal``). Years outside 1900–2100 are refused (``0001-01-01``), not overflowed.

>>> import pandas as pd
>>> h = urai_angka(pd.Series(["949.000", "1.250.000,50"]), "anggaran", ribuan="titik")
>>> h.nilai.tolist(), h.catatan[0][:57]
([949000.0, 1250000.5], 'kolom anggaran: titik dibaca sebagai pemisah ribuan, koma')
>>> w = urai_waktu(pd.Series(["01/10/2026 12:21", "15/10/2026 08:00"]), "tanggal_masuk")
>>> [str(x) for x in w.nilai], w.catatan
(['2026-10-01 12:21:00', '2026-10-15 08:00:00'], ['kolom tanggal_masuk dibaca sebagai dd/mm/yyyy hh:mm'])
>>> urai_waktu(pd.Series(["03/04/2026"]), "tanggal_masuk").alasan.iloc[0][:22]
'format tanggal ambigu:'
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

BULAN = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
         "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
         "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
         "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
         "october": 10, "november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12,
         "december": 12}
TAHUN_MIN, TAHUN_MAKS = 1900, 2100
_SERI = (21916, 73050)  # Excel serial days of 1960-01-01 and 2099-12-31
_WAKTU = r"(?:[ T,]+(?P<j>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<d>\d{2})(?:[.,]\d+)?)?)?"
_ZONA = r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|WIB|WITA|WIT))?"
POLA_TANGGAL = {
    "iso": r"(?P<y>\d{4})-(?P<b>\d{1,2})-(?P<h>\d{1,2})" + _WAKTU + _ZONA,
    "ymd": r"(?P<y>\d{4})/(?P<b>\d{1,2})/(?P<h>\d{1,2})" + _WAKTU + _ZONA,
    "dmy": r"(?P<p>\d{1,2})(?P<s>[/.-])(?P<q>\d{1,2})(?P=s)(?P<y>\d{4})" + _WAKTU + _ZONA,
    "nama": r"(?:[A-Za-z]+,?\s+)?(?P<h>\d{1,2})[\s-]+(?P<n>[A-Za-z]{3,9})\.?[\s-]+(?P<y>\d{4})" + _WAKTU + _ZONA,
    "nama_en": r"(?P<n>[A-Za-z]{3,9})\.?\s+(?P<h>\d{1,2}),?\s+(?P<y>\d{4})" + _WAKTU + _ZONA,
    "seri": r"(?P<z>\d{5}(?:\.\d+)?)",
}
NAMA_FORMAT = {"iso": "ISO 8601 (yyyy-mm-dd)", "ymd": "yyyy/mm/dd", "nama": "tanggal dengan nama bulan",
               "nama_en": "tanggal dengan nama bulan", "seri": "nomor seri tanggal Excel"}
FORMAT_DMY = {"dd/mm/yyyy": "hb", "dd-mm-yyyy": "hb", "dd.mm.yyyy": "hb", "hari-bulan": "hb",
              "mm/dd/yyyy": "bh", "mm-dd-yyyy": "bh", "bulan-hari": "bh"}
_NUM = {  # value class → pattern (checked in this order)
    "id_penuh": r"[+-]?\d{1,3}(?:\.\d{3})+,\d+",
    "en_penuh": r"[+-]?\d{1,3}(?:,\d{3})+\.\d+",
    "titik_ribuan": r"[+-]?\d{1,3}(?:\.\d{3}){2,}",
    "koma_ribuan": r"[+-]?\d{1,3}(?:,\d{3}){2,}",
    "titik_ambigu": r"[+-]?[1-9]\d{0,2}\.\d{3}",
    "koma_ambigu": r"[+-]?[1-9]\d{0,2},\d{3}",
    "koma_desimal": r"[+-]?\d*,\d+",
}
_BUKTI_KOMA = {"id_penuh", "titik_ribuan", "koma_desimal"}   # the comma is the decimal mark
_BUKTI_TITIK = {"en_penuh", "koma_ribuan", "titik_desimal"}  # the dot is the decimal mark


@dataclass
class Hasil:
    """Parsed values (NA where empty or refused), the reason per refused value, notes for the officer."""
    nilai: pd.Series
    alasan: pd.Series
    catatan: list[str] = field(default_factory=list)
    ambigu: dict | None = None
    urutan: str | None = None   # dd/mm/yyyy columns: the format the values themselves proved


def _bersih_angka(t: pd.Series) -> pd.Series:
    t = t.str.replace(r"^(?:[Rr][Pp]\.?)\s*", "", regex=True).str.replace(r",-$", "", regex=True)
    return t.str.replace(r"(?<=\d)[ \u00a0](?=\d{3}\b)", "", regex=True)


def _ke_angka(t: pd.Series, desimal: str) -> pd.Series:
    ribuan = "." if desimal == "," else ","
    return pd.to_numeric(t.str.replace(ribuan, "", regex=False).str.replace(desimal, ".", regex=False),
                         errors="coerce")


def urai_angka(s: pd.Series, kolom: str, tipe: str = "angka", ribuan: str | None = None,
               minimum: float | None = None, maksimum: float | None = None) -> Hasil:
    """Text → float64 (``tipe`` ``bulat``: integral values only; the caller casts)."""
    t = s.astype("string").str.strip()
    t = t.mask(t == "")
    alasan = pd.Series(pd.NA, index=s.index, dtype="string")
    x = pd.to_numeric(t, errors="coerce").astype("float64")
    kelas = pd.Series(pd.NA, index=s.index, dtype="string")
    ada = t.notna()
    langsung = x.notna()
    kelas[langsung & t.str.contains(".", regex=False).fillna(False)] = "titik_desimal"
    amb = langsung & t.str.fullmatch(_NUM["titik_ambigu"]).fillna(False)
    kelas[amb] = "titik_ambigu"
    sisa = ada & ~langsung
    if sisa.any():
        u = _bersih_angka(t[sisa])
        for k, pola in _NUM.items():
            cocok = u.str.fullmatch(pola).fillna(False) & kelas[sisa].isna()
            kelas.loc[cocok[cocok].index] = k
        tak = kelas[sisa].isna()
        lagi = pd.to_numeric(u[tak], errors="coerce")  # e.g. "Rp 949000"
        x.loc[lagi.index] = lagi.astype("float64")
        for k in ("id_penuh", "titik_ribuan", "koma_desimal"):
            i = kelas.index[kelas == k]
            x.loc[i] = _ke_angka(u.loc[u.index.intersection(i)], ",")
        for k in ("en_penuh", "koma_ribuan"):
            i = kelas.index[kelas == k]
            x.loc[i] = _ke_angka(u.loc[u.index.intersection(i)], ".")
    ada_kelas = set(kelas.dropna().unique())
    catatan: list[str] = []
    for k_amb in ("titik_ambigu", "koma_ambigu"):
        i = kelas.index[kelas == k_amb]
        if not len(i):
            continue
        u = _bersih_angka(t[i])
        sebagai_titik = _ke_angka(u, ".")   # the dot is the decimal mark
        sebagai_koma = _ke_angka(u, ",")    # the comma is the decimal mark
        koma = ribuan == "titik" or (bool(ada_kelas & _BUKTI_KOMA) and not ada_kelas & _BUKTI_TITIK)
        titik = ribuan == "koma" or (bool(ada_kelas & _BUKTI_TITIK) and not ada_kelas & _BUKTI_KOMA)
        if koma or titik:
            x.loc[i] = sebagai_koma if koma else sebagai_titik
            if (koma and k_amb == "titik_ambigu") or (titik and k_amb == "koma_ambigu"):
                sebab = "menurut deklarasi kolom" if ribuan else "menurut nilai lain di kolom ini"
                catatan.append(f"kolom {kolom}: {'titik' if koma else 'koma'} dibaca sebagai pemisah ribuan, "
                               f"{'koma' if koma else 'titik'} sebagai desimal ({sebab})")
            continue
        muat = {}
        for nama, v in (("koma", sebagai_koma), ("titik", sebagai_titik)):
            ok = v.notna()
            if minimum is not None:
                ok &= v >= minimum
            if maksimum is not None:
                ok &= v <= maksimum
            if tipe == "bulat":
                ok &= v == v.round()
            muat[nama] = ok
        satu = muat["koma"] ^ muat["titik"]
        x.loc[i] = np.where(muat["koma"], sebagai_koma, sebagai_titik)
        x.loc[i[~satu.to_numpy()]] = np.nan
        contoh = str(t[i[0]])
        alasan.loc[i[~satu.to_numpy()]] = (
            f"angka ambigu: {contoh} bisa dibaca dua cara (pemisah ribuan atau desimal) dan kolom {kolom} tidak "
            "menyatakan pemisah ribuan; tulis tanpa pemisah ribuan, atau desimal dengan koma")
    tak_hingga = x.notna() & ~np.isfinite(x.to_numpy(dtype="float64", na_value=np.nan))
    bukan = ada & t.str.lower().str.fullmatch(r"[+-]?(?:inf|infinity|nan)").fillna(False)
    alasan[tak_hingga | bukan] = "bukan angka yang valid: inf/nan tidak diterima sebagai angka"
    x[tak_hingga | bukan] = np.nan
    if tipe == "bulat":
        pecahan = x.notna() & (x != x.round())
        alasan[pecahan] = "bukan bulat yang valid: harus bilangan bulat"
        x[pecahan] = np.nan
    return Hasil(x, alasan, catatan)


def _iso_cepat(t: pd.Series) -> pd.Series:
    """Values that are plain ISO 8601 (``yyyy-mm-dd[Thh:mm[:ss]]``, no zone) within 1900–2100, parsed."""
    if not len(t):
        return pd.Series(dtype="datetime64[ns]")
    bentuk = t.str.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?").fillna(False)
    calon = t[bentuk]
    if not len(calon):
        return pd.Series(dtype="datetime64[ns]")
    try:
        w = pd.to_datetime(calon, format="ISO8601", errors="coerce")
    except (ValueError, TypeError, OverflowError):
        return pd.Series(dtype="datetime64[ns]")
    w = w[w.notna()]
    return w.astype("datetime64[ns]")


def _komponen(t: pd.Series, jenis: str) -> pd.DataFrame:
    return t.str.extract("^" + POLA_TANGGAL[jenis] + "$", expand=True)


def urai_waktu(s: pd.Series, kolom: str, format_: str | None = None) -> Hasil:
    """Text → datetime64[ns] (naive, as written)."""
    t = s.astype("string").str.strip()
    t = t.mask(t == "")
    alasan = pd.Series(pd.NA, index=s.index, dtype="string")
    y = pd.DataFrame(np.nan, index=s.index, columns=["year", "month", "day", "hour", "minute", "second"])
    sisa = t.notna()
    nilai = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    cepat = _iso_cepat(t[sisa])  # the common case (ISO 8601 within 1900–2100) in C; the rest below
    if len(cepat):
        nilai[cepat.index] = cepat
        sisa[cepat.index] = False
    dipakai: dict[str, int] = {}  # formats other than ISO 8601 → values read so
    catatan: list[str] = []
    ambigu = None
    urutan = None
    label = dict(NAMA_FORMAT)
    for jenis in POLA_TANGGAL:
        if not sisa.any():
            break
        k = _komponen(t[sisa], jenis)
        cocok = k.iloc[:, 0].notna()
        if not cocok.any():
            continue
        k = k[cocok]
        sisa[k.index] = False
        if jenis == "seri":
            z = k["z"].astype("float64")
            dalam = (z >= _SERI[0]) & (z <= _SERI[1])
            waktu = pd.Timestamp("1899-12-30") + pd.to_timedelta(z[dalam].round(6), unit="D")
            y.loc[waktu.index, ["year", "month", "day", "hour", "minute", "second"]] = np.column_stack(
                [waktu.dt.year, waktu.dt.month, waktu.dt.day, waktu.dt.hour, waktu.dt.minute, waktu.dt.second])
            alasan[z.index[~dalam]] = "bukan tanggal: angka di luar rentang nomor seri tanggal Excel 1960–2099"
            dipakai[label["seri"]] = dipakai.get(label["seri"], 0) + int(dalam.sum())
            continue
        tahun = k["y"].astype("float64")
        if jenis == "dmy":
            p, q = k["p"].astype("float64"), k["q"].astype("float64")
            urut = FORMAT_DMY.get(str(format_).strip().lower()) if format_ else None
            if urut is None:
                hari_p, hari_q = bool((p > 12).any()), bool((q > 12).any())
                if hari_p and hari_q:
                    alasan[k.index] = (f"format tanggal bercampur di kolom {kolom}: ada hari di depan (dd/mm) "
                                       "dan ada bulan di depan (mm/dd)")
                    continue
                if not hari_p and not hari_q and (p != q).any():
                    contoh = str(t[k.index[(p != q).to_numpy()][0]])
                    ambigu = {"contoh": contoh, "jumlah": len(k), "pilihan": ["dd/mm/yyyy", "mm/dd/yyyy"]}
                    alasan[k.index] = (f"format tanggal ambigu: {contoh} bisa dd/mm/yyyy atau mm/dd/yyyy dan tidak ada "
                                       f"baris kolom {kolom} dengan hari di atas 12; nyatakan format kolom ini")
                    continue
                urut = "bh" if hari_q else "hb"
                urutan = "dd/mm/yyyy" if urut == "hb" else "mm/dd/yyyy"
            hari, bulan = (p, q) if urut == "hb" else (q, p)
            s_ = k["s"].iloc[0]
            label["dmy"] = f"dd{s_}mm{s_}yyyy" if urut == "hb" else f"mm{s_}dd{s_}yyyy"
        elif jenis in ("nama", "nama_en"):
            bulan = k["n"].str.lower().map(BULAN).astype("float64")
            hari = k["h"].astype("float64")
            alasan[k.index[bulan.isna().to_numpy()]] = "bukan tanggal: nama bulan tidak dikenal"
        else:
            hari, bulan = k["h"].astype("float64"), k["b"].astype("float64")
        jam = bool(k["j"].notna().any())
        if jenis != "iso":
            nama = label[jenis] + (" hh:mm" if jam else "")
            dipakai[nama] = dipakai.get(nama, 0) + len(k)
        y.loc[k.index, "year"] = tahun
        y.loc[k.index, "month"] = bulan
        y.loc[k.index, "day"] = hari
        y.loc[k.index, "hour"] = k["j"].astype("float64").fillna(0)
        y.loc[k.index, "minute"] = k["m"].astype("float64").fillna(0)
        y.loc[k.index, "second"] = k["d"].astype("float64").fillna(0)
    luar = y["year"].notna() & ((y["year"] < TAHUN_MIN) | (y["year"] > TAHUN_MAKS))
    alasan[luar] = f"tahun di luar rentang {TAHUN_MIN}–{TAHUN_MAKS}"
    sah = y["year"].notna() & ~luar & alasan.isna()
    if sah.any():
        nilai[sah] = pd.to_datetime(y[sah].astype("int64"), errors="coerce")
        salah = sah & nilai.isna()
        alasan[salah] = "bukan tanggal yang ada di kalender (hari atau bulan salah)"
    if dipakai:
        catatan.append(f"kolom {kolom} dibaca sebagai " + ", ".join(
            f"{j} ({n} baris)" if len(dipakai) > 1 else j for j, n in dipakai.items()))
    return Hasil(nilai, alasan, catatan, ambigu, urutan)


def di_luar_rentang(nilai: pd.Series, awal: pd.Timestamp | None, akhir: pd.Timestamp | None) -> pd.Series:
    """True where a parsed date lies before ``awal`` or after ``akhir``."""
    luar = pd.Series(False, index=nilai.index)
    if awal is not None:
        luar |= nilai.notna() & (nilai < awal)
    if akhir is not None:
        luar |= nilai.notna() & (nilai > akhir)
    return luar
