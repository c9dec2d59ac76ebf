"""RSS and Atom feeds: one article per entry, and the same events as the same items in JSONL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

from geomap.ingest import iter_input_files, read_file
from geomap.ingest.feeds import html_to_text, is_feed
from geomap.models import Article, Problem

FEEDS = Path(__file__).resolve().parent / "data" / "ingest_feeds"
TODAY = dt.date(2026, 1, 1)


def _read(name: str) -> list[Article | Problem]:
    return list(read_file(FEEDS / name, today=TODAY))


def test_rss2_entries_ids_titles_text_dates_and_source():
    items = _read("wire.rss")
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == [
        "wire-2023-0517-italy",  # the guid
        "https://wire.example.org/world/2024/02/13/doha-talks",  # no guid: the link
        "wire-manila",
    ]
    italy, doha, manila = arts
    assert (
        italy.title == "Floods cut roads in northern Italy"
        and italy.source == "Example Wire: World"
    )
    assert italy.url == "https://wire.example.org/world/2023/05/17/italy-floods"
    # content:encoded before the description, its paragraphs kept apart
    assert italy.text.startswith("Rivers burst their banks across Emilia-Romagna")
    assert "\n\nEight people died" in italy.text
    # the date as written (+0200), RFC 2822
    assert italy.published == dt.date(2023, 5, 17) and italy.date_source == "metadata"
    # an escaped-HTML description, stripped
    assert (
        doha.text
        == "Negotiators met in Doha on Tuesday, with delegations from Cairo and Washington."
    )
    assert doha.published == dt.date(2024, 2, 13)
    # a guid that is not a URL is no link
    assert manila.url is None and manila.published is None
    (bad_date,) = manila.problems
    assert "'sometime last week'" in bad_date.reason and bad_date.reason.endswith("ignored")
    (empty,) = [i for i in items if isinstance(i, Problem)]
    assert empty.severity == "skipped" and empty.reason.startswith(
        "entry 3 ('An item with no text')"
    )


def test_atom_uses_published_else_updated_and_rss1_reads_dc_date():
    sichuan, tbilisi = _read("desk.atom")
    assert isinstance(sichuan, Article) and isinstance(tbilisi, Article)
    assert (
        sichuan.id == "urn:example:desk:sichuan"
        and sichuan.url == "https://desk.example.net/sichuan-quake"
    )
    assert sichuan.published == dt.date(2022, 9, 5)  # updated (no published), +08:00 as written
    assert sichuan.text.endswith("killing 46 people.\n\nTremors were felt in Chengdu.")
    assert tbilisi.published == dt.date(2022, 9, 4)  # published, not updated
    assert tbilisi.text == "Thousands rallied outside parliament in Tbilisi on Sunday."
    (lagos,) = _read("rdf.xml")
    assert isinstance(lagos, Article) and lagos.published == dt.date(2021, 3, 3)
    assert lagos.source == "RDF Daily" and lagos.id == "https://rdf.example.com/2021/03/03/lagos"


def test_malformed_feeds_and_xml_that_is_not_a_feed():
    warning, porto, cut = _read("cut-off.rss")
    assert isinstance(warning, Problem) and warning.severity == "warning"
    assert (
        warning.reason.startswith("not a well-formed feed") and "2 entries read" in warning.reason
    )
    assert isinstance(porto, Article) and porto.id == "cut-1"
    assert isinstance(cut, Problem) and cut.severity == "skipped"
    (broken,) = _read("broken.rss")
    assert isinstance(broken, Problem) and broken.severity == "skipped"
    assert broken.reason.startswith("not a well-formed feed") and broken.reason.endswith("skipped")
    (sitemap,) = _read("sitemap.xml")
    assert isinstance(sitemap, Problem) and sitemap.severity == "skipped"
    assert sitemap.reason.startswith("not an RSS or Atom feed")


def test_feed_suffixes_are_read_from_folders():
    found = sorted(p.name for p in iter_input_files([FEEDS]) if isinstance(p, Path))
    assert found == ["broken.rss", "cut-off.rss", "desk.atom", "rdf.xml", "sitemap.xml", "wire.rss"]


@pytest.mark.parametrize(
    ("head", "feed"),
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', True),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", True),
        (b"<!DOCTYPE rss><rss>", True),
        (b"<?xml version='1.0'?><urlset>", False),
        (b"<html><body><rss>", False),
        (b"rss", False),
    ],
)
def test_is_feed_by_root_element(head, feed):
    assert is_feed(head) is feed


def test_html_to_text():
    assert html_to_text("plain\n\n  text  here ") == "plain\n\ntext here"
    assert (
        html_to_text("<div>a<br>b</div><script>x()</script><li>c &amp; d</li>") == "a\n\nb\n\nc & d"
    )
    assert html_to_text("<p>unclosed <b>bold") == "unclosed bold"
    assert html_to_text("") == ""


ITEMS = [
    {
        "id": "feed-odesa-1",
        "title": "Drone strike on Odesa port",
        "url": "https://wire.example.org/odesa-1",
        "date": "Mon, 24 Jul 2023 06:10:00 +0300",
        "paragraphs": [
            "ODESA, Ukraine (Example Wire) - Russian drones struck grain warehouses in the port "
            "of Odesa overnight, killing one worker, regional officials said on Monday.",
            "Air defences shot down drones over Izmail and Reni, on the Danube.",
        ],
    },
    {
        "id": "feed-quake-2",
        "title": "Earthquake hits central Morocco",
        "url": "https://wire.example.org/morocco-2",
        "date": "2023-09-09T08:00:00Z",
        "paragraphs": [
            "A magnitude 6.8 earthquake struck the High Atlas mountains late on Friday, killing "
            "more than 2,000 people in villages south of Marrakech.",
            "Rescue teams reached Amizmiz and Talat N'Yaaqoub on Saturday.",
        ],
    },
    {
        "id": "feed-talks-3",
        "title": "Talks in Geneva",
        "url": "https://wire.example.org/geneva-3",
        "date": "Thu, 12 Oct 2023 15:00:00 GMT",
        "paragraphs": ["Envoys met in Geneva on Thursday to discuss a prisoner exchange."],
    },
]


def test_a_feed_gives_the_same_articles_and_events_as_its_items_in_jsonl(tmp_path, gazetteer):
    from geomap.pipeline import build_events

    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{i['url']}</link>"
        f"<guid isPermaLink='false'>{i['id']}</guid><pubDate>{i['date']}</pubDate>"
        f"<description>{escape(i['paragraphs'][0][:60])}</description>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{escape(p)}</p>" for p in i["paragraphs"])
        + "]]></content:encoded></item>"
        for i in ITEMS
    )
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "wire.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Example Wire</title>{entries}</channel></rss>"
    )
    records = [
        {
            "id": i["id"],
            "title": i["title"],
            "url": i["url"],
            "date": i["date"],
            "source": "Example Wire",
            "text": "\n\n".join(i["paragraphs"]),
        }
        for i in ITEMS
    ]
    (tmp_path / "jsonl").mkdir()
    (tmp_path / "jsonl" / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records))

    def fields(a: Article) -> tuple[object, ...]:
        return (a.id, a.text, a.body, a.title, a.url, a.source, a.published, a.dateline)

    from_feed = [a for a in read_file(tmp_path / "feed" / "wire.rss", today=TODAY)]
    from_jsonl = [a for a in read_file(tmp_path / "jsonl" / "wire.jsonl", today=TODAY)]
    assert all(isinstance(a, Article) and not a.problems for a in from_feed + from_jsonl)
    assert [fields(a) for a in from_feed] == [fields(a) for a in from_jsonl]  # type: ignore[arg-type]

    events_feed = build_events([tmp_path / "feed"], gazetteer=gazetteer, today=TODAY)
    events_jsonl = build_events([tmp_path / "jsonl"], gazetteer=gazetteer, today=TODAY)
    assert len(events_feed) >= 5 and {"Odesa", "Marrakech", "Geneva"} <= set(events_feed["name"])
    pd.testing.assert_frame_equal(events_feed, events_jsonl)


@pytest.mark.parametrize("suffix", [".rss", ".xml", ".html"])
def test_any_bytes_as_a_feed_or_page_give_articles_or_problems_never_an_exception(tmp_path, suffix):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    markup = st.lists(
        st.sampled_from(
            [
                '<?xml version="1.0"?>',
                "<rss>",
                "<channel>",
                "<item>",
                "<title>",
                "</title>",
                "<description>",
                "</description>",
                "<feed>",
                "<entry>",
                "<content type='html'>",
                "<html>",
                "<body>",
                "<article>",
                "<p>",
                "</p>",
                "&lt;p&gt;",
                "&amp;",
                "&bogus;",
                "<![CDATA[",
                "]]>",
                "Rain in Paris on Monday. ",
                "\x00",
                "\xff",
                "<pubDate>",
                "Tue, 01 Aug 2017 12:00:00 +0000",
                "</item>",
                "</rss>",
                "<!--",
                "-->",
            ]
        ),
        max_size=30,
    ).map(lambda parts: "".join(parts).encode("utf-8", "surrogateescape"))

    @hypothesis.settings(max_examples=60, deadline=None)
    @hypothesis.given(st.one_of(markup, st.binary(max_size=300)))
    def check(data):
        path = tmp_path / f"in{suffix}"
        path.write_bytes(data)
        for item in read_file(path, today=TODAY):
            assert isinstance(item, Article | Problem)
            if isinstance(item, Article):
                assert item.text.strip() and len(item.body) == len(item.text)

    check()


def test_an_unreadable_published_date_falls_back_to_updated_with_a_warning(tmp_path):
    feed = tmp_path / "f.atom"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>e1</id>'
        "<published>the other day</published><updated>2022-09-06T08:00:00+04:00</updated>"
        "<summary>Rain in Tbilisi.</summary></entry></feed>"
    )
    (article,) = read_file(feed, today=TODAY)
    assert isinstance(article, Article) and article.published == dt.date(2022, 9, 6)
    (warning,) = article.problems
    assert warning.reason.startswith("entry 1: published date 'the other day': not a date")
