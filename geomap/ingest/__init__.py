"""Reading inputs: files and folders -> ``Article`` records, and a ``Problem`` for what is bad.

One module per concern:

- ``files``: finding the input files under the paths given, opening them;
- ``decoding``: bytes to text (byte-order marks, UTF-8 and its fallbacks, binary files);
- ``text``: ``.txt`` articles, their ``date`` header, dateline and boilerplate lines;
- ``records``, ``jsonl``, ``csvfile``: articles from records (JSON Lines, CSV);
- ``html``: saved web pages (trafilatura: main text and metadata);
- ``feeds``: RSS and Atom feeds (feedparser: one article per entry);
- ``pubdate``: reading a stated publication date (``date_order`` for ambiguous ones);
- ``options``: the interface every reader has (``Reader``, ``ReadOptions``, the length limit);
- ``read``: the reader for a file, by its suffix (``READERS``).
"""

from __future__ import annotations

from geomap.ingest.csvfile import read_csv
from geomap.ingest.decoding import Decoded, Lines, decode_bytes
from geomap.ingest.feeds import read_feed
from geomap.ingest.files import SUFFIXES, identities, iter_input_files, open_binary
from geomap.ingest.html import read_html
from geomap.ingest.jsonl import Line, jsonl_lines, line_record, read_jsonl
from geomap.ingest.options import READ_DEFAULTS, Reader, ReadOptions
from geomap.ingest.pubdate import DATE_ORDERS, DateOrder, parse_date, parse_iso_date
from geomap.ingest.read import READERS, read_file
from geomap.ingest.records import record_article
from geomap.ingest.text import find_dateline, parse_article, read_txt

__all__ = [
    "SUFFIXES",
    "iter_input_files",
    "identities",
    "read_file",
    "READERS",
    "Reader",
    "ReadOptions",
    "READ_DEFAULTS",
    "read_txt",
    "read_jsonl",
    "read_csv",
    "read_html",
    "read_feed",
    "decode_bytes",
    "Decoded",
    "parse_article",
    "parse_iso_date",
    "parse_date",
    "DateOrder",
    "DATE_ORDERS",
    "find_dateline",
    "Lines",
    "Line",
    "jsonl_lines",
    "line_record",
    "open_binary",
    "record_article",
]
