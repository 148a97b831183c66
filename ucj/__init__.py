"""UCJ Monev."""

import os

# Polars' allocator (jemalloc) keeps freed pages for ten seconds by default, so an import
# read in batches held many batches' pages at once: 2,000,000 participant rows peaked at
# 3.0× the file instead of 2.1× (issue 14's budget: 3×; bench/import/memory.py). Freed
# pages are returned at once instead, for about 4 s more system CPU per 2,000,000 rows
# (25 → 31 s CPU; wall time on the shared machine varied more than that). Read when
# Polars loads, so it is set here, first; an operator's own value wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
