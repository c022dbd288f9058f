"""The `steward` command: scripting commands run headless; otherwise the window opens."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import build_parser, run_command


def _render_pdf(html: str, path: Path) -> None:
    from ui.handover_pdf import render_pdf  # Qt is loaded only when a PDF is asked for

    render_pdf(html, path)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args, pdf_renderer=_render_pdf)
    from ui.app import run_gui  # Qt is loaded only for the window

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
