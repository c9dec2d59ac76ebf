from geomap.names import az_english, is_latin_name, name_key


def test_name_key_folds_case_diacritics_dashes_and_dots():
    assert name_key("Nagorno-Karabakh") == name_key("Nagorno Karabakh") == "nagorno karabakh"
    assert name_key("U.S.") == "us"
    assert name_key("  São   Paulo ") == "sao paulo"
    assert name_key("Stepʻanakert") == "stepanakert"
    assert name_key("Xızı") == "xizi"


def test_azerbaijani_english_transliteration():
    assert name_key(az_english("Abşeron")) == "absheron"
    assert name_key(az_english("Xızı")) == "khizi"
    assert name_key(az_english("Gəncə")) == "ganja"
    assert name_key(az_english("Mingəçevir")) == "mingachevir"


def test_latin_script_detection():
    assert is_latin_name("Gəncə")
    assert is_latin_name("Zürich")
    assert not is_latin_name("Москва")
    assert not is_latin_name("123")
