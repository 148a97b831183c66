"""Signals of the region master for the apps above it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction of a bulk change of regions (which sends no per-row
# signal): the data version (`ucj.indicators.version`) is bumped on it.
data_changed = Signal()
