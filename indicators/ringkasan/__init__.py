"""The briefing's reasoning: the district's standing, what changed, who leads and trails, and the
three things that need a decision — computed from the scoring core and the datasets.

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.skor``,
``indicators.aduan``, ``indicators.progres``.
"""
