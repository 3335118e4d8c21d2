"""Gating drafts in CI: which drafts a run covers (``drafts``, ``gitdiff``), the run
itself and its exit code (``gate``), and what a newsroom has accepted before
(``baseline``, ``suppress``)."""
