"""Village services: DesaID websites, Smart Netizen requests, Ronda Online reports, mobile signal.

Decides: the breakdowns a planner asks of each service — website status and freshness (``situs``),
request volumes, processing times and service levels (``netizen``), patrol regularity and incidents
(``ronda``), signal against online adoption (``sinyal``) and data-quality flags (``mutu``). Every
indicator value comes from the scoring core through ``nilai``, so a breakdown always adds up to the
score it explains.

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.skor``.
"""
