"""News feeds: RSS 0.9x/1.0/2.0 and Atom, one article per entry, read with feedparser.

An entry's id is its guid/id, else its link; its text is its content, else its summary,
with the HTML stripped (block elements end paragraphs, separated by a blank line); its
date is its published date, else (missing or unreadable) its updated one, read as written
(``pubdate.parse_date``);
its source is the feed's title. feedparser is imported when the first feed is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap.ingest.files import read_document
from geomap.ingest.options import READ_DEFAULTS, ReadOptions, over_limit
from geomap.ingest.pubdate import parse_date
from geomap.ingest.text import parse_article
from geomap.models import Article, Problem

__all__ = ["FEED_ROOT", "is_feed", "html_to_text", "read_feed"]

#: The root element of a feed document: ``<rss>``, ``<feed>`` (Atom) or ``<rdf:RDF>`` (RSS
#: 1.0), after the XML declaration, comments, processing instructions and a doctype.
FEED_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]",
    re.DOTALL,
)

#: Marks the end of a block element while the tags are stripped (a private-use character).
_BREAK = "\ue000"
_BLOCK = re.compile(
    r"<\s*(?:/\s*(?:p|div|li|h[1-6]|blockquote|tr|section|article|pre)|br\s*/?)\s*>",
    re.IGNORECASE,
)


def is_feed(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first few KiB) is an RSS or Atom feed.

    Parameters
    ----------
    head : bytes
        The start of the file.

    Returns
    -------
    bool
    """
    return FEED_ROOT.match(head) is not None


def html_to_text(markup: str) -> str:
    """The text of an entry's HTML: tags dropped, entities decoded, one paragraph per block.

    Parameters
    ----------
    markup : str
        HTML (or plain text, returned with its white space tidied).

    Returns
    -------
    str
        Paragraphs separated by a blank line, the white space inside each collapsed.

    Examples
    --------
    >>> html_to_text("<p>Floods in <b>Porto Alegre</b>.</p><p>Rain&nbsp;goes on.</p>")
    'Floods in Porto Alegre.\\n\\nRain goes on.'
    """
    import lxml.html  # lxml comes with trafilatura and feedparser's HTML handling

    if "<" not in markup and "&" not in markup:
        paragraphs = re.split(r"\n\s*\n", markup)
    else:
        marked = _BLOCK.sub(lambda m: m.group(0) + _BREAK, markup)
        try:
            root = lxml.html.fragment_fromstring(marked, create_parent="div")
            for bad in root.xpath("//script|//style"):
                bad.drop_tree()
            flat = root.text_content()
        except Exception:  # lxml's parser errors differ by version; keep the markup's text
            flat = re.sub(r"<[^>]*>", " ", marked)
        paragraphs = flat.split(_BREAK)
    kept = (" ".join(p.split()) for p in paragraphs)
    return "\n\n".join(p for p in kept if p)


def read_feed(path: Path, options: ReadOptions = READ_DEFAULTS) -> Iterator[Article | Problem]:
    """One article per entry of an RSS or Atom feed (``.rss``, ``.atom``, ``.xml``).

    A ``Reader`` (``options.Reader``).

    Parameters
    ----------
    path : pathlib.Path
        The feed. A ``.xml`` file whose root is not a feed is skipped with a reason.
    options : ReadOptions, optional
        The length limit (of an entry's text) and the run's today (later dates are ignored).

    Yields
    ------
    Article or Problem
        Each entry's article, or the Problem that skipped it; a warning for a feed that is
        not well-formed but still gave entries; the Problem that skipped the file when it
        gave none.
    """
    name = str(path)
    data = read_document(path, "a feed")
    if isinstance(data, Problem):
        yield data
        return
    if not is_feed(data[:8192]):
        yield Problem(
            name,
            "not an RSS or Atom feed (its root element is not <rss>, <feed> or <rdf:RDF>); skipped",
            severity="skipped",
        )
        return
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.entries)
    if parsed.get("bozo"):
        why = str(parsed.get("bozo_exception", "")) or "malformed XML"
        if not entries:
            yield Problem(name, f"not a well-formed feed ({why}); skipped", severity="skipped")
            return
        yield Problem(name, f"not a well-formed feed ({why}); {len(entries)} entries read")
    if not entries:
        yield Problem(name, "a feed with no entries", severity="skipped")
        return
    source = " ".join(str(parsed.feed.get("title", "")).split()) or None
    for number, entry in enumerate(entries, start=1):
        yield _entry_article(entry, number, path=path, source=source, options=options)


def _entry_text(entry: Any) -> str:
    for part in entry.get("content") or ():
        value = part.get("value")
        if isinstance(value, str) and value.strip():
            return html_to_text(value)
    summary = entry.get("summary")
    return html_to_text(summary) if isinstance(summary, str) else ""


def _entry_article(
    entry: Any,
    number: int,
    *,
    path: Path,
    source: str | None,
    options: ReadOptions,
) -> Article | Problem:
    name = str(path)
    title = " ".join(str(entry.get("title", "")).split()) or None
    link = " ".join(str(entry.get("link", "")).split()) or None
    if link is not None and "://" not in link:
        link = None  # feedparser gives a guid that is not a URL (``wire-1``, ``urn:…``) as the link
    what = f"entry {number}" + (f" ({title!r})" if title else "")
    text = _entry_text(entry)
    if not text:
        return Problem(name, f"{what}: no content or summary; entry skipped", None, "skipped")
    too_long = over_limit(len(text), options.max_chars)
    if too_long is not None:
        return Problem(name, f"{what}: {too_long}", None, "skipped")
    problems: list[Problem] = []
    art_id = " ".join(str(entry.get("id", "")).split()) or link
    if not art_id:
        art_id = f"{path.stem}-{number}"
        problems.append(Problem(name, f"{what}: no guid, id or link; using {art_id!r}"))
    published: dt.date | None = None
    for key in ("published", "updated"):
        # dict.get: feedparser's own get maps a missing 'updated' to 'published' (warning)
        raw = dict.get(entry, key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        published, why = parse_date(raw, today=options.today)
        if why is None:
            break
        problems.append(Problem(name, f"{what}: {key} date {raw!r}: {why}; ignored"))
    return parse_article(
        art_id,
        text,
        path=name,
        published=published,
        title=title,
        url=link,
        source=source,
        problems=tuple(problems),
        today=options.today,
    )
