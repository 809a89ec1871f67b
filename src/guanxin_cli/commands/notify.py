"""``guanxin notify``: the overdue report (or the status summary) in the group chat."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..options import AsOfOpt, LangOpt, LiaisonOpt, RootOpt, SchoolOpt, SectionOpt, YearOpt
from .overdue import By

if TYPE_CHECKING:
    from ..collect import Digests


class ReportKind(StrEnum):
    overdue = "overdue"
    status = "status"


class KindOpt(StrEnum):  # (notify.vendors.Kind, without importing it for --help)
    wecom = "wecom"
    dingtalk = "dingtalk"
    feishu = "feishu"


class MentionOpt(StrEnum):  # (notify.mentions.Mention)
    liaisons = "liaisons"
    contacts = "contacts"
    none = "none"


def notify(
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="机器人的 webhook 地址（也可设 GUANXIN_NOTIFY_URL；勿写进 crontab）。Webhook URL.",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        KindOpt | None,
        typer.Option("--kind", help="wecom | dingtalk | feishu（默认由地址判断）。The chat app."),
    ] = None,
    report: Annotated[
        ReportKind,
        typer.Option("--report", help="overdue（逾期事项）| status（进度一览）。What to post."),
    ] = ReportKind.overdue,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help="同时列出这段时间内到期的事项，如 7d。Also items due within 7d, 2w...",
            metavar="PERIOD",
        ),
    ] = None,
    by: Annotated[
        By | None,
        typer.Option("--by", help="分组：school | owner | liaison | task（overdue）。Group by."),
    ] = None,
    mention: Annotated[
        list[MentionOpt] | None,
        typer.Option(
            "--mention",
            help="@ 谁：liaisons（包校，默认）| contacts（学校联络人）| none；可重复。Who to @.",
            metavar="liaisons|contacts|none",
        ),
    ] = None,
    keyword: Annotated[
        str | None,
        typer.Option(
            "--keyword",
            help="机器人安全设置中的关键词（钉钉、飞书）。The robot's keyword.",
            metavar="WORD",
        ),
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret",
            help="加签密钥 SEC…（钉钉、飞书；最好用 GUANXIN_NOTIFY_SECRET 或 --secret-file）。"
            "Signing secret.",
            metavar="SECRET",
            show_default=False,
        ),
    ] = None,
    secret_file: Annotated[
        Path | None,
        typer.Option(
            "--secret-file",
            help="从文件读取加签密钥。Read the signing secret from a file.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    max_messages: Annotated[
        int,
        typer.Option(
            "--max-messages", min=1, max=20, help="最多发几条消息。At most this many messages."
        ),
    ] = 5,
    link: Annotated[
        str | None,
        typer.Option(
            "--link",
            help="完整报告的地址（如内网看板）。Where to see the full report.",
            metavar="URL",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=1,
            max=60,
            help="每条消息最多尝试多少秒（含重试）。Seconds to keep trying each message.",
            metavar="SECONDS",
        ),
    ] = 60,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="只显示将发送的请求（密钥隐去），不发送。Show; send nothing."
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="没有逾期或到期事项时不发送；成功时不输出。Send nothing when nothing is due.",
        ),
    ] = False,
    school: SchoolOpt = None,
    liaison: LiaisonOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """把逾期事项报告（或进度一览）发到企业微信、钉钉或飞书群机器人，并 @ 包校同志。

    Post the overdue report (or the status summary) to a WeCom, DingTalk or Feishu group
    robot. Exit 0 when it was posted (whether or not something is overdue), 69 when the
    robot refused it, 75 when it could not be reached in time.

    例 Example:  guanxin notify --within 7d --mention liaisons --mention contacts
    """
    import sys

    from ..context import open_digests
    from ..errors import UsageError, problem
    from ..messages import t
    from ..notify.compose import overdue_report, status_report
    from ..notify.core import send
    from ..notify.mentions import Mention, People, workspace_people
    from ..notify.redact import mask_url
    from ..notify.target import resolve
    from ..notify.vendors import VENDORS, Kind
    from ..options import current_lang
    from ..render import note
    from ..render.notify import dry_run_text, skipped_text
    from ..reports.overdue import parse_within

    if report is ReportKind.status:
        for option, value in (("--within", within), ("--by", by)):
            if value is not None:
                raise UsageError(problem("notify.status_only_overdue", option=option))
    days = parse_within(within) if within is not None else None
    resolved = resolve(
        to=to,
        kind=Kind(kind.value) if kind else None,
        secret=secret,
        secret_file=secret_file,
        keyword=keyword,
        dry_run=dry_run,
    )
    target, redact = resolved.target, resolved.redact
    lang_ = current_lang()
    shown_url = mask_url(target.url) if target.url else ""
    for key in resolved.notes:
        note(t(key, lang_, url=shown_url))
    modes = [Mention(m.value) for m in mention or [MentionOpt.liaisons]]
    ds = open_digests(root, as_of, year=year, section=section, horizon=days or 0)
    view = report_view(ds, report, within=days, by=by or By.school, school=school, liaison=liaison)
    composed = (overdue_report if report is ReportKind.overdue else status_report)(view, lang_)
    people: People | None = workspace_people(ds, modes)
    # --quiet prints nothing on success: problems still go to stderr, these notes do not
    hush = quiet and not dry_run
    if people and people.modes and not VENDORS[target.kind].mentions:
        if not hush:
            note(t("notify.feishu_no_mentions", lang_))
        people = None
    elif people and Mention.liaisons in people.modes and people.directory is None and not hush:
        note(t("notify.no_directory", lang_))
    outcome = send(
        composed,
        target,
        lang=lang_,
        redact=redact,
        see=see_command(report, within, by, school, section, year, liaison),
        max_messages=max_messages,
        link=link,
        people=people,
        dry_run=dry_run,
        quiet=quiet,
        retry_for=timeout,
    )
    if outcome.laid is None:  # --quiet, and nothing to report
        return 0
    skipped = skipped_text(outcome.laid.people, lang_, redact) if people else None
    if skipped and not hush:
        note(skipped)
    if dry_run or target.url is None:
        sys.stdout.write(dry_run_text(outcome.posts, target.url, redact))
        note(t("notify.dry_run", lang_, count=len(outcome.posts)))
    elif not quiet:
        mentioned = sum(1 for p in outcome.laid.people if p.mobile)
        line = t(
            "notify.sent",
            lang_,
            count=outcome.sent,
            app=t(VENDORS[target.kind].name_key, lang_),
            url=shown_url,
            shown=outcome.laid.shown,
            lines=outcome.laid.shown + outcome.laid.left_out,
            mentioned=mentioned,
        )
        sys.stdout.write(redact(line) + "\n")
    return 0


def report_view(
    ds: Digests,
    report: ReportKind,
    *,
    within: int | None,
    by: By,
    school: str | None,
    liaison: str | None = None,
) -> dict[str, Any]:
    """The view the report itself prints, with the same choices (the one place to pass a
    new report option through)."""
    from ..reports.overdue import overdue_view
    from ..reports.views import status_view

    if report is ReportKind.status:
        return status_view(ds, school=school, liaison=liaison)
    return overdue_view(ds, within=within, by=by.value, school=school, liaison=liaison)


def see_command(
    report: ReportKind,
    within: str | None,
    by: By | None,
    school: str | None,
    section: str | None,
    year: int | None = None,
    liaison: str | None = None,
) -> str:
    """The command that prints the whole report a message could only start."""
    import shlex

    words = ["guanxin", report.value]
    for option, value in (
        ("--within", within),
        ("--by", by),
        ("--school", school),
        ("--liaison", liaison),
    ):
        if value is not None:
            words += [option, str(value)]
    if section is not None:
        words += ["--section", section]
    if year is not None:
        words += ["--year", str(year)]
    return shlex.join(words)
