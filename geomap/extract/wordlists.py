"""The word lists toponym recognition's rules read: titles, organisation heads, never-places…

Each list is data, not logic: the rules in ``geomap.extract.filters``,
``geomap.extract.find``, ``geomap.extract.tokens`` and ``geomap.extract.states`` only ask
whether a word is in one. Every list is a ``frozenset`` of lower-case words (``SAINTS``
and the state abbreviations are written as they appear in text), built once when the module
is imported. The note above each says what the list is for and where its entries came from.

Unless a note says otherwise the entries are hand-listed English words, written when the
rule that reads them was (the commit named in the note) and grown by reading the errors of
``geomap evaluate`` on the annotated corpora LGL (local US news) and GeoVirus (outbreak
news) and of ``geomap build`` on the Azerbaijani news sample in ``examples/``. A word added
to a list changes what is found: check the accuracy figures (BENCHMARKS.md) before and
after.

Examples
--------
>>> from geomap.extract.wordlists import TITLES, US_STATES
>>> "mayor" in TITLES
True
>>> US_STATES["GA"]
('Georgia', 'Ga')
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "ABBREVIATIONS",
    "AP_STATE_VARIANTS",
    "CONNECTORS",
    "DISEASE_WORDS",
    "DIVISION_WORDS",
    "FUNCTION_WORDS",
    "MODIFIERS",
    "NAMED_AFTER",
    "NEVER_PLACES",
    "ORG_HEADS",
    "SAINTS",
    "SPEECH_VERBS",
    "TITLES",
    "TITLE_ABBREVIATIONS",
    "US_STATES",
]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a frozenset."""
    return frozenset(text.split())


#: Lower-case words that may sit inside a multi-word place name ("Bay of Islands",
#: "Port-au-Prince", "Newcastle-under-Lyme", "Trinidad and Tobago"): a run of words looked
#: up in the gazetteer goes on through them but never ends at one. English, Romance,
#: Germanic, Slavic and Arabic articles and prepositions of GeoNames names (915e8a3; "the"
#: de0319b; French and others 1c287b7).
CONNECTORS = _words(
    """
    of de del della di da do dos das du des la le les el al am im an der den upon on sur
    en y and i the au aux los las lès zu ob nad pod under op aan
    """
)

#: Words after a place name that say it is an administrative area ("Absheron district",
#: "Tovuz Rayon"; before it in "the state of Washington"): they may continue a name's run,
#: are kept as a span's ``qualifier``, and after a place in a capitalised run are read as
#: an organisation head is. English names of the division types of GeoNames' admin1/admin2
#: levels, and their transliterations in the former Soviet Union (oblast, rayon, krai,
#: okrug) (915e8a3).
DIVISION_WORDS = _words(
    """
    district districts province region oblast rayon county parish state governorate
    prefecture municipality department canton voivodeship krai okrug territory
    """
)

#: Words that, after a place name in a capitalised sequence, make it an organisation's or
#: an office's name ("Texas Department of Health", "Ohio Supreme Court", "Gainesville
#: Police"): the place is kept only when modifiers alone come before it. The heads of
#: institution names in news (915e8a3; "house", "legislature" c2bebeb; local US offices and
#: institutions from LGL's errors — patrol, prosecutor, coroner, museum, zoo… c5036a8).
ORG_HEADS = _words(
    """
    group ministry organization organisation council committee commission agency party
    university college school bank company corporation inc ltd llc association federation
    forces army navy police department office court times post journal news herald tribune
    agreement convention treaty protocol accords accord institute foundation fund airlines
    airways club fc united hospital stadium summit declaration process format talks
    conference assembly parliament senate congress government administration service
    services centre center network radio television tv press mission embassy consulate
    company's house legislature patrol prosecutor prosecutors auditor coroner utilities
    society museum division census bureau board authority rangers ranger project library
    zoo theatre theater orchestra symphony chamber clerk treasurer assessor commissioner
    commissioners
    """
)

#: Organisation heads whose name only recalls a place ("OSCE Minsk Group", "Geneva
#: Conventions", "Washington Post"): the place is not mentioned as a place at all, whatever
#: comes before it. Peace processes, treaties, newspapers, airlines and sports clubs
#: (c2bebeb).
NAMED_AFTER = _words(
    """
    group agreement agreements convention conventions treaty protocol accords accord
    declaration process format talks summit times post journal herald tribune gazette
    globe chronicle fc united airlines airways club
    """
)

#: Lower-case words after a place that make it the name of a disease or a virus ("Marburg
#: virus", "West Nile fever", "Reston ebolavirus"), unless the place is a country ("the
#: United States flu season"). Words of outbreak news, as GeoVirus has it (de0319b;
#: hemorrhagic, ebolavirus, encephalitis 3900ae5).
DISEASE_WORDS = _words(
    """
    virus viruses fever flu influenza disease syndrome strain variant hemorrhagic
    haemorrhagic ebolavirus encephalitis
    """
)

#: Words that may sit before a place name without making a person's or an organisation's
#: name of it ("Northeast Georgia", "Greater London", "acting Mayor"): compass points,
#: "greater", "metro", "new", "former"… (c2bebeb).
MODIFIERS = _words(
    """
    north south east west northeast northwest southeast southwest northern southern
    eastern western central upper lower greater downtown metro metropolitan rural
    suburban inner outer new old acting former interim
    """
)

#: Words that, before a capitalised sequence, make it a person's name ("Minister Sergey",
#: "Mayor Jackson", "coach Nelson"), or after a place, an office of it ("U.S. Attorney").
#: "said", "says", "told" and "according" are here too: a name right after one is a
#: speaker's ("said Nelson"). Titles, ranks, offices and occupations of people quoted in
#: news, spelled out or shortened without a stop (915e8a3).
TITLES = _words(
    """
    mr mrs ms miss dr prof president minister secretary general spokesman spokeswoman
    spokesperson ambassador envoy senator sen rep gov governor mayor judge justice prince
    princess king queen pope sheikh chancellor premier chairman chairwoman chair director
    commander lt col capt sgt cpl officer coach rev father sister brother saint leader
    chief counterpart deputy colleague reporter correspondent analyst professor sir lord
    lady dame emir sultan ayatollah imam bishop archbishop cardinal patriarch mufti
    pastor detective inspector sheriff trooper attorney lawyer actor actress singer
    player striker midfielder defender goalkeeper manager ceo founder author writer
    editor said says told according
    """
)

#: Verbs of speech: a town right before one is a speaker ("Nelson said"), though a
#: capital, a country or a city of a million still speaks for its government. The verbs
#: that introduce quotes in LGL (9c651ee).
SPEECH_VERBS = _words("said says told added explained noted wrote recalled testified")

#: Titles and ranks written shortened with a full stop before a name ("Capt. Roy", "Sen.
#: Byrd", "Det. Smith"): the word after one is a person's. Civil titles and military and
#: police ranks as US news abbreviates them, mostly in AP style (3ba0a3a).
TITLE_ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof sen sens rep reps gov lt col capt sgt cpl gen maj adm cmdr det insp
    supt rev fr pres atty
    """
)

#: Name keys (``geomap.names.name_key``: lower case, no apostrophes) that are never places
#: on their own: months and days, pronouns and articles, contractions ("I've" is "ive"),
#: titles, compass words, religious and sporting names, and a few phrases ("White House",
#: "the capital") that name no place of their own in news. Hand-listed (915e8a3; titles
#: and compass words de0319b; contractions, month abbreviations and phrases f777773).
NEVER_PLACES = _words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday god lord christmas easter
    i we you he she it they the a an this that these those dr mr mrs ms prof gen sen rep
    gov lt col sgt capt north south east west northern southern eastern western central
    jan feb mar apr jun jul aug sep sept oct nov dec ive im ill id youve weve theyve
    olympic olympics jesus christ
    """
) | frozenset({"white house", "the city", "the state", "the country", "city hall", "the capital"})

#: Small words that may be capitalised at a sentence's start, or in a title, without
#: naming anything: they do not make a capitalised run a person's name and do not count as
#: content words of a Title Case line. English articles, pronouns, prepositions,
#: conjunctions, common adverbs and small numbers (b114b22).
FUNCTION_WORDS = _words(
    """
    the a an in on at from to of for by with and or but as since after before during when
    while if then so yet this that these those its his her their our my your it he she they
    we i you there here what which who whom whose both all some many most more also only
    even just still now today meanwhile however although though because between among
    across into over under near about against via per than no not every each other
    another such last next following according despite amid until unless where whether
    how why one two three
    """
)

#: Words written with a full stop that does not end a sentence ("Mr. Smith", "St. Louis",
#: "Jan. 5", "Acme Inc. said"): titles, saints and mountains, months, company suffixes
#: (915e8a3). A single letter with a stop (an initial) never ends one either.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr st mt ft gen col lt sgt capt gov sen rep jan feb mar apr jun jul aug sep
    sept oct nov dec no vs etc inc ltd co corp jr sr prof
    """
)

#: Words for "saint" as written before a name: "St. Peter's Square", "St. Mary's
#: Hospital" name a landmark after the saint, not a place (845a4cc). As written, with
#: their case.
SAINTS = frozenset({"St.", "St", "Saint", "Ste.", "Ste", "Sainte"})

#: US states and the District of Columbia by their postal code (USPS), with their name and
#: their AP Stylebook abbreviation without its final stop (``Ga``, ``W.Va``, ``D.C``; the
#: name itself for the states AP does not shorten), as news writes them after a town or a
#: legislator's party: "Gainesville, Ga.", "Charleston, W.Va.", "Austin, TX",
#: "Washington, D.C.", "Sen. John Cornyn, R-Texas" (8d76bf7; D.C. 10f7bb7).
US_STATES: MappingProxyType[str, tuple[str, str]] = MappingProxyType({
    "AL": ("Alabama", "Ala"), "AK": ("Alaska", "Alaska"), "AZ": ("Arizona", "Ariz"),
    "AR": ("Arkansas", "Ark"), "CA": ("California", "Calif"), "CO": ("Colorado", "Colo"),
    "CT": ("Connecticut", "Conn"), "DE": ("Delaware", "Del"), "FL": ("Florida", "Fla"),
    "GA": ("Georgia", "Ga"), "HI": ("Hawaii", "Hawaii"), "ID": ("Idaho", "Idaho"),
    "IL": ("Illinois", "Ill"), "IN": ("Indiana", "Ind"), "IA": ("Iowa", "Iowa"),
    "KS": ("Kansas", "Kan"), "KY": ("Kentucky", "Ky"), "LA": ("Louisiana", "La"),
    "ME": ("Maine", "Maine"), "MD": ("Maryland", "Md"), "MA": ("Massachusetts", "Mass"),
    "MI": ("Michigan", "Mich"), "MN": ("Minnesota", "Minn"), "MS": ("Mississippi", "Miss"),
    "MO": ("Missouri", "Mo"), "MT": ("Montana", "Mont"), "NE": ("Nebraska", "Neb"),
    "NV": ("Nevada", "Nev"), "NH": ("New Hampshire", "N.H"), "NJ": ("New Jersey", "N.J"),
    "NM": ("New Mexico", "N.M"), "NY": ("New York", "N.Y"), "NC": ("North Carolina", "N.C"),
    "ND": ("North Dakota", "N.D"), "OH": ("Ohio", "Ohio"), "OK": ("Oklahoma", "Okla"),
    "OR": ("Oregon", "Ore"), "PA": ("Pennsylvania", "Pa"), "RI": ("Rhode Island", "R.I"),
    "SC": ("South Carolina", "S.C"), "SD": ("South Dakota", "S.D"), "TN": ("Tennessee", "Tenn"),
    "TX": ("Texas", "Texas"), "UT": ("Utah", "Utah"), "VT": ("Vermont", "Vt"),
    "VA": ("Virginia", "Va"), "WA": ("Washington", "Wash"), "WV": ("West Virginia", "W.Va"),
    "WI": ("Wisconsin", "Wis"), "WY": ("Wyoming", "Wyo"), "DC": ("District of Columbia", "D.C"),
})  # fmt: skip

#: Abbreviations of states beside the AP ones of ``US_STATES`` (without their stops) that
#: news writes after a town: "Tex." for Texas, which AP spells out (8d76bf7).
AP_STATE_VARIANTS: MappingProxyType[str, str] = MappingProxyType({"Tex": "Texas"})
