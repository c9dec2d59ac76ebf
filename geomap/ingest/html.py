"""Saved web pages: an article's main text, title, URL, site and publication date from its HTML.

trafilatura finds the main text (favouring precision, so that menus, footers, related
lists, cookie banners and widgets are left out); the elements in ``BOILERPLATE_XPATHS`` are
pruned before it looks. The publication date comes from the page's metadata
(``article:published_time`` and the other ``<meta>`` names in ``META_DATE_NAMES``, JSON-LD
``datePublished``, ``itemprop="datePublished"``, a ``<time datetime>``), else from
htmldate's search of the page (its text, its URL); each article's report says which.
trafilatura is imported when the first page is read, so plain-text runs never load it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap.ingest.files import read_document, unreadable
from geomap.ingest.options import READ_DEFAULTS, ReadOptions, over_limit
from geomap.ingest.pubdate import FUTURE_SLACK, parse_date
from geomap.ingest.text import parse_article
from geomap.models import Article, Problem

__all__ = [
    "META_DATE_NAMES",
    "BOILERPLATE_XPATHS",
    "MIN_TEXT_CHARS",
    "metadata_date",
    "read_html",
]

#: ``<meta>`` names and properties that state a page's publication date, most trusted
#: first (Open Graph article, Dublin Core, Parse.ly, Sailthru and common CMS names).
META_DATE_NAMES: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
)

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"

#: Page furniture removed before extraction: class or id names that news templates give
#: to widgets trafilatura may otherwise keep (weather, cookie consent, newsletters, share
#: bars, "most read"/"related"/"trending" rails).
#: Never the page, its main element or its article: WordPress puts the post's categories
#: and tags in their classes (``category-weather``, ``tag-related``).
BOILERPLATE_XPATHS: tuple[str, ...] = tuple(
    "//*[not(self::html or self::body or self::main or self::article)]"
    f"[contains(translate(@class, '{_UPPER}', '{_LOWER}'), '{word}') "
    f"or contains(translate(@id, '{_UPPER}', '{_LOWER}'), '{word}')]"
    for word in (
        "weather",
        "cookie",
        "consent",
        "newsletter",
        "share-bar",
        "most-read",
        "mostread",
        "related",
        "trending",
        "recommended",
    )
) + ("//nav", "//footer", "//aside", "//*[@role='banner']", "//*[@role='contentinfo']")

#: Main text shorter than this is not an article (a section front, an index, a login wall).
MIN_TEXT_CHARS = 200

#: Pages larger than this many times ``max_chars`` bytes are not read.
_BYTES_PER_CHAR_LIMIT = 10


def _date_value(value: object, today: dt.date | None) -> tuple[dt.date | None, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, None
    return parse_date(value.strip(), today=today)


def _json_ld_dates(node: Any) -> Iterator[object]:
    """``datePublished`` values of a JSON-LD document, depth first (``@graph`` included)."""
    if isinstance(node, list):
        for item in node:
            yield from _json_ld_dates(item)
    elif isinstance(node, dict):
        if "datePublished" in node:
            yield node["datePublished"]
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                yield from _json_ld_dates(node[key])


def metadata_date(tree: Any, *, today: dt.date | None = None) -> tuple[dt.date | None, str, str]:
    """A page's publication date as its metadata states it.

    Parameters
    ----------
    tree : lxml.html.HtmlElement
        The parsed page.
    today : datetime.date, optional
        The run's today: a later date is refused.

    Returns
    -------
    tuple of (datetime.date or None, str, str)
        The date (None when the metadata gives none that can be read), where it was found
        (``<meta property="article:published_time">``, ``JSON-LD datePublished``…), and
        why the first date refused before it (or before giving up) could not be used
        ('' when none was refused).
    """
    found: list[tuple[int, str, object]] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in META_DATE_NAMES:
            attr = "property" if meta.get("property") else "name"
            found.append(
                (META_DATE_NAMES.index(key), f'<meta {attr}="{key}">', meta.get("content"))
            )
    found.sort(key=lambda t: t[0])
    candidates = [(where, value) for _, where, value in found]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
            dates = list(_json_ld_dates(data))
        except (json.JSONDecodeError, RecursionError):
            continue  # not JSON, or nested deeper than Python recurses: no date from it
        candidates.extend(("JSON-LD datePublished", v) for v in dates)
    for el in tree.xpath("//*[@itemprop='datePublished']"):
        value = el.get("content") or el.get("datetime") or el.text_content()
        candidates.append(('itemprop="datePublished"', value))
    times = tree.xpath("//article//time[@datetime] | //main//time[@datetime]") or tree.xpath(
        "//time[@datetime]"
    )
    candidates.extend(("<time datetime>", t.get("datetime")) for t in times[:1])
    refused = ""
    for where, value in candidates:
        day, why = _date_value(value, today)
        if day is not None:
            return day, where, refused
        if why and not refused:
            refused = f"{where} {value!r}: {why}"
    return None, "", refused


def read_html(path: Path, options: ReadOptions = READ_DEFAULTS) -> Iterator[Article | Problem]:
    """One article per saved web page (``.html``, ``.htm``): its main text and metadata.

    A ``Reader`` (``options.Reader``). The article's id is the file name without its
    extension; its title, URL (the canonical or Open Graph one) and source (the site's
    name, else its host) come from the page.

    Parameters
    ----------
    path : pathlib.Path
        A saved web page.
    options : ReadOptions, optional
        The length limit (of the main text; a page over ten times as many bytes is not
        read) and the run's today (later dates are refused).

    Yields
    ------
    Article or Problem
        The article, with a note saying where its date came from; or the Problem that
        skipped the page (not HTML, no main text, too large).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield unreadable(path, exc)
        return
    max_chars = options.max_chars
    if size > _BYTES_PER_CHAR_LIMIT * max_chars:
        yield Problem(
            str(path),
            f"page has {size:,} bytes, over {_BYTES_PER_CHAR_LIMIT} times the limit of "
            f"{max_chars:,} characters (raise it with --max-chars)",
            severity="skipped",
        )
        return
    data = read_document(path, "a web page")
    if isinstance(data, Problem):
        yield data
        return
    yield from _page_article(path, data, max_chars=max_chars, today=options.today)


def _page_article(
    path: Path, data: bytes, *, max_chars: int, today: dt.date | None
) -> Iterator[Article | Problem]:
    import trafilatura  # half a second to import: only when a page is read

    name = str(path)
    tree = trafilatura.load_html(data)
    if tree is None:
        yield Problem(name, "not an HTML page that can be parsed; skipped", severity="skipped")
        return
    published, where, refused = metadata_date(tree, today=today)
    limit = (today or dt.date.today()) + FUTURE_SLACK
    doc = trafilatura.bare_extraction(
        tree,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        prune_xpath=list(BOILERPLATE_XPATHS),
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "max_date": limit.isoformat(),
        },
    )
    text = _main_text(doc)
    if len(text) < MIN_TEXT_CHARS:
        yield Problem(
            name,
            f"no article text found ({len(text)} characters of main text, fewer than "
            f"{MIN_TEXT_CHARS}): not an article page; skipped",
            severity="skipped",
        )
        return
    too_long = over_limit(len(text), max_chars)
    if too_long is not None:
        yield Problem(name, too_long, severity="skipped")
        return
    title = _clean(getattr(doc, "title", None))
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]  # the headline repeated as the text's first line
    problems: list[Problem] = []
    if refused:
        problems.append(Problem(name, f"{refused}; ignored"))
    if published is not None:
        problems.append(
            Problem(
                name,
                f"publication date {published} from the page's metadata ({where})",
                None,
                "note",
            )
        )
    else:
        page_date, _ = _date_value(getattr(doc, "date", None), today)
        if page_date is not None:
            published = page_date
            problems.append(
                Problem(
                    name,
                    f"publication date {published} found by htmldate in the page's text or URL "
                    "(none in its metadata)",
                    None,
                    "note",
                )
            )
        else:
            problems.append(
                Problem(name, "no publication date in the page's metadata or text", None, "note")
            )
    yield parse_article(
        path.stem,
        text,
        path=name,
        published=published,
        title=title,
        url=_clean(getattr(doc, "url", None)),
        source=_clean(getattr(doc, "sitename", None)) or _clean(getattr(doc, "hostname", None)),
        encoding="utf-8",
        problems=tuple(problems),
        today=today,
    )


def _main_text(doc: object) -> str:
    text = getattr(doc, "text", None) if doc is not None else None
    return text.strip() if isinstance(text, str) else ""


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
