"""The columns of geomap's tables: events and place mentions, as DataFrames, GeoJSON and CSV.

This module is the one place that names the columns; the event builder, the exporters, the
map and the benchmarks read them from here. An **event** is one thing that happened at one
place over one date range (ACLED / UCDP GED style); a **mention** is one resolved place name
in one article, whatever its role.

Coordinates are ``lat`` / ``lon`` columns in the tables; GeoJSON writes them as the
feature's ``[lon, lat]`` geometry (``geomap.export.lonlat``) and not as properties.

Multi-valued cells (``articles``, ``sources``, ``mentions``, ``fatalities_reported``) are
Python lists in the DataFrame, JSON arrays in GeoJSON and ``; ``-joined text in CSV.
"""

from __future__ import annotations

__all__ = [
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "MENTION_ROLES",
    "GEO_COLUMNS",
]

#: ``event_type`` values: ACLED's six event types in snake_case, then three of geomap's own
#: for what ACLED does not code. Value: the label the map and reports show.
EVENT_TYPES: dict[str, str] = {
    "battles": "Battles",
    "explosions_remote_violence": "Explosions / remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic_developments": "Strategic developments",
    "disaster": "Disaster",
    "accident": "Accident",
    "other": "Other",
}

#: ``sub_event_type`` values allowed under each ``event_type`` (ACLED's sub-event types in
#: snake_case; geomap's own under ``disaster``, ``accident`` and ``other``).
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "battles": (
        "armed_clash",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    ),
    "explosions_remote_violence": (
        "chemical_weapon",
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    ),
    "violence_against_civilians": ("sexual_violence", "attack", "abduction_forced_disappearance"),
    "protests": (
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
    ),
    "riots": ("violent_demonstration", "mob_violence"),
    "strategic_developments": (
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    ),
    "disaster": (
        "earthquake",
        "flood",
        "storm",
        "wildfire",
        "drought",
        "landslide",
        "volcanic_eruption",
        "tsunami",
        "epidemic",
        "other",
    ),
    "accident": ("collision", "derailment", "crash", "sinking", "fire", "explosion", "other"),
    "other": ("death", "ceremony", "election", "discovery", "announcement", "other"),
}

#: Place columns shared by events and mentions, in order (coordinates are ``lat``/``lon``).
GEO_COLUMNS: tuple[str, ...] = (
    "name",
    "country_code",
    "place_type",
    "place_id",
    "geonameid",
    "lat",
    "lon",
    "geo_precision",
    "radius_km",
)

#: Columns of the events table, in order. ``actor1_country``/``actor2_country`` hold an ISO
#: 3166-1 alpha-2 code when the actor is a state's forces or government, else are empty.
#: ``fatalities``/``wounded``: the lowest count the sources state for this event (None when
#: none states one); ``fatalities_reported``: every distinct fatality count reported.
#: ``confidence`` is in [0, 1].
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_type",
    "sub_event_type",
    *GEO_COLUMNS,
    "date",
    "date_end",
    "date_precision",
    "date_basis",
    "actor1",
    "actor1_country",
    "actor2",
    "actor2_country",
    "fatalities",
    "fatalities_reported",
    "wounded",
    "summary",
    "articles",
    "sources",
    "mentions",
    "confidence",
)

#: ``role`` values of a mention.
MENTION_ROLES: tuple[str, ...] = ("event", "dateline", "background", "reference")

#: Columns of the mentions table, in order: one row per resolved place mention. ``start``
#: and ``end`` are character offsets into the article's text; ``event_id`` is the event the
#: mention supports, if any.
MENTION_COLUMNS: tuple[str, ...] = (
    "mention_id",
    "article",
    "start",
    "end",
    "text",
    *GEO_COLUMNS,
    "role",
    "date",
    "date_end",
    "date_precision",
    "date_basis",
    "sentence",
    "source",
    "event_id",
)
