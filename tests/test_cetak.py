"""The print helper pages/cetak.js reaches the browser: Streamlit's sanitizer (DOMPurify, in st.html)
removes a script whose text holds something that reads like a tag — a "<" followed by a letter, "/"
or "!" — and the print would lose the maps' copies and its scaling without a word."""
import re
from pathlib import Path

CETAK = Path(__file__).resolve().parents[1] / "pages" / "cetak.js"


def test_skrip_cetak_tanpa_teks_seperti_tag():
    teks = CETAK.read_text(encoding="utf-8")
    assert not re.search(r"<[/\w!]", teks), re.findall(r".{0,20}<[/\w!].{0,20}", teks)
