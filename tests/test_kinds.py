"""Each kind's behaviour, one rule at a time, through the public API."""

from __future__ import annotations

from cleaner import Cleaner, RuleSpec


def run(kind, text, **options):
    spec = RuleSpec(f"t/{kind}", kind, "test rule", options=options)
    return Cleaner([spec], max_loss=1.0).explain(text)


def test_line_matches_whole_folded_line_only():
    text = "Body.\n• ADVERTISEMENT\nAdvertisement revenue rose.\n"
    cleaned, edits = run("line", text, match="advertisement")
    assert cleaned == "Body.\nAdvertisement revenue rose.\n"
    assert [e.line for e in edits] == [2]


def test_line_folds_arabic_letters_in_pattern_and_text():
    text = "نص.\nيُرجى الالتزام بآداب الحوار\n"
    cleaned, _ = run("line", text, match="يرجى الالتزام باداب الحوار")
    assert cleaned == "نص.\n"


def test_line_head_window_counts_non_blank_lines():
    text = "\nCredit\n\nBody one.\nCredit\n"
    cleaned, _ = run("line", text, match="credit", where="head", window=1)
    assert cleaned == "\n\nBody one.\nCredit\n"


def test_line_unless_keeps_lines():
    cleaned, _ = run("line", "Read more: Paris\nRead more: weather\n",
                     match="read more:.*", unless="weather")
    assert cleaned == "Read more: weather\n"


def test_line_max_chars_keeps_long_lines():
    long_line = "advertisement " * 40
    cleaned, _ = run("line", long_line + "\n", match="(advertisement ?)+", max_chars=100)
    assert cleaned == long_line + "\n"


def test_block_tail_takes_the_run_that_ends_the_document():
    text = "Please read.\nBody.\nPlease be kind.\n\nPlease stay civil.\n\n"
    cleaned, edits = run("block", text, lines=["please .*"])
    assert cleaned == "Please read.\nBody.\n\n\n"
    assert [e.line for e in edits] == [3, 5]


def test_block_min_lines():
    text = "Body.\nPlease be kind.\n"
    assert run("block", text, lines=["please .*"], min_lines=2)[0] == text


def test_block_head_and_anywhere():
    text = "Menu\nHome\nBody.\nMenu\nHome\nEnd.\n"
    head = run("block", text, lines=["menu", "home"], where="head")[0]
    assert head == "Body.\nMenu\nHome\nEnd.\n"
    assert run("block", text, lines=["menu", "home"], where="anywhere",
               min_lines=2)[0] == "Body.\nEnd.\n"


def test_trim_keeps_lines_that_would_become_empty():
    cleaned, edits = run("trim", "Calm&\n&\n", pattern=r"\s*&$")
    assert cleaned == "Calm\n&\n"
    assert [(e.line, e.action, e.removed) for e in edits] == [(1, "trim", "&")]


def test_repeat_keeps_first_copy_and_ignores_short_lines():
    para = ("This paragraph is long enough to count as a repeat: it is a whole sentence of "
            "well over a hundred characters.")
    text = f"{para}\nShort\nOther text here.\nShort\n{para}\n"
    cleaned, edits = run("repeat", text)
    assert cleaned == f"{para}\nShort\nOther text here.\nShort\n"
    assert [e.line for e in edits] == [5]


def test_repeat_min_lines_joins_runs_across_blank_lines():
    a = "First paragraph that is long enough to be compared."
    b = "Second paragraph that is long enough to be compared."
    text = f"{a}\n\n{b}\n\nMiddle.\n\n{a}\n\n{b}\n\nEnd.\n\n{a}\n"
    cleaned, _ = run("repeat", text, min_lines=2, paragraph_chars=40)
    assert cleaned == f"{a}\n\n{b}\n\nMiddle.\n\n\n\nEnd.\n\n{a}\n"


# Two models reviewed one after the other: the second spec list shares its storage and
# camera rows with the first (the rows follow one another in both lists).
SPEC_REVIEW = """\
The iPhone 15 and the iPhone 15 Plus differ mainly in size and battery life.
iPhone 15
Display: 6.1-inch Super Retina XDR OLED, 2556 x 1179 pixels at 460 ppi
Storage: 128GB, 256GB or 512GB, no microSD card slot on any model
Rear cameras: 48MP main (f/1.6, sensor-shift OIS), 12MP ultra wide (f/2.4)
Front camera: 12MP TrueDepth (f/1.9) with autofocus and Night mode
Battery: up to 20 hours of video playback, 20W wired charging
iPhone 15 Plus
Display: 6.7-inch Super Retina XDR OLED, 2796 x 1290 pixels at 460 ppi
Storage: 128GB, 256GB or 512GB, no microSD card slot on any model
Rear cameras: 48MP main (f/1.6, sensor-shift OIS), 12MP ultra wide (f/2.4)
Front camera: 12MP TrueDepth (f/1.9) with autofocus and Night mode
Battery: up to 26 hours of video playback, 20W wired charging
Both phones ship with USB-C, and both come in five colours this year.
"""


def test_repeat_keeps_rows_a_second_list_shares_with_the_first():
    cleaned, edits = run("repeat", SPEC_REVIEW)
    assert cleaned == SPEC_REVIEW and edits == []


def test_repeat_keeps_table_and_bullet_rows_however_long():
    row = "| Samsung Galaxy S24 | 6.2-inch | 128GB / 256GB / 512GB | 50MP + 12MP + 10MP | 4000mAh |"
    bullet = ("• Excellent battery life that easily lasts a full day of heavy use, even with "
              "the always-on display turned on.")
    text = (f"Galaxy S24\n{row}\n{bullet}\nGalaxy S24+\n{row}\n{bullet}\n")
    assert run("repeat", text)[1] == []


def test_repeat_keeps_a_recurring_row_among_different_neighbours():
    row = "Price: from $799 in the United States, available from September 22"
    text = (f"Model one.\nStorage: 128GB.\n{row}\nColours: five.\n"
            f"Model two.\nStorage: 256GB.\n{row}\nColours: three.\n")
    assert run("repeat", text)[1] == []


def test_repeat_drops_a_pasted_run_of_paragraphs_and_the_rows_pasted_with_it():
    para = ("وقال المتحدث باسم الخارجية إن كيري أجرى مكالمة هاتفية مع لافروف أبلغه خلالها "
            "بأن الولايات المتحدة تنتظر من روسيا حض النظام على الالتزام بوقف الأعمال القتالية.")
    row = "Storage: 128GB, 256GB or 512GB, no microSD card slot on any model"
    text = f"Title.\n{para}\n{row}\nOther paragraph here.\nMore text.\n{para}\n{row}\nEnd.\n"
    cleaned, edits = run("repeat", text)
    assert cleaned == f"Title.\n{para}\n{row}\nOther paragraph here.\nMore text.\nEnd.\n"
    assert [e.line for e in edits] == [6, 7]


def test_repeat_drops_a_long_paragraph_pasted_far_from_its_first_copy():
    para = ("Nevada, Arizona and Florida are among those furthest from their peak employment "
            "during the December 2007-June 2009 downturn.")
    between = "Kevin Yearout has added about 80 jobs.\n“It has been slow,” he said.\n"
    cleaned, _ = run("repeat", f"{para}\n{between}{para}\n")
    assert cleaned == f"{para}\n{between}"


def test_repeat_drops_a_pasted_run_of_short_lines_that_are_not_rows():
    # a promo pair pasted again by the scraper (gharedbelmasry.com)
    promo = ("تغطية مستمرة على مدار الساعة من منصة “غرد بالمصري”:\n"
             "تابع أحدث الأخبار والتقارير في جميع الأقسام:\n")
    body = "لقي 16 شخصا حتفهم في حادث سير في محافظة الأنبار غرب العراق.\n"
    cleaned, edits = run("repeat", promo + body + promo)
    assert cleaned == promo + body
    assert [e.line for e in edits] == [4, 5]


def test_repeat_rows_pasted_out_of_order_are_not_a_run():
    a = "Rear cameras: 48MP main (f/1.6, sensor-shift OIS), 12MP ultra wide (f/2.4)"
    para = ("The iPhone 15 Plus has the same cameras as the iPhone 15, and the same chip, but "
            "a larger screen and a battery that lasts six hours longer.")
    b = "Storage: 128GB, 256GB or 512GB, no microSD card slot on any model"
    text = f"{b}\n{para}\n{a}\nNext model.\n{a}\n{para}\n"
    assert [e.line for e in run("repeat", text)[1]] == [6]


def test_repeat_near_takes_a_lone_short_copy_close_under_its_first():
    title = "A title of some forty-odd characters here"
    para = "A paragraph that is long enough to be a paragraph, with more words in it than that."
    text = f"{title}\n{para}\n{title}\nEnd.\n"
    assert run("repeat", text)[1] == []  # off by default: a short line alone is no paste
    assert [e.line for e in run("repeat", text, near=2)[1]] == [3]
    assert run("repeat", text, near=1)[1] == []  # too far under its first copy
    # met three times: a table column or a refrain, kept
    assert run("repeat", f"{title}\n{title}\n{title}\n", near=3)[1] == []
    # a line between the copies that recurs too: cells of a table, kept
    cell = "Single SIM (Nano-SIM) or Hybrid Dual SIM (Nano-SIM)"
    assert run("repeat", f"{cell}\nMicro-SIM\n{cell}\nMicro-SIM\n", near=3)[1] == []
    # a row ("Label: ...") repeats only when the copies are next to each other
    row = "Storage: 128GB, 256GB or 512GB, no microSD card"
    assert run("repeat", f"{row}\nOther.\n{row}\n", near=3)[1] == []
    assert [e.line for e in run("repeat", f"{row}\n{row}\n", near=3)[1]] == [2]


def test_repeat_a_pasted_run_carries_the_short_lines_pasted_with_it():
    block = ("A\nThe crash occurred as a bus driver who had missed his exit was reversing.\n"
             "Dozens of people in the bus were badly injured, police said.\nWatch:\n")
    cleaned, edits = run("repeat", block + block + "End of the page.\n")
    assert cleaned == block + "End of the page.\n"
    assert [e.line for e in edits] == [5, 6, 7, 8]
    # short lines beside the copy that differ from those beside the first copy stay
    other = block.replace("Watch:", "Photos:").replace("A\n", "B\n")
    assert [e.line for e in run("repeat", block + other)[1]] == [6, 7]


def test_repeat_exact_takes_a_copy_whose_first_letter_was_lower_cased():
    para = ("We tested it with the building explosion and collapse, sending out a push "
            "notification to our beta testers in New York City moments after.")
    text = f"{para}\nOther words.\n{para[0].lower()}{para[1:]}\n"
    assert [e.line for e in run("repeat", text)[1]] == [3]
    # any other change of case is another line
    assert run("repeat", f"{para}\nOther words.\n{para.upper()}\n")[1] == []


def test_repeat_near_chars_takes_a_short_subtitle_pasted_again():
    subtitle = "Two buses collide on the road"
    para = ("A paragraph that is long enough to be a paragraph, with more words in it than "
            "that, and then some more.")
    text = f"Title of the story\n{subtitle}\n{subtitle}\n{para}\n"
    assert run("repeat", text, near=3)[1] == []  # shorter than min_chars
    assert [e.line for e in run("repeat", text, near=3, near_chars=20)[1]] == [3]
    assert run("repeat", "Micro-SIM\nMicro-SIM\n", near=3, near_chars=20)[1] == []
    # no paragraph close by: a refrain in a poem
    poem = f"Short line one\n{subtitle}\n{subtitle}\nShort line two\n"
    assert run("repeat", poem, near=3, near_chars=20)[1] == []


def test_repeat_near_a_label_between_the_copies_recurring_far_below_is_no_table():
    title = "A title of some forty-odd characters here"
    body = "\n".join(f"Paragraph number {n} of the story." for n in range(4))
    text = f"{title}\nWorld news\n12:30\n{title}\n{body}\nWorld news\n"
    assert [e.line for e in run("repeat", text, near=3)[1]] == [4]
    # the label recurs right under the copy: a table's column, kept
    table = f"{title}\nWorld news\n12:30\n{title}\nWorld news\n{body}\n"
    assert run("repeat", table, near=3)[1] == []


def test_repeat_near_takes_a_copy_with_a_credit_glued_to_it():
    title = "A title of some forty-odd characters here"
    for copy in (f"{title}©Media365", f"{title} - RMC", f"The Outlet - {title}"):
        assert [e.line for e in run("repeat", f"{title}\n{copy}\n", near=1)[1]] == [2]
    # more than a short credit added: another line
    longer = f"{title} - and the rest of a sentence that goes on"
    assert run("repeat", f"{title}\n{longer}\n", near=1)[1] == []


def test_pair_takes_the_line_under_a_first_line_a_line_rule_dropped():
    by_alone = RuleSpec("t/by", "line", "By alone.", options={"match": "by"})
    split = RuleSpec("t/split", "pair", "Split byline.",
                     options={"first": "by", "then": "[a-z]+ [a-z]+", "where": "anywhere"})
    cleaner = Cleaner([by_alone, split], max_loss=1.0)
    cleaned, edits = cleaner.explain("Title\nBy\n\nJane Doe\nText here.\n")
    assert cleaned == "Title\n\nText here.\n"
    assert [(e.rule_id, e.line) for e in edits] == [("t/by", 2), ("t/split", 4)]
    # a line another rule dropped that is no first line: the name stays
    other = RuleSpec("t/ad", "line", "Ads.", options={"match": "advertisement"})
    cleaner = Cleaner([other, split], max_loss=1.0)
    cleaned, edits = cleaner.explain("Title\nAdvertisement\nJane Doe\nText here.\n")
    assert [e.rule_id for e in edits] == ["t/ad"]


def test_block_title_words_takes_only_tags_drawn_from_the_title():
    options = {"lines": "[a-z]+", "min_lines": 2, "title_words": 1}
    text = "Bus crash in New York\nA tour bus overturned on Friday.\nbus\ncrash\n"
    cleaned, _ = run("block", text, **options)
    assert cleaned == "Bus crash in New York\nA tour bus overturned on Friday.\n"
    # a word the title lacks ends the run (here: leaves one line, under min_lines)
    assert run("block", text.replace("\ncrash", "\nweather"), **options)[1] == []
    # the title itself is never part of the run
    assert run("block", "bus crash\nbus\ncrash\n", **options)[0] == "bus crash\n"


def test_pair_drops_both_lines_only_together():
    options = {"first": "by", "then": "[a-z]+ [a-z]+", "where": "anywhere"}
    cleaned, edits = run("pair", "Title\nBy\n\nJane Doe\nText here.\n", **options)
    assert cleaned == "Title\n\nText here.\n"
    assert [e.line for e in edits] == [2, 4]
    for text in ("Jane Doe\nText here.\n", "By\nthe end of it all, we left.\n", "Text.\nBy\n"):
        assert run("pair", text, **options)[1] == []


def test_pair_head_window_bounds_the_first_line():
    options = {"first": "by", "then": "[a-z]+ [a-z]+", "window": 2}
    text = "One.\nTwo.\nBy\nJane Doe\n"
    assert run("pair", text, **options)[1] == []
    assert run("pair", text, **{**options, "window": 3})[0] == "One.\nTwo.\n"


def test_list_tail_takes_the_cue_and_every_line_after_it():
    options = {"cue": "read more:", "max_items": 2}
    text = "Title\nText.\nRead more:\nOne headline\n\nAnother headline\n"
    cleaned, edits = run("list", text, **options)
    assert cleaned == "Title\nText.\n\n"  # blank lines are the blank kind's
    assert [e.line for e in edits] == [3, 4, 6]
    # a line after the cue that is not an item, too many items, or no item: kept
    for kept in ("Title\nRead more:\n" + "x" * 201 + "\n",
                 "Title\nRead more:\nOne\nTwo\nThree\n",
                 "Title\nText.\nRead more:\n"):
        assert run("list", kept, **options)[1] == []


def test_list_items_patterns_bound_the_list():
    options = {"cue": "related:", "items": "[^.]+"}  # no full stop: a headline
    assert run("list", "Text.\nRelated:\nOne\nTwo\n", **options)[0] == "Text.\n"
    assert run("list", "Text.\nRelated:\nOne\nLast words.\n", **options)[1] == []


def test_list_tail_cue_removed_by_a_line_rule_still_heads_its_items():
    cue_line = RuleSpec("t/cue", "line", "The cue alone.", options={"match": "read more:"})
    tail_list = RuleSpec("t/list", "list", "The list.",
                         options={"cue": "read more:", "items": "[^.]+", "max_items": 3})
    cleaner = Cleaner([cue_line, tail_list], max_loss=1.0)
    text = "Title\nText of the story.\nRead more:\nOne headline\n\nAnother headline\n"
    cleaned, edits = cleaner.explain(text)
    assert cleaned == "Title\nText of the story.\n\n"
    assert [(e.rule_id, e.line) for e in edits] == [("t/cue", 3), ("t/list", 4), ("t/list", 6)]
    # the lines under the removed cue must all be items: a sentence among them keeps them
    kept = "Title\nText.\nRead more:\nOne headline\nLast words.\n"
    assert [e.rule_id for e in cleaner.explain(kept)[1]] == ["t/cue"]
    # another line removed above the items is no cue: the items stay
    other = RuleSpec("t/other", "line", "Something else.", options={"match": "advertisement"})
    cleaner = Cleaner([other, tail_list], max_loss=1.0)
    text = "Title\nText of the story.\nAdvertisement\nLast line of the story\n"
    assert [e.rule_id for e in cleaner.explain(text)[1]] == ["t/other"]


def test_list_head_twice_ends_before_the_first_line_met_once():
    options = {"cue": "menu", "where": "head", "twice": True, "max_items": 20}
    text = "Menu\n• World\n• Sport\n  World\n  Sport\nThe title\nText.\nThe title\n"
    cleaned, _ = run("list", text, **options)
    assert cleaned == "The title\nText.\nThe title\n"
    # the cue must be the first line; a menu met once is not taken
    assert run("list", "Title\n" + text, **options)[1] == []
    assert run("list", "Menu\nWorld\nSport\nText.\n", **options)[1] == []


def test_blank_keeps_single_blank_separators_and_trims():
    cleaned, _ = run("blank", "\n\nA \n\nB\t\n\n\n\nC\n\n")
    assert cleaned == "A\n\nB\n\nC\n"


def test_blank_options():
    cleaned, _ = run("blank", "\nA\n\n\n\nB", max_blank=2, edges=False, final_newline=False)
    assert cleaned == "\nA\n\n\nB"


def test_entities_decode_and_record_repairs():
    cleaned, edits = run("entities", "Tom &amp;amp; Jerry&#8217;s\n")
    assert cleaned == "Tom & Jerry’s\n"
    assert edits[0].action == "repair"


def test_unicode_removes_controls_and_normalises():
    cleaned, _ = run("unicode", "e\u0301t\u00e9\x00\ufeff\n")
    assert cleaned == "\u00e9t\u00e9\n"


def test_unicode_keeps_typographic_quotes_and_invalid_bytes():
    text = "“quoted” — ok \udce9\n"
    assert run("unicode", text)[0] == text


def test_flag_action_reports_without_changing():
    spec = RuleSpec("t/flag", "line", "flag", action="flag", options={"match": "ad"})
    cleaned, edits = Cleaner([spec]).explain("Text.\nAd\n")
    assert cleaned == "Text.\nAd\n"
    assert [(e.action, e.line) for e in edits] == [("flag", 2)]


def test_unicode_repairs_a_lone_cp1252_control_before_removing_controls():
    assert run("unicode", "It\x92s fine.\n")[0] == "It’s fine.\n"


def test_repeat_rounds_take_a_near_copy_that_an_exact_copy_hid():
    # The third line is an exact copy; once it is gone, the second (the line with a wire
    # tag glued to it) is a near copy of a line the document holds once: one run of
    # clean must take both, or a second run would change the output.
    line = "وقال كيري إن المحادثات مع روسيا اقتربت من نهايتها في جنيف يوم الاثنين."
    text = f"{line}\n(Reuters) -{line}\n{line}\n"
    cleaner = Cleaner.from_yaml(enable=["repeats"])
    once = cleaner.clean(text)
    assert once == f"{line}\n"
    assert cleaner.clean(once) == once


PARAGRAPH = "The council met on Tuesday and voted on the plan, which now goes to the region.\n"


def test_teasers_take_headlines_that_end_the_document_under_its_last_paragraph():
    heads = ("Storm closes the coast road for a week\nNew bridge opens to traffic in May\n"
             "Mayor wins a second term in the city\nSchools stay closed after the flood\n")
    cleaned, edits = run("teasers", "Title\n" + PARAGRAPH + heads)
    assert cleaned == "Title\n" + PARAGRAPH
    assert [e.line for e in edits] == [3, 4, 5, 6]
    # three are too few with no label; a short label above makes three enough
    assert run("teasers", PARAGRAPH + heads.split("\n", 1)[1])[1] == []
    labelled = PARAGRAPH + "More news\n" + heads.split("\n", 1)[1]
    assert run("teasers", labelled, label_words=4)[0] == PARAGRAPH
    # the line above the run must be a paragraph: a subheading's list stays
    assert run("teasers", "Title\nOur four plans\n" + heads)[1] == []
    assert run("teasers", PARAGRAPH.replace(".", ":") + heads)[1] == []
    # one sentence among them, or a line that recurs (a table's cells), keeps them all
    assert run("teasers", PARAGRAPH + heads + "That is all for today.\n")[1] == []
    assert run("teasers", PARAGRAPH + heads + heads.split("\n", 1)[0] + "\n")[1] == []


def test_teasers_stamps_and_cut_leads_belong_to_the_run():
    text = (PARAGRAPH + "Storm closes the coast road\n2 hours ago\nCity\n"
            "New bridge opens to traffic in May\n12:40\nCity\n"
            "The mayor said on Monday that the schools would stay closed after the…\n"
            "Officials expect the river to fall by the end of the week, and the roads...\n")
    assert run("teasers", text)[1] == []  # stamps and sections not asked for
    assert run("teasers", text, stamps=True)[0] == PARAGRAPH
    # a section label met once is no section: the run ends below it
    once = text.replace("City\n", "Weather\n", 1)
    assert run("teasers", once, stamps=True)[1] == []
    # a line that ends with an ellipsis after two sentences is a reader's post, not a
    # lead cut off in its first sentence (kldp.org, tests/comments/holdout3)
    posts = text.replace("The mayor said on Monday that the schools would stay closed after",
                         "The schools stay closed. Will they open in May? Hard to say, the")
    assert run("teasers", posts, stamps=True)[1] == []


def test_teasers_run_once_the_worded_edge_rules_have_settled():
    # a share prompt shaped like a headline would make a fourth line of the run, and
    # take the article's last line with it: the worded rule takes the prompt first
    prompt = RuleSpec("t/prompt", "line", "Prompt.",
                      options={"match": "share this story .*", "where": "tail"})
    teasers = RuleSpec("t/teasers", "teasers", "Teasers.")
    text = (PARAGRAPH + "Our reporter will follow the story for you\n"
            "Storm closes the coast road for a week\nNew bridge opens to traffic in May\n"
            "Share this story on Facebook now\n")
    cleaner = Cleaner([teasers, prompt], max_loss=1.0)
    assert [e.rule_id for e in cleaner.explain(text)[1]] == ["t/prompt"]


def test_teasers_menu_lines_take_a_run_of_short_labels():
    menu = "News\nSport\nCulture & Arts\nBusiness\n"
    assert run("teasers", PARAGRAPH + menu, label_words=4)[1] == []  # menus not asked for
    assert run("teasers", PARAGRAPH + menu, label_words=4, menu_lines=4)[0] == PARAGRAPH
    # three are too few; a source reference in brackets above them keeps them all
    assert run("teasers", PARAGRAPH + "News\nSport\nBusiness\n",
               label_words=4, menu_lines=4)[1] == []
    assert run("teasers", PARAGRAPH + "[Annual report, p. 41]\n" + menu,
               label_words=4, menu_lines=4)[1] == []


_ZH_TITLE = "多地暴雨致航班取消 机场滞留旅客超过两千人\n"
_ZH_PARAGRAPH = ("据中国气象局消息，今天凌晨起多地出现强降雨天气，"
                 "部分机场航班大面积取消，滞留旅客超过两千人。\n")


def test_lead_reads_a_cjk_menu_above_the_title():
    # A CJK paragraph has no spaces: two wide characters count as one word, so it
    # ends the lead, and the short labels above the title are a menu.
    text = "首页\n新闻\n国内\n" + _ZH_TITLE + _ZH_PARAGRAPH
    cleaned, edits = run("lead", text, shape="labels", max_chars=30)
    assert cleaned == _ZH_TITLE + _ZH_PARAGRAPH
    assert [e.line for e in edits] == [1, 2, 3]


def test_lead_keeps_a_cjk_kicker_and_a_line_longer_than_a_label():
    kicker = "社会\n" + _ZH_TITLE + _ZH_PARAGRAPH
    assert run("lead", kicker, shape="labels", max_chars=30)[0] == kicker
    # eight wide characters are four words: no label, so nothing above the title goes
    channel = "首页\n新闻\n国内社会新闻频道\n" + _ZH_TITLE + _ZH_PARAGRAPH
    assert run("lead", channel, shape="labels", max_chars=30)[0] == channel


def test_lead_stamps_in_cjk_figures_but_not_an_events_time_span():
    title = "沖縄で行方不明の高齢女性を発見 コンビニ店員らに感謝状\n"
    paragraph = ("行方不明になっていた高齢女性を発見したとして、"
                 "宜野湾市のコンビニ店員らに感謝状が贈られました。\n")
    cleaned, _ = run("lead", "2025年10月26日\n" + title + paragraph, shape="stamps", max_words=6)
    assert cleaned == title + paragraph
    span = title + "日時:令和2年5月29日(金)19:23~20:08\n" + paragraph
    assert run("lead", span, shape="stamps", max_words=6)[0] == span
