"""Where the figures to compare with come from: source documents and the ledger.

The ledger (``claims/``, verified figures with provenance) is read by
the package :mod:`factcheck.sources.ledger`: its modules ``file`` (TOML with line
numbers), ``read`` (checks), ``values`` (values through the extractor), ``cache``
(checked rows kept between runs), ``records`` (the records) and ``write`` (``ledger
add`` among concurrent writers).
"""
