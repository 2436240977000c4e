import random
import re

import pytest

from tidynews.errors import SeedError
from tidynews.pipeline import segment as segment_module
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.segment import _QUOTED, _unquoted, segment, voice_score
from tidynews.pipeline.spans import Span


def doc(text: str) -> Document:
    return Document("d", "seeds/d.txt", "0" * 64, "utf-8", text)


def texts(text: str) -> tuple[str, list[str]]:
    seg = segment(doc(text))
    return seg.article.text_of(text), [span.text_of(text) for span in seg.comments]


REPORT = (
    "Heavy rain flooded the lower town on Sunday, officials said.\n"
    "About 300 homes lost power, according to the utility, and two schools stayed closed "
    "while crews pumped water out of their basements.\n"
    "Repairs are expected to take a week, and the council will meet on Thursday to decide "
    "whether to raise the levee along the eastern bank.\n"
)
REPLY = "Exactly! You said it better than the council ever will."


def test_article_without_comments_gets_none():
    article, comments = texts(REPORT)
    assert article == REPORT.rstrip("\n")
    assert comments == []


@pytest.mark.parametrize(
    "comment",
    [
        "I lived there for ten years and this happens every spring.",
        "Has anyone asked why the levee was never finished?",
        "@ marta, the utility says otherwise.",
        "you people never learn.",
        "What a disgrace! Obviously nobody planned for this.",
        "Yes, and the council knew it all along.",
    ],
    ids=["first-person", "question", "reply", "second-person", "exclamation", "interjection"],
)
def test_a_new_voice_starts_the_comments(comment):
    article, comments = texts(REPORT + comment + "\n" + REPLY + "\n")
    assert article == REPORT.rstrip("\n")
    assert comments == [comment, REPLY]


def test_every_paragraph_after_the_first_comment_is_a_comment():
    thread = ["I doubt it will be a week, you know?", "The town deserves better.", REPLY]
    _, comments = texts(REPORT + "\n".join(thread) + "\n")
    assert comments == thread


@pytest.mark.parametrize(
    "ending",
    [
        "What do you think of the council's plan?",  # a lone question to readers
        "I have lived by this river all my life. I remember the flood of 1998, and I "
        "remember the promises made after it.\nI hope the council keeps them this time.",
        "Follow Jane Roe on Twitter @janeroe.\nJane Roe covers the town for the paper.",
        "ROE: Did you expect the water to rise so fast?\nSMITH: No. You never do.",
        '<tweet author="@townhall">Are you safe? Tell us where you are!</tweet>\n'
        "Crews worked through the night.",
        "''Did you see the water? I did,'' said one resident.\n"
        "''You could not cross the square,'' said another.",
        "BEIRUT, Lebanon (AP) — So how do you top that? Nobody on the river knows!\n"
        "What a night! Did you see the crowd on the bridge?",
        "@townwatch filmed the water rising in the square, and the clip was shared widely "
        "by evening, when the rain had already\n"
        "stopped and you could see the damage.",
    ],
    ids=[
        "lone-question",
        "op-ed-first-person",
        "byline",
        "transcript",
        "embed",
        "doubled-quotes",
        "dateline",
        "handle-as-subject-and-broken-line",
    ],
)
def test_an_article_that_ends_in_its_own_voice_has_no_comments(ending):
    assert texts(REPORT + ending + "\n")[1] == []


def test_a_headline_alone_is_no_article_to_comment_on():
    text = "Flood in the lower town\nDid anyone warn you? I never heard a thing!\nMe neither!\n"
    assert texts(text)[1] == []


def test_quoted_first_person_stays_in_the_article():
    text = (
        "The mayor visited the shelter on Monday.\n"
        '"I promise we will rebuild," she told reporters. "You have my word."\n'
        "“I saw the water rise,” a resident said.\n"
    )
    article, comments = texts(text)
    assert comments == []
    assert article == text.rstrip("\n")


def test_first_person_plural_of_an_institution_stays_in_the_article():
    text = (
        "The agency announced $5 million in aid on Tuesday.\n"
        "We will continue to work with our partners. But we cannot do it alone.\n"
    )
    assert texts(text)[1] == []


def test_page_chrome_is_in_no_segment_and_a_comments_header_starts_comments():
    text = (
        "Share this:\n"
        "The port reopened on Friday after a two-day strike, the union said.\n"
        "Tags: ports, strikes\n"
        "3 Comments\n"
        "The strike was justified.\n"
        "Reply\n"
        "Agree with the above.\n"
    )
    article, comments = texts(text)
    assert article == "The port reopened on Friday after a two-day strike, the union said."
    assert comments == ["The strike was justified.", "Agree with the above."]


def test_spans_exclude_carriage_returns_and_surrounding_space():
    report = REPORT.replace("\n", "\r\n\r\n")
    text = "  " + report + "I loved it!\r\n" + REPLY + "  \r\n"
    seg = segment(doc(text))
    assert seg.article == Span(2, 2 + len(report.rstrip()))
    assert [s.text_of(text) for s in seg.comments] == ["I loved it!", REPLY]


def test_first_paragraph_is_always_the_article():
    text = "I, Claudius is back on stage in Rome, the theatre said.\nTickets sold out.\n"
    article, _ = texts(text)
    assert article.startswith("I, Claudius")


def test_a_page_of_only_chrome_is_a_seed_error():
    with pytest.raises(SeedError, match=r"seeds/d\.txt: no article text, only page chrome"):
        segment(doc("Share this:\nReply\n"))


def test_attribution_lowers_the_voice_score():
    assert voice_score("Officials said the road was closed.") < 0
    assert voice_score("I think the road was closed.") >= 2


def test_unquoted_removes_what_the_quotation_pattern_matches():
    """_unquoted finds each ‘'s closing ’ once, where the regex re-read the paragraph
    from every ‘ (issue 28): it must still remove exactly the same quotations."""
    rng = random.Random(28)
    marks = ["‘", "’", "a", " ", "_", "1", "“", "”", '"', "«", "»", "``", "''", "’’", "é"]
    marks += ["Q: ", "A:", "KATE ROE: ", "<tweet ", "<tweetx", "\n", "B"]
    for _ in range(20_000):
        paragraph = "".join(rng.choices(marks, k=rng.randint(0, 14)))
        assert _unquoted(paragraph) == _QUOTED.sub(" ", paragraph), paragraph


@pytest.mark.parametrize("unit", ["‘", "‘a ", "I love you!\n", "‘Stop,’ I said.\n"])
def test_repetitive_pages_segment(unit):
    """30 KB of each: seconds to minutes while segmentation was quadratic."""
    text = unit * (30_000 // len(unit))
    assert segment(doc(text)).article.start == 0


def test_the_page_s_own_split_is_taken_not_guessed():
    """A seed from `tidynews ingest` says where its comments start: a reporting line
    after it is a comment, and a reader's exclamation before it stays article."""
    text = "Rain fell on Homs.\nWow, what a day!\nOfficials said the road reopened.\nNice.\n"
    page = Document("d", "seeds/d.txt", "0" * 64, "utf-8", text, n_article_paragraphs=2)
    split = segment(page)
    assert split.article.text_of(text) == "Rain fell on Homs.\nWow, what a day!"
    assert [c.text_of(text) for c in split.comments] == [
        "Officials said the road reopened.",
        "Nice.",
    ]
    guessed = segment(Document("d", "seeds/d.txt", "0" * 64, "utf-8", text))
    assert guessed != split  # without the page's word, the voices decide


def test_a_page_split_before_any_line_is_refused():
    page = Document("d", "seeds/d.txt", "0" * 64, "utf-8", "Text.\n", n_article_paragraphs=0)
    with pytest.raises(SeedError, match="seed-empty"):
        segment(page)


# The patterns as first written; segment.py writes them so that re scans faster.
_AS_WRITTEN = {
    "_FIRST_PERSON": r"\b(?:me|my|mine|myself)\b",
    "_SECOND_PERSON": r"\b(?:you|your|yours|yourself|you[’'](?:re|ve|ll|d))\b",
    "_INFORMAL": r"\b(?:lol|lmao|imo|imho|btw|omg|wtf|smh)\b|[!?]{2,}|\.{3}|…",
    "_SHOUTING": r"\b[A-Z]{2,}\s+[A-Z]{3,}\b",
}


@pytest.mark.parametrize("name", sorted(_AS_WRITTEN))
def test_fast_patterns_find_what_the_written_ones_do(name):
    fast, written = getattr(segment_module, name), re.compile(_AS_WRITTEN[name])
    rng = random.Random(14)
    pieces = ["me", "my", "mine", "myself", "you", "your", "yourself", "you’re", "you'd"]
    pieces += ["lol", "imho", "smh", "!", "?", ".", "…", "NO", "WAY", "HOW", "ok", "I"]
    pieces += ["a", "x", "_", "1", " ", "\n", "-", "é", "É"]
    for _ in range(20_000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 8)))
        assert bool(fast.search(text)) == bool(written.search(text)), text


def test_a_speaker_s_turn_is_quoted_speech():
    assert _unquoted("Q: Did you see it?") == " "
    assert _unquoted("SMITH: I did.\nThen ‘we left’") == " \nThen  "
    assert voice_score("Q: Did you see it? I did!") <= 0
