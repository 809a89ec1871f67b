"""Messages for outputs that cannot be written, unreadable folders, the clock, the caches, and
why the system refused (an OSError's reason, see oserrors.py)."""

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
    # ---- why the system refused (oserrors.os_reason)
    "os.ENOENT": ("没有这个文件或文件夹", "no such file or folder"),
    "os.EACCES": ("没有权限", "permission denied"),
    "os.ECONNREFUSED": ("连接被拒绝", "connection refused"),
    "os.ECONNRESET": ("连接被对方断开", "connection reset by the other side"),
    "os.ETIMEDOUT": ("连接超时", "connection timed out"),
    "os.EHOSTUNREACH": ("无法到达该主机", "host unreachable"),
    "os.ENETUNREACH": ("网络不通", "network unreachable"),
    "os.ENOSPC": ("磁盘已满", "no space left on the disk"),
    "os.EDQUOT": ("超出磁盘配额", "disk quota exceeded"),
    "os.EROFS": ("只读文件系统", "read-only file system"),
    "os.EEXIST": ("已经存在", "already exists"),
    "os.EISDIR": ("这是文件夹，不是文件", "it is a folder, not a file"),
    "os.ENOTDIR": ("路径中有一项不是文件夹", "a part of the path is not a folder"),
    "os.ENAMETOOLONG": ("文件名太长", "file name too long"),
    "os.EIO": ("读写出错（输入输出错误）", "input/output error"),
    "os.EBUSY": ("正被占用", "busy"),
    "os.EAGAIN": ("暂时不可用，请稍后再试", "temporarily unavailable; try again"),
    "os.ELOOP": ("符号链接太多层（或成环）", "too many levels of symbolic links"),
    "os.EMFILE": ("打开的文件太多", "too many open files"),
    "os.EFBIG": ("文件太大", "file too large"),
    "os.EADDRNOTAVAIL": ("地址不可用", "address not available"),
    "os.not_regular": ("不是普通文件", "not a regular file"),
    "err.output_is_dir": (
        "输出应是一个文件名，“{path}”是文件夹（或为空）。",
        "the output must be a file name; '{path}' is a folder (or empty).",
    ),
    "err.stdout": ("标准输出", "standard output"),
}
