"""Comment sections of real pages in many languages: precision and recall.

No labelled article line may be lost, in the dev set or the holdout: deleting
article content is the worst failure. Recall floors catch a change that stops
taking sections. Report: ``python tests/devset_score.py -v``.
"""

from __future__ import annotations

from cleaner import Cleaner

from devset_score import (
    COMMENTS_DEV,
    COMMENTS_HOLDOUT,
    COMMENTS_HOLDOUT2,
    COMMENTS_HOLDOUT3,
    COMMENTS_HOLDOUT4,
    COMMENTS_HOLDOUT5,
    COMMENTS_HOLDOUT6,
    documents,
    score,
)

CLEANER = Cleaner.from_yaml()
DEV = score(CLEANER, documents(COMMENTS_DEV))
HOLDOUT = score(CLEANER, documents(COMMENTS_HOLDOUT))
HOLDOUT2 = score(CLEANER, documents(COMMENTS_HOLDOUT2))
HOLDOUT3 = score(CLEANER, documents(COMMENTS_HOLDOUT3))
HOLDOUT4 = score(CLEANER, documents(COMMENTS_HOLDOUT4))
HOLDOUT5 = score(CLEANER, documents(COMMENTS_HOLDOUT5))
HOLDOUT6 = score(CLEANER, documents(COMMENTS_HOLDOUT6))


def test_the_sets_cover_many_languages_and_articles_about_commenting():
    dev = documents(COMMENTS_DEV)
    assert len({doc.lang for doc in dev}) >= 18
    assert len([doc for doc in dev if doc.path.name.startswith("stay-")]) >= 15
    assert len({doc.lang for doc in documents(COMMENTS_HOLDOUT)}) >= 15


def test_no_article_line_is_removed_in_the_dev_set():
    assert DEV["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_holdout():
    assert HOLDOUT["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_second_holdout():
    assert HOLDOUT2["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_third_holdout():
    # Scored once (precision 0.978: the three closing lines of an administrator's note
    # about reporting comments, uk/stay-kopychyntsi, went as a section glued to its
    # first line); since then the head of a line that a section is glued to counts as
    # article text when deciding whether the document is about commenting.
    assert HOLDOUT3["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_fourth_holdout():
    # Scored once blind at the end of its round: precision 0.996, a subheading of a
    # privacy policy ("Contacting Us", en/sibenlab.blogspot.com) taken by the `lead`
    # rule credits/lead-name, which is off by default since.
    assert HOLDOUT4["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_fifth_holdout():
    # Scored once blind at the end of its round: precision 0.980, 14 lines of four
    # documents lost (a court ruling on comments under a Facebook post, a site's page of
    # rules for its discussions, a recipe card's fields, a post titled "Kommentarer");
    # see tests/comments/holdout5/README.md, "After the scoring".
    assert HOLDOUT5["all"].wrongly_removed == []


def test_no_article_line_is_removed_in_the_sixth_holdout():
    # Scored once blind at the end of its round: precision 0.956, 7 lines of two
    # documents lost (a site's page of rules for its discussions under a logo's line, the
    # last paragraph of a blog post about the comments it deletes); see
    # tests/comments/holdout6/README.md, "After the scoring".
    assert HOLDOUT6["all"].wrongly_removed == []


def test_recall_does_not_regress():
    assert DEV["all"].recall >= 0.97
    assert HOLDOUT["all"].recall >= 0.95
    # First scored at 0.732 (see tests/comments/README.md, "Holdout 2"); 0.963 once
    # long threads and the debris below a section were taken (tuned on it since).
    assert HOLDOUT2["all"].recall >= 0.97
    # First scored at 0.600 (see tests/comments/README.md, "Holdout 3"); 0.668 with
    # vocabulary written without reading it, 0.968 once tuned on it (rules under a
    # section's heading, one-comment threads, sentences not cut inside a word).
    assert HOLDOUT3["all"].recall >= 0.96
    # Scored once blind: 0.939 with the rules of the start of its round, 0.955 at its end;
    # 0.988 once tuned on it (packs for el and da, words of Turkish log-in prompts, a
    # policy paragraph's words offer the document).
    assert HOLDOUT4["all"].recall >= 0.98
    # Scored once blind: 0.986 with the rules of the start of its round, 0.987 at its end;
    # 0.993 once a reader's comment under a heading that counts it no longer needed its
    # header's date, which another rule may take.
    assert HOLDOUT5["all"].recall >= 0.99
    # Scored once blind: 0.791 with the rules of the start of its round, 0.796 at its end
    # (ko 1 of 30: a rules box, form and comments with no cue the Korean pack knows).
    assert HOLDOUT6["all"].recall >= 0.78
    for lang in ("ar", "de", "en", "es", "fr", "ja", "ko", "ru", "uk", "zh"):
        assert DEV[lang].recall >= 0.9, lang
    # The holdouts are tuning sets now: the languages they cover well stay covered.
    for lang in ("ar", "es", "fr", "it", "nl", "pl", "pt", "ru", "sk", "sv", "tr", "zh"):
        assert HOLDOUT[lang].recall >= 0.9, lang
    for lang in ("de", "en", "es", "fr", "ja", "ko", "pt", "sv", "zh"):
        assert HOLDOUT2[lang].recall >= 0.95, lang
    for lang in ("ar", "de", "en", "es", "fa", "fr", "ko", "pl", "ru", "tr"):
        assert HOLDOUT3[lang].recall >= 0.9, lang
    for lang in ("ar", "da", "de", "el", "en", "es", "fr", "it", "pl", "tr", "zh"):
        assert HOLDOUT4[lang].recall >= 0.95, lang
    for lang in ("da", "de", "en", "es", "fr", "it", "nl", "pl", "pt", "sv", "zh"):
        assert HOLDOUT5[lang].recall >= 0.95, lang


def test_glued_sections_are_cut_where_they_start():
    # Real glued records (crawl text stored without line breaks) and glued page text.
    assert DEV["all"].glued >= 12
    # 25 of 35 in the four sets, 32 once a heading that counts comments took them, a
    # credit before a glued cue stayed, and cues after a word were found in scripts
    # without capitals.
    assert DEV["all"].glued_cut >= 12
    assert HOLDOUT2["all"].glued_cut >= 13  # of 14
    assert HOLDOUT3["all"].glued_cut >= 7  # of 8
    # Of 6: scored blind, 0 with the start's rules, 2 at its end; 6 once cues after a
    # danda or an Urdu full stop, nodes split at spaces in Chinese and a counted thread
    # of any length were cut (hi and ur with packs of their own).
    assert HOLDOUT4["all"].glued_cut >= 5
    # Of 8: scored blind, 5 at the end of its round; 6 once "após análise" was a word of
    # moderation in Portuguese.
    assert HOLDOUT5["all"].glued_cut >= 6
    # Of 8: scored blind, 1 at the end of its round (the Indonesian record); 2 once
    # Blogger's English counter ("0 comments:") was a cue word of Hindi.
    assert HOLDOUT6["all"].glued_cut >= 2
