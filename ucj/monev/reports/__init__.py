"""Monev reports: the brief per region and the national summary (PDF)."""
