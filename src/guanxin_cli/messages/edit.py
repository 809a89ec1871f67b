"""Messages for recording progress, ``init``, ``log`` and ``schema``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- finding a school (school.ambiguous / unknown / unknown_hint live in reports.py)
    "school.unknown_none": ("请写出学校的 id 或名称。", "name the school by its id or name."),
    # ---- tasks and occurrences
    "edit.unknown_task": (
        "计划中没有任务“{value}”。可用 guanxin plan 查看任务 id。",
        "the plan has no task '{value}'; guanxin plan lists the task ids.",
    ),
    "edit.unknown_task_hint": (
        "计划中没有任务“{value}”，是不是：{hint}？",
        "the plan has no task '{value}' — did you mean: {hint}?",
    ),
    "edit.unknown_occurrence": (
        "任务 {task} 没有“{value}”这一期。可选：{known}",
        "task {task} has no occurrence '{value}'. Choose one of: {known}",
    ),
    "edit.pick_occurrence": (
        "任务 {task} 是周期性任务，{date} 不在唯一的一期之内。请写明哪一期：{known}",
        "task {task} recurs and {date} is not inside exactly one occurrence; name it: {known}",
    ),
    "edit.name_occurrence": (
        "任务 {task} 是周期性任务，请写明哪一期：{known}",
        "task {task} recurs; name the occurrence: {known}",
    ),
    "edit.needs_reason": (
        "状态为 {status} 时须用 --reason 写明原因。",
        "status '{status}' needs a reason: add --reason.",
    ),
    "edit.date_outside": (
        "{option} {date} 离 {year} 年计划太远（应在 {first} 至 {last} 之间），年份是否写错了？",
        "{option} {date} is far from the {year} plan (expected {first} to {last}); is the year a typo?",
    ),
    "edit.date_needed": (
        "今天（{today}）不在 {year} 年计划的时间范围内，请用 --date 写明日期。",
        "today ({today}) is outside the {year} plan's time; give the date with --date.",
    ),
    "roll.exists": (
        "{year} 年的计划已存在（plans/{year}.yaml）。如需重新生成，请先删除或改名。",
        "the {year} plan already exists (plans/{year}.yaml); remove or rename it to roll again.",
    ),
    "roll.no_source": (
        "没有早于 {year} 年的计划可作底本（现有：{known}）。可用 --from 指定年份，或用 guanxin init 新建。",
        "no plan before {year} to start from (plans: {known}); name one with --from, or start with guanxin init.",
    ),
    "roll.not_written": (
        "新计划未写入：生成的计划有上述问题。",
        "the new plan was not written: it has the problems above.",
    ),
    "roll.written": (
        "已由 {old} 年计划生成 {path}：",
        "made {path} from the {old} plan:",
    ),
    "roll.would": (
        "将由 {old} 年计划生成 {path}（--dry-run，未写入）：",
        "would make {path} from the {old} plan (--dry-run: nothing written):",
    ),
    "roll.renamed": (
        "id、标题和名称中的年份改为 {year}（{count} 处）",
        "the year in ids, titles and names set to {year} ({count} places)",
    ),
    "roll.cohort": (
        "优质化批次顺延：{group} 由 {old} 届改为 {new} 届",
        "quality-building cohort moved on: {group} from {old} to {new}",
    ),
    "roll.moved": (
        "时间按 {year} 年重新计算，其中日期有变化的：{dates}",
        "dates worked out for {year}; those that move: {dates}",
    ),
    "roll.more": ("，另有 {count} 项", ", and {count} more"),
    "roll.dropped.task": (
        "已移除任务 {id}：其时间只属于 {old} 年",
        "removed task {id}: its dates belong to {old} only",
    ),
    "roll.dropped.phrase": (
        "已从任务 {id} 移除时间“{phrase}”（{detail}，只属于 {old} 年）",
        "removed the date '{phrase}' from task {id} ({detail}: {old} only)",
    ),
    "roll.falls_in": ("“{phrase}”在 {year} 年", "'{phrase}' falls in {year}"),
    "roll.no_date_in": ("在 {year} 年推算不出日期", "no date for it in {year}"),
    "roll.dropped.milestone": (
        "已移除工作节点 {id}（{phrase}：{detail}）",
        "removed milestone {id} ({phrase}: {detail})",
    ),
    "roll.dropped.day": (
        "已从日历移除一次性日子“{id}”（{detail}）",
        "removed the one-off day '{id}' ({detail}) from the calendar",
    ),
    "roll.review": (
        "请对照 {year} 年的新文件核对：",
        "re-read against the {year} document:",
    ),
    "roll.quotes": (
        "{count} 处 source 引文和开头段（preamble）仍是 {old} 年文件的原文，请逐条换成新文件的原文，删去不再有的工作、补上新增的工作",
        "{count} source quotes and the opening paragraph (preamble) are still the {old} document's words: replace each with the new document's, drop work it no longer names and add what it adds",
    ),
    "roll.defaults": (
        "原文未写时间而用默认日期的任务（note 中注明“默认”），看新文件是否给出了时间",
        "tasks with default dates (their note says so): does the new document give a date?",
    ),
    "roll.source_document": (
        "source_document 已去掉：把 {year} 年文件放入 plans/source/ 后补上",
        "source_document was removed: put the {year} document in plans/source/ and name it there",
    ),
    "roll.findings": (
        "{count} 条整改问题尚未销号，将在 {year} 年的报告中继续跟踪（标明 {old} 年遗留）",
        "{count} findings are still open: {year}'s reports keep tracking them (marked as carried over from {old})",
    ),
    "roll.migrate": (
        "{count} 个学校文件仍是单一年度的写法：记录 {year} 年进度前，请运行 guanxin migrate",
        "{count} school files still hold one year's records at the top: run guanxin migrate before recording {year}",
    ),
    "migrate.nothing": (
        "各校文件已按年份记录，无需转换。",
        "every unit file already keeps its records by plan year; nothing to do.",
    ),
    "migrate.would": (
        "将转换 {count} 个文件：其中的记录移到 years: {year}: 下（加 --dry-run 时未写入）。",
        "would move the records of {count} file(s) under years: {year}: (--dry-run: nothing written).",
    ),
    "migrate.done": (
        "已转换 {count} 个文件：其中的记录移到 years: {year}: 下，注释和格式不变。请用 git diff 查看后提交。",
        "moved the records of {count} file(s) under years: {year}:, comments and layout kept; review with git diff, then commit.",
    ),
    "migrate.by_hand": (
        "无法自动转换此文件的写法（例如整个文件写成一行 {{…}}）。请手工把 progress、audits、activities 移到 years: 年份: 下，"
        "并写 schema_version: 2。",
        "this file's layout cannot be converted automatically (one flow mapping {{…}}, say); move progress, audits "
        "and activities under years: YEAR: by hand and set schema_version: 2.",
    ),
    "edit.needs_migrate": (
        "{school}的文件还是单一年度的写法（进度写在顶层，属于 {first} 年）。记录 {year} 年的进度前，请先运行 guanxin migrate，"
        "把各校文件改为按年份记录。",
        "{school}'s file still holds one year's records at the top (they belong to {first}); run guanxin migrate "
        "to keep records by year before recording {year}.",
    ),
    "edit.year_by_occurrence": (
        "{date} 在 {year} 年计划 {occurrence}的时间内，{later} 年计划的这一期尚未开始，"
        "故记入 {year} 年；若要记入 {later} 年，请加 --year {later}。",
        "{date} falls in the {year} plan's {occurrence} and before the {later} plan's "
        "starts, so it is recorded for {year}; add --year {later} to record it for {later}.",
    ),
    "edit.date_other_year": (
        "注意：{date} 不在 {year} 年内。若年份写错了，请用正确的 --date 再运行一次。",
        "note: {date} is not in {year}; if the year is a typo, run again with the right --date.",
    ),
    "edit.date_replaced": (
        "{key} 原记录的完成日期 {old} 改为 {new}。",
        "{key} was recorded done on {old}; the date is now {new}.",
    ),
    "edit.note_replaced": (
        "{key} 原有的备注“{old}”改为“{new}”。",
        "{key} had the note “{old}”; it now reads “{new}”.",
    ),
    "edit.fix_before_audit": (
        "整改期限 --fix-by {fix_by} 早于检查日期 --date {date}。",
        "--fix-by {fix_by} is before the audit date --date {date}.",
    ),
    "edit.findings_mismatch": (
        "每个 --finding 须配一个 --fix-by（现在是 {findings} 个问题、{dates} 个日期）。",
        "each --finding needs its own --fix-by (got {findings} finding(s) and {dates} date(s)).",
    ),
    "edit.audit_exists": (
        "{school} 已有 id 为“{id}”的检查记录，请用 --id 另取一个。",
        "{school} already has an audit with id '{id}'; pick another with --id.",
    ),
    "edit.office_type": (
        "{office}本身的进度写在 data/office.yaml，不用 school add 创建。",
        "the {office_en}'s own progress lives in data/office.yaml; school add does not create it.",
    ),
    "edit.bad_name": (
        "学校名称“{value}”不能为空，也不能分行。",
        "school name '{value}' must not be empty or span lines.",
    ),
    "edit.bad_id": (
        "学校 id“{value}”格式不对：只能用小写英文字母、数字和连字符（如 chaoyang-primary）。",
        "school id '{value}' has the wrong form: use lower-case letters, digits and hyphens (e.g. chaoyang-primary).",
    ),
    "edit.school_exists": (
        "学校 {id} 的文件已存在，未覆盖。要修改请直接编辑，或用 guanxin done / set。",
        "a file for school {id} already exists and was not overwritten; edit it, or use guanxin done / set.",
    ),
    # ---- files
    "edit.no_workspace": (
        "这里不是 guanxin 工作区（找不到 plans/），不能修改安装包自带的示例。请先 guanxin init，或用 --root 指定工作区。",
        "no guanxin workspace here (no plans/ folder), and the bundled samples are read-only; run guanxin init first, or pass --root.",
    ),
    "edit.unreadable": (
        "无法以保留格式的方式读取此文件：{detail}",
        "cannot open this file for a format-keeping edit: {detail}",
    ),
    "edit.lock_timeout": (
        "另一个 guanxin 正在修改此文件，等待 {seconds} 秒后仍未结束。请稍后重试。",
        "another guanxin is editing this file and did not finish within {seconds} s; try again later.",
    ),
    "edit.reformatted": (
        "注意：此文件有 {count} 行（从这一行起）的写法无法原样保留（如多余的空格），修改时这些行也按标准格式改写，"
        "内容不变；可先用 --dry-run 查看 diff。",
        "note: {count} lines of this file (the first here) are written in a way an edit cannot "
        "keep (extra spaces, say); they are rewritten in the standard layout too, with the "
        "same content. --dry-run shows the diff first.",
    ),
    "edit.tab": (
        "这里有一个制表符（Tab）。YAML 允许它出现在这里，但 guanxin 无法在保留格式的前提下修改此文件："
        "请把它换成空格后再运行一次。文件未做任何改动。",
        "a tab here: YAML allows it, but guanxin cannot edit this file and keep its layout. "
        "Replace it with spaces and run again. The file was not changed.",
    ),
    "edit.comment_lost": (
        "这次修改无法保留这一行的注释“{comment}”（共 {more} 处），文件未做任何改动。"
        "请把注释移到单独一行或行尾，或手工修改这一处。",
        "this edit cannot keep the comment '{comment}' on this line ({more} in all); the "
        "file was not changed. Move the comment to a line of its own or the end of a line, "
        "or make this change by hand.",
    ),
    "edit.shared": (
        "这里的内容带有 YAML 锚点 &{anchor}，文件中引用它（*{anchor}）的各处共用同一内容，"
        "改这里会同时改掉那些地方。请先把引用处写成完整内容，再运行一次。文件未做任何改动。",
        "this part carries the YAML anchor &{anchor}; every alias *{anchor} in the file shares "
        "it, so changing it here would change them too. Write the aliases out in full, then "
        "run again. The file was not changed.",
    ),
    "edit.not_written": (
        "以上问题出现在修改后的内容中，文件未做任何改动。",
        "the problems above are in the edited text; the file was not changed.",
    ),
    # ---- confirmations
    "edit.progress_done": (
        "已记录：{school} {key} 完成（{date}）。",
        "recorded: {school} {key} done on {date}.",
    ),
    "edit.progress_set": (
        "已记录：{school} {key} → {status}。",
        "recorded: {school} {key} → {status}.",
    ),
    "edit.audit_recorded": (
        "已记录：{school} {date} 的检查（id {id}）。",
        "recorded: the {date} audit of {school} (id {id}).",
    ),
    "edit.school_added": (
        "已创建学校 {school}（{id}）。",
        "created school {school} ({id}).",
    ),
    "edit.unit_added": (
        "已创建单位 {school}（{id}），其下的学校用 --parent {id} 归属于它。",
        "created unit {school} ({id}); give its schools --parent {id}.",
    ),
    "edit.written": ("已写入 {path}。", "wrote {path}."),
    "edit.none_written": (
        "因为以上问题，所有文件都没有改动。",
        "because of the problems above, no file was changed.",
    ),
    # ---- audits, re-checks and 整改 (guanxin record-audit / fix)
    "edit.audit_duplicate": (
        "{school} 已记录过 {date} 的这次检查（{kind}，id {id}），不再重复记录。"
        "若确是同一天的另一次检查，请直接编辑文件。",
        "{school} already has this audit ({kind} on {date}, id {id}); it is not recorded "
        "twice. If it really was another audit that day, edit the file by hand.",
    ),
    "edit.reopen_not_failed": (
        "只有未通过的复查（--kind recheck --result failed）才有多出的 --fix-by：重新整改的期限。",
        "only a failed re-check (--kind recheck --result failed) takes an extra --fix-by: "
        "the new deadline of the findings it reopens.",
    ),
    "edit.reopen_needs_fix_by": (
        "复查未通过，已整改待复查的 {count} 项（{keys}）要重新整改：请用 --fix-by 给出新的整改期限。",
        "the re-check failed, so the {count} fixed finding(s) waiting for it ({keys}) are "
        "reopened: give their new deadline with --fix-by.",
    ),
    "edit.reopen_note": (
        "{date} 复查未通过（原整改日期 {fixed}，原期限 {fix_by}）",
        "re-check failed on {date} (was fixed {fixed}, due {fix_by})",
    ),
    "edit.recheck_none": (
        "没有已整改、待复查的问题；复查只记为一次检查。",
        "no fixed finding was waiting for a re-check; it is recorded as an audit only.",
    ),
    "edit.recheck_closed": (
        "复查通过，{count} 项整改销号：{keys}。",
        "re-check passed: {count} finding(s) closed: {keys}.",
    ),
    "edit.recheck_reopened": (
        "复查未通过，{count} 项重新整改，期限 {fix_by}：{keys}。",
        "re-check failed: {count} finding(s) reopened, due {fix_by}: {keys}.",
    ),
    "fix.recorded": (
        "已记录：{school} 整改 {key}（{title}）于 {date} 完成，待复查。",
        "recorded: {school} fixed {key} ({title}) on {date}; it now waits for the re-check.",
    ),
    "fix.no_findings": (
        "{school} 没有检查发现的整改问题。",
        "{school} has no audit findings to fix.",
    ),
    "fix.unknown": (
        "{school} 没有整改问题“{value}”。可选：{known}",
        "{school} has no finding '{value}'. Choose one of: {known}",
    ),
    "fix.ambiguous": (
        "“{value}”对应 {school} 的多项整改，请写明是哪一项（检查id/问题id）：{known}",
        "'{value}' fits several findings of {school}; name one (audit-id/finding-id): {known}",
    ),
    "fix.closed": (
        "整改 {key} 已于 {date} 复查销号，无需再记。",
        "finding {key} was closed by the re-check of {date}; nothing to record.",
    ),
    "fix.before_audit": (
        "整改日期 {date} 早于发现问题的检查（{audit}），{key} 不能在检查之前整改。",
        "{date} is before the audit that found {key} ({audit}); a fix comes after it.",
    ),
    "fix.too_late": (
        "整改日期 {date} 距发现 {key} 的检查（{audit}）已超过 {years} 年（最晚 {last}），年份是否写错了？",
        "{date} is more than {years} years after the audit that found {key} ({audit}; at the "
        "latest {last}); is the year a typo?",
    ),
    "fix.date_replaced": (
        "{key} 原记录的整改日期 {old} 改为 {new}。",
        "{key} was recorded fixed on {old}; the date is now {new}.",
    ),
    # ---- the 活动台账 (guanxin activity add)
    "activity.recorded": (
        "已记录：{school} 活动“{title}”（{date}）。",
        "recorded: {school} activity '{title}' on {date}.",
    ),
    "activity.duplicate": (
        "{school} 的活动台账已有 {date} 的“{title}”，不再重复记录。若确是同一天的另一次活动，"
        "请换个名称（如加上场次）。",
        "{school}'s activity ledger already has '{title}' on {date}; it is not recorded twice. "
        "If it really was another activity that day, give it another title.",
    ),
    "activity.bad_title": (
        "活动名称“{value}”不能为空，也不能分行。",
        "activity title '{value}' must not be empty or span lines.",
    ),
    "edit.dry_run": ("（--dry-run：未写入任何文件）", "(--dry-run: nothing written)"),
    "edit.no_change": (
        "内容没有变化，文件未改动。",
        "nothing changed; the file was left as it was.",
    ),
    # ---- init
    "init.exists": (
        "{path} 已是 guanxin 工作区（已有 plans/ 或 data/），未做任何改动。",
        "{path} is already a guanxin workspace (plans/ or data/ exists); nothing was changed.",
    ),
    "init.needs_issuer": (
        "为 {year} 年新建工作区需写明发文单位，如：guanxin init 文件夹 --year {year} --issuer 南通市教育局关工委。"
        "若要在已有工作区中生成新一年的计划，请用 guanxin roll {year}。",
        "a workspace for {year} needs the issuing office, e.g. guanxin init DIR --year {year} --issuer 南通市教育局关工委; "
        "to add next year's plan to an existing workspace, use guanxin roll {year}.",
    ),
    "init.bad_issuer": (
        "发文单位“{value}”无效：请写单位全称，如 南通市教育局关工委（一行，不含冒号和 #）。",
        "invalid issuing office '{value}': write its full name, e.g. 南通市教育局关工委 (one line, no colon or #).",
    ),
    "init.not_dir": ("{path} 不是文件夹。", "{path} is not a folder."),
    "init.bad_year": (
        "年份 {year} 不在 2000–2100 之间。",
        "year {year} is not between 2000 and 2100.",
    ),
    "init.created": ("已创建工作区：{path}", "created a workspace in {path}"),
    "init.file": ("  + {file}", "  + {file}"),
    "init.kept": ("  = {file}（已存在，保留原样）", "  = {file} (exists, left as it was)"),
    "init.git_done": ("已运行 git init。", "ran git init."),
    "init.git_missing": (
        "未找到 git，跳过 git init。",
        "git was not found; skipped git init.",
    ),
    "init.git_failed": ("git init 失败：{detail}", "git init failed: {detail}"),
    "init.next": (
        "下一步：guanxin school add ID --name 名称 --type primary，然后 guanxin check。",
        "next: guanxin school add ID --name NAME --type primary, then guanxin check.",
    ),
    # ---- log
    "log.not_git": (
        "{path} 不在 git 仓库中，没有历史记录可看。可用 guanxin init --git 或 git init 开始记录。",
        "{path} is not in a git repository, so there is no history; start one with git init.",
    ),
    "log.no_git": (
        "未找到 git 命令，无法读取历史记录。",
        "the git command was not found, so history cannot be read.",
    ),
    "log.git_failed": ("git 出错：{detail}", "git failed: {detail}"),
    "log.none": (
        "{school} 的文件还没有提交记录（git add / git commit 后再看）。",
        "{school}'s file has no commits yet (git add and git commit it first).",
    ),
    "log.header": ("{school} 的进度记录（{path}）", "Progress history of {school} ({path})"),
    "log.date": ("日期", "date"),
    "log.author": ("提交人", "author"),
    "log.subject": ("说明", "subject"),
    "log.changes": ("进度变化", "progress changes"),
    "log.created": ("新建文件", "file created"),
    "log.unreadable": ("（此版本无法解析）", "(this revision does not parse)"),
    "log.removed": ("删除", "removed"),
    "log.audit": ("检查 {id}", "audit {id}"),
    "log.none_value": ("（无）", "(none)"),
    "log.change.date": ("{key}：日期 {old} → {new}", "{key}: date {old} → {new}"),
    "log.change.evidence": ("{key}：佐证 {old} → {new}", "{key}: evidence {old} → {new}"),
    "log.change.fixed": (
        "整改 {key}：整改日期 {old} → {new}",
        "finding {key}: fixed {old} → {new}",
    ),
    "log.change.rechecked": (
        "整改 {key}：复查日期 {old} → {new}",
        "finding {key}: rechecked {old} → {new}",
    ),
    "log.change.closed": (
        "整改 {key}：销号日期 {old} → {new}",
        "finding {key}: closed {old} → {new}",
    ),
    "log.change.date.set": ("{key}：日期 {new}", "{key}: date {new}"),
    "log.change.evidence.set": ("{key}：佐证 {new}", "{key}: evidence {new}"),
    "log.change.fixed.set": ("整改 {key}：{new} 已整改", "finding {key}: fixed on {new}"),
    "log.change.rechecked.set": ("整改 {key}：{new} 已复查", "finding {key}: re-checked on {new}"),
    "log.change.closed.set": ("整改 {key}：{new} 已销号", "finding {key}: closed on {new}"),
    "log.no_changes": ("（进度无变化）", "(no progress change)"),
    # ---- schema
    "schema.kind": (
        "未知的模式“{value}”，可选：plan、school。",
        "unknown schema '{value}'; choose plan or school.",
    ),
}
