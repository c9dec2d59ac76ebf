"""The finer rules of event finding, each on a snippet written for it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap.events import Codebook
from geomap.events.matching import lower_same_length, matches_near
from geomap.models import Dateline
from tests.test_events import events_of

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


def kinds(events):
    return [(e.place.name, e.event_type, e.sub_event_type) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "There is no cholera outbreak in Manila, officials said on Monday.",
        "Her son had never been arrested in Dallas.",
        "Author Bracelen Flood spoke in Lincoln on Monday about the book.",
        "A 36-year-old Palestine man was arrested.",
        "Diplomats said a truce in Gaza could be agreed next week.",
    ],
)
def test_negated_named_homes_and_planned_are_no_events(text, gazetteer, codebook):
    assert events_of(text, gazetteer, codebook) == []


def test_a_disease_death_is_an_epidemic_not_an_attack(gazetteer, codebook):
    text = "Four people have died of cholera in Harare since Monday."
    assert kinds(events_of(text, gazetteer, codebook)) == [("Harare", "disaster", "epidemic")]


def test_the_rest_of_the_article_retypes_an_explosion(gazetteer, codebook):
    text = (
        "An explosion ripped through a market in Peshawar on Monday. "
        "Police said a bomb was hidden in a cart."
    )
    ev = events_of(text, gazetteer, codebook)
    assert kinds(ev) == [
        ("Peshawar", "explosions_remote_violence", "remote_explosive_landmine_ied")
    ]


def test_a_reference_period_is_no_event_date(gazetteer, codebook):
    (ev,) = events_of("Cholera cases have risen in Harare since March 2020.", gazetteer, codebook)
    assert ev.date is None and ev.date_basis is None


def test_counts_do_not_cross_to_another_place(gazetteer, codebook):
    text = (
        "An outbreak of cholera was confirmed in Harare on Monday. In Lusaka, 40 people have died."
    )
    ev = {e.place.name: e for e in events_of(text, gazetteer, codebook)}
    assert ev["Harare"].fatalities is None


def test_a_lead_without_a_place_happened_at_the_dateline(gazetteer, codebook):
    text = "WESTFIELD - A fire killed four children early Saturday, officials said."
    dateline = Dateline(0, 9, "WESTFIELD", 0, 9)
    art_events = analyse_with_dateline(text, dateline, gazetteer, codebook)
    assert [(e.place.name, e.event_type, e.fatalities) for e in art_events] == [
        ("Westfield", "accident", 4)
    ]


def analyse_with_dateline(text, dateline, gazetteer, codebook):
    from geomap.dates import tag_dates
    from geomap.events import find_events, make_mentions
    from geomap.extract import find_toponyms, sentences
    from geomap.models import Article
    from geomap.resolve import resolve_spans

    art = Article(id="d1", text=text, body=text, dateline=dateline)
    bounds = sentences(text)
    res = resolve_spans(find_toponyms(art, gazetteer, bounds=bounds), gazetteer)
    ms = make_mentions(art, res, tag_dates(text, dt.date(2009, 3, 21)), bounds,
                       dt.date(2009, 3, 21), "header")  # fmt: skip
    return find_events(art, ms, bounds, codebook=codebook, demonym=gazetteer.demonym_country)


def test_a_count_after_the_event_in_a_wider_place_is_the_events(gazetteer, codebook):
    text = (
        "A wildfire destroyed much of Lahaina on Tuesday night. "
        "Hawaii Governor Josh Green said at least 36 people were killed."
    )
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.place.name, ev.fatalities) == ("Lahaina", 36)


def _texts(*, corpora: bool = True) -> list[str]:
    texts = [
        line.split(",", 5)[-1]
        for line in (ROOT / "examples" / "desk.csv").read_text().splitlines()[1:]
    ]
    texts += [
        json.loads(line)["text"]
        for line in (ROOT / "examples" / "wire.jsonl").read_text().splitlines()
    ]
    texts += [p.read_text() for p in sorted((ROOT / "examples").glob("*.txt"))]
    if not corpora:
        return texts
    for path in sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")):  # when present
        with open(path, encoding="utf-8") as fh:  # lines end at "\n" only
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def _some_texts() -> list[str]:
    """The examples and every fifth text of the annotated corpora (all of them: seconds per
    pattern check)."""
    texts, examples = _texts(), len(_texts(corpora=False))
    return texts[:examples] + texts[examples::5]


def test_patterns_tried_near_their_keys_find_what_finditer_finds(codebook):
    """``Codebook.hits`` tries a pattern only near its keys: what it finds there is what the
    pattern finds anywhere (that every match holds a key is proven for every pattern by
    ``test_every_match_holds_a_key``; this checks the windows on news)."""
    checked = 0
    for text in _some_texts():
        low = lower_same_length(text)
        keys: dict[tuple[int, int], list[int]] = {}
        for at, kind, k in codebook.keys(low):
            keys.setdefault((kind, k), []).append(at)
        for kind, count in ((0, len(codebook.cues)), (1, len(codebook.not_events))):
            for k in range(count):
                pattern, width = codebook.rule(kind, k)
                everywhere = [m.span() for m in pattern.finditer(low)]
                found = matches_near(pattern, low, keys.get((kind, k), []), width)
                assert found == everywhere, (kind, k)
                checked += len(everywhere)
    assert checked > 20


def test_an_unbounded_pattern_is_refused():
    from geomap.events.codebook import CUES, Cue

    codebook = Codebook(cues=(*CUES, Cue("other", "other", ("x",), r"\\bx\\w+", 0.1)))
    with pytest.raises(ValueError):  # when the pattern is compiled: on first use
        codebook.rule(0, len(CUES))
    with pytest.raises(ValueError):  # or when all are compiled at once (before a fork)
        Codebook(cues=(*CUES, Cue("other", "other", ("x",), r"\\bx\\w+", 0.1))).compile_all()


def test_lower_same_length_keeps_offsets_and_lowers_each_character_alone():
    """A character whose lower case is longer ("İ") is kept; every other is lowered alone."""
    text = "İSTANBUL, ΟΔΟΣ and Straße"
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low == "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    assert lower_same_length("Plain TEXT") == "plain text"
    for text in ("İzmir and İSTANBUL", "İ", "aİ", "İİ A", "Ä İ Σ", "ΟΔΟΣ İ ΟΔΟΣ"):
        # with "İ", with and without "Σ" (the one character lowered by its neighbours)
        assert lower_same_length(text) == "".join(
            c if len(c.lower()) != 1 else c.lower() for c in text
        )


def test_longest_key_bounds_every_key(codebook):
    """``Codebook.longest_key``: no key is longer (a sentence's keys are read up to it past
    its end)."""
    keys = [key for cue in codebook.cues for key in cue.keys]
    assert codebook.longest_key >= max(map(len, keys))


def test_regrouped_finds_the_same_matches():
    """``regrouped`` changes how an alternation is written, not what it matches: on every
    text over a small alphabet, the same matches (span and groups) in the same order."""
    import itertools
    import re

    from geomap.events.regroup import regrouped

    patterns = [
        # shared first letters, a shorter alternative before and after a longer one, a
        # group spread over what follows it, two levels
        r"(?:ab|a|abc|b(?:a|c)|(?:x|xy)z|cc|c|a b|y)",
        r"\b(?:ab|d?e|a|ac|(?:b|z)?y)\b(x|y)",  # alternatives that open with a repeat
        r"a(x)|b(y)|a(z)|c(?P<n>d)|ce",  # capturing groups keep their numbers
        r"a[\]b]|ab|ac|[]a]c|[^]]x",  # sets holding "]"
        r"(?i)ab|ac",  # inline flags: as it is
    ]
    compiled = [(re.compile(p), re.compile(regrouped(p))) for p in patterns]
    assert regrouped(patterns[0]).startswith("(?:a(?:")
    for n in range(1, 6):
        for letters in itertools.product("abcdexyz ]", repeat=n):
            text = "".join(letters)
            for before, after in compiled:
                assert [(m.span(), m.groups()) for m in before.finditer(text)] == [
                    (m.span(), m.groups()) for m in after.finditer(text)
                ], (before.pattern, text)


def test_the_codebook_regrouped_finds_the_same_matches():
    """Every pattern of the codebook, regrouped as ``Codebook`` compiles it, finds the same
    matches in the examples and annotated corpora (``_some_texts``; the exhaustive test above
    is the proof, this one checks it on news)."""
    import re

    from geomap.events.codebook import CAUSES, CUES, DISEASE, NOT_EVENTS, RETYPES, UNREAL
    from geomap.events.regroup import regrouped

    patterns = [
        *(c.pattern for c in CUES),
        *(n.pattern for n in NOT_EVENTS),
        *(r.pattern for r in RETYPES),
        *(p for p, _t, _st in CAUSES),
        UNREAL,
        DISEASE,
    ]
    lows = [lower_same_length(text) for text in _some_texts()]
    changed = 0
    for pattern in patterns:
        before, after = re.compile(pattern), re.compile(regrouped(pattern))
        changed += before.pattern != after.pattern
        for low in lows:
            assert [m.span() for m in before.finditer(low)] == [
                m.span() for m in after.finditer(low)
            ], pattern[:60]
    assert changed > len(patterns) // 2
