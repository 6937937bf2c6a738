"""Every declared setting is documented in the README (as datasette's test_docs does for its settings)."""
import pathlib

from indicators.dasar.pengaturan import daftar_pengaturan


def test_setiap_pengaturan_di_readme():
    readme = pathlib.Path("README.md").read_text(encoding="utf-8")
    for p in daftar_pengaturan():
        assert f"`{p.name}`" in readme, f"setting {p.name} is not documented in README.md"
        assert p.help["id"].strip() and p.help["en"].strip()


def test_readme_dibuka_dengan_dua_perintah():
    baris = [b for b in pathlib.Path("README.md").read_text(encoding="utf-8").splitlines() if b.strip()]
    assert baris[0] == "```bash"
    assert baris[1].startswith("bash scripts/setup.sh run") and baris[2].startswith("bash scripts/setup.sh test")
    assert "bash scripts/setup.sh test" in pathlib.Path(".ci/run").read_text()
