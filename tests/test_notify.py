"""``guanxin notify`` end to end: the CLI posting to a real HTTP server on 127.0.0.1.

Each vendor's payload as the app documents it, signatures recomputed here from the
secret, refusals and dead ports with their exit codes, mentions, and no secret anywhere.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, run_process
from .robotkit import FEISHU_OK, Reply, Robot, dead_port

AS_OF = "2022-09-30"
WECOM = "/cgi-bin/webhook/send?key="
DINGTALK = "/robot/send?access_token="
FEISHU = "/open-apis/bot/v2/hook/"
SECRET = "SEC5f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"  # a WeCom key's shape


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 is reached directly, whatever proxy the machine is set up with."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    for var in ("GUANXIN_NOTIFY_URL", "GUANXIN_NOTIFY_SECRET"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def robot() -> Iterator[Robot]:
    with Robot() as server:
        yield server


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _bundled_overdue(run: Any, cwd: Path) -> dict[str, Any]:
    result = run(["overdue", "--json", "--as-of", AS_OF], cwd=cwd)
    data: dict[str, Any] = json.loads(result.out)["data"]
    return data


def _item_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


# ----------------------------------------------------------------------- payloads


def test_wecom_on_the_bundled_data_posts_markdown_naming_the_late_schools(
    run: Any, robot: Robot, tmp_path: Path
) -> None:
    url = robot.url(WECOM + "K")
    result = run(["notify", "--kind", "wecom", "--to", url, "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 0, result.err  # posted: 0, though items are overdue
    *reports, mention = [r.body for r in robot.received]
    assert reports
    for r in robot.received:
        assert r.path == "/cgi-bin/webhook/send" and r.query == {"key": ["K"]}
        assert r.headers["Content-Type"].startswith("application/json")
    for body in reports:
        assert list(body) == ["msgtype", "markdown"] and body["msgtype"] == "markdown"
        assert list(body["markdown"]) == ["content"]
        assert len(body["markdown"]["content"].encode("utf-8")) <= 4096
    text = "\n".join(b["markdown"]["content"] for b in reports)
    overdue = _bundled_overdue(run, tmp_path)
    assert "逾期" in text and f"逾期 {overdue['overdue']} 项" in text
    for group in overdue["groups"]:
        assert f"**{group['label']}**" in text
    assert len(_item_lines(text)) == overdue["overdue"]  # all of them: nothing left out
    assert "未列出" not in text
    # @ by mobile: one text message after the report, the liaisons of the late schools in
    # the order the report reaches them (陈志华's "138 0000 0103" read as a mobile)
    assert list(mention) == ["msgtype", "text"] and mention["msgtype"] == "text"
    assert list(mention["text"]) == ["content", "mentioned_mobile_list"]
    assert mention["text"]["mentioned_mobile_list"] == [
        "13800000101",  # 王建国: 河头小学
        "13800000103",  # 陈志华: 岸头实验学校
        "13800000104",  # 周德明: 金坛区第二中学
        "13800000102",  # 刘秀英: 新城实验幼儿园
    ]
    assert "蒋茂林（包校，未登记电话）" in result.err  # 尧塘's liaison: no phone in the directory
    assert f"已发送 {len(reports) + 1} 条消息到企业微信机器人" in result.out
    assert "key=***" in result.out


def _dingtalk_sign(secret: str, timestamp: str) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def test_dingtalk_payload_and_signature(run: Any, robot: Robot, tmp_path: Path) -> None:
    url = robot.url(DINGTALK + "0a1b2c3d4e5f")
    args = ["notify", "--to", url, "--secret", SECRET, "--as-of", AS_OF, "--keyword", "提醒"]
    before = int(time.time() * 1000)
    result = run([*args, "--mention", "liaisons", "--mention", "contacts"], cwd=tmp_path)
    after = int(time.time() * 1000)
    assert result.code == 0, result.err
    assert robot.received
    everyone: list[str] = []
    for r in robot.received:
        assert r.path == "/robot/send"
        assert sorted(r.query) == ["access_token", "sign", "timestamp"]
        assert r.query["access_token"] == ["0a1b2c3d4e5f"]  # kept beside the signature
        stamp = r.query["timestamp"][0]
        assert before <= int(stamp) <= after  # milliseconds
        assert r.query["sign"] == [_dingtalk_sign(SECRET, stamp)]
        body = r.body
        assert list(body) == ["msgtype", "markdown", "at"] and body["msgtype"] == "markdown"
        assert list(body["markdown"]) == ["title", "text"]
        assert list(body["at"]) == ["atMobiles"]
        text = body["markdown"]["text"]
        assert "提醒" in text  # the robot's keyword, in every message
        for mobile in body["at"]["atMobiles"]:
            assert re.fullmatch(r"1[3-9]\d{9}", mobile) and f"@{mobile}" in text
        everyone += body["at"]["atMobiles"]
    assert len(everyone) == len(set(everyone))  # each person once in the report
    # liaisons and the contacts with mobiles (河头小学's contact has no phone)
    assert {"13800000101", "13800000103", "13900000114", "13900000109"} <= set(everyone)


def _feishu_sign(secret: str, timestamp: str) -> str:
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def test_feishu_card_and_signature(run: Any, tmp_path: Path) -> None:
    with Robot(FEISHU_OK) as robot:
        url = robot.url(FEISHU + "2d9e1f0c-hook-token-7a6b")
        before = int(time.time())
        result = run(["notify", "--to", url, "--secret", SECRET, "--as-of", AS_OF], cwd=tmp_path)
        after = int(time.time())
    assert result.code == 0, result.err
    assert "飞书机器人不能按手机号 @ 人" in result.err
    assert robot.received
    for r in robot.received:
        assert r.path == "/open-apis/bot/v2/hook/2d9e1f0c-hook-token-7a6b" and r.query == {}
        assert len(r.raw) <= 20 * 1024
        body = r.body
        assert list(body) == ["timestamp", "sign", "msg_type", "card"]
        assert before <= int(body["timestamp"]) <= after  # seconds, as text
        assert body["sign"] == _feishu_sign(SECRET, body["timestamp"])
        assert body["msg_type"] == "interactive"
        card = body["card"]
        assert list(card) == ["header", "elements"]
        assert card["header"]["template"] == "red"  # something is overdue
        assert card["header"]["title"]["tag"] == "plain_text"
        assert "逾期" in card["header"]["title"]["content"]
        [element] = card["elements"]
        assert list(element) == ["tag", "content"] and element["tag"] == "markdown"
        assert "逾期" in element["content"]


def test_status_report(run: Any, robot: Robot, tmp_path: Path) -> None:
    url = robot.url(WECOM + KEY)
    result = run(["notify", "--to", url, "--report", "status", "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 0, result.err
    text = robot.received[0].body["markdown"]["content"]
    status = json.loads(run(["status", "--json", "--as-of", AS_OF], cwd=tmp_path).out)["data"]
    overall = status["overall"]
    assert f"总体完成 {overall['done']}/{overall['total']}" in text  # the same numbers
    assert f"逾期 {status['counts']['overdue']}" in text
    assert "**各部分进度**" in text and "**需关注的学校（按风险排序）**" in text
    hetou = next(s for s in status["schools"] if s["name"] == "河头小学")
    done = f"{hetou['rate']['ratio'] * 100:.0f}%"
    assert f"河头小学：完成 {done} · 逾期 {hetou['overdue']}" in text
    late = [s["name"] for s in status["schools"] if s["overdue"]]
    assert late and all(f"- {name}：" in text for name in late)


@pytest.mark.parametrize("report", ["overdue", "status"])
def test_liaison_posts_only_that_liaisons_schools_as_the_report_does(
    run: Any, robot: Robot, tmp_path: Path, report: str
) -> None:
    url = robot.url(WECOM + KEY)
    args = ["--report", report, "--as-of", AS_OF, "--liaison", "王建国"]
    result = run(["notify", "--to", url, "--mention", "none", *args], cwd=tmp_path)
    assert result.code == 0, result.err
    text = "\n".join(r.body["markdown"]["content"] for r in robot.received)
    view = json.loads(
        run([report, "--json", "--as-of", AS_OF, "--liaison", "王建国"], cwd=tmp_path).out
    )["data"]
    everyone = json.loads(run([report, "--json", "--as-of", AS_OF], cwd=tmp_path).out)["data"]
    assert view != everyone  # the choice narrows the report
    if report == "status":
        assert "王建国" in text
        late = [s["name"] for s in view["schools"] if s["overdue"]]
        others = [s["name"] for s in everyone["schools"] if s["name"] not in late]
        assert late and all(f"- {name}：" in text for name in late)
        assert not any(f"- {name}：" in text for name in others)
    else:
        assert "王建国" in text and "刘秀英" not in text and "陈志华" not in text


def test_liaison_is_in_the_command_to_see_the_rest() -> None:
    from guanxin_cli.commands.notify import ReportKind, see_command

    line = see_command(ReportKind.overdue, None, None, None, None, None, "王建国")
    assert line == "guanxin overdue --liaison '王建国'"


def test_english(run: Any, robot: Robot, tmp_path: Path) -> None:
    url = robot.url(WECOM + KEY)
    result = run(["notify", "--to", url, "--as-of", AS_OF, "--lang", "en"], cwd=tmp_path)
    assert result.code == 0, result.err
    text = robot.received[0].body["markdown"]["content"]
    assert text.startswith("**Overdue report · all units · as of 2022-09-30 (Fri)")
    assert "d late" in text and "liaison: 王建国" in text
    assert result.out.startswith("sent ")


def test_max_messages_and_link_say_what_was_left_out(
    run: Any, robot: Robot, tmp_path: Path
) -> None:
    link = "http://intranet.example/guanxin/dashboard.html"
    args = ["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF, "--max-messages", "1"]
    result = run([*args, "--link", link, "--mention", "none"], cwd=tmp_path)
    assert result.code == 0, result.err
    [only] = [r.body for r in robot.received]  # one message; no @, so no mention message
    text = only["markdown"]["content"]
    shown = len(_item_lines(text))
    total = _bundled_overdue(run, tmp_path)["overdue"]
    assert 0 < shown < total
    assert text.endswith(f"……另有 {total - shown} 条未列出，完整报告：[{link}]({link})")
    # without --link: the command that prints it all
    robot.received.clear()
    run([*args, "--within", "7d", "--mention", "none"], cwd=tmp_path)
    assert (
        "完整报告请运行 guanxin overdue --within 7d"
        in robot.received[0].body["markdown"]["content"]
    )


# ----------------------------------------------------------------------- failures


def test_a_refusal_exits_69_with_the_robots_errcode(run: Any, robot: Robot, tmp_path: Path) -> None:
    robot.replies.append(Reply(body={"errcode": 93000, "errmsg": "invalid webhook url"}))
    result = run(["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 69
    assert "errcode 93000，invalid webhook url" in result.err
    assert "请检查 webhook 地址" in result.err  # what to do about it
    assert "已发送 0/" in result.err
    assert len(robot.received) == 1  # a refusal is not retried
    assert result.out == "" and "Traceback" not in result.err


def test_an_http_error_page_exits_69(run: Any, robot: Robot, tmp_path: Path) -> None:
    robot.replies.append(Reply(404, b"<html>404 Not Found</html>"))
    result = run(["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 69
    assert "HTTP 404，<html>404 Not Found</html>" in result.err


def test_a_dead_port_exits_75_within_the_timeout(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{dead_port()}{WECOM}{KEY}"
    args = ["notify", "--to", url, "--as-of", AS_OF, "--timeout", "3"]
    result = run_process(args, cwd=tmp_path, timeout=60)  # (a guard: it ends in seconds)
    assert result.code == 75, result.err
    assert "无法连接机器人" in result.err and "已发送 0/" in result.err
    assert KEY not in result.err + result.out
    assert "Traceback" not in result.err


def test_a_robot_that_keeps_refusing_with_a_busy_page_is_retried_then_75(
    run: Any, robot: Robot, tmp_path: Path
) -> None:
    robot.replies += [Reply(503, b"busy")] * 10
    args = ["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF, "--timeout", "2"]
    result = run(args, cwd=tmp_path)  # waits 1 s between the two tries
    assert result.code == 75
    assert "HTTP 503" in result.err and len(robot.received) == 2


# ----------------------------------------------------------------------- secrets


def _secret_scenarios(robot: Robot) -> list[tuple[str, list[str], int]]:
    ding = robot.url(DINGTALK + KEY)
    wecom = robot.url(WECOM + KEY)
    feishu = robot.url(FEISHU + KEY)
    dead = f"http://127.0.0.1:{dead_port()}{DINGTALK}{KEY}"
    return [
        ("sent", ["--to", ding, "--secret", SECRET], 0),
        ("dry run", ["--to", ding, "--secret", SECRET, "--dry-run"], 0),
        ("dry run, feishu", ["--to", feishu, "--secret", SECRET, "--dry-run"], 0),
        ("dry run, wecom", ["--to", wecom, "--dry-run"], 0),
        ("refused", ["--to", ding, "--secret", SECRET], 69),
        ("not json", ["--to", ding, "--secret", SECRET], 69),
        ("dead port", ["--to", dead, "--secret", SECRET, "--timeout", "1"], 75),
        ("unknown kind", ["--to", robot.url("/x?key=" + KEY), "--secret", SECRET], 2),
        ("bad url", ["--to", "ftp://" + KEY, "--secret", SECRET], 2),
    ]


@pytest.mark.parametrize("case", range(9))
def test_no_secret_in_any_output_or_file(
    run: Any, robot: Robot, ws: Path, tmp_path: Path, case: int
) -> None:
    name, args, code = _secret_scenarios(robot)[case]
    if name == "refused":  # a robot that quotes what it was given back
        robot.replies.append(Reply(body={"errcode": 310000, "errmsg": f"bad {SECRET} {KEY}"}))
    if name == "not json":
        robot.replies.append(Reply(400, f"<p>no token {KEY} for {SECRET}</p>".encode()))
    result = run(["notify", *args, "--as-of", AS_OF], cwd=ws)
    assert result.code == code, (name, result.err)
    shown = result.out + result.err
    for secret in (SECRET, KEY):
        assert secret not in shown, name
        assert secret[:12] not in shown, name  # not even a part of it
    if name.startswith("dry run"):
        assert "***" in result.out
        assert '"msgtype"' in result.out or '"msg_type"' in result.out
    if name.startswith("dry run") and "feishu" not in name and "wecom" not in name:
        signed = re.search(r"timestamp=(\d+)&sign=(\S+)", result.out)
        assert signed and signed.group(2) == "***"  # the signature is masked too
    # nothing secret was written: not in the workspace, not in the caches
    for path in [*ws.rglob("*"), *(tmp_path / ".cache").rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and KEY.encode() not in data, path


def test_secret_and_url_from_the_environment_and_a_file(
    run: Any, robot: Robot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUANXIN_NOTIFY_URL", robot.url(DINGTALK + KEY))
    monkeypatch.setenv("GUANXIN_NOTIFY_SECRET", SECRET)
    assert run(["notify", "--as-of", AS_OF], cwd=tmp_path).code == 0
    r = robot.received[-1]
    assert r.query["sign"] == [_dingtalk_sign(SECRET, r.query["timestamp"][0])]
    # a file wins over the environment; its first line, without the newline
    other = SECRET[:-4] + "beef"
    (tmp_path / "secret").write_text(other + "\n", encoding="utf-8")
    assert run(["notify", "--as-of", AS_OF, "--secret-file", "secret"], cwd=tmp_path).code == 0
    r = robot.received[-1]
    assert r.query["sign"] == [_dingtalk_sign(other, r.query["timestamp"][0])]
    help_text = run(["notify", "--help"], cwd=tmp_path).out
    assert SECRET not in help_text and KEY not in help_text
    missing = run(["notify", "--as-of", AS_OF, "--secret-file", "nope"], cwd=tmp_path)
    assert missing.code == 2 and "无法读取密钥文件 nope" in missing.err


# ----------------------------------------------------------------------- mentions


def test_mentions_skip_numbers_that_are_not_mobiles_and_say_so(
    run: Any, robot: Robot, ws: Path
) -> None:
    office = ws / "data" / "office.yaml"
    text = office.read_text(encoding="utf-8")
    office.write_text(text.replace('"13800000101"', '"1380000010"'), encoding="utf-8")  # 10 digits
    hetou = ws / "data" / "schools" / "hetou-primary.yaml"
    school = hetou.read_text(encoding="utf-8")
    contact = next(line for line in school.splitlines() if line.startswith("contact:"))
    hetou.write_text(
        school.replace(contact, 'contact: {name: 葛春华, role: 联络员, phone: "0519-82345678"}'),
        encoding="utf-8",
    )
    antou = ws / "data" / "schools" / "antou-experimental.yaml"
    school = antou.read_text(encoding="utf-8")
    contact = next(line for line in school.splitlines() if line.startswith("contact:"))
    antou.write_text(
        school.replace(
            contact, 'contact: {name: 邵明亮, role: 联络员, phone: "+86 139-0000-0105"}'
        ),
        encoding="utf-8",
    )
    url = robot.url(DINGTALK + KEY)
    args = [
        "notify",
        "--to",
        url,
        "--as-of",
        AS_OF,
        "--mention",
        "liaisons",
        "--mention",
        "contacts",
    ]
    result = run(args, cwd=ws)
    assert result.code == 0, result.err
    mentioned = [m for r in robot.received for m in r.body["at"]["atMobiles"]]
    assert "13900000105" in mentioned  # +86 and dashes: still a mobile
    assert "1380000010" not in mentioned and all(len(m) == 11 for m in mentioned)
    assert "王建国（包校，1380000010 不是11位手机号）" in result.err
    assert "葛春华（河头小学联络人，0519-82345678 不是11位手机号）" in result.err


def test_a_liaison_missing_from_the_directory_is_named_not_mentioned(
    run: Any, robot: Robot, ws: Path
) -> None:
    hetou = ws / "data" / "schools" / "hetou-primary.yaml"
    hetou.write_text(
        hetou.read_text(encoding="utf-8").replace("liaison: 王建国", "liaison: 王建囯"), "utf-8"
    )
    result = run(["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF], cwd=ws)
    assert result.code == 0, result.err  # (check reports it; the report still goes)
    assert "王建囯（包校，不在 office.yaml 的 liaisons 名录中）" in result.err
    mention = robot.received[-1].body
    assert "13800000101" not in mention["text"]["mentioned_mobile_list"]


def test_without_a_directory_liaisons_cannot_be_mentioned(run: Any, robot: Robot, ws: Path) -> None:
    office = ws / "data" / "office.yaml"
    text = office.read_text(encoding="utf-8")
    start = text.index("# 包校名录")
    end = text.index("volunteers:")
    office.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(["notify", "--to", robot.url(WECOM + KEY), "--as-of", AS_OF], cwd=ws)
    assert result.code == 0, result.err
    assert "没有包校名录" in result.err
    assert all(r.body["msgtype"] == "markdown" for r in robot.received)  # no @ message


# ----------------------------------------------------------------------- usage


def test_quiet_with_nothing_due_sends_nothing(run: Any, robot: Robot, tmp_path: Path) -> None:
    args = ["notify", "--to", robot.url(WECOM + KEY), "--within", "7d", "--quiet"]
    result = run([*args, "--as-of", "2022-01-20"], cwd=tmp_path)
    assert (result.code, result.out, robot.received) == (0, "", [])
    # something due: sent, and still nothing on stdout
    result = run([*args, "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 0 and result.out == "" and robot.received


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", AS_OF], "请用 --to 给出机器人的 webhook 地址"),
        (
            ["--to", "https://example.org/hooks/abc"],
            "无法从地址 https://example.org/hooks/abc 判断",
        ),
        (
            ["--to", "https://x.example" + WECOM + "k", "--secret", "a", "--secret-file", "f"],
            "只能给一个",
        ),
        (
            ["--to", "https://x.example" + WECOM + "k", "--report", "status", "--within", "7d"],
            "--within 只用于",
        ),
        (["--dry-run"], "没有 --to 时预演需要 --kind"),
        (["--to", "https://x.example" + WECOM + "k", "--within", "soon"], "--within"),
    ],
)
def test_usage_errors_exit_2(run: Any, tmp_path: Path, args: list[str], message: str) -> None:
    result = run(["notify", *args], cwd=tmp_path)
    assert result.code == 2 and message in result.err, result.err
    assert "Traceback" not in result.err


def test_dry_run_without_a_url_shows_the_payloads(run: Any, tmp_path: Path) -> None:
    result = run(["notify", "--kind", "dingtalk", "--dry-run", "--as-of", AS_OF], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("# 1/") and "POST <--to URL>" in result.out
    bodies = re.findall(r"^\{.*?^\}", result.out, flags=re.S | re.M)
    assert bodies and json.loads(bodies[0])["msgtype"] == "markdown"
    assert "没有发送" in result.err


def test_kind_is_guessed_from_the_url() -> None:
    from guanxin_cli.notify.vendors import Kind, guess_kind

    assert guess_kind("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc") is Kind.wecom
    assert guess_kind("https://oapi.dingtalk.com/robot/send?access_token=abc") is Kind.dingtalk
    assert guess_kind("https://open.feishu.cn/open-apis/bot/v2/hook/abc") is Kind.feishu
    assert guess_kind("https://open.larksuite.com/open-apis/bot/v2/hook/abc") is Kind.feishu
    assert guess_kind("https://oapi.dingtalk.com/robot/send") is None  # no token: not one
    assert guess_kind("https://example.org/webhook") is None


def test_help_has_an_example(run: Any) -> None:
    result = run(["notify", "--help"])
    assert result.code == 0 and "guanxin notify" in result.out


def test_as_of_dates_match_the_report(run: Any, robot: Robot, tmp_path: Path) -> None:
    """The first line is the overdue report's own (the date the cron job was run for)."""
    run(["notify", "--to", robot.url(WECOM + KEY), "--as-of", "2022-06-30"], cwd=tmp_path)
    first = robot.received[0].body["markdown"]["content"].splitlines()[0]
    plain = run(["overdue", "--as-of", "2022-06-30"], cwd=tmp_path).out.splitlines()[0]
    assert first.startswith("**" + plain)
    assert dt.date(2022, 6, 30).isoformat() in first


# ----------------------------------------------------------------------- the README


README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readmes_env_file_and_cron_line_work_as_written(robot: Robot, tmp_path: Path) -> None:
    """The env file's quoting (a URL with ? and &) and the cron line, run by sh as cron would."""
    import subprocess
    import sys

    env_lines = re.search(r"(GUANXIN_NOTIFY_URL='.*?'\nGUANXIN_NOTIFY_SECRET='.*?')\n", README)
    cron = re.search(r"```cron\n(30 8 \* \* 1  .*?)\n```", README)
    assert env_lines and cron
    url = robot.url(DINGTALK + KEY + "&extra=1")  # (an & the shell must not take)
    env_file = (
        env_lines.group(1)
        .replace("https://oapi.dingtalk.com/robot/send?access_token=…", url)
        .replace("SEC…", SECRET)
    )
    home = tmp_path / "home"
    (home / ".config" / "guanxin").mkdir(parents=True)
    (home / ".config" / "guanxin" / "notify.env").write_text(env_file + "\n", encoding="utf-8")
    command = cron.group(1).split("  ", 1)[1]
    command = command.replace("cd /srv/guanxin-data", f"cd {REPO}")
    command = command.replace("/srv/guanxin/.venv/bin/guanxin", f"{sys.executable} -m guanxin_cli")
    command = command.replace("notify --within 7d", "notify --as-of 2022-09-30 --within 7d")
    assert (
        "$HOME/.config/guanxin/notify.env" in command and '>> "$HOME/guanxin-notify.log"' in command
    )
    proc = subprocess.run(
        ["sh", "-c", command],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, (home / "guanxin-notify.log").read_text(encoding="utf-8")
    assert robot.received and robot.received[0].query["extra"] == ["1"]
    r = robot.received[0]
    assert r.query["sign"] == [_dingtalk_sign(SECRET, r.query["timestamp"][0])]
    log = (home / "guanxin-notify.log").read_text(encoding="utf-8")
    assert SECRET not in log and KEY not in log


def test_the_readmes_notify_examples_run(
    run: Any, robot: Robot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    monkeypatch.setenv("GUANXIN_NOTIFY_URL", robot.url(WECOM + KEY))
    examples = re.findall(r"^guanxin notify [^\n#]*", README, flags=re.M)
    examples += re.findall(r"`(guanxin notify [^`]*)`", README)
    assert len(examples) >= 3
    for example in examples:
        args = shlex.split(example)[1:]
        result = run([*args, "--as-of", AS_OF] if "--as-of" not in args else args, cwd=tmp_path)
        assert result.code == 0, (example, result.err)
