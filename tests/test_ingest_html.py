"""Saved web pages: main text, metadata and dates from pages imitating real news sites' markup."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from geomap.extract import find_toponyms
from geomap.ingest import iter_input_files, read_file
from geomap.ingest.html import metadata_date
from geomap.models import Article, Problem

PAGES = Path(__file__).resolve().parent / "data" / "ingest_html"
TODAY = dt.date(2026, 1, 1)

#: Each page (see the comment at its top for the site structure it imitates): its title,
#: URL, source, date and where the date comes from, the places its story names (as
#: find_toponyms finds them), and the places its navigation, widgets, related lists,
#: cookie banner and footer name, none of which may be found.
CASES = {
    "wordpress": (
        "Wildfire forces evacuations near Valparaíso",
        "https://courier.example.com/2024/02/03/wildfire-forces-evacuations-near-valparaiso/",
        "Harbour Courier",
        dt.date(2024, 2, 3),
        'metadata (<meta property="article:published_time">)',
        {"Chile", "Quilpué", "Santiago", "Valparaíso", "Villa Alemana", "Viña del Mar"},
        {"Dublin", "Amsterdam", "Toronto", "Vancouver", "Montreal", "Halifax", "Winnipeg",
         "Lagos", "Porto", "Perth", "Marseille", "Ottawa"},
    ),
    "arc": (
        "Thousands protest in Belgrade over disputed election results",
        "https://www.ledger.example.com/world/2023/12/24/belgrade-election-protest/",
        "The Capital Ledger",
        dt.date(2023, 12, 24),
        "metadata (JSON-LD datePublished)",
        {"Belgrade", "Europe", "Niš", "Novi Sad"},
        {"Baltimore", "Annapolis", "Silver Spring", "Lima", "Richmond", "Alexandria"},
    ),
    "broadcaster": (
        "Earthquake in western Nepal kills dozens",
        "https://news.broadcaster.example/world-asia-67312045",
        "National Broadcaster News",
        dt.date(2023, 11, 4),
        "metadata (<time datetime>)",
        {"India", "Kathmandu", "Nepal", "Nepalgunj", "New Delhi", "Surkhet"},
        {"Manchester", "Glasgow", "England", "Scotland", "Wales", "Cardiff", "Pokhara",
         "Sikkim"},
    ),
    "wire": (
        "Fighting rages in Sudan's capital as truce collapses",
        None,
        "Wire News",
        dt.date(2023, 6, 2),
        "found by htmldate in the page's text",
        {"Chad", "Egypt", "Jeddah", "KHARTOUM", "Khartoum", "Omdurman", "Saudi", "Sudan",
         "U.S."},
        {"Chicago", "New Orleans", "Taiwan", "Yemen", "Hodeida", "Alberta", "Bangkok",
         "Johannesburg", "Mexico City"},
    ),
}  # fmt: skip


def _article(name: str) -> Article:
    items = list(read_file(PAGES / f"{name}.html", today=TODAY))
    (article,) = [i for i in items if isinstance(i, Article)]
    assert not [i for i in items if isinstance(i, Problem)]
    return article


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_gives_its_story_its_metadata_and_where_its_date_came_from(name):
    title, url, source, published, basis, _, _ = CASES[name]
    article = _article(name)
    assert (article.id, article.title, article.url, article.source) == (name, title, url, source)
    assert article.published == published and article.date_source == "metadata"
    (note,) = article.problems
    assert note.severity == "note" and f"publication date {published}" in note.reason
    assert basis.split(" (")[-1].rstrip(")") in note.reason
    assert "menu" not in article.text.lower() and "cookie" not in article.text.lower()
    assert not article.text.startswith(title)  # the headline is the title, not the text


@pytest.mark.parametrize("name", sorted(CASES))
def test_places_come_from_the_story_never_from_the_page_furniture(name, gazetteer):
    *_, story, furniture = CASES[name]
    article = _article(name)
    found = {article.text[s.start : s.end] for s in find_toponyms(article, gazetteer)}
    assert found == story
    assert not {f for f in furniture if f in article.text}
    # the furniture's places are places the gazetteer knows: their absence means something
    for place in furniture:
        text = f"Rain fell in {place} on Monday."
        assert find_toponyms(Article(id="p", text=text, body=text), gazetteer), place


def test_wire_page_keeps_its_dateline():
    article = _article("wire")
    assert article.dateline is not None and article.dateline.place == "KHARTOUM"
    assert article.dateline.country == "Sudan"


def test_a_page_that_is_not_an_article_is_skipped_with_a_reason():
    (problem,) = read_file(PAGES / "section-front.html", today=TODAY)
    assert isinstance(problem, Problem) and problem.severity == "skipped"
    assert "no article text found" in problem.reason and "not an article page" in problem.reason


def test_metadata_dates_in_order_and_refused_ones_said(tmp_path):
    import lxml.html

    page = lxml.html.fromstring(
        '<html><head><meta name="date" content="2020-01-02">'
        '<meta property="article:published_time" content="2099-01-01T00:00:00Z">'
        '<script type="application/ld+json">[{"@graph": [{"datePublished": "3 Feb 2021"}]}]'
        "</script></head><body><time datetime='2019-05-05'>May 5</time></body></html>"
    )
    day, where, refused = metadata_date(page, today=TODAY)
    # article:published_time is the most trusted name, but in the future: the next one
    assert (day, where) == (dt.date(2020, 1, 2), '<meta name="date">')
    assert refused.startswith('<meta property="article:published_time"')
    assert "in the future" in refused
    bare = lxml.html.fromstring("<html><body><p>no dates</p></body></html>")
    assert metadata_date(bare, today=TODAY) == (None, "", "")
    deep = "[" * 5000 + '{"datePublished": "2020-01-01"}' + "]" * 5000
    nested = lxml.html.fromstring(
        f'<html><head><script type="application/ld+json">{deep}</script></head></html>'
    )
    assert metadata_date(nested, today=TODAY) == (None, "", "")  # not a RecursionError


def test_a_page_without_any_date_is_read_undated_and_says_so(tmp_path):
    text = " ".join(["Floods cut the road between Tbilisi and Batumi on Tuesday."] * 6)
    page = tmp_path / "undated.htm"
    page.write_text(f"<html><body><article><h1>Floods</h1><p>{text}</p></article></body></html>")
    (article,) = read_file(page, today=TODAY)
    assert isinstance(article, Article) and article.published is None
    assert [p.reason for p in article.problems] == [
        "no publication date in the page's metadata or text"
    ]


def test_bad_pages_are_reported_not_raised(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "huge.html").write_text("<p>" + "x" * 5000 + "</p>")
    reasons = {}
    for item in iter_input_files([tmp_path]):
        assert isinstance(item, Path)
        (problem,) = read_file(item, max_chars=100, today=TODAY)
        assert isinstance(problem, Problem) and problem.severity == "skipped"
        reasons[item.name] = problem.reason
    assert reasons["empty.html"] == "empty file"
    assert reasons["binary.html"].startswith("binary file")
    assert "over 10 times the limit of 100 characters" in reasons["huge.html"]


def test_build_maps_each_page_at_its_places_dated_by_its_metadata(tmp_path, gazetteer):
    from geomap.pipeline import RunReport, build_events, read_articles

    for name in CASES:
        shutil.copy(PAGES / f"{name}.html", tmp_path)
    shutil.copy(PAGES / "section-front.html", tmp_path)
    report = RunReport()
    articles = list(read_articles([tmp_path], max_chars=2_000_000, report=report, today=TODAY))
    assert sorted(a.id for a in articles) == sorted(CASES)
    summary = report.to_dict()
    assert summary["totals"]["skipped"] == 1 and summary["totals"]["warnings"] == 0
    notes = [
        p["reason"] for f in summary["inputs"] for p in f["problems"] if p["severity"] == "note"
    ]
    assert len(notes) == len(CASES)
    events = build_events([tmp_path], gazetteer=gazetteer, today=TODAY)
    for name, (*_, published, _, _story, furniture) in CASES.items():
        mine = events[events["articles"].map(lambda ids, n=name: n in ids)]
        assert not set(mine["name"]) & furniture
        dated = mine[mine["date_basis"] == "published"]  # (others the text dates)
        assert set(dated["date"]) <= {published.isoformat()}, name
    # events are where things happened: Surkhet, where the quake's injured were flown, is a
    # mention (mentions.csv), not an event
    assert set(events["name"]) >= {"Valparaíso", "Belgrade", "Khartoum"}


def test_the_assets_folder_of_a_saved_page_is_passed_over(tmp_path):
    shutil.copy(PAGES / "wire.html", tmp_path / "Story.html")
    assets = tmp_path / "Story_files"
    assets.mkdir()
    (assets / "ad-frame.html").write_text("<html><body>Ad: fly to Paris</body></html>")
    (assets / "app.js").write_text("var x = 1;")
    (tmp_path / "Other_files").mkdir()  # no page of that name: read as any folder
    (tmp_path / "Other_files" / "note.txt").write_text("Rain in Lyon.")
    items = list(iter_input_files([tmp_path]))
    # no Problem: the folder holds no article and nothing in it is lost
    assert [i.name for i in items if isinstance(i, Path)] == ["note.txt", "Story.html"]
    assert len(items) == 2
    # a symlink loop of that name is still reported as one
    shutil.copy(PAGES / "wire.html", tmp_path / "Loop.htm")
    (tmp_path / "Loop_files").symlink_to(tmp_path / "Loop_files")
    (loop,) = [i for i in iter_input_files([tmp_path]) if isinstance(i, Problem)]
    assert loop.path.endswith("Loop_files") and "symlink loop" in loop.reason
    # named explicitly, it is read like any folder
    explicit = list(iter_input_files([assets]))
    assert [i.name for i in explicit if isinstance(i, Path)] == ["ad-frame.html"]
