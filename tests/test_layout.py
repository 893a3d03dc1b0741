"""Finding the article in the page: furniture, title, body, pieces, outlet and byline."""

import pytest

from tracker.read.layout import find_layout, is_byline, is_timestamp_line
from tracker.read.script import simplify

from .conftest import SEEDS


def body(text: str) -> str:
    layout = find_layout(text)
    return text[layout.body_start:layout.body_end]


PARAGRAPH = "京津冀协同发展战略实施十年来，区域整体实力迈上新台阶，经济总量突破10万亿元，创新能力显著提升。"


def test_breadcrumb_counter_and_share_lines_are_not_the_title():
    page = f"网易首页 > 网易河北 > 正文\n\n协同发展迈上新台阶\n\n0\n分享至\n\n{PARAGRAPH}\n"
    layout = find_layout(page)
    assert layout.title == "协同发展迈上新台阶"
    assert body(page) == PARAGRAPH


def test_related_news_block_with_timestamps_is_cut_off():
    page = (f"标题在这里\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n相关推荐\n某明星官宣恋情\n直播吧\n2025-07-09 13:14:07\n"
            "一则无关新闻标题\n澎湃新闻\n2025-07-09 10:30:31\n")
    layout = find_layout(page)
    assert page[layout.body_start:layout.body_end] == f"{PARAGRAPH}\n\n{PARAGRAPH}"
    assert any("2025-07-09" in page[a:b] for a, b in layout.furniture)


def test_a_news_list_without_a_heading_is_still_furniture():
    page = (f"标题\n\n{PARAGRAPH}\n\n超六成受访青年认为购买潮玩...\n当压力大成为关键词时,...\n2026-03-03 18:44:04\n"
            "如何看待当前经济形势?刘结...\n3月3日下午,全国政协新闻发布会...\n2026-03-03 18:43:33\n")
    assert body(page) == PARAGRAPH


def test_toolbar_and_licence_lines_are_furniture():
    page = f"标题\n\n下载 打印 全屏 收藏 【字号 大 中 小】\n\n{PARAGRAPH}\n\n版权所有 © 河北日报\n"
    assert body(page) == PARAGRAPH


def test_kicker_above_the_title_and_subtitle_below_it():
    page = f"\n\n习近平总书记的重要讲话极大地激励和鼓舞了干部群众\n\n凝心聚力推动高质量发展\n\n□河北日报记者\n\n{PARAGRAPH}\n"
    layout = find_layout(page)
    assert layout.title == "凝心聚力推动高质量发展"
    assert layout.byline == "河北日报记者" and layout.outlet == "河北日报"
    interview = f"加快建设现代化品质生活之城\n——访保定市委书记党晓龙\n{PARAGRAPH}\n"
    assert find_layout(interview).title == "加快建设现代化品质生活之城"


def test_a_second_story_on_the_page_is_a_piece_of_its_own():
    page = (f"凝心聚力推动高质量发展\n\n□河北日报记者\n\n{PARAGRAPH}\n\n（记者 李巍 王璐丹）\n\n"
            f"石家庄市国际生物医药园技术专家刘文富：\n\n努力打造中国北方生物医药产业新地标\n\n□河北日报记者 袁川\n\n"
            f"{PARAGRAPH}\n")
    pieces = find_layout(page).pieces
    assert [p.title for p in pieces] == ["凝心聚力推动高质量发展", "努力打造中国北方生物医药产业新地标"]
    assert page[pieces[1].start:].startswith("石家庄市国际生物医药园")
    assert pieces[0].end == pieces[1].start


def test_dateline_paragraphs_start_pieces_and_give_the_byline():
    page = (f"要闻两则\n\n京津冀产业协同取得新进展\n\n本报讯 米彦泽 近日，{PARAGRAPH}\n\n"
            f"雄安新区建设提速\n\n新华社石家庄5月12日电 {PARAGRAPH}\n")
    layout = find_layout(page)
    assert layout.byline == "本报讯 米彦泽"
    assert [p.title for p in layout.pieces] == ["京津冀产业协同取得新进展", "雄安新区建设提速"]


def test_outlet_from_a_source_line():
    page = f"标题\n\n2024-02-25 10:00 来源：河北日报\n\n{PARAGRAPH}\n"
    assert find_layout(page).outlet == "河北日报"


@pytest.mark.parametrize("line", ["□河北日报记者 袁川", "(河北日报记者 米彦泽)", "记者:王强、刘百舸,河北日报寇国莹",
                                  "（记者 李巍 王璐丹 贡宪云）", "(作者系河北经贸大学副校长 田学斌)"])
def test_bylines(line):
    assert is_byline(line)


@pytest.mark.parametrize("line", ["河北日报记者 张昊摄", "记者:您刚才提到了三个维度，这也正是我们关心的。", "牢牢牵住“牛鼻子”"])
def test_not_bylines(line):
    assert not is_byline(line)


@pytest.mark.parametrize("line", ["2026-02-26 20:42:24", "时间：2026-02-02", "2025年7月9日 来源：直播吧"])
def test_timestamp_lines(line):
    assert is_timestamp_line(line)


def test_text_without_any_paragraph_is_all_body():
    assert body("雄安\n新区") == "雄安\n新区"


def test_seeds_title_and_body_match_the_gold(gold):
    for source, answer in gold.items():
        text = (SEEDS / source).read_text("utf-8")
        shadow = simplify(text)
        layout = find_layout(shadow)
        assert text[shadow.index(layout.title):][: len(answer["title"])] == answer["title"], source
        assert text[layout.body_start:].startswith(answer["body"]["first"]), source
        last_end = text.index(answer["body"]["last"]) + len(answer["body"]["last"])
        # The body may keep the credit line that closes the article, nothing more.
        assert last_end <= layout.body_end, source
        assert "\n" not in text[last_end:layout.body_end].strip(), source


def test_an_account_named_up_top_is_the_outlet_even_when_the_credit_names_a_paper():
    page = (f"标题\n\n{PARAGRAPH}\n\n值此开局之年，长安街知事(微信ID:Capitalnews)联手三地党报推出系列报道。\n\n"
            f"{PARAGRAPH}\n\n记者:王强、刘百舸,河北日报寇国莹\n")
    layout = find_layout(page)
    assert layout.outlet == "长安街知事" and layout.byline == "记者:王强、刘百舸,河北日报寇国莹"


def test_a_work_report_header_title_subtitle_speaker_and_salutation():
    page = ("政府工作报告\n——2025年1月15日在河北省第十四届人民代表大会第三次会议上\n河北省省长 王正谱\n\n各位代表：\n"
            f"现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n\n{PARAGRAPH}\n")
    layout = find_layout(page)
    assert layout.title == "政府工作报告"
    assert page[layout.body_start:].startswith("现在，我代表省人民政府")


def test_a_broadcast_transcript_is_one_article_with_a_piece_per_item():
    page = ("新闻联播 2024年2月26日\n\n京津冀协同发展十周年：区域经济总量突破10万亿元\n"
            f"央视网消息（新闻联播）：{PARAGRAPH}\n\n雄安新区建设全面提速\n央视网消息（新闻联播）：{PARAGRAPH}\n\n"
            f"【新思想引领新征程】天津滨海新区推动高质量发展\n本台消息：{PARAGRAPH}\n")
    titles = [p.title for p in find_layout(page).pieces]
    assert titles == ["京津冀协同发展十周年：区域经济总量突破10万亿元", "雄安新区建设全面提速",
                      "【新思想引领新征程】天津滨海新区推动高质量发展"]


@pytest.mark.parametrize("opening,byline", [("本报讯（记者 王明）近日，", "本报讯 王明"), ("本报讯 米彦泽 近日，", "本报讯 米彦泽")])
def test_dateline_reporters(opening, byline):
    assert find_layout(f"标题\n\n{opening}{PARAGRAPH}\n").byline == byline


# ------------------------------------------------------------------ broadcast transcripts

TRANSCRIPT = (
    "《新闻联播》 (20240112)\n新闻摘要\n\n本期节目主要内容：\n\n"
    "1.国务院部署春耕生产；\n\n2.雄安新区建设全面提速；\n\n3.国内联播快讯：\n\n"
    "（1）春运火车票今日开始发售；\n\n（2）雄安综合保税区一期通过验收。\n"
    "（《新闻联播》 20240112 19:00）\n详细新闻\n"
    f"国务院部署春耕生产\n\n央视网消息（新闻联播）：{PARAGRAPH}\n\n查看原文\n"
    f"雄安新区建设全面提速\n\n央视网消息（新闻联播）：{PARAGRAPH}\n{PARAGRAPH}\n\n查看原文\n"
    "国内联播快讯\n\n央视网消息（新闻联播）：\n"
    "春运火车票今日开始发售\n2024年春运从1月26日开始。今天（1月12日）起，旅客可以购买春运首日火车票。\n"
    "雄安综合保税区一期通过验收\n今天（1月12日），雄安综合保税区一期项目通过海关总署等7部委联合验收。\n\n查看原文\n"
)


def test_a_transcript_is_titled_by_its_programme_and_date_not_by_its_table_of_contents():
    layout = find_layout(TRANSCRIPT)
    assert layout.title == "《新闻联播》 (20240112)"
    assert TRANSCRIPT[layout.body_start:].startswith("央视网消息（新闻联播）：京津冀")


def test_a_table_of_contents_is_furniture():
    layout = find_layout(TRANSCRIPT)
    cut = "".join(TRANSCRIPT[a:b] for a, b in layout.furniture)
    for entry in ("新闻摘要", "本期节目主要内容", "1.国务院部署春耕生产", "（2）雄安综合保税区一期通过验收", "查看原文"):
        assert entry in cut
    assert "央视网消息" not in cut


def test_each_story_and_each_round_up_item_is_a_piece():
    pieces = find_layout(TRANSCRIPT).pieces
    assert [p.title for p in pieces] == ["国务院部署春耕生产", "雄安新区建设全面提速", "国内联播快讯",
                                         "春运火车票今日开始发售", "雄安综合保税区一期通过验收"]
    item = pieces[-1]
    assert TRANSCRIPT[item.start:item.end].startswith("雄安综合保税区一期通过验收\n今天")
    assert "春运" not in TRANSCRIPT[item.start:item.end]


def test_a_list_of_headlines_that_repeats_later_headings_is_contents_wherever_it_stands():
    page = ("标题\n\n" + PARAGRAPH + "\n\n本版导读\n一、总体要求\n二、重点任务\n三、保障措施\n\n"
            + "\n\n".join(f"{head}\n{PARAGRAPH}" for head in ("一、总体要求", "二、重点任务", "三、保障措施")) + "\n")
    cut = "".join(page[a:b] for a, b in find_layout(page).furniture)
    assert cut.count("、") == 3 and "总体要求" in cut and PARAGRAPH not in cut


def test_two_repeated_lines_are_not_a_table_of_contents():
    page = f"标题\n\n{PARAGRAPH}\n\n小标题一\n{PARAGRAPH}\n\n小标题一\n{PARAGRAPH}\n"
    assert not find_layout(page).furniture


def test_a_long_broadcast_headline_still_opens_its_piece():
    head = "中共中央政治局常务委员会召开会议 听取全国人大常委会、国务院、全国政协党组工作汇报 听取中央书记处工作报告 中共中央总书记习近平主持会议"
    page = f"新闻联播\n\n甲事\n\n央视网消息（新闻联播）：{PARAGRAPH}\n\n{head}\n\n央视网消息（新闻联播）：{PARAGRAPH}\n"
    assert [p.title for p in find_layout(page).pieces] == ["甲事", head]


MARKDOWN_TRANSCRIPT = """# 《新闻联播》 (20230512)

## 新闻摘要

本期节目主要内容：

1.习近平主持召开深入推进京津冀协同发展座谈会；

2.国务院部署春耕生产；

3.国内联播快讯：

（1）春运火车票今日开始发售；

（2）雄安综合保税区一期通过验收。

## 详细新闻

### 习近平主持召开深入推进京津冀协同发展座谈会

[查看原文](https://tv.cctv.com/1.shtml)

### 国务院部署春耕生产

<p><strong>央视网消息</strong>（新闻联播）：国务院今天部署春耕生产，要求各地抓好粮食生产。</p>

[查看原文](https://tv.cctv.com/2.shtml)

### 国内联播快讯

<p><strong>央视网消息</strong>（新闻联播）：</p><p><strong>春运火车票今日开始发售</strong></p><p>今天（1月12日）起，旅客可以购买春运首日火车票。</p><p><strong>雄安综合保税区一期通过验收</strong><br></p><p>今天（1月12日），雄安综合保税区一期项目通过联合验收。</p>

[查看原文](https://tv.cctv.com/3.shtml)
"""


def test_markdown_transcript_pieces_with_both_item_forms_and_a_story_without_text():
    from tracker.read.articles import build_article

    article = build_article("20230512.md", MARKDOWN_TRANSCRIPT.encode(), extract=False)
    layout = article.layout
    assert layout.title == "《新闻联播》 (20230512)"
    # a story that came without text is still a piece; 快讯 items are pieces whether or not
    # their headline ends in <br>
    assert [p.title for p in layout.pieces] == [
        "习近平主持召开深入推进京津冀协同发展座谈会", "国务院部署春耕生产", "国内联播快讯",
        "春运火车票今日开始发售", "雄安综合保税区一期通过验收"]
    texts = {s.piece: [] for s in article.sentences}
    for s in article.sentences:
        texts[s.piece].append(article.text[s.start:s.end])
    assert texts[0] == ["习近平主持召开深入推进京津冀协同发展座谈会"]
    assert not any("京津冀" in t for t in texts[1])  # the contents and the empty story stay out of it
    assert all("本期节目主要内容" not in t and "（1）" not in t for ts in texts.values() for t in ts)


def test_a_story_without_text_in_the_middle_is_a_piece_of_its_own():
    page = (f"新闻联播\n\n甲事\n\n央视网消息（新闻联播）：{PARAGRAPH}\n\n查看原文\n"
            "乙事没有正文\n\n查看原文\n"
            f"丙事\n\n央视网消息（新闻联播）：{PARAGRAPH}\n\n查看原文\n")
    assert [p.title for p in find_layout(page).pieces] == ["甲事", "乙事没有正文", "丙事"]
