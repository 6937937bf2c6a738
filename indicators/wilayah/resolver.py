"""Region resolver: names and codes as other systems write them → Kemendagri codes of one district.

Uploads and boundary files arrive with village names spelled their own way (``Gaya Baru Satu``,
``Setia Bakti``, ``Rama Utama``, ``Fajar Bulan (Pajar Bulan)``, ``Gunung Sugih Raya`` for the
register's ``Gunung S. Raya``) and codes in other shapes (undotted ``1802012001``) or another system
(BPS). This module turns them into dotted Kemendagri codes and says, per row, how sure it is:

- ``exact``: the same name once case, spaces, punctuation, a ``Desa``/``Kelurahan`` prefix and the
  way a number is written (``Satu``/``1``/``I``) are set aside;
- ``fuzzy``: one candidate clearly best after spelling rules (old spelling ``oe``/``dj``/``tj``,
  ``bh``/``b``, ``f``/``p``, ``y``/``i``, doubled letters), an abbreviation, an alternative in
  brackets or after a slash, or a small typo — with its ``score``;
- ``ambiguous``: several villages fit (a name used in two kecamatan, a missing ``Ilir``/``Udik``,
  the village found in another kecamatan than the row says) — the officer picks;
- ``unmatched``: nothing fits well enough — the officer picks from the suggestions or the register.

Nothing ambiguous or unmatched gets a code: it is never guessed silently.

>>> r = Resolver("18.02")
>>> r.cocokkan("Gaya Baru Satu", "Seputih Surabaya")[:3]
('18.02.12.2009', 'exact', 100.0)
>>> r.cocokkan("Gunung Sugih Raya", "Gunung Sugih")[:2]
('18.02.04.1006', 'fuzzy')
>>> r.cocokkan("Purwodadi")[1], r.cocokkan("Purwodadi")[3]
('ambiguous', ('18.02.02.2001', '18.02.05.2006'))
>>> normal_kode("1802012001"), normal_kode("18.02.01.2001"), normal_kode("")
('18.02.01.2001', '18.02.01.2001', None)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from indicators.wilayah.daftar import daftar_wilayah, hierarki

HASIL = ("exact", "fuzzy", "ambiguous", "unmatched")
KOLOM_HASIL = ["kode_wilayah", "match", "score", "kandidat", "catatan"]
# A fuzzy match needs this score, and this lead over the next village; below SARAN a village is not
# even suggested. Across a whole district (no kecamatan to narrow it) the bar is higher: among 300
# names a neighbouring district's "Toto Harjo" scores 89 against "Noto Harjo". Measured on the
# names-only list of Lampung Tengah in tests/fixtures/impor/ and on the registers of its neighbours.
SKOR_FUZZY = 88.0
SKOR_FUZZY_KABUPATEN = 93.0
SELISIH_MIN = 6.0
SKOR_SARAN = 60.0
# A score when the words that tell neighbouring villages apart differ (Ilir/Udik, I/II, Baru…):
# such names are never the same village by a typo, at most a suggestion.
_SKOR_PEMBEDA_BEDA = 75.0

SISTEM_KODE = {
    "kemendagri": "Kemendagri (kode wilayah administrasi pemerintahan, Kepmendagri)",
    "bps": "BPS (kode wilayah kerja statistik Badan Pusat Statistik) — sistem lain, tidak digabung sebagai kode",
    "nama": "tanpa kode: dicocokkan lewat nama",
    "tidak dikenal": "tidak dikenal",
}

_ANGKA = {"satu": "i", "dua": "ii", "tiga": "iii", "empat": "iv", "lima": "v", "enam": "vi", "tujuh": "vii",
          "delapan": "viii", "sembilan": "ix", "sepuluh": "x", "kesatu": "i", "kedua": "ii", "ketiga": "iii",
          "1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi", "7": "vii", "8": "viii", "9": "ix",
          "10": "x"}
_ROMAWI = set(_ANGKA.values()) | {"xi", "xii"}
# Two spellings of the same word of a name ("Buyut Hilir" = "Buyut Ilir").
_SINONIM = {**_ANGKA, "hilir": "ilir", "hulu": "ulu"}
# Words that tell neighbouring villages apart: a difference here is never a typo.
_PEMBEDA = _ROMAWI | {"ilir", "udik", "ulu", "utara", "selatan", "timur", "barat", "tengah", "baru", "lama",
                      "induk", "daya"}
# Words before a name that only say what kind of unit it is.
_AWALAN = {"desa", "ds", "kelurahan", "kel", "kampung", "kamp", "kp", "tiyuh", "pekon", "nagari", "gampong",
           "kecamatan", "kec", "distrik"}
# Spellings that differ between registries for the same sound (old Dutch-era spelling, regional
# forms); applied in this order to a lower-case word.
_EJAAN = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "k"), ("kh", "k"),
          ("bh", "b"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("q", "k"), ("v", "f"), ("f", "p"), ("z", "j"),
          ("y", "i"))
_VOKAL = set("aeiou")


# --- codes ----------------------------------------------------------------------------------------

def normal_kode(v) -> str | None:
    """A region code in dotted Kemendagri form; undotted ``1802012001`` (10, 6, 4 or 2 digits) gets
    its dots, an Excel number ``1802012001.0`` or ``1.802012001E+09`` its digits back; empty → None.
    Anything else comes back stripped, unchanged (the caller reports it).

    >>> normal_kode("18 02 01"), normal_kode(1802012001.0), normal_kode("1.802012001E+09")
    ('18.02.01', '18.02.01.2001', '18.02.01.2001')
    >>> normal_kode("Kalirejo")
    'Kalirejo'
    """
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    if s.lower() in ("", "nan", "none", "<na>", "null"):
        return None
    if re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", s):
        return s
    if re.fullmatch(r"\d+\.0+", s):
        s = s.split(".")[0]
    elif re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", s):
        try:
            d = Decimal(s)
            s = str(int(d)) if d == d.to_integral_value() else s
        except InvalidOperation:
            pass
    d = re.sub(r"[\s.\-/]", "", s)
    if d.isdigit() and len(d) in (2, 4, 6, 10):
        return ".".join(p for p in (d[0:2], d[2:4], d[4:6], d[6:10]) if p)
    return s


def _angka_saja(nilai: pd.Series) -> pd.Series:
    s = nilai.dropna().astype(str).str.strip().str.replace(r"\.0+$", "", regex=True)
    return s.str.replace(r"\D", "", regex=True)


def bentuk_bps(nilai: pd.Series) -> pd.Series:
    """True where a value is shaped like a BPS code and cannot be a Kemendagri one: 7-digit kecamatan
    (``1802010``) or 10-digit villages whose 7th digit is 0 (BPS ``PPKKCCCDDD`` ends its kecamatan
    part with 0; the 4th part of a Kemendagri village starts with 1 or 2)."""
    d = _angka_saja(nilai)
    return d.str.fullmatch(r"\d{7}") | d.str.fullmatch(r"\d{6}0\d{3}")


def sistem_kode(nilai: pd.Series, kode_kabupaten: str, nama_kolom: str = "") -> str:
    """Which code system a column holds: ``kemendagri``, ``bps`` or ``tidak dikenal``.

    Kemendagri when most normalised values are codes of the district's register; BPS when the column
    says so (``KDEBPS``, ``kode_bps``) or most values are shaped like BPS codes and not found in the
    register. Undotted BPS and Kemendagri codes can coincide by accident, so a BPS column is never
    joined as codes.

    >>> sistem_kode(pd.Series(["1802010001", "1802010002"]), "18.02")
    'bps'
    >>> sistem_kode(pd.Series(["1802012001", "18.02.01.2002"]), "18.02")
    'kemendagri'
    """
    n = nilai.dropna()
    n = n[n.astype(str).str.strip() != ""]
    if not len(n):
        return "tidak dikenal"
    if "bps" in str(nama_kolom).lower():
        return "bps"
    kode = set(hierarki(kode_kabupaten)["kode_wilayah"])
    unik = pd.Series(n.astype(str).unique())  # a million rows carry a few hundred codes
    peta = dict(zip(unik, unik.map(normal_kode).isin(kode), strict=True))
    cocok = n.astype(str).map(peta).mean()
    if cocok >= 0.5:
        return "kemendagri"
    if bentuk_bps(n).mean() > 0.8 or (_angka_saja(n).str.fullmatch(r"\d{7}|\d{10}").mean() > 0.8 and cocok < 0.1
                                     and _angka_saja(n).str[:4].eq(kode_kabupaten.replace(".", "")).mean() > 0.8):
        return "bps"
    return "tidak dikenal"


# --- names ----------------------------------------------------------------------------------------

def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _alternatif(nama) -> list[tuple[str, bool]]:
    """The name as written (flagged True), then each alternative in brackets or after a slash
    (``d/h``, ``atau``)."""
    s = _ascii(str(nama)).lower()
    s = re.sub(r"\bd\s*/\s*h\b|\bdh\.|\batau\b|\balias\b|\beks\b", "/", s)
    dalam_kurung = re.findall(r"[(\[]([^)\]]*)[)\]]", s)
    luar = re.sub(r"[(\[][^)\]]*[)\]]", " ", s)
    utuh = re.sub(r"[()\[\]/]", " ", s)
    bagian = [p for p in [*luar.split("/"), *(x for d in dalam_kurung for x in d.split("/"))] if p.strip()]
    return [(utuh, True), *((b, False) for b in dict.fromkeys(bagian) if b.split() != utuh.split())]


@dataclass(frozen=True)
class _Nama:
    """One spelling of a name, tokenised: words (numbers as Roman numerals), which are abbreviated."""
    kata: tuple[str, ...]
    singkat: tuple[bool, ...]
    utuh: bool = True  # the whole name as written (not one alternative of it)

    @cached_property
    def persis(self) -> str:
        return "".join(self.kata)

    @cached_property
    def bunyi(self) -> str:
        return re.sub(r"([^iv])\1+", r"\1", "".join(_bunyi(k) for k in self.kata))  # "Sumber Rejo" = "Sumberejo"

    @cached_property
    def pembeda(self) -> tuple[str, ...]:
        return tuple(sorted(k for k in self.kata if k in _PEMBEDA))


def _bunyi(kata: str) -> str:
    if kata in _ROMAWI:  # "ii" is not a doubled "i"
        return kata
    for a, b in _EJAAN:
        kata = kata.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", kata)


def _kata(teks: str, utuh: bool = True) -> list[_Nama]:
    """Tokenised spellings of one alternative: with and without a ``Desa``/``Kelurahan`` prefix."""
    teks = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", teks)
    mentah = re.findall(r"[a-z0-9]+\.?", teks)
    kata = [(_SINONIM.get(m.rstrip("."), m.rstrip(".")), m.endswith(".") or _tanpa_vokal(m.rstrip(".")))
            for m in mentah]
    kata = [(k, s) for k, s in kata if k]
    if not kata:
        return []
    out = [_Nama(tuple(k for k, _ in kata), tuple(s for _, s in kata), utuh)]
    i = 0
    while i < len(kata) - 1 and kata[i][0] in _AWALAN:
        i += 1
    if i:
        out.append(_Nama(tuple(k for k, _ in kata[i:]), tuple(s for _, s in kata[i:]), utuh))
    return out


def _tanpa_vokal(k: str) -> bool:
    """A word written as its consonants (``Tmr``, ``Bdr``, ``Tj``): an abbreviation. Not Roman numerals."""
    return len(k) >= 2 and k.isalpha() and k not in _ROMAWI and not (set(k[1:]) & _VOKAL) and "y" not in k[1:]


def ejaan(nama) -> list[_Nama]:
    """Every tokenised spelling of a name (alternatives × with/without prefix)."""
    return [n for a, utuh in _alternatif(nama) for n in _kata(a, utuh)]


def _subbarisan(a: str, b: str) -> bool:
    it = iter(b)
    return all(c in it for c in a)


def _singkatan(a: str, sa: bool, b: str, sb: bool) -> bool:
    """Word ``a`` (abbreviated when ``sa``) and ``b`` are the same word, one abbreviating the other."""
    if a == b or _bunyi(a) == _bunyi(b):
        return True
    if sa and len(a) < len(b) and a[0] == b[0] and _subbarisan(a, b):
        return True
    return sb and len(b) < len(a) and a[0] == b[0] and _subbarisan(b, a)


def _sama_singkatan(masuk: _Nama, reg: _Nama) -> bool:
    """Same words one by one, at least one abbreviated (``Gunung S. Raya`` / ``Gunung Sugih Raya``)."""
    return len(masuk.kata) == len(reg.kata) and (any(masuk.singkat) or any(reg.singkat)) and all(
        _singkatan(a, sa, b, sb) for a, sa, b, sb in zip(masuk.kata, masuk.singkat, reg.kata, reg.singkat, strict=True))


def skor(masuk: _Nama, reg: _Nama) -> float:
    """How well one spelling of an input fits one spelling of a register name (0–100).

    >>> skor(ejaan("Setia Bakti")[0], ejaan("Setia Bhakti")[0])
    97.0
    >>> skor(ejaan("Gunung Sugih Raya")[0], ejaan("Gunung S. Raya")[0])
    95.0
    >>> skor(ejaan("Gaya Baru II")[0], ejaan("Gaya Baru I")[0])
    75.0
    """
    if masuk.persis == reg.persis:
        return 100.0 if masuk.utuh and reg.utuh else 98.0  # one alternative of a name: close, not exact
    if masuk.bunyi == reg.bunyi:
        return 97.0
    if _sama_singkatan(masuk, reg):
        return 95.0
    nilai = float(fuzz.ratio(masuk.bunyi, reg.bunyi))
    if masuk.pembeda != reg.pembeda:
        nilai = min(nilai, _SKOR_PEMBEDA_BEDA)
    return round(nilai, 1)


# --- the resolver ---------------------------------------------------------------------------------

class Resolver:
    """Names → codes for one district at one level (``desa`` or ``kecamatan``); kecamatan-aware.

    Built once per district and level (:func:`resolver`), then :meth:`cocokkan` per distinct name.
    """

    def __init__(self, kode_kabupaten: str, tingkat: str = "desa"):
        if tingkat not in ("desa", "kecamatan"):
            raise ValueError(f"tingkat resolver harus 'desa' atau 'kecamatan', bukan {tingkat!r}")
        self.kode_kabupaten, self.tingkat = str(kode_kabupaten).strip(), tingkat
        self.reg = daftar_wilayah(self.kode_kabupaten, tingkat).reset_index(drop=True)
        self._ejaan = [ejaan(n) for n in self.reg["nama"]]
        # every spelling of every unit, flat, for vectorised scoring
        self._e = [e for es in self._ejaan for e in es]
        self._e_unit = np.array([i for i, es in enumerate(self._ejaan) for _ in es], dtype=int)
        self._e_bunyi = [e.bunyi for e in self._e]
        self._e_persis = np.array([e.persis for e in self._e], dtype=object)
        self._e_pembeda = np.array(["|".join(e.pembeda) for e in self._e], dtype=object)
        self._e_utuh = np.array([e.utuh for e in self._e])
        self._e_singkat = np.array([any(e.singkat) for e in self._e])
        self._e_nkata = np.array([len(e.kata) for e in self._e])
        self._memo: dict = {}
        # 28 kecamatan are few enough for the in-kecamatan bar; 300 villages are not
        self._ambang_semua = SKOR_FUZZY if len(self.reg) <= 60 else SKOR_FUZZY_KABUPATEN
        self._kode = self.reg["kode_wilayah"].to_numpy()
        self._induk = self.reg["kode_induk"].to_numpy()
        self._kec = Resolver(self.kode_kabupaten, "kecamatan") if tingkat == "desa" else None

    def nama(self, kode: str) -> str:
        baris = self.reg.loc[self.reg["kode_wilayah"] == kode]
        return str(baris["nama"].iloc[0]) if len(baris) else ""

    def _nilai(self, nama, pilih: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best score of each candidate in ``pilih`` (indices), and whether it was an exact match."""
        nilai = np.zeros(len(self.reg))
        for m in ejaan(nama):  # the same rules as skor(), over every register spelling at once
            s = cdist([m.bunyi], self._e_bunyi, scorer=fuzz.ratio)[0].astype(float).round(1)
            s = np.where(self._e_pembeda != "|".join(m.pembeda), np.minimum(s, _SKOR_PEMBEDA_BEDA), s)
            s[np.array([b == m.bunyi for b in self._e_bunyi])] = 97.0
            calon = np.flatnonzero((self._e_nkata == len(m.kata)) & (self._e_singkat | any(m.singkat)))
            for j in calon:
                if _sama_singkatan(m, self._e[j]):
                    s[j] = max(s[j], 95.0)
            persis = self._e_persis == m.persis
            s[persis] = np.where(self._e_utuh[persis] & m.utuh, 100.0, 98.0)
            np.maximum.at(nilai, self._e_unit, s)
        nilai = nilai[pilih]
        return nilai, nilai >= 100.0

    def _dalam(self, nama, pilih: np.ndarray,
               ambang: float = SKOR_FUZZY) -> tuple[str | None, str, float, tuple[str, ...]]:
        if not len(pilih):
            return None, "unmatched", 0.0, ()
        nilai, persis = self._nilai(nama, pilih)
        urut = np.argsort(-nilai, kind="stable")
        saran = tuple(self._kode[pilih[urut]][nilai[urut] >= SKOR_SARAN][:5])
        if persis.sum() == 1:
            return str(self._kode[pilih[persis]][0]), "exact", 100.0, saran[:1]
        if persis.sum() > 1:
            return None, "ambiguous", 100.0, tuple(self._kode[pilih[persis]])
        terbaik = float(nilai[urut[0]])
        kedua = float(nilai[urut[1]]) if len(urut) > 1 else 0.0
        if terbaik >= ambang and terbaik - kedua >= SELISIH_MIN:
            return str(self._kode[pilih[urut[0]]]), "fuzzy", terbaik, saran[:1]
        if terbaik >= ambang:
            dekat = nilai[urut] >= terbaik - SELISIH_MIN
            return None, "ambiguous", terbaik, tuple(self._kode[pilih[urut]][dekat][:5])
        return None, "unmatched", terbaik, saran

    def cocokkan(self, nama, kecamatan=None) -> tuple[str | None, str, float, tuple[str, ...], str]:
        """``(kode_wilayah, match, score, kandidat, catatan)`` for one name (and its kecamatan).

        ``kecamatan`` may be a name or a code; when it resolves, villages are sought there first. A
        village found only in another kecamatan is ``ambiguous`` (the row or the register is wrong:
        the officer decides).
        """
        semua = np.arange(len(self.reg))
        if nama is None or (isinstance(nama, float) and np.isnan(nama)) or not str(nama).strip():
            return None, "unmatched", 0.0, (), "nama kosong"
        if self._kec is None or kecamatan is None or (isinstance(kecamatan, float) and np.isnan(kecamatan)) \
                or not str(kecamatan).strip():
            kode, hasil, nilai, kandidat = self._dalam(nama, semua, self._ambang_semua)
            return kode, hasil, nilai, kandidat, ""
        kode_kec = normal_kode(kecamatan)
        if kode_kec not in set(self._kec._kode):
            if kecamatan not in self._kec._memo:
                self._kec._memo[kecamatan] = self._kec.cocokkan(kecamatan)
            kode_kec, hasil_kec, _, _, _ = self._kec._memo[kecamatan]
            if hasil_kec not in ("exact", "fuzzy"):
                kode_kec = None
        if kode_kec is None:
            kode, hasil, nilai, kandidat = self._dalam(nama, semua, self._ambang_semua)
            catatan = f"kecamatan {str(kecamatan).strip()!r} tidak dikenali; dicari di seluruh kabupaten"
            if hasil == "exact":
                hasil = "fuzzy"
            return kode, hasil, nilai, kandidat, catatan
        di_kec = np.flatnonzero(self._induk == kode_kec)
        kode, hasil, nilai, kandidat = self._dalam(nama, di_kec)
        if hasil != "unmatched":
            return kode, hasil, nilai, kandidat, ""
        kode2, hasil2, nilai2, kandidat2 = self._dalam(nama, np.setdiff1d(semua, di_kec), self._ambang_semua)
        if hasil2 in ("exact", "fuzzy", "ambiguous"):
            return (None, "ambiguous", nilai2, (kandidat2 or (kode2,)) + kandidat,
                    f"nama cocok dengan desa di kecamatan lain, bukan di {self._kec.nama(kode_kec)}")
        return None, "unmatched", nilai, kandidat + kandidat2[:max(0, 5 - len(kandidat))], ""


@lru_cache(maxsize=16)
def resolver(kode_kabupaten: str, tingkat: str = "desa") -> Resolver:
    """The resolver of a district and level, built once (the register does not change in a process)."""
    return Resolver(kode_kabupaten, tingkat)


def label_kandidat(kandidat, kode_kabupaten: str, tingkat: str = "desa") -> str:
    """Candidates as ``kode nama`` joined by ``; `` for a report or a CSV cell."""
    r = resolver(kode_kabupaten, tingkat)
    return "; ".join(f"{k} {r.nama(k)}" for k in kandidat)


def resolusi(df: pd.DataFrame, kode_kabupaten: str, kolom_nama: str, kolom_kecamatan: str | None = None,
             tingkat: str = "desa") -> pd.DataFrame:
    """The rows of ``df`` plus ``kode_wilayah, match, score, kandidat, catatan`` (one row per input row).

    Each distinct (name, kecamatan) pair is resolved once, so a million complaint rows cost as much
    as their few hundred distinct names. ``kandidat`` lists candidate codes with names (best first).

    >>> out = resolusi(pd.DataFrame({"desa": ["Rama Utama", "Desa Antah"], "kec": ["Seputih Raman", ""]}),
    ...                "18.02", "desa", "kec")
    >>> out[["kode_wilayah", "match"]].values.tolist()
    [['18.02.08.2010', 'fuzzy'], [None, 'unmatched']]
    """
    kolom = [kolom_nama] + ([kolom_kecamatan] if kolom_kecamatan else [])
    hilang = [k for k in kolom if k not in df.columns]
    if hilang:
        raise ValueError(f"kolom {', '.join(hilang)} tidak ada dalam berkas; "
                         f"kolom yang ada: {', '.join(map(str, df.columns))}")
    r = resolver(str(kode_kabupaten).strip(), tingkat)
    kunci = df[kolom].astype("string").fillna("")
    unik = kunci.drop_duplicates()
    hasil = [r.cocokkan(n, k) for n, k in zip(unik[kolom_nama],
                                               unik[kolom_kecamatan] if kolom_kecamatan else [None] * len(unik),
                                               strict=True)]
    tabel = unik.assign(**{
        "kode_wilayah": [h[0] for h in hasil], "match": [h[1] for h in hasil], "score": [h[2] for h in hasil],
        "kandidat": [label_kandidat(h[3], r.kode_kabupaten, tingkat) for h in hasil],
        "catatan": [h[4] for h in hasil]})
    gabung = kunci.merge(tabel, on=kolom, how="left")
    out = df.drop(columns=[c for c in KOLOM_HASIL if c in df.columns]).copy()
    for c in KOLOM_HASIL:
        out[c] = gabung[c].to_numpy()
    out["kode_wilayah"] = out["kode_wilayah"].astype(object).where(out["kode_wilayah"].notna(), None)
    return out
