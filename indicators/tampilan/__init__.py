"""What the reader sees on a page: plotly figures, maps and labelled display tables.

Decides: how computed results are drawn — maps that work offline (``peta``), the figures of the
scoring, complaint and village-service pages (``grafik_*``) and the assembled sections of the
village-service page (``bagian_layanan``). Every text from data is made inert before it reaches a
figure. Nothing here computes a result the domain packages do not already give.

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.akses``,
``indicators.skor``, ``indicators.layanan``, ``indicators.aduan``, ``indicators.progres``,
``indicators.evaluasi``, ``indicators.ringkasan`` — never the documents or the command line.
"""
