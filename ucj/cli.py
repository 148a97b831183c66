"""The `ucj` command: a thin front over the project's management commands.

`ucj NAME ARGS…` runs the management command NAME (with `import` mapped to
`import_data`, a word Python reserves). `ucj manage …` reaches any Django
command. Tracebacks are for developers: users get one clear line instead.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "import_data"}


def _ucj_commands() -> dict[str, str]:
    """Our own commands (not Django's built-ins) with their one-line help."""
    from django.core.management import get_commands, load_command_class

    found: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if not app.startswith("ucj."):
            continue
        try:
            command = load_command_class(app, name)
        except Exception:  # a broken command must not hide the others
            continue
        shown = next((k for k, v in ALIASES.items() if v == name), name)
        found[shown] = str(command.help).split("\n")[0]
    return found


def _print_help() -> None:
    print("ucj — UCJ Monev (Universal Coverage Jamsostek)\n")
    print("Pemakaian / usage: ucj COMMAND [options]   (ucj COMMAND --help for details)\n")
    for name, text in _ucj_commands().items():
        print(f"  {name:<14} {text}")
    print("  manage         any Django management command (migrate, createsuperuser, …)")


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        # Literal pair kept: Django is not set up, so the catalogue cannot be read.
        print(f"Konfigurasi salah / configuration error: {exc}", file=sys.stderr)
        sys.exit(2)
    from django.core.management import execute_from_command_line

    if not args or args[0] in {"-h", "--help", "help"}:
        _print_help()
        return
    if args[0] == "manage":
        execute_from_command_line(["ucj", *args[1:]])
        return
    name = ALIASES.get(args[0], args[0])
    if name not in {"import_data"} and args[0] not in _ucj_commands():
        from django.utils.translation import gettext_lazy as _

        from ucj.lib.bilingual import pair

        unknown = pair(_("perintah tidak dikenal: %(name)s"), name=args[0])
        print(f"ucj: {unknown.joined()}", file=sys.stderr)
        _print_help()
        sys.exit(2)
    try:
        execute_from_command_line(["ucj", name, *args[1:]])
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for a user; UCJ_DEBUG_TRACEBACK=1 shows it
        if os.environ.get("UCJ_DEBUG_TRACEBACK"):
            raise
        print(f"Galat / error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
