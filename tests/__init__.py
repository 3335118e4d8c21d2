"""factcheck's tests (a package, so that test modules can share tests/cli_helpers.py)."""
