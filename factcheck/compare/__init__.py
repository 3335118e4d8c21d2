"""Comparing figures: which statements are about the same thing, and do they agree.

parties  ─ whose figure: company names, aliases, fuzzy matches
figures  ─ one shape for draft, source and ledger figures; do two intervals meet
diagnose ─ the likely slip behind a disagreement
suggest  ─ the supported figure, written the way the draft writes figures
verdict  ─ from the matched figures to one finding
check    ─ drafts, sources and ledger in, a report out
"""
