"""``notify``'s core: splitting within each robot's limit, retries and backoff on a fake
clock (against a real server on 127.0.0.1), rate limits, timeouts, and redaction."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from guanxin_cli.collect import collect
from guanxin_cli.errors import Exit, RefusedError, UnreachableError
from guanxin_cli.notify.compose import Block, Entry, Report, overdue_report, split
from guanxin_cli.notify.core import Target, send
from guanxin_cli.notify.mentions import mobile
from guanxin_cli.notify.redact import Redactor
from guanxin_cli.notify.transport import Clock
from guanxin_cli.notify.transport import Robot as Transport
from guanxin_cli.notify.vendors import VENDORS, Kind, Post, dingtalk_sign
from guanxin_cli.reports.overdue import overdue_view
from guanxin_cli.workspace.folders import BUNDLED_ROOT, Workspace

from .conftest import REPO
from .robotkit import Reply, Robot, Silent, dead_port

KEY = "5b7c9e10-2f4a-4c6d-8e0f-1a2b3c4d5e6f"
WECOM = "/cgi-bin/webhook/send?key=" + KEY


class FakeClock:
    """Time that moves only when someone sleeps (or a request is said to take a while)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return 1_664_500_000.0 + self.now


@pytest.fixture
def robot() -> Iterator[Robot]:
    with Robot() as server:
        yield server


@pytest.fixture(scope="module")
def bundled_view() -> dict[str, Any]:
    ds = collect(Workspace(BUNDLED_ROOT, bundled=True), dt.date(2022, 9, 30))
    return overdue_view(ds)


def _send(report: Report, url: str, clock: FakeClock, **kw: Any) -> Any:
    kind = kw.pop("kind", Kind.wecom)
    redact = Redactor()
    redact.add_url(url)
    return send(
        report,
        Target(url, kind, kw.pop("secret", None)),
        lang="zh",
        redact=redact,
        see="guanxin overdue",
        sleep=clock.sleep,
        clock=clock.monotonic,
        now=clock.wall,
        **kw,
    )


# ----------------------------------------------------------------------- retries


def test_45009_is_retried_then_succeeds(robot: Robot, bundled_view: dict[str, Any]) -> None:
    robot.replies.append(Reply(body={"errcode": 45009, "errmsg": "api freq out of limit"}))
    clock = FakeClock()
    report = overdue_report(bundled_view, "zh")
    outcome = _send(report, robot.url(WECOM), clock)
    assert clock.sleeps == [1.0]  # one wait, then the same message again
    assert len(robot.received) == len(outcome.posts) + 1
    assert robot.received[0].raw == robot.received[1].raw
    assert outcome.sent == len(outcome.posts)


def test_429_waits_as_long_as_retry_after_says(robot: Robot, bundled_view: dict[str, Any]) -> None:
    robot.replies.append(Reply(429, b"slow down", {"Retry-After": "7"}))
    robot.replies.append(Reply(502, b"bad gateway"))
    clock = FakeClock()
    _send(overdue_report(bundled_view, "zh"), robot.url(WECOM), clock, max_messages=1)
    assert clock.sleeps == [7.0, 2.0]  # the server's word, then backoff


def test_rate_limited_for_good_gives_up_within_a_minute(
    robot: Robot, bundled_view: dict[str, Any]
) -> None:
    robot.replies += [Reply(body={"errcode": 45009, "errmsg": "api freq out of limit"})] * 20
    clock = FakeClock()
    with pytest.raises(UnreachableError) as caught:
        _send(overdue_report(bundled_view, "zh"), robot.url(WECOM), clock)
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0, 16.0]  # 1+2+4+8+16+32 would pass a minute
    assert sum(clock.sleeps) <= 60
    assert caught.value.exit_code == Exit.TEMPFAIL == 75
    [said] = caught.value.problems
    assert said.msg == "notify.rate_limited" and said.params["code"] == 45009
    assert said.params["attempts"] == 6


def test_a_dead_port_is_retried_with_backoff_then_75(bundled_view: dict[str, Any]) -> None:
    url = f"http://127.0.0.1:{dead_port()}{WECOM}"
    clock = FakeClock()
    with pytest.raises(UnreachableError) as caught:
        _send(overdue_report(bundled_view, "zh"), url, clock, retry_for=10)
    assert clock.sleeps == [1.0, 2.0, 4.0]  # within the 10 s asked for
    assert caught.value.problems[0].msg == "notify.unreachable"
    assert KEY not in json.dumps(caught.value.problems[0].params, ensure_ascii=False)


def test_a_robot_that_never_answers_times_out(bundled_view: dict[str, Any]) -> None:
    with Silent() as silent:
        url = f"http://127.0.0.1:{silent.port}{WECOM}"
        report = overdue_report(bundled_view, "zh")
        with pytest.raises(UnreachableError) as caught:
            send(
                report, Target(url, Kind.wecom), lang="zh", redact=Redactor(), see="", retry_for=1.5
            )
    assert caught.value.problems[0].msg == "notify.timeout"


def test_a_refusal_is_not_retried(robot: Robot, bundled_view: dict[str, Any]) -> None:
    robot.replies.append(Reply(body={"errcode": 93000, "errmsg": "invalid webhook url"}))
    clock = FakeClock()
    with pytest.raises(RefusedError) as caught:
        _send(overdue_report(bundled_view, "zh"), robot.url(WECOM), clock)
    assert caught.value.exit_code == Exit.UNAVAILABLE == 69
    assert clock.sleeps == [] and len(robot.received) == 1
    said, hint = caught.value.problems
    assert (said.params["code"], said.params["message"]) == (93000, "invalid webhook url")
    assert hint.msg == "notify.hint.url"


def test_feishu_and_dingtalk_replies_are_read(robot: Robot, bundled_view: dict[str, Any]) -> None:
    report = overdue_report(bundled_view, "zh")
    feishu = robot.url("/open-apis/bot/v2/hook/" + KEY)
    robot.replies += [
        Reply(body={"code": 11232, "msg": "frequency limited"}),
        Reply(body={"StatusCode": 0, "StatusMessage": "success"}),  # the older form
    ]
    clock = FakeClock()
    assert _send(report, feishu, clock, kind=Kind.feishu, secret="s3cret").sent == 1
    assert clock.sleeps == [1.0] and len(robot.received) == 2
    robot.replies.append(Reply(body={"code": 19021, "msg": "sign match fail"}))
    with pytest.raises(RefusedError) as caught:
        _send(report, feishu, FakeClock(), kind=Kind.feishu, secret="s3cret")
    assert caught.value.problems[0].params["code"] == 19021
    assert caught.value.problems[1].msg == "notify.hint.security"
    robot.replies.append(Reply(body={"errcode": 130101, "errmsg": "send too fast"}))
    clock = FakeClock()
    _send(report, robot.url("/robot/send?access_token=" + KEY), clock, kind=Kind.dingtalk)
    assert clock.sleeps == [1.0]


def test_twenty_a_minute_at_most(robot: Robot) -> None:
    clock = FakeClock()
    robot_ = Transport(
        robot.url(WECOM),
        VENDORS[Kind.wecom],
        Redactor(),
        clock=Clock(clock.sleep, clock.monotonic, clock.wall),
    )
    posts = [Post({}, {"msgtype": "text", "text": {"content": str(n)}}) for n in range(21)]
    assert robot_.deliver(lambda now: posts) == 21
    assert clock.sleeps == [60.0]  # the 21st waits for the first to be a minute old
    assert len(robot.received) == 21


# ----------------------------------------------------------------------- secrets


def test_exception_texts_that_quote_the_url_are_redacted(bundled_view: dict[str, Any]) -> None:
    url = "https://qyapi.weixin.qq.com" + WECOM
    report = overdue_report(bundled_view, "zh")

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot connect to {request.url}", request=request)

    def bug(request: httpx.Request) -> httpx.Response:
        raise ValueError(f"something odd about {request.url}")

    clock = FakeClock()
    with pytest.raises(UnreachableError) as unreachable:
        _send(report, url, clock, transport=httpx.MockTransport(refuse), retry_for=2)
    reason = unreachable.value.problems[0].params["reason"]
    assert "cannot connect to" in reason and KEY not in reason and "***" in reason
    with pytest.raises(RuntimeError) as internal:
        _send(report, url, FakeClock(), transport=httpx.MockTransport(bug))
    assert "something odd about" in str(internal.value) and KEY not in str(internal.value)
    assert internal.value.__cause__ is None and internal.value.__suppress_context__


def test_the_redactor_hides_keys_tokens_and_secrets() -> None:
    from guanxin_cli.notify.redact import mask_url

    redact = Redactor()
    redact.add_url("https://x.example/cgi-bin/webhook/send?key=K&debug=1&timestamp=99")
    redact.add_url(f"https://u:pa55word@x.example/open-apis/bot/v2/hook/{KEY}")
    redact.add("SEC+secret/value=")
    text = (
        "POST https://x.example/cgi-bin/webhook/send?key=K&debug=1&timestamp=99: OK, Kind 1 "
        f"hook/{KEY} {KEY} https://u:pa55word@x SEC%2Bsecret%2Fvalue%3D SEC+secret/value="
    )
    assert redact(text) == (
        "POST https://x.example/cgi-bin/webhook/send?key=***&debug=***&timestamp=99: OK, Kind 1 "
        "hook/*** *** https://***:***@x *** ***"
    )  # a short key only where it stands as one; timestamps stay
    assert mask_url(f"https://u:pw@x.example:8443/open-apis/bot/v2/hook/{KEY}?a=b") == (
        "https://***@x.example:8443/open-apis/bot/v2/hook/***?a=***"
    )


def test_the_dingtalk_signature_is_url_encoded(robot: Robot, bundled_view: dict[str, Any]) -> None:
    """base64 has + / =: sent raw, "+" would arrive as a space and the robot refuse it."""
    secret = "SECabcdef0123456789"
    clock = FakeClock()
    while "+" not in dingtalk_sign(secret, int(clock.wall() * 1000)):
        clock.now += 1  # a moment whose signature has a "+"
    report = overdue_report(bundled_view, "zh")
    _send(
        report,
        robot.url("/robot/send?access_token=abc"),
        clock,
        kind=Kind.dingtalk,
        secret=secret,
        max_messages=1,
        people=None,
    )
    r = robot.received[0]
    assert r.query["sign"] == [dingtalk_sign(secret, int(r.query["timestamp"][0]))]
    sign = r.raw_query.split("sign=")[1].split("&")[0]
    assert "%2B" in sign and "+" not in sign


# ----------------------------------------------------------------------- splitting


def _lines(report: Report) -> list[str]:
    return [e.text for b in report.blocks for e in b.entries]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic workspace of 1,250 schools (bench/generate.py)."""
    spec = importlib.util.spec_from_file_location(
        "guanxin_bench_gen", REPO / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("big") / "ws"
    module.generate(1250, root)
    return root


@pytest.mark.parametrize("max_messages", [5, 20])
def test_every_wecom_message_fits_on_1250_schools(
    big: Path, max_messages: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GUANXIN_CACHE_DIR", str(tmp_path / "cache"))
    ds = collect(Workspace(big), dt.date(2022, 9, 30), horizon=7)
    view = overdue_view(ds, within=7)
    report = overdue_report(view, "zh")
    laid = split(
        report,
        VENDORS[Kind.wecom],
        max_messages=max_messages,
        lang="zh",
        footer=lambda left: (
            f"……另有 {left} 条未列出，完整报告：[https://intranet.example/x](https://intranet.example/x)"
        ),
    )
    assert len(laid.messages) == max_messages
    for m in laid.messages:
        assert len(m.text.encode("utf-8")) <= 4096
    sent = [line for m in laid.messages for line in m.text.splitlines() if line.startswith("- ")]
    everything = _lines(report)
    assert len(everything) == view["overdue"] + view["due_soon"] > 10_000
    assert sent == everything[: len(sent)]  # whole lines, in order: cut only between items
    assert laid.shown == len(sent) and laid.left_out == len(everything) - len(sent)
    assert laid.messages[-1].text.endswith(
        f"……另有 {laid.left_out} 条未列出，完整报告：[https://intranet.example/x](https://intranet.example/x)"
    )
    for n, m in enumerate(laid.messages[1:], 2):
        first = m.text.splitlines()[0]
        # (each follow-up opens with the first message's header: the same report)
        assert first == f"**{report.headline}（{n}/{max_messages}）**"
    # each message full but for the room kept for a closing line: nothing wasted
    budget = VENDORS[Kind.wecom].LIMIT  # type: ignore[attr-defined]
    assert all(len(m.text.encode()) > budget - 400 for m in laid.messages)


@pytest.mark.parametrize("kind", [Kind.dingtalk, Kind.feishu])
def test_other_vendors_fit_their_limits(
    big: Path, kind: Kind, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GUANXIN_CACHE_DIR", str(tmp_path / "cache"))
    ds = collect(Workspace(big), dt.date(2022, 9, 30))
    report = overdue_report(overdue_view(ds), "zh")
    vendor = VENDORS[kind]
    laid = split(report, vendor, max_messages=3, lang="zh", footer=lambda left: f"……另有 {left} 条")
    posts = vendor.posts(laid.messages, secret="SECx", now=1.7e9, mention_text="")
    for post in posts:
        if kind is Kind.feishu:
            assert len(post.content()) <= 20 * 1024
        else:
            assert len(post.body["markdown"]["text"].encode()) <= 20000


def test_a_line_longer_than_a_message_is_cut_and_a_block_goes_on_marked() -> None:
    long = Entry("- " + "很长的事项名称" * 400)  # 8,400 bytes
    report = Report(
        "overdue",
        "标题",
        "第一行",
        [],
        [Block("朝阳小学", [Entry("- 一"), long, Entry("- 二")], "逾期 3")],
        pressing=True,
        alert=True,
    )
    laid = split(report, VENDORS[Kind.wecom], max_messages=5, lang="zh", footer=lambda left: None)
    texts = [m.text for m in laid.messages]
    assert all(len(t.encode()) <= 4096 for t in texts)
    assert texts[0] == "**第一行（1/3）**\n\n**朝阳小学**  逾期 3\n- 一"
    assert texts[1].startswith("**第一行（2/3）**\n\n**朝阳小学（续）**  逾期 3\n- 很长的事项名称")
    assert texts[1].endswith("…")
    assert texts[2] == "**第一行（3/3）**\n\n**朝阳小学（续）**  逾期 3\n- 二"


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13800000000", "13800000000"),
        ("138 0000 0000", "13800000000"),
        ("138-0000-0000", "13800000000"),
        ("+86 139 0000 0105", "13900000105"),
        ("008619900000000", "19900000000"),
        ("12800000000", None),  # 12x: not a mobile prefix
        ("1380000000", None),  # 10 digits
        ("138000000000", None),  # 12 digits
        ("0519-82345678", None),  # a landline
        ("+1 415 555 0100", None),
    ],
)
def test_what_counts_as_a_mobile(phone: str, expected: str | None) -> None:
    assert mobile(phone) == expected
