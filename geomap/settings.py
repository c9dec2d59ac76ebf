"""Tunable weights and thresholds, one frozen, documented settings object per stage.

Like osmnx's ``settings``, this module is where the numbers that steer a stage live, but
nothing here is global state: each object is immutable and is passed explicitly, with a
default instance (``RESOLVER_SETTINGS``) where no caller gives one. Changing a weight means
making a new object (``dataclasses.replace``) and passing it on.

>>> from dataclasses import replace
>>> strict = replace(RESOLVER_SETTINGS, min_score=3.0)
>>> strict.min_score, RESOLVER_SETTINGS.min_score
(3.0, 2.2)
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EARTH_RADIUS_KM", "RESOLVER_SETTINGS", "ResolverSettings"]

#: Mean Earth radius in km, as geopy's ``great_circle`` uses it.
EARTH_RADIUS_KM = 6371.009


@dataclass(frozen=True, slots=True)
class ResolverSettings:
    """What toponym resolution (``geomap.resolve``) weighs, and where it draws its lines.

    A candidate's score is its prior (type, size, spelling, capital; the first group below)
    plus the article's evidence for it (its country, first-level area, nearness, the
    dateline's country) plus the bonuses of names that hold each other. The scorer and the
    bound that lets ``geomap.resolve`` stop scanning a name's candidates early both read
    these fields, so the two cannot drift apart. The values were tuned by hand on the seed
    articles, the sample corpus and LGL/GeoVirus (``geomap evaluate``): each one's note says
    what it is for.

    The evidence weights and bonuses must not be negative, nearness must not count more
    the further a point is, and the small-place share scale is a fraction: the early stop
    relies on it, and ``__post_init__`` checks it.
    """

    # ----------------------------------------------------------------- priors (no context)
    #: Prior by place type: an area ("Georgia", "Siberia") is meant more often than a
    #: namesake village; a country most of all. ``default_type_prior`` for other types.
    type_priors: tuple[tuple[str, float], ...] = (
        ("country", 4.0),
        ("region", 3.0),
        ("historical", 2.5),
        ("admin1", 1.0),
        ("admin2", 0.3),
        ("populated_place", 0.5),
    )
    #: Prior of a place type missing from ``type_priors``.
    default_type_prior: float = 0.5
    #: A place without a population (a region, a continent) is sized by its radius:
    #: ``min(size_prior_cap, size_prior_base + log10(radius_km))``, about the
    #: log10(population) of a place that large, capped so an ocean does not outweigh a
    #: country.
    size_prior_base: float = 4.0
    #: See ``size_prior_base``.
    size_prior_cap: float = 7.0
    #: Added when the name is the place's own spelling, not one of its alternate names.
    primary_bonus: float = 1.0
    #: Added to a national or first-level capital: the famous namesake wins a tie.
    capital_bonus: float = 1.5
    #: Added, for a name written with a division word ("Absheron district"), to first- and
    #: second-level areas and regions: the word says which namesake is meant.
    division_word_bonus: float = 3.0
    #: Taken, for a name written with a division word, from every other kind of place.
    division_word_penalty: float = 1.0
    #: Added to a town for a bare name: a bare name is a town more often than the division
    #: named after it ("Tovuz").
    bare_town_bonus: float = 0.8

    # ------------------------------------------------------------------ article evidence
    #: Weight of the share of the article's country evidence that points at a candidate's
    #: country (0..1): the strongest context there is, as articles stay in a few countries.
    country_weight: float = 2.5
    #: The country share counts only this fraction for a place that is neither local (in a
    #: named first-level area or near a named point) nor large (``big_population``): a
    #: country named in the story does not make every village of it likely ("Geneva" in a
    #: story naming the US stays the Swiss city).
    small_place_share_scale: float = 0.4
    #: A place with at least this many people takes the whole country share.
    big_population: int = 100_000
    #: Added when the article names the candidate's first-level area ("Rapides Parish",
    #: Louisiana, for "Alexandria"). A candidate with this much local evidence or more is
    #: local (``small_place_share_scale``).
    admin1_weight: float = 1.2
    #: Added when one of the article's other points lies within ``near_km``.
    near_weight: float = 1.5
    #: See ``near_weight``.
    near_km: float = 150.0
    #: Added when the nearest of the article's other points lies within ``far_km`` (but not
    #: ``near_km``): the same region.
    far_weight: float = 0.3
    #: See ``far_weight``; beyond it nearness adds nothing.
    far_km: float = 600.0
    #: Added to a candidate in the dateline's country ("BAKU, Oct. 29": Azerbaijan).
    dateline_weight: float = 0.7
    #: How many country mentions the dateline's country counts as in the article's
    #: evidence: a dateline says where the reporter is, more than one passing mention.
    dateline_country_count: int = 3

    # ------------------------------------------------------ names that hold each other
    #: Added to a first-level area named like a foreign country ("Georgia") when the
    #: article names ``areas_needed`` or more other areas of that country ("Alabama",
    #: "Iowa").
    areas_bonus: float = 3.0
    #: See ``areas_bonus``.
    areas_needed: int = 2
    #: Added to a list member's candidates of the kind its siblings are ("Ohio, Oklahoma and
    #: Washington": Washington is the state).
    list_bonus: float = 3.0
    #: Added to a town in a county the article writes with its word, and to the county
    #: ("Paris" and "Henry County": Paris, Tennessee, in Henry County, Tennessee).
    nested_bonus: float = 4.0
    #: A town nests in a county within the county's radius plus this much (km): GeoNames
    #: gives a county's centre and a rough radius.
    county_margin_km: float = 5.0
    #: Added to a town and to a state that holds it when the article reads the state's name
    #: as an area ("Albany" and "Georgia": Albany, Georgia, and the state, not the country).
    state_nested_bonus: float = 2.0
    #: A town nests in a state only when it has at least this share of the people of the
    #: largest place of its name (Cairo, Illinois, does not nest for "Cairo").
    namesake_share: float = 0.1
    #: Nor when the name is a capital or has a place of at least this many people: "Boston"
    #: beside New York stays Boston, Massachusetts.
    famous_population: int = 1_000_000
    #: A town named like the area around it is meant, for a bare name, when it holds at
    #: least this share of the area's people: "Tovuz", "Khizi" are the towns, "Quebec",
    #: "Oaxaca" the areas.
    town_share: float = 0.1
    #: A town lies in an area without a first-level code when within the area's radius, but
    #: never less than this (km): small areas' radii are rough.
    min_division_radius_km: float = 25.0

    # --------------------------------------------------------------------- thresholds
    #: First-pass scores at or above this are trusted as context for the second pass (with
    #: any name that has one candidate only).
    confident: float = 7.0
    #: Below this score a span's best place (a small, unrelated village) is dropped.
    min_score: float = 2.2
    #: A town smaller than this in a country nothing else in the article is in is taken
    #: for a word that only looks like it ("Kristina", the Finnish village Ristiina, in a
    #: story about a family in Illinois).
    stray_population: int = 20_000
    #: The same, for a town named by one of its alternate spellings only ("Ismaili").
    stray_alternate_population: int = 100_000

    # ------------------------------------------------------------------------- derived
    #: ``type_priors`` as a dict (derived, not compared).
    type_prior: dict[str, float] = field(init=False, repr=False, compare=False)
    #: Latitudes further apart than this (radians) put two points further apart than
    #: ``far_km``, with a margin (derived).
    far_lat: float = field(init=False, repr=False, compare=False)
    #: The key ``geomap.resolve`` keeps what it derives from a name's candidates under in
    #: ``Gazetteer.memo``: one per distinct settings (derived).
    memo_tag: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = {
            name: getattr(self, name)
            for name in (
                "country_weight", "admin1_weight", "near_weight", "far_weight",
                "dateline_weight", "areas_bonus", "list_bonus", "nested_bonus",
                "state_nested_bonus",
            )
        }  # fmt: skip
        negative = [name for name, value in weights.items() if value < 0]
        if negative:
            raise ValueError(f"resolver weights must not be negative: {', '.join(negative)}")
        if self.far_weight > self.near_weight or self.near_km > self.far_km:
            raise ValueError("nearness must not count more the further a point is")
        if not 0.0 <= self.small_place_share_scale <= 1.0:
            raise ValueError("small_place_share_scale must be within 0..1")
        object.__setattr__(self, "type_prior", dict(self.type_priors))
        object.__setattr__(self, "far_lat", (self.far_km + 1.0) / EARTH_RADIUS_KM)
        object.__setattr__(self, "memo_tag", f"resolve:{self!r}")


#: The settings ``geomap.resolve`` uses when it is given none.
RESOLVER_SETTINGS = ResolverSettings()
