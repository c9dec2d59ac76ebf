"""Property-based tests: readers, extraction and the date tagger never crash on any text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from geomap.dates import governing_expr, tag_dates  # noqa: E402
from geomap.extract import find_toponyms, sentences  # noqa: E402
from geomap.ingest import decode_bytes, parse_article, read_file  # noqa: E402
from geomap.models import Article, Problem  # noqa: E402

# news-like fragments mixed with arbitrary text make the generator reach the interesting paths
FRAGMENTS = st.sampled_from(
    [
        "BAKU, September 27. /TASS/. ",
        "MOSCOW, July 14.\n",
        " date 2020-10-29 ",
        "date 2020-02-30\n",
        "All news\n",
        "Read alsoSomething\n",
        "on Monday",
        " Oct.29 ",
        "in the early days of October 2020",
        "In 1992-1994, ",
        "from 8:00 on October 26 until October 30",
        "February of 1988",
        "last week",
        "Stepanakert",
        "Nagorno-Karabakh",
        "Washington, D.C.",
        "São Paulo",
        "Видео дня\n",
        "U.S.",
        "N.Y.",
        "\u200b",
        "\r\n",
        "...",
        "-",
        "2099-12-31",
        "99 May 2020",
        "May 32",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=25).map("".join)
ANCHOR = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=TEXT)
def test_parse_article_keeps_offsets(text):
    article = parse_article("x", text, infer_title=True, today=dt.date(2026, 1, 1))
    assert len(article.body) == len(article.text) == len(text)
    for a, b in zip(article.body, text, strict=True):
        assert a == b or a == " "
    dl = article.dateline
    if dl is not None:
        assert 0 <= dl.place_start < dl.place_end <= len(text)
        assert text[dl.place_start : dl.place_end] == dl.place
    if article.published is not None:
        assert article.published <= dt.date(2026, 1, 3)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_decode_bytes_never_crashes(data):
    decoded = decode_bytes(data)
    if decoded is not None:
        assert isinstance(decoded.text, str)


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_readers_yield_articles_or_problems(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("p") / f"f{suffix}"
    path.write_bytes(data)
    for item in read_file(path):
        assert isinstance(item, Article | Problem)
        if isinstance(item, Problem):
            assert item.path == str(path) and item.reason


@SETTINGS
@given(rows=st.lists(st.one_of(st.text(max_size=60), st.dictionaries(
    st.sampled_from(["id", "text", "date", "title", "url"]),
    st.one_of(st.text(max_size=30), st.integers(), st.none()), max_size=5,
)), max_size=8))  # fmt: skip
def test_jsonl_reader_accounts_for_every_line(tmp_path_factory, rows):
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path = tmp_path_factory.mktemp("j") / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(path))
    counted = {i.line for i in items if isinstance(i, Article)} | {
        i.line for i in items if isinstance(i, Problem) and i.severity == "skipped"
    }
    nonblank = {n for n, line in enumerate(lines, 1) if line.strip()}
    assert nonblank <= counted


@SETTINGS
@given(text=TEXT, anchor=ANCHOR, default_year=st.one_of(st.none(), st.integers(1900, 2100)))
def test_tag_dates_offsets_and_values(text, anchor, default_year):
    exprs = tag_dates(text, anchor, default_year=default_year)
    last = -1
    for e in exprs:
        assert 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text
        assert e.start >= last
        last = e.end
        if e.value is not None:
            assert isinstance(e.value.start, dt.date)
            assert e.value.last_day >= e.value.start
            assert e.value.iso()
    if exprs:
        got = governing_expr(exprs, text, 0, len(text), 0, 0)
        assert got is None or got in exprs


@SETTINGS
@given(text=TEXT)
def test_extraction_offsets_match_the_text(gazetteer, text):
    article = parse_article("x", text)
    bounds = sentences(article.body)
    for a, b in bounds:
        assert 0 <= a <= b <= len(text)
    for span in find_toponyms(article, gazetteer, bounds=bounds):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.surface


@given(
    text=st.one_of(
        TEXT,
        st.text(alphabet="aAsStMFUDC'’. \n\t-éÉ1_ß\u00a0İıſK&", max_size=40),
        # ASCII only, so the ASCII pattern is used; \x1c-\x1f are spaces to str and re
        st.text(alphabet="aAsStMFUDC'. \n\t-1_K&\x1c\x1f", max_size=40),
    )
)
@example(text="St.\x1cLouis")  # "St." before a space the ASCII flag alone misses
def test_words_are_the_token_pattern_matches(text):
    # extraction splits words with one ``re.split`` (no match object per word): the words
    # and offsets must be those of the token pattern, in any script and case, by either
    # of its two patterns (ASCII texts have their own)
    from geomap.extract.lexer import LEXER, PATTERN_LEXER, TOKEN
    from geomap.extract.tokens import Words

    matches = list(TOKEN.finditer(text))
    for lexer in (PATTERN_LEXER, LEXER):  # the specification, and the one extraction runs
        words = Words(text, lexer)
        assert words.words == [m.group() for m in matches]
        assert words.starts == [m.start() for m in matches]
        assert words.ends == [m.end() for m in matches]
        assert words.caps == [m.group()[0].isupper() for m in matches]


@given(text=st.one_of(TEXT, st.text(alphabet="aAsStMÅéÉ'’ʻ. \t-–/_ß\u00a0\u0301İıﬁǅ", max_size=40)))
def test_a_run_of_words_has_a_key_starting_with_its_first_words(text):
    # extraction builds no runs from a word that no gazetteer key starts with: the key of
    # a run must start with the key of its first word
    from geomap.extract import MAX_NAME_TOKENS
    from geomap.extract.tokens import Words
    from geomap.names import name_key

    words = Words(text)
    for i, word in enumerate(words.words):
        first = name_key(word)
        for j in range(i, min(len(words.words), i + MAX_NAME_TOKENS)):
            assert name_key(text[words.starts[i] : words.ends[j]]).startswith(first)


@given(text=st.text(alphabet="aAzZqQ ", max_size=30))
def test_plain_words_have_the_key_of_any_spacing(text):
    # ``name_key`` takes ASCII letters between spaces ("New York") by a shorter path: the
    # key the full path gives them, which a tab (not a plain space) takes
    from geomap.names import name_key

    assert name_key(text) == name_key(text.replace(" ", "\t"))
    assert name_key(text) == name_key(text.replace(" ", " \t"))


@given(text=st.one_of(TEXT, st.text(alphabet="aAbB. \n!?ϒß'’İı", max_size=40)))
def test_sentence_starts_are_those_of_the_set(text):
    # ``names_a_place`` asks whether a word starts a sentence instead of building the set of the
    # sentences' first words for every article
    from bisect import bisect_left

    from geomap.extract.tokens import Words, starts_sentence

    words = Words(text)
    bounds = sentences(text)
    firsts = {bisect_left(words.starts, s) for s, _ in bounds}
    for k in range(len(words.words)):
        assert starts_sentence(words, bounds, k) == (k in firsts)


@given(text=st.one_of(TEXT, st.text(alphabet="DRIWVaNYSCTexsw-. \t,1_", max_size=30)))
def test_state_patterns_match_as_those_starting_at_the_letter(text):
    # the state patterns start at the punctuation, their first letter checked by a
    # look-behind: the same matches as the patterns that start at that letter
    import re

    from geomap.extract.states import STATE_AFTER_PARTY, STATE_TWO_PARTS

    two_parts = re.compile(r"(?P<ap>[A-Z](?<![\w.][A-Z])\.[ \t]?[A-Z][a-z]{0,3})\.")
    after_party = re.compile(
        r"[DRI](?<![\w-].)-(?:"
        r"(?P<full>(?:New |North |South |West |Rhode )?[A-Z][a-z]{3,})(?![\w-])"
        r"|(?P<ap>(?:[A-Z]\.[ \t]?[A-Z][a-z]?|[A-Z][a-z]{1,4}))\."
        r"|(?P<postal>[A-Z]{2})(?!\w|\.\w)"
        r")"
    )
    assert [(m.start() - 1, m.end()) for m in STATE_TWO_PARTS.finditer(text)] == [
        (m.start(), m.end()) for m in two_parts.finditer(text)
    ]
    assert [(m.start() - 1, m.end(), m.groupdict()) for m in STATE_AFTER_PARTY.finditer(text)] == [
        (m.start(), m.end(), m.groupdict()) for m in after_party.finditer(text)
    ]
    for m in after_party.finditer(text):
        for name in ("full", "ap", "postal"):
            assert m.span(name) == STATE_AFTER_PARTY.search(text, m.start()).span(name)


@given(text=st.one_of(TEXT, st.text(alphabet='aA1. \n\t!?…"”’)(“‘•-*', max_size=30)))
def test_sentence_ends_are_the_matches_of_the_pattern(text):
    # sentence ends are found by a pattern that opens with a stop or a line break
    from geomap.extract.lexer import LEXER, PATTERN_LEXER, SENTENCE_END

    expected = [m.span() for m in SENTENCE_END.finditer(text)]
    assert PATTERN_LEXER.sentence_ends(text) == expected
    assert list(LEXER.sentence_ends(text)) == expected
