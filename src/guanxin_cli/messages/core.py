"""Messages for loading, validation, the error handler and the ``plan``/``check`` commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- files and YAML
    "file.missing": ("文件不存在，请检查路径。", "file not found; check the path."),
    "file.is_dir": ("这是一个文件夹，不是 YAML 文件。", "this is a folder, not a YAML file."),
    "file.unreadable": ("无法读取文件（{reason}）。", "cannot read the file ({reason})."),
    "file.outside": (
        "路径指向工作区之外（{target}），为安全起见不读取。",
        "the path leads outside the workspace ({target}); not read, for safety.",
    ),
    "yaml.too_large": (
        "文件过大（{size} 字节，上限 {limit} MB）。进度文件应很小，请检查是否误存了其他内容。",
        "file too large ({size} bytes, limit {limit} MB); progress files are small — was something else saved here?",
    ),
    "yaml.utf16": (
        "文件是 UTF-16 编码。请在编辑器中“另存为 UTF-8”后重试。",
        "the file is UTF-16 encoded; save it as UTF-8 in your editor and try again.",
    ),
    "yaml.not_utf8_gbk": (
        "文件不是 UTF-8 编码（看起来是 GBK/GB18030，常见于 Windows 记事本）。"
        "请用编辑器“另存为 UTF-8”，或运行：iconv -f GB18030 -t UTF-8 原文件 > 新文件",
        "the file is not UTF-8 (it looks like GBK/GB18030, common with Windows Notepad); "
        "save it as UTF-8, or run: iconv -f GB18030 -t UTF-8 old > new",
    ),
    "yaml.not_utf8": (
        "文件不是 UTF-8 编码，此处有无法识别的字节。请用编辑器另存为 UTF-8。",
        "the file is not UTF-8; undecodable bytes here. Save it as UTF-8.",
    ),
    "yaml.nul": (
        "文件中有空字符（NUL），可能已损坏。请从 git 恢复：git checkout -- 文件名",
        "the file contains a NUL byte and may be damaged; restore it from git: git checkout -- FILE",
    ),
    "yaml.tab": (
        "YAML 不允许用 Tab 缩进，请改用空格。",
        "YAML does not allow tabs for indentation; use spaces.",
    ),
    "yaml.syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml.several_documents": (
        "这里开始了第二个 YAML 文档（---）；一个文件只能有一个。请删去这一行，或把后面的内容移到别的文件。",
        "a second YAML document starts here (---); a file holds one. Remove the line, or "
        "move what follows to a file of its own.",
    ),
    "yaml.flow_mapping": (
        "从这里开始的花括号 {{…}} 没有正确结束：项与项之间要用逗号，末尾要有 }}。",
        "the {{…}} mapping that starts here is not closed properly: separate its items "
        "with commas and end it with }}.",
    ),
    "yaml.flow_sequence": (
        "从这里开始的方括号 […] 没有正确结束：项与项之间要用逗号，末尾要有 ]。",
        "the […] list that starts here is not closed properly: separate its items with "
        "commas and end it with ].",
    ),
    "yaml.extra_close": (
        "这里多了一个右括号（}} 或 ]）：前面的括号已经结束了。请删去它。",
        "a closing bracket (}} or ]) too many here: the one before it already closed. Remove it.",
    ),
    "yaml.missing_value": (
        "这里缺少一项：两个逗号之间（或逗号之后）什么也没有。请补上，或删去多余的逗号。",
        "an item is missing here: nothing between two commas (or after one). Fill it in, "
        "or remove the extra comma.",
    ),
    "yaml.open_quote": (
        "这里的引号没有配对的另一半。请补上结尾的引号。",
        "this quote has no closing quote; add it.",
    ),
    "yaml.escape": (
        "双引号中的反斜杠 \\ 后面的字符无法识别。请改用单引号，或写成 \\\\。",
        "a backslash \\ inside double quotes is followed by a character it cannot escape; "
        "use single quotes, or write \\\\.",
    ),
    "yaml.list_indent": (
        "列表项（以 - 开头）和“键: 值”混在了同一层。请检查这一行的缩进。",
        "list items (starting with -) and 'key: value' lines are mixed at one level; "
        "check this line's indentation.",
    ),
    "yaml.indent": (
        "这一行的缩进或写法与上下文对不上（同一层的键要对齐；一个值写完后不能再跟内容）。",
        "this line does not fit its surroundings: keys at one level must line up, and "
        "nothing may follow a value on its line.",
    ),
    "yaml.no_colon": (
        "这一行缺少“键: 值”中的冒号（冒号后要有空格）。",
        "this line lacks the colon of 'key: value' (with a space after the colon).",
    ),
    "yaml.colon_in_value": (
        "这里多了一个“: ”：值里含冒号时请给整个值加引号，或检查缩进。",
        "an unexpected ': ' here: quote a value that contains a colon, or check the indentation.",
    ),
    "yaml.alias": (
        "这里引用的锚点（*名称）在文件中没有定义（&名称）。",
        "this alias (*name) refers to an anchor (&name) the file does not define.",
    ),
    "yaml.block_scalar": (
        "“|”或“>”在 YAML 里表示多行文字，其后只能换行（文字从下一行缩进写起）。若要写这个符号本身，请给整个值加引号。",
        "'|' or '>' starts a block of text in YAML: only a line break may follow it (the "
        "text goes on the next lines, indented). To write the sign itself, quote the value.",
    ),
    "yaml.special_start": (
        "这里以 YAML 的特殊符号开头（* 引用、& 锚点、! 标签、% 指令）。请删去它，或给整个值加引号。",
        "this starts with a sign YAML reads specially (* alias, & anchor, ! tag, % "
        "directive); remove it, or quote the whole value.",
    ),
    "yaml.bad_start": (
        "值不能以这个字符开头（如 @ 或 `）。请给整个值加引号。",
        "a value cannot start with this character (such as @ or `); quote the value.",
    ),
    "yaml.too_deep": (
        "嵌套层数过深（上限 {limit} 层），请检查缩进。",
        "nesting too deep (limit {limit}); check the indentation.",
    ),
    "yaml.too_many_nodes": (
        "文件展开后过大（超过 {limit} 个节点，可能是锚点/别名反复引用）。",
        "the file expands to too many nodes (over {limit}; anchors/aliases used recursively?).",
    ),
    "yaml.bad_value": ("无法读取此值：{detail}", "cannot read this value: {detail}"),
    "yaml.complex_key": ("键必须是普通文字。", "keys must be plain text."),
    "yaml.duplicate_key": (
        "键“{key}”重复（第 {first_line} 行已出现）。请删除或合并其中一处。",
        "duplicate key '{key}' (already on line {first_line}); remove or merge one of them.",
    ),
    "yaml.empty": (
        "文件是空的。至少需要 id、name、type 等内容，可参考 data/schools/ 下的示例。",
        "the file is empty; it needs at least id, name and type (see the samples in data/schools/).",
    ),
    "yaml.empty_plan": (
        "计划文件是空的。至少需要 id、title、year、issuer、owners 和 sections；"
        "可用 guanxin init --year 年份 在别处生成一份模板，照着填写。",
        "the plan file is empty; it needs at least id, title, year, issuer, owners and "
        "sections. guanxin init --year YEAR in another folder makes a template to follow.",
    ),
    "yaml.not_mapping": (
        "文件顶层必须是“键: 值”的映射，现在是 {kind}。",
        "the top level must be a mapping of 'key: value', not {kind}.",
    ),
    # ---- validation (pydantic error types)
    "v.missing": ("缺少必填项“{key}”。", "missing required key '{key}'."),
    "v.unknown_key": (
        "未知的键“{name}”。可用的键：{allowed}",
        "unknown key '{name}'. Allowed keys: {allowed}",
    ),
    "v.unknown_key_hint": (
        "未知的键“{name}”，是不是“{hint}”？",
        "unknown key '{name}' — did you mean '{hint}'?",
    ),
    "v.choice_hint": (
        "“{key}”的值“{value}”不在可选范围内，是不是“{hint}”？可选：{allowed}",
        "'{key}' is '{value}', which is not allowed — did you mean '{hint}'? Allowed: {allowed}",
    ),
    "v.choice": (
        "“{key}”的值不在可选范围内，可选：{allowed}",
        "'{key}' must be one of: {allowed}",
    ),
    "v.date": (
        "“{key}”不是有效日期，请写成 2022-03-31 的形式（注意月份天数）。",
        "'{key}' is not a valid date; write it like 2022-03-31 (check the day exists).",
    ),
    "v.int": ("“{key}”应为整数。", "'{key}' must be a whole number."),
    "v.number": ("“{key}”应为数字。", "'{key}' must be a number."),
    "v.bool": ("“{key}”应为 true 或 false。", "'{key}' must be true or false."),
    "v.string": ("“{key}”应为文字。", "'{key}' must be text."),
    "v.pattern": (
        "“{key}”格式不对：只能用小写英文字母、数字和连字符（如 chaoyang-primary）。",
        "'{key}' has the wrong form: use lower-case letters, digits and hyphens (e.g. chaoyang-primary).",
    ),
    "v.phone": (
        "“{key}”格式不对：电话只能用数字、空格、+ 和 -（3 到 20 位，如 0519-82881234）。",
        "'{key}' has the wrong form: a phone number has digits, spaces, + and - only (3 to 20, e.g. 0519-82881234).",
    ),
    "v.control_char": (
        "“{key}”含有看不见的控制字符（多为复制粘贴带入），请删除后重新输入这段文字。",
        "'{key}' contains an invisible control character (usually pasted in); delete and retype the text.",
    ),
    "v.empty": ("“{key}”不能为空。", "'{key}' must not be empty."),
    "v.too_long": ("“{key}”太长。", "'{key}' is too long."),
    "v.too_short": ("“{key}”至少需要一项。", "'{key}' needs at least one entry."),
    "v.list": (
        "“{key}”应为列表（每行以 - 开头）。",
        "'{key}' must be a list (lines starting with -).",
    ),
    "v.mapping": ("“{key}”应为“键: 值”的映射。", "'{key}' must be a mapping of 'key: value'."),
    "v.ge": ("“{key}”不能小于 {limit}。", "'{key}' must be at least {limit}."),
    "v.le": ("“{key}”不能大于 {limit}。", "'{key}' must be at most {limit}."),
    "v.other": ("“{key}”有误：{detail}", "'{key}' is invalid: {detail}"),
    "model.count_one_measure": (
        "count 须且只能写 step 或 task 之一。",
        "count needs exactly one of 'step' or 'task'.",
    ),
    "model.max_below_min": ("max 不能小于 min。", "max must not be smaller than min."),
    "model.done_needs_date": (
        "状态为 done 时须写完成日期（date: 2022-04-06）。",
        "status 'done' needs the date it was done (date: 2022-04-06).",
    ),
    "model.status_needs_reason": (
        "状态为 {status} 时须写原因（reason: ……）。",
        "status '{status}' needs a reason (reason: ...).",
    ),
    "model.done_before_started": (
        "完成日期早于开始日期（started）。",
        "the done date is before 'started'.",
    ),
    "model.closed_not_fixed": (
        "整改项未写整改日期（fixed）就已关闭（closed）。",
        "a finding cannot be closed before it is fixed (add 'fixed: date').",
    ),
    "model.records_at_top": (
        "schema_version 为 2 的文件把进度、检查和活动写在 years 下各年份里（years: {{2022: {{progress: …}}}}），"
        "不能写在文件顶层。请移到相应年份下，或运行 guanxin migrate。",
        "a schema_version 2 file keeps progress, audits and activities under years, by plan year "
        "(years: {{2022: {{progress: …}}}}), not at the top; move them there, or run guanxin migrate.",
    ),
    "model.years_need_v2": (
        "按年份记录（years）需要 schema_version: 2。可运行 guanxin migrate 转换整个文件。",
        "records by year (years) need schema_version: 2; guanxin migrate converts the whole file.",
    ),
    "model.target": (
        "min 应为数量（如 3）、比例（如 80%）或 all（范围内全部单位）。",
        "min must be a number (3), a share of the units in scope (80%) or all.",
    ),
    "model.recheck_before_fix": (
        "复查日期（rechecked）早于整改日期（fixed）。",
        "'rechecked' is before 'fixed'.",
    ),
    "model.calendar_date": (
        "date 应写成 04-24（每年这一天）或 2022-10-16（仅那一年），现在是“{date}”。",
        "'date' must be MM-DD (every year, e.g. 04-24) or YYYY-MM-DD (that year only, e.g. 2022-10-16), not '{date}'.",
    ),
    "model.calendar_feb29": (
        "02-29 不是每年都有：请写明年份（如 2024-02-29），或改用别的日子。",
        "02-29 is not in every year: give the year (e.g. 2024-02-29) or another day.",
    ),
    "model.calendar_since": (
        "since 应是始于哪一年（如 1949），且不晚于该日本身的年份，现在是 {since}。",
        "'since' must be the founding year (e.g. 1949), not after the day's own year; it is {since}.",
    ),
    "model.term_backwards": ("end 早于 start。", "'end' is before 'start'."),
    "model.term_twice": (
        "{name}写了两次，每个学期或假期只写一次。",
        "{name} is given twice; give each term or holiday once.",
    ),
    # ---- references
    "ref.duplicate_id": (
        "id“{id}”重复（第 {first_line} 行已使用），id 必须唯一。",
        "duplicate id '{id}' (already used on line {first_line}); ids must be unique.",
    ),
    "ref.group_reserved": (
        "分组 id“{id}”是保留字（office、district、schools、all），请换一个。",
        "group id '{id}' is reserved (office, district, schools, all); pick another.",
    ),
    "ref.unknown": (
        "未知的 {kind}“{value}”。可用：{known}",
        "unknown {kind} '{value}'. Known: {known}",
    ),
    "ref.unknown_hint": (
        "未知的 {kind}“{value}”，是不是：{hint}？",
        "unknown {kind} '{value}' — did you mean: {hint}?",
    ),
    "ref.phrase": (
        "无法识别的时间说法“{value}”。可用的写法：{known}",
        "time phrase '{value}' is not understood. Understood forms: {known}",
    ),
    "ref.phrase_hint": (
        "无法识别的时间说法“{value}”，是不是：{hint}？可用的写法：{known}",
        "time phrase '{value}' is not understood — did you mean: {hint}? Understood forms: {known}",
    ),
    "ref.phrase_year": (
        "“{value}”在 {falls_in} 年，不在本计划的 {year} 年。请写本年的说法（如周年数按 {year} 年算），或删去。",
        "'{value}' falls in {falls_in}, not in this plan's year {year}; write the form that fits {year} (count the anniversary for {year}) or remove it.",
    ),
    "calendar.name_builtin": (
        "“{name}”已是内置的节日、纪念日或学期名称，无需在 calendar.days 中再写；请删去此项或换一个名称。",
        "'{name}' is already a built-in day, festival or term; leave it out of calendar.days or use another name.",
    ),
    "calendar.name_twice": (
        "名称“{name}”在 calendar.days 中出现了两次，请只保留一处。",
        "the name '{name}' appears twice in calendar.days; keep one.",
    ),
    "calendar.term_year": (
        "{name}应在 {year} 年开始（现在是 {start}）。秋季学期可以在次年 1 月结束，但须在本年开始。",
        "{name} must start in {year} (it starts {start}); the autumn term may end in January of the next year, but starts in this one.",
    ),
    "calendar.term_order": (
        "{name}（{first} 至 {last}）与其后的{after}（{next_first} 起）重叠或次序颠倒。"
        "学期与假期应依次为 寒假、春季学期、暑假、秋季学期，请按校历核对日期。",
        "{name} ({first} to {last}) overlaps or comes after the {after} that follows it (from {next_first}); "
        "terms and holidays run 寒假, 春季学期, 暑假, 秋季学期 in order: check the dates against the school calendar.",
    ),
    "ref.occurrence": (
        "任务 {task} 没有“{value}”这一期。可用：{known}",
        "task {task} has no occurrence '{value}'. Known: {known}",
    ),
    "ref.needs_occurrence": (
        "任务 {task} 是周期性任务，请写明哪一期，例如：{known}",
        "task {task} recurs; name the occurrence, e.g.: {known}",
    ),
    # not_in_scope: "otherwise" fits both check (an entry to remove) and an edit (none yet).
    "ref.not_in_scope": (
        "任务 {task} 由各校完成，不适用于{school}。此任务不用记录，请删除此项（如有）。",
        "task {task} is for the schools, not for {school}; leave it out of this file.",
    ),
    "ref.not_in_scope.district": (
        "任务 {task} 由{office}本身完成，不适用于{school}。请记在 data/office.yaml，并从学校文件中删除此项（如有）。",
        "task {task} is the {office_en}'s own work, not {school}'s; record it in data/office.yaml and leave it out of the school's file.",
    ),
    "ref.not_in_scope.has": (
        "任务 {task} 只适用于“{group}”，{school}的文件中没有 facilities.{facility}。"
        "若本校有，请在学校文件的 facilities 下补上 {facility}；否则此任务不适用，请删除此项（如有）。",
        "task {task} applies only to '{group_en}', and {school}'s file has no facilities.{facility}; "
        "if the school has one, add facilities.{facility} to its file, otherwise leave the task out.",
    ),
    "ref.not_in_scope.types": (
        "任务 {task} 只适用于“{group}”（学校类型 {types}），{school}的类型是 {type}。"
        "若类型写错了请改正 type；否则此任务不适用，请删除此项（如有）。",
        "task {task} applies only to '{group_en}' (school types {types}) and {school} is {type}; "
        "fix 'type' if it is wrong, otherwise leave the task out.",
    ),
    "ref.not_in_scope.cohort": (
        "任务 {task} 只适用于“{group}”（youzhihua.cohort 为 {cohort}），{school}不在这一批。"
        "若本校属于这一批，请在学校文件中写 youzhihua: {{cohort: {cohort}}}；否则此任务不适用，请删除此项（如有）。",
        "task {task} applies only to '{group_en}' (youzhihua.cohort {cohort}) and {school} is not in it; "
        "if it is, add youzhihua: {{cohort: {cohort}}} to its file, otherwise leave the task out.",
    ),
    "ref.not_in_scope.listed": (
        "任务 {task} 只适用于“{group}”，{school}不在计划列出的名单中。"
        "如应包括，请把 {id} 加入计划 groups 中 {scope} 的 schools；否则此任务不适用，请删除此项（如有）。",
        "task {task} applies only to '{group_en}', whose list in the plan does not include {school}; "
        "add {id} to the schools of group {scope} in the plan, or leave the task out.",
    ),
    "ref.date_outside": (
        "日期 {date} 离 {year} 年计划太远（应在 {first} 至 {last} 之间），年份是否写错了？",
        "the date {date} is far from the {year} plan (expected {first} to {last}); is the year a typo?",
    ),
    "ref.finding_date": (
        "整改日期 {key}（{date}）应在检查日期 {audit} 之后的 {years} 年内，请检查年份。",
        "the finding's {key} ({date}) must fall within {years} years after its audit ({audit}); check the year.",
    ),
    "ref.year_no_plan": (
        "有 {year} 年的记录，但 plans/ 中没有 {year} 年的计划（现有：{known}）。请补上计划文件，或把记录移到正确的年份下。",
        "there are records for {year} but no plan for {year} in plans/ (plans: {known}); add the plan, or move the records under the right year.",
    ),
    "ref.unit_folder.schools": (
        "类型为 {type} 的单位（县区、镇、片区）不是学校，其文件应放在 data/units/ 下。",
        "a unit of type {type} (a county, town or area) is no school: its file belongs in data/units/.",
    ),
    "ref.unit_folder.units": (
        "data/units/ 只放县区、镇、片区等中间单位（type: county / town / area），学校（{type}）应放在 data/schools/ 下。",
        "data/units/ holds the units between the office and the schools (type county, town or area); a school ({type}) belongs in data/schools/.",
    ),
    "ref.parent_loop": (
        "上级单位（parent）绕回到了 {id} 自己，请检查各单位的 parent。",
        "the chain of parents leads back to {id}; check each unit's parent.",
    ),
    "ref.fix_before_audit": (
        "整改期限 {fix_by} 早于检查日期 {date}，请检查这两个日期。",
        "the fix-by date {fix_by} is before the audit date {date}; check both dates.",
    ),
    "ref.id_filename": (
        "id“{id}”应与文件名一致（现在文件名是 {stem}.yaml）。请改名为 {id}.yaml 或修改 id。",
        "id '{id}' must match the file name (now {stem}.yaml); rename the file to {id}.yaml or fix the id.",
    ),
    "ref.office_in_schools": (
        "{office}本身的进度应写在 data/office.yaml，而不是 data/schools/ 下。",
        "the {office_en}'s own progress belongs in data/office.yaml, not in data/schools/.",
    ),
    "ref.duplicate_school": (
        "学校 id“{id}”与 {other} 重复。",
        "school id '{id}' is also used by {other}.",
    ),
    "ref.duplicate_name": (
        "学校名称“{name}”与 {other} 重复。",
        "school name '{name}' is also used by {other}.",
    ),
    # ---- workspace
    "workspace.not_found": (
        "这里没有 plans/ 文件夹，不是 guanxin 工作区。可用 guanxin init 新建。",
        "no plans/ folder here, so this is not a guanxin workspace; create one with guanxin init.",
    ),
    "workspace.bundled": (
        "未找到工作区，使用安装包自带的2022年工作要点和示例学校（进度为虚构）。",
        "no workspace found; using the bundled 2022 plan and sample schools (invented progress).",
    ),
    "data.no_schools": (
        "没有学校进度文件：data/schools/ 为空或不存在。用 guanxin school add 添加学校，或用 --root 指向正确的工作区。",
        "no school progress files: data/schools/ is empty or missing. Add a school with guanxin school add, or point --root at the right workspace.",
    ),
    "data.no_schools_yet": (
        "注意：还没有学校进度文件（data/schools/ 为空）。用 guanxin school add 添加；在此之前各报告不会生成。",
        "note: no school progress files yet (data/schools/ is empty). Add one with guanxin school add; reports refuse to run until then.",
    ),
    "data.no_office": (
        "注意：没有 data/office.yaml，{office}本身的 {count} 项任务未计入统计。"
        "要记录它们，请新建 data/office.yaml（写法同学校文件，type: office）。",
        "note: there is no data/office.yaml, so the {office_en}'s own {count} task(s) are "
        "not counted. To record them, create data/office.yaml (written like a school file, "
        "with type: office).",
    ),
    "plan.none": (
        "plans/ 中没有形如 2022.yaml 的计划文件。",
        "no plan file such as 2022.yaml in plans/.",
    ),
    "plan.year_missing": (
        "没有 {year} 年的计划文件（plans/{year}.yaml）。现有计划：{known}。可用 guanxin roll {year} 由上一年的计划生成。",
        "there is no plan for {year} (plans/{year}.yaml); plans: {known}. guanxin roll {year} makes one from the year before.",
    ),
    "plan.year_missing_first": (
        "没有 {year} 年的计划文件（plans/{year}.yaml）。现有计划：{known}，都晚于 {year} 年，"
        "无法用 guanxin roll 生成；可复制一份计划为 plans/{year}.yaml 再按 {year} 年的文件修改，"
        "或用 guanxin init --year {year} 在另一个文件夹新建工作区。",
        "there is no plan for {year} (plans/{year}.yaml); plans: {known}, all later than {year}, "
        "so guanxin roll cannot make one: copy a plan to plans/{year}.yaml and edit it to the "
        "{year} document, or make a new workspace in another folder with guanxin init --year {year}.",
    ),
    "plan.chosen": (
        "使用 {year} 年计划（plans/{year}.yaml，现有 {years}）；可用 --year 指定。",
        "using the {year} plan (plans/{year}.yaml, of {years}); choose another with --year.",
    ),
    "plan.ended": (
        "{year} 年计划已结束，按年末 {day} 报告；可用 --as-of 指定日期。",
        "the {year} plan's year is over: reporting as of its last day, {day}; choose a day with --as-of.",
    ),
    "plan.ended_form": (
        "{year} 年计划已于 {day} 结束（{asked} 在它之后），按年末 {day} 生成；可用 --year 或 --as-of 另选。",
        "the {year} plan's year ended on {day} ({asked} is after it): making the form as of "
        "{day}; choose another with --year or --as-of.",
    ),
    # ---- error handler
    "err.summary": (
        "共发现 {count} 个问题，涉及 {files} 个文件。",
        "{count} problem(s) found in {files} file(s).",
    ),
    "err.interrupted": ("已中断。", "interrupted."),
    "err.internal": (
        "内部错误：{detail}。这是 guanxin 的缺陷，请报告（加 GUANXIN_DEBUG=1 可看详情）。",
        "internal error: {detail}. This is a bug in guanxin; please report it (GUANXIN_DEBUG=1 shows details).",
    ),
    "err.no_such_day": (
        "没有“{value}”这一天：{year}年{month}月只有 {days} 天。",
        "there is no such day as '{value}': {month}/{year} has {days} days.",
    ),
    "err.no_such_month": (
        "没有“{value}”这一天：一年只有 12 个月。",
        "there is no such day as '{value}': a year has 12 months.",
    ),
    "err.day_past_calendar": (
        "“{value}”离今天太远，落在可用的日期范围（公元 1 年至 9999 年）之外，请写具体的日期。",
        "'{value}' counted from today falls outside the dates guanxin can work with "
        "(years 1 to 9999); write the date itself.",
    ),
    "err.bad_date": (
        "无法识别的日期“{value}”，请写成 2022-03-31，或 3月31日、3月底、上周五 这样的说法。",
        "cannot read the date '{value}'; write it like 2022-03-31, or as a phrase such as "
        "3月31日, 3月底 or 上周五.",
    ),
    "err.bad_option": (
        "选项 {option} 的值“{value}”无效：{detail}",
        "invalid value '{value}' for {option}: {detail}",
    ),
    "err.bad_clock_env": (
        "环境变量 {option} 的值“{value}”无效：应是带时区的时刻，例如 2022-06-30T23:50:00+08:00。",
        "invalid value '{value}' for the environment variable {option}: it is a moment with its "
        "time zone, for example 2022-06-30T23:50:00+08:00.",
    ),
    "err.bad_option_hint": (
        "选项 {option} 的值“{value}”无效，是不是“{hint}”？可选：{detail}",
        "invalid value '{value}' for {option} — did you mean '{hint}'? Choose: {detail}",
    ),
    "err.output": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    # ---- check
    "check.ok": (
        "检查通过：{files} 个文件，没有发现问题。",
        "all good: {files} file(s) checked, no problems.",
    ),
    "check.no_files": ("没有找到要检查的 YAML 文件。", "no YAML files to check."),
    # ---- plan
    "plan.header": ("{title}（{year}年）", "{title} ({year})"),
    "plan.counts": (
        "{sections} 个部分，{points} 项工作，{tasks} 个任务，{milestones} 个节点",
        "{sections} sections, {points} points, {tasks} tasks, {milestones} milestones",
    ),
    "plan.owner": ("负责", "owner"),
    "plan.scope": ("范围", "scope"),
    "plan.when": ("时间", "when"),
    "plan.evidence": ("佐证", "evidence"),
    "plan.milestones": ("工作节点", "Milestones"),
    "plan.preamble": ("开篇", "Opening paragraph"),
    "plan.source": ("原文", "source"),
    "plan.note": ("说明", "note"),
    "plan.basis_legend": (
        "标“默认”的时间是原文没有给出、按常规工作节奏设定的默认值，可按上级通知修改；其余时间出自原文。",
        "Dates marked “default” are not in the document: they follow the usual rhythm of the "
        "year and can be changed when a notice sets them; the others come from the document.",
    ),
    "basis.default": ("默认", "default"),
    "basis.document": ("原文", "document"),
    "basis.mixed": ("部分默认", "partly default"),
    "plan.target": ("目标", "target"),
    "plan.no_section": (
        "没有编号或 id 为“{value}”的部分。可用：{known}",
        "no section numbered or named '{value}'. Known: {known}",
    ),
    "scope.district": ("{issuer}", "the {office_en} itself"),
    "scope.office": ("{issuer}", "the {office_en} itself"),
    "scope.schools": ("各校", "every school"),
    "scope.all": ("{office}及各校", "the {office_en} and every school"),
    "target.range": ("{min}–{max} 所", "{min}–{max} schools"),
    "target.min": ("至少 {min}", "at least {min}"),
}
