"""Tolerances and switches, as one frozen object passed down explicitly.

No module keeps global, mutable settings: a caller that wants other tolerances builds
another ``Settings`` and hands it to :func:`factcheck.extract` or :func:`factcheck.check`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """How wide the interval of a stated figure is, and how matching decides."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    approx_tolerance: float = Field(
        0.10,
        ge=0,
        le=1,
        description=(
            "Relative half-width of an approximate figure: 'about 100' allows 90 to 110. "
            "'nearly'/'knapp' allow the same distance below the figure only."
        ),
    )
    rounding_cap: float = Field(
        0.025,
        ge=0,
        le=1,
        description=(
            "Largest relative half-width that the stated precision alone may give an exact "
            "figure: '50 billion' stands for 49.75 to 50.25 billion, not for 45 to 55."
        ),
    )
    match_threshold: float = Field(
        0.40,
        ge=0,
        le=1,
        description=(
            "Least similarity (0..1) of two figures' frames (metric, parties, context) for "
            "an agreeing source figure of a distinctive value ('23.28', '61.5') to count as "
            "the same fact; a round value needs 0.15 more, a bound ('more than 500') 0.20."
        ),
    )
    conversion_window_days: int = Field(
        7,
        ge=0,
        le=366,
        description=(
            "A conversion stated in a draft ('$50bn (€43bn)') holds when an ECB euro reference "
            "rate of the draft's day or of this many days before it gives it; a draft in one "
            "currency agrees with a source in another at a rate from this many days before "
            "the earlier of the two dates up to the draft's."
        ),
    )
    conversion_tolerance: float = Field(
        0.01,
        ge=0,
        le=1,
        description=(
            "Relative leeway of a conversion beyond the rounding of its figures: newsrooms "
            "convert at market rates, which stray from the ECB's fixing."
        ),
    )


#: The defaults, one object for every caller that is given no settings.
DEFAULT_SETTINGS = Settings()
