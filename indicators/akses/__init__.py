"""Access: who may see what. Personal data (names, phone numbers, free text) by the viewer's role.

Decides: for a role, whether a personal field is removed, masked or shown (``privasi``: the one
masking function, for pages and exports alike).

May import: ``indicators.dasar`` and ``indicators.data`` (the schemas name the personal columns).
"""
