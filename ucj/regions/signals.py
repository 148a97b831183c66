"""Signals of the region master for the apps above it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction of a bulk write that sends no per-row signal (the region
# master, boundaries, an import batch, an undo): the data version
# (`ucj.indicators.version`, an app above these) is bumped on it.
data_changed = Signal()
