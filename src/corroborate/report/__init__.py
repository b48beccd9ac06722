"""Reports: formatting only, no pipeline logic."""

from corroborate.report.claimreview import claim_reviews, render_claimreview
from corroborate.report.html import render_html
from corroborate.report.json import SCHEMA_VERSION, render_json, to_dict
from corroborate.report.markdown import render_markdown
from corroborate.report.text import render_text

__all__ = [
    "SCHEMA_VERSION",
    "claim_reviews",
    "render_claimreview",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "to_dict",
]
