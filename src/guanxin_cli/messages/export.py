"""Messages for the timeline and the exports (xlsx, ics, json, markdown)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- timeline
    "timeline.range": ("{start} 至 {end}", "{start} to {end}"),
    "timeline.section": ("第{section}部分", "section {section}"),
    "timeline.overall": ("完成 {done}/{total}（{pct}）", "{done}/{total} done ({pct})"),
    "timeline.as_of": ("截至 {date} {weekday}", "as of {date} {weekday}"),
    "timeline.month": ("月份", "month"),
    "timeline.month_label": ("{month}月", "M{month}"),
    "timeline.milestones": ("工作节点", "milestones"),
    "timeline.commemorations": ("纪念日", "commemorations"),
    "timeline.events": ("节点与纪念日", "Milestones and commemorations"),
    "timeline.no_events": ("此期间没有节点或纪念日。", "No milestones or commemorations here."),
    "timeline.legend.done": ("已完成", "done"),
    "timeline.legend.overdue": ("逾期未完成", "overdue"),
    "timeline.legend.open": ("未完成", "open"),
    "timeline.legend.milestone": ("工作节点", "milestone"),
    "timeline.legend.commemoration": ("纪念日", "commemoration"),
    "timeline.legend.as_of": ("截至日", "as-of date"),
    "timeline.saved": ("已保存：{path}", "saved: {path}"),
    "timeline.bad_range": ("--to 早于 --from。", "--to is before --from."),
}
