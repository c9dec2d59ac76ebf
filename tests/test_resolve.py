"""Resolution in context on short snippets written for these tests."""

from geomap.extract import Span, find_toponyms
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


# ------------------------------------------------------------------ settings and the bound

#: Names with many candidates in many countries, for the bound's randomized check.
_MANY = ("Paris", "Washington", "Georgia", "Springfield", "Alexandria", "Columbus",
         "Victoria", "Lebanon", "Albany", "Richmond", "Santa Cruz", "Cordoba", "Jordan",
         "La Paz", "San Luis", "Central")  # fmt: skip


def _random_settings(rng):
    from dataclasses import replace

    from geomap.settings import RESOLVER_SETTINGS

    near = rng.uniform(0.0, 4.0)
    return replace(
        RESOLVER_SETTINGS,
        country_weight=rng.uniform(0.0, 6.0),
        small_place_share_scale=rng.uniform(0.0, 1.0),
        admin1_weight=rng.uniform(0.0, 4.0),
        near_weight=near,
        far_weight=rng.uniform(0.0, near),
        near_km=rng.uniform(10.0, 300.0),
        far_km=rng.uniform(300.0, 1500.0),
        dateline_weight=rng.uniform(0.0, 3.0),
        areas_bonus=rng.uniform(0.0, 12.0),
        list_bonus=rng.uniform(0.0, 12.0),
        areas_needed=rng.randint(0, 2),
        primary_bonus=rng.uniform(-1.0, 3.0),
        capital_bonus=rng.uniform(-1.0, 3.0),
        # priors in any order, so that a bonus may lift a candidate the scan sees last
        type_priors=tuple((t, rng.uniform(-6.0, 6.0)) for t, _ in RESOLVER_SETTINGS.type_priors),
    )


def _random_counts(rng, candidates, settings):
    import math

    from geomap.resolve import scoring

    places = [c.place for c in candidates]
    codes = sorted({p.country_code for p in places if p.country_code}) + ["XX"]
    countries = {cc: rng.randint(1, 5) for cc in rng.sample(codes, rng.randint(0, len(codes)))}
    keys = sorted({(p.country_code, p.admin1) for p in places if p.country_code and p.admin1})
    admin1 = {k: 1 for k in rng.sample(keys, rng.randint(0, min(3, len(keys))))}
    radians = []
    for p in rng.sample(places, rng.randint(0, min(4, len(places)))):
        lat = math.radians(p.lat + rng.uniform(-6.0, 6.0))
        radians.append((lat, math.radians(p.lon + rng.uniform(-6.0, 6.0)), math.cos(lat)))
    dateline = rng.choice([None, *codes])
    areas = {cc: {f"a{k}" for k in range(rng.randint(0, 3))} for cc in codes}
    if dateline:
        countries[dateline] = countries.get(dateline, 0) + settings.dateline_country_count
    total = sum(countries.values())
    return scoring.Counts(countries, total, admin1, radians, areas, dateline)


def test_the_pruning_bound_reads_the_scorers_weights(gazetteer):
    """Each weight the scorer adds moves ``pick``'s bound by as much: they are one."""
    import math
    from dataclasses import replace

    from geomap.resolve import scoring
    from geomap.settings import RESOLVER_SETTINGS

    lat = math.radians(40.0)
    ctx = scoring.Counts({"AZ": 3, "AM": 1}, 4, {("AZ", "01"): 1}, [(lat, 0.8, math.cos(lat))],
                          {}, "AZ")  # fmt: skip
    base = scoring.most_added(ctx, RESOLVER_SETTINGS, abroad=True, listed=True)
    for name, gain in [
        ("country_weight", 0.75),  # the largest share: 3 of 4
        ("admin1_weight", 1.0),
        ("near_weight", 1.0),
        ("dateline_weight", 1.0),
        ("areas_bonus", 1.0),
        ("list_bonus", 1.0),
    ]:
        more = replace(RESOLVER_SETTINGS, **{name: getattr(RESOLVER_SETTINGS, name) + 1.0})
        got = scoring.most_added(ctx, more, abroad=True, listed=True)
        assert math.isclose(got - base, gain), name
    # and without the evidence a term stands for, the term is not in the bound
    bare = scoring.Counts({}, 0, {}, [], {}, None)
    assert scoring.most_added(bare, RESOLVER_SETTINGS) < 1e-6


def test_pruning_never_changes_the_pick(gazetteer):
    """A randomized check: with random settings and contexts, the pruned scan chooses the
    place, and the score, that scoring every candidate in full does."""
    import random

    from geomap.resolve import evidence, resolver, scoring
    from geomap.settings import RESOLVER_SETTINGS

    rng = random.Random(16)
    spans = [Span(0, len(n), n, gazetteer.lookup(n), 0) for n in _MANY]
    spans = [s for s in spans if len(s.candidates) > 3]
    assert len(spans) >= 8
    pruned = 0
    for trial in range(600):
        settings = RESOLVER_SETTINGS if trial % 4 == 0 else _random_settings(rng)
        span = rng.choice(spans)
        if rng.random() < 0.2:
            span = Span(0, 1, span.surface, span.candidates, 0, qualifier="county")
        facts = evidence.Facts(span.candidates, settings)
        ctx = _random_counts(rng, span.candidates, settings)
        # a list member's kind: that of one of its less likely candidates, at times
        areas = [c.place for c in span.candidates if c.place.place_type in ("country", "admin1")]
        kind = None
        if areas and rng.random() < 0.6:
            p = rng.choice(areas)
            kind = ("country", None) if p.place_type == "country" else ("admin1", p.country_code)
        support = None
        if rng.random() < 0.3:
            support = {c.place.place_id: rng.uniform(0.0, 5.0)
                       for c in rng.sample(span.candidates, 2)}  # fmt: skip
        fast = resolver.pick(span, ctx, facts, settings, kind, support)
        full = resolver.pick(span, ctx, facts, settings, kind, support, prune=False)
        assert fast == full, (trial, span.surface)
        # the trials where the bound did stop the scan before the last candidate
        ceiling = scoring.most_added(
            ctx, settings, abroad=bool(facts.abroad), listed=kind is not None, support=support
        )
        rests = facts.qualified_rest if span.qualifier else facts.bare_rest
        pruned += any(rest + ceiling <= full[1] for rest in rests[1:])
    assert pruned >= 150  # the comparison covered scans the bound cut short


def test_settings_reject_weights_the_bound_cannot_hold():
    from dataclasses import replace

    import pytest

    from geomap.settings import RESOLVER_SETTINGS

    with pytest.raises(ValueError, match="negative"):
        replace(RESOLVER_SETTINGS, list_bonus=-1.0)
    with pytest.raises(ValueError, match="nearness"):
        replace(RESOLVER_SETTINGS, far_weight=2.0)
    with pytest.raises(ValueError, match="within"):
        replace(RESOLVER_SETTINGS, small_place_share_scale=1.5)


def test_resolution_follows_the_settings_it_is_given(gazetteer):
    """The settings are passed, not global: a stricter ``min_score`` drops a weak name in
    that call only, and a second settings object has its own cached choices."""
    from dataclasses import replace

    from geomap.settings import RESOLVER_SETTINGS

    text = "Flooding closed roads in Annville on Monday."
    art = Article(id="t", text=text, body=text)
    spans = find_toponyms(art, gazetteer)
    assert [r.span.surface for r in resolve_spans(spans, gazetteer, text=text)] == ["Annville"]
    strict = replace(RESOLVER_SETTINGS, min_score=50.0)
    assert resolve_spans(spans, gazetteer, text=text, settings=strict) == []
    assert [r.span.surface for r in resolve_spans(spans, gazetteer, text=text)] == ["Annville"]
