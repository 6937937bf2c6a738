"""What moved an index between two periods: each indicator's contribution to the change.

Under arithmetic aggregation a unit's index is Σᵢ wᵢ·nᵢ, where nᵢ is the normalised score and wᵢ the
indicator's weight *for that unit*: the framework weights renormalised over what the unit has —
the indicator among its element's present indicators, the element among its pillar's present
elements, the pillar among the scored pillars (the available-case mean). The change between two
periods is then exactly Σᵢ (wᵢ¹·nᵢ¹ − wᵢ⁰·nᵢ⁰); each term is the indicator's contribution (an
indicator present in one period only contributes all of its term). For another aggregation there is
no exact split (``ValueError``).

>>> import pandas as pd
>>> from indicators.skor.kerangka import baca_kerangka
>>> from indicators.skor.pipeline import skor
>>> t = {"id": "x", "en": "x"}
>>> ind = lambda i: {"id": i, "name": t, "definition": t, "unit": "%", "direction": "higher",
...                  "goalposts": [0, 100], "source": "nilai_indikator", "levels": ["kabupaten"]}
>>> k = baca_kerangka({"pillars": [{"id": "living", "name": t, "elements": [
...     {"id": "e", "name": t, "indicators": [ind("a"), ind("b")]}]}]})
>>> lalu = skor(pd.DataFrame({"a": [50.0], "b": [70.0]}, index=["18.02"]), k, "kabupaten")
>>> kini = skor(pd.DataFrame({"a": [56.0], "b": [70.0]}, index=["18.02"]), k, "kabupaten")
>>> kontribusi_perubahan(kini, lalu, "18.02").set_index("indikator")["kontribusi"].round(12).to_dict()
{'a': 3.0, 'b': 0.0}
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.skor.pipeline import HasilSkor


def bobot_unit(h: HasilSkor, kode: str) -> pd.Series:
    """Each indicator's weight in unit ``kode``'s index given what the unit has (sums to 1 when the
    unit has an index; 0 for an indicator that does not count)."""
    b = h.bobot_efektif.set_index("indikator")
    n = h.normal.loc[kode, b.index].astype(float)
    el = h.elemen.loc[kode].astype(float)
    pl = h.skor.set_index("kode_wilayah").loc[kode]
    ada = n.notna() & b["elemen"].map(el.notna()).astype(bool) & b["pilar"].map(lambda p: pd.notna(pl[p])).astype(bool)
    wi = b["bobot"].where(ada, 0.0)
    wi = wi / wi.groupby(b["elemen"]).transform("sum").replace(0, np.nan)
    el_ada = wi.groupby(b["elemen"]).sum() > 0
    we = b.drop_duplicates("elemen").set_index("elemen")["bobot_elemen"].where(el_ada, 0.0)
    pilar_el = b.drop_duplicates("elemen").set_index("elemen")["pilar"]
    we = we / we.groupby(pilar_el).transform("sum").replace(0, np.nan)
    wp = b.drop_duplicates("pilar").set_index("pilar")["bobot_pilar"]
    wp = wp.where(wp.index.map(lambda p: pd.notna(pl[p])).to_numpy(dtype=bool), 0.0)
    wp = wp / wp.sum() if wp.sum() > 0 else wp * np.nan
    return (wi * b["elemen"].map(we) * b["pilar"].map(wp)).fillna(0.0).rename("bobot_unit")


def kontribusi_perubahan(kini: HasilSkor, lalu: HasilSkor, kode: str) -> pd.DataFrame:
    """Per indicator of unit ``kode``: ``skor_lalu``, ``skor``, ``bobot_lalu``, ``bobot`` and
    ``kontribusi`` (points of index change it accounts for), largest absolute contribution first;
    the contributions sum to the change of the index."""
    for h in (kini, lalu):
        if h.pengaturan.agregasi != "aritmetika":
            raise ValueError("rincian perubahan hanya tepat untuk agregasi aritmetika")
    ids = [i for i in kini.normal.columns if i in set(lalu.normal.columns)] + \
          [i for i in lalu.normal.columns if i not in set(kini.normal.columns)]
    w1 = bobot_unit(kini, kode).reindex(ids, fill_value=0.0)
    w0 = bobot_unit(lalu, kode).reindex(ids, fill_value=0.0)
    n1 = kini.normal.loc[kode].reindex(ids).astype(float)
    n0 = lalu.normal.loc[kode].reindex(ids).astype(float)
    k = (w1 * n1.fillna(0.0)) - (w0 * n0.fillna(0.0))
    out = pd.DataFrame({"indikator": ids, "skor_lalu": n0.to_numpy(), "skor": n1.to_numpy(),
                        "bobot_lalu": w0.to_numpy(), "bobot": w1.to_numpy(), "kontribusi": k.to_numpy()})
    urut = out["kontribusi"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[urut].reset_index(drop=True)
