"""`tracker eval` on an events gold list: found, one entry per event, share from programme stories."""

import json

from typer.testing import CliRunner

from tracker.cli import app
from tracker.evaluate_events import date_agrees, is_events_gold, score_events, story_texts, tells
from tracker.models import Event, EventSource

runner = CliRunner()


def entry(date, *sentences, article=1):
    return Event(date, "day" if len(date) == 10 else "month", sentences[0][:20], (), "milestone",
                 tuple(EventSource(article, "2024-02-20", s, i) for i, s in enumerate(sentences)))


GOLD = [
    {"id": "E1", "date": "2024-02-19", "event": "雄安新区56个重点项目开工",
     "mentions": [{"file": "20240220.md", "quote": "昨天（2月19日），河北雄安新区56个重点项目开工。"}]},
    {"id": "E2", "date": "2024-02", "event": "《意见》发布",
     "mentions": [{"file": "20240220.md", "quote": "国家发展改革委近日发布《关于推动雄安新区建设绿色发展城市典范的意见》。"},
                  {"file": "20240221.md", "quote": "《关于推动雄安新区建设绿色发展城市典范的意见》提出，到2035年基本建成。"}]},
]


def test_the_format_is_a_list_of_events_with_mentions():
    assert is_events_gold(GOLD)
    assert not is_events_gold([{"year": 2005, "kind": "target"}])
    assert not is_events_gold({"claims": []})


def test_stamps_and_the_broadcast_lead_are_set_aside():
    assert tells("（新闻联播）：今天（2月19日），河北雄安新区56个重点项目开工。", "河北雄安新区56个重点项目开工")
    assert not tells("今天（2月19日），北京开工。", "今天（2月19日），天津揭牌。")


def test_a_finer_date_agrees_a_coarser_one_does_not():
    assert date_agrees("2024-02-09", "2024-02") and date_agrees("2024-02", "2024-02")
    assert not date_agrees("2024", "2024-02") and not date_agrees("2024-03-01", "2024-02")


def test_found_and_one_entry():
    files = {1: "20240220.md", 2: "20240221.md"}
    timeline = [entry("2024-02-19", "昨天（2月19日），河北雄安新区56个重点项目开工。"),
                Event("2024-02-09", "day", "《意见》发布", (), "milestone", (
                    EventSource(1, "2024-02-20", "国家发展改革委近日发布《关于推动雄安新区建设绿色发展城市典范的意见》。", 3),
                    EventSource(2, "2024-02-21", "《关于推动雄安新区建设绿色发展城市典范的意见》提出，到2035年基本建成。", 4)))]
    score = score_events(GOLD, timeline, files)
    assert score.found == 2 and score.recall == 1.0
    assert [e.entries for e in score.multi] == [1]


def test_an_entry_lumping_other_events_finds_nothing():
    lumped = entry("2024-02-19", "昨天（2月19日），河北雄安新区56个重点项目开工。", "昨天（2月19日），天津港新航线开通。",
                   "昨天（2月19日），上海举办国际论坛。")
    score = score_events(GOLD[:1], [lumped], {1: "20240220.md"})
    assert score.found == 0 and score.events[0].found_loose


def test_the_wrong_file_or_date_finds_nothing():
    right = entry("2024-02-19", "昨天（2月19日），河北雄安新区56个重点项目开工。", article=2)
    assert score_events(GOLD[:1], [right], {2: "20240221.md"}).found == 0
    assert score_events(GOLD[:1], [entry("2024-02-18", GOLD[0]["mentions"][0]["quote"])], {1: "20240220.md"}).found == 0


BROADCAST = """# 20240220

## 详细新闻

### 雄安新区重点项目集中开工

<p><strong>央视网消息</strong>（新闻联播）：昨天（2月19日），河北雄安新区56个重点项目开工。</p>

### 国内联播快讯

<p><strong>央视网消息</strong>（新闻联播）：<br></p><p><strong>天津港新航线开通</strong></p><p>昨天（2月19日），天津港新航线开通。</p><p><strong>上海举办国际论坛</strong></p><p>昨天（2月19日），上海举办国际论坛。</p>
"""


def test_stories_and_their_items(tmp_path):
    (tmp_path / "20240220.md").write_text(BROADCAST, encoding="utf-8")
    texts = story_texts([{"file": "20240220.md", "headline": "雄安新区重点项目集中开工"},
                         {"file": "20240220.md", "headline": "国内联播快讯", "items": ["天津港新航线开通"]}], tmp_path)
    assert len(texts["20240220.md"]) == 2
    assert not any("上海" in t for t in texts["20240220.md"])


def one_event_and_story(tmp_path, broadcast: str):
    """A folder with one broadcast, the gold of its first event and its 雄安 story."""
    (tmp_path / "20240220.md").write_text(broadcast, encoding="utf-8")
    gold = tmp_path / "events.json"
    gold.write_text(json.dumps(GOLD[:1], ensure_ascii=False), encoding="utf-8")
    stories = tmp_path / "stories.json"
    stories.write_text(json.dumps([{"file": "20240220.md", "headline": "雄安新区重点项目集中开工"}],
                                  ensure_ascii=False), encoding="utf-8")
    return gold, stories


def test_eval_detects_the_events_format(tmp_path):
    gold, stories = one_event_and_story(tmp_path, BROADCAST)
    result = runner.invoke(app, ["eval", str(gold), str(tmp_path), "--stories", str(stories), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["found"] == 1 and out["events"] == 1
    assert out["in_programme_stories"] >= 1 and out["in_programme_stories"] < out["timeline_entries"]
    narrowed = runner.invoke(app, ["eval", str(gold), str(tmp_path), "--programme", "京津冀", "--format", "json"])
    assert narrowed.exit_code == 0, narrowed.output
    assert json.loads(narrowed.output)["found"] == 1


def test_flash_items_with_a_line_break_after_the_headline_are_found(tmp_path):
    # Transcripts write an item's headline as <p><strong>…</strong><br></p> as often as without the <br>.
    (tmp_path / "20240509.md").write_text(
        "### 国内联播快讯\n<p><strong>甲地消息</strong><br></p><p>甲地今天开会。</p>"
        "<p><strong>雄安新区高新区揭牌</strong><br></p><p>今天，雄安高新区揭牌运行。</p>\n", "utf-8")
    stories = [{"file": "20240509.md", "headline": "国内联播快讯", "items": ["雄安新区高新区揭牌"]}]
    [text] = story_texts(stories, tmp_path)["20240509.md"]
    assert "雄安高新区揭牌运行" in text and "甲地今天开会" not in text


ROUND_UP = """# 《新闻联播》 (20240220)

## 详细新闻

### 雄安新区重点项目集中开工

<p><strong>央视网消息</strong>（新闻联播）：昨天（2月19日），河北雄安新区56个重点项目开工，雄安新区建设全面提速。</p>

[查看原文](https://tv.cctv.com/1.shtml)

### 国内联播快讯

<p><strong>央视网消息</strong>（新闻联播）：</p><p><strong>今年前4个月京津冀地区外贸进出口总值超1.6万亿元</strong></p><p>记者从北京海关了解到，今年前4个月，京津冀地区外贸进出口总值达1.69万亿元。</p><p><strong>京津冀启动养老服务人才队伍互促共建</strong><br></p><p>京津冀三地民政部门日前共同发布了首批20家养老服务人才培训基地，培训结果三地互认。</p>

[查看原文](https://tv.cctv.com/2.shtml)

### 各地重大工程建设加速推进

<p><strong>央视网消息</strong>（新闻联播）：各地加速推进重大工程建设。</p><p>北京首条跨市域的地铁线路——轨道交通22号线建设加快推进，串联起城市副中心、河北三河地区。</p><p>在广西，平陆运河建设抓紧进行。</p><p>在黑龙江，光伏二期项目正在紧张施工。</p>

[查看原文](https://tv.cctv.com/3.shtml)
"""


def test_gold_stories_and_items_found_as_pieces_and_marked_relevant(tmp_path):
    from tracker.evaluate_events import report_lines, stories_marked, EventsScore

    (tmp_path / "20240220.md").write_text(ROUND_UP, encoding="utf-8")
    stories = [{"file": "20240220.md", "headline": "雄安新区重点项目集中开工"},
               {"file": "20240220.md", "headline": "国内联播快讯",
                "items": ["京津冀启动养老服务人才队伍互促共建", "今年前4个月京津冀地区外贸进出口总值超1.6万亿元"]},
               {"file": "20240220.md", "headline": "各地重大工程建设加速推进", "items": ["轨道交通22号线"]}]
    marked = {s.headline: s for s in stories_marked(stories, tmp_path, "京津冀")}
    assert marked["雄安新区重点项目集中开工"].relevant
    assert marked["京津冀启动养老服务人才队伍互促共建"].relevant  # a 快讯 item written with <br>
    trade = marked["今年前4个月京津冀地区外贸进出口总值超1.6万亿元"]
    assert trade.found and not trade.relevant and "label" in trade.words  # the region as a label of place
    assert not marked["轨道交通22号线"].found  # a paragraph of a round-up is no piece of its own
    lines = report_lines(EventsScore(stories=list(marked.values())), misses=True)
    assert "stories        2/4 gold programme stories and items marked relevant (0.500; 3 found as pieces)" in lines
    assert any(line.startswith("NOT MARKED 20240220.md 轨道交通22号线 (not a piece of its own)") for line in lines)


def test_eval_reports_the_stories_marked_with_a_programme(tmp_path):
    gold, stories = one_event_and_story(tmp_path, ROUND_UP)
    result = runner.invoke(app, ["eval", str(gold), str(tmp_path), "--stories", str(stories),
                                 "--programme", "京津冀", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert (out["stories"], out["stories_found"], out["stories_relevant"]) == (1, 1, 1)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"headline": "no file"}]), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(tmp_path), "--stories", str(bad), "--programme", "京津冀"])
    assert result.exit_code == 2 and "not a stories JSON list" in result.output and "Traceback" not in result.output
