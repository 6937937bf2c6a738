"""One wide table of a scoring run, every level side by side (the ``score`` command's ``--levels``).

Blocks, always in the hierarchy's order whatever order they are asked in:

- ``index``: ``indeks``, ``kematangan`` (band name), ``peringkat`` (none for a screened unit),
  ``tersaring`` (screened out of the ranks), ``cakupan`` (% of the level's indicators with data);
- ``pillar``: the six pillars (empty where the framework or the data have none);
- ``element``: every element of the level, by id;
- ``indicator``: every normalised indicator by id, then its raw value as ``nilai_<id>``.

Values keep full precision; ``desimal`` rounds (rounding is for display). A missing value stays
empty, never 0.

>>> import pandas as pd
>>> from indicators.skor.kerangka import muat_kerangka
>>> from indicators.skor.pipeline import skor
>>> h = skor(pd.DataFrame({"gov_spbe": [2.5]}, index=["18.02"]), muat_kerangka(), "kabupaten")
>>> t = tabel_lebar(h, ["indicator"])
>>> float(t.loc[0, "gov_spbe"]), float(t.loc[0, "nilai_gov_spbe"])
(50.0, 2.5)
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from indicators.skor.kerangka import PILAR
from indicators.skor.pipeline import HasilSkor

TINGKAT_KELUARAN = ("index", "pillar", "element", "indicator")
ALIAS_TINGKAT = {"indeks": "index", "pilar": "pillar", "elemen": "element", "indikator": "indicator"}
KOLOM_IDENTITAS = ("kode_wilayah", "nama", "tingkat", "periode")


def baca_tingkat(teks: str) -> list[str]:
    """``"indicator,element,pillar,index"`` → the blocks in hierarchy order; ``ValueError`` naming the choices.

    >>> baca_tingkat("indikator, index")
    ['index', 'indicator']
    """
    diminta = [ALIAS_TINGKAT.get(x.strip(), x.strip()) for x in str(teks).split(",") if x.strip()]
    salah = [x for x in diminta if x not in TINGKAT_KELUARAN]
    if salah or not diminta:
        raise ValueError(f"--levels tidak dikenal {salah or teks!r}; pilih dari {', '.join(TINGKAT_KELUARAN)}")
    return [x for x in TINGKAT_KELUARAN if x in diminta]


def tabel_lebar(h: HasilSkor, tingkat: Sequence[str] = TINGKAT_KELUARAN, desimal: int | None = None,
                bahasa: str = "id") -> pd.DataFrame:
    """The blocks ``tingkat`` of ``h`` side by side, one row per unit (``h.skor``'s order)."""
    t = h.skor
    kode = t["kode_wilayah"].astype(str)
    out = pd.DataFrame({k: t[k].to_numpy() for k in KOLOM_IDENTITAS if k in t})
    if "index" in tingkat:
        out["indeks"] = t["indeks"].astype(float).to_numpy()
        out["kematangan"] = t[f"kematangan_{bahasa}"].replace("", np.nan).to_numpy()
        out["peringkat"] = t["peringkat"].to_numpy()
        out["tersaring"] = kode.isin(set(h.tersaring["kode_wilayah"].astype(str))).to_numpy()
        out["cakupan"] = t["cakupan"].astype(float).to_numpy()
    if "pillar" in tingkat:
        for p in PILAR:
            out[p] = t[p].astype(float).to_numpy()
    if "element" in tingkat:
        for e in h.elemen.columns:
            out[e] = h.elemen[e].reindex(kode).to_numpy(dtype=float)
    if "indicator" in tingkat:
        for i in h.normal.columns:
            out[i] = h.normal[i].reindex(kode).to_numpy(dtype=float)
        for i in h.nilai.columns:
            out[f"nilai_{i}"] = h.nilai[i].reindex(kode).to_numpy(dtype=float)
    return bulatkan(out, desimal)


def bulatkan(t: pd.DataFrame, desimal: int | None) -> pd.DataFrame:
    """Float columns rounded to ``desimal`` (None: unchanged, full precision).

    >>> bulatkan(pd.DataFrame({"a": [1 / 3], "b": ["x"]}), 2).to_dict("records")
    [{'a': 0.33, 'b': 'x'}]
    """
    if desimal is None:
        return t
    if desimal < 0:
        raise ValueError("--decimals harus >= 0")
    t = t.copy()
    for k in t.columns:
        if pd.api.types.is_float_dtype(t[k]):
            t[k] = t[k].round(desimal)
    return t


def ke_json(t: pd.DataFrame) -> str:
    """Records as JSON with every float at full precision (``repr``) and a missing value as null.

    >>> ke_json(pd.DataFrame({"a": [1 / 3, np.nan], "n": pd.array([1, None], dtype="Int64")}))
    '[\\n {\\n  "a": 0.3333333333333333,\\n  "n": 1\\n },\\n {\\n  "a": null,\\n  "n": null\\n }\\n]\\n'
    """
    import json

    def sel(v):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, np.integer):
            return int(v)
        if isinstance(v, np.floating):
            return float(v)
        if isinstance(v, np.bool_):
            return bool(v)
        return v
    rows = [{k: sel(v) for k, v in r.items()} for r in t.astype(object).to_dict("records")]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
