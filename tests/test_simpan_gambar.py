"""The page caches hand out copies a caller cannot spoil, and the drawing shortcuts change nothing drawn."""
import dataclasses
import json

import pandas as pd
import plotly.express as px
import plotly.io as pio

from pages import _bersama, _gambar


@dataclasses.dataclass(frozen=True)
class _Hasil:
    tabel: pd.DataFrame
    catatan: dict


def test_salin_tidak_merusak_cache():
    asli = pd.DataFrame({"skor": [1.0, 2.0], "nama": ["a", "b"]})
    simpanan = {"t": asli, "daftar": [asli], "hasil": _Hasil(asli, {"n": 2})}
    s = _bersama._salin(simpanan)
    s["t"]["skor"] = 0.0                         # a page overwriting a column
    s["daftar"][0].loc[0, "nama"] = "x"          # or one value
    s["hasil"].tabel["baru"] = 1                  # or a column added
    s["hasil"].catatan["n"] = 99
    assert asli["skor"].tolist() == [1.0, 2.0] and asli["nama"].tolist() == ["a", "b"]
    assert list(asli.columns) == ["skor", "nama"] and simpanan["hasil"].catatan == {"n": 2}


def test_figur_tetap_sama_dengan_figur():
    fig = px.bar(x=["a", "b"], y=[1, 2], title="Judul")
    tetap = _gambar.figur_tetap(fig)
    assert json.loads(pio.to_json(tetap.to_dict(), validate=False)) == json.loads(fig.to_json())
    assert _gambar.figur_tetap(fig).to_dict() is tetap.to_dict()   # made once per figure object
