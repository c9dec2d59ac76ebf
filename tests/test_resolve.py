"""Resolution in context on short snippets written for these tests."""

from geomap.extract import find_toponyms
from geomap.models import Article
from geomap.resolve import resolve_spans


def resolve(text: str, gazetteer) -> dict[str, tuple[str, str | None, str]]:
    art = Article(id="t", text=text, body=text)
    res = resolve_spans(find_toponyms(art, gazetteer), gazetteer)
    return {
        r.span.surface: (r.place.place_id, r.place.country_code, r.place.place_type) for r in res
    }


def test_washington_in_us_diplomacy_is_the_capital(gazetteer):
    text = (
        "The foreign ministers of Armenia and Azerbaijan met the US Secretary of State "
        "in Washington, and agreed to meet again in Geneva."
    )
    got = resolve(text, gazetteer)
    assert got["Washington"][0] == "geonames:4140963"
    assert got["Geneva"][1] == "CH"
    assert got["Armenia"][2] == "country"


def test_georgia_follows_context(gazetteer):
    caucasus = resolve("Trucks crossed from Armenia into Georgia near Tbilisi.", gazetteer)
    assert caucasus["Georgia"][2] == "country"
    us = resolve("The storm moved from Atlanta across Georgia toward Savannah.", gazetteer)
    assert us["Georgia"] == (us["Georgia"][0], "US", "admin1")


def test_town_preferred_over_district_of_same_name(gazetteer):
    got = resolve("Missiles hit the Azerbaijani cities of Ganja, Mingachevir and Khizi.", gazetteer)
    assert got["Khizi"][2] == "populated_place"
    assert got["Ganja"][0] == "geonames:586523"


def test_qualifier_selects_the_division(gazetteer):
    got = resolve("Missiles hit the Absheron district of Azerbaijan.", gazetteer)
    assert got["Absheron"][2] == "admin1"


def test_local_context_picks_the_local_namesake(gazetteer):
    got = resolve("A fire in Alexandria was investigated by Rapides Parish deputies.", gazetteer)
    assert got["Alexandria"][1] == "US"


def test_town_comma_region_is_resolved_inside_the_region(gazetteer):
    from geomap.extract import find_toponyms
    from geomap.models import Article
    from geomap.resolve import resolve_spans

    text = "The fair in Paris, Texas, and the shooting in Athens, Ga., made the news."
    art = Article(id="t", text=text, body=text)
    res = resolve_spans(find_toponyms(art, gazetteer), gazetteer, text=text)
    got = {r.span.surface: (r.place.country_code, r.place.admin1) for r in res}
    assert got["Paris"] == ("US", "TX")
    assert got["Athens"] == ("US", "GA")


def test_continents_beat_homonymous_towns(gazetteer):
    from geomap.extract import find_toponyms
    from geomap.models import Article
    from geomap.resolve import resolve_spans

    text = "The virus spread from Africa to Asia and Europe."
    art = Article(id="t", text=text, body=text)
    res = resolve_spans(find_toponyms(art, gazetteer), gazetteer, text=text)
    assert {r.place.place_type for r in res} == {"region"}


def _resolve_with_text(text: str, gazetteer) -> list[tuple[str, str | None, str, str]]:
    art = Article(id="t", text=text, body=text)
    res = resolve_spans(find_toponyms(art, gazetteer), gazetteer, text=text)
    return [
        (r.span.surface, r.place.country_code, r.place.place_type, r.place.place_id) for r in res
    ]


def test_a_list_of_states_makes_each_member_a_state(gazetteer):
    got = _resolve_with_text(
        "Cases were reported in Arizona, Georgia, Oklahoma, Oregon, Washington and Wyoming.",
        gazetteer,
    )
    assert [(name, cc, kind) for name, cc, kind, _ in got] == [
        (name, "US", "admin1")
        for name in ("Arizona", "Georgia", "Oklahoma", "Oregon", "Washington", "Wyoming")
    ]


def test_a_list_of_countries_is_not_town_comma_region(gazetteer):
    got = _resolve_with_text(
        "The FAO warned Armenia, Azerbaijan, Georgia, Iraq, Iran, and Syria.", gazetteer
    )
    assert {name: (cc, kind) for name, cc, kind, _ in got}["Iraq"] == ("IQ", "country")
    assert {name: (cc, kind) for name, cc, kind, _ in got}["Georgia"] == ("GE", "country")


def test_a_list_ends_at_and(gazetteer):
    got = _resolve_with_text("Fans came from as far as Texas and Washington, D.C., to see it.",
                             gazetteer)  # fmt: skip
    assert {name: pid for name, _, _, pid in got}["Washington"] == "geonames:4140963"
    got = _resolve_with_text(
        "Officials are investigating cases in Washington, Pennsylvania and California.", gazetteer
    )
    assert {name: kind for name, _, kind, _ in got}["Washington"] == "admin1"


def test_division_word_before_the_name(gazetteer):
    got = resolve("The first case was found in 2003 in the state of Washington.", gazetteer)
    assert got["Washington"][1:] == ("US", "admin1")


def test_a_town_and_the_county_that_holds_it_choose_each_other(gazetteer):
    text = (
        "A Paris man was arrested on Sunday and is due in Henry County General Sessions "
        "Court on Tuesday."
    )
    got = resolve(text, gazetteer)
    assert got["Paris"][1] == "US"
    assert got["Henry County"][1] == "US"
    far = resolve("A Paris man was arrested on Sunday.", gazetteer)
    assert far["Paris"][1] == "FR"  # without the county, the capital
    # a town named like a foreign country: Lebanon, Indiana, is in Boone County
    text = "Lebanon and Zionsville schedule a spring clean-up for Boone County residents."
    got = resolve(text, gazetteer)
    assert got["Lebanon"][1:] == ("US", "populated_place")


def test_a_county_does_not_pull_a_state_or_its_own_namesake(gazetteer):
    # Washington County, Pennsylvania holds a town called California; DeKalb County,
    # Illinois a town called DeKalb. Neither pairing is evidence.
    got = resolve("Officials in Washington County said that California had sent aid.", gazetteer)
    assert got["California"][2] == "admin1"
    # Edgar County, Illinois holds a Kansas too; the state of the same country stays the state
    got = resolve("Edgar County deputies drove to Kansas on Friday.", gazetteer)
    assert got["Kansas"][2] == "admin1"
    got = resolve("DeKalb County schools closed; DeKalb police said roads were icy.", gazetteer)
    alone = resolve("DeKalb County schools closed.", gazetteer)
    assert got["DeKalb County"] == alone["DeKalb County"]


def test_town_comma_region_chooses_the_region_that_holds_the_town(gazetteer):
    # Georgia alone is the country; after "Blakely," it is the state that holds Blakely
    text = "The plant in Blakely, Georgia, made the peanut paste."
    art = Article(id="t", text=text, body=text)
    res = resolve_spans(find_toponyms(art, gazetteer), gazetteer, text=text)
    got = {r.span.surface: (r.place.country_code, r.place.admin1, r.place.place_type) for r in res}
    assert got["Georgia"] == ("US", "GA", "admin1")
    assert got["Blakely"][:2] == ("US", "GA")


def test_a_state_named_like_a_country_among_other_states(gazetteer):
    text = (
        "Cases were confirmed in Alabama and Texas on Monday. Samples from Iowa were sent "
        "to a contract lab in Georgia."
    )
    assert resolve(text, gazetteer)["Georgia"][1:] == ("US", "admin1")
    # one state is not enough, and a country's own areas never demote it
    text = "Cases were confirmed in Alabama. Samples were sent to a lab in Georgia."
    assert resolve(text, gazetteer)["Georgia"][1:] == ("GE", "country")


def test_a_small_town_named_like_its_province_does_not_replace_it(gazetteer):
    got = resolve("Snow closed schools across Quebec and Oaxaca.", gazetteer)
    assert got["Quebec"][1:] == ("CA", "admin1")
    assert got["Oaxaca"][1:] == ("MX", "admin1")


def test_a_small_town_alone_in_its_country_is_a_stray_word(gazetteer):
    text = "Kristina and her husband live in DeKalb County, Illinois."
    got = resolve(text, gazetteer)
    assert "Kristina" not in got  # Ristiina, Finland, by an alternate spelling
    assert got["Illinois"][1] == "US"
    # a small town is kept when the article names its country, or names nothing else
    assert "Annville" in resolve("Flooding closed roads in Annville on Monday.", gazetteer)
    got = resolve("Shelling hit Martuni in Armenia.", gazetteer)
    assert got["Martuni"][1] == "AM"


def test_oceans_and_deserts_beat_homonymous_counties_and_villages(gazetteer):
    got = resolve(
        "Storms crossed the Pacific and the Atlantic; dust blew off the Sahara.", gazetteer
    )
    assert got["Pacific"][0] == "curated:pacific-ocean"  # not Pacific County, Washington
    assert got["Atlantic"][0] == "curated:atlantic-ocean"
    assert got["Sahara"][0] == "curated:sahara"


def test_regions_beat_villages_named_after_them(gazetteer):
    got = resolve("Wildfires spread across Siberia and Patagonia this summer.", gazetteer)
    assert got["Siberia"][0] == "curated:siberia"  # not Siberia, Mexico
    assert got["Patagonia"][0] == "curated:patagonia"  # not Patagonia, Arizona


def test_a_town_and_a_state_that_holds_it_choose_each_other(gazetteer):
    text = "Police in Albany arrested a man on Monday, the authorities in Georgia said."
    got = resolve(text, gazetteer)
    assert got["Albany"][1] == "US" and got["Georgia"][1:] == ("US", "admin1")
    # a well-known city does not move to a namesake in a state the article names
    got = resolve("The mayor of Boston declared an emergency; New York state followed.", gazetteer)
    assert got["Boston"][0] == resolve("The mayor of Boston spoke.", gazetteer)["Boston"][0]


def test_a_dateline_is_no_evidence_for_its_own_name_in_other_case(gazetteer):
    from geomap.extract import sentences
    from geomap.ingest import parse_article

    text = (
        "Woman fined\nCOLUMBUS -- A Columbus woman was fined in Platte County District Court "
        "on Monday.\n"
    )
    art = parse_article("a", text)
    spans = find_toponyms(art, gazetteer, bounds=sentences(art.body))
    got = {r.span.surface: r.place for r in resolve_spans(spans, gazetteer, text=art.body)}
    assert got["Columbus"].admin1 == "NE" and got["Platte County"].admin1 == "NE"


def test_an_alternate_spelling_alone_in_its_country_is_a_stray_word(gazetteer):
    # "Ismaili" is an alternate spelling of Ismayilli, Azerbaijan (about 20,000 people)
    got = resolve("In Cairo, Petrojet beat Ismaili on Monday, Egypt's league said.", gazetteer)
    assert "Ismaili" not in got and got["Cairo"][1] == "EG"


def test_the_dateline_country_is_the_one_resolve_spans_gives_the_dateline(gazetteer):
    from geomap.extract import sentences
    from geomap.ingest import parse_article
    from geomap.resolve import dateline_country_of

    texts = [
        "Woman fined\nCOLUMBUS -- A Columbus woman was fined in Platte County on Monday.\n",
        "PARIS (Reuters) - Talks in Geneva and Brussels ended without a deal.\n",
        "BAKU, Oct.29 - Missiles hit Ganja, Mingachevir and Khizi overnight.\n",
        "Markets rose in Tokyo and Seoul on Monday.\n",  # no dateline
    ]
    for text in texts:
        art = parse_article("a", text)
        spans = find_toponyms(art, gazetteer, bounds=sentences(art.body))
        res = resolve_spans(spans, gazetteer, text=art.body)
        want = next((r.place.country_code for r in res if r.span.is_dateline), None)
        assert dateline_country_of(spans, gazetteer, text=art.body) == want
    assert want is None
