"""Clustering by scope: the gram indexes of a day, a month and a year only find, faster,
what comparing a telling with every cluster its date agrees with finds."""

from __future__ import annotations

import random

import pytest

from tracker import dates, likeness
from tracker.compare import events
from tracker.compare.series import conflicts_among
from tracker.models import StoredClaim

# Busy days and months: more than the 16 clusters below which no index is asked.
HEADS = ["国务院常务会议研究部署", "京津冀协同发展座谈会召开", "雄安新区启动区开工建设", "全国两会在北京开幕",
         "中欧班列开行突破", "粮食生产再获丰收", "冬奥会场馆全部完工", "第一艘国产航母下水", "长江经济带发展推进会",
         "数字经济峰会在杭州举行", "世界互联网大会乌镇峰会", "海南自由贸易港建设总体方案发布"]
TAILS = ["", "并强调", "取得新进展", "正式启动", "顺利完成", "全面推进工作", "进一步深化改革", "三月", "第二批"]


def telling(number: int, rng: random.Random) -> StoredClaim:
    precision = rng.choice(["day"] * 5 + ["month"] * 3 + ["year"] * 2)
    month, day = rng.randint(1, 3), rng.randint(1, 4)
    date = {"day": f"2024-{month:02d}-{day:02d}", "month": f"2024-{month:02d}", "year": "2024"}[precision]
    event = rng.choice(HEADS) + rng.choice(TAILS) + rng.choice(TAILS)
    return StoredClaim(id=number, article=rng.randint(1, 40), kind="milestone", surface=date, date=date,
                       precision=precision, event=event, sentence=event, published=f"2024-04-{rng.randint(1, 28):02d}")


def by_brute_force(claims: list[StoredClaim]) -> list[tuple[str, list[int]]]:
    """The clustering as specified: each telling, most precise first, joins the cluster it is most
    alike of all those whose date agrees with its own (the first made on a tie), else starts one."""
    dated = sorted(((dates.parse_exact(c.date), c) for c in claims),
                   key=lambda pair: (-dates.precision_rank(pair[0].precision), pair[0].first_day(),
                                     dates.day_key(pair[1].published), pair[1].article, pair[1].id))
    clusters: list[tuple[dates.PartialDate, list[StoredClaim], list[str]]] = []
    for date, claim in dated:
        key = events.event_key(events._milestone_key_text(claim))
        best, best_score = None, 0.0
        for cluster in clusters:
            if not cluster[0].agrees(date):
                continue
            score = max(events.similarity(key, mine) for mine in cluster[2])
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = (date, [], [])
            clusters.append(best)
        best[1].append(claim)
        best[2].append(key)
    return [(date.iso, [m.id for m in members]) for date, members, _ in clusters]


@pytest.mark.parametrize("seed", range(6))
def test_scoped_clustering_equals_comparing_with_every_agreeing_cluster(seed, monkeypatch):
    rng = random.Random(seed)
    claims = [telling(number, rng) for number in range(400)]
    asked = []
    candidates = events._Scope.candidates
    monkeypatch.setattr(events._Scope, "candidates", lambda self, *args: asked.append(self) or candidates(self, *args))
    found = [(c.date.iso, [m.id for m in c.members])
             for c in events._cluster(claims, lambda c: c.date, events._milestone_key_text)]
    assert found == by_brute_force(claims)
    assert max(len(members) for _, members in found) > 1  # tellings did merge
    assert len(set(map(id, asked))) > 3  # busy scopes (the year's, months', days') were looked up by index


@pytest.mark.parametrize("seed", range(4))
def test_gram_index_candidates_are_exactly_the_items_sharing_enough_grams(seed):
    rng = random.Random(seed)
    alphabet = "发展改革开放创新协同建设经济社会"
    index, items = likeness.GramIndex(), []
    for _ in range(300):
        grams = likeness.bigrams("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
        items.append(grams)
        number = index.add(grams)
        if rng.random() < 0.3:  # an item that grows, as a cluster does when a telling joins it
            more = likeness.bigrams("".join(rng.choice(alphabet) for _ in range(4)))
            index.extend(number, more)
            items[number] = grams | more
    for _ in range(100):
        query = likeness.bigrams("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 15))))
        for at_least in (1, 2, 3, 6, 20):
            expected = {n for n, grams in enumerate(items) if len(grams & query) >= at_least}
            assert index.candidates(query, at_least) == expected
            assert index.candidates(list(query), at_least) == expected


def figure(number: int, article: int, value: float, metric: str) -> StoredClaim:
    return StoredClaim(id=number, article=article, kind="figure", surface=f"{value}%", value=value, unit="%",
                       subject="全国", metric=metric, as_of="2023", published=f"2024-01-{article:02d}",
                       sentence=f"{metric}{value}%")


def test_conflicts_are_named_in_the_texts_words_when_the_key_is_cut_from_them():
    told = [figure(1, 1, 5.2, "国内生产总值增长"), figure(2, 2, 5.4, "国内生产总值增长"),
            figure(3, 3, 5.3, "全年国内生产总值比上年增长")]
    conflicts = conflicts_among(told)
    assert {(c.points[0].claim, c.points[1].claim) for c in conflicts} == {(1, 2), (1, 3), (2, 3)}
    assert all(c.metric for c in conflicts)
    # the same answer whatever the order the figures come in
    assert conflicts_among(told[::-1]) == conflicts
