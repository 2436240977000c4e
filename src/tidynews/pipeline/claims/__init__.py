"""Claims: the sentences that assert something, who asserts them, how surely, and what kind.

Each paragraph is split into sentences by spaCy's rule sentencizer (tokenizer
exceptions keep "U.S." and "Mr." whole; cuts after other abbreviations, "Lt." or
"No.", are joined back), then at ";". A sentence is a claim unless
it is a question, an interjection or a greeting (sentences.py). Attribution is read
with rules; rules 1-5 look for a reporting cue (cues.py), rules 6-7 apply when there
is none (claimants.py):

1. "in what X said were ...": X, cue "said";
2. "According to X, ...": X, cue "According to";
3. otherwise the first cue of the sentence that has a source, in any position: its
   subject before it ("X said", "X, a former negotiator, has warned", "But X says",
   "X (D-N.Y.) said", "Farmers in Kent who lost crops said", "X on Sunday said",
   "X went on to criticize"), the agent of a passive cue ("was reported by X"), its
   inverted subject after it ("..., said X, the ...", '...," mused X'), or the
   sentence's opening subject for ", saying", "by telling", ", and then said" and a
   headline's ", vows"; cues are the news register's speech, writing, thought and
   stance verbs ("a poll shows", "has called for"), written with their auxiliaries
   and particles; cues inside quotation marks are the quoted speaker's words and are
   skipped (quotes.py); reading X off the tokens is subjects.py's (the opening subject
   later cues share, opening.py's; the shapes of names, names.py's);
4. "... according to X" where it comes first; a headline "X: '...'" or "X camp: ..."
   (cue ":"); "X put it plainly: '...'" (cue ":"); a participle right after a noun
   ("voters saying") only when nothing else attributes the sentence;
5. a transcript's "NAME:" paragraph is NAME's, an interview's "A:" the interviewee's;
6. every other sentence of a quotation that names its speaker (before, after or just
   outside the closing mark), a later quotation of the same paragraph, a quotation
   reopened in the next paragraph, a paragraph introduced by "X said:": the same X,
   cue null;
7. otherwise the segment's own voice: "author" in the article, "commenter" in a comment.

A pronoun as X stands for the nearest compatible named source of the same paragraph
("he"/"she" a person, "they"/"it" a body), else stays as written; "the report" /
"the source" stand for the last source named. Kind, in this order: report (a third
party's claim), opinion (first person singular, a wish, an evaluative or deontic
word; a hedged comment), forecast (future tense or "threaten(s) to"), else assertion
(sentences.py). The words all these rules read are in lexicon.py.
"""

from tidynews.pipeline.claims.sentences import Claim, find_claims

__all__ = ["Claim", "find_claims"]
