"""The bundled corpus end to end, without the development gold: each seed's title,
publication date (with its basis) and script, as the README's main job produces them."""

import pytest

from tracker.read.articles import build_article

from .conftest import SEEDS

EXPECTED = [
    ("000_2a7e4b1a25bea300.txt", "河北保定市市长闫继红:以更加开放的姿态全面“入群融圈”", "2026-02-26", "explicit", "zh-Hans"),
    ("001_015af695a5ec415d.txt", "同心筑梦,京津冀协同发展迈上新台阶", "2025-05", "inferred", "zh-Hans"),
    ("002_28d01b229fcb1637.txt", "加快建設現代化品質生活之城", "2024", "inferred", "zh-Hant"),
    ("003_96270f4216e9840f.txt", "河北牵住疏解北京非首都功能“牛鼻子”", "2024", "inferred", "zh-Hans"),
    ("004_9bcc81098d4e6319.txt", "凝心聚力推动河北高质量发展", "2023-05", "inferred", "zh-Hans"),
]


@pytest.mark.parametrize("name,title,published,basis,script", EXPECTED)
def test_seed_title_date_and_script(name, title, published, basis, script):
    article = build_article(name, (SEEDS / name).read_bytes())
    assert article.layout.title == title
    assert (article.dating.published, article.dating.basis) == (published, basis)
    assert article.script == script
    assert article.dating.evidence  # every date says why


def test_the_sidebar_timestamps_of_seed_000_are_not_its_date():
    article = build_article("000.txt", (SEEDS / "000_2a7e4b1a25bea300.txt").read_bytes())
    body = article.text[article.layout.body_start:article.layout.body_end]
    assert "2026-03-03" not in body and "热门资讯" not in body
    assert all("2026-03" not in (c.date or "") for c in article.claims)
