"""The framework (kerangka): pillars → elements → indicators, declared as data and validated on load.

The default framework is ``data/kerangka.yaml``; planners may edit it or pass their own file. Every
problem is reported as a ``ValueError`` that names the place in the file.

>>> k = muat_kerangka()
>>> [p.id for p in k.pilar]
['governance', 'branding', 'economy', 'living', 'society', 'environment']
>>> k.indikator_id("gov_sla_layanan").arah
'higher'
>>> len(k.untuk_tingkat("kabupaten").indikator) >= len(k.untuk_tingkat("desa").indikator)
True
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR

BERKAS_BAWAAN = DATA_DIR / "kerangka.yaml"
PILAR = ("governance", "branding", "economy", "living", "society", "environment")
TINGKAT = ("desa", "kecamatan", "kabupaten")
ARAH = ("higher", "lower")
DIMENSI = ("baseline", "output", "outcome", "impact", "quick_win")
BAHASA = ("id", "en")
FREKUENSI = ("bulanan", "tahunan")
# docs/metode.md step 2 (COINr's screening threshold 2/3): used when a framework declares no ``ketersediaan``
KETERSEDIAAN_BAWAAN = {"indikator": 0.65, "buang_indikator_jarang": False, "elemen": 0.0, "pilar": 2 / 3,
                       "indeks": 2 / 3, "penyaringan": 2 / 3}


@dataclass(frozen=True)
class Indikator:
    id: str
    pilar: str
    elemen: str
    nama: dict
    definisi: dict
    satuan: str
    arah: str                      # "higher" | "lower"
    goalposts: tuple[float, float] | None   # (worst, best) in natural units
    bobot: float
    sumber: str
    tingkat: tuple[str, ...]
    hitung: dict
    dimensi: str | None = None
    tingkat_data: str | None = None
    demo: dict | None = None
    dasar_goalposts: dict | None = None
    per: dict | None = None          # {penyebut: name, kali: factor}: the value is divided by a declared denominator
    frekuensi: str = "bulanan"       # how often the source is renewed: bulanan | tahunan (freshness)


@dataclass(frozen=True)
class Elemen:
    id: str
    pilar: str
    nama: dict
    bobot: float
    indikator: tuple[str, ...]


@dataclass(frozen=True)
class Pilar:
    id: str
    nama: dict
    bobot: float
    elemen: tuple[str, ...]


@dataclass(frozen=True)
class Kematangan:
    level: int
    batas_bawah: float
    nama: dict


@dataclass(frozen=True)
class Kerangka:
    """A validated framework. ``pengaturan`` holds the top-level settings (service targets...),
    ``ketersediaan`` the data-availability rule (thresholds per level, screening), ``penyebut`` the
    denominators indicators may be expressed per."""
    pilar: tuple[Pilar, ...]
    elemen: tuple[Elemen, ...]
    indikator: tuple[Indikator, ...]
    kematangan: tuple[Kematangan, ...]
    pengaturan: dict = field(default_factory=dict)
    idm: dict = field(default_factory=dict)
    berkas: str = ""
    ketersediaan: dict = field(default_factory=lambda: dict(KETERSEDIAAN_BAWAAN))
    penyebut: dict = field(default_factory=dict)

    def indikator_id(self, id_: str) -> Indikator:
        for i in self.indikator:
            if i.id == id_:
                return i
        raise ValueError(f"indikator tidak ada dalam kerangka: {id_!r}")

    def untuk_tingkat(self, tingkat: str) -> Kerangka:
        """The framework restricted to indicators defined at ``tingkat``; empty elements/pillars dropped.

        >>> [e.id for e in muat_kerangka().untuk_tingkat("desa").elemen][:3]
        ['layanan_publik', 'bisnis', 'wajah_kota']
        """
        if tingkat not in TINGKAT:
            raise ValueError(f"tingkat harus salah satu dari {TINGKAT}, bukan {tingkat!r}")
        ind = tuple(i for i in self.indikator if tingkat in i.tingkat)
        return self._saring(ind)

    def tanpa(self, ids: set[str] | frozenset[str]) -> Kerangka:
        """The framework without the given indicator ids."""
        return self._saring(tuple(i for i in self.indikator if i.id not in ids))

    def _saring(self, ind: tuple[Indikator, ...]) -> Kerangka:
        ada = {i.id for i in ind}
        el = tuple(replace(e, indikator=tuple(x for x in e.indikator if x in ada)) for e in self.elemen)
        el = tuple(e for e in el if e.indikator)
        ada_el = {e.id for e in el}
        pl = tuple(replace(p, elemen=tuple(x for x in p.elemen if x in ada_el)) for p in self.pilar)
        pl = tuple(p for p in pl if p.elemen)
        return replace(self, pilar=pl, elemen=el, indikator=ind)

    def tabel_indikator(self, bahasa: str = "id") -> pd.DataFrame:
        """One row per indicator, names and definitions in ``bahasa`` (the catalogue page).

        >>> t = muat_kerangka().tabel_indikator("en")
        >>> t.loc[0, "nama"], float(t.loc[0, "terbaik"])
        ('Requests completed within the service-level target', 100.0)
        """
        el = {e.id: e for e in self.elemen}
        pl = {p.id: p for p in self.pilar}
        rows = []
        for i in self.indikator:
            rows.append({
                "id": i.id, "pilar": i.pilar, "pilar_nama": pl[i.pilar].nama[bahasa], "elemen": i.elemen,
                "elemen_nama": el[i.elemen].nama[bahasa], "nama": i.nama[bahasa], "definisi": i.definisi[bahasa],
                "satuan": i.satuan, "arah": i.arah,
                "terburuk": i.goalposts[0] if i.goalposts else math.nan,
                "terbaik": i.goalposts[1] if i.goalposts else math.nan,
                "dasar_goalposts": (i.dasar_goalposts or {}).get(bahasa, ""),
                "bobot": i.bobot, "sumber": i.sumber, "tingkat": ",".join(i.tingkat),
                "dimensi": i.dimensi or "", "hitung": i.hitung.get("jenis", ""),
                "per": (f"{i.per['penyebut']} × {i.per['kali']:g}" if i.per else ""), "frekuensi": i.frekuensi,
            })
        return pd.DataFrame(rows)


_Pemuat = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: 10× faster, same result


def baca_yaml(teks: str):
    """Parse YAML safely (no object construction)."""
    return yaml.load(teks, Loader=_Pemuat)  # noqa: S506 - a safe loader


@lru_cache(maxsize=1)
def _dataset_dikenal() -> frozenset[str]:
    return frozenset(baca_yaml((DATA_DIR / "skema.yaml").read_text(encoding="utf-8")))


def _teks2(v: Any, tempat: str, kunci: str) -> dict:
    """A two-language text ``{id: ..., en: ...}``; any other key is an error.

    An unquoted comma in a YAML flow mapping (``{en: per 1,000 people}``) silently cuts the text and
    adds a key ``000 people``: refusing unexpected keys turns that into a clear error.

    >>> _teks2({"id": "per 1.000 penduduk", "en": "per 1", "000 people": None}, "x", "name")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: x: 'name' berisi kunci tak dikenal ['000 people'] (hanya id dan en); teks yang memuat koma ...
    """
    if not isinstance(v, dict):
        raise ValueError(f"{tempat}: '{kunci}' harus berisi teks dalam dua bahasa {{id: ..., en: ...}}")
    lain = sorted(str(k) for k in v if k not in BAHASA)
    if lain:
        raise ValueError(f"{tempat}: '{kunci}' berisi kunci tak dikenal {lain} (hanya id dan en); "
                         "teks yang memuat koma harus diberi tanda kutip")
    for b in BAHASA:
        if not isinstance(v.get(b), str) or not v[b].strip():
            raise ValueError(f"{tempat}: '{kunci}.{b}' kosong; isi dalam kedua bahasa (id dan en)")
    return {b: v[b] for b in BAHASA}


def _bobot(v: Any, tempat: str) -> float:
    if v is None:
        return 1.0
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
        raise ValueError(f"{tempat}: bobot harus angka > 0, bukan {v!r}")
    return float(v)


def _id(v: Any, tempat: str, terpakai: set[str]) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(f"{tempat}: 'id' wajib diisi")
    if v in terpakai:
        raise ValueError(f"{tempat}: id ganda {v!r} (setiap pilar, elemen dan indikator harus ber-id unik)")
    terpakai.add(v)
    return v


def _goalposts(v: Any, arah: str, tempat: str) -> tuple[float, float] | None:
    if v is None:
        return None
    if (not isinstance(v, (list, tuple)) or len(v) != 2
            or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v)):
        raise ValueError(f"{tempat}: goalposts harus [terburuk, terbaik] berupa dua angka, bukan {v!r}")
    w, b = float(v[0]), float(v[1])
    if w == b:
        raise ValueError(f"{tempat}: goalposts terburuk dan terbaik sama ({w})")
    if (arah == "higher" and w > b) or (arah == "lower" and w < b):
        aturan = "terburuk < terbaik" if arah == "higher" else "terburuk > terbaik"
        raise ValueError(f"{tempat}: goalposts terbalik untuk arah {arah!r}: [terburuk, terbaik] = {list(v)}"
                         f" (arah {arah}: {aturan})")
    return (w, b)


def _pecahan(v: Any, tempat: str) -> float:
    """A share in [0, 1], written as a number (0.65) or a fraction ("2/3").

    >>> round(_pecahan("2/3", "x"), 6), _pecahan(0.5, "x")
    (0.666667, 0.5)
    """
    if isinstance(v, str) and v.count("/") == 1:
        a, _, b = v.partition("/")
        try:
            v = float(a) / float(b)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{tempat}: pecahan tidak valid {v!r}") from None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
        raise ValueError(f"{tempat}: harus bagian 0–1 (mis. 0.65 atau 2/3), bukan {v!r}")
    return float(v)


def _ketersediaan(raw: Any) -> dict:
    """The ``ketersediaan`` block: every key of ``KETERSEDIAAN_BAWAAN``, validated (absent: the defaults)."""
    if raw is None:
        return dict(KETERSEDIAAN_BAWAAN)
    if not isinstance(raw, dict):
        raise ValueError("ketersediaan: harus pemetaan {indikator, elemen, pilar, indeks, penyaringan}")
    lain = sorted(set(raw) - set(KETERSEDIAAN_BAWAAN))
    if lain:
        raise ValueError(f"ketersediaan: kunci tak dikenal {lain}; pilih dari {', '.join(KETERSEDIAAN_BAWAAN)}")
    out = dict(KETERSEDIAAN_BAWAAN)
    for k, v in raw.items():
        if k == "buang_indikator_jarang":
            if not isinstance(v, bool):
                raise ValueError("ketersediaan.buang_indikator_jarang harus true atau false")
            out[k] = v
        else:
            out[k] = _pecahan(v, f"ketersediaan.{k}")
    return out


def _penyebut(raw: Any, dataset: set[str]) -> dict:
    """The declared denominators ``{nama: {dataset, jumlah} | {register: desa}, nama: {id, en}}``."""
    if raw is None:   # a framework without its own list uses those of the default framework
        raw = baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8")).get("penyebut") or {}
    if not isinstance(raw, dict):
        raise ValueError("penyebut: harus pemetaan nama: {dataset, jumlah, nama}")
    out = {}
    for nama, d in raw.items():
        tempat = f"penyebut.{nama}"
        if not isinstance(d, dict):
            raise ValueError(f"{tempat}: harus pemetaan {{dataset, jumlah, nama}}")
        teks = _teks2(d.get("nama"), tempat, "nama")
        if d.get("register") is not None:
            if d["register"] != "desa":
                raise ValueError(f"{tempat}: register hanya boleh 'desa' (jumlah desa dalam daftar resmi)")
            out[str(nama)] = {"register": "desa", "nama": teks}
            continue
        if d.get("dataset") not in dataset or not isinstance(d.get("jumlah"), str):
            raise ValueError(f"{tempat}: butuh 'dataset' (dataset yang dikenal) dan 'jumlah' (kolom yang dijumlah)")
        out[str(nama)] = {"dataset": d["dataset"], "jumlah": d["jumlah"], "nama": teks}
    return out


def _per(v: Any, penyebut: dict, tempat: str) -> dict | None:
    if v is None:
        return None
    if not isinstance(v, dict) or v.get("penyebut") not in penyebut:
        pilihan = ", ".join(penyebut) or "-"
        raise ValueError(f"{tempat}: 'per' harus {{penyebut: salah satu dari {pilihan}, kali: angka}}")
    kali = v.get("kali", 1)
    if isinstance(kali, bool) or not isinstance(kali, (int, float)) or not math.isfinite(kali) or kali <= 0:
        raise ValueError(f"{tempat}: per.kali harus angka > 0, bukan {kali!r}")
    return {"penyebut": v["penyebut"], "kali": float(kali)}


def _indikator(d: dict, pilar: str, elemen: str, tempat: str, terpakai: set[str], dataset: set[str],
               penyebut: dict | None = None, frekuensi: dict | None = None) -> Indikator:
    from indicators.skor.jenis_hitung import JENIS_HITUNG  # the registry of computations

    if not isinstance(d, dict):
        raise ValueError(f"{tempat}: indikator harus berupa pemetaan kunci: nilai")
    id_ = _id(d.get("id"), tempat, terpakai)
    tempat = f"{tempat} ({id_})"
    nama = _teks2(d.get("name"), tempat, "name")
    definisi = _teks2(d.get("definition"), tempat, "definition")
    satuan = d.get("unit")
    if not isinstance(satuan, str) or not satuan.strip():
        raise ValueError(f"{tempat}: 'unit' wajib diisi")
    arah = d.get("direction")
    if arah not in ARAH:
        raise ValueError(f"{tempat}: 'direction' harus higher atau lower, bukan {arah!r}")
    gp = _goalposts(d.get("goalposts"), arah, tempat)
    bobot = _bobot(d.get("weight"), tempat)
    sumber = d.get("source")
    if sumber not in dataset:
        raise ValueError(f"{tempat}: 'source' {sumber!r} bukan dataset yang dikenal ({', '.join(sorted(dataset))})")
    tingkat = d.get("levels")
    if not isinstance(tingkat, (list, tuple)) or not tingkat or any(t not in TINGKAT for t in tingkat):
        raise ValueError(f"{tempat}: 'levels' harus daftar berisi desa/kecamatan/kabupaten, bukan {tingkat!r}")
    tingkat = tuple(t for t in TINGKAT if t in tingkat)
    dimensi = d.get("dimensi")
    if dimensi is not None and dimensi not in DIMENSI:
        raise ValueError(f"{tempat}: 'dimensi' harus salah satu dari {DIMENSI}, bukan {dimensi!r}")
    hitung = d.get("hitung")
    tingkat_data = d.get("tingkat_data")
    demo = d.get("demo")
    if sumber == "nilai_indikator":
        hitung = hitung or {"jenis": "nilai", "agregasi": "rata"}
        if tingkat_data is not None and tingkat_data not in TINGKAT:
            raise ValueError(f"{tempat}: 'tingkat_data' harus desa/kecamatan/kabupaten, bukan {tingkat_data!r}")
        if demo is not None and (not isinstance(demo, dict) or not all(
                isinstance(demo.get(k), (int, float)) for k in ("rata", "sb")) or demo["sb"] < 0):
            raise ValueError(f"{tempat}: 'demo' harus {{rata: angka, sb: angka >= 0}}, bukan {demo!r}")
    if not isinstance(hitung, dict) or hitung.get("jenis") not in JENIS_HITUNG:
        raise ValueError(f"{tempat}: 'hitung.jenis' harus salah satu dari {sorted(JENIS_HITUNG)}, bukan "
                         f"{(hitung or {}).get('jenis') if isinstance(hitung, dict) else hitung!r}")
    JENIS_HITUNG[hitung["jenis"]].periksa(hitung, tempat)
    dasar = d.get("dasar_goalposts")
    if dasar is not None:
        dasar = _teks2(dasar, tempat, "dasar_goalposts")
    per = _per(d.get("per"), penyebut or {}, tempat)
    frek = d.get("frekuensi", (frekuensi or {}).get(sumber, "bulanan"))
    if frek not in FREKUENSI:
        raise ValueError(f"{tempat}: 'frekuensi' harus salah satu dari {FREKUENSI}, bukan {frek!r}")
    return Indikator(id_, pilar, elemen, nama, definisi, satuan, arah, gp, bobot, sumber, tingkat, dict(hitung),
                     dimensi, tingkat_data, dict(demo) if demo else None, dasar, per, frek)


def _kematangan(raw: Any) -> tuple[Kematangan, ...]:
    if raw is None:   # a framework without its own bands uses those of the default framework
        raw = baca_yaml(BERKAS_BAWAAN.read_text(encoding="utf-8"))["kematangan"]
    if not isinstance(raw, list) or not raw:
        raise ValueError("kematangan: harus daftar pita {level, batas_bawah, nama}")
    out, sebelum = [], -math.inf
    for j, r in enumerate(raw):
        tempat = f"kematangan[{j}]"
        b = r.get("batas_bawah") if isinstance(r, dict) else None
        if not isinstance(b, (int, float)) or b <= sebelum or not 0 <= b < 100:
            raise ValueError(f"{tempat}: batas_bawah harus naik dan di dalam [0, 100), bukan {b!r}")
        sebelum = b
        out.append(Kematangan(int(r.get("level", j + 1)), float(b), _teks2(r.get("nama"), tempat, "nama")))
    if out[0].batas_bawah != 0:
        raise ValueError("kematangan[0]: batas_bawah pita pertama harus 0")
    return tuple(out)


def baca_kerangka(raw: Any, berkas: str = "") -> Kerangka:
    """Validate a framework already parsed from YAML (a dict); ``ValueError`` on the first problem.

    >>> try:
    ...     baca_kerangka({"pillars": [{"id": "smart", "name": {"id": "a", "en": "a"}, "elements": []}]})
    ... except ValueError as e:
    ...     print(str(e)[:40])
    pillars[0]: pilar tidak dikenal 'smart';
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("pillars"), list) or not raw["pillars"]:
        raise ValueError(f"{berkas or 'kerangka'}: harus berisi daftar 'pillars'")
    dataset = _dataset_dikenal()
    penyebut = _penyebut(raw.get("penyebut"), dataset)
    frekuensi = raw.get("frekuensi_sumber") or {}
    if not isinstance(frekuensi, dict) or any(v not in FREKUENSI for v in frekuensi.values()):
        raise ValueError(f"frekuensi_sumber: harus pemetaan dataset: {' | '.join(FREKUENSI)}")
    terpakai: set[str] = set()
    pilar, elemen, indikator = [], [], []
    for a, p in enumerate(raw["pillars"]):
        tempat = f"pillars[{a}]"
        if not isinstance(p, dict):
            raise ValueError(f"{tempat}: pilar harus berupa pemetaan kunci: nilai")
        if p.get("id") not in PILAR:
            raise ValueError(f"{tempat}: pilar tidak dikenal {p.get('id')!r}; pilih dari {', '.join(PILAR)}")
        pid = _id(p["id"], tempat, terpakai)
        tempat = f"{tempat} ({pid})"
        nama = _teks2(p.get("name"), tempat, "name")
        bobot = _bobot(p.get("weight"), tempat)
        els = p.get("elements")
        if not isinstance(els, list) or not els:
            raise ValueError(f"{tempat}: 'elements' harus berisi sedikitnya satu elemen")
        el_ids = []
        for b, e in enumerate(els):
            tempat_e = f"{tempat}.elements[{b}]"
            if not isinstance(e, dict):
                raise ValueError(f"{tempat_e}: elemen harus berupa pemetaan kunci: nilai")
            eid = _id(e.get("id"), tempat_e, terpakai)
            tempat_e = f"{tempat_e} ({eid})"
            e_nama = _teks2(e.get("name"), tempat_e, "name")
            e_bobot = _bobot(e.get("weight"), tempat_e)
            inds = e.get("indicators")
            if not isinstance(inds, list) or not inds:
                raise ValueError(f"{tempat_e}: 'indicators' harus berisi sedikitnya satu indikator")
            ids = []
            for c, d in enumerate(inds):
                ind = _indikator(d, pid, eid, f"{tempat_e}.indicators[{c}]", terpakai, dataset, penyebut, frekuensi)
                indikator.append(ind)
                ids.append(ind.id)
            elemen.append(Elemen(eid, pid, e_nama, e_bobot, tuple(ids)))
            el_ids.append(eid)
        pilar.append(Pilar(pid, nama, bobot, tuple(el_ids)))
    terurai = ("pillars", "kematangan", "idm", "ketersediaan", "penyebut", "frekuensi_sumber")
    pengaturan = {k: v for k, v in raw.items() if k not in terurai}
    return Kerangka(tuple(pilar), tuple(elemen), tuple(indikator), _kematangan(raw.get("kematangan")),
                    pengaturan, raw.get("idm") or {}, berkas, _ketersediaan(raw.get("ketersediaan")), penyebut)


@lru_cache(maxsize=16)
def _muat(path: str, mtime: float) -> Kerangka:
    try:
        raw = baca_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ValueError(f"{path}: bukan YAML yang valid: {e}") from None
    return baca_kerangka(raw, path)


def muat_kerangka(berkas: str | Path | None = None) -> Kerangka:
    """Load and validate a framework file (default ``data/kerangka.yaml``); cached per file version.

    >>> muat_kerangka().pengaturan["target_layanan_hari"]["surat_pindah"]
    5
    """
    p = Path(berkas) if berkas else BERKAS_BAWAAN
    if not p.is_file():
        raise ValueError(f"berkas kerangka tidak ditemukan: {p}")
    return _muat(str(p.resolve()), p.stat().st_mtime)
