# ruff: noqa: E501  (a table of cues: one cue a line reads best)
"""The codebook's cues: the words and patterns that report each event type and sub-type.

The types are ACLED's six (``battles``, ``explosions_remote_violence``,
``violence_against_civilians``, ``protests``, ``riots``, ``strategic_developments``) plus
``disaster``, ``accident`` and ``other`` (``geomap.schema.EVENT_TYPES``); the sub-types are
``geomap.schema.SUB_EVENT_TYPES``. A clause reports an event when one of the cues below
matches it and ``geomap.events.codebook`` does not rule it out (a phrase that is no event,
a clause about what is not real). When a clause matches several cues, the first in
``CUES`` order wins: the table is ordered from the most specific to the most general.

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
protests                        excessive_force_against_protesters     clashes with police that left / killed /
                                                                       injured people at a protest ("clashes with
                                                                       police have left one man dead … staging
                                                                       protests": lethal or serious force against
                                                                       protesters, before the riot below)
riots                           violent_demonstration                  riot, rioters (not riot police), protesters
                                                                       clashed / threw stones / torched
riots                           violent_demonstration                  a protest / rally / march turned violent
riots                           violent_demonstration                  clashes with police at a protest, protesters
                                                                       who clashed ("protesters in Lagos clashed
                                                                       with police", "a rally ended in clashes
                                                                       with riot police"): ACLED's violent
                                                                       demonstration, not the peaceful protest
                                                                       its protest word would give
riots                           mob_violence                           mob attacked, lynched, brawl, street fight,
                                                                       melee
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
strategic_developments          other                                  officials met, met the minister, talks
                                                                       were held, held a meeting, convened (face
                                                                       to face; not a call; not two people who
                                                                       "met once in a park")
disaster                        earthquake                             earthquake, quake, tremor, aftershock
disaster                        tsunami                                tsunami
disaster                        volcanic_eruption                      volcano erupted, eruption
disaster                        flood                                  flood(s/ing), flash flood
disaster                        landslide                              landslide, mudslide, avalanche
disaster                        storm                                  hurricane, typhoon, cyclone, tornado,
                                                                       blizzard, storm hit / struck / killed
disaster                        wildfire                               wildfire, bushfire, forest fire
disaster                        drought                                drought
disaster                        other                                  a meteorite struck / fell / crashed
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
accident                        other                                  drowned, collapsed, electrocuted, stampede
other                           death                                  died, dies, passed away, found dead
other                           election                               election held, voters went to the polls,
                                                                       referendum, was elected
other                           discovery                              unearthed, excavated, discovered
other                           ceremony                               ceremony, awards, festival, funeral,
                                                                       inauguration, celebrated
other                           announcement                           was announced, was unveiled, was opened
==============================  =====================================  =========================================
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Cue", "CUES", "DISEASE"]


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


_PEOPLE = (
    r"(?:protesters|demonstrators|rioters|crowds?|youths|mobs?|fans|supporters|students|"
    r"residents|villagers|workers)"
)
#: Police who clash with a protest ("clashes with riot police").
_POLICE = (
    r"(?:(?:riot|local|state|federal|anti-riot) )?(?:police|policemen|security forces|officers)\b"
)
#: A protest word.
_PROTEST = r"(?:protest(?:s|ed|ers|ing)?|demonstrat(?:ion|ions|ors|ed|ing)|rall(?:y|ies|ied))\b"
_BUILDING = (
    r"(?:house|home|building|apartment|flat|factory|plant|hotel|warehouse|market|hospital|"
    r"school|church|mosque|temple|restaurant|club|bar|shop|store|mall|office|tower|"
    r"high-rise|nightclub|prison|train|bus|ship|boat|ferry|forest|brush|bush|grass)"
)

#: Who meets as a strategic development: officials, not two people who "met once in a park".
_OFFICIAL = (
    r"(?:ministers?|presidents?|secretary|secretaries|officials|leaders?|delegations?|delegates|envoys?|"
    r"ambassadors?|counterparts?|chancellor|premier|king|queen|commanders?|generals?|representatives|"
    r"mediators|negotiators|diplomats)"
)
_DISEASE = (
    r"(?:h1?[0-9]n[0-9]{1,2}|swine flu|bird flu|avian (?:flu|influenza)|flu|influenza|cholera|ebola|measles|"
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
    Cue("explosions_remote_violence", "air_drone_strike", ("air", "aerial", "drone", "warplane", "jet", "helicopter"),
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
        ("flu", *(f"h{d}n" for d in range(20)), "covid", "cholera", "ebola", "measles", "plague", "malaria", "dengue", "tubercul",
         "polio", "mening", "typhoid", "anthrax", "rabies", "hepatitis", "pertussis", "whooping", "mad cow",
         "bse", "foot-and-mouth", "bluetongue", "sars", "mers", "zika", "hiv", "aids", "salmonella",
         "coli", "listeria", "norovirus", "chikungunya", "yellow fever", "encephalitis", "diphtheria",
         "mumps", "legionnaires", "virus", "disease", "infect", "outbreak", "epidemic"),
        r"\b(?:" + _DISEASE + r"\b[^.;]{0,60}?\b" + _CASE + r"\b|" + _CASE + r"\b[^.;]{0,60}?\b"
        + _DISEASE + r"\b)", 0.75),
    # -- protesters killed or hurt in clashes with police (before the riot the clashes would be)
    Cue("protests", "excessive_force_against_protesters", ("clash",),
        r"\bclash(?:es|ed)? with (?:the )?" + _POLICE + r"[^.;:]{0,60}?\b(?:left|leaving|killed|killing|"
        r"injured|injuring|wounded|wounding)\b[^.;:]{0,100}?\b" + _PROTEST, 0.8),
    # -- riots (before battles: protesters who clash are rioting)
    Cue("riots", "violent_demonstration", ("riot", "clash", "threw", "hurled", "torch", "stormed", "set fire", "fought", "attacked", "smashed", "turned"),
        # ("riot police", "riot gear", "anti-riot units" are the police, not a riot)
        r"\b(?:(?<!anti-)riot(?:s|ed|ing|ers)?\b(?! (?:police|policemen|officers|gear|squads?|control|"
        r"shields?|units?|troops|forces)\b)|" + _PEOPLE + r" (?:clashed|fought|threw|hurled|torched|"
        r"set fire|stormed|attacked|smashed)|clash(?:es)? between " + _PEOPLE + r"|"
        r"(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?) (?:[\w'’-]{1,20} ){0,3}?turned (?:violent|into a riot)|"
        # clashes with police at a protest, either way round ("a rally in Lagos ended in
        # clashes with soldiers", "protesters in Lagos clashed with police")
        r"clash(?:es|ed)? with (?:the )?" + _POLICE + r"[^.;:]{0,120}?\b" + _PROTEST + r"|"
        + _PROTEST + r"[^.;:,]{0,100}?\bclash(?:es|ed)? with\b)", 0.8),
    Cue("riots", "mob_violence", ("mob", "lynch", "vigilante", "brawl", "street fight", "melee"),
        r"\b(?:mobs? (?:attacked|beat|killed|torched|burned|lynched|stormed)|lynch(?:ed|ing)\b|vigilantes?\b|"
        r"brawls?\b|street fights?\b|melees?\b)", 0.75),
    # -- protests
    Cue("protests", "excessive_force_against_protesters", ("protest", "demonstrat"),
        r"\b(?:(?:opened fire on|shot|killed) (?:the )?(?:protesters|demonstrators)|"
        r"(?:protesters|demonstrators) (?:were )?(?:shot|killed))", 0.85),
    Cue("protests", "protest_with_intervention", ("tear gas", "teargas", "water cannon", "rubber bullet", "dispers"),
        r"\b(?:tear ?gas|water cannons?|rubber bullets|dispersed (?:the |a |an )?(?:protest|demonstrat|crowd|rall))", 0.8),
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
         "opened fire", "attack", "stormed", "slain", "assassinat", "robb", "beat", "assault", "homicide", "kills"),
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
        r"\b(?:" + _OFFICIAL + r"(?: [\w'’-]{1,20}){0,4}? met\b|met (?:with )?(?:[\w'’.-]{1,20} ){0,4}?"
        + _OFFICIAL + r"|(?:meetings?|talks|negotiations|summit) (?:was |were )?(?:held|took place)|"
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
    Cue("disaster", "wildfire", ("wildfire", "bushfire", "bush fire", "forest fire", "brushfire", "brush fire", "grass fire"),
        r"\b(?:wildfires?|bush ?fires?|forest fires?|brush ?fires?|grass fires?)\b", 0.85),
    Cue("disaster", "drought", ("drought",), r"\bdroughts?\b", 0.7),
    Cue("disaster", "other", ("meteor",),
        r"\bmeteor(?:ite|oid)?s? (?:\w{1,20} ){0,2}?(?:struck|hit|slammed|crashed|fell|landed|impact(?:ed)?|exploded)\b", 0.75),
    Cue("disaster", "epidemic", ("outbreak", "epidemic", "case", "tested positive", "infect", "died of", "died from", "deaths of", "deaths from", "death from", "death of"),
        r"\b(?:outbreaks?\b|epidemics?\b|(?:confirmed|new|suspected|probable|first|human) cases?\b|"
        r"tested positive|infected with|infections\b|(?:died|deaths?) (?:of|from) (?:the )?"
        r"(?:virus|flu|ebola|cholera|measles|covid|coronavirus|influenza|disease|infection|zika|mers|sars))", 0.7),
    # -- accidents
    Cue("accident", "derailment", ("derail",), r"\bderail(?:ed|ment|ments)\b", 0.85),
    Cue("accident", "sinking", ("sank", "capsi", "sinking", "sunk"),
        r"\b(?:sank\b|capsi[sz](?:ed|ing)|sinking of|(?:boat|ship|ferry|vessel|trawler) (?:sinking|sunk))", 0.8),
    Cue("accident", "collision", ("collid", "collision", "pile-up", "pileup", "head-on"),
        r"\b(?:collided|collisions?\b|pile-?ups?\b|head-on)", 0.8),
    Cue("accident", "crash", ("crash",),
        r"\b(?:(?:plane|air|helicopter|jet|aircraft|airliner|glider|light aircraft|race car|racing) "
        r"crash(?:es)?\b|(?:plane|helicopter|jet|aircraft|airliner|glider) (?:\w{1,20} ){0,2}?crash(?:ed|-landed)\b|"
        r"crash-landed)", 0.8),
    Cue("accident", "collision", ("crash", "slammed", "plowed", "ploughed", "smashed", "rammed"),
        r"\b(?:(?:car|bus|truck|vehicle|road|traffic|motorcycle|auto|highway|head-on|two-car|one-car|"
        r"single-car|single-vehicle|multi-vehicle|two-vehicle|three-vehicle|fatal|dui) crash(?:es)?\b|"
        r"crash(?:ed|es)?\b|(?:slammed|plowed|ploughed|smashed|crashed|rammed) into)", 0.75),
    Cue("accident", "collision", ("accident", "wreck", "struck by", "hit by", "rollover", "roll-over", "overturn"),
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
    Cue("accident", "other", ("drown", "collaps", "electrocut", "accident", "poisoning", "leak", "spill", "stampede"),
        r"\b(?:drowned|drowning|collapsed|collapse of|electrocuted|stampedes?|(?:mine|industrial|mining|sailing|boating|"
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
