"""Write a PNG screenshot of the HTML report of an example draft, as an editor sees it.

    python scripts/screenshot_report.py [--draft examples/planted-slips.md] [--out report.png]

The report is made by the real command line (``--as-of 2025-12-01``, the default ledger),
opened in headless Chromium at laptop size, and the first flagged figure is selected
with the ``n`` key, so the picture shows a figure's evidence beside the text.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, missing  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", default="examples/planted-slips.md", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("report.png"))
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--no-select", action="store_true", help="Select no figure.")
    args = parser.parse_args()
    problem = missing()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    drafts = [args.draft] if isinstance(args.draft, str) else args.draft
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "factcheck", "check", *drafts, "--as-of", "2025-12-01",
             "--format", "html", "--output", str(page), "--fail-on", "never"],
            cwd=ROOT, check=True,
        )  # fmt: skip
        with chromium(args.width, args.height) as driver:
            driver.get(page.as_uri())
            if not args.no_select:
                driver.find_element("css selector", "body").send_keys("n")
                driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(args.out.resolve()))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
