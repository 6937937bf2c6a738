"""The PDF layer the documents share: one Unicode font search, one Latin-1 fallback, one page furniture.

``Dokumen`` (an ``fpdf.FPDF``) is an A4 page with the district in the header, the simulated-data
label on every page when the data are demo data, and the generation date and "page n of m" in the
footer, in the reader's language and format (``indicators.dasar.format``). Its creation date is the
``dibuat`` date, so the same input gives the same bytes. Text goes through ``Dokumen.t``: as written
with a Unicode font (DejaVu first), reduced to Latin-1 by :func:`latin1` for the core Helvetica when
none is found or ``font`` is ``False``/``None``. ``tulis`` wraps a paragraph (optionally capped to a
number of lines, cut with "…"); ``tabel`` writes a table whose cells are capped the same way, so no
row is ever taller than a page (fpdf2's ``table()`` raises for such a row).

>>> latin1("Ruas Padang Ratu – Kalirejo → 2 × 3 km ≥ Rp 5.000 · café")
'Ruas Padang Ratu - Kalirejo -> 2 x 3 km >= Rp 5.000 - café'
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time, timezone
from pathlib import Path

from fpdf import FPDF, FontFace

from indicators.dasar.format import angka, tanggal
from indicators.dasar.label import teks

# (regular, bold) pairs, DejaVu first (Debian: fonts-dejavu-core, installed by scripts/setup.sh)
FONT_UNICODE = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
]
KELUARGA = "teks"  # the family name a Unicode font is registered under
# what Latin-1 lacks (or prints badly), written the way a reader would type it; the rest goes through NFKD
_GANTI = {"–": "-", "—": "-", "−": "-", "‑": "-", "→": "->", "←": "<-", "·": "-", "•": "-", "…": "...",
          "’": "'", "‘": "'", "“": '"', "”": '"', "≥": ">=", "≤": "<=", "×": "x", "÷": "/", "Σ ": "sum of "}
ELIPSIS = "…"

A4 = (210.0, 297.0)
TEPI = 12.0            # left and right margins (mm)
ATAS = 14.0            # the body starts below the header
BAWAH = 14.0           # and stops above the footer
KEPALA_Y = 6.0         # the header line
KAKI_Y = 9.0           # the footer line, from the bottom of the page
ABU_KERTAS = (110, 110, 110)
MERAH = (180, 0, 0)
MAKS_BARIS_SEL = 6     # a table cell shows at most this many lines, then "…"


def cari_font() -> tuple[str, str] | None:
    """The first Unicode font pair (regular, bold) present on this machine, or ``None``."""
    for biasa, tebal in FONT_UNICODE:
        if Path(biasa).is_file() and Path(tebal).is_file():
            return biasa, tebal
    return None


def pilih_font(font: tuple[str, str] | bool | None) -> tuple[str, str] | None:
    """``True`` searches :data:`FONT_UNICODE`; ``False``/``None`` forces the core font; a pair is used as given."""
    if font is True:
        return cari_font()
    return tuple(font) if font else None


def _str(s) -> str:
    return "" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s)


def latin1(s) -> str:
    """``s`` as the core Helvetica can print it: dashes, arrows and signs spelled out (:data:`_GANTI`),
    accents kept where Latin-1 has them, else dropped (NFKD), anything left ``?``; ``None``/NaN → ``""``.

    >>> latin1("Σ bobot ÷ 2 “ok” Pekalongan–Batang … ā"), latin1(None)
    ('sum of bobot / 2 "ok" Pekalongan-Batang ... a', '')
    """
    s = _str(s)
    for a, b in _GANTI.items():
        s = s.replace(a, b)
    out = []
    for ch in s:
        if ord(ch) < 256:
            out.append(ch)
            continue
        pecah = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(pecah if pecah and all(ord(c) < 256 for c in pecah) else "?")
    return "".join(out)


class Dokumen(FPDF):
    """An A4 document of the dashboard with its page furniture (see the module docstring).

    ``wilayah`` is printed in every header; ``tersimulasi`` adds the simulated-data label
    (``data_tersimulasi``) to every header; ``dibuat`` (default: today, UTC) is the date in every
    footer and the PDF's creation date; ``font`` as :func:`pilih_font`.
    """

    def __init__(self, bahasa: str = "id", wilayah: str = "", *, judul: str = "", dibuat: date | None = None,
                 tersimulasi: bool = False, font: tuple[str, str] | bool | None = True, orientasi: str = "P",
                 tepi: float = TEPI):
        if bahasa not in ("id", "en"):
            raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
        super().__init__(orientation=orientasi, unit="mm", format="A4")
        self.bahasa, self.wilayah, self.tersimulasi = bahasa, wilayah, tersimulasi
        self.dibuat = dibuat or datetime.now(timezone.utc).date()  # noqa: UP017 (explicit UTC)
        self.set_creation_date(datetime.combine(self.dibuat, time(0, 0), tzinfo=timezone.utc))  # noqa: UP017
        pasangan = pilih_font(font)
        if pasangan:
            self.add_font(KELUARGA, "", pasangan[0])
            self.add_font(KELUARGA, "B", pasangan[1])
        self.keluarga = KELUARGA if pasangan else "helvetica"
        self.unicode = bool(pasangan)
        self.elipsis = ELIPSIS if self.unicode else "..."
        self.set_margins(tepi, ATAS, tepi)
        self.set_auto_page_break(True, margin=BAWAH)
        if judul:
            self.set_title(self.t(judul))
        self.set_author(self.t(teks("judul_aplikasi", bahasa)))
        self.huruf(9)

    # --- text -----------------------------------------------------------------------------------

    def t(self, s) -> str:
        """``s`` as this document can print it (as written with a Unicode font, else :func:`latin1`)."""
        return _str(s) if self.unicode else latin1(s)

    def huruf(self, ukuran: float, tebal: bool = False, warna=(0, 0, 0)) -> None:
        self.set_font(self.keluarga, "B" if tebal else "", ukuran)
        self.set_text_color(*warna)

    def sebaris(self, s, lebar: float) -> str:
        """``s`` (printable) cut to fit ``lebar`` mm in the current font, ending with "…" when cut."""
        s = self.t(s).replace("\n", " ")
        return s if self.get_string_width(s) <= lebar else self._dengan_elipsis(s, lebar)

    def _dengan_elipsis(self, s: str, lebar: float) -> str:
        lo, hi = 0, len(s)
        while lo < hi:  # the longest prefix that still fits with the ellipsis
            tengah = (lo + hi + 1) // 2
            if self.get_string_width(s[:tengah].rstrip() + self.elipsis) <= lebar:
                lo = tengah
            else:
                hi = tengah - 1
        return s[:lo].rstrip() + self.elipsis

    def baris_teks(self, s, lebar: float, maks_baris: int | None = None) -> str:
        """``s`` (printable) as multi_cell would wrap it in ``lebar`` mm, at most ``maks_baris`` lines:
        unchanged when it fits, else the first lines joined by newlines, the last cut with "…"."""
        s = self.t(s)
        if not maks_baris or not s:
            return s
        bersih = lebar - 2 * self.c_margin - 0.01
        # wrapping is greedy: no line holds more than `bersih` / (narrowest glyph) characters plus the
        # space it breaks at, so a longer text cannot fit and only its head needs measuring
        sempit = min((self.get_string_width(c) for c in set(s) - {"\n"}), default=0)
        muat = maks_baris * (int(bersih / sempit) + 2) if sempit > 0 else len(s)
        baris = self.multi_cell(lebar - 0.01, 1, s[:muat + 1], dry_run=True, output="LINES", padding=0)
        if len(baris) <= maks_baris and len(s) <= muat:
            return s
        akhir = self._dengan_elipsis(baris[maks_baris - 1].rstrip(), bersih)
        return "\n".join([*(b.rstrip() for b in baris[:maks_baris - 1]), akhir])

    def tulis(self, s, ukuran: float = 9, tebal: bool = False, tinggi: float | None = None, warna=(0, 0, 0),
              lebar: float = 0, x: float | None = None, maks_baris: int | None = None, align: str = "L",
              **kwargs) -> None:
        """A wrapped paragraph from ``x`` (default: the current position), ``lebar`` mm wide (0: to the
        right margin), at most ``maks_baris`` lines (the rest cut with "…"); the cursor ends below it."""
        self.huruf(ukuran, tebal, warna)
        if x is not None:
            self.set_x(x)
        w = lebar or (self.w - self.r_margin - self.x)
        self.multi_cell(w, tinggi or ukuran * 0.45, self.baris_teks(s, w, maks_baris), align=align,
                        new_x="LMARGIN", new_y="NEXT", **kwargs)

    # --- tables ---------------------------------------------------------------------------------

    def tabel(self, kepala: Sequence, baris: Sequence[Sequence], lebar: Sequence[float], ukuran: float = 7.5,
              rata: str | Sequence[str] = "LEFT", maks_baris: int = MAKS_BARIS_SEL) -> None:
        """A table: a bold heading row, then ``baris``; column widths ``lebar`` (mm). Each cell wraps
        and is capped at ``maks_baris`` lines (fewer if the page could not hold them), the last
        ending with "…", so every row fits on a page whatever the text."""
        tinggi = ukuran * 0.55
        muat = int((self.h - self.t_margin - self.b_margin) / tinggi) // 2 - 1  # a heading + a row per page
        n = max(1, min(maks_baris, muat))
        sel = []
        for i, isi in enumerate([kepala, *baris]):
            self.huruf(ukuran, tebal=i == 0)
            sel.append([self.baris_teks(v, w, n) for w, v in zip(lebar, isi, strict=True)])
        self.huruf(ukuran)  # the table's body font is the font in force when it is rendered
        with self.table(col_widths=tuple(lebar), width=sum(lebar), align="LEFT", line_height=tinggi,
                        text_align=rata if isinstance(rata, str) else tuple(rata), first_row_as_headings=True,
                        headings_style=FontFace(emphasis="BOLD", fill_color=(226, 232, 240)),
                        borders_layout="SINGLE_TOP_LINE", cell_fill_color=(247, 249, 251),
                        cell_fill_mode="ROWS") as tb:
            for isi in sel:
                r = tb.row()
                for v in isi:
                    r.cell(v)

    # --- page furniture -------------------------------------------------------------------------

    def header(self):
        lebar = self.w - self.l_margin - self.r_margin
        label = ""
        if self.tersimulasi:
            self.huruf(6.5, True, MERAH)
            label = self.sebaris(teks("data_tersimulasi", self.bahasa), lebar * 0.7)
        w_label = self.get_string_width(label) + 2 if label else 0
        self.huruf(6.5, warna=ABU_KERTAS)
        self.set_xy(self.l_margin, KEPALA_Y)
        kiri = f"{self.wilayah} · {teks('judul_aplikasi', self.bahasa)}" if self.wilayah else teks(
            "judul_aplikasi", self.bahasa)
        self.cell(lebar - w_label, 4, self.sebaris(kiri, lebar - w_label - 2))
        if label:
            self.huruf(6.5, True, MERAH)
            self.cell(w_label, 4, label, align="R")
        self._garis(KEPALA_Y + 4.6)
        self.huruf(9)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        y = self.h - KAKI_Y
        self._garis(y - 0.6)
        lebar = self.w - self.l_margin - self.r_margin
        halaman = teks("laporan_halaman", self.bahasa).format(n=angka(self.page_no(), 0, self.bahasa), m="{nb}")
        self.huruf(6.5, warna=ABU_KERTAS)
        self.set_xy(self.l_margin, y)
        self.cell(lebar * 0.6, 4, self.sebaris(teks("laporan_dibuat", self.bahasa).format(
            tanggal=tanggal(self.dibuat, self.bahasa)), lebar * 0.6))
        self.cell(lebar * 0.4, 4, self.t(halaman), align="R")

    def _garis(self, y: float) -> None:
        self.set_draw_color(200, 200, 200)
        self.set_line_width(0.2)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
