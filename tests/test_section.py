"""The ``section`` kind: comment sections found by their vocabulary, not their phrasing."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
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

    # Short debris of the page may follow the glued section ("Follow us ...").
    line = ("The plan takes effect in the spring. Comments are moderated and published "
            "after review. Follow us on the social networks for more news from town")
    assert removed(english(), ARTICLE + line + "\n") == [
        f"{line} -> The plan takes effect in the spring."]
    # A paragraph of short pieces ("No. 35 ...: ...") is the article's, and a
    # heading glued to it is cut off.
    line = ("Results of the exam. Name: Anna Lee. No. 35. Class: 4 B. Passed: yes. School: "
            "Northside. Date: 12 May. Signed by the head of the school and the board. "
            "Leave a Reply")
    assert removed(commented(), ARTICLE + line + "\n") == [
        f"{line} -> " + line.removesuffix(" Leave a Reply")]


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


COMMENTS = {**ENGLISH, "cue": [*ENGLISH["cue"], "comments"]}


def commented(**options) -> SectionRule:
    return SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": COMMENTS, **options}))


def test_an_authors_box_below_the_section_does_not_hide_it():
    # Two lines of 26 and 34 words below the form (a blog's author box), as on
    # lady50plus.de: other debris, left to other rules, but the section above is taken.
    section = "Leave a Reply\nYour comment is moderated before we publish it.\nName *\n"
    box = ("As the founder of the first image consultancy for the over-fifties, I have "
           "helped hundreds of women find a style that suits them and their lives.\n"
           "Imagine you would never again stand speechless in front of your wardrobe: a "
           "great thought, and with my help it comes true sooner than you think, in a "
           "few sessions at home.\n")
    assert removed(english(), ARTICLE + section + box) == section.splitlines()
    # The article's own last paragraph, long, with nothing above it, stays.
    assert removed(english(), ARTICLE + box) == []


def _thread(count: int) -> str:
    # Author, date, then the comment's text (blog.mondediplo.net's layout).
    return "".join(
        f"Reader{n}\n(2{n} June 2018 @11h1{n})\n"
        "The bridge has needed repairs for years, and everyone in town knows it well.\n"
        "Taxes will go up again, and nobody asked the people who pay them first.\n"
        for n in range(1, count + 1))


def test_comments_that_end_the_document_are_no_trailing_debris():
    # The last comment's short lines are part of the thread, not lines below it.
    section = "Leave a Reply\nName *\nEmail *\n3 comments\n" + _thread(3)
    assert removed(commented(), ARTICLE + section) == section.splitlines()


def test_a_long_thread_offers_the_document_to_its_rule_from_its_headers():
    # The heading is more than ``window`` lines above the end: the dated headers of
    # the thread below say where to look for it.
    section = "Leave a Reply\nName *\nEmail *\n12 comments\n" + _thread(12)
    cleaned = Cleaner.from_yaml().clean(ARTICLE + section)
    assert cleaned == ARTICLE
    # Dated lines at the end of an article without a section change nothing.
    dated = ("The first hearing is set for 21 June 2018 at 10:30 in the city court.\n"
             "The second is planned for 23 June 2018 at 14:00, the clerk's office said.\n")
    assert Cleaner.from_yaml().clean(ARTICLE + dated) == ARTICLE + dated


def test_the_rule_is_offered_a_thread_only_when_two_dated_headers_end_it():
    assert SectionRule.trigger_depth(["Anna", "(21 June 2018 @11h13)", "Well said."]) == 0
    assert SectionRule.trigger_depth(
        ["Anna", "(21 June 2018 @11h13)", "Well said.", "Bob", "(22 June 2018 @09h05)"]) > 25


def test_a_header_that_opens_with_its_date_may_name_what_it_answers():
    # la-bas.org: "# Le 3 juillet à 16:55, par voltaire En réponse à : <title>".
    thread = "".join(
        f"# On 2 July at 1{n}:55, by reader{n} In answer to: Didier Porte wishes the "
        "best of health to his old friend\n"
        "The bridge has needed repairs for years, and everyone in town knows it well.\n"
        "I think the council made the right call on this one, schools matter most.\n"
        "Reply to this message\n" for n in range(1, 4))
    section = "All your comments (3)\n" + thread
    vocabulary = {**COMMENTS, "cue": [*COMMENTS["cue"], "all your comments"],
                  "form": [*COMMENTS["form"], "reply to this message"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()
    # A long sentence with a time later in it is prose, not a header.
    late = ("The council met again on Monday and its members voted, at 16:55, to "
            "approve the second part of the plan\n")
    assert removed(rule, ARTICLE + late + "Leave a Reply\n") == ["Leave a Reply"]


def test_two_labels_of_a_log_in_form_are_no_comment_section():
    login = "Already a subscriber?\nEmail address:\nPassword:\nForgot your password?\n"
    assert removed(english(), ARTICLE + login) == []
    # A form that names the comments, or has three fields, is one.
    assert removed(english(), ARTICLE + "Leave a Reply\nEmail *\n") == [
        "Leave a Reply", "Email *"]
    assert removed(english(), ARTICLE + "Name *\nEmail *\nWebsite\n") == [
        "Name *", "Email *", "Website"]


def test_a_signed_header_opens_a_comment_only_with_its_text_below_it():
    # "Password:" is followed by form residue, not by a comment's text: the prose line
    # above the form is no reader's comment hanging from it.
    text = (ARTICLE + "Password:\nStay signed in\nValidate\n"
            "Our team waits for your messages on the answering machine, day and night.\n"
            "Leave a Reply\nName *\nEmail *\n")
    assert removed(english(), text) == ["Leave a Reply", "Name *", "Email *"]


def test_a_heading_with_a_quoted_title_is_a_marker_even_with_a_full_stop_inside():
    # lemire.me: "5 thoughts on “JSON parsing: simdjson vs. JSON for Modern C++”".
    vocabulary = {**COMMENTS, "cue": [*COMMENTS["cue"], "thoughts on"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    section = ("5 thoughts on “JSON parsing: simdjson vs. JSON for Modern C++”\n"
               "Anna says:\nAugust 3, 2019 at 4:11 am\nThanks for this, it helped.\nReply\n")
    assert removed(rule, ARTICLE + section) == section.splitlines()
    # Without a quoted title, a long sentence is no heading.
    text = ARTICLE + ("Her thoughts on the new budget were published in the local paper "
                      "this week, with the figures.\n")
    assert removed(rule, text) == []


def test_a_counter_of_comments_is_a_marker():
    section = "This post has 4 comments.\nLeave a Reply\n"
    assert removed(commented(), ARTICLE + section) == section.splitlines()
    # Reported speech with a number is prose.
    text = ARTICLE + "He said 4 comments were removed.\n"
    assert removed(commented(), text) == []


def test_a_prompt_over_a_rule_rich_in_policy_words_is_a_section():
    # A log-in prompt, then a liability note that never says "comment".
    note = ("Content that is abusive, offensive or defamatory is removed, and its "
            "publisher, not this site, bears the responsibility for it under the law.\n")
    section = "Log in to comment\nAttention!\n" + note
    vocabulary = {**COMMENTS, "cue": [*COMMENTS["cue"], "log in to comment"],
                  "policy": [*COMMENTS["policy"], "offensive", "defamat", "responsib"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()
    # The same note alone at the end of an article is the article's.
    assert removed(rule, ARTICLE + note) == []


def test_a_lone_marker_below_the_section_is_other_debris():
    # know-how-tree.com: the section, a line about the site, then "Sitemap" (a form word
    # there): the walk goes on above the lone marker, and the section ends above the
    # debris (left to other rules).
    section = "Leave a Reply\nName *\nEmail *\nPost Comment\n"
    footer = ("The site that covers every bit of know-how you need.\nHome\nAbout\nContact\n"
              "Website\n")
    assert removed(english(), ARTICLE + section + footer) == section.splitlines()
    # A lone marker below the article is no section.
    assert removed(english(), ARTICLE + footer) == []


def test_a_header_may_give_its_age_after_the_number():
    # kuchnia-domowa.pl: "Sceptyk · 2 lat temu"; the same in English.
    thread = "".join(
        f"Reader{n} · {n + 1} years ago\n"
        "The bridge has needed repairs for years, and everyone in town knows it well.\n"
        "Taxes will go up again, and nobody asked the people who pay them first.\n"
        "I think the council made the right call on this one, schools matter most.\n"
        "The mayor should have asked the people in the old town before the vote.\n"
        "Share\n" for n in range(1, 4))
    section = "3 comments\nLeave a Reply\nName *\n" + thread
    assert removed(commented(), ARTICLE + section) == section.splitlines()


def test_one_comment_under_a_heading_that_announces_it_is_a_thread():
    # know-how-tree.com: "1 thought on “Introduction”", "Samurai says:", the comment
    # (its date line taken by another rule), then the form.
    vocabulary = {**COMMENTS, "cue": [*COMMENTS["cue"], "thought on"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    section = ("1 thought on “Introduction”\nSamurai says:\n"
               "The bridge has needed repairs for years, and everyone in town knows it well.\n"
               "Taxes will go up again, and nobody asked the people who pay them first.\n"
               "I think the council made the right call on this one, schools matter most.\n"
               "The mayor should have asked the people in the old town before the vote.\n"
               "Reply\nLeave a Reply\nName *\nEmail *\n")
    assert removed(rule, ARTICLE + section) == section.splitlines()

    # voice-online.co.uk: "1 Comment" (a cue of the pack) announces it too.
    vocabulary = {**COMMENTS, "cue": [*COMMENTS["cue"], "1 comment"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    section = ("1 Comment\nPosted on 3rd November 2023 | Chaka Artwell\n"
               "The bridge has needed repairs for years, and everyone in town knows it well.\n"
               "Taxes will go up again, and nobody asked the people who pay them first.\n"
               "Reply\nLeave a Reply\nName *\nEmail *\n")
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_a_period_inside_a_word_ends_no_sentence():
    # aero.de: a log-in prompt is one sentence, not two cut at the site's name.
    article = ("Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt "
               "beschlossen.\nDie Mitglieder sagten, der Plan finanziere drei neue Schulen.\n")
    section = ("Kommentare (0) Zur Startseite\nUm einen Kommentar schreiben zu können, "
               "müssen Sie sich bei zeitung.example registrieren oder einloggen.\n")
    assert Cleaner.from_yaml().clean(article + section) == article


def test_a_forms_help_text_may_sit_above_its_buttons():
    # brandenburg.de (Drupal): the text-format help, then "Save" and "Preview".
    section = ("Leave a Reply\nName *\nComment\nText format help\n"
               "Lines and paragraphs break automatically.\n"
               "Web page addresses and email addresses turn into links automatically.\n"
               "Save\nPreview\n")
    vocabulary = {**ENGLISH, "form": [*ENGLISH["form"], "preview"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    assert removed(rule, ARTICLE + section) == section.splitlines()


def test_a_section_glued_to_the_last_long_line_above_short_debris_is_offered():
    # gregoryszorc.com: "... by taking the time to do so. blog comments powered by
    # Disqus", then the blog's category list: the long line is not the last one.
    last = ("I hope the community takes the opportunity to reflect, and I am confident "
            "that it will grow stronger by taking the time to do so, over the next years "
            "and after the long and painful transition that everyone involved lived through.")
    text = ARTICLE + last + " blog comments powered by Disqus\nCategories\nApple\n"
    assert Cleaner.from_yaml().clean(text).startswith(ARTICLE + last + "\n")


def test_a_glued_heading_starts_at_its_counter():
    # Blogger, glued by the crawl: "... Leia mais na Embrapa Amazônia Oriental 0
    # comentários: Postar um comentário"; the same shape in English.
    line = ("Read more on the site of the regional research centre 0 comments: "
            "Leave a Reply")
    assert removed(commented(), ARTICLE + line + "\n") == [
        f"{line} -> Read more on the site of the regional research centre"]
    # A number after a colon is a label's value ("کد خبر:9402"), no counter: it stays.
    line = "Read more on the site of the regional research centre. Story code:9402 Comments"
    assert removed(commented(), ARTICLE + line + "\n") == [
        f"{line} -> " + line.removesuffix(" Comments")]
    # A number before "comments" inside a sentence is no heading.
    text = ARTICLE + "The minister deleted the 2 comments he made on Tuesday evening.\n"
    assert removed(commented(), text) == []


def test_a_closing_call_to_comment_does_not_make_the_article_about_commenting():
    # Blogger, glued by the crawl: "... no olvides comentar y recuerda ... 0 comentarios:
    # Publicar un comentario". Two topic words found at one word ("comment" and
    # "commenting") name the topic once: the glued heading is still cut.
    vocabulary = {**COMMENTS, "topic": [*COMMENTS["topic"], "commenting"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    line = "Happy commenting, and see you next week. Comments"
    assert removed(rule, ARTICLE + line + "\n") == [
        f"{line} -> Happy commenting, and see you next week."]
    # Named in two places, the topic is the article's subject: nothing is cut.
    line = "Commenting is open to all, and every comment is read. Comments"
    assert removed(rule, ARTICLE + line + "\n") == []


def test_a_long_privacy_note_below_the_form_does_not_hide_it():
    # pv-magazine.com: the form, then a 62-word data-protection paragraph and two more.
    section = ("Leave a Reply\nName *\nEmail *\nPost Comment\n"
               "Your personal data will only be disclosed or otherwise transmitted to third "
               "parties for the purpose of spam filtering or if this is necessary for technical "
               "maintenance of the website. Any other transfer to third parties will not take "
               "place unless this is justified on the basis of applicable data protection "
               "regulations or if we are legally obliged to do so.\n"
               "Further information on data privacy can be found in our policy.\n"
               "Keep up to date\n")
    assert removed(english(), ARTICLE + section) == section.splitlines()


def test_article_sentences_that_open_with_a_year_are_no_comment_headers():
    # Long sentences that open with a year are the article's, not readers' comments.
    text = (ARTICLE
            + "In 2019, the company sold more than three million cars in Europe and "
              "opened two new plants in the east of the country.\n"
            + "Its chief executive expects the new models to sell well across the whole "
              "region and hopes to hire many more engineers next year.\n"
            + "In 2020, sales fell by a third when the factories had to close for several "
              "months and the dealers could not open their shops.\n"
            + "Analysts expect the market to recover slowly, with electric cars taking a "
              "larger share of new sales every year until the end of the decade.\n"
            + "Leave a Reply\nName *\nEmail *\n")
    assert removed(english(), text) == ["Leave a Reply", "Name *", "Email *"]


def _counting(rule: SectionRule) -> list[int]:
    """The indices of the lines ``rule`` classifies from now on, in order."""
    read: list[int] = []
    line = rule._line

    def counted(doc: Document, index: int):
        read.append(index)
        return line(doc, index)

    rule._line = counted  # type: ignore[method-assign]
    return read


PLAIN = ("The council approved the budget on Tuesday after a long debate about schools.\n"
         "Its members expect the new plan to take effect in the spring of next year.\n")


def test_a_walk_stops_once_above_the_last_word_of_its_vocabulary():
    # A lone form label below a long thread: no section. Above the label no line has a
    # word of the vocabulary, so nothing above it can open one, and the walk stops
    # there instead of following the thread's headers to its top.
    rule = english()
    read = _counting(rule)
    doc = Document.from_text(PLAIN * 20 + _thread(30) + "Email *\n")
    assert rule.find(doc) == []
    assert len(read) < 40 < len(doc.lines) - 40
    # With the form's heading at the thread's top the walk goes all the way up.
    section = "Leave a Reply\n3 comments\n" + _thread(30) + "Email *\n"
    assert removed(english(), PLAIN * 20 + section) == section.splitlines()


def test_a_document_offered_again_is_not_classified_again():
    # Edge rules run in rounds: a document changed by one is offered to the others
    # again, and its lines read as they did.
    rule = english()
    read = _counting(rule)
    section = "Leave a Reply\nComments are moderated before they are published.\nName *\n"
    doc = Document.from_text(ARTICLE + section)
    first = rule.find(doc)
    count = len(read)
    assert rule.find(doc) == first and len(read) == count > 0
    # Another document is read afresh, though its lines are the same.
    assert rule.find(Document.from_text(ARTICLE + section)) == first
    assert len(read) == 2 * count


def test_a_document_is_offered_only_to_the_rules_whose_words_end_it(monkeypatch):
    # No walk at all on a document without a cue, topic or long form word of a rule in
    # its last lines; a word that several rules list offers it to each of them.
    from cleaner.engine.plan import Plan

    offered: list[str] = []
    find = SectionRule.find

    def counted(rule: SectionRule, doc: Document):
        offered.append(rule.id)
        return find(rule, doc)

    monkeypatch.setattr(SectionRule, "find", counted)
    plan = Plan([RuleSpec(f"test/{lang}", "section", "Comments.", options={
        "vocabulary": {"cue": [cue], "form": ["e-mail"]}})
        for lang, cue in (("en", "comments"), ("de", "kommentare"))])
    plan.apply(PLAIN * 3)
    assert offered == []
    plan.apply(PLAIN * 3 + "Kommentare\n")
    assert offered == ["test/de"]
    offered.clear()
    plan.apply(PLAIN * 3 + "E-Mail: redaktion@example.org\n")
    assert sorted(offered) == ["test/de", "test/en"]


def test_the_rules_under_a_sections_heading_are_taken_to_the_end():
    # aif.ru, arabic.sputniknews.com: a window with the site's comment rules ends the
    # page, under "Правила комментирования" / "معايير المجتمع" below the form; its
    # sentences name the comment but hold few policy words.
    vocabulary = {**ENGLISH, "cue": [*ENGLISH["cue"], "community guidelines"],
                  "policy": [*ENGLISH["policy"], "guidelines"]}
    rule = SectionRule(RuleSpec("test/en", "section", "Comments.",
                                options={"vocabulary": vocabulary}))
    rules = ("Community guidelines\n"
             "A comment that links to other sites waits for a check.\n"
             "We ask you to stay on the subject of the article.\n"
             "A comment in capital letters only is not shown.\n"
             "Write to the editors with any question about your account.\n")
    assert removed(rule, ARTICLE + "Leave a Reply\nName *\n" + rules) == [
        "Leave a Reply", "Name *", *rules.splitlines()]
    # Under the article itself, with no section above the heading, they are the article's.
    assert removed(rule, ARTICLE + rules) == []


def test_a_glued_heading_that_counts_comments_takes_the_comments_below_it():
    # A crawl record ends "... Selamat Liburan 2 Komentar untuk "<title>" <comments>" or
    # "... コメント コメント一覧 (2) <comments>": the heading ends at its quoted title or
    # its counter, and the prose after it is readers' comments.
    head = "The festival closes on Sunday with a concert in the park"
    for glued in (" 2 Comments on “Festival plans” I will be there with the kids, great!",
                  ". Comments (2) I will be there with the kids, great news for the town."):
        line = head + glued
        kept = head + glued[0].strip()
        assert removed(commented(), ARTICLE + line + "\n") == [f"{line} -> {kept}"]
    # No comment counted, or a count inside a sentence: the prose after it stays.
    for line in (head + ". 0 comments on “Festival plans” I will be there, great!",
                 "He wrote 3 comments on “The Guardian” website in the last week."):
        assert removed(commented(), ARTICLE + line + "\n") == []


def test_a_credit_between_the_last_sentence_and_a_glued_cue_stays_with_the_article():
    # "... pungkasnya. (Pendim 0821/Fj) Tidak ada komentar: Berkomentarlah ...": the
    # credit is the article's; text with a word of the vocabulary is the section's.
    head = "The plan takes effect in the spring, she said. (Reporting by Jane Doe)"
    line = head + " Comments are moderated before they are published."
    assert removed(commented(), ARTICLE + line + "\n") == [f"{line} -> {head}"]
    line = ("The plan takes effect in the spring, she said. Leave a Reply Comments are "
            "moderated before they are published.")
    assert removed(commented(), ARTICLE + line + "\n") == [
        f"{line} -> The plan takes effect in the spring, she said."]


def test_a_glued_cue_after_a_word_in_a_script_without_capitals():
    # Persian and Japanese crawl records: the cue follows the article's closing mark or
    # its last node after a space, with no sentence's end before it.
    cleaner = Cleaner.from_yaml()
    article = ("شورای شهر روز سه‌شنبه پس از بحثی طولانی بودجه را تصویب کرد و اعضای شورا "
               "گفتند این طرح هزینه ساخت سه مدرسه جدید را تامین می‌کند. انتهای پیام")
    policy = (" ارسال دیدگاه نظرات ارسال شده توسط شما، پس از تایید منتشر خواهد شد. "
              "نظراتی که حاوی تهمت یا افترا باشد منتشر نخواهد شد.")
    assert cleaner.clean(article + policy + "\n") == article + "\n"
    article = ("市議会は火曜日、長い議論の末に予算案を可決した。新しい計画では三つの学校が"
               "建てられ、古い橋も修理される予定だという。 話題の最新記事")
    assert cleaner.clean(article + " コメント コメント一覧 (2)\n") == article + "\n"
    # A cue inside a sentence that goes on is no glued section, policy-like as it reads.
    text = ("وقال المتحدث إن الاجتماع عقد في جنيف.\n"
            "قال الوزير إن التعليقات التي نشرها لم تكن دقيقة\n")
    assert cleaner.clean(text) == text


def test_a_space_in_glued_text_without_spaces_between_words_ends_a_node():
    # "... 生日快乐，Linux！ 网友评论 评论功能正在开发调试中，后续会开放使用！": in a
    # language written without spaces, the space after a heading is where the scraper
    # joined two text nodes; the notice after it is short debris of the section.
    vocabulary = {"cue": ["网友评论", "发表评论"], "topic": ["评论"], "policy": ["审核"],
                  "form": ["昵称"]}
    rule = SectionRule(RuleSpec("test/zh", "section", "Comments.",
                                options={"vocabulary": vocabulary, "word_start": False}))
    head = ("如果说他有啥缺点的话，大概就是会在社交媒体爆粗口、以及会因为技术问题而在演讲中竖中指。"
            " 最后，生日快乐，Linux！")
    line = head + " 网友评论 评论功能正在开发调试中，后续会开放使用！"
    assert removed(rule, ARTICLE + line + "\n") == [f"{line} -> {head}"]
    # A sentence of the article that merely mentions comments after a space stays.
    line = head + " 网友们在评论中纷纷表示支持这项计划，并希望尽快实施。"
    assert removed(rule, ARTICLE + line + "\n") == []


def test_a_glued_thread_under_its_counted_heading_is_cut_however_long():
    # "... 元スレ：http://... コメント一覧 (63) <1,300 characters of comments>": the
    # heading lies further from the end than a glued section is looked for; the
    # comments below it go with it.
    head = "The festival closes on Sunday with a concert in the park."
    comments = " ".join(f"Reader {n} thinks the concert will be the best of the year, "
                        "and says the park is the right place for it." for n in range(12))
    line = f"{head} Comments (12) {comments}"
    assert len(line) - len(head) > english().options["max_chars"]
    assert removed(commented(), ARTICLE + line + "\n") == [f"{line} -> {head}"]
    # Its heading, far above the line's end, offers the document to the rule.
    assert Cleaner.from_yaml().clean(ARTICLE + line + "\n") == ARTICLE + head + "\n"
    # No comment counted: the sentences after the heading are no thread.
    line = f"{head} Comments (0) {comments}"
    assert removed(commented(), ARTICLE + line + "\n") == []


def test_a_policy_paragraph_longer_than_an_edge_line_offers_the_document():
    # arabic.cnn.com, sn.dk: the section is one policy paragraph of 300 characters whose
    # topic word is near its start (its heading, if any, taken by another rule first);
    # the section reads lines up to its max_chars, so their words offer the document.
    policy = ("We welcome a lively and useful discussion, and so that we do not have to "
              "review comments before they are published, we ask you to read our "
              "guidelines. Comments that are abusive or off topic are removed by the "
              "editors, and we reserve the right to block users who repeatedly break "
              "these rules of our community and of the law.")
    assert 250 < len(policy) < 700
    assert Cleaner.from_yaml().clean(ARTICLE + policy + "\n") == ARTICLE


def test_a_page_titled_with_its_comment_rules_under_a_logo_line_is_content():
    # A site's page of rules for its discussions: its title names the comments, with
    # prose under it; a logo's text above the title does not make it a section.
    page = ("Comments\nThis page explains how readers take part in the discussions here.\n"
            "Comments are moderated and published after review.\n"
            "We remove abusive comments that do not respect other readers.\n")
    assert removed(english(), page) == []
    assert removed(english(), "Logo\n" + page) == []


def test_a_paragraph_with_one_policy_like_sentence_is_prose():
    # A post about the comments it got: one sentence reads as a policy, the paragraph
    # goes on about its readers.
    post = ("Readers wrote to us all week about the new blog. We removed two abusive "
            "comments about the "
            "mayor. Most of the letters we got were kind and thoughtful about the town "
            "and its people. Some asked who writes this blog and why we started it this "
            "year.\n")
    assert removed(english(), ARTICLE + post) == []


def test_long_sentences_after_a_glued_policy_are_no_debris_below_it():
    # Up to three short sentences may follow a glued section; two that make a paragraph
    # together mean the policy-like sentence is the article's.
    glued = "The mayor said the budget was fair. Comments are moderated and published."
    assert removed(english(), ARTICLE + glued + " Share this.\n") == [
        f"{glued} Share this. -> The mayor said the budget was fair."]
    line = (glued + " She added that the schools would open in the autumn after the "
            "summer works. The old bridge would be repaired before the winter by the same "
            "company.\n")
    assert removed(english(), ARTICLE + line) == []
