

def test_tabel_layar_sama_dengan_formatter_per_sel():
    """The table formatter writes each distinct value once (and times vectorised): every cell must be
    exactly what the one formatter writes for that cell alone."""
    import numpy as np
    import pandas as pd

    from indicators.dasar.format import angka, tanggal, waktu
    from indicators.tampilan.tabel import tabel_layar

    r = np.random.default_rng(7)
    n = 400
    t = pd.Series(pd.Timestamp("2025-12-31 20:00") + pd.to_timedelta(r.integers(0, 86400 * 40, n), unit="s"))
    t[r.random(n) < 0.1] = pd.NaT
    df = pd.DataFrame({"t": t, "x": np.where(r.random(n) < 0.1, np.nan, r.integers(0, 50, n) / 4),
                       "n": pd.array(np.where(r.random(n) < 0.1, None, r.integers(0, 5000, n)), dtype="Int64"),
                       "s": np.where(r.random(n) < 0.1, None, r.choice(["a", "b", "c"], n)).astype(object)})
    for b, kode in (("id", "18.02"), ("en", "52.02")):
        out = tabel_layar(df, b, kode_wilayah=kode, desimal={"x": 2})
        assert out["t"].tolist() == ["–" if pd.isna(v) else waktu(v, kode, b) for v in df["t"]]
        assert out["x"].tolist() == ["–" if pd.isna(v) else angka(v, 2, b) for v in df["x"]]
        assert out["n"].tolist() == ["–" if pd.isna(v) else angka(int(v), 0, b) for v in df["n"]]
        assert out["s"].tolist() == ["–" if pd.isna(v) else v for v in df["s"]]
    tgl = tabel_layar(pd.DataFrame({"d": pd.to_datetime(["2026-10-01", None, "2026-02-03"])}), "id")["d"]
    assert tgl.tolist() == [tanggal(pd.Timestamp("2026-10-01")), "–", tanggal(pd.Timestamp("2026-02-03"))]
