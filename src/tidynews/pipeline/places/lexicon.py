"""English words the place steps read around a name, kept apart from the matchers.

Lower-case words, compared with a token's lower-cased text; punctuation as spaCy's
tokenizer splits it.
"""

from __future__ import annotations

from tidynews.pipeline.nlp import word_set
from tidynews.pipeline.vocab import PlaceKind

# 1. Find names
TYPE_WORDS: dict[str, PlaceKind] = {  # a word after a name that says what kind of place it is
    "province": "admin1",
    "governorate": "admin1",
    "oblast": "admin1",
    "region": "region",
    "countryside": "admin1",
    "district": "admin2",
    "county": "admin2",
    "city": "settlement",
    "camp": "camp",
}
PLURAL_TYPE_WORDS = {"counties": "county", "provinces": "province", "districts": "district"}
LOCAL_TYPE_WORDS = ("district", "county", "camp", "governorate", "province")  # make a name known
STREET_WORDS = word_set(  # after a name, a street's or a park's: "Main Street", "Griffith Park"
    """street avenue road boulevard drive lane parkway park"""
)
STREET_ABBREVIATIONS = word_set("st. ave. rd. dr. blvd. ln. hwy. pkwy.")
ORGANISATION_WORDS = word_set(  # "Bank of", "University of": an organisation's name, no person
    """university college bank department board school church club association society
    council institute center centre hospital court commission office city county state
    district museum library academy company corporation chamber division bureau
    federation league union party republic secretary minister"""
)
LOCAL_KINDS: dict[str, PlaceKind] = {  # after an unknown name only: "Surkunda village"
    "village": "settlement",
    "township": "admin2",
    "river": "water",
    "creek": "water",
    "lake": "water",
    "valley": "region",
    "airport": "site",
    "bridge": "site",
    "hill": "site",
    **dict.fromkeys(STREET_WORDS | STREET_ABBREVIATIONS, "site"),
}
SURNAME_KINDS = word_set("hill lake lane park")  # "Angela Hill, a spokeswoman": a person
SERVICE_WORDS = word_set(  # a district of a service, not a place: "Waste District"
    """school schools development waste recreation congressional historic market state
    independent water fire sanitation utility library hospital soil conservation transit
    sewer park parks k-8 legislative senate judicial"""
)
TITLE_WORDS = word_set(  # capitalised beside a place name without making it a person's
    """president prime minister secretary general ambassador envoy king queen army city
    province governorate district region desert camp north south east west northeast
    northwest southeast southwest northern southern eastern western central upstate
    downstate greater metro metropolitan mayor governor gov. sen. sens. senator rep. reps.
    representative
    congressman congresswoman attorney comptroller commissioner sheriff judge democrat
    republican"""
)
PERSON_TITLES = word_set(  # before a name, they make it a person's: "Sen. Clinton"
    """mr. mrs. ms. dr. sen. rep. gov. lt. sgt. cpl. capt. col. gen. maj. det. officer reverend
    judge coach pastor rev. father sister brother uncle aunt mr mrs ms dr senator
    representative governor mayor sheriff president"""
)
COMMON_WORDS = word_set(  # names of towns that are common words: places only in context
    """man police union university liberal central region green god lot vice tour delta
    young northwest north west south east central mary george paul michael"""
)
NOT_PLACE_NAMES = word_set(  # towns' names that news uses for something else
    """god jesus christ allah christmas easter congress senate hamas hezbollah arab
    christian english spanish german french american canadian mexican day"""
)
MODIFIERS = word_set(  # open a sentence before a place without being a first name
    """new old small big major downtown rural greater all most many some every each"""
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
SPEECH_VERBS = word_set(  # after a small town's name, they make it a person's: "Nelson said"
    """said says told added explained noted asked wrote recalled testified admitted
    insisted replied"""
)
HUMAN_VERBS = word_set(  # after any town's name: no city does these ("Lincoln visited")
    """visited lived died married smiled laughed nodded wept pleaded resigned retired
    graduated apologized apologised confessed"""
)
KIN_NOUNS = word_set("family couple")  # "a Paris family", but "the Jones family"
PERSON_NOUNS = word_set(  # after a possessive, they make a town's name a person's
    """wife husband son sons daughter daughters mother father brother sister parents
    children family widow attorney attorneys lawyer lawyers defense defence trial
    arrest death funeral body hands ex-wife ex-husband girlfriend boyfriend fiancee
    stepfather stepmother grandmother grandfather nephew niece cousin estate apartment
    mailbox behavior behaviour appointment campaign testimony lawsuit sentencing
    conviction handler owners"""
)
MONTHS = word_set(
    """january february march april may june july august september october november
    december"""
)
CITY_ABBREVIATIONS = {  # news style's short names of big cities: name, country
    "L.A.": ("Los Angeles", "US"),
    "Phila.": ("Philadelphia", "US"),
    "Philly": ("Philadelphia", "US"),
    "NYC": ("New York City", "US"),
    "N.Y.C.": ("New York City", "US"),
}
SUBDIVISION_WORDS = word_set(  # the last word of a subdivision's full name
    """province governorate oblast region state county district parish prefecture
    department municipality borough territory emirate canton krai okrug raion
    voivodeship division"""
)
GENERIC_NAMES = word_set(  # subdivisions named by a common word: places only in context
    """north south east west central centre center capital coast northern southern eastern
    western upper lower islands lakes plateau littoral maritime savanes highlands
    lowlands mountains valley interior national border"""
)
PLACING_WORDS = word_set(  # before a name, they make a small town's name a place
    """in near at from outside into toward towards between downtown suburban nearby rural
    northern southern eastern western north south east west n.w. n.e. s.w. s.e."""
)
LOCAL_NOUNS = word_set(  # after a name, they make a small town's name a place: "a Paris man"
    """man woman men women boy girl teen teenager couple family resident residents
    native natives police firefighters firefighter officials council mayor area
    neighborhood schools homes voters taxpayers students businesses neighborhoods
    councils"""
)
ONE_LOCAL_NOUNS = word_set(  # the same after "a": "a Lovejoy senior", "a Buford home"
    """home house residence senior junior sophomore freshman student native business
    church school"""
)
COMPOUND_PLACES = word_set("based area")  # after a hyphen: "Gori-based", "Atlanta-area"
PARTIES = frozenset({"D", "R", "I", "DFL"})  # before a hyphen: "Armond Budish, D-Beachwood"
SENTENCE_BREAKS = (".", "!", "?", '"', "“", "(", ":", "—", "-")  # a capital after one is no name

# 2. Resolve
ADMIN1_WORDS = frozenset({"province", "governorate", "countryside", "oblast"})

# 3. Qualify
DIRECTIONS = word_set(
    """northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western"""
)
PART_NOUNS = word_set(
    """suburbs suburb outskirts airport port countryside centre center downtown coast
    border borders north south east west"""
)
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")

# 4. Literal or actor
LOCATIVE = word_set(
    """in into to from across near at inside within throughout toward towards through
    around outside of on over via beyond"""
)
AGENT_COMPOUNDS = frozenset({"backed", "led", "funded", "sponsored", "brokered", "allied"})
ACTOR_VERBS_AFTER = word_set(
    """has have had is was are were be been will would can could may might must should
    shall needs need lost said says say do does did intends wants stands announced
    warned launched withdrew agreed refused accused continues not wo fired shelled
    bombed struck imposed signed sent deployed threatened rejected denied vowed demanded
    retaliated invaded attacked"""
)
ACTOR_VERBS_BEFORE = word_set(
    """warned warn warns blame blamed blames urged urge accused accuse ruling rule ruled
    told tell pressed sanctioned condemned backed supported thanked criticised
    criticized asked costs cost"""
)
ACTOR_NOUNS = word_set(
    """history invasion assistance support role policy decision army military forces troops
    airstrikes strikes raids sanctions backing aid"""
)
