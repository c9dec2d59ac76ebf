"""Casualty counts (``geomap.events.counts``), each rule on a clause written for it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.events.counts import (
    OTHER_VICTIMS,
    casualties,
    count_before,
    may_count,
    one_named_death,
)


@pytest.mark.parametrize(
    ("clause", "killed"),
    [
        # one victim without a number
        ("a 34-year-old man was killed when his car left the road", 1),
        ("police are investigating the fatal stabbing of a woman", 1),
        ("the death of a six-year-old girl was confirmed", 1),
        ("the storm led to a teenager drowning in the river", 1),
        ("a man was shot in the arm", None),
        # bodies found
        ("the bodies of three fishermen were recovered", 3),
        ("divers found two bodies near the dam", 2),
        # "have died", four words between the number and the verb
        ("at least a hundred people in the province have died", 100),
    ],
)  # fmt: skip
def test_killed(clause, killed):
    assert casualties(clause)[0] == killed


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # a person noun, then a prepositional phrase, an apposition or a place, then the verb
        ("four people from the same family in kent have died", (4, None)),
        ("at least two children in baghdad, iraq have died after eating cake", (2, None)),
        ("two soldiers of the 5th brigade were killed", (2, None)),
        ("three workers at the plant were injured", (None, 3)),
        ("four tourists from a hotel in islamabad were injured", (None, 4)),
        ("one was injured and four passengers from the bus remain in hospital", (None, 4)),
        ("nine people remain in hospital with flu", (None, None)),
        ("two people, a man and a woman, were killed", (2, None)),
        ("between 20 and 30 people from villages near the border were killed", (20, None)),
        # no count of this event: a running total, a past year's, an age, a test, an illness
        ("four people have died since 1992", (None, None)),
        ("four people in the region have died since the start of the outbreak", (None, None)),
        ("two of the four people who died last year", (None, None)),
        ("twenty-six people have died so-far this year", (None, None)),
        ("four federal agents died 15 years ago", (None, None)),
        ("a child aged two has died", (1, None)),
        ("at least nine others remain ill", (None, None)),
        ("1,000 people in the city have been tested", (None, None)),
        # a verb or another number between: not the subject's count
        ("1,000 people in the city have been tested and 12 have died", (12, None)),
        ("two gunmen from the group were killed", (None, None)),
    ],
)  # fmt: skip
def test_the_subject_s_count_past_a_phrase(clause, expected):
    assert casualties(clause) == expected


def test_a_place_s_own_count_in_a_list():
    assert count_before("storms killed 12 in the north and 30 in eastern ") == 30
    assert count_before("storms killed 12 in ") == 12
    assert count_before("twelve people were killed in ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Walter H. (Buddy) Price, age 88, died Sunday at his home", True),
        ("Ana Ruiz, a poet who wrote in three languages, died in Lima", True),
        ("Several of the patients who died were elderly", False),
        ("Officials in Lima say a woman has died", False),
    ],
)
def test_one_named_death(text, expected):
    assert one_named_death(text) is expected


@pytest.mark.parametrize(
    ("clause", "other"),
    [
        ("the virus has killed three other children this month", True),
        ("bringing the death toll to 41", True),
        ("four soldiers were killed", False),
    ],
)
def test_other_victims_and_running_totals(clause, other):
    assert bool(OTHER_VICTIMS.search(clause)) is other


@pytest.mark.parametrize(
    ("clause", "killed"),
    [
        # each reached by one rule, whose words alone let it run ("claimed the lives of",
        # "toll", "number of", "left" … "dead", "perished", "lost their lives", "fatalities")
        ("the quake claimed the lives of 12 villagers", 12),
        ("the death toll rose to 40", 40),
        ("the number of dead reached twelve", 12),
        ("the number of fatalities stood at 15", 15),
        ("the floods left 12 people dead", 12),
        ("the fire left 3 families homeless", None),
        ("leaving 5 dead", 5),
        ("twenty perished in the flood", 20),
        ("30 lost their lives", 30),
        ("the attack caused 7 fatalities", 7),
        ("7 were shot dead", 7),
        ("two gunmen were slain", None),
        ("eleven lives were lost", 11),
        ("no one was killed but 4 died later", 4),
        ("no one was killed", 0),
        ("it killed 2,600 birds", None),
    ],
)  # fmt: skip
def test_killed_by_each_rule(clause, killed):
    assert casualties(clause)[0] == killed


#: Words the count rules read, and words near them, for texts built to hit each rule's edge.
_VOCABULARY = (
    "no one nobody was were has been killed kill dead death deaths died slain perished lives "
    "lost their fatalities casualties bodies of drowned drowning fatal wounded injured injuries "
    "hurt a an man woman 58-year-old 12 1,200 twenty-one dozen hundred at least more than the "
    "toll rose to number left leaving claimed people soldiers birds in and , ."
).split()


@given(st.lists(st.sampled_from(_VOCABULARY), max_size=14))
@settings(max_examples=400, deadline=None)
def test_no_count_without_a_count_word(words):
    """``may_count`` False: no count in the text nor in any part of it."""
    text = " ".join(words)
    if not may_count(text):
        assert casualties(text) == (None, None)
        for k in range(len(text)):
            assert casualties(text[k:]) == (None, None)
