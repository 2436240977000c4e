"""The English the claim rules read: reporting verbs, hedges, pronouns, quote marks.

Language data only, apart from the rules that match it (as spaCy keeps
`lang/en/stop_words.py` apart from its matchers): a word added here changes what the
rules find, not how they look.
"""

from __future__ import annotations

import re

from tidynews.pipeline.nlp import word_set

# --- Reporting verbs and what may stand around them (cues.py) ---


def _inflected(text: str) -> frozenset[str]:
    """Present, third person and past of regular verbs ("warn" -> warns, warned); an
    irregular past follows its base after "/" ("tell/told")."""
    forms: set[str] = set()
    for entry in text.split():
        base, _, past = entry.partition("/")
        third = base[:-1] + "ies" if base.endswith("y") and base[-2] not in "aeiou" else base + "s"
        if base.endswith(("s", "sh", "ch", "x")):
            third = base + "es"
        if not past:
            if base.endswith("e"):
                past = base + "d"
            elif base.endswith("y") and base[-2] not in "aeiou":
                past = base[:-1] + "ied"
            else:
                past = base + "ed"
        forms |= {base, third, *past.split(",")}
    return frozenset(forms)


def _particles(verbs: str, particles: str) -> dict[str, frozenset[str]]:
    """Each form of `verbs` (bases inflected, "-ing" forms as written) -> its particles."""
    forms = _inflected(" ".join(v for v in verbs.split() if not v.endswith("ing")))
    forms |= {v for v in verbs.split() if v.endswith("ing")}
    return dict.fromkeys(forms, frozenset(particles.split()))


# Speech, writing, thought and stance: the cues of news attribution, speech verbs and
# the non-speech ones of the register ("a poll shows", "Clinton has called for").
CUE_TEXT = """say/said tell/told report announce claim state add note warn condemn confirm deny
    insist believe allege explain argue acknowledge declare write/wrote tweet estimate
    ask urge call accuse criticize criticise praise blast slam attack blame reject dismiss
    suggest show/showed,shown find/found indicate reveal recall respond reply predict
    promise pledge vow propose admit/admitted concede agree disagree complain contend assert
    maintain stress emphasize emphasise testify/testified question defend endorse back
    support oppose demand caution conclude think/thought know/knew feel/felt hope fear
    want expect doubt recommend advise describe cite counter lament decline
    mention post suspect assume reckon worry
    welcome deplore denounce charge quip joke seek/sought offer repeat remind point
    highlight applaud challenge hail tout reiterate rebut mock boast acknowledge plan
    consider prefer email remark talk voice learn issue release favor favour forecast discuss
    comment express view understand recognize recognise remember wonder realize
    realise echo order portray characterize characterise label dub brand signal
    hint imply inform instruct muse observe proclaim protest reaffirm recount retort scoff
    shout speculate swear/swore,sworn underscore underline whisper yell assure chide fault
    lambast rebuke ridicule scold embrace champion confess disclose dispute decry
    guarantee object press lobby speak/spoke,spoken lash wish reference refer perceive
    utter see/saw,seen rail encourage publish answer react bemoan thank assail advocate
    plead invoke retweet request slam/slammed quip/quipped rebut/rebutted
    prefer/preferred refer/referred opine articulate interject unveil vouch exclaim grumble
    grouse gush marvel reassure trumpet concur affirm attest surmise theorize clarify
    elaborate brag/bragged implore taunt dub/dubbed rip/ripped trash bash needle jab/jabbed
    hammer cheer credit notice interpret envision calculate deem weigh hit/hit fire
    shoot/shot double side push lay/laid take/took,taken sound"""
# Past forms whose base is as often a noun ("a cry", "an outline") are cues alone.
CUE_VERBS = (
    _inflected(CUE_TEXT) | word_set("cried barked ranted outlined posited labelled signalled")
) - word_set(
    """back post posts state states charge charges counter comment plan press presses email
    emails voice"""
)
# Cues only with what they put out: "issued a statement", not "issued permits".
STATEMENT_CUES = _inflected("issue release")
STATEMENTS = word_set("statement statements report letter memo")
# What else a statement cue may put out and still report: "released details of the plan".
RELEASES = STATEMENTS | word_set(
    """plan proposal video ad ads data details findings results transcript transcripts list
    poll survey"""
)
# What a crew or a patient responds to: "police responded to the scene", "is responding
# to treatment" answer an emergency or a cure, not a question.
NOT_ANSWERED = word_set(
    """scene call calls fire fires blaze crash accident alarm alarms emergency incident
    shooting treatment medication medications drug drugs therapy antibiotics antibiotic"""
)
# States of mind after "is", "are", "remain": "officials are confident that ...".
STANCE_ADJECTIVES = word_set(
    """confident convinced worried concerned hopeful skeptical sceptical adamant upset
    unhappy optimistic pessimistic certain"""
)
STANCE_PARTICLES = word_set("about of in")
# Cues whose object names the stance they put out: "expressed concern", "voiced doubt about".
EXPRESSION_CUES = _inflected("express voice") | word_set("expressing voicing")
EXPRESSION_PARTICLES = word_set("about for at over of with")
# Speech proper: what may share the subject of an earlier verb ("paused, and then said").
SPEECH_CUES = _inflected(
    "say/said tell/told add write/wrote report ask announce warn argue claim insist note declare"
)
# Cues that, after a comma, let the main clause's subject speak: "..., saying that".
PARTICIPLE_CUES = word_set(
    """saying telling calling asking adding warning arguing claiming noting accusing
    insisting urging declaring announcing writing suggesting criticizing criticising
    hoping describing blaming praising promising vowing pledging questioning denouncing
    citing predicting explaining asserting complaining demanding acknowledging admitting
    mocking slamming blasting dismissing rejecting recalling insisting arguing
    threatening touting boasting lamenting stressing emphasizing emphasising pointing
    referring reiterating echoing contending maintaining conceding conceding confirming
    denying revealing reporting quipping joking tweeting writing responding replying
    talking supporting endorsing opposing showing discussing alleging defending proposing
    expressing reminding decrying chanting shouting challenging fearing chiding portraying
    characterizing characterising labeling labelling recounting highlighting underscoring
    assuring reassuring lambasting rebuking ridiculing scolding disputing deriding hailing
    applauding condemning deploring bragging imploring pleading"""
)
# Nouns as often as verbs: a cue only when no verb or "of" follows ("the claims were").
NOUN_LIKE_CUES = word_set(
    """states notes reports claims calls shows plans wants hopes fears views backs supports
    questions charges counters posts thought want hope fear support call report question
    charge post counter state note claim show view attack attacks challenge challenges
    order orders comments remarks advocate advocates reference references thanks request
    requests answer answers points"""
)
# A particle that belongs to the cue, as the guidelines and PolNeAR write it: "called for".
CUE_PARTICLES = {
    **_particles("call calling", "for on out"),
    **_particles("point pointing", "to out"),
    **_particles("agree agreeing", "with"),
    **_particles("warn warning", "of about against"),
    **_particles("talk talking", "about of"),
    **_particles("speak/spoke,spoken speaking", "about of out"),
    **_particles("lash lashing", "out"),
    **_particles("refer/referred referring", "to"),
    **_particles("rail railing", "against at"),
    **_particles("react reacting", "to"),
    **_particles("ask asking", "for about"),
    **_particles("argue arguing", "for against"),
    **_particles("complain joke worry complaining joking worrying", "about"),
    **_particles("comment commenting", "on"),
    **_particles("respond reply responding replying", "to"),
    **_particles("push pushing", "for back"),
    **_particles("lay/laid laying", "out"),
    **_particles("take/took,taken taking", "aim"),
    **_particles("sound sounding", "off"),
    **_particles("weigh weighing", "in"),
    **_particles("hit/hit fire shoot/shot hitting firing shooting", "back"),
    **_particles("double doubling", "down"),
    **_particles("side siding", "with"),
}
# Cues only with their particle: "spoke about", "lashed out at" (not "spoke by phone").
NEEDS_A_PARTICLE = _inflected(
    """speak/spoke,spoken lash refer/referred rail weigh hit/hit fire shoot/shot double side
    push lay/laid take/took,taken sound"""
)
# Before a cue's base form: who can say "say" ("officials say", "they say", "will say").
BEFORE_A_BASE_FORM = word_set("i we you they will would did do does")
NOT_AFTER_A_VERB = word_set(
    """are were is was have has had will would can could of and or , . ; : ’s 's in for
    on at from"""
)
INVERTED_CUE_WORDS = _inflected("say/said tell/told add write/wrote report ask/asked")
# Verbs that may follow a plural subject in their base form ("officials say").
BASE_FORM_CUES = frozenset(e.partition("/")[0] for e in CUE_TEXT.split())
# What a source's noun phrase may open with besides a capital: "the senator", "many voters".
NOUN_PHRASE_OPENERS = word_set(
    """the a an another his her their its our some many most few several both all each
    every no these those this one two three four five six seven eight nine ten top
    senior former local state federal whose anyone everyone someone somebody nobody
    everybody others"""
)
# Sources named by a bare collective noun, singular in form: "..., police said."
COLLECTIVE_SOURCES = word_set(
    """police staff media press military army government administration leadership
    management clergy congress parliament intelligence security people men women children"""
)
# What opens an apposition after a name: "Jane Roe, a former negotiator, said".
APPOSITION_OPENERS = word_set("""a an another the who which whose one its his her their""")
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})
INVERTED_CUES = INVERTED_CUE_WORDS
ADVERBIAL_STARTS = word_set(
    """on in at during late earlier later today yesterday tonight this last via through
    from by after before when"""
)
NOT_IN_A_SUBJECT = word_set(
    """is are was were be been being that which what who him her them us me when while if
    because did does do where how why"""
)
NOT_A_SUBJECT_START = word_set(
    """and but or so then on in at of to with for from by as than because if when while
    where how why along among despite during under against without amid unlike besides
    following including even just before after since until once although though"""
)
# Words a subject chunk may open with that are not part of the source: "But Cox says".
LEADING_LINKS = word_set("and but so yet as though although while when since because even")
# Where a clause ends and the subject of a later cue may begin: "... a line when she said".
CLAUSE_OPENERS = word_set(
    "when as because while after before since though although if that where which whom until than"
)
# Cues that close a quotation only: "he continued." (not "he continued to lead").
CLOSING_CUES = word_set("continued continues went")
SINGULAR = frozenset({"he", "she", "it"})
AUXILIARIES = word_set(
    """has have had also later earlier previously is are was were will would could can did
    does do may might must should then again once still already repeatedly initially
    publicly privately recently first last often long never ever since now just even all
    both too soon 's ’s 've ’ve 'd ’d 'll ’ll remain remains remained"""
)
# What speaks for its authors in "In a new poll, ...": a source as "according to" one is.
DOCUMENTS = word_set("poll polls survey surveys study report analysis audit review census")
# Documents that measure opinion: "ahead in the latest poll" reports what the poll found.
POLLS = word_set("poll polls survey surveys")
# Verbs before "to" and a cue that leave the cue its subject: "went on to criticize".
CATENATIVES = word_set(
    """on continue continues continued began begins begin tried tries try sought seeks
    seek quick likely used moved moves rushed rushes went goes appeared appears seemed
    seems"""
)
# A day or time between a source and its cue: "Ruiz on Sunday said", "Ruiz last week said".
TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday week month year night
    morning afternoon evening today yesterday tonight"""
)
NEGATIONS = frozenset({"not", "n't", "n’t", "never", "neither", "nor"})

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
    commander commanders governor mayor chairman general authorities administration
    sen sens senator senators rep reps representative congressman congresswoman lawmaker
    lawmakers legislator legislators gov judge prosecutor prosecutors sheriff diplomat
    diplomats envoy cabinet pentagon kremlin department"""
)
GROUP_WORDS = word_set(
    """group organization organisation activists residents witnesses forces movement party
    union council nations committee observatory people militants rebels campaign democrats
    republicans supporters voters critics experts analysts protesters association
    institute foundation center centre coalition alliance company"""
)

# What makes an official source a body rather than a person ("the Interior Ministry").
BODY_WORDS = word_set(
    """ministry government police army military authorities administration forces council
    committee department office agency commission court senate house congress party
    campaign"""
)
NAME_LINKS = word_set("of for the and de la van von al on")

# --- Punctuation and the shapes of names and datelines ---

# Abbreviations the tokenizer splits from their stop, so the sentencizer cuts after
# them: titles before a name and "No." before a number (sentences.py joins them back).
ABBREVIATIONS = word_set(
    """Lt Col Sgt Capt Cmdr Cmdt Maj Brig Cpl Pvt Ft Gens Sens Reps Govs Lt.-Gov Supt Det
    Insp Atty Hon Msgr No Nos Tex Sept Pres Dept Univ Assn Bros approx est"""
)

QUOTES = "\"'“”‘’«»„`"
OPENING_JUNK = QUOTES + "…-–—.· \t\r"
TERMINAL = ".!?…"
DATELINE_RE = re.compile(
    r"^[A-Z][\w.'’]*(?:[ /][A-Z][\w.'’]*){0,3}(?: \([^)]{1,30}\))? ?[—–-]{1,2} (?=[A-Z\"“])"
)
# Past tenses without "-ed", by which a subject's end is seen: "The president left ...".
IRREGULAR_PASTS = word_set(
    """left made took gave told said went came sent held spent won lost ran began brought
    put set kept met led wrote spoke thought felt found got saw struck stood sat drew
    chose fought rose fell broke paid sold built taught caught meant"""
)
# What a headline's "X:" may be that is no speaker: "Watch: ...", "Update: ...".
HEADLINE_LABELS = word_set(
    """look watch revealed breaking update updated exclusive video photos photo read related
    note source sources transcript analysis opinion editorial live correction fact check
    poll report contributing byline latest wow bombshell still huffpollster"""
)
# A transcript's speaker in capitals before what they say: "FALLIN: I think ...", and an
# interview's answers, "A: ..." (the interviewee speaks; "Q:" lines are questions).
SPEAKER_LABEL_RE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{1,30}[A-Z]|A):\s")
PROPER_NAME_TAIL_RE = re.compile(
    r"(?:\b(?:al|el|ad|as|ash|an)-)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?"
    r"(?:\s+(?:(?:al|el)-|(?:of|for|and|on) (?:the )?)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?)*$"
)
