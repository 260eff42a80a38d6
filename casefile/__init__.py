"""Casefile: an evidence-backed registry of politically persecuted people.

Data flows one way: sources -> extract -> names/resolve -> registry -> assess -> reports/web.
See docs/ARCHITECTURE.md for what lives where.
"""

__version__ = "0.1.0"
