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
    tetap = _gambar.figur_tetap(fig, "id")
    harap = json.loads(fig.to_json())
    harap["layout"]["separators"] = ",."                            # the reader's separators, nothing else
    assert json.loads(pio.to_json(tetap.to_dict(), validate=False)) == harap
    assert _gambar.figur_tetap(fig, "id").to_dict() is tetap.to_dict()   # made once per figure object


def test_figur_tetap_per_bahasa_tanpa_mengubah_figur():
    """One cached figure serves both languages: each gets its own months, the figure keeps its periods."""
    fig = px.line(x=["2024-10", "2024-11"], y=[1, 2])
    indo = _gambar.figur_tetap(fig, "id").to_dict()
    ingg = _gambar.figur_tetap(fig, "en").to_dict()
    assert list(indo["data"][0]["x"]) == ["Oktober 2024", "November 2024"]
    assert list(ingg["data"][0]["x"]) == ["October 2024", "November 2024"]
    assert indo["layout"]["separators"] == ",." and ingg["layout"]["separators"] == ".,"
    assert tuple(fig.data[0].x) == ("2024-10", "2024-11") and fig.layout.separators is None


DIBANGUN: list[tuple] = []


def _bangun_tabel(df: pd.DataFrame, bahasa: str, judul: dict) -> pd.DataFrame:
    from indicators.tampilan.tabel import tabel_layar

    DIBANGUN.append((len(df), bahasa))
    return tabel_layar(df, bahasa, judul)


def test_sekali_dibangun_sekali_per_argumen():
    """``sekali`` builds a display product once per arguments: equal inputs are served from the first
    build; other values or another language build anew, and each answer is what the builder makes."""
    from indicators.tampilan.tabel import tabel_layar

    df = pd.DataFrame({"aduan": [1200.0, 3.5], "nama": ["Terbanggi Besar", "Gunung Sugih"]})
    judul = {"aduan": "Aduan", "nama": "Nama"}
    DIBANGUN.clear()
    a = _bersama.sekali(_bangun_tabel, df, "id", judul)
    b = _bersama.sekali(_bangun_tabel, df.copy(), "id", judul)   # equal content, another object
    assert DIBANGUN == [(2, "id")] and a.equals(b) and a.equals(tabel_layar(df, "id", judul))
    assert a.iloc[0, 0] == "1.200,0"
    en = _bersama.sekali(_bangun_tabel, df, "en", judul)
    assert en.iloc[0, 0] == "1,200.0" and DIBANGUN == [(2, "id"), (2, "en")]
    lain = _bersama.sekali(_bangun_tabel, df.assign(aduan=[1201.0, 3.5]), "id", judul)
    assert lain.iloc[0, 0] == "1.201,0" and len(DIBANGUN) == 3
