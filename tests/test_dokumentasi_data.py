"""The documentation keeps up with the declarations (as datasette's test_docs does for its settings):
every dataset and column of data/skema.yaml is described in docs/data.md, and every setting of
data/pengaturan.yaml in docs/."""
import pathlib
import re

import pytest

from indicators.dasar.pengaturan import AKAR, daftar_pengaturan
from indicators.data.skema import muat_skema

DOCS = AKAR / "docs"


def _bagian_dataset() -> dict[str, str]:
    """The text of docs/data.md under each ``### `dataset``` heading, up to the next heading."""
    teks = (DOCS / "data.md").read_text(encoding="utf-8")
    potongan = re.split(r"^#{2,3} ", teks, flags=re.M)
    bagian = {}
    for p in potongan:
        m = re.match(r"`([a-z_]+)`", p)
        if m:
            bagian[m.group(1)] = p
    return bagian


@pytest.mark.parametrize("dataset", list(muat_skema()))
def test_setiap_dataset_dan_kolom_skema_di_docs_data(dataset):
    bagian = _bagian_dataset()
    assert dataset in bagian, f"docs/data.md has no section '### `{dataset}`'"
    hilang = [k for k in muat_skema()[dataset].kolom if f"`{k}`" not in bagian[dataset]]
    assert hilang == [], f"docs/data.md, section {dataset}: columns not documented: {hilang}"


def test_tidak_ada_dataset_di_docs_yang_tidak_dideklarasikan():
    # a section for a dataset that left data/skema.yaml is stale documentation
    assert set(_bagian_dataset()) <= set(muat_skema())


def test_setiap_pengaturan_di_docs():
    teks = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))
    hilang = [p.name for p in daftar_pengaturan() if f"`{p.name}`" not in teks]
    assert hilang == [], f"settings of data/pengaturan.yaml not documented in docs/: {hilang}"


def test_tautan_antar_halaman_docs_ada():
    # every docs/*.md page named in README.md or docs/ exists
    teks = pathlib.Path(AKAR / "README.md").read_text(encoding="utf-8") + "\n".join(
        p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    disebut = set(re.findall(r"docs/([a-z_]+\.md)", teks)) | set(re.findall(r"\]\(([a-z_]+\.md)", teks))
    assert disebut, "no docs page is linked"
    assert sorted(n for n in disebut if not (DOCS / n).is_file()) == []
