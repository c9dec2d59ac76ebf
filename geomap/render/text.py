"""Article text on the page: missing values, HTML escaping, http(s) links, script-safe JSON."""

from __future__ import annotations

import html
import math
import re
from typing import Any

import pandas as pd

__all__ = ["is_missing", "text_of", "escape_text", "safe_url", "htmlsafe"]


def is_missing(value: Any) -> bool:
    """Whether a table's value is missing: None, NA or NaN."""
    if type(value) is str:
        return False
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def text_of(value: Any) -> str:
    """A table's value as text, ``""`` when missing."""
    if type(value) is str:
        return value
    return "" if is_missing(value) else str(value)


def escape_text(value: Any) -> str:
    """Escape untrusted text for HTML *and* for any JavaScript string it may end up in.

    Examples
    --------
    >>> escape_text("<b>${x}</b>")
    '&lt;b&gt;&#36;&#123;x}&lt;/b&gt;'
    """
    if is_missing(value):
        return ""
    text = html.escape(str(value), quote=True)
    text = text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")
    return text.replace("{", "&#123;")  # folium renders every element's text as a template


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None (no ``javascript:``, ``data:`` …).

    Examples
    --------
    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(c) < 33 or c in "\"'<>`\\" for c in url):
        return None
    if url.lower().startswith(("http://", "https://")):
        return url
    return None


_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")


def htmlsafe(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element (as jinja's ``tojson`` does), for
    the two line separators JavaScript once treated as line ends, and inert for the Jinja
    templating folium passes every element's text through (``{{``, ``{%`` and ``{#`` can
    only occur inside JSON strings, where ``\\u007b`` is the same ``{``).

    Examples
    --------
    >>> htmlsafe('["</script>", "{{x}}"]')
    '["\\\\u003c/script\\\\u003e", "\\\\u007b{x}}"]'
    """
    return (
        _TEMPLATE_OPENER.sub(r"\\u007b", text)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
