"""Whether to colour the text report: ``--color auto|always|never`` and the environment.

``always`` and ``never`` are obeyed as said. ``auto`` (the default) follows the
conventions other tools follow, in this order:

- ``NO_COLOR`` set and not empty: no colour (https://no-color.org);
- ``FORCE_COLOR`` set, not empty and not ``0``: colour, even into a pipe or a CI log;
- ``TERM=dumb``: no colour (a terminal that cannot show it);
- otherwise colour exactly when the report goes to a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

ColourChoice = Literal["auto", "always", "never"]


def wanted(choice: ColourChoice, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether to colour, for a report going to a terminal or not.

    >>> wanted("auto", True, {"NO_COLOR": "1"}), wanted("auto", False, {"FORCE_COLOR": "1"})
    (False, True)
    >>> wanted("auto", True, {"TERM": "dumb"}), wanted("always", False, {"NO_COLOR": "1"})
    (False, True)
    """
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return is_terminal
