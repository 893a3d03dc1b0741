from tracker.read.script import detect_script, simplify


def test_traditional_text_is_detected_and_simplified_char_for_char():
    text = "黨的二十屆三中全會緊緊圍繞推進中國式現代化這個主題"
    shadow = simplify(text)
    assert shadow == "党的二十届三中全会紧紧围绕推进中国式现代化这个主题"
    assert len(shadow) == len(text)
    assert detect_script(text) == "zh-Hant"


def test_simplified_text_stays_simplified():
    assert detect_script("京津冀协同发展迈上新台阶，吸纳京津技术合同成交额") == "zh-Hans"
