"""Messages for outputs that cannot be written, unreadable folders, the clock and the caches."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.read_only": (
        "{path} 是只读文件（权限 {mode}），未写入，原文件不变。如确要改写，请先 chmod u+w，或换一个文件名。",
        "{path} is read-only (mode {mode}); nothing was written and the file is unchanged. Make it writable (chmod u+w) or choose another file name.",
    ),
    "err.read_only_here": (
        "这是只读文件（权限 {mode}），未写入，原文件不变。如确要改写，请先 chmod u+w。",
        "the file is read-only (mode {mode}); nothing was written and it is unchanged. Make it "
        "writable (chmod u+w) first.",
    ),
    "err.lock": (
        "无法建立锁文件 {lock}（{reason}），未作修改。请检查该文件夹是否可写、磁盘是否已满。",
        "cannot create the lock file {lock} ({reason}); nothing was changed. Check that the folder is writable and the disk not full.",
    ),
    "file.unreadable_dir": (
        "无法读取文件夹（{reason}）。请检查它的权限（如 chmod u+rx）。",
        "cannot read this folder ({reason}); check its permissions (e.g. chmod u+rx).",
    ),
    "err.clock_range": (
        "环境变量 {option} 的时间“{value}”超出可用的日期范围（公元 1 年至 9999 年），无法确定“今天”。",
        "{option}={value} is outside the dates guanxin can work with (years 1 to 9999): there is no 'today' to report on.",
    ),
    "check.stale_temps": (
        "{folder} 中有 {count} 个被中断的写入留下的临时文件（如 {example}），原文件完好；下次修改该文件夹中的文件时会自动清除，也可直接删除。",
        "{count} temporary file(s) left in {folder} by interrupted writes (e.g. {example}); the files themselves are intact. The next edit in that folder removes them, or delete them by hand.",
    ),
}
