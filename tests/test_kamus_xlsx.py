"""The data dictionary's XLSX (Data page → Templat): headers from the labels in the reader's language."""
import io

import pytest
from openpyxl import load_workbook

from indicators.data.skema import kamus_data
from indicators.laporan import ekspor


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_kamus_xlsx_berjudul_label(bahasa):
    kamus = kamus_data(bahasa)
    ws = load_workbook(io.BytesIO(ekspor.ke_xlsx(kamus, "kamus_data", bahasa=bahasa))).active
    judul = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert judul == [ekspor.judul_kolom(k, bahasa) for k in kamus.columns]
    assert not [j for j in judul if "_" in j or j in kamus.columns]   # never an internal name
