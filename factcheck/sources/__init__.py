"""Where the figures to compare with come from: source documents and the ledger.

The ledger (``claims/``, verified figures with provenance) is read by
:mod:`factcheck.sources.ledger`, with its helpers ``ledger_file`` (TOML with line
numbers), ``ledger_read`` (checks), ``ledger_values`` (values through the extractor),
``ledger_cache`` (checked rows kept between runs) and ``ledger_records`` (the records).
"""
