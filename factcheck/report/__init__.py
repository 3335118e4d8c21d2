"""Rendering a check report: for people (text) and for machines (JSON and CI formats)."""
