"""The compiled lexer (geomap/_lexer.pyx) gives what the regular expressions and loops of
geomap.extract.lexer specify: the same words, offsets, capitals, sentence ends and runs.

Where geomap was installed without a C compiler the module is absent and these tests skip;
with GEOMAP_REQUIRE_LEXER=1 (set by .ci/run) its absence is a failure.
"""

from __future__ import annotations

import json
import os

import pytest

from geomap import extract
from geomap.extract import lexer as spec

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

REQUIRE = os.environ.get("GEOMAP_REQUIRE_LEXER") == "1"


@pytest.fixture(scope="module")
def lexer():
    try:
        from geomap import _lexer
    except ImportError:
        if REQUIRE:
            pytest.fail("geomap._lexer is not built (GEOMAP_REQUIRE_LEXER=1): pip install .")
        pytest.skip("geomap._lexer is not built (installed without a C compiler)")
    return _lexer


def test_extraction_uses_the_compiled_lexer_when_built(lexer):
    assert extract.LEXER is extract.COMPILED_LEXER
    assert extract.LEXER.kind == "compiled"
    assert extract.LEXER.split_words is lexer.split_words
    assert extract.LEXER.sentence_ends is lexer.sentence_ends
    assert extract.LEXER.name_windows is lexer.name_windows
    assert extract.PATTERN_LEXER.split_words is spec.split_words


#: Characters where the two scanners could part: letters of other scripts and cases,
#: digits that are and are not decimal, the apostrophes, stops, quotes and bullets of the
#: patterns, and spaces ASCII and Unicode count differently.
ODD = (
    "aAsStMFUDCZ'’.,!?…\"”“‘()•*-_ 1٠²Ⅻ"
    + "\n\t\r\x0b\x0c\x1c\x1f\x85\u00a0\u2028\u3000"
    + "éÉßİıſKǅﬁ\u0301"
)
#: News-like fragments, so runs reach the patterns' longer alternatives.
FRAGMENTS = st.sampled_from(
    ["U.S.", "D.C. ", "St. Louis", "Mt.\tHood", "O'Connor", "Dublin's", "People’s", "e.g. ",
     "end. Next", 'said." The', "…\n\n", "\n- ", "\n • ", "(AP) — ", "3rd", "x_y",
     " of ", " de ", " district ", "d'Ivoire", "L’Aquila", " l'Aquila", "New York", "-", " the "]
)  # fmt: skip
#: Words, and the gaps between them: the places where the rules turn, close together.
#: Initials and St./Mt./Ft. before a capital or not; apostrophes and a possessive "s"
#: before a joined word or not; elided articles, connectors and division words in a run
#: of capitals, and runs longer than a name; letters, digits and capitals of other scripts.
WORDS = st.one_of(
    st.sampled_from(["Aa", "Bb", "New", "York", "Region", "Élan", "İz", "ǅa",
                     "Upper North East New South West Lower Greater"]),
    st.sampled_from(["x", "s", "S", "of", "de", "the", "and", "district", "province", "county"]),
    st.sampled_from(["'s", "’s", "People’s", "Dublin's", "d'Ivoire", "l’Aquila", "L'Aquila",
                     "d’Or"]),
    st.sampled_from(["St.", "Mt.", "Ft.", "St", "A.", "U.S.", "A.B"]),
    st.sampled_from(["3", "3rd", "x_y", "é", "٠", "²", "Ⅻ", "ﬁ", "ſt"]),
)  # fmt: skip
#: A gap: mostly one that joins words or just fails to (a space or a dash; two spaces, a
#: line break, an apostrophe and a space); else what may end a word or a sentence (a
#: stop, an apostrophe, a dash), closing quotes and brackets, spaces and line breaks of
#: both kinds, then an opening quote or a bullet.
GAPS = st.one_of(
    st.sampled_from(["", " ", " ", " ", "-", "–", "‐", "‑", "  ", " \n", "\n ", "\n", "' ", "’ ",
                     ". ", "_"]),
    st.tuples(
        st.sampled_from(["", "", "", ".", "!", "?", "…", "'", "’", "-", "–", "‐", "‑", "—", "_"]),
        st.sampled_from(["", "", "", '"', "”", "’", ")", '")', "’’"]),
        st.sampled_from(["", " ", " ", " ", " ", "  ", "\n", " \n", "\n\n", "\n \n", "\t",
                         "\x1c", "\x1f", "\x85", "\u00a0", "\u2028", "\u3000", " \u00a0"]),
        st.sampled_from(["", "", "", '"', "“", "‘", "(", "- ", "• ", "* ", "\n"]),
    ).map("".join),
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(st.one_of(FRAGMENTS, st.text(alphabet=ODD, max_size=8)), max_size=12).map("".join),
    st.lists(st.tuples(WORDS, GAPS).map("".join), max_size=10).map("".join),
    st.text(alphabet=ODD, max_size=40),
    st.text(max_size=40),
)


def _words_by_pattern(
    text: str,
) -> tuple[list[str], list[int], list[int], list[bool], list[bool]]:
    matches = list(spec.TOKEN.finditer(text))
    joined = [
        k > 0 and spec.joined(text, matches[k - 1].end(), m.start()) for k, m in enumerate(matches)
    ]
    return (
        [m.group() for m in matches],
        [m.start() for m in matches],
        [m.end() for m in matches],
        [m.group()[0].isupper() for m in matches],
        joined,
    )


@settings(max_examples=500, deadline=None)
@given(text=TEXTS)
@example(text="St.\x1cLouis")
@example(text="U.S.A. and D.C.")
@example(text="Dublin's O'Connor rock'n'roll 's x's_")
@example(text="Mt.  Everest Ft.\nWorth St. louis")
@example(text="a-b a\u2013b a\u2014b a \tb a\n b a  \u00a0b a\x1cb")
@example(text="Élan O’Connor’s A. B. St.Louis Mt.\u00a0Hood ٠x²y ǅa\u2028it's")
def test_split_words_is_the_token_pattern(lexer, text):
    expected = _words_by_pattern(text)
    assert lexer.split_words(text) == expected
    assert spec.split_words(text) == expected


@settings(max_examples=500, deadline=None)
@given(text=TEXTS)
@example(text='End." Next. "Quote\n\n\nNew\n  \n- bullet\n•x')
@example(text="Wait… (Then) ok!  9 lives?\u00a0A")
@example(text="Yes.’ “No.” (A) ok.\n * item\n \u2022 b.\u2028C")
def test_sentence_ends_are_the_pattern_matches(lexer, text):
    assert lexer.sentence_ends(text) == spec.sentence_ends(text)


def test_same_on_news(lexer, eval_corpora):
    # the annotated corpora's texts, as the benchmark reads them
    for path in eval_corpora:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                assert lexer.split_words(text) == spec.split_words(text)
                assert lexer.sentence_ends(text) == spec.sentence_ends(text)


def test_non_str_is_refused(lexer):
    with pytest.raises(TypeError):
        lexer.split_words(b"bytes")
    with pytest.raises(TypeError):
        lexer.sentence_ends(None)


def test_extraction_is_the_same_without_the_lexer(lexer, gazetteer, eval_corpora):
    # the fallback (the patterns) and the compiled lexer give the same toponyms
    from geomap.ingest import parse_article

    articles = []
    for path in eval_corpora:
        with open(path, encoding="utf-8") as fh:
            for k, line in zip(range(150), fh, strict=False):
                articles.append(parse_article(f"{path.stem}-{k}", json.loads(line)["text"]))
    compiled = [extract.find_toponyms(a, gazetteer) for a in articles]
    assert compiled == [
        extract.find_toponyms(a, gazetteer, lexer=extract.COMPILED_LEXER) for a in articles
    ]
    patterns = extract.PATTERN_LEXER
    assert [extract.find_toponyms(a, gazetteer, lexer=patterns) for a in articles] == compiled
    for a in articles:
        assert extract.sentences(a.body, lexer=patterns) == extract.sentences(a.body)


@settings(max_examples=500, deadline=None)
@given(text=TEXTS, data=st.data())
@example(text="People's Republic of Côte d'Ivoire and D'Lo U.S. State Department", data=None)
@example(text="Comune l'Aquila, Piazza L’Orologio", data=None)
@example(text="Aa district of Bb l’Aquila Cc’s  Dd Ee' s Ff Upper North East New South West Lower "
         "Greater", data=None)  # fmt: skip
def test_name_windows_are_those_of_the_rules(lexer, text, data):
    # the runs of words find_toponyms looks up, compiled and by the Python rules, with a
    # made-up answer to "does a gazetteer key start with this word (and a longer one)?"
    from geomap.names import name_key

    words, starts, ends, caps, joined = lexer.split_words(text)
    answers = {}

    def starts_of(word):
        if word not in answers:
            flags = data.draw(st.tuples(st.booleans(), st.booleans())) if data else (True, True)
            answers[word] = (name_key(word), *flags)
        return answers[word]

    args = (text, words, starts, ends, caps, joined)
    from geomap.extract.wordlists import CONNECTORS

    rest = (name_key, CONNECTORS, extract.DIVISION_WORDS, extract.MAX_NAME_TOKENS)
    compiled = lexer.name_windows(*args, {}, starts_of, *rest)
    assert spec.name_windows(*args, {}, starts_of, *rest) == compiled
    # the words already answered are read from the memo instead, with the same result
    memo = dict(answers)
    assert lexer.name_windows(*args, memo, starts_of, *rest) == compiled
