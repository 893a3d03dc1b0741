from tracker.models import Piece
from tracker.read.sentences import split_sentences


def test_splits_on_chinese_end_marks_and_keeps_closing_quotes():
    text = "他说：“选择落户雄安。”今年1月，北京……下一步！\n标题行\n2024年；好"
    assert [s.text for s in split_sentences(text)] == [
        "他说：“选择落户雄安。”", "今年1月，北京……", "下一步！", "标题行", "2024年；", "好"]


def test_offsets_point_at_the_sentence_text():
    text = "  第一句。\n\n 第二句！"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_only_the_body_span_is_split_and_pieces_are_tagged():
    text = "页头\n甲说。乙说。\n页脚"
    pieces = [Piece("一", 3, 6), Piece("二", 6, 9)]
    sentences = split_sentences(text, 3, 9, pieces)
    assert [(s.text, s.piece) for s in sentences] == [("甲说。", 0), ("乙说。", 1)]
