# ruff: noqa: E501  (the codebook is tables of cues: one cue a line reads best)
"""The event codebook: the cues that report each event type and sub-type, and what is not an event.

The types are ACLED's six (``battles``, ``explosions_remote_violence``,
``violence_against_civilians``, ``protests``, ``riots``, ``strategic_developments``) plus
``disaster``, ``accident`` and ``other`` (``geomap.schema.EVENT_TYPES``); the sub-types are
``geomap.schema.SUB_EVENT_TYPES``. A clause reports an event when one of the cues below
matches it, none of the ``NOT_EVENTS`` patterns covers that match and the clause is not
about what will, would or could happen, or what someone calls for (``UNREAL``). When a
clause matches several cues, the first in ``CUES`` order wins: the table is ordered from
the most specific to the most general.

==============================  =====================================  =========================================
event_type                      sub_event_type                         cues (examples)
==============================  =====================================  =========================================
explosions_remote_violence      suicide_bomb                           suicide bomber, suicide bombing / attack
explosions_remote_violence      chemical_weapon                        chemical attack, gas attack, sarin
explosions_remote_violence      air_drone_strike                       air strike, airstrike, air raid, drone
                                                                       strike, warplanes bombed
explosions_remote_violence      shelling_artillery_missile_attack      shelling, shelled, artillery fire,
                                                                       missile attack, rockets hit, mortar fire
explosions_remote_violence      remote_explosive_landmine_ied          car / roadside bomb, IED, landmine,
                                                                       bombing, bomb exploded
explosions_remote_violence      grenade                                grenade attack, grenade thrown
riots                           violent_demonstration                  riot, rioters, protesters clashed / threw
                                                                       stones / torched
riots                           mob_violence                           mob attacked, lynched
protests                        excessive_force_against_protesters     opened fire on protesters, protesters
                                                                       killed
protests                        protest_with_intervention              tear gas, water cannon, rubber bullets,
                                                                       police dispersed
protests                        peaceful_protest                       protest(ers), demonstration, rally,
                                                                       marched, sit-in, went on strike
battles                         government_regains_territory           recaptured, retook, liberated, regained
                                                                       control
battles                         non_state_actor_overtakes_territory    seized / captured / overran the town
battles                         armed_clash                            clashes, fighting, fierce battles, hostilities,
                                                                       offensive, ambush, firefight, attack on
                                                                       positions
explosions_remote_violence      shelling_artillery_missile_attack      artillery, mortars, as the only cue (an
                                                                       attack "using artillery" is a battle)
violence_against_civilians      abduction_forced_disappearance         abducted, kidnapped, taken hostage
violence_against_civilians      sexual_violence                        raped, sexual assault
violence_against_civilians      attack                                 shot dead, gunned down, massacre, stabbed,
                                                                       gunman opened fire, shooting, robbery,
                                                                       beaten to death, homicide, were killed
strategic_developments          agreement                              signed / reached a ceasefire, truce took
                                                                       effect, peace deal signed
strategic_developments          arrests                                arrested, detained, taken into custody
strategic_developments          change_to_group_activity               martial law, curfew, state of emergency,
                                                                       mobilisation
strategic_developments          disrupted_weapons_use                  intercepted / shot down a missile or
                                                                       drone, defused
strategic_developments          looting_property_destruction           looted, looting, vandalised, torched
strategic_developments          other                                  met, talks were held, held a meeting,
                                                                       convened (face to face; not a call)
disaster                        earthquake                             earthquake, quake, tremor, aftershock
disaster                        tsunami                                tsunami
disaster                        volcanic_eruption                      volcano erupted, eruption
disaster                        flood                                  flood(s/ing), flash flood
disaster                        landslide                              landslide, mudslide, avalanche
disaster                        storm                                  hurricane, typhoon, cyclone, tornado,
                                                                       blizzard, storm hit / struck / killed
disaster                        wildfire                               wildfire, bushfire, forest fire
disaster                        drought                                drought
disaster                        epidemic                               outbreak, epidemic, confirmed cases,
                                                                       tested positive, died of the virus; a
                                                                       disease's cases or deaths (this cue comes
                                                                       before the violent types: "died of
                                                                       cholera" is no attack)
accident                        derailment                             derailed, derailment
accident                        sinking                                sank, capsized, sinking of a boat
accident                        collision                              collided, collision, pile-up
accident                        crash                                  plane / helicopter crash, crash-landed
accident                        collision                              car / bus / road crash, crashed, slammed
                                                                       into
accident                        collision                              car / traffic accident, wreck, struck by a
                                                                       car, rollover
accident                        fire                                   fire broke out, blaze, house fire,
                                                                       gutted by fire
accident                        explosion                              explosion, blast, exploded (no bomb)
accident                        other                                  drowned, collapsed, electrocuted
other                           death                                  died, dies, passed away, found dead
other                           election                               election held, voters went to the polls,
                                                                       referendum, was elected
other                           discovery                              unearthed, excavated, discovered
other                           ceremony                               ceremony, awards, festival, funeral,
                                                                       inauguration, celebrated
other                           announcement                           was announced, was unveiled, was opened
==============================  =====================================  =========================================

Not events (``NOT_EVENTS``): a cue inside one of these is no event — fighting fires or a
disease ("firefighters were fighting fires in Attica"), a verbal or figurative attack ("an
attack on his record", "a heart attack" — a death, not violence), strikes that are not
blows ("a strike price"), markets that crash or rally, shell companies, storms of
criticism, a "war of words", sports ("battle for the title", "shooting guard"), filming
("shooting footage"), rallies that are gatherings or races ("biker rally", "pep rally", "car
rally"), people who flood a place ("fans flooded the floor"), court news, which refers to
an earlier event ("charged with murder", "convicted of manslaughter in the death of", "rape
suspect to stand trial", "served six years for a robbery"). ``UNREAL``: the clause says what is planned, decided, hoped for, feared
or demanded — "talks about a ceasefire next week", "called on the sides to stop the
fighting", "threatened to attack", "could face flooding", "decided to host a rally" — or
is history told as background ("arrested in France during World War Two"); a count in a
following sentence that is unreal ("as many as 1,100 may have died") is no event's count.
A model year after "struck" is a car ("struck a 2003 Honda Accord"), not an agreement.

``CAUSES``: a bare count of the dead ("were killed", "kills") in a sentence that names a
disaster or an accident takes that cause's type ("after the fires, when 100 people were
killed" is a wildfire; "fire kills man" an accident). ``DISEASE``: "new cases", "confirmed
cases" are an epidemic only with a disease or infection word in the sentence or the
article's lead ("a court won't accept new cases" is none).

``RETYPES``: what the rest of an article says changes a type — an explosion in a story
about a bomb is a remote explosive, a fire in a story about arson is property destruction.

``other`` cues make an event only when an article has no event of the other types (the
article's lead happening: "dies in Haifa", "Hugo Awards announced in Helsinki", "statue
unearthed at Angkor in Siem Reap Province"); statements, phone calls and talks are not
events (ACLED does not code them).
"""

from __future__ import annotations

from typing import NamedTuple

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
]


class Cue(NamedTuple):
    """One cue of the codebook.

    ``keys`` are literal lower-case strings, one of which every match holds (a cheap scan
    finds them before the pattern runs); ``pattern`` is matched on the lower-cased clause;
    ``weight`` in (0, 1] is how surely the cue reports that type (the event's confidence
    starts from it).
    """

    event_type: str
    sub_event_type: str
    keys: tuple[str, ...]
    pattern: str
    weight: float


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


_PEOPLE = (
    r"(?:protesters|demonstrators|rioters|crowds?|youths|mobs?|fans|supporters|students|"
    r"residents|villagers|workers)"
)
_BUILDING = (
    r"(?:house|home|building|apartment|flat|factory|plant|hotel|warehouse|market|hospital|"
    r"school|church|mosque|temple|restaurant|club|bar|shop|store|mall|office|tower|"
    r"high-rise|nightclub|prison|train|bus|ship|boat|ferry|forest|brush|bush|grass)"
)

_DISEASE = (
    r"(?:h\d{1,2}n\d{1,2}|swine flu|bird flu|avian (?:flu|influenza)|flu|influenza|cholera|ebola|measles|"
    r"plague|malaria|dengue|tuberculosis|polio|meningitis|typhoid|anthrax|rabies|hepatitis|"
    r"pertussis|whooping cough|mad cow|bse|foot-and-mouth|bluetongue|sars|mers|zika|hiv|aids|"
    r"salmonella|e\. coli|listeria|norovirus|chikungunya|yellow fever|encephalitis|diphtheria|"
    r"mumps|legionnaires|coronavirus|covid(?:-19)?|virus|disease|infection|outbreak|epidemic)"
)
_CASE = (
    r"(?:cases?|died|dies|deaths?|killed|infected|infections?|tested positive|confirmed|"
    r"contracted|diagnosed|sickened|fell ill|fallen ill|victims?|patients?|spread|broke out|"
    r"outbreak|epidemic)"
)

#: A disease or infection word: "new cases" report an epidemic only with one in the sentence
#: or the article's lead ("a court won't accept new cases" is no epidemic).
DISEASE: str = r"\b" + _DISEASE + r"\b"

#: The codebook, most specific first (the first cue a clause matches gives its type).
CUES: tuple[Cue, ...] = (
    # -- explosions / remote violence
    Cue("explosions_remote_violence", "suicide_bomb", ("suicide",),
        r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attacks?|blasts?|car bomb|vest)", 0.9),
    Cue("explosions_remote_violence", "chemical_weapon", ("chemical", "gas attack", "sarin", "chlorine"),
        r"\b(?:chemical (?:attacks?|weapons? attacks?)|(?:poison )?gas attacks?|sarin|chlorine (?:gas|attacks?))\b", 0.8),
    Cue("explosions_remote_violence", "air_drone_strike", ("air", "drone", "warplane", "jet", "helicopter"),
        r"\b(?:air ?strikes?|air[- ]raids?|aerial (?:bombing|bombardment|attacks?)|"
        r"drone (?:strikes?|attacks?)|drones? (?:struck|hit|attacked|targeted|slammed)|"
        r"(?:warplanes?|fighter jets?|jets|helicopter gunships?) (?:bombed|struck|hit|attacked|pounded))", 0.9),
    Cue("explosions_remote_violence", "shelling_artillery_missile_attack",
        ("shell", "artiller", "mortar", "missile", "rocket", "barrage", "bombard"),
        r"\b(?:shell(?:ing|ed|s)\b|artillery (?:fire|attacks?|strikes?|shells?|barrages?)|"
        r"mortar (?:fire|attacks?|shells?|rounds?)|missile (?:attacks?|strikes?)|"
        r"missiles? (?:hit|struck|landed|slammed)|rocket (?:attacks?|fire|strikes?)|"
        r"rockets? (?:hit|struck|landed|slammed)|fired (?:rockets|missiles|mortars|shells)|"
        r"barrages?\b|bombard(?:ed|ment|ing))", 0.85),
    Cue("explosions_remote_violence", "remote_explosive_landmine_ied",
        ("bomb", "ied", "explosive", "landmine", "land mine"),
        r"\b(?:(?:car|roadside|truck|bicycle|motorcycle|parcel|nail|pipe|time) bombs?|\bieds?\b|"
        r"improvised explosive|explosive device|land ?mines?|bomb (?:blasts?|attacks?|exploded|went off|"
        r"explosions?|killed|ripped)|bombings?\b|bombs? (?:exploded|went off|killed|detonated|hit|struck)|"
        r"was bombed|were bombed)", 0.85),
    Cue("explosions_remote_violence", "grenade", ("grenade",),
        r"\bgrenades?\b", 0.8),
    # -- a disease's cases or deaths (before the violent types' bare "killed", "died")
    Cue("disaster", "epidemic",
        ("flu", *(f"h{d}n" for d in range(10)), "cholera", "ebola", "measles", "plague", "malaria", "dengue", "tubercul",
         "polio", "mening", "typhoid", "anthrax", "rabies", "hepatitis", "pertussis", "whooping", "mad cow",
         "bse", "foot-and-mouth", "bluetongue", "sars", "mers", "zika", "hiv", "aids", "salmonella",
         "coli", "listeria", "norovirus", "chikungunya", "yellow fever", "encephalitis", "diphtheria",
         "mumps", "legionnaires", "virus", "disease", "infect", "outbreak", "epidemic"),
        r"\b(?:" + _DISEASE + r"\b[^.;]{0,60}?\b" + _CASE + r"\b|" + _CASE + r"\b[^.;]{0,60}?\b"
        + _DISEASE + r"\b)", 0.75),
    # -- riots (before battles: protesters who clash are rioting)
    Cue("riots", "violent_demonstration", ("riot", "clash", "threw", "hurled", "torch", "stormed", "set fire", "fought", "attacked", "smashed"),
        r"\b(?:riot(?:s|ed|ing|ers)?\b|" + _PEOPLE + r" (?:clashed|fought|threw|hurled|torched|"
        r"set fire|stormed|attacked|smashed)|clash(?:es)? between " + _PEOPLE + r")", 0.8),
    Cue("riots", "mob_violence", ("mob", "lynch", "vigilante"),
        r"\b(?:mobs? (?:attacked|beat|killed|torched|burned|lynched|stormed)|lynch(?:ed|ing)\b|vigilantes?\b)", 0.75),
    # -- protests
    Cue("protests", "excessive_force_against_protesters", ("protest", "demonstrat"),
        r"\b(?:(?:opened fire on|shot|killed) (?:the )?(?:protesters|demonstrators)|"
        r"(?:protesters|demonstrators) (?:were )?(?:shot|killed))", 0.85),
    Cue("protests", "protest_with_intervention", ("tear gas", "teargas", "water cannon", "rubber bullet", "dispers"),
        r"\b(?:tear ?gas|water cannons?|rubber bullets|dispersed (?:the )?(?:protest|demonstrat|crowd|rall))", 0.8),
    Cue("protests", "peaceful_protest", ("protest", "demonstrat", "rall", "march", "sit-in", "strike", "vigil"),
        r"\b(?:protest(?:s|ed|ers|ing)?\b|demonstrat(?:ion|ions|ors|ed)\b|rall(?:y|ies|ied)\b|"
        r"marched\b|sit-ins?\b|general strike|went on strike|hunger strike|strikers\b|on strike\b|"
        r"(?:candlelight )?vigil\b)", 0.75),
    # -- battles
    Cue("battles", "government_regains_territory", ("recaptur", "retook", "retaken", "liberat", "regain"),
        r"\b(?:recaptur(?:ed|es|ing)|retook|retaken|liberat(?:ed|ion of)|regained control)\b", 0.75),
    Cue("battles", "non_state_actor_overtakes_territory", ("seized", "captur", "overran", "took control"),
        r"\b(?:(?:rebels|militants|insurgents|fighters|jihadists|separatists|gunmen) "
        r"(?:seized|captured|overran|took control of)|overran)\b", 0.75),
    Cue("battles", "armed_clash",
        ("clash", "fight", "fought", "battle", "hostilit", "offensive", "ambush", "firefight",
         "skirmish", "attack", "assault", "gunfire", "raid", "combat", "exchange", "exchanged", "incursion",
         "military"),
        r"\b(?:clash(?:es|ed)?\b|fighting\b|fought\b|(?:fierce|heavy|pitched|intense|deadly|bloody|"
        r"gun|street|running) battles?\b|battle (?:between|with|against) |battled\b|hostilities\b|"
        r"(?:counter-?)?offensive\b|ambush(?:ed|es)?\b|firefights?\b|gun ?battles?\b|skirmish(?:es)?\b|"
        r"exchange(?:s|d)? of (?:gun)?fire|exchanged fire|gunfire\b|"
        r"(?:attack(?:s|ed)?|assault(?:s|ed)?|raids?|raided) (?:on |against )?(?:the )?(?:\w{1,20} ){0,3}?"
        r"(?:positions?|troops|soldiers|army|base|outposts?|checkpoints?|convoys?|forces|barracks|"
        r"police station|military)|military (?:attack|operation|action|confrontation)|combat\b|incursions?\b|"
        r"(?:launched|mounted|staged|carried out) (?:an? |the )?(?:\w{1,20} ){0,3}?(?:attacks?|assaults?|raids?))", 0.7),
    Cue("explosions_remote_violence", "shelling_artillery_missile_attack", ("artiller", "mortar"),
        r"\b(?:artillery|mortars?)\b", 0.6),
    # -- violence against civilians
    Cue("violence_against_civilians", "abduction_forced_disappearance", ("abduct", "kidnap", "hostage"),
        r"\b(?:abduct(?:ed|ion|ions)|kidnapp?(?:ed|ing|ings)|taken hostage|held hostage|hostages? (?:were )?(?:taken|seized))\b", 0.8),
    Cue("violence_against_civilians", "sexual_violence", ("rape", "sexual assault", "sexually assault"),
        r"\b(?:raped|rapes?\b|gang-rape|sexual(?:ly)? assault(?:ed)?)", 0.75),
    Cue("violence_against_civilians", "attack",
        ("shot", "shoot", "gunned", "massacre", "stab", "gunm", "murder", "execut", "behead", "killed",
         "opened fire", "attack", "slain", "assassinat", "robb", "beat", "assault", "homicide", "kills"),
        r"\b(?:shot dead|shot and killed|shot to death|gunned down|massacre(?:d|s)?\b|stab(?:s|bed|bing)\b|"
        r"(?:was|were|been|being) shot\b|shoots?\b|shootings?\b|shot (?:and (?:killed|wounded) )?"
        r"(?:a|an|the|his|her|their|two|three|four|\d{1,3}) (?:\w{1,20} )?(?:man|woman|men|women|person|people|teen|"
        r"teenager|boy|girl|officer|deputy|clerk|driver|victim|customer|student)s?\b|killed by (?:a |an )?(?:gunman|shooter|man|"
        r"woman|suspect|intruder|attacker|robber)|(?:armed |bank )?robber(?:y|ies)\b|robbed\b|"
        r"beat(?:en)? to death|beating death|(?:was|were) (?:beaten|assaulted)|assaulted\b|homicides?\b|"
        r"kills\b|"
        r"(?:gunm[ae]n|assailants?|attackers?|militants|terrorists) (?:shot|killed|opened fire|stormed|attacked)|"
        r"(?:mass|school|fatal|drive-by) shootings?|shooting (?:attack|spree|rampage)|murder(?:ed|s)?\b|"
        r"execut(?:ed|ions)\b|behead(?:ed|ing)|assassinat(?:ed|ion)|slain\b|"
        r"opened fire on (?:civilians|worshippers|people|a crowd|the crowd|shoppers|students|a bus|a car)|"
        r"(?:terror(?:ist)? |knife |gun )attacks?)", 0.65),
    # -- strategic developments
    Cue("strategic_developments", "agreement", ("ceasefire", "cease-fire", "truce", "agreement", "accord", "deal", "armistice"),
        r"\b(?:(?:signed|reached|agreed|concluded|brokered|struck|declared|announced) (?:an? |the )?(?:\w{1,20} ){0,3}?"
        r"(?:cease-?fires?|truces?|peace (?:deal|agreement|accord)|armistice|agreement|accord)|"
        r"(?:cease-?fire|truce|armistice|peace (?:deal|agreement|accord)|agreement) "
        r"(?:took effect|came into (?:force|effect)|went into effect|was (?:signed|agreed|reached|declared)|began))", 0.7),
    Cue("strategic_developments", "arrests", ("arrest", "detain", "custody", "apprehend"),
        r"\b(?:arrest(?:ed|s)?\b|detained\b|taken into custody|apprehended\b)", 0.7),
    Cue("strategic_developments", "change_to_group_activity", ("martial law", "curfew", "emergency", "mobili"),
        r"\b(?:martial law|curfews?\b|state of emergency|(?:general |partial )?mobili[sz]ation\b)", 0.65),
    Cue("strategic_developments", "disrupted_weapons_use", ("intercept", "shot down", "defus"),
        r"\b(?:intercepted (?:a |an |the |two |three )?(?:\w{1,20} )?(?:missiles?|rockets?|drones?)|"
        r"shot down (?:a |an |the |two |three )?(?:\w{1,20} )?(?:drones?|missiles?|rockets?|aircraft|plane|jet|helicopter)|"
        r"defused)", 0.7),
    Cue("strategic_developments", "looting_property_destruction", ("loot", "vandal", "ransack"),
        r"\b(?:loot(?:ed|ing|ers)\b|vandali[sz]ed|ransacked)", 0.65),
    Cue("strategic_developments", "other", ("met", "meeting", "talks", "negotiations", "summit", "convened"),
        r"\b(?:met|(?:meetings?|talks|negotiations|summit) (?:was |were )?(?:held|took place)|"
        r"held (?:talks|negotiations|a meeting|meetings|a summit)|convened)\b", 0.5),
    # -- disasters
    Cue("disaster", "earthquake", ("quake", "tremor", "aftershock", "magnitude"),
        r"\b(?:earthquakes?|quakes?\b|tremors?\b|aftershocks?|magnitude[- ]\d)", 0.85),
    Cue("disaster", "tsunami", ("tsunami",), r"\btsunamis?\b", 0.85),
    Cue("disaster", "volcanic_eruption", ("erupt",), r"\b(?:volcano(?:es)? erupted|erupted\b|eruptions?\b)", 0.75),
    Cue("disaster", "flood", ("flood", "inundat"),
        r"\b(?:flash floods?|flood(?:s|ing|ed|waters)?\b|inundated)", 0.8),
    Cue("disaster", "landslide", ("landslide", "mudslide", "avalanche", "land slide"),
        r"\b(?:land ?slides?|mudslides?|avalanches?)\b", 0.85),
    Cue("disaster", "storm", ("hurricane", "typhoon", "cyclone", "tornado", "blizzard", "storm"),
        r"\b(?:hurricanes?\b|typhoons?\b|cyclones?\b|tornado(?:es|s)?\b|blizzards?\b|"
        r"(?:tropical|winter|snow|ice|severe|heavy|powerful|deadly) storms?\b|"
        r"storms? (?:hit|struck|battered|lashed|swept|killed|pounded|ravaged))", 0.8),
    Cue("disaster", "wildfire", ("wildfire", "bushfire", "bush fire", "forest fire", "brush fire", "grass fire"),
        r"\b(?:wildfires?|bush ?fires?|forest fires?|brush ?fires?|grass fires?)\b", 0.85),
    Cue("disaster", "drought", ("drought",), r"\bdroughts?\b", 0.7),
    Cue("disaster", "epidemic", ("outbreak", "epidemic", "case", "tested positive", "infect", "died of", "died from", "deaths of", "deaths from", "death from", "death of"),
        r"\b(?:outbreaks?\b|epidemics?\b|(?:confirmed|new|suspected|probable|first|human) cases?\b|"
        r"tested positive|infected with|infections\b|(?:died|deaths?) (?:of|from) (?:the )?"
        r"(?:virus|flu|ebola|cholera|measles|covid|coronavirus|influenza|disease|infection|zika|mers|sars))", 0.7),
    # -- accidents
    Cue("accident", "derailment", ("derail",), r"\bderail(?:ed|ment|ments)\b", 0.85),
    Cue("accident", "sinking", ("sank", "capsiz", "sinking", "sunk"),
        r"\b(?:sank\b|capsi[sz](?:ed|ing)|sinking of|(?:boat|ship|ferry|vessel|trawler) (?:sinking|sunk))", 0.8),
    Cue("accident", "collision", ("collid", "collision", "pile-up", "head-on"),
        r"\b(?:collided|collisions?\b|pile-?ups?\b|head-on)", 0.8),
    Cue("accident", "crash", ("crash",),
        r"\b(?:(?:plane|air|helicopter|jet|aircraft|airliner|glider|light aircraft|race car|racing) "
        r"crash(?:es)?\b|(?:plane|helicopter|jet|aircraft|airliner|glider) (?:\w{1,20} ){0,2}?crash(?:ed|-landed)\b|"
        r"crash-landed)", 0.8),
    Cue("accident", "collision", ("crash", "slammed", "plowed", "ploughed", "smashed", "rammed"),
        r"\b(?:(?:car|bus|truck|vehicle|road|traffic|motorcycle|auto|highway|head-on|two-car|one-car|"
        r"single-car|single-vehicle|multi-vehicle|two-vehicle|three-vehicle|fatal|dui) crash(?:es)?\b|"
        r"crash(?:ed|es)?\b|(?:slammed|plowed|ploughed|smashed|crashed|rammed) into)", 0.75),
    Cue("accident", "collision", ("accident", "wreck", "struck by", "hit by", "rollover", "overturn"),
        r"\b(?:(?:car|road|traffic|auto|automobile|vehicle|motor vehicle|motorcycle|truck|bus|"
        r"multi-vehicle|two-vehicle|three-vehicle|single-vehicle|single-car|fatal) (?:accidents?|wrecks?)|"
        r"wreck(?:ed)?\b|(?:struck|hit) by (?:a |an )?(?:car|truck|vehicle|train|bus|van|suv|driver)|"
        r"roll-?over|overturned)", 0.75),
    Cue("accident", "fire", ("fire", "blaze", "burn", "gutted"),
        r"\b(?:(?:" + _BUILDING + r"|kitchen|garage|barn|car|vehicle|trailer|mobile home|structure|"
        r"residential|house|apartment|chimney|electrical|grease) fires?\b|fires? (?:broke out|engulfed|gutted|destroyed|destroys|damaged|"
        r"damages|swept|razed|ripped through|tore through|killed|started)|blazes?\b|burned down|"
        r"burnt down|gutted by fire|caught fire|(?:destroyed|damaged) by (?:a )?fire)", 0.75),
    Cue("accident", "explosion", ("explosion", "blast", "exploded"),
        r"\b(?:explosions?\b|blasts?\b|exploded\b)", 0.7),
    Cue("accident", "other", ("drown", "collaps", "electrocut", "accident", "poisoning", "leak", "spill"),
        r"\b(?:drowned|drowning|collapsed|collapse of|electrocuted|(?:mine|industrial|mining|sailing|boating|"
        r"fishing|diving|swimming|hunting|climbing|skiing|workplace|construction|farm|farming|"
        r"tractor|industrial) accidents?|carbon monoxide poisoning|gas leak|chemical (?:leak|spill))\b", 0.65),
    # -- a bare "were killed": the weakest violent cue, after every other type's
    Cue("violence_against_civilians", "attack", ("killed",), r"\b(?:was|were|been) killed\b", 0.45),
    # -- other happenings (an article's lead event when it has none of the types above)
    Cue("other", "death", ("died", "dies", "passed away", "found dead", "death of"),
        r"\b(?:died|dies\b|passed away|found dead|death of)", 0.5),
    Cue("other", "election", ("elect", "polls", "referendum", "vote"),
        r"\b(?:elections? (?:was |were )?(?:held|took place)|went to the polls|referendum\b|"
        r"(?:was|were|been) (?:re-)?elected|voters? (?:cast|voted))", 0.5),
    Cue("other", "discovery", ("unearth", "excavat", "discover", "uncover"),
        r"\b(?:unearthed|excavated|discovered|uncovered)\b", 0.5),
    Cue("other", "ceremony", ("ceremon", "award", "festival", "funeral", "inaugurat", "celebrat", "commemorat", "parade"),
        r"\b(?:ceremon(?:y|ies)|awards?\b|festival\b|funeral\b|inaugurat(?:ed|ion)|celebrat(?:ed|ions?)|"
        r"commemorat(?:ed|ion)|parade\b)", 0.45),
    Cue("other", "announcement", ("announced", "unveiled", "opened", "inaugurated"),
        r"\b(?:was|were) (?:announced|unveiled|opened|inaugurated)\b", 0.35),
)  # fmt: skip

#: Phrases in which a cue does not report an event.
NOT_EVENTS: tuple[NotEvent, ...] = (
    NotEvent(("quake", "flood", "fire", "storm", "hurricane", "drought", "tsunami", "outbreak", "epidemic", "disaster"),
             r"\b(?:earthquake|quake|flood|wildfire|fire|storm|hurricane|drought|tsunami|outbreak|epidemic|"
             r"disaster)s? (?:aid|relief|prevention|insurance|season|risk|warnings?|preparedness|funds?|"
             r"response plans?|drills?|defen[cs]es|barriers?|protection|management|policy|policies|"
             r"reconstruction|recovery plans?)\b", "wildfire aid, flood prevention"),
    NotEvent(("fight", "battl", "combat"),
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
    NotEvent(("strike",), r"\bstrike (?:price|rate|zone)\b|\bstruck (?:a |an )?(?:deal|chord|balance|note)\b",
             "a strike price, struck a deal"),
    NotEvent(("struck", "signed", "reached"), r"\b(?:struck|hit|rear-ended) (?:a |an |the )?(?:19|20)\d\d (?:[\w-]{1,20} ){0,2}?"
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
    NotEvent(("shooting", "shot"), r"\bshooting (?:a |the )?(?:film|movie|video|scene|season|guard|star|"
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
    # history told as background, not news
    r"(?:world war (?:one|two|i|ii|1|2)|(?:first|second) world war|holocaust|cold war|soviet era))\b"
)

#: Sub-types whose place may be a sea or an ocean (they happen there).
MARITIME: frozenset[str] = frozenset(
    {"sinking", "tsunami", "storm", "earthquake", "collision", "crash"}
)

#: Event types an article's events take only when it has none of the others.
FALLBACK_TYPES: frozenset[str] = frozenset({"other"})
