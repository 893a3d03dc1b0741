"""Which pieces are about a programme: its subject, not a passing mention; stored, listed and filtered."""

import json

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.compare.relevance import RELEVANT, article_relevance, find_programme, programmes, score_piece
from tracker.errors import BadUsage
from tracker.read.articles import build_article
from tracker.store import Store

JJJ = "京津冀协同发展"

PROGRAMME_STORY = ("京津冀协同发展十年来成效显著",
                   ["央视网消息（新闻联播）：京津冀协同发展战略实施十年来，区域整体实力迈上新台阶。",
                    "北京、天津、河北三地共同推进交通一体化，轨道上的京津冀加快形成。",
                    "雄安新区承接北京非首都功能疏解，一批项目落地。",
                    "三地政务服务事项实现跨省通办。"])
NATIONAL_STORY = ("新型城镇化水平稳步提升 释放强劲发展动能",
                  ["央视网消息（新闻联播）：我国常住人口城镇化率达到66.16%。",
                   "京津冀、长三角、粤港澳大湾区等19个城市群承载了全国七成以上人口。",
                   "各地推进农业转移人口市民化，城市更新行动有序实施。",
                   "一批县城补短板强弱项项目加快建设。"])
WEATHER = ("北方大部气温回升 南方多阴雨",
           ["央视网消息（新闻联播）：中央气象台预计，未来三天北方大部地区气温回升。",
            "内蒙古、山西、河北雄安等地有4到6级偏北风。",
            "江南、华南等地多阴雨天气，公众出行注意交通安全。",
            "西北地区东部有沙尘天气。"])


def test_a_story_whose_subject_is_the_programme_is_relevant():
    score, words = score_piece(*PROGRAMME_STORY, find_programme("京津冀"))
    assert score >= RELEVANT
    assert "headline 京津冀协同发展" in words and "members together" in words and "3/4 sentences" in words


def test_a_national_story_listing_the_region_among_its_peers_is_a_passing_mention():
    score, words = score_piece(*NATIONAL_STORY, find_programme("京津冀"))
    assert score < RELEVANT
    assert "passing 京津冀 beside" in words


def test_a_weather_report_naming_xiongan_is_not_about_it():
    for name in ("京津冀", "雄安"):
        score, words = score_piece(*WEATHER, find_programme(name))
        assert score < RELEVANT, words


@pytest.mark.parametrize("title,body", [
    ("今年前4个月京津冀地区外贸进出口总值超1.6万亿元",
     ["记者从北京海关了解到，今年前4个月，京津冀地区外贸进出口总值达1.69万亿元，同比增长5.2%。",
      "北京继续发挥龙头作用，地区外贸占京津冀外贸总值的72.6%。"]),
    ("京津冀首条常态化直航南美洲海运航线开通",
     ["记者从天津海关了解到，京津冀首条常态化直航南美洲的新航线今天（5月6日）开通。",
      "新航线填补了京津冀地区连接南美洲东海岸地区远洋直航航线的空白。"]),
    ("京津冀等地遭遇强降雨 中央气象台发布暴雨红色预警",
     ["央视网消息（新闻联播）：受台风影响，京津冀等地出现强降雨。",
      "国家防总维持针对北京、天津、河北、山西、河南的防汛应急响应，并派出联合专家组。",
      "中央气象台今天继续发布暴雨红色预警。"]),
])
def test_the_regions_name_as_a_mere_label_of_place_is_not_the_programme(title, body):
    score, words = score_piece(title, body, find_programme("京津冀"))
    assert score < RELEVANT, words
    assert "label 京津冀" in words or "beside 等地" in words


@pytest.mark.parametrize("title,body", [
    ("京津冀开通自动驾驶干线物流货运场景",
     ["北京、天津、河北三省市昨天（5月13日）联合开通自动驾驶干线物流货运场景。",
      "一辆自动驾驶重卡从北京马驹桥物流园驶出，途经河北廊坊，最终到达天津港。"]),
    ("京津冀启动养老服务人才队伍互促共建",
     ["京津冀三地民政部门日前共同发布了首批20家养老服务人才培训基地，培训结果三地互认。"]),
])
def test_the_region_working_together_is_the_programme(title, body):
    score, words = score_piece(title, body, find_programme("京津冀"))
    assert score >= RELEVANT, words


def test_members_in_a_longer_list_of_provinces_are_not_the_region_together():
    programme = find_programme("京津冀")
    _, words = score_piece("防汛救灾", ["国家防总维持针对北京、天津、河北、山西、河南的防汛应急响应。"], programme)
    assert "members together" not in words
    _, words = score_piece("京津冀协同发展", ["北京、天津、河北三地共同推进交通一体化。"], programme)
    assert "members together" in words


def test_a_short_item_that_says_it_serves_the_programme_is_about_it_a_long_story_is_not():
    programme = find_programme("京津冀")
    item = ["今天（12月16日），京蔚高速在建工程进入验收阶段，年底将全线通车。",
            "京蔚高速起点为北京西六环，向西经张家口市涿鹿县、蔚县。",
            "通车后，北京西六环至蔚县将由3小时缩短至2小时以内，为京津冀协同发展提供便利。"]
    score, words = score_piece("京蔚高速在建工程今起验收", item, programme)
    assert score >= RELEVANT and "own name in a short piece" in words
    tour = [f"李强来到天津第{n}家企业考察，了解生产经营情况。" for n in range(8)] + [item[-1]]
    score, words = score_piece("李强在天津调研", tour, programme)
    assert score < RELEVANT and "own name" not in words


def test_a_feature_whose_lead_names_the_programme_by_its_own_name_is_about_it():
    body = ["央视网消息（新闻联播）：推动京津冀协同发展是一个重大国家战略，记者调研时发现，两地牢牢牵住疏解北京非首都功能这个“牛鼻子”。"] + \
        [f"商户陆春明第{n}次说起，他的服装店从北京动物园附近搬到了河北沧州。" for n in range(12)]
    score, words = score_piece("【高质量发展调研行】以疏为进 区域协同高质量发展提质升级", body, find_programme("京津冀"))
    assert score >= RELEVANT and "lead names it by its own name" in words
    tour = ["央视网消息（新闻联播）：李强来到天津港考察，他强调服务京津冀协同发展。"] + \
        [f"李强来到第{n}家企业，了解生产经营情况。" for n in range(12)]
    assert score_piece("李强在天津调研", tour, find_programme("京津冀"))[0] < RELEVANT


def test_a_projects_name_alone_does_not_make_a_programme_story():
    score, _ = score_piece("今年大兴机场旅客突破2000万人次", ["记者从大兴机场了解到，今年大兴机场进出港旅客突破2000万人次。"],
                           find_programme("京津冀"))
    assert score == 0


def test_a_part_lends_its_terms_to_its_programme():
    xiongan = find_programme("雄安")
    assert xiongan.part_of == JJJ and "雄安新区" in find_programme("京津冀").core()
    score, _ = score_piece("雄安综合保税区一期通过验收", ["今天，雄安综合保税区一期项目通过联合验收。"], find_programme("京津冀"))
    assert score >= RELEVANT


def test_programmes_are_data_with_other_regions_as_examples():
    names = [p.name for p in programmes()]
    assert names[:2] == [JJJ, "雄安新区"] and "长三角一体化发展" in names and "粤港澳大湾区" in names
    assert find_programme("粤港澳").name == "粤港澳大湾区"
    assert {"上海", "江苏", "浙江", "安徽"} == set(find_programme("长三角").terms["place"])
    with pytest.raises(BadUsage, match="tracker programmes"):
        find_programme("黄河")


TRANSCRIPT = (
    "《新闻联播》 (20240112)\n新闻摘要\n\n本期节目主要内容：\n\n1.京津冀协同发展十年来成效显著；\n\n"
    "2.新型城镇化水平稳步提升 释放强劲发展动能；\n\n3.北方大部气温回升 南方多阴雨。\n详细新闻\n"
    + "\n".join(f"{title}\n\n" + "".join(body) + "\n\n查看原文" for title, body in (PROGRAMME_STORY, NATIONAL_STORY, WEATHER))
    + "\n"
)


def test_each_piece_of_a_transcript_gets_its_own_score():
    article = build_article("20240112.md", TRANSCRIPT.encode(), extract=False)
    assert [p.title for p in article.layout.pieces] == [PROGRAMME_STORY[0], NATIONAL_STORY[0], WEATHER[0]]
    rows = {(r.piece, r.programme): r for r in article_relevance(article)}
    assert rows[(0, JJJ)].relevant and not rows[(1, JJJ)].relevant and not rows[(2, JJJ)].relevant
    assert (1, "长三角一体化发展") in rows and not rows[(1, "长三角一体化发展")].relevant


def test_an_article_without_pieces_is_scored_whole():
    article = build_article("note.txt", "京津冀\n\n北京\n".encode(), extract=False)
    assert not article.layout.pieces
    assert {r.piece for r in article_relevance(article)} <= {None}


def test_the_store_keeps_the_scores_and_filters_by_programme():
    store = Store()
    article = build_article("20240112.md", TRANSCRIPT.encode(), extract=False)
    stored = store.add_article(article, "test")
    rows = list(store.db.query("SELECT * FROM piece_programmes WHERE programme = ? ORDER BY piece_id", [JJJ]))
    assert [r["relevant"] for r in rows] == [1, 0, 0] and "headline" in rows[0]["words"]
    pieces = store.pieces(stored.article_id)
    assert store.relevant_piece_ids([JJJ]) == {pieces[0]["id"]}
    condition, params = store.programme_condition([JJJ])
    texts = [r[0] for r in store.db.execute(f"SELECT s.text FROM sentences s WHERE {condition}", params)]
    assert texts and all("城市群" not in t and "气温" not in t for t in texts)
    assert store.programme_counts()[JJJ] == {"relevant": 1, "passing": 2, "articles": 1}
    assert [r.text for r in store.search("城市群", programmes=[JJJ])] == []
    assert store.rescore_programmes() == len(rows) + len(list(store.db.query(
        "SELECT 1 FROM piece_programmes WHERE programme != ?", [JJJ])))
    assert store.relevant_piece_ids([JJJ]) == {pieces[0]["id"]}


def test_the_programmes_command_and_the_programme_filter(tmp_path):
    path = tmp_path / "20240112.md"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["programmes", "--format", "json", "--db", db]).output)
    first = listed[0]
    assert first["name"] == JJJ and first["relevant_pieces"] == 1 and "雄安新区" in first["parts"]
    assert "京津冀" in first["regions"] and "雄安新区" in first["names"] and "北京" in first["places"]
    table = runner.invoke(app, ["programmes", "--db", db], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "粤港澳大湾区" in table.output
    found = runner.invoke(app, ["search", "城市群", "--programme", "京津冀", "--format", "json", "--db", db])
    assert found.exit_code == 0 and json.loads(found.output) == []
    claims = runner.invoke(app, ["claims", "--programme", "京津冀", "--format", "json", "--db", db])
    assert claims.exit_code == 0
    assert all(c["piece"] in (None, 0) for c in json.loads(claims.output))
    bad = runner.invoke(app, ["claims", "--programme", "黄河", "--db", db])
    assert bad.exit_code == 2 and "tracker programmes" in bad.output


def test_programme_words_are_in_the_same_order_whatever_the_hash_seed():
    # Which place a headline "names" was the first of equally long places in a set's order.
    import subprocess
    import sys

    script = ("from tracker.compare.relevance import programmes, _others; "
              "print(repr([(p.name, p.terms, p.core(), _others(p.name)) for p in programmes()]))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
