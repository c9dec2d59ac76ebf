"""Toponym recognition on short snippets written for these tests."""

import pytest

from geomap.extract import find_toponyms, sentences, tokenize
from geomap.models import Article, Dateline


def article(text: str, **kw) -> Article:
    return Article(id="t", text=text, body=text, **kw)


def surfaces(text: str, gazetteer, **kw) -> list[str]:
    return [s.surface for s in find_toponyms(article(text, **kw), gazetteer)]


def test_offsets_match_the_text(gazetteer):
    text = "Shelling hit Ganja and the outskirts of Tbilisi on Friday."
    spans = find_toponyms(article(text), gazetteer)
    assert [s.surface for s in spans] == ["Ganja", "Tbilisi"]
    for s in spans:
        assert text[s.start : s.end] == s.surface


def test_multi_word_and_hyphenated_names(gazetteer):
    text = "Talks on Nagorno-Karabakh resumed in New York and in the South Caucasus."
    assert surfaces(text, gazetteer) == ["Nagorno-Karabakh", "New York", "South Caucasus"]


def test_names_with_diacritics(gazetteer):
    assert surfaces("Rescuers reached Gəncə and São Paulo.", gazetteer) == ["Gəncə", "São Paulo"]


def test_people_named_like_places_are_rejected(gazetteer):
    text = (
        "The spokesman Vladimir Zainetdinov said so. Secretary General Stanislav Zas "
        "agreed, and Florence Martin of the council disagreed."
    )
    assert surfaces(text, gazetteer) == []


def test_organisations_containing_places_are_rejected(gazetteer):
    text = "The OSCE Minsk Group met. The Washington Post and the Geneva Convention were cited."
    assert surfaces(text, gazetteer) == []


def test_capitalised_common_words_and_demonyms_are_rejected(gazetteer):
    text = (
        "Union leaders spoke. From time to time the Secretary of the Council met "
        "Azeri and Armenian officials."
    )
    assert surfaces(text, gazetteer) == []


def test_countries_that_are_common_words_are_kept(gazetteer):
    assert surfaces("Officials in Turkey and Chad were told.", gazetteer) == ["Turkey", "Chad"]


def test_all_caps_acronyms_only_for_known_names(gazetteer):
    assert surfaces("The US and the USSR; TASS and CSTO reported.", gazetteer) == ["US", "USSR"]


def test_dateline_place_in_capitals(gazetteer):
    text = "BAKU, September 27. Fighting continued."
    dl = Dateline(0, 18, "BAKU", 0, 4, None, 9, 27, None)
    spans = find_toponyms(article(text, dateline=dl), gazetteer)
    assert spans[0].surface == "BAKU" and spans[0].is_dateline


def test_division_qualifier_is_recorded(gazetteer):
    (span,) = find_toponyms(article("Missiles hit the Absheron district."), gazetteer)
    assert span.surface == "Absheron" and span.qualifier == "district"


def test_tokenize_and_sentences():
    text = "Mr. Smith flew to the U.S. on Monday. He left! Then"
    assert [t.text for t in tokenize(text)][:3] == ["Mr", "Smith", "flew"]
    assert "U.S." in [t.text for t in tokenize(text)]
    bounds = sentences(text)
    assert [text[s:e] for s, e in bounds] == [
        "Mr. Smith flew to the U.S. on Monday.",
        "He left!",
        "Then",
    ]


def test_possessives_are_split_off(gazetteer):
    assert surfaces("Dublin's council met; the mayor's aide spoke.", gazetteer) == ["Dublin"]


def test_places_inside_institution_names_are_kept(gazetteer):
    text = (
        "The Texas Department of Health and the Ohio Supreme Court said so, "
        "according to Gainesville Police."
    )
    assert surfaces(text, gazetteer) == ["Texas", "Ohio", "Gainesville"]


def test_names_that_only_recall_a_place_are_rejected(gazetteer):
    text = "The OSCE Minsk Group, the Geneva Conventions, the Washington Post and Marburg virus."
    assert surfaces(text, gazetteer) == []


def test_place_modifiers(gazetteer):
    assert surfaces("Schools in Northeast Georgia closed.", gazetteer) == ["Georgia"]


def test_a_surname_stays_a_surname_in_the_whole_article(gazetteer):
    text = "Bob Jones said the fire started at noon. Later Jones added that it spread."
    assert surfaces(text, gazetteer) == []


def test_months_titles_and_compass_words_are_not_places(gazetteer):
    text = "On Nov. 3 Dr. Smith went North; the White House and I've no comment."
    assert surfaces(text, gazetteer) == []


def test_us_state_abbreviations_after_a_town(gazetteer):
    text = "He moved from Charleston, W.Va., to Gainesville, Ga., and then Austin, TX."
    spans = find_toponyms(article(text), gazetteer)
    got = {s.surface: s.candidates[0].place.name for s in spans}
    assert got["W.Va."] == "West Virginia" and got["Ga."] == "Georgia" and got["TX"] == "Texas"


def test_plurals_of_common_words_are_not_villages(gazetteer):
    # "Cases" and "Mines" are villages in GeoNames; "Wales" is well known and stays
    text = "Cases rose again. Mines were closed in Wales and in Sudan."
    assert surfaces(text, gazetteer) == ["Wales", "Sudan"]


def test_dc_after_washington_is_the_district(gazetteer):
    spans = find_toponyms(article("He flew to Washington, D.C., on Monday."), gazetteer)
    assert [(s.surface, s.candidates[0].place.place_type) for s in spans] == [
        ("Washington", spans[0].candidates[0].place.place_type),
        ("D.C.", "admin1"),
    ]


def test_abbreviated_titles_and_middle_initials_mark_people(gazetteer):
    text = (
        "Capt. Roy A. Nelson said the music was loud. Later Nelson said it stopped. "
        "Sen. Byrd, D-W. Va., spoke in Charleston, W.Va., on Monday."
    )
    got = surfaces(text, gazetteer)
    assert "Roy" not in got and "Nelson" not in got
    assert "Charleston" in got and "W.Va." in got


def test_places_that_name_local_institutions_are_places(gazetteer):
    text = (
        "The Florida Highway Patrol and the Licking County Prosecutor said the University "
        "of Georgia lab tested it."
    )
    assert surfaces(text, gazetteer) == ["Florida", "Licking County", "Georgia"]


def test_state_after_a_party_letter(gazetteer):
    text = "Rep. James Clyburn, D-S.C., and Sen. John Cornyn, R-Texas, spoke in Washington."
    spans = find_toponyms(article(text), gazetteer)
    got = {s.surface: (s.candidates[0].place.place_type, s.candidates[0].place.country_code)
           for s in spans}  # fmt: skip
    assert got["S.C."] == ("admin1", "US") and got["Texas"] == ("admin1", "US")


def test_a_possessive_inside_a_name(gazetteer):
    got = surfaces("Officials of the People's Republic of China met in King's Lynn.", gazetteer)
    assert got == ["People's Republic of China", "King's Lynn"]
    # a possessive after a whole name still ends it
    assert surfaces("Iraq's Prime Minister visited Dublin's museums.", gazetteer) == [
        "Iraq",
        "Dublin",
    ]


def test_a_saint_with_a_possessive_names_a_landmark_not_a_town(gazetteer):
    assert surfaces("Pilgrims filled St. Peter's Square on Sunday.", gazetteer) == []
    assert surfaces("He was taken to St. Mary's Hospital.", gazetteer) == []


def test_a_town_named_before_a_verb_of_speech_is_a_speaker(gazetteer):
    assert surfaces("“We heard the music,” Nelson said on Friday.", gazetteer) == []
    # capitals and famous places speak for their governments
    assert surfaces("Moscow said it would reply; Canberra said nothing.", gazetteer) == [
        "Moscow",
        "Canberra",
    ]


def test_dotted_abbreviation_of_a_city(gazetteer):
    assert surfaces("He rode his bike from Norman to D.C. last spring.", gazetteer) == [
        "Norman",
        "D.C.",
    ]
    # undotted short capitals are still only well-known countries and regions
    assert surfaces("The DC motor failed.", gazetteer) == []


def test_a_town_after_a_party_letter(gazetteer):
    text = "State Sen. Robert Ford, D-Charleston, said he is optimistic."
    assert surfaces(text, gazetteer) == ["Charleston"]


def test_a_small_division_does_not_keep_a_surname_a_place(gazetteer):
    # Flores is a department of Uruguay of 23,000 people, and here a man
    text = "Matthew D. Flores was shot in 2007. Years later, Flores' mother still waits."
    assert surfaces(text, gazetteer) == []
    # a country does: "Jordan" after "Bob Jordan"
    assert "Jordan" in surfaces("Bob Jordan spoke. Jordan closed its border.", gazetteer)


def test_country_codes_before_capitalised_words_and_currencies(gazetteer):
    text = "The U.S. Centers for Disease Control said so. Cases rose in the U.S. Jon Smith said."
    assert surfaces(text, gazetteer) == ["U.S.", "U.S."]
    assert surfaces("Libya received a US$460 million settlement.", gazetteer) == ["Libya"]
    # a country's name before a capitalised word is still a person's first name
    assert "Chad" not in surfaces("Chad Johnson scored twice.", gazetteer)


def test_vowelless_capitals_abbreviate_a_region(gazetteer):
    assert surfaces("Flooding closed roads across NSW and QLD on Monday.", gazetteer) == [
        "NSW",
        "QLD",
    ]
    # capitals with a vowel may be a word or an organisation: IMO is not Imo State
    assert surfaces("The IMO issued a warning.", gazetteer) == []


def test_a_plural_place_name_inside_a_sentence(gazetteer):
    # "Ames" is also the plural of the (Webster's 1934) word "ame"
    assert surfaces("The samples were tested in Ames, Iowa, on Monday.", gazetteer) == [
        "Ames",
        "Iowa",
    ]
    assert surfaces("Cases rose again on Monday.", gazetteer) == []


def test_names_joined_by_french_connectors_and_elided_articles(gazetteer):
    text = "Cholera spread from Port-au-Prince; Benin, Côte d'Ivoire and Ghana sent aid."
    assert surfaces(text, gazetteer) == ["Port-au-Prince", "Benin", "Côte d'Ivoire", "Ghana"]


def test_a_town_before_an_ap_state_abbreviation(gazetteer):
    # "Hurricane" and "Normal" are words; before ", W. Va." and ", Ill." they are towns there
    got = surfaces("Flooding in Hurricane, W. Va., and in Normal, Ill., closed roads.", gazetteer)
    assert got == ["Hurricane", "W. Va.", "Normal", "Ill."]
    assert surfaces("She said, Ga. is fine.", gazetteer) == []


def test_a_town_that_is_a_word_before_its_region(gazetteer):
    text = "The festival in Bath, England, and the fair in Normal, Illinois, drew crowds."
    assert surfaces(text, gazetteer) == ["Bath", "England", "Normal", "Illinois"]
    # a person before a comma stays a person
    assert surfaces("According to John Smith, Texas has money.", gazetteer) == ["Texas"]


def test_states_abbreviated_in_two_dotted_parts_and_short_alternates(gazetteer):
    text = "Drive north on W.Va. 61 to the W. Va. line, then on to N.C."
    assert surfaces(text, gazetteer) == ["W.Va.", "W. Va.", "N.C."]
    # a name of three letters or fewer only by its own spelling ("Lu" is not Luzhou)
    text = "The patient, identified by his last name of Lu, is recovering."
    for span in find_toponyms(article(text), gazetteer):
        assert all(c.primary for c in span.candidates)
        assert "Luzhou" not in {c.place.name for c in span.candidates}


def test_names_joined_by_an_ampersand_are_a_firm(gazetteer):
    text = "Columbia owes design firm Stevens & Wilkinson money; Trinidad and Tobago sent aid."
    assert surfaces(text, gazetteer) == ["Columbia", "Trinidad and Tobago"]


def test_a_country_before_a_disease_word_is_the_country(gazetteer):
    assert surfaces(
        "With the United States flu season under way, Marburg virus spread.", gazetteer
    ) == ["United States"]


def test_words_that_start_no_name_are_told_apart(gazetteer):
    from geomap.extract.find import name_starts

    first_words: dict[str, tuple[str, bool, bool]] = {}
    # "Nagorno" is no name on its own, but starts "Nagorno-Karabakh"
    ask = {"gazetteer": gazetteer, "first_words": first_words}
    assert name_starts("Nagorno", **ask) == ("nagorno", True, True)
    assert name_starts("Qzxqzv", **ask) == ("qzxqzv", False, False)
    assert first_words["Qzxqzv"] == ("qzxqzv", False, False)
    assert surfaces("Qzxqzv met people in Nagorno-Karabakh.", gazetteer) == ["Nagorno-Karabakh"]


def test_word_lists_are_written_as_the_rules_read_them():
    # the rules ask for lower-case words (``word.lower() in TITLES``) or name keys
    # (``key in NEVER_PLACES``): an entry written otherwise would never match
    from geomap.extract import wordlists
    from geomap.names import name_key

    as_written = {"SAINTS", "US_STATES", "AP_STATE_VARIANTS"}
    for name in wordlists.__all__:
        words = getattr(wordlists, name)
        assert words, name
        if name in as_written:
            continue
        assert isinstance(words, frozenset), name
        for word in words:
            assert word == word.strip().lower() and word, (name, word)
    for key in wordlists.NEVER_PLACES:
        assert name_key(key) == key
    for code, (state, ap) in wordlists.US_STATES.items():
        assert len(code) == 2 and code.isupper() and state[0].isupper()
        assert not ap.endswith("."), ap  # the patterns match the final stop themselves
    assert set(wordlists.AP_STATE_VARIANTS.values()) <= {s for s, _ in wordlists.US_STATES.values()}


@pytest.mark.parametrize(
    "module", ["geomap.extract", "geomap.extract.lexer", "geomap.extract.tokens",
               "geomap.extract.wordlists"],
)  # fmt: skip
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
