"""Documents to hand out: the briefing PDF, the escalation pack, the review report, safe exports.

Decides: how a result becomes a file — formula-safe CSV and XLSX (``ekspor``), the one-page briefing
(``briefing``), the escalation pack (``eskalasi``), the Kominfo review report (``evaluasi``) — every
PDF on one layer (``pdf``: Unicode font or Latin-1 fallback, page furniture with the simulated-data
label wherever demo data show, tables whose cells never outgrow a page).

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.akses``,
``indicators.skor``, ``indicators.layanan``, ``indicators.aduan``, ``indicators.progres``,
``indicators.evaluasi``, ``indicators.ringkasan``, ``indicators.tampilan`` — never the command line.
"""
