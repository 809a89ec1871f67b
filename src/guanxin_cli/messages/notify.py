"""Messages for ``guanxin notify`` (chat robots) and the liaisons' directory."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the messages in the chat
    "notify.title.overdue": (
        "逾期事项提醒（截至 {date}）：逾期 {overdue} 项，即将到期 {soon} 项",
        "Overdue items as of {date}: {overdue} overdue, {soon} due soon",
    ),
    "notify.title.status": (
        "关工委工作进度（截至 {date}）：逾期 {overdue} 项",
        "Work plan status as of {date}: {overdue} overdue",
    ),
    "notify.part": ("（{n}/{count}）", " ({n}/{count})"),
    "notify.continued": ("（续）", "(continued)"),
    "notify.liaison": ("包校：{name}", "liaison: {name}"),
    "notify.late": ("逾期 {count}", "{count} overdue"),
    "notify.blocked": ("受阻 {count}", "{count} blocked"),
    "notify.findings": ("整改 {count}", "{count} findings open"),
    "notify.done_pct": ("完成 {pct}", "{pct} done"),
    "notify.schools_at_risk": (
        "需关注的学校（按风险排序）",
        "Schools needing attention (riskiest first)",
    ),
    "notify.more_link": (
        "……另有 {count} 条未列出，完整报告：[{link}]({link})",
        "... {count} more not shown; the full report: [{link}]({link})",
    ),
    "notify.more_see": (
        "……另有 {count} 条未列出，完整报告请运行 {command}",
        "... {count} more not shown; for the full report run {command}",
    ),
    "notify.full_link": ("完整报告：[{link}]({link})", "The full report: [{link}]({link})"),
    "notify.mention_text": (
        "{title}。请以上事项的负责同志关注。",
        "{title}. Those responsible for the items above, please take note.",
    ),
    # ---- what the command says (stdout / stderr)
    "notify.app.wecom": ("企业微信", "WeCom"),
    "notify.app.dingtalk": ("钉钉", "DingTalk"),
    "notify.app.feishu": ("飞书", "Feishu"),
    "notify.sent": (
        "已发送 {count} 条消息到{app}机器人（{url}）：列出 {shown}/{lines} 条，@ {mentioned} 人。",
        "sent {count} message(s) to the {app} robot ({url}): {shown} of {lines} line(s) listed, {mentioned} people @-mentioned.",
    ),
    "notify.dry_run": (
        "预演：以上 {count} 个请求没有发送（密钥已隐去）。",
        "dry run: the {count} request(s) above were not sent (secrets masked).",
    ),
    "notify.quiet_nothing": (
        "没有逾期或即将到期的事项，未发送。",
        "nothing overdue or due soon; nothing sent.",
    ),
    "notify.skipped": ("未能 @ 的 {count} 人：{people}", "{count} not @-mentioned: {people}"),
    "notify.skipped.no_phone": (
        "{name}（{role}，未登记电话）",
        "{name} ({role}, no phone on file)",
    ),
    "notify.skipped.not_mobile": (
        "{name}（{role}，{phone} 不是11位手机号）",
        "{name} ({role}, {phone} is not an 11-digit mobile)",
    ),
    "notify.skipped.not_in_directory": (
        "{name}（包校，不在 office.yaml 的 liaisons 名录中）",
        "{name} (liaison, not in office.yaml's liaisons directory)",
    ),
    "notify.and_more": (" 等 {count} 人", " ({count} in all)"),
    "notify.role.liaison": ("包校", "liaison"),
    "notify.role.contact": ("{school}联络人", "contact at {school}"),
    "notify.no_directory": (
        "注意：data/office.yaml 中没有包校名录（liaisons：每人一行 name 和 phone），无法 @ 包校同志。",
        "note: data/office.yaml has no liaisons directory (liaisons: a name and phone for each), so liaisons cannot be @-mentioned.",
    ),
    "notify.feishu_no_mentions": (
        "注意：飞书机器人不能按手机号 @ 人，消息中没有 @。",
        "note: Feishu robots cannot @-mention by mobile number; the messages mention no one.",
    ),
    "notify.secret_ignored": (
        "注意：企业微信机器人没有签名密钥，已忽略 --secret。",
        "note: WeCom robots have no signing secret; --secret is ignored.",
    ),
    "notify.plain_http": (
        "注意：{url} 不是 https 地址，机器人的密钥会以明文在网络上传输。",
        "note: {url} is not https, so the robot's key travels unencrypted.",
    ),
    # ---- usage errors
    "notify.no_url": (
        "请用 --to 给出机器人的 webhook 地址（或设置 GUANXIN_NOTIFY_URL）。",
        "give the robot's webhook URL with --to (or set GUANXIN_NOTIFY_URL).",
    ),
    "notify.bad_url": (
        "webhook 地址 {url} 无效：应以 https:// 开头，照聊天软件中复制的地址原样填写。",
        "the webhook URL {url} is not valid: it starts with https://; paste it as the chat app shows it.",
    ),
    "notify.bad_port": (
        "webhook 地址 {url} 无效：端口“{port}”不对，端口应是 1 到 65535 之间的数字（或省略）。",
        "the webhook URL {url} is not valid: its port '{port}' is wrong; a port is a number "
        "from 1 to 65535 (or left out).",
    ),
    "notify.unknown_kind": (
        "无法从地址 {url} 判断是哪种机器人，请加 --kind wecom|dingtalk|feishu。",
        "cannot tell from {url} which app's robot it is; add --kind wecom|dingtalk|feishu.",
    ),
    "notify.no_kind": (
        "没有 --to 时预演需要 --kind wecom|dingtalk|feishu。",
        "a dry run without --to needs --kind wecom|dingtalk|feishu.",
    ),
    "notify.two_secrets": (
        "--secret 与 --secret-file 只能给一个。",
        "give --secret or --secret-file, not both.",
    ),
    "notify.secret_file": (
        "无法读取密钥文件 {path}：{reason}",
        "cannot read the secret file {path}: {reason}",
    ),
    "notify.secret_empty": ("密钥文件 {path} 是空的。", "the secret file {path} is empty."),
    "notify.status_only_overdue": (
        "{option} 只用于 --report overdue。",
        "{option} is for --report overdue only.",
    ),
    # ---- failures (exit 69: refused; exit 75: could not get through in time)
    "notify.refused": (
        "机器人拒绝了消息（{url}）：errcode {code}，{message}。已发送 {sent}/{total} 条。",
        "the robot refused the message ({url}): errcode {code}, {message}. {sent} of {total} sent.",
    ),
    "notify.refused_http": (
        "机器人拒绝了消息（{url}）：HTTP {status}，{detail}。已发送 {sent}/{total} 条。",
        "the robot refused the message ({url}): HTTP {status}, {detail}. {sent} of {total} sent.",
    ),
    "notify.hint.url": (
        "请检查 webhook 地址是否完整、机器人是否已被移出群聊。",
        "check that the webhook URL is complete and the robot is still in the group.",
    ),
    "notify.hint.security": (
        "请检查 --keyword 和 --secret 是否与机器人的安全设置一致。",
        "check that --keyword and --secret match the robot's security settings.",
    ),
    "notify.unreachable": (
        "无法连接机器人（{url}）：{reason}。已尝试 {attempts} 次、{seconds} 秒；已发送 {sent}/{total} 条。",
        "cannot reach the robot ({url}): {reason}. Tried {attempts} time(s) over {seconds} s; {sent} of {total} sent.",
    ),
    "notify.timeout": (
        "机器人（{url}）{timeout} 秒内没有应答。已尝试 {attempts} 次、{seconds} 秒；已发送 {sent}/{total} 条。",
        "the robot ({url}) did not answer within {timeout} s. Tried {attempts} time(s) over {seconds} s; {sent} of {total} sent.",
    ),
    "notify.http_busy": (
        "机器人（{url}）一直繁忙：HTTP {status}。已尝试 {attempts} 次、{seconds} 秒；已发送 {sent}/{total} 条。",
        "the robot ({url}) stayed busy: HTTP {status}. Tried {attempts} time(s) over {seconds} s; {sent} of {total} sent.",
    ),
    "notify.rate_limited": (
        "机器人（{url}）一直限流：errcode {code}，{message}。已尝试 {attempts} 次、{seconds} 秒；已发送 {sent}/{total} 条。",
        "the robot ({url}) kept limiting the rate: errcode {code}, {message}. Tried {attempts} time(s) over {seconds} s; {sent} of {total} sent.",
    ),
    # ---- the liaisons' directory (check)
    "ref.liaison_unknown": (
        "包校“{value}”不在 {directory} 的 liaisons 名录中；请在名录中添加，或改正姓名。",
        "liaison '{value}' is not in the liaisons directory of {directory}; add them there, or correct the name.",
    ),
    "ref.liaison_unknown_hint": (
        "包校“{value}”不在 {directory} 的 liaisons 名录中，是不是：{hint}？",
        "liaison '{value}' is not in the liaisons directory of {directory} — did you mean: {hint}?",
    ),
    "ref.liaisons_office_only": (
        "包校名录（liaisons）只能写在 data/office.yaml 中。",
        "the liaisons directory belongs in data/office.yaml only.",
    ),
    "ref.liaison_twice": (
        "包校“{name}”在名录中出现了两次（第 {first_line} 行已有）。",
        "liaison '{name}' is listed twice (already on line {first_line}).",
    ),
}
