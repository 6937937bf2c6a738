"""Masterplan programmes: target against realisation over time, schedule status, late items.

Decides: whether a programme is late, on time, ahead, finished, not started or unreported in a month,
the S-curves of target and realisation, and the summaries per pillar, agency and kind.

May import: ``indicators.dasar``.
"""
