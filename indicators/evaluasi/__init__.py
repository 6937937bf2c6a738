"""The Kominfo reviewer's view: pillars × five evaluation dimensions with evidence, achievement index.

Decides: which evidence (indicators, programmes) supports each pillar × dimension cell, the
achievement index under the declared dimension weights (``data/evaluasi.yaml``), data freshness and
coverage per pillar, and the crosswalk to ITU U4SSC KPIs.

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.skor``,
``indicators.progres``.
"""
