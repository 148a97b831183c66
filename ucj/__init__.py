"""UCJ Monev."""

import os

# Polars' allocator (jemalloc) keeps freed pages for ten seconds by default, so an import
# read in batches held every batch's pages at once: a million-row roster peaked at about
# 70 MB more. Returned at once instead (no slower measured; bench/import/memory.py,
# issue 14's budget of 3× the file). Read when Polars loads, so it is set here, first.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
