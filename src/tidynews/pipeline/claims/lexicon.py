"""The English the claim rules read: reporting verbs, hedges, pronouns, quote marks.

Language data only, apart from the rules that match it (as spaCy keeps
`lang/en/stop_words.py` apart from its matchers): a word added here changes what the
rules find, not how they look.
"""

from __future__ import annotations

import re

from tidynews.pipeline.nlp import word_set

# --- Reporting verbs and what may stand around them (cues.py) ---

CUE_VERBS = word_set(
    """said says say told tells reported reports announced announces claimed claims stated
    states added adds noted notes warned warns condemned condemns confirmed confirms
    denied denies insisted insists believe believes believed alleged alleges explained
    explains argued argues acknowledged declared declares wrote writes tweeted estimated"""
)
# Verbs that may follow a plural subject in their base form ("officials say").
BASE_FORM_CUES = frozenset({"say", "believe"})
INVERTED_CUES = frozenset({"said", "says", "added", "told", "wrote", "reported"})
ADVERBIAL_STARTS = word_set(
    """on in at during late earlier later today yesterday tonight this last via through
    from by after before when"""
)
NOT_IN_A_SUBJECT = word_set(
    """is are was were be been being that which what who him her them us me when while if
    because"""
)
NOT_A_SUBJECT_START = word_set(
    """and but or so then on in at of to with for from by as than because if when while"""
)
SINGULAR = frozenset({"he", "she", "it"})
AUXILIARIES = frozenset({"has", "have", "had", "also", "later", "earlier", "previously"})
NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor"})

# --- Hedges and kinds (sentences.py) ---

HEDGE_CUES = word_set(
    """allegedly alleged reportedly supposed supposedly believe believes believed could may
    might perhaps possibly probably likely unlikely apparently seemingly seems appears
    debatable doubt doubts doubtful unconfirmed unverified rumoured rumored suspected"""
)
MODAL_HEDGES = frozenset({"could", "may", "might"})
# "could be heard", "may be seen": ability or perception, not uncertainty
NOT_UNCERTAIN_AFTER_BE = frozenset({"heard", "seen", "felt", "reached", "found", "used"})
OPINION_WORDS = word_set(
    """should must ought deserve deserves deserved imperative essential shame disgrace hope
    hopes wish wishes hate love glad sad terrible awful wonderful great ridiculous
    absurd outrageous shameful disgraceful"""
)
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'd", "i'm", "i've", "i'll"})
FUTURE = frozenset({"will", "wo", "'ll", "shall", "would"})
FUTURE_PHRASES = frozenset(
    {
        ("going", "to"),
        ("threaten", "to"),
        ("threatens", "to"),
        ("set", "to"),
        ("plans", "to"),
        ("plan", "to"),
        ("expected", "to"),
    }
)
DEONTIC_PHRASES = frozenset({("need", "to"), ("needs", "to")})
QUESTION_OPENERS = (("what", "about"), ("how", "come"))
GREETINGS = frozenset({"hi", "hello", "hey", "thanks", "thank", "cheers", "greetings"})

# --- Claimants (claimants.py) ---

SPEAKER_OR_ADDRESSEE = frozenset({"i", "we", "you"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
STANDING_FOR_A_SOURCE = frozenset(
    {"the report", "the source", "the statement", "the agency", "the outlet", "the blog"}
)
MEDIA_WORDS = word_set(
    """news times post journal agency tv television radio press blog newspaper daily
    channel reporter reporters journalist journalists correspondent outlet media"""
)
OFFICIAL_WORDS = word_set(
    """official officials minister ministry president prime spokesman spokeswoman
    spokesperson government police army military secretary ambassador chief chiefs
    commander commanders governor mayor chairman general authorities administration"""
)
GROUP_WORDS = word_set(
    """group organization organisation activists residents witnesses forces movement party
    union council nations committee observatory people militants rebels"""
)

# --- Punctuation and the shapes of names and datelines ---

QUOTES = "\"'“”‘’«»„`"
OPENING_JUNK = QUOTES + "…-–—.· \t\r"
TERMINAL = ".!?…"
DATELINE_RE = re.compile(
    r"^[A-Z][\w.'’]*(?:[ /][A-Z][\w.'’]*){0,3}(?: \([^)]{1,30}\))? ?[—–-]{1,2} (?=[A-Z\"“])"
)
PROPER_NAME_TAIL_RE = re.compile(
    r"(?:\b(?:al|el|ad|as|ash|an)-)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?"
    r"(?:\s+(?:(?:al|el)-)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?)*$"
)
