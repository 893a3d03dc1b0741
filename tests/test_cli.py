"""The command line through Typer's CliRunner, on the bundled seeds and on bad input."""

import json
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from .conftest import SEEDS

runner = CliRunner()


def run(*args, db):
    return runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "100"})


@pytest.fixture
def db(tmp_path):
    return tmp_path / "t.db"


@pytest.fixture
def seeded(db):
    result = run("ingest", str(SEEDS), "--jobs", "1", db=db)
    assert result.exit_code == 0, result.output
    return db


def test_ingest_seeds_then_again_changes_nothing(seeded):
    again = run("ingest", str(SEEDS), "--jobs", "1", db=seeded)
    assert again.exit_code == 0
    assert "0 new, 0 new versions, 5 unchanged, 0 failed" in again.output


def test_sources_json_has_the_documented_keys(seeded):
    rows = json.loads(run("sources", "--format", "json", db=seeded).output)
    assert len(rows) == 5
    assert set(rows[0]) >= {"id", "path", "sha256", "title", "outlet", "published", "precision", "basis",
                            "evidence", "script", "pieces", "sentences"}
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)


def test_sources_csv_and_table(seeded):
    assert run("sources", "--format", "csv", db=seeded).output.startswith("id,path,sha256,")
    assert "articles" in run("sources", db=seeded).output


def test_show_by_stem_names_title_and_date_evidence(seeded):
    result = run("show", "000_2a7e4b1a25bea300", db=seeded)
    assert result.exit_code == 0, result.output
    assert "闫继红" in result.output and "2026-02-26" in result.output


def test_show_unknown_article_is_one_line_and_exit_1(seeded):
    result = run("show", "no-such-article", db=seeded)
    assert result.exit_code == 1
    assert "no article called 'no-such-article'" in result.output


@pytest.mark.parametrize("name", ["99999999999999999999999", "²", "١"])
def test_an_id_sqlite_cannot_hold_or_a_non_ascii_digit_is_an_unknown_article(seeded, name):
    for args in (("show", name), ("diff", "1", name), ("claims", "--article", name)):
        result = run(*args, db=seeded)
        assert result.exit_code == 1, (args, result.output)
        assert f"no article called {name!r}" in result.output
        assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [("claims",), ("timeline",), ("search", "雄安"), ("sources",), ("evolve", "GDP"), ("targets",)])
def test_a_limit_past_sqlite_integers_is_refused_as_a_bad_value(seeded, args):
    result = run(*args, "--limit", str(2**63), db=seeded)
    assert result.exit_code == 2, result.output
    assert "--limit" in result.output and "Traceback" not in result.output


def test_search_three_and_two_characters(seeded):
    three = json.loads(run("search", "技术合同", "--format", "json", db=seeded).output)
    assert three and all("技术合同" in r["simplified"] for r in three)
    two = json.loads(run("search", "雄安", "--format", "json", db=seeded).output)
    assert two and all("雄安" in r["simplified"] for r in two)


def test_claims_json_keys_and_kind_filter(seeded):
    rows = json.loads(run("claims", "--kind", "milestone", "--format", "json", db=seeded).output)
    assert rows and {r["kind"] for r in rows} == {"milestone"}
    assert list(rows[0]) == ["id", "article", "path", "piece", "kind", "sentence", "surface", "value",
                             "value_high", "unit", "qualifier", "subject", "metric", "as_of", "deadline",
                             "strength", "date", "precision", "event", "change", "start", "end",
                             "as_of_basis"]
    bad = run("claims", "--kind", "opinion", db=seeded)
    assert bad.exit_code == 2 and "'opinion' is not one of" in bad.output and "figure" in bad.output


def test_claims_jsonl_and_csv(seeded):
    lines = run("claims", "--article", "1", "--format", "jsonl", db=seeded).output.splitlines()
    assert lines and all(json.loads(line)["article"] == 1 for line in lines)
    assert run("claims", "--format", "csv", db=seeded).output.startswith("id,article,path,piece,kind,")


def test_reextract_keeps_claims(seeded):
    before = json.loads(run("claims", "--format", "json", db=seeded).output)
    result = run("reextract", db=seeded)
    assert result.exit_code == 0 and "re-extracted 5 articles" in result.output
    after = json.loads(run("claims", "--format", "json", db=seeded).output)
    strip = lambda rows: [(r["kind"], r["surface"], r["start"]) for r in rows]
    assert strip(after) == strip(before)


def test_published_given_overrides(tmp_path, db):
    page = tmp_path / "page.txt"
    page.write_text("某地新闻\n\n今年，全市新建学校12所。\n", "utf-8")
    result = run("ingest", str(page), "--published", "2024-08", db=db)
    assert result.exit_code == 0, result.output
    row = json.loads(run("sources", "--format", "json", db=db).output)[0]
    assert (row["published"], row["precision"], row["basis"]) == ("2024-08", "month", "given")
    bad = run("ingest", str(page), "--published", "last spring", db=db)
    assert bad.exit_code == 2


def test_same_text_in_another_encoding_is_unchanged(tmp_path, db):
    seed = SEEDS / "001_015af695a5ec415d.txt"
    utf8 = tmp_path / "a.txt"
    gbk = tmp_path / "b.txt"
    shutil.copy(seed, utf8)
    gbk.write_bytes(seed.read_text("utf-8").encode("gb18030"))
    result = run("ingest", str(utf8), str(gbk), db=db)
    assert "1 new, 0 new versions, 1 unchanged, 0 failed" in result.output


def test_a_changed_file_is_a_new_version(tmp_path, db):
    page = tmp_path / "p.txt"
    page.write_text("标题\n\n2024年，全市新建学校12所。\n", "utf-8")
    run("ingest", str(page), db=db)
    page.write_text("标题\n\n2024年，全市新建学校15所。\n", "utf-8")
    result = run("ingest", str(page), db=db)
    assert "(version 2)" in result.output
    rows = json.loads(run("sources", "--format", "json", db=db).output)
    assert sorted(r["version"] for r in rows) == [1, 2]


BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("garbage.txt", bytes([0xFF, 0xFE, 0xFD, 0x81, 0x30, 0xC0]) * 300 + b"\x81", "decode"),
]


@pytest.mark.parametrize("name,data,reason", BAD_FILES)
def test_bad_files_get_one_line_and_the_others_still_go_in(tmp_path, db, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("标题\n\n2024年，全市新建学校12所。\n", "utf-8")
    result = run("ingest", str(bad), str(good), db=db)
    assert result.exit_code == 1
    failure = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failure) == 1 and name in failure[0] and reason in failure[0]
    assert "1 new" in result.output
    assert "Traceback" not in result.output


def test_missing_path_and_empty_folder(tmp_path, db):
    (tmp_path / "empty").mkdir()
    result = run("ingest", str(tmp_path / "nope.txt"), str(tmp_path / "empty"), db=db)
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
    assert "folder has no .txt, .md or .html files" in result.output


def test_a_database_that_is_not_ours_is_refused(tmp_path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    result = run("sources", db=other)
    assert result.exit_code == 1
    assert "not a tracker database" in result.output and "Traceback" not in result.output


def test_a_locked_database_is_one_clear_line(seeded, tmp_path, monkeypatch):
    from tracker.commands import ingest
    from tracker.store import Store

    monkeypatch.setattr(ingest, "open_store", lambda path, create=False: Store(path, timeout=0.1))
    holder = sqlite3.connect(seeded)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        page = tmp_path / "p.txt"
        page.write_text("标题\n\n2024年，全市新建学校12所。\n", "utf-8")
        result = run("ingest", str(page), db=seeded)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert "locked" in result.output and "Traceback" not in result.output


def test_every_command_has_help_with_an_example():
    for command in ("ingest", "sources", "show", "search", "claims", "reextract", "eval"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_a_huge_file_is_refused_with_the_limit_and_the_rest_go_in(tmp_path, db):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text("标题\n\n2024年，全市新建学校12所。\n", "utf-8")
    result = run("ingest", str(huge), str(good), db=db)
    assert result.exit_code == 1
    assert "huge.txt: too large (50 MB; the limit is 16 MB)" in result.output
    assert "1 new" in result.output


def test_html_page_with_published_given(tmp_path, db):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>雄安新区建设提速</title></head><body><article><h1>雄安新区建设提速</h1>"
        "<p>雄安新区已累计完成投资超过6500亿元，4000多栋楼宇拔地而起，城市框架全面拉开。</p>"
        "<p>截至目前，已有200多家央企二三级子公司和分支机构落户雄安新区，建设全面提速。</p></article></body></html>",
        "utf-8")
    assert run("ingest", str(page), "--published", "2024-08", db=db).exit_code == 0
    row = json.loads(run("sources", "--format", "json", db=db).output)[0]
    assert (row["title"], row["published"], row["basis"]) == ("雄安新区建设提速", "2024-08", "given")
    shown = json.loads(run("show", "page", "--format", "json", db=db).output)
    assert shown["format"] == "html" and "6500亿元" in shown["text"]


def test_a_failure_inside_an_article_leaves_nothing_behind(tmp_path, db, monkeypatch):
    from tracker.store import Store

    def broken(self, *args):
        raise KeyboardInterrupt

    page = tmp_path / "p.txt"
    page.write_text("标题\n\n2024年，全市新建学校12所，新增学位3000个。\n", "utf-8")
    monkeypatch.setattr(Store, "_insert_claims", broken)
    result = run("ingest", str(page), db=db)  # Ctrl-C in the middle of writing
    assert result.exit_code != 0 and "Traceback" not in result.output
    monkeypatch.undo()
    store = Store(db)
    assert store.articles() == [] and list(store.db.query("SELECT * FROM sentences")) == []


def test_read_commands_do_not_create_a_database(tmp_path):
    missing = tmp_path / "nodir" / "x.db"
    result = run("sources", db=missing)
    assert result.exit_code == 1 and "run tracker ingest first" in result.output
    assert not missing.parent.exists()


def test_another_apps_migrated_database_is_refused(tmp_path):
    import sqlite_utils
    from sqlite_utils import Migrations

    other = tmp_path / "other.db"
    theirs = Migrations("otherapp")

    @theirs()
    def m001(db):
        db["notes"].create({"id": int, "text": str}, pk="id")

    theirs.apply(sqlite_utils.Database(other))
    result = run("sources", db=other)
    assert result.exit_code == 1 and "not a tracker database" in result.output
    assert "articles" not in sqlite_utils.Database(other).table_names()


def test_a_new_published_date_re_resolves_the_claims(tmp_path, db):
    page = tmp_path / "p.txt"
    page.write_text("标题\n\n今年5月12日，座谈会在石家庄召开，今年全市新建学校12所。\n", "utf-8")
    run("ingest", str(page), "--published", "2024-08", db=db)
    again = run("ingest", str(page), "--published", "2022", db=db)
    assert "2022 given" in again.output
    milestone = json.loads(run("claims", "--kind", "milestone", "--format", "json", db=db).output)[0]
    assert milestone["date"] == "2022-05-12"


@pytest.mark.parametrize("bad", ["24-08", "2024-13", "someday", "99999"])
def test_bad_published_is_usage_error(tmp_path, db, bad):
    page = tmp_path / "p.txt"
    page.write_text("标题\n\n2024年，全市新建学校12所。\n", "utf-8")
    result = run("ingest", str(page), "--published", bad, db=db)
    assert result.exit_code == 2 and "--published" in result.output


def test_a_named_file_of_another_type_is_refused(tmp_path, db):
    table = tmp_path / "data.csv"
    table.write_text("a,b\n1,2\n", "utf-8")
    result = run("ingest", str(table), db=db)
    assert result.exit_code == 1 and "data.csv: not a .txt, .md or .html file" in result.output


def test_ingest_jobs_also_bounds_the_refresh_workers(db, monkeypatch):
    # --jobs 1 means one process: the derived tables' refresh must not start a pool either.
    from tracker import pipeline

    asked, real = [], pipeline.refresh
    monkeypatch.setattr(pipeline, "refresh", lambda store, progress, jobs=None: asked.append(jobs) or real(store, progress, jobs))
    assert run("ingest", str(SEEDS), "--jobs", "1", db=db).exit_code == 0
    assert asked == [1]
