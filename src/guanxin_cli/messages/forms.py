"""Messages of the forms (填报表): what a form says to the school that fills it, and what
``guanxin form`` and ``guanxin import`` say."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the sheets
    "form.sheet.instructions": ("填表说明", "Instructions"),
    "form.sheet.tasks": ("任务进度", "Tasks"),
    "form.sheet.findings": ("整改问题", "Findings"),
    "form.sheet.activities": ("活动台账", "Activities"),
    "form.sheet.recorded": ("已记录活动", "Recorded activities"),
    "form.title.tasks": (
        "{school}：截至 {until} 应完成的任务（{count} 项）",
        "{school}: tasks due by {until} ({count})",
    ),
    "form.title.findings": (
        "{school}：待整改的问题（{count} 项）",
        "{school}: findings to fix ({count})",
    ),
    "form.title.activities": (
        "{school}：新开展的活动（每项一行）",
        "{school}: new activities (one a line)",
    ),
    "form.title.recorded": (
        "{school}：已记录的活动（{count} 项，仅供查看，不要在「活动台账」里重复填写）",
        "{school}: activities already recorded ({count}; to look at, not to enter again)",
    ),
    # ---- column headers
    "form.col.id": ("编号", "id"),
    "form.col.n": ("序号", "No."),
    "form.col.title": ("任务", "Task"),
    "form.col.due": ("截止日期", "Due"),
    "form.col.when": ("时间要求", "When"),
    "form.col.expected": ("应备佐证", "Evidence expected"),
    "form.col.current": ("目前记录", "Recorded now"),
    "form.col.recorded": ("已有佐证", "Evidence recorded"),
    "form.col.status": ("状态 ▼", "Status ▼"),
    "form.col.date": ("日期", "Date"),
    "form.col.evidence": ("佐证材料", "Evidence"),
    "form.col.wulao": ("五老人数", "Wulao"),
    "form.col.students": ("学生人次", "Students"),
    "form.col.note": ("说明（受阻、不适用须写原因）", "Note (the reason if blocked or n/a)"),
    "form.col.text": ("问题", "Finding"),
    "form.col.audit": ("检查", "Audit"),
    "form.col.fix_by": ("整改期限", "Fix by"),
    "form.col.origin": ("来源", "From"),
    "form.col.fixed": ("整改完成日期", "Fixed on"),
    "form.col.name": ("活动名称", "Activity"),
    "form.col.kind": ("类别", "Category"),
    "form.col.reported": ("已上报", "Reported"),
    "form.col.findings.evidence": ("整改佐证", "Evidence of the fix"),
    "form.col.findings.note": ("说明", "Note"),
    # ---- what each cell to fill takes (shown when the cell is selected, and on the header)
    "form.tip.tasks.status": (
        "从下拉列表选：已完成、进行中、受阻、不适用。没有进展的任务不用填。",
        "Choose from the list: done, in progress, blocked, not applicable. Leave it empty if nothing changed.",
    ),
    "form.tip.tasks.date": (
        "已完成的写完成那一天，进行中的可写开始那一天，如 {example}（{first} 至 {last} 之间）。",
        "Done: the day it was done; in progress: the day it started. E.g. {example} ({first} to {last}).",
    ),
    "form.tip.tasks.evidence": (
        "材料名称，几项之间用顿号“、”隔开，如：活动方案、活动照片。",
        "The names of the materials, separated by commas: plan, photos.",
    ),
    "form.tip.tasks.wulao": ("参加的五老人数：0 或正整数。", "Wulao taking part: 0 or more."),
    "form.tip.tasks.students": (
        "参加的学生人次：0 或正整数。",
        "Student participations: 0 or more.",
    ),
    "form.tip.tasks.note": (
        "选“受阻”或“不适用”的，必须写明原因；其他情况可写简短说明。",
        "Blocked or not applicable: write the reason. Otherwise a short note, if any.",
    ),
    "form.tip.findings.fixed": (
        "整改完成的那一天，如 {example}（{first} 至 {last} 之间）。",
        "The day the fix was done, e.g. {example} ({first} to {last}).",
    ),
    "form.tip.findings.evidence": (
        "整改的佐证材料，几项之间用顿号“、”隔开。",
        "What shows the fix, separated by commas.",
    ),
    "form.tip.findings.note": ("简短说明（可不填）。", "A short note (optional)."),
    "form.tip.activities.name": (
        "活动名称，如：清明祭扫烈士墓。",
        "The activity, e.g. Qingming visit.",
    ),
    "form.tip.activities.date": (
        "活动的日期，如 {example}（{first} 至 {last} 之间）。",
        "The day it took place, e.g. {example} ({first} to {last}).",
    ),
    "form.tip.activities.kind": (
        "可从下拉列表选，也可自己写，如：红色资源。",
        "Choose from the list or write your own.",
    ),
    "form.tip.activities.wulao": ("参加的五老人数：0 或正整数。", "Wulao taking part: 0 or more."),
    "form.tip.activities.students": (
        "参加的学生人次：0 或正整数。",
        "Student participations: 0 or more.",
    ),
    "form.tip.activities.evidence": (
        "佐证材料，几项之间用顿号“、”隔开，如：活动照片、活动总结。",
        "Evidence, separated by commas: photos, summary.",
    ),
    "form.invalid.status": (
        "请从下拉列表中选择：已完成、进行中、受阻、不适用。",
        "Choose from the list: done, in progress, blocked, not applicable.",
    ),
    "form.invalid.date": (
        "请填写 {first} 至 {last} 之间的日期，如 {example}。",
        "Write a date from {first} to {last}, e.g. {example}.",
    ),
    "form.invalid.count": ("请填写 0 或正整数。", "Write a whole number, 0 or more."),
    # ---- the instructions sheet
    "form.intro.title": ("{school} 关工委工作填报表", "{school}: committee work form"),
    "form.intro.made": (
        "{issuer}依据《{plan}》制作，截至 {as_of}（制表时间 {made}）。",
        "Made by {issuer} from the plan '{plan}', as of {as_of} (made {made}).",
    ),
    "form.intro.colours": (
        "黄色格子由学校填写；灰色格子是目前的记录，不能修改。鼠标停在表头上可以看到怎么填。",
        "Fill in the yellow cells; the grey ones are what is recorded now and cannot be changed. "
        "Point at a column's header to see what it takes.",
    ),
    "form.intro.tasks": (
        "一、「{tasks}」：截至 {until} 已到期和即将到期的任务，共 {task_count} 项。",
        "1. '{tasks}': the tasks due by {until}, so far and soon ({task_count}).",
    ),
    "form.intro.status": (
        "　· 状态：点格子右边的小箭头，从 {statuses} 中选一项；没有进展的任务空着不填。",
        "  - Status: click the small arrow in the cell and choose one of {statuses}; "
        "leave tasks with no news empty.",
    ),
    "form.intro.date": (
        "　· 日期：已完成的写完成那一天，进行中的可写开始那一天，写成 {example} 这样。",
        "  - Date: for a task done, the day it was done; in progress, the day it started; "
        "written like {example}.",
    ),
    "form.intro.evidence": (
        "　· 佐证材料：写材料的名称，几项之间用顿号“、”隔开，如“活动方案、活动照片”；已有的佐证不用重写。",
        "  - Evidence: the names of the materials, separated by commas (plan, photos); "
        "what is recorded already need not be written again.",
    ),
    "form.intro.counts": (
        "　· 五老人数、学生人次：写 0 或正整数，没有就空着。",
        "  - Wulao and students: a whole number, 0 or more, or nothing.",
    ),
    "form.intro.note": (
        "　· 说明：选“受阻”或“不适用”的，一定要写明原因；其他情况可写简短说明。",
        "  - Note: blocked or not applicable needs the reason; otherwise a short note, if any.",
    ),
    "form.intro.empty": (
        "　· 已有记录、只想补充佐证的，状态可以不选，只填佐证材料。",
        "  - To add evidence to a task already recorded, leave the status empty and fill "
        "in the evidence only.",
    ),
    "form.intro.findings": (
        "二、「{findings}」：检查中发现、需要整改的问题，共 {finding_count} 项；标“某年遗留”的是以前年度尚未销号的问题。",
        "2. '{findings}': what an audit found to fix ({finding_count}); those marked "
        "'carried over' come from earlier years and are still open.",
    ),
    "form.intro.findings_how": (
        "　· 整改好的，写整改完成的日期和整改佐证；{issuer}复查通过后销号。",
        "  - For each one fixed, write the day it was fixed and what shows it; {issuer} "
        "closes it after the re-check.",
    ),
    "form.intro.activities": (
        "三、「{activities}」：新开展的活动，一项一行。",
        "3. '{activities}': the new activities, one a line.",
    ),
    "form.intro.activities_how": (
        "　· 写活动名称和日期；类别可从下拉列表选，也可自己写；再写五老人数、学生人次和佐证材料。"
        "已记录过的活动列在「{recorded}」里，不要重复填写。",
        "  - Write its name and date; choose a category or write your own; then wulao, "
        "students and evidence. Activities already recorded are listed in '{recorded}': "
        "do not enter them again.",
    ),
    "form.intro.limits": ("四、注意", "4. Please note"),
    "form.intro.keep": (
        "　· 日期只能在 {first} 至 {last} 之间，人数只能是 0 或正整数。不要增删行列，不要删除、移动或改名工作表；"
        "文件名可以改。用 Excel、WPS 或 LibreOffice 填写都可以，保存时保持 .xlsx 格式（不要另存为 .xls 或 .csv）。",
        "  - Dates from {first} to {last} only, counts 0 or more. Do not add or remove rows "
        "or columns, or delete, move or rename sheets; renaming the file is fine. Excel, WPS "
        "or LibreOffice will do: keep it an .xlsx file (do not save it as .xls or .csv).",
    ),
    "form.intro.return": (
        "　· 填好后请把文件发回给{who}。",
        "  - When it is filled in, send the file back to {who}.",
    ),
    "form.who_liaison": ("包校联系人{name}", "your liaison, {name}"),
    # ---- cells showing what is recorded
    "form.not_recorded": ("未记录", "nothing recorded"),
    "form.not_started": ("未开始", "not started"),
    "form.started": ("{status}（{date} 起）", "{status} (since {date})"),
    "form.colon": ("：", ": "),
    "form.fixed": ("已整改 {date}，{step}", "fixed {date}, {step}"),
    "form.closed_on": ("已销号 {date}", "closed {date}"),
    "form.with_evidence": ("（佐证：{items}）", " (evidence: {items})"),
    "form.this_year": ("本年度", "this year"),
    "form.yes": ("是", "yes"),
    "form.no": ("否", "no"),
    "form.no_tasks": ("截至 {until} 没有到期的任务。", "No task falls due by {until}."),
    "form.no_findings": ("目前没有待整改的问题。", "No finding is open."),
    "form.no_recorded": ("本年度还没有记录活动。", "No activity recorded this year yet."),
    "form.file_title": ("{school}填报表（截至 {as_of}）", "{school}: form as of {as_of}"),
    "form.file_word": ("填报表", "form"),
    # ---- guanxin form
    "form.all_and_names": (
        "--all 与学校名称只能二选一。",
        "give either --all or the schools, not both.",
    ),
    "form.which_schools": (
        "请写出学校（id 或名称，可写多个），或用 --all 为所有学校生成。",
        "name the schools (ids or names), or give --all for every school.",
    ),
    "form.no_schools": ("工作区里还没有学校。", "the workspace has no schools yet."),
    "form.not_for_office": (
        "{school} 是发文单位自己的记录，不是学校：填报表是发给学校的。",
        "{school} is the issuing office's own record, not a school: forms are for schools.",
    ),
    "form.one_file": (
        "{path} 是一个文件，只能放一所学校的填报表（现在有 {count} 所）：请写一个文件夹。",
        "{path} is one file, for one school's form ({count} schools given): give a folder.",
    ),
    "form.output_not_dir": (
        "{path} 已是一个文件：请写一个文件夹，或以 .xlsx 结尾的文件名。",
        "{path} is a file: give a folder, or a file name ending in .xlsx.",
    ),
    "form.made": (
        "{school}：{path}（任务 {tasks} 项，整改 {findings} 项）",
        "{school}: {path} ({tasks} tasks, {findings} findings)",
    ),
    # ---- guanxin import: the file
    "form.no_file": ("文件不存在。", "no such file."),
    "form.is_dir": (
        "这是一个文件夹：请写出填报表文件（.xlsx）。",
        "a folder: name the form files (.xlsx).",
    ),
    "form.xls": (
        "这是旧版 Excel（.xls）文件，或设了打开密码的文件：请用 Excel 或 WPS 打开，取消密码，"
        "“另存为”Excel 工作簿（.xlsx）后再导入。",
        "an old Excel (.xls) file, or one with a password to open: open it in Excel or WPS, "
        "remove the password, save it as an Excel workbook (.xlsx) and import that.",
    ),
    "form.csv": (
        "这是文本（CSV）文件：CSV 只存一张表的文字，没有填报表的编号和原有记录，无法导入。"
        "请导入学校填好的 .xlsx 文件；学校若已另存为 CSV，请让学校用 Excel 或 WPS 打开原来的表格，保存为 .xlsx 再发回。",
        "a text (CSV) file: a CSV keeps one sheet's text, without the form's ids and what it "
        "was made from, so it cannot be read back. Import the filled .xlsx; if the school "
        "saved it as CSV, ask for the original form saved as .xlsx.",
    ),
    "form.not_xlsx": (
        "无法作为 Excel 工作簿（.xlsx）读取：请用 Excel、WPS 或 LibreOffice 打开，另存为 .xlsx 后再导入。",
        "cannot be read as an Excel workbook (.xlsx): open it in Excel, WPS or LibreOffice, "
        "save it as .xlsx and import that.",
    ),
    "form.too_large": (
        "文件有 {size} MB，不像是填报表（填报表只有几十 KB）。",
        "the file is {size} MB: not a form (forms are a few dozen KB).",
    ),
    "form.no_meta": (
        "不是 guanxin 生成的填报表（找不到表格的隐藏信息）；如果是把内容复制进了新建的表格，"
        "请在发下去的原表格里填写。",
        "not a form guanxin made (its hidden data is missing); if the answers were copied "
        "into a new workbook, fill in the form as it was sent.",
    ),
    "form.meta_damaged": (
        "填报表的隐藏信息已损坏：请重新生成这所学校的填报表（guanxin form）。",
        "the form's hidden data is damaged: make the school a new form (guanxin form).",
    ),
    "form.sheet_missing": (
        "缺少工作表“{sheet}”：不要删除填报表中的工作表。",
        "the sheet '{sheet}' is missing: sheets must not be deleted from a form.",
    ),
    "form.extra_sheet": (
        "这张工作表不是填报表原有的，没有读取。",
        "this sheet is not part of the form: it was not read.",
    ),
    "form.columns_missing": (
        "找不到要填写的列（{columns}）：是否删除了列？请在原表格中重新填写。",
        "the columns to fill are missing ({columns}): were columns deleted? Fill in the "
        "form as it was sent.",
    ),
    "form.merged": (
        "{cells} 是合并单元格：每一行要分开填写，请取消合并后分别填写。",
        "{cells} are merged cells: each row takes its own answer; unmerge them and fill each row.",
    ),
    "form.row_by_hand": (
        "这一行是手工添加的，无法导入：任务来自工作计划，不能新增；新开展的活动请写在「活动台账」里。",
        "a row added by hand cannot be read back: tasks come from the plan; write new "
        "activities in the 'Activities' sheet.",
    ),
    "form.row_unknown": (
        "这一行的编号（{id}）不是这份填报表里的：请不要在表格之间复制整行。",
        "this row's id ({id}) is not one of this form's: rows must not be copied between forms.",
    ),
    "form.row_twice": (
        "这一行与第 {other} 行是同一项（{id}）：每项只填一行，请删去重复的行。",
        "this row is the same item as row {other} ({id}): one row an item; delete the copy.",
    ),
    "form.formula_no_value": (
        "这里是公式（{formula}），文件中没有保存它的结果：请直接填写数值或文字。",
        "a formula ({formula}) whose result the file does not hold: write the value itself.",
    ),
    "form.formula_value": (
        "这里是公式（{formula}），按它的结果“{value}”导入。",
        "a formula ({formula}): its result '{value}' was read.",
    ),
    "form.cell_error": (
        "这里是错误值 {value}：请直接填写数值或文字。",
        "an error value {value}: write the value itself.",
    ),
    "form.bad_status": (
        "“{value}”不是可选的状态：请从下拉列表中选 已完成、进行中、受阻 或 不适用。",
        "'{value}' is not a status: choose done, in progress, blocked or not applicable "
        "from the list.",
    ),
    "form.no_such_day": (
        "没有 {value} 这一天：请写实际的日期（年-月-日）。",
        "there is no day {value}: write the real date (year-month-day).",
    ),
    "form.bad_date": (
        "“{value}”不是日期：请写成“年-月-日”的数字日期。",
        "'{value}' is not a date: write it as year-month-day in digits.",
    ),
    "form.bad_count.wulao": (
        "五老人数应是整数，这里是“{value}”：请写 0 或正整数。",
        "wulao must be a whole number, not '{value}': write 0 or more.",
    ),
    "form.bad_count.students": (
        "学生人次应是整数，这里是“{value}”：请写 0 或正整数。",
        "students must be a whole number, not '{value}': write 0 or more.",
    ),
    "form.negative.wulao": (
        "五老人数不能是负数（{value}）：请写 0 或正整数。",
        "wulao cannot be negative ({value}): write 0 or more.",
    ),
    "form.negative.students": (
        "学生人次不能是负数（{value}）：请写 0 或正整数。",
        "students cannot be negative ({value}): write 0 or more.",
    ),
    # ---- guanxin import: whose form it is
    "form.no_ledger": (
        "这个工作区还没有生成过填报表（没有 data/forms.yaml），这份表格不是这里生成的：请在生成它的工作区导入。",
        "this workspace has made no forms (no data/forms.yaml): the form comes from another "
        "workspace; import it there.",
    ),
    "form.other_workspace": (
        "这份填报表（{school}，{made} 生成）不是这个工作区生成的，不能导入：请在生成它的工作区导入，"
        "或在这里重新生成（guanxin form）。",
        "this form ({school}, made {made}) comes from another workspace and cannot be read "
        "back here: import it where it was made, or make a new one here (guanxin form).",
    ),
    "form.tampered": (
        "填报表的隐藏信息与生成时不符（被改动过）：请重新生成这所学校的填报表（guanxin form）。",
        "the form's hidden data is not as it was made (it was changed): make the school a "
        "new form (guanxin form).",
    ),
    "form.other_year": (
        "这是 {year} 年计划的填报表，不是 --year {wanted} 的：去掉 --year，或写 --year {year}。",
        "a form of the {year} plan, not of --year {wanted}: leave out --year or give --year {year}.",
    ),
    "form.no_plan": (
        "这是 {year} 年计划的填报表，工作区里没有 {year} 年的计划（plans/{year}.yaml）。",
        "a form of the {year} plan, and the workspace has no {year} plan (plans/{year}.yaml).",
    ),
    "form.other_plan": (
        "这份填报表按计划 {plan} 生成，现在的计划是 {now}：计划已更换，请重新生成填报表。",
        "the form was made from the plan {plan}, and the plan is now {now}: make new forms.",
    ),
    "form.unknown_school": (
        "工作区里没有这所学校（{school}）：学校文件是否已删除或改名？",
        "the workspace has no such school ({school}): was its file removed or renamed?",
    ),
    "form.two_years": (
        "{school}还有一份 {year} 年计划的填报表也在这次导入之中：不同年度的表格请分开导入。",
        "{school} has a form of the {year} plan in this import too: import each year's forms "
        "on their own.",
    ),
    "form.ledger_bad": (
        "不是 guanxin 写出的填报表登记：请从 git 中恢复这个文件。",
        "not the forms ledger guanxin writes: restore the file from git.",
    ),
    # ---- guanxin import: the rows
    "form.task_gone": (
        "任务 {id} 已不在计划中（或已不适用于这所学校）：请清空这一行，或重新生成填报表。",
        "task {id} is no longer in the plan (or no longer applies to the school): clear this "
        "row, or make a new form.",
    ),
    "form.date_outside": (
        "{date} 不在 {year} 年计划的时间内（{first} 至 {last}）：年份是否写错了？",
        "{date} is outside the {year} plan's time ({first} to {last}): is the year a typo?",
    ),
    "form.status_needed": (
        "请选择状态（已完成、进行中、受阻、不适用）。",
        "choose a status (done, in progress, blocked, not applicable).",
    ),
    "form.done_needs_date": (
        "已完成的任务要写完成日期（年-月-日）。",
        "a task done needs the day it was done (year-month-day).",
    ),
    "form.no_date_for.blocked": (
        "受阻的任务不写日期：请清空日期，在“说明”里写明原因。",
        "a blocked task takes no date: clear it and write the reason in the note.",
    ),
    "form.no_date_for.not_applicable": (
        "不适用的任务不写日期：请清空日期，在“说明”里写明原因。",
        "a task not applicable takes no date: clear it and write the reason in the note.",
    ),
    "form.reason_needed.blocked": (
        "选了“受阻”，请在这一行的“说明”里写明原因。",
        "blocked: write the reason in this row's note.",
    ),
    "form.reason_needed.not_applicable": (
        "选了“不适用”，请在这一行的“说明”里写明原因。",
        "not applicable: write the reason in this row's note.",
    ),
    "form.conflict_task": (
        "任务 {key} 在填报表生成（{made}）之后已有新的记录，不能覆盖：表格填的是“{form}”，"
        "{file} 里现在是“{now}”。请与学校核对后清空表格中的这一行再导入，或用 guanxin done / set 记下核对的结果。",
        "task {key} was recorded after the form was made ({made}), so it is not overwritten: "
        "the form says '{form}', {file} now says '{now}'. Check with the school, then clear "
        "this row and import again, or record what is right with guanxin done / set.",
    ),
    "form.conflict_finding": (
        "整改问题 {key} 在填报表生成（{made}）之后已有新的记录，不能覆盖：表格填的是“{form}”，"
        "{file} 里现在是“{now}”。请核对后清空这一行再导入，或用 guanxin fix 记下核对的结果。",
        "finding {key} was recorded after the form was made ({made}), so it is not "
        "overwritten: the form says '{form}', {file} now says '{now}'. Check, then clear "
        "this row and import again, or record what is right with guanxin fix.",
    ),
    "form.finding_gone": (
        "整改问题 {id} 已不在学校文件中：请清空这一行，或重新生成填报表。",
        "finding {id} is no longer in the school's file: clear this row, or make a new form.",
    ),
    "form.fixed_needs_date": (
        "请写整改完成的日期（年-月-日）。",
        "write the day it was fixed (year-month-day).",
    ),
    "form.fixed_before_audit": (
        "整改日期 {date} 早于检查日期 {audit}：请核对日期。",
        "fixed on {date}, before the audit of {audit}: check the date.",
    ),
    "form.activity_needs_name": (
        "这一行填了活动内容但没有活动名称：请写活动名称。",
        "this line has an activity but no name: write its name.",
    ),
    "form.activity_needs_date": (
        "请写活动的日期（年-月-日）。",
        "write the day of the activity (year-month-day).",
    ),
    "form.activity_there": (
        "活动“{name}”（{date}）已在活动台账中，没有重复添加。",
        "the activity '{name}' ({date}) is in the ledger already: not added again.",
    ),
    # ---- guanxin import: what it did
    "form.imported": (
        "{school}（{files}）：记录任务 {tasks} 项、整改 {findings} 项、活动 {activities} 条。",
        "{school} ({files}): recorded {tasks} tasks, {findings} findings, {activities} activities.",
    ),
    "form.import_would": (
        "{school}（{files}）：将记录任务 {tasks} 项、整改 {findings} 项、活动 {activities} 条。",
        "{school} ({files}): would record {tasks} tasks, {findings} findings, "
        "{activities} activities.",
    ),
    "form.import_same": (
        "{school}（{files}）：没有改动（所填内容与文件中已有的相同，或没有填写）。",
        "{school} ({files}): nothing changed (the answers are what the file has already, "
        "or none were given).",
    ),
    # ---- status and school list
    "col.form": ("填报表", "Form"),
}
