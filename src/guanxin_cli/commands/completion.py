"""``guanxin completion bash|zsh|fish``: the script that lets a shell complete guanxin's
commands and options with the Tab key."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..options import LangOpt

COMPLETE_VAR = "_GUANXIN_COMPLETE"  # how a shell asks `guanxin` for completions


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    ctx: typer.Context,
    shell: Annotated[
        Shell, typer.Argument(help="bash、zsh 或 fish。Which shell.", metavar="bash|zsh|fish")
    ],
    lang: LangOpt = None,
) -> int:
    """打印 Tab 补全脚本：让 shell 补全 guanxin 的命令和选项。

    Print the script that lets the shell complete guanxin's commands and options.

    \b
    安装 / install (bash, zsh, fish):
      guanxin completion bash > ~/.local/share/bash-completion/completions/guanxin
      guanxin completion zsh > ~/.zfunc/_guanxin
      guanxin completion fish > ~/.config/fish/completions/guanxin.fish
    zsh 还需在 ~/.zshrc 中（and in ~/.zshrc）:
      fpath+=~/.zfunc; autoload -U compinit; compinit

    例 Example:  guanxin completion bash > ~/.local/share/bash-completion/completions/guanxin
    """
    from typer.completion import shell_complete

    prepare()
    # The shell asks `guanxin` for completions through COMPLETE_VAR; this prints the
    # script that does so (Typer's own, as `--show-completion` would).
    root = ctx.find_root()
    return shell_complete(root.command, {}, "guanxin", COMPLETE_VAR, f"source_{shell.value}")


def prepare() -> None:
    """Make Typer's completion scripts and answers the ones used (they are registered
    only when Typer is asked to add its own completion options, which we do not)."""
    from typer.completion import get_completion_inspect_parameters

    get_completion_inspect_parameters()
