"""The ``section`` kind: comment sections found by their vocabulary, not their phrasing."""

from __future__ import annotations

import pytest

from cleaner.engine.document import Document
from cleaner.kinds.section import SectionRule
from cleaner.ruleset.rulefile import load_rule_text
from cleaner.ruleset.spec import RuleSpec

ENGLISH = {
    "cue": ["leave a reply", "comments are closed"],
    "topic": ["comment", "reply", "replies"],
    "policy": ["moderat", "publish", "remove", "respect", "abusive"],
    "form": ["name", "email", "website", "required", "post comment", "cancel reply"],
    "narration": ["said", "told"],
}
ARTICLE = (
    "The council approved the budget on Tuesday after a long debate about schools.\n"
    "Its members said the new plan would take effect in the spring of next year.\n"
)


def english(**options) -> SectionRule:
    return SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": ENGLISH, **options}))


def removed(rule: SectionRule, text: str) -> list[str]:
    doc = Document.from_text(text)
    return [doc.lines[index] if new is None else f"{doc.lines[index]} -> {new}"
            for index, new in rule.find(doc)]


def test_a_form_with_its_policy_is_taken_whole():
    section = ("Leave a Reply\nComments are moderated before they are published.\n"
               "Name *\nEmail *\nWebsite\nPost Comment\n")
    assert removed(english(), ARTICLE + section) == section.splitlines()


def test_a_lone_mention_of_comments_in_prose_stays():
    text = ARTICLE + "The ministry declined to comment on the report.\n"
    assert removed(english(), text) == []


def test_reported_speech_is_not_a_policy():
    text = ARTICLE + "The agency said abusive comments would be removed and not published.\n"
    assert removed(english(), text) == []


def test_readers_comments_under_their_author_and_date_are_taken_with_the_thread():
    section = ("2 comments\nJohn Smith\nMarch 3, 2020 at 5:12 pm\n"
               "I think the council made the right call on this one, schools matter most.\n"
               "The bridge has needed repairs for years, and everyone in town knows it.\n"
               "Reply\nAnna Lee\nMarch 4, 2020 at 9:40 am\n"
               "Taxes will go up again, and nobody asked the people who pay them first.\n"
               "Reply\nLeave a Reply\nName *\nEmail *\n")
    vocabulary = {**ENGLISH, "cue": [*ENGLISH["cue"], "comments"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_prose_under_a_single_dateline_is_no_thread():
    text = ("2 comments\nMarch 3, 2020 at 5:12 pm\n" + ARTICLE
            + "The mayor will present the details at a public meeting on Friday evening.\n"
            "Leave a Reply\nName *\nEmail *\n")
    assert removed(english(), text) == ["Leave a Reply", "Name *", "Email *"]


def test_a_few_short_lines_of_other_debris_may_follow_the_section():
    section = "Leave a Reply\nYour comment is moderated before we publish it.\nName *\n"
    footer = "All rights reserved by The Daily Example newspaper group.\n"
    assert removed(english(), ARTICLE + section + footer) == section.splitlines()
    # Residue after the section (menu words) goes with it.
    assert removed(english(), ARTICLE + section + "About us\nContact\n") == [
        *section.splitlines(), "About us", "Contact"]


def test_an_article_about_commenting_keeps_its_policy_paragraphs():
    text = (
        "Starting today, comments on our site are open again after a two-week pause.\n"
        "We closed comments because of a wave of abusive posts.\n"
        "Comments that are abusive will be removed, and moderators publish the rest.\n"
        "Leave a Reply\nName *\nEmail *\n"
    )
    assert removed(english(), text) == ["Leave a Reply", "Name *", "Email *"]


def test_a_section_glued_to_the_last_sentence_is_cut_there():
    line = ("The plan takes effect in the spring.Comments are moderated and published "
            "after review. Please be respectful.")
    assert removed(english(), ARTICLE + line + "\n") == [
        f"{line} -> The plan takes effect in the spring."]


def test_a_short_quote_that_mentions_comment_is_not_a_glued_section():
    text = ARTICLE + "He refused to answer questions. No comment.\n"
    assert removed(english(), text) == []


def test_languages_without_spaces_match_inside_words():
    vocabulary = {"cue": ["发表评论"], "topic": ["评论"], "policy": ["审核", "发布"],
                  "form": ["昵称", "邮箱"]}
    rule = SectionRule(RuleSpec("test/zh", "section", "Comments.",
                                options={"vocabulary": vocabulary, "word_start": False}))
    text = ("市政府周二批准了明年的预算方案，新计划将于春季生效。议员们经过长时间辩论，"
            "认为新的教育投入能够缓解学校的压力，也能改善全市的公共服务，市民普遍表示欢迎。"
            "市长在会后说，预算的执行情况将每季度向市议会报告一次，接受公众监督和审查。\n"
            "发表评论\n评论需经审核后才能发布。\n昵称\n邮箱\n")
    assert removed(rule, text) == ["发表评论", "评论需经审核后才能发布。", "昵称", "邮箱"]
    assert removed(rule, text.split("\n", 1)[1]) == []  # no article left: not a section


def test_prefixes_let_attached_letters_match():
    vocabulary = {"topic": ["تعليق", "التعليقات"], "policy": ["تنشر", "احترام"]}
    rule = SectionRule(RuleSpec("test/ar", "section", "Comments.",
                                options={"vocabulary": vocabulary, "prefixes": ["و", "ب"]}))
    text = ("وافق المجلس البلدي على الميزانية الجديدة يوم الثلاثاء بعد نقاش طويل استمر ساعات "
            "حول المدارس والطرق الجديدة.\nوالتعليقات لا تنشر الا باحترام.\n")
    assert removed(rule, text) == ["والتعليقات لا تنشر الا باحترام."]


def test_a_rule_file_declares_a_vocabulary():
    specs = load_rule_text(
        "rules:\n"
        "  - id: site/comments\n"
        "    kind: section\n"
        "    summary: Comment section.\n"
        "    vocabulary:\n"
        "      topic: [comment]\n"
        "      policy: [moderat]\n"
        "    examples:\n"
        "      - input: \"Body text.\\nComments are moderated here.\\n\"\n"
        "        output: \"Body text.\\n\"\n",
        "site.yaml",
    )
    assert specs[0].options["vocabulary"] == {"topic": ["comment"], "policy": ["moderat"]}


@pytest.mark.parametrize(("vocabulary", "message"), [
    ("{topics: [comment]}", "unknown word class `topics`"),
    ("{topic: comment}", "must be a list of words"),
    ("[comment]", "must be a mapping of word classes to lists of words"),
])
def test_a_bad_vocabulary_is_reported_with_its_place(vocabulary, message):
    from cleaner.ruleset.problems import RuleFileError

    text = ("rules:\n  - id: site/comments\n    kind: section\n    summary: Comments.\n"
            f"    vocabulary: {vocabulary}\n"
            "    examples:\n      - input: \"a\\n\"\n        unchanged: true\n")
    with pytest.raises(RuleFileError) as error:
        load_rule_text(text, "site.yaml")
    problem = error.value.problems[0]
    assert message in problem.message
    assert (problem.path, problem.line) == ("site.yaml", 5)


def test_a_form_glued_into_one_line_by_the_scraper_is_taken():
    # Text nodes joined without a space: a capital after a small letter, a word after "*".
    section = ("Leave a Reply Cancel replyYour email address will not be published. "
               "Required fields are marked *Comment * Name *\nEmail *\nWebsite\n")
    assert removed(english(), ARTICLE + section) == section.splitlines()


def test_a_prose_line_with_capitals_inside_its_words_stays_prose():
    text = ARTICLE + ("He said WordPress and YouTube removed the abusive comments.\n"
                      "Name\n")
    assert removed(english(), text) == []


def test_readers_comments_under_their_reply_buttons_are_taken_with_the_thread():
    # The header (author, date) and its "Reply" button come before the comment's text.
    section = ("Comments\nAnna Lee\n25.06.2015 at 07:25\nReply\n"
               "The bridge has needed repairs for years, and everyone in town knows it.\n"
               "Taxes will go up again, and nobody asked the people who pay them first.\n"
               "John Smith\n26.06.2015 at 09:39\nReply\n"
               "I think the council made the right call on this one, schools matter most.\n"
               "Leave a Reply\nName *\nEmail *\n")
    vocabulary = {**ENGLISH, "cue": [*ENGLISH["cue"], "comments"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_a_section_above_a_long_footer_is_offered_to_its_rule():
    from cleaner import Cleaner

    form = ["Leave a Reply", "Your email address will not be published.", "Name *", "Email *"]
    footer = ["Subscribe", "Which categories?", "Change Region", "Deutschland", "English",
              "France", "Italia", "Japan", "Privacy Notice", "Cookies"]
    cleaned = Cleaner.from_yaml().clean(ARTICLE + "\n".join(form + footer) + "\n")
    assert cleaned.startswith(ARTICLE)
    assert not set(form) & set(cleaned.splitlines())


def test_a_pager_of_page_numbers_does_not_end_the_section():
    pager = "".join(f"{number}\n" for number in range(1, 14))
    section = ("Leave a Reply\nName *\nEmail *\nWebsite\n" + pager + "Post Comment\n")
    assert removed(english(), ARTICLE + section) == section.splitlines()


def test_readers_comments_above_their_date_are_taken_with_the_thread():
    # Author, text, then the date and the buttons (Le Figaro's layout).
    section = ("12 comments\nAnna Lee\n"
               "The bridge has needed repairs for years, and everyone in town knows it.\n"
               "Le 21/04/2013 à 02:20\nReply\nJohn Smith\n"
               "I think the council made the right call on this one, schools matter most.\n"
               "Le 07/04/2013 à 17:29\nReply\nLeave a Reply\nName *\nEmail *\n")
    vocabulary = {**ENGLISH, "cue": [*ENGLISH["cue"], "comments"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_a_thread_of_short_comments_may_end_the_document():
    thread = "".join(f"Reader {n} says:\n2{n}.03.2018 at 11:2{n}\nThanks, that helped.\nAnswer\n"
                     for n in range(1, 6))
    section = "Leave a Reply\nName *\nEmail *\n5 comments\n" + thread
    vocabulary = {**ENGLISH, "cue": [*ENGLISH["cue"], "comments"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_a_forms_help_text_may_hold_short_lines_between_its_sentences():
    section = ("Leave a Reply\n"
               "To comment you must confirm the address in the email we sent you.\n"
               "Done\nCancel\n"
               "To comment please fill in the following details first.\n"
               "Name *\nEmail *\n")
    assert removed(english(), ARTICLE + section) == section.splitlines()
