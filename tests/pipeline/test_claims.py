"""Claims: sentence spans, attribution, hedging and kind, on news-style sentences."""

import pytest

from tests.conftest import GOLD, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.evaluation.score import evaluate
from tidynews.pipeline.claims import find_claims
from tidynews.pipeline.spans import Span


def claims_of(text: str, voice: str = "author"):
    return find_claims(text, Span(0, len(text)), voice)


def one(text: str, voice: str = "author"):
    (claim,) = claims_of(text, voice)
    return claim


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        ("The ministry said that the road had reopened.", "The ministry", "said"),
        ("Local officials say the dam is safe.", "Local officials", "say"),
        ("The road had reopened, the ministry said.", "the ministry", "said"),
        ("The road had reopened, the ministry said on Monday.", "the ministry", "said"),
        ("The road had reopened, said the governor.", "the governor", "said"),
        ("According to the Red Crescent, 40 trucks crossed.", "the Red Crescent", "According to"),
        ("Forty trucks crossed according to local sources.", "local sources", "according to"),
        ("Rebel commanders believe that the town will fall.", "Rebel commanders", "believe"),
        (
            "The Interior Ministry has said the border is closed.",
            "The Interior Ministry",
            "has said",
        ),
        (
            "The village was shelled, the opposition outlet Enab Baladi reported.",
            "Enab Baladi",
            "reported",
        ),
        (
            "The governor of the province, Ali Hassan, announced a curfew.",
            "Ali Hassan",
            "announced",
        ),
        (
            "Two men died in what medics said was a drone strike.",
            "medics",
            "said",
        ),
    ],
)
def test_reporting_constructions_give_claimant_and_cue(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue, claim.kind) == (claimant, cue, "report")


def test_a_negated_reporting_verb_is_no_attribution():
    claim = one("The ministry did not say when the road would reopen.")
    assert (claim.claimant, claim.cue) == ("author", None)


def test_a_pronoun_claimant_is_the_last_named_source():
    text = (
        "The mayor, Sara Novak, condemned the attack. "
        '"We will rebuild the market," she said on the radio.'
    )
    first, second = claims_of(text)
    assert first.claimant == "Sara Novak"
    assert (second.claimant, second.cue) == ("Sara Novak", "said")
    assert text[second.span.start] == "W"  # no leading quote mark in the span


def test_a_quotation_after_an_attributed_one_keeps_its_speaker():
    text = '"The market will open," she said. "Nobody should be afraid."'
    first, second = claims_of("Mayor Sara Novak spoke. " + text)[1:]
    assert second.claimant == first.claimant == "she"
    assert second.cue is None
    assert second.kind == "report"


def test_unattributed_sentences_take_the_voice_of_their_segment():
    assert one("The bridge reopened on Monday.").claimant == "author"
    comment = one("The bridge reopened on Monday.", voice="commenter")
    assert (comment.claimant, comment.claimant_type) == ("commenter", "commenter")


@pytest.mark.parametrize(
    "text",
    [
        "Did anyone check the figures?",
        "What about the convoy that left yesterday.",
        "Hooray!",
        "Thanks!",
        "Hi all",
        "How come nobody noticed??",
    ],
)
def test_questions_interjections_and_greetings_are_not_claims(text):
    assert claims_of(text, voice="commenter") == []


def test_a_comment_that_quotes_the_article_is_the_commenter_s_claim():
    claim = one('You wrote "the bridge reopened" but it is still closed.', voice="commenter")
    assert (claim.claimant, claim.cue) == ("commenter", None)


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The commander was allegedly killed in the raid.", "allegedly"),
        ("The truce could collapse within days.", "could"),
        ("The deal may include a prisoner swap.", "may"),
        ("The convoy was reportedly hit twice.", "reportedly"),
        ("Whether the truce holds is debatable.", "debatable"),
        ("Explosions could be heard across the city.", None),
        ("Reporters could not verify the account.", None),
        ("May God protect them all.", None),
        ("The rebels claimed responsibility for the attack.", None),
    ],
)
def test_hedges_count_only_in_their_uncertainty_sense(sentence, hedge):
    claim = one(sentence)
    assert (claim.hedged, claim.hedge_cue) == (hedge is not None, hedge)


@pytest.mark.parametrize(
    ("sentence", "voice", "kind"),
    [
        ("The army took the town on Monday.", "author", "assertion"),
        ("The talks will resume next week.", "author", "forecast"),
        ("The shelling threatens to cut the road.", "author", "forecast"),
        ("It is imperative that aid reaches the town.", "author", "opinion"),
        ("I think the offensive is a mistake.", "commenter", "opinion"),
        ("The general deserves a medal.", "commenter", "opinion"),
        ("The offensive might stall in the desert.", "commenter", "opinion"),
        ("The army took the town on Monday.", "commenter", "assertion"),
    ],
)
def test_kind_rules(sentence, voice, kind):
    assert one(sentence, voice).kind == kind


def test_sentence_splitting_survives_abbreviations_numbers_and_ellipsis():
    text = (
        "U.S. officials met Mr. Haddad on Jan. 5 to discuss 1,500.5 tonnes of aid. "
        "The talks ended… Then the convoy left; the road was open."
    )
    spans = [c.span.text_of(text) for c in claims_of(text)]
    assert spans == [
        "U.S. officials met Mr. Haddad on Jan. 5 to discuss 1,500.5 tonnes of aid.",
        "The talks ended…",
        "Then the convoy left",
        "the road was open.",
    ]


def test_a_dateline_is_not_part_of_the_first_claim():
    text = "Kabul (AP) — Gunmen attacked a checkpoint on Sunday, police said."
    claim = one(text)
    assert claim.span.text_of(text).startswith("Gunmen attacked")


def test_claims_are_only_in_their_segment_and_offsets_are_absolute():
    text = "Header\nThe dam held, engineers said.\nI doubt that."
    comment = Span(text.index("I doubt"), len(text))
    (claim,) = find_claims(text, comment, "commenter")
    assert claim.span.text_of(text) == "I doubt that."
    assert comment.contains(claim.span)


def test_build_links_figures_to_the_claim_that_contains_them(tmp_path):
    article = "Officials said 40 trucks crossed on Monday.\n"
    comment = "Did 12 trucks turn back?\n"
    seeds = write_seeds(tmp_path / "seeds", {"convoy": article + comment})
    build(seeds, tmp_path / "out")
    package = read_package(tmp_path / "out" / "datapackage.json")
    claims = package.load("claims")
    assert claims.select("claimant", "cue", "kind").rows() == [("Officials", "said", "report")]
    figures = dict(package.load("figures").select("text", "claim_id").rows())
    assert figures == {"40 trucks": claims["claim_id"][0], "12 trucks": None}  # a question


def test_development_corpus_claims_quality(corpus_package):
    """Quality gate from the claims issue: strict F1 >= 0.85, claimant and cue >= 0.90."""
    claims = evaluate(corpus_package, GOLD).tables["claims"].to_dict()
    assert claims["strict"]["f1"] >= 0.85
    assert claims["accuracy"]["claimant"] >= 0.90
    assert claims["accuracy"]["cue"] >= 0.90


@pytest.mark.parametrize(
    ("text", "claimant", "cue"),
    [
        (
            "``The banks are on the edge,'' said Jane Roe, an analyst at a small firm.",
            "Jane Roe",
            "said",
        ),
        ("''We will win,'' the senator said on Monday.", "the senator", "said"),
        ("The vote was close,’’ said Roe, recalling a call with the mayor that night.", None, None),
    ],
    ids=["said-name-appositive", "doubled-quotes", "unparsed-inverted"],
)
def test_doubled_quote_marks_never_make_an_empty_claimant(text, claimant, cue):
    claim = one(text)
    assert claim.claimant  # an empty claimant made the whole package invalid
    if claimant is not None:
        assert (claim.claimant, claim.cue) == (claimant, cue)


def test_a_pronoun_with_no_source_before_it_stays_a_pronoun():
    claim = one("''We lived very ordinary lives,'' she said.")
    assert (claim.claimant, claim.cue) == ("she", "said")


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        # a role in lower case before the name, then an apposition
        (
            "Former port director Ana Ruiz, a union ally, said the dock would close.",
            "Former port director Ana Ruiz",
            "said",
        ),
        (
            "Harbour delegate Omar Diaz, wearing a red cap, said the vote was fair.",
            "Harbour delegate Omar Diaz",
            "said",
        ),
        # "One of ..." is a description, the name after it speaks
        ("One of her aides, Lena Park, told reporters the port would reopen.", "Lena Park", "told"),
        # an aside between dashes
        (
            "Mayor Ana Ruiz — a former dock worker — promised a new pier.",
            "Mayor Ana Ruiz",
            "promised",
        ),
        (
            "Reached on Monday, Ruiz — who chairs the board — told the Herald she would stay.",
            "Ruiz",
            "told",
        ),
        # a bare collective noun, and "it" with an adverb before its cue
        ("A ferry ran aground near the pier, police said.", "police", "said"),
        ("It also said the port had hired forty new pilots.", "It", "also said"),
        # a long opening adverbial or a conjunction before the subject of a participle
        (
            "In a speech to dock workers in the harbour town on Monday night, Ruiz struck a calm tone, saying the port would reopen.",
            "Ruiz",
            "saying",
        ),
        ("And Ruiz went on, mocking the board's plan for the pier.", "Ruiz", "mocking"),
    ],
)
def test_sources_behind_roles_asides_and_adverbials(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        # who reports that someone said it is the source
        (
            "Ruiz said the pier was unsafe, according to two board members.",
            "two board members",
            "according to",
        ),
        # what a statement cue put out is part of the cue
        (
            "The board issued a statement saying the port was safe.",
            "The board",
            "issued a statement saying",
        ),
        (
            "The union released the following statement: the strike goes on.",
            "The union",
            "released the following statement:",
        ),
        ("The board expressed concern that the port was unsafe.", "The board", "expressed concern"),
        ("Ruiz expressed her sympathy for the crews.", "Ruiz", "expressed her sympathy for"),
        # "press" and "emails" before a verb are nouns, not cues
        (
            "Harbour press secretary Ana Ruiz told reporters the port was safe.",
            "Harbour press secretary Ana Ruiz",
            "told",
        ),
    ],
)
def test_the_reporting_source_and_what_a_cue_puts_out(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


def test_a_noun_before_a_cue_is_no_cue():
    claim = one("Two emails from board members show the port was shut.")
    assert (claim.claimant, claim.cue) == ("Two emails from board members", "show")


def test_a_past_tense_with_a_reported_clause_is_a_cue():
    claim = one("The harbour court ruled that the strike was lawful.")
    assert (claim.claimant, claim.cue) == ("The harbour court", "ruled")
    assert one("The board pursued that goal for years.").claimant == "author"


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        # the quoted speaker's "I thought" is no attribution: the name after the quote is
        ("We heard what I thought we would hear,” said Ana Ruiz.", "Ana Ruiz", "said"),
        # a possessive apostrophe is no quote mark
        ("The Harbours' board said the pier would reopen.", "The Harbours' board", "said"),
        # a plural noun with its modifiers before a plural verb
        ("Sources close to the mayor say she will run again.", "Sources close to the mayor", "say"),
        # "X's chief, Name, said": the name speaks
        ("The port board's chairman, Omar Diaz, said the dock was safe.", "Omar Diaz", "said"),
    ],
)
def test_quoted_first_person_possessives_and_plural_sources(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        (
            "Retired admiral Ana Ruiz told the board the pier was safe.",
            "Retired admiral Ana Ruiz",
            "told",
        ),
        ("The pier is safe, a new survey shows.", "a new survey", "shows"),
        ("Local papers were reporting that the pier had closed.", "Local papers", "were reporting"),
        ("People who live near the pier say the noise is constant.", "People", "say"),
        ("Dock workers whose shifts were cut say the port is failing.", "Dock workers", "say"),
        # a cue in a relative clause gives way to the main clause's
        (
            "Omar Diaz, who heads a group that urges ferry reform, said the pier was unsafe.",
            "Omar Diaz",
            "said",
        ),
    ],
)
def test_roles_documents_progressives_and_relative_clauses(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        # the sentence's subject speaks in a later coordinated verb or a participle
        (
            "Harris’ campaign booked new ads on Tuesday and announced a recount.",
            "Harris’ campaign",
            "announced",
        ),
        (
            "Before the ferry sailed, the captain checked the hold and asked for calm.",
            "the captain",
            "asked for",
        ),
        (
            "Ruiz's lawyers reviewed the files and found that two were missing.",
            "Ruiz's lawyers",
            "found",
        ),
        (
            "The mayor has ignored the board, after telling aides she would resign.",
            "The mayor",
            "telling",
        ),
        ("And even Ruiz tried to calm the crowd, noting that the port was safe.", "Ruiz", "noting"),
        (
            "SALEM, Ore. (AP) - Mayor Ana Ruiz toured the dock and said the pier would reopen.",
            "Mayor Ana Ruiz",
            "said",
        ),
    ],
)
def test_a_sentence_subject_with_its_head_noun_speaks_in_a_later_verb(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


def test_two_names_before_a_cue_the_first_speaks_and_i_is_passed_over():
    claim = one("Omar Diaz, Mayor of Salem, voiced his doubts about the pier.")
    assert (claim.claimant, claim.cue) == ("Omar Diaz", "voiced his doubts about")
    found = claims_of(
        "Ruiz said so. “I want to wait until I see the plans” before discussing it, she said."
    )
    assert [(c.claimant, c.cue) for c in found] == [("Ruiz", "said"), ("Ruiz", "said")]


def test_a_named_poll_and_a_position_made_clear_are_reports():
    claim = one("Ruiz leads Diaz by nine points in a new Harbour Institute poll.")
    assert (claim.claimant, claim.cue) == ("a new Harbour Institute poll", "in")
    assert one("Ruiz has risen in the polls since May.").claimant == "author"
    claim = one("Ruiz has made it clear that she will run.")
    assert (claim.claimant, claim.cue) == ("Ruiz", "has made it clear")


def test_it_and_a_noun_with_its_clause_are_sources():
    claim = one("It plans to raise fares more slowly than before.")
    assert (claim.claimant, claim.cue) == ("It", "plans")
    claim = one("The figure that caught the eyes of analysts shows a close race.")
    assert (claim.claimant, claim.cue) == ("The figure that caught the eyes of analysts", "shows")
    assert (
        one("The port closed after the board that runs it warned of storms.").claimant == "author"
    )


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        ("The pier is unsafe, inspection records show.", "inspection records", "show"),
        ("But critics like Omar Diaz say the pier is unsafe.", "critics like Omar Diaz", "say"),
        ("The board released details of its plan for the pier.", "The board", "released"),
    ],
)
def test_modified_plural_sources_and_what_a_release_puts_out(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        (
            "Port officials are confident that the pier will reopen.",
            "Port officials",
            "are confident",
        ),
        ("Ruiz remains worried about the pier.", "Ruiz", "remains worried about"),
    ],
)
def test_a_state_of_mind_with_what_it_is_about_is_a_cue(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)
    assert one("The board is concerned.").claimant == "author"


def test_a_base_form_after_a_plural_head_with_its_modifiers_is_a_verb():
    claim = one("Polls in New Hampshire show Ruiz ahead.")
    assert (claim.claimant, claim.cue) == ("Polls in New Hampshire", "show")
    claim = one("Most in Salem want a new pier.")
    assert (claim.claimant, claim.cue) == ("Most in Salem", "want")


def test_a_participle_after_an_irregular_past_or_a_long_adverbial_is_the_subjects():
    claim = one("The mayor left no doubt about her plans, saying she would run.")
    assert (claim.claimant, claim.cue) == ("The mayor", "saying")
    text = "At a rally in Salem, Oregon, on Sunday, Ruiz tried to calm the crowd, saying the pier was safe."
    assert (one(text).claimant, one(text).cue) == ("Ruiz", "saying")


def test_a_participle_after_with_and_a_pronoun_after_an_adverbial():
    claim = one("Ruiz and Diaz are locked in a tight race, with polls showing Ruiz ahead.")
    assert (claim.claimant, claim.cue) == ("polls", "showing")
    claim = one("By Sunday afternoon she had canceled the rally in Salem, citing the storm.")
    assert (claim.claimant, claim.cue) == ("she", "citing")


def test_an_opening_mark_typed_where_a_quote_closes_closes_it():
    claim = one("“The pier is unsafe,“ said Omar Diaz, an engineer.")
    assert (claim.claimant, claim.cue) == ("Omar Diaz", "said")


def test_a_participle_opening_the_sentence_is_the_main_subjects():
    claim = one("In describing the new pier, Ruiz said it was the best in the state.")
    assert (claim.claimant, claim.cue) == ("Ruiz", "describing")


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        ("The mayor opined that the pier was too costly.", "The mayor", "opined"),
        ("Ruiz cried foul over the vote.", "Ruiz", "cried"),
        ("Critics dubbed the pier a bridge to nowhere.", "Critics", "dubbed"),
    ],
)
def test_more_reporting_verbs_of_the_register(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)
    assert one("The crowd let out a cry of dismay.").claimant == "author"


def test_note_question_and_forecast_are_verbs_after_a_source():
    claim = one("Analysts note that the pier has lost money.")
    assert (claim.claimant, claim.cue) == ("Analysts", "note")
    claim = one("Some engineers question whether the pier is safe.")
    assert (claim.claimant, claim.cue) == ("Some engineers", "question")
    assert one("The board left a note on the door.").claimant == "author"


def test_point_to_is_a_cue_after_its_source():
    claim = one("Engineers point to cracks in the pier as proof of neglect.")
    assert (claim.claimant, claim.cue) == ("Engineers", "point to")


def test_more_speech_participles_share_the_subject():
    claim = one("Ruiz spoke for an hour, chiding the board for its delays.")
    assert (claim.claimant, claim.cue) == ("Ruiz", "chiding")


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        ("Ruiz weighed in on the pier.", "Ruiz", "weighed in"),
        ("Ruiz hit back at the board.", "Ruiz", "hit back"),
        ("The union sided with the board.", "The union", "sided with"),
        ("Ruiz ripped the plan as a waste.", "Ruiz", "ripped"),
        ("Ruiz pushed back against the board.", "Ruiz", "pushed back"),
        ("Ruiz took aim at the board.", "Ruiz", "took aim"),
        ("Ruiz laid out her plan for the pier.", "Ruiz", "laid out"),
    ],
)
def test_phrasal_and_combative_reporting_verbs(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)
    assert one("The fire spread to the pier.").claimant == "author"
    assert one("Ruiz took the ferry to the pier.").claimant == "author"
