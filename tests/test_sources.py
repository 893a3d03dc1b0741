"""Reading files: encodings, line endings, zero-width characters, markup, and refusals."""

import pytest

from tracker.errors import UnreadableFile
from tracker.read.sources import MAX_BYTES, decode, original_offset, remove_zero_width

SENTENCE = "京津冀协同发展十周年，区域经济总量突破10万亿元。\n"
TRADITIONAL = "黨的二十屆三中全會緊緊圍繞推進中國式現代化這個主題。\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("gbk") * 3, "gb18030"),
        (SENTENCE.encode("gb18030") * 3, "gb18030"),
    ],
)
def test_encodings_come_out_as_the_same_text(data, encoding):
    decoded = decode(data, "a.txt")
    assert decoded.text.startswith(SENTENCE.strip()) and decoded.encoding == encoding


def test_big5_traditional_text():
    decoded = decode(TRADITIONAL.encode("big5") * 3, "a.txt")
    assert decoded.encoding == "big5" and decoded.text.startswith("黨的二十屆")


def test_line_endings_are_normalised():
    assert decode("第一行\r\n第二行\r第三行".encode(), "a.txt").text == "第一行\n第二行\n第三行"


def test_zero_width_inside_a_number_joins_it_and_keeps_a_map():
    text = "区域经济总量达到74.4\n\u200b\n万亿元，同比增长5.4%。"
    decoded = decode(text.encode(), "a.txt")
    assert "74.4万亿元" in decoded.text
    at = decoded.text.index("万亿元")
    assert text[original_offset(at, decoded.joins)] == "万"


def test_zero_width_after_a_sentence_keeps_the_line_break():
    joined, _ = remove_zero_width("第一句。\n\u200b\n第二句。")
    assert joined == "第一句。\n\n第二句。"


def test_inline_tags_are_dropped():
    text = decode("<p>京津冀<strong>协同</strong>发展</p><p>第二段&nbsp;文字<br/>换行</p>".encode(), "a.txt").text
    assert "<" not in text and "京津冀协同发展" in text and "第二段 文字\n换行" in text


def test_markdown_marks_are_dropped():
    text = decode("# 标题\n\n**2024年**，[雄安新区](https://x.cn)新增企业300家。\n".encode(), "a.md").text
    assert text.startswith("标题") and "2024年，雄安新区新增企业300家。" in text


def test_html_gives_main_text_title_and_date():
    page = """<html><head><title>雄安新区建设提速</title>
    <meta property="article:published_time" content="2024-08-12T10:00:00+08:00"></head>
    <body><div class="nav">首页 &gt; 新闻</div><article><h1>雄安新区建设提速</h1>
    <p>雄安新区已累计完成投资超过6500亿元，4000多栋楼宇拔地而起，城市框架全面拉开。</p>
    <p>截至目前，雄安新区已有200多家央企二三级子公司和分支机构落户，建设全面提速。</p></article>
    <footer>版权所有</footer></body></html>"""
    decoded = decode(page.encode("utf-8"), "page.html")
    assert decoded.format == "html" and decoded.meta_title == "雄安新区建设提速"
    assert decoded.meta_date == "2024-08-12"
    assert "6500亿元" in decoded.text and "<p>" not in decoded.text


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"abc\x00def" * 10, "binary"),
        (bytes([0xFF, 0xFE, 0xFD, 0x81, 0x30, 0xC0]) * 300 + b"\x81", "decode"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadableFile) as raised:
        decode(data, "bad.txt")
    assert raised.value.path == "bad.txt" and reason in raised.value.reason


def test_huge_files_are_refused_with_the_limit():
    with pytest.raises(UnreadableFile) as raised:
        decode(b"a" * (MAX_BYTES + 1), "huge.txt")
    assert "limit" in raised.value.reason and "16 MB" in raised.value.reason


def test_the_same_text_in_two_encodings_is_one_text():
    assert decode(SENTENCE.encode("gbk") * 2, "a.txt").text == decode(SENTENCE.encode("utf-8") * 2, "b.txt").text


def test_html_without_text_is_refused_and_sidebar_dates_are_not_metadata():
    with pytest.raises(UnreadableFile) as raised:
        decode(b"<html><head><title>t</title><script>var a=1;</script></head><body><div></div></body></html>",
               "empty.html")
    assert "no text found" in raised.value.reason
    page = """<html><head><title>雄安新区建设提速</title></head><body><article><h1>雄安新区建设提速</h1>
    <p>雄安新区已累计完成投资超过6500亿元，4000多栋楼宇拔地而起，城市框架全面拉开，建设全面提速。</p>
    <p>已有200多家央企二三级子公司和分支机构落户，疏解工作稳步推进，城市功能不断完善。</p></article>
    <aside><h3>相关新闻</h3><ul><li>河北召开新闻发布会 2024-03-01</li><li>统计局发布数据 2024-02-27</li></ul></aside>
    </body></html>"""
    assert decode(page.encode(), "page.html").meta_date is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec):
    text = "京津冀协同发展 2024年\n区域经济总量10.4万亿元。\n"
    decoded = decode(text.encode(codec), "a.txt")
    assert decoded.encoding == codec and decoded.text == text
