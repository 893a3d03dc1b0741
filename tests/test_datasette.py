"""The database in a real Datasette process: tables, views, canned queries, Chinese search,
and one headless-Chromium screenshot of the timeline view."""

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from tracker.output import datasette as serving
from tracker.cli import app

from .conftest import SEEDS

pytest.importorskip("datasette", reason="Datasette is the serve extra: pip install -e '.[serve]'")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    db = str(folder / "tracker.db")
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--jobs", "1", "--db", db])
    assert result.exit_code == 0, result.output
    metadata = folder / "metadata.json"
    metadata.write_text(json.dumps(serving.metadata_for(db, serving.SHIPPED.read_text("utf-8"))), "utf-8")
    port = free_port()
    about = folder / "about"
    about.mkdir()
    (about / "README.md").write_text(serving.readme_text(), "utf-8")
    process = subprocess.Popen(serving.datasette_command(db, str(metadata), "127.0.0.1", port,
                                                         about_folder=str(about)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("Datasette did not start: " + process.stderr.read().decode(errors="replace")[-500:])
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(base: str, path: str, **params) -> object:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=20) as response:
        return json.loads(response.read().decode("utf-8"))


def test_tables_and_views_are_there(site):
    database = get(site, "/tracker.json")
    tables = {t["name"] for t in database["tables"]}
    views = {v["name"] for v in database["views"]}
    assert {"articles", "sentences", "claims", "events", "event_sources", "target_checks"} <= tables
    assert {"timeline", "figure_series", "conflicts", "targets_status", "claims_detail"} <= views


def test_metadata_describes_tables_and_links_articles_by_title(site):
    metadata = get(site, "/-/metadata.json")
    tables = metadata["databases"]["tracker"]["tables"]
    assert tables["articles"]["label_column"] == "title"
    claims = get(site, "/tracker/claims.json", _shape="objects", _size=1, _labels="on")
    assert claims["rows"][0]["article_id"]["label"]  # the foreign key shows the article's title


def test_timeline_view_has_the_symposium_once_with_three_sources(site):
    rows = get(site, "/tracker/timeline.json", _shape="array", date="2023-05-12")
    symposium = [r for r in rows if "座谈会" in r["event"]]
    assert len(symposium) == 1 and symposium[0]["sources"] == 3


def test_canned_query_with_a_parameter(site):
    rows = get(site, "/tracker/metric_evolution.json", _shape="array", q="技术合同")
    assert rows and all("技术合同" in (r["metric"] or "") + r["sentence"] for r in rows)
    due = get(site, "/tracker/targets_due_before.json", _shape="array", before="2030")
    assert due and all(r["deadline"] < "2030" for r in due)


def test_chinese_search_box_on_sentences_and_claims(site):
    rows = get(site, "/tracker/sentences.json", _shape="array", _search="技术合同")
    assert rows and all("技术合同" in r["simplified"] for r in rows)
    claims = get(site, "/tracker/claims.json", _shape="array", _search="技术合同")
    assert claims and all("技术合同" in (r["metric"] or "") for r in claims)


def test_one_and_two_character_terms_through_the_find_query(site):
    rows = get(site, "/tracker/find_text.json", _shape="array", q="雄安")
    assert rows and all("雄安" in r["context"] for r in rows)


def test_the_timeline_page_renders_chinese_in_headless_chromium(site, tmp_path):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which(
        "fc-list") else ""
    if not fonts.strip():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1000"]
    page = f"{site}/tracker/timeline"
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120)
    assert "深入推进京津冀协同发展座谈会" in dom.stdout
    shot = tmp_path / "timeline.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", page], capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_serve_without_a_database_says_so(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "run tracker ingest first" in result.output


def test_article_rows_are_short_and_the_texts_one_click_away(site):
    article = get(site, "/tracker/articles.json", _shape="array", _size=1)[0]
    assert "text" not in article and "simplified" not in article
    assert all(len(str(v)) < 400 for v in article.values())
    texts = get(site, "/tracker/article_texts.json", _shape="array", article_id=article["id"])
    assert len(texts) == 1 and len(texts[0]["text"]) > 1000


def test_money_is_shown_readably(site):
    rows = get(site, "/tracker/claims.json", _shape="array", unit="元", _size=5)
    assert rows and all("亿" in r["value_label"] or "万" in r["value_label"] for r in rows if r["value"] >= 1e5)


def test_descriptions_have_no_raw_backticks_and_the_readme_link_works(site):
    metadata = get(site, "/-/metadata.json")
    descriptions = [t.get("description", "") for t in metadata["databases"]["tracker"]["tables"].values()]
    assert not any("`" in d for d in descriptions)
    assert metadata["about_url"] == "/about/README.md"
    with urllib.request.urlopen(site + metadata["about_url"], timeout=20) as response:
        assert "tracker" in response.read().decode("utf-8")


def test_the_whole_database_cannot_be_downloaded_by_default(site):
    try:
        urllib.request.urlopen(site + "/tracker.db", timeout=20)
        downloaded = True
    except urllib.error.HTTPError as error:
        downloaded = error.code != 403
    assert not downloaded
