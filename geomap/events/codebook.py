# ruff: noqa: E501  (the codebook is tables of patterns: one a line reads best)
"""The event codebook: what reports an event (the cues, ``geomap.events.cues``) and what is not one.

A clause reports an event when one of the ``CUES`` matches it, none of the ``NOT_EVENTS``
patterns covers that match and the clause is not about what will, would or could happen,
or what someone calls for (``UNREAL``). The cues, ordered from the most specific to the
most general, and the table of what each type's are, live in ``geomap.events.cues``.

Not events (``NOT_EVENTS``): a cue inside one of these is no event — fighting fires or a
disease ("firefighters were fighting fires in Attica"), a verbal or figurative attack ("an
attack on his record", "a heart attack" — a death, not violence), strikes that are not
blows ("a strike price"), markets that crash or rally, shell companies, storms of
criticism, a "war of words", sports ("battle for the title", "shooting guard"), filming
("shooting footage"), rallies that are gatherings or races ("biker rally", "pep rally", "car
rally"), people who flood a place ("fans flooded the floor"), court news, which refers to
an earlier event ("charged with murder", "convicted of manslaughter in the death of", "rape
suspect to stand trial", "served six years for a robbery", "a prior conviction for
assault"), a drug test ("tested positive for marijuana"), a court that "overturned a
conviction", the end of a state ("declared the drought over"), an example cited, not
reported ("cases such as the double homicide in Harris County"), weapons named, not used
("protected from bullets and grenades"). ``UNREAL``: the clause says what is planned, decided, hoped for, feared
or demanded — "talks about a ceasefire next week", "called on the sides to stop the
fighting", "threatened to attack", "could face flooding", "decided to host a rally" — or
is history told as background ("arrested in France during World War Two"); a count in a
following sentence that is unreal ("as many as 1,100 may have died") is no event's count.
A model year after "struck" is a car ("struck a 2003 Honda Accord"), not an agreement.

``CAUSES``: a bare count of the dead ("were killed", "kills") in a sentence that names a
disaster or an accident takes that cause's type ("after the fires, when 100 people were
killed" is a wildfire; "fire kills man" an accident); in a sentence that names none, the
cause the article's title and lead name ("tsunami waves scoured the coasts…", then "More
than 300 were killed in Malaysia"). ``DISEASE``: "new cases", "confirmed
cases" are an epidemic only with a disease or infection word in the sentence or the
article's lead ("a court won't accept new cases" is none).

``RETYPES``: what the rest of an article says changes a type — an explosion in a story
about a bomb is a remote explosive, a fire in a story about arson is property destruction.

Background relative clauses (``RELATIVE``, ``MAIN_VERB``, ``RECENT``): a cue in a relative
clause on the subject ("Eighteen troops who fought and were wounded in Afghanistan and Iraq
are being tested for HIV", "the soldier, who served in Iraq, was honoured") tells the
subject's past, not what the article reports: the main clause is the happening (its own
cue, or none). The relative clause is news, and its cue stands, when it or the rest of the
clause states a count ("a bomb that killed six people exploded", "the gunman who opened
fire killed 12"), when it is about victims (``VICTIMS``: "the people who died were found
in their homes") or it is dated as recent ("the man who shot a clerk on Monday was
identified", "children who died in a recent fire").

``other`` cues make an event only when an article has no event of the other types (the
article's lead happening: "dies in Haifa", "Hugo Awards announced in Helsinki", "statue
unearthed at Angkor in Siem Reap Province"); statements, phone calls and talks are not
events (ACLED does not code them).
"""

from __future__ import annotations

from typing import NamedTuple

from geomap.events.cues import CUES, DISEASE, Cue

__all__ = [
    "Cue",
    "NotEvent",
    "Retype",
    "CUES",
    "NOT_EVENTS",
    "RETYPES",
    "UNREAL",
    "FALLBACK_TYPES",
    "MARITIME",
    "CAUSES",
    "GENERIC_KILLS",
    "DISEASE",
    "RELATIVE",
    "MAIN_VERB",
    "RECENT",
    "VICTIMS",
]


class Retype(NamedTuple):
    """An event typed ``event_type``/``sub_event_type`` in an article whose text matches
    ``pattern`` (lower case) is ``new_type``/``new_sub_type``: the article says what the
    clause does not ("an explosion" in a story about a bomb)."""

    event_type: str
    sub_event_type: str
    pattern: str
    new_type: str
    new_sub_type: str


class NotEvent(NamedTuple):
    """A phrase in which a cue does not report an event (``keys`` as for ``Cue``)."""

    keys: tuple[str, ...]
    pattern: str
    note: str


#: Phrases in which a cue does not report an event.
NOT_EVENTS: tuple[NotEvent, ...] = (
    NotEvent(("quake", "flood", "fire", "storm", "hurricane", "drought", "tsunami", "outbreak", "epidemic", "disaster"),
             r"\b(?:earthquake|quake|flood|wildfire|fire|storm|hurricane|drought|tsunami|outbreak|epidemic|"
             r"disaster)s? (?:aid|relief|prevention|insurance|season|risk|warnings?|preparedness|funds?|"
             r"response plans?|drills?|defen[cs]es|barriers?|protection|management|policy|policies|"
             r"reconstruction|recovery plans?)\b", "wildfire aid, flood prevention"),
    NotEvent(("fight", "fought", "battl", "combat"),
             r"\b(?:fight(?:ing|s)?|fought|battl(?:e|ed|ing)|combat(?:ing|ed)?) (?:to (?:contain|control|put out) )?"
             r"(?:the |a |an |against )?(?:\w{1,20} )?(?:fires?|blazes?|flames|wildfires?|disease|virus|viruses|"
             r"outbreak|epidemic|pandemic|cancer|corruption|crime|poverty|inflation|climate|obesity|"
             r"addiction|illness|infection|odds|title|championship|cup|trophy|relegation|seat|nomination|"
             r"election|bill|law|ruling|charges?|case|lawsuit|custody)\b", "fighting fires, a disease, a case"),
    NotEvent(("quake", "tremor", "shaking", "felt"),
             r"\b(?:(?:earth)?quakes?|tremors?|shaking|it) (?:was |were |could be )?felt\b",
             "tremors felt far away (the quake is where it struck)"),
    NotEvent(("firefight", "fighting"), r"\bfirefighters?\b|\bfirefighting\b|\b(?:flood|fire|crime|disease|drug|"
             r"poverty|bush|wildfire)[- ]fighting\b", "firefighters, flood-fighting"),
    NotEvent(("attack",), r"\b(?:heart|panic|asthma|verbal|personal|political|cyber|ransomware|shark|dog) ?attacks?\b|"
             r"\battack(?:s|ed)? (?:on|against) (?:his|her|their|my|our|your|its) "
             r"(?:record|character|policy|policies|credibility|integrity|views|comments|remarks|plan|decision|"
             r"leadership|reputation|judgment|opponent|rival)", "an attack on his record; a heart attack"),
    NotEvent(("strike", "struck"), r"\bstrike (?:price|rate|zone)\b|\bstruck (?:a |an )?(?:deal|chord|balance|note)\b",
             "a strike price, struck a deal"),
    NotEvent(("struck", "hit ", "rear-ended"), r"\b(?:struck|hit|rear-ended) (?:a |an |the )?(?:19|20)\d\d (?:[\w-]{1,20} ){0,2}?"
             r"(?:accord|deal|agreement)?", "struck a 2003 Honda Accord: a car's model year, no agreement"),
    NotEvent(("crash", "rall", "plunge"), r"\b(?:market|stock|shares?|prices?|currency|dollar|index|bonds?|economy|"
             r"stocks|markets|oil|gold|bitcoin|ratings?|website|server|system|computer|app) "
             r"(?:crash(?:ed|es)?|rall(?:y|ied|ies))\b|\b(?:stock|market|price) crash", "markets crash or rally"),
    NotEvent(("shell",), r"\bshell (?:compan(?:y|ies)|corporations?|firms?|game)|\bshells? out\b|\bshell oil\b|"
             r"\broyal dutch shell\b|\bshell (?:plc|petroleum)\b|\bshell-shocked\b", "shell companies, Shell"),
    NotEvent(("storm",), r"\bstorm of (?:criticism|protest|controversy|outrage)|\bbrainstorm|\bstormed (?:to|into) "
             r"(?:victory|the lead|power)", "a storm of criticism"),
    NotEvent(("war", "battle", "fight"), r"\b(?:war|battle|fight) of words\b|\b(?:legal|court|custody|political|"
             r"bidding|price|turf|ratings|culture|trade|tariff|budget|uphill|internal|leadership) (?:battles?|wars?|fights?)\b",
             "a war of words, a legal battle"),
    NotEvent(("shoot", "shot"), r"\bshooting (?:a |the )?(?:film|movie|video|scene|season|guard|star|"
             r"percentage|range|footage|photos?|pictures|hoops|baskets|documentary|commercial|episode|pilot)|\bphoto ?shoot|\bshot (?:at (?:the )?(?:title|presidency|goal|glory)|"
             r"a film|a video)|\bbig shot", "shooting a film; sports"),
    NotEvent(("offensive",), r"\boffensive (?:remarks?|comments?|language|words|tweets?|posts?|jokes?|"
             r"line|coordinator|player|rebounds?|tackle)|\b(?:charm|diplomatic|media|pr|legal) offensive",
             "offensive remarks, a charm offensive"),
    NotEvent(("rall", "march"), r"\b(?:rallied (?:to|behind|around|support|from)|rally(?:ing)? (?:support|behind|"
             r"around|cry|driver|car)|march(?:ed)? (?:madness|in step|toward victory))", "rallying support"),
    NotEvent(("rall",), r"\b(?:biker|bikers|motorcycle|motorbike|bike|car|truck|jeep|harley|classic car|pep|"
             r"festival|music|youth|scout|charity|fundraising|fun|rock|gospel)s? rall(?:y|ies)\b|"
             r"\brall(?:y|ies) (?:race|racing|stage|championship|team)",
             "a biker rally, a pep rally, a car rally: a gathering or a race, no protest"),
    NotEvent(("charge", "convict", "indict", "accused", "sentenc", "trial", "suspect", "guilty", "served",
              "manslaughter", "murder", "homicide"),
             r"\b(?:charged with|charged in|charges? of|convicted of|convictions? for|indicted (?:on|for)|accused of|"
             r"sentenced (?:for|to \w{1,10} years for)|trial (?:for|in)|suspects? in|suspected (?:of|in)|"
             r"pleaded guilty to|served (?:\w{1,10} ){1,6}for) (?:\w{1,20} ){0,5}?(?:murders?|assault(?:ing)?|"
             r"robber(?:y|ies)|homicides?|rapes?|raping|kidnapping|killings?|shootings?|stabbing|"
             r"manslaughter|death|abduction|attack(?:ing)?)\b(?: in the deaths? of)?|"
             r"\b(?:murder|rape|homicide|robbery|assault|kidnapping|drowning|shooting|manslaughter|"
             r"stabbing) (?:suspects?|trials?|charges?|convictions?)\b|\bsuspect(?:ed)? (?:\w{1,20} ){0,2}?to stand trial|"
             r"\b(?:convicted|charged|sentenced|sentencing|trial|manslaughter|murder|homicide) "
             r"(?:\w{1,20} ){0,4}?in the deaths? of",
             "charged with murder, a rape suspect to stand trial: court news refers to an earlier event"),
    NotEvent(("protest",), r"\b(?:under|in) protest\b|\bprotest(?:ed|s)? (?:his|her|their) innocence",
             "under protest"),
    NotEvent(("flood",), r"\b(?:fans|crowds?|people|supporters|visitors|shoppers|students|tourists|"
             r"customers|spectators|pilgrims|volunteers|calls|letters|emails) (?:have |had )?flood(?:ed|ing)?\b",
             "fans flooded the gym floor: people, not water"),
    NotEvent(("flood",), r"\bflood(?:ed|ing|s)? (?:of|with) (?:calls|messages|requests|applications|emails|"
             r"complaints|orders|tweets|offers|imports|refugees|migrants|money|cash|goods)|\bfloodgates\b|"
             r"\bflooded (?:the|with) (?:market|internet|social media)", "a flood of calls"),
    NotEvent(("erupt",), r"\berupted (?:in|into) (?:applause|cheers|laughter|celebration|chaos|anger|protest)|"
             r"\b(?:row|dispute|scandal|controversy|argument|debate|violence|fighting|clashes?) erupted",
             "a row erupted (the clash is the event)"),
    NotEvent(("explo",), r"\b(?:popularity|population|demand|growth|sales|numbers?|costs?|interest) "
             r"(?:explo(?:ded|sion))|\bexplosi(?:ve|on) (?:growth|popularity|rise|increase|allegations|report|claims)",
             "explosive growth"),
    NotEvent(("execut",), r"\bexecuted (?:a |an |the )?(?:plan|order|warrant|contract|trade|deal|search|strategy)|"
             r"\bexecutions? of (?:the )?(?:plan|order|warrant|contract|strategy)", "executed a plan"),
    NotEvent(("be held", "be announced", "be presented", "award"), r"\b(?:will|to) be (?:held|announced|presented)|\baward(?:ed)? (?:a |the )?contract",
             "awards to come; a contract awarded"),
    NotEvent(("case",), r"\bcases? (?:of|against) (?:fraud|corruption|abuse|theft|murder|misconduct|"
             r"discrimination|harassment)|\b(?:court|legal|criminal|civil) cases?", "court cases"),
    NotEvent(("arrest", "detain"), r"\bcardiac arrest|\barrest(?:ed)? (?:the |a )?(?:decline|slide|fall|spread|growth)",
             "cardiac arrest"),
    NotEvent(("blast",), r"\bblast(?:ed|s|ing)? (?:the |his |her |their )?(?:government|decision|ruling|plan|"
             r"critics|opponents|policy|move|media|report)", "blasted the decision"),
    NotEvent(("tested positive",), r"\btested positive for (?:\w{1,12} )?(?:marijuana|cannabis|cocaine|heroin|"
             r"methamphetamine|meth|amphetamines?|opiates?|drugs?|alcohol|steroids|a banned substance|"
             r"banned substances|doping|thc)\b", "tested positive for marijuana: a drug test, no infection"),
    NotEvent(("overturn",), r"\boverturn(?:ed|s|ing)? (?:a |an |the |his |her |their |its )?(?:[\w'’-]{1,20} ){0,4}?"
             r"(?:convictions?|rulings?|verdicts?|decisions?|sentences?|bans?|laws?|elections?|results?|"
             r"orders?|vetoe?s?)\b", "overturned a conviction: a court's ruling, no rollover"),
    NotEvent(("drought", "outbreak", "epidemic", "flood"),
             r"\b(?:declared|pronounced) (?:the )?(?:drought|outbreak|epidemic|flood emergency|flooding) "
             r"(?:\w{1,20} ){0,2}?(?:over|ended|at an end)\b|"
             r"\b(?:drought|outbreak|epidemic)s? (?:is|was|has been|had been|were|are) (?:\w{1,12} )?"
             r"(?:over|ended|lifted)\b|\bend(?:ed)? (?:of )?the (?:drought|outbreak|epidemic)\b|"
             r"\b(?:drought|outbreak|flood)[- ]free\b",
             "the drought declared over, drought-free: the end of a state, not the state"),
    NotEvent(("such as", "like", "including"),
             r"\b(?:cases|crimes|incidents|tragedies|disasters|events|investigations|killings|"
             r"attacks|shootings|accidents|crashes|fires) (?:such as|like|including) [^;:]{1,120}",
             "cases such as the double homicide in Harris County: an example cited, not reported"),
    NotEvent(("served", "serving", "prior", "previous", "earlier"),
             r"\b(?:served|serving|previously served|had served) (?:\w{1,12} ){1,8}?for [^;:]{1,100}|"
             r"\b(?:prior|previous|earlier) (?:convictions?|arrests?|records?) (?:for|of) [^;:]{1,60}",
             "served six years for assault during an armed robbery: a criminal record, not news"),
    NotEvent(("grenade",), r"\b(?:from|against|of) (?:bullets|gunfire|shrapnel) and grenades\b|"
             r"\bgrenade launchers?\b", "protected from bullets and grenades: weapons named, none used"),
)  # fmt: skip

#: A bare count of the dead ("were killed", "kills") in a sentence that names a disaster or
#: an accident is that cause's ("after the fires, when 100 people were killed", "fire kills
#: man"): the first pattern found gives the type. Plural "fires" without a building are
#: wildfires; a single fire or blaze is an accident.
GENERIC_KILLS: str = r"(?:was|were|been) killed|kills"
CAUSES: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?)\b", "disaster", "earthquake"),
    (r"\btsunamis?\b", "disaster", "tsunami"),
    (r"\b(?:floods?|flooding|floodwaters|flash floods?)\b", "disaster", "flood"),
    (r"\b(?:land ?slides?|mudslides?|avalanches?)\b", "disaster", "landslide"),
    (
        r"\b(?:hurricanes?|typhoons?|cyclones?|tornado(?:es|s)?|blizzards?|storms?)\b",
        "disaster",
        "storm",
    ),
    (r"\b(?:wildfires?|bush ?fires?|forest fires?|brush ?fires?)\b", "disaster", "wildfire"),
    (
        r"\b(?:house|home|building|apartment|basement|trailer|kitchen|garage|hotel|factory|club) (?:fires?|blaze)\b",
        "accident",
        "fire",
    ),
    (
        r"(?<!opened )(?<!open )(?<!returned )(?<!under )\bfires\b(?! (?:on|at|shots|rounds))",
        "disaster",
        "wildfire",
    ),
    (
        r"(?<!opened )(?<!open )(?<!returned )(?<!under )\b(?:fire|blaze)\b(?! (?:on|at|shots|rounds))",
        "accident",
        "fire",
    ),
    (r"\b(?:derail(?:ed|ment))\b", "accident", "derailment"),
    (r"\b(?:crash(?:ed|es)?|collisions?|collided|wrecks?|pile-?ups?)\b", "accident", "collision"),
    (r"\b(?:accidents?|accidentally|accidental)\b", "accident", "other"),
)

#: What the rest of an article tells about an event its clause typed.
RETYPES: tuple[Retype, ...] = (
    Retype("accident", "explosion", r"\b(?:bombs?|bombers?|explosive devices?|ieds?|detonat\w*|grenades?)\b",
           "explosions_remote_violence", "remote_explosive_landmine_ied"),
    Retype("accident", "fire", r"\b(?:arson\w*|set (?:the |a )?fires?|set fire|set ablaze|torched|firebomb\w*)\b",
           "strategic_developments", "looting_property_destruction"),
)  # fmt: skip

#: A clause about what is planned, hoped for, feared, threatened or demanded: no event.
UNREAL: str = (
    r"\b(?:will|would|could|might|may (?:have|be|not)|shall|should|must|can|plans? to|planned|intends? to|"
    r"decided to|decides to|deciding to|voted to|hopes? to|hoping to|aims? to|seeks? to|wants? to|to host|"
    r"(?:is|are|was|were) (?:expected|scheduled|due|set|going|about|poised) to|to be held|"
    r"next (?:meeting|round|talks|week|month|year)|tomorrow|threaten(?:s|ed|ing)? to|if|unless|"
    r"called (?:on|for|upon)|calls? (?:on|for|upon)|calling (?:on|for)|urg(?:ed|es|ing)|demand(?:ed|s|ing)|"
    r"appeal(?:ed|s)? (?:to|for)|warn(?:ed|s|ing)? (?:of|that|against)|fears? (?:of|that)|risk of|"
    r"(?:to|in order to) (?:stop|end|halt|prevent|avoid|resume|restore|cease)|(?:stop|end|halt|prevent|avoid) the|"
    r"talks? (?:on|about|over)|negotiat(?:e|ions?|ing) (?:on|about|over|a|the)|possible|potential|"
    r"hypothetical|prepar(?:e|ing) for|in case of|would-be|alleged plot|plot(?:ted)? to|aimed at|"
    r"ban(?:s|ned)? on|rules? (?:on|for)|law on|bill on|drills?|exercises?|simulat(?:ed|ion)|"
    r"anniversary|film|movie|novel|video game|"
    # a place described by its past: "near the site of the country's last mass lynching"
    r"(?:site|scene) of (?:the |a |an )?(?:[\w'’-]+'s |[\w'’-]+’s )?(?:last|first|worst|deadliest|biggest|"
    r"largest|infamous|notorious|historic|former|famous)|"
    # history told as background, not news
    r"(?:world war (?:one|two|i|ii|1|2)|(?:first|second) world war|holocaust|cold war|soviet era))\b"
)

#: Sub-types whose place may be a sea or an ocean (they happen there).
MARITIME: frozenset[str] = frozenset(
    {"sinking", "tsunami", "storm", "earthquake", "collision", "crash"}
)

#: Event types an article's events take only when it has none of the others.
FALLBACK_TYPES: frozenset[str] = frozenset({"other"})

#: A relative pronoun, lower case: "troops who", "the storm, which", "a bomb that" ("that"
#: only right before a verb: "said that two men" is no relative clause;
#: ``geomap.events.find`` reads the word before, which must end a noun phrase: not "said
#: who", "in which").
RELATIVE: str = (
    r"\b(?:who|which|that(?= (?:is|are|was|were|has|have|had|[a-z]+ed|fought|struck|hit|shot|sank|"
    r"broke|blew|tore|swept|took|left|caught|ran|fell|began|went|came|brought)\b)) "
)
#: The main clause's verb after a relative clause on its subject: an auxiliary or a past
#: tense ("…in Afghanistan and Iraq are being tested", "a bomb that killed six people
#: exploded"), after a content word (``geomap.events.find`` reads the word before: after
#: "and", "or", a pronoun or an auxiliary it is the relative clause's own, "who fought and
#: were wounded", "who was wounded").
MAIN_VERB: str = r" (?:is|are|was|were|has|have|had|remains?|remained|[a-z]{3,}ed)\b"
#: A relative clause about victims, news: its own verb is their death, wound or infection
#: ("the people who died were found in their homes", "the number of people that have been
#: killed … has increased to 19"); "who fought and were wounded" tells a past, not victims.
VICTIMS: str = (
    r"(?:who|which|that) (?:(?:have|has|had) )?(?:(?:been|were|was|are|is) )?(?:[a-z]+ly )?"
    r"(?:killed|died|dead|injured|wounded|hurt|shot|stabbed|drowned|perished|infected|"
    r"sickened|fell ill|became ill)\b"
)
#: A time that makes a relative clause news: a day, "yesterday", "last night", a date,
#: "recent".
RECENT: str = (
    r"\b(?:recent|recently|(?:on |last |this |early |late )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|yesterday|today|tonight|overnight|last (?:night|week|weekend|month)|"
    r"this (?:morning|afternoon|evening|week|weekend|month)|earlier (?:today|this)|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"may \d{1,2}\b)"
)
