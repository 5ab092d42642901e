"""The front door: ``isodesk [FILE]`` starts the GUI; sub-commands work without a display.

Exit codes: 0 success, 1 bad data or a refused file (one line on stderr), 2 usage errors.
Never a traceback: anything unexpected is reported in one line as well.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from isodesk import __version__
from isodesk.domain.errors import IsodeskError

COMMANDS = ("new", "info", "show", "answer", "set", "copy", "catalogs", "catalog", "check",
            "demo", "export", "import", "report")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with argparse's one-line message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _registry():
    from isodesk.catalog import CatalogRegistry

    return CatalogRegistry.default()


def _open(path: str, read_only: bool = False, args=None):
    """The project ``path``; edits are by ``--assessor`` (else ISODESK_ASSESSOR, the settings'
    name, the OS user)."""
    from isodesk.app.session import ProjectSession

    from isodesk.app.upgrade import upgrade_message

    author = getattr(args, "author", None) if args is not None else None
    session = ProjectSession.open(Path(path), read_only=read_only, author=author)
    message = upgrade_message(session)
    if message:
        print(f"isodesk: {message}", file=sys.stderr)
    return session


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ----------------------------------------------------------------------------- commands
def cmd_new(args) -> int:
    from isodesk.app.session import create_project

    assessors = args.assessor or ()
    session = create_project(args.file, args.client, args.norm, _registry(), language=args.lang,
                             assessors=assessors, author=assessors[0] if assessors else None)
    n = len(session.assessable())
    session.close()
    print(f"Created {args.file} with {n} items.")
    return 0


def cmd_info(args) -> int:
    from isodesk.app.summary import format_summary, project_summary

    session = _open(args.file, read_only=True)
    try:
        data = project_summary(session)
    finally:
        session.close()
    if args.json:
        _print_json(data)
    else:
        print(format_summary(data))
    return 0


def cmd_answer(args) -> int:
    fields = {}
    for name in ("result", "maturity", "evidence", "interviewee", "finding_type"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    if args.note is not None:
        fields["findings"] = args.note
    if not fields:
        print("isodesk answer: give at least one of --result, --maturity, --note, --evidence, "
              "--interviewee, --finding-type.", file=sys.stderr)
        return 2
    session = _open(args.file, args=args)
    try:
        session.set_answer(args.key, **fields)
        answer = session.answer(args.key)
    finally:
        session.close()
    maturity = "–" if answer.maturity is None else answer.maturity
    print(f"{args.key}: {answer.result.value}, maturity {maturity}")
    return 0


def cmd_show(args) -> int:
    from isodesk.app.item import item_details

    session = _open(args.file, read_only=True)
    try:
        data = item_details(session, args.key)
    finally:
        session.close()
    if args.json:
        _print_json(data)
        return 0
    lang = "nl" if args.lang == "nl" else "en"
    maturity = "–" if data["maturity"] is None else data["maturity"]
    print(f"{data['key']}  {data['title'][lang]}")
    print(f"result: {data['result']}, maturity {maturity}")
    for name in ("findings", "evidence", "interviewee", "finding_type", "assessed_on",
                 "client_comment"):
        if data[name]:
            print(f"{name.replace('_', ' ')}: {data[name]}")
    if data["soa"]:
        soa = data["soa"]
        print(f"SoA: applicable {soa['applicable']}, status {soa['status']}"
              + (f", {soa['justification']}" if soa["justification"] else ""))
    if data["linked"]:
        print(f"linked: {', '.join(data['linked'])}")
    for entry in data["history"]:
        print(f"{entry['at']}  {entry['by'] or '?'}  {entry['field']}: "
              f"{entry['before']!r} → {entry['after']!r}")
    return 0


def cmd_set(args) -> int:
    from isodesk.app.project_fields import set_field

    text = sys.stdin.read() if args.value == "-" else args.value
    session = _open(args.file, args=args)
    try:
        value = set_field(session, args.field, text)
    finally:
        session.close()
    print(f"{args.field}: {value}")
    return 0


def cmd_copy(args) -> int:
    from isodesk.app.copy import copy_project

    session = _open(args.file, read_only=True, args=args)
    try:
        out = copy_project(session, Path(args.out))
    finally:
        session.close()
    print(f"Wrote {out}, a copy to work on apart and merge back.")
    return 0


def cmd_catalogs(args) -> int:
    registry = _registry()
    catalogs = registry.available()
    for problem in registry.problems:
        print(f"warning: {problem}", file=sys.stderr)
    rows = [{
        "id": c.id,
        "standard": c.info.standard,
        "edition": c.info.edition,
        "title": c.info.title,
        "items": len(c.items),
        "assessable": len(c.assessable),
        "amendments": list(c.amendments),
        "user": c.user,
    } for c in catalogs]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            user = "  (user catalog)" if r["user"] else ""
            print(f"{r['id']:<16} {r['standard']}:{r['edition']:<6} {r['assessable']:>4} items  "
                  f"{r['title']['en']}{user}")
    return 0


def catalog_item_json(req) -> dict:
    return {
        "key": req.key,
        "ref": req.ref,
        "parent": req.parent,
        "level": req.level,
        "assessable": req.assessable,
        "kind": req.kind,
        "title": req.title,
        "summary": req.summary,
        "questions": req.questions,
        "evidence": req.evidence,
        "hs": req.hs,
        "theme": req.theme,
        "amendment": req.amendment,
    }


def cmd_catalog(args) -> int:
    if args.catalog_command == "show":
        cat = _registry().get(args.id)
        if args.json:
            _print_json({
                "id": cat.id,
                "standard": cat.info.standard,
                "edition": cat.info.edition,
                "title": cat.info.title,
                "amendments": list(cat.amendments),
                "items": [catalog_item_json(r) for r in cat.items],
            })
        else:
            lang = args.lang
            print(f"{cat.info.name} — {cat.info.title[lang]}")
            for r in cat.items:
                mark = "" if r.assessable else "  "
                print(f"{'  ' * (r.level - 1)}{r.ref}  {r.title[lang]}{mark}")
        return 0
    if args.catalog_command == "import":
        from isodesk.excel.catalog_import import import_catalog_workbook

        path = import_catalog_workbook(Path(args.workbook), replace=args.replace)
        print(f"Imported the catalog into {path}.")
        return 0
    raise AssertionError(args.catalog_command)


def cmd_check(args) -> int:
    from isodesk.app.check import check_project

    ok, verdict = check_project(Path(args.file))
    print(verdict, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_demo(args) -> int:
    from isodesk.app.demo import write_demo

    write_demo(Path(args.file), _registry(), language=args.lang, overwrite=args.force)
    print(f"Wrote the demo project {args.file}.")
    return 0


def cmd_export(args) -> int:
    from isodesk.excel.export import export_workbook

    session = _open(args.file, read_only=True)
    try:
        export_workbook(session.snapshot(), Path(args.out), progress=_cli_progress("Export"),
                        language=args.lang)
    finally:
        session.close()
    print(f"Exported to {args.out}.")
    return 0


def cmd_import(args) -> int:
    from isodesk.app.workbook import apply_import, import_work
    from isodesk.excel.sheets import WorkbookError

    session = _open(args.file, read_only=args.dry_run, args=args)
    try:
        try:
            plan = import_work(session, Path(args.workbook), force=args.force)(
                _cli_progress("Import"))
        except WorkbookError as e:  # every problem on stdout; the first one ends on stderr
            for problem in e.problems:
                print(problem)
            if e.count > len(e.problems):
                print(f"… and {e.count - len(e.problems)} more problems.")
            raise
        for warning in plan.warnings:
            print(f"warning: {warning}")
        for line in plan.describe():
            print(line)
        for conflict in plan.conflicts:
            print(conflict.line())
        undecided = plan.conflicts and not args.prefer
        if args.dry_run:
            count = plan.change_count if undecided else len(plan.edit(args.prefer).changes)
            need = (f"; {len(plan.conflicts)} conflict(s) need --prefer theirs or --prefer mine"
                    if undecided else "")
            print(f"Dry run: {count} change(s) would be applied{need}.")
            return 0
        if undecided:
            print(f"isodesk: {len(plan.conflicts)} conflict(s): the project and the workbook both "
                  "changed these fields since the export (listed above); nothing was imported. "
                  "Choose with --prefer theirs (the workbook) or --prefer mine (the project).",
                  file=sys.stderr)
            return 1
        edit = plan.edit(args.prefer)
        if plan.conflicts:
            side = "the workbook" if args.prefer == "theirs" else "the project"
            print(f"{len(plan.conflicts)} conflict(s) decided for {side} (--prefer {args.prefer}).")
        if edit.changes:
            apply_import(session, plan, args.prefer)
            print(f"Applied {len(edit.changes)} change(s).")
    finally:
        session.close()
    return 0


def cmd_report(args) -> int:
    from isodesk.report.builder import build_report

    session = _open(args.file, read_only=True)
    try:
        build_report(session.snapshot(), Path(args.out), language=args.lang,
                     progress=_cli_progress("Report"), logo=session.asset("logo"))
    finally:
        session.close()
    print(f"Wrote {args.out}.")
    return 0


def _cli_progress(label: str):
    """Progress on stderr when it is a terminal; silent in scripts and tests."""
    if not sys.stderr.isatty():
        return None

    def progress(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {100 * done // max(total, 1)}%")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


# ------------------------------------------------------------------------------ parsing
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="isodesk", description="Offline ISO gap analyses (nulmetingen).")
    p.add_argument("--version", action="version", version=f"isodesk {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("new", help="create a project file")
    s.add_argument("file")
    s.add_argument("--client", required=True)
    s.add_argument("--norm", action="append", required=True, metavar="ID",
                   help="catalog id, e.g. iso9001-2015 (repeat for several standards)")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("--assessor", action="append")
    s.set_defaults(func=cmd_new)

    s = sub.add_parser("info", help="client, standards, counts and scores")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_info)

    s = sub.add_parser("show", help="one item: its answer, SoA line, links and history")
    s.add_argument("file")
    s.add_argument("key", help="<catalog-id>:<ref>, e.g. iso9001-2015:7.1.5.2")
    s.add_argument("--json", action="store_true")
    s.add_argument("--lang", choices=("nl", "en"), default="en")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("answer", help="record a result for one item")
    s.add_argument("file")
    s.add_argument("key", help="<catalog-id>:<ref>, e.g. iso9001-2015:7.1.5.2")
    s.add_argument("--result", choices=("conform", "partial", "nonconform", "na", "open"))
    s.add_argument("--maturity", type=int, choices=range(0, 6), metavar="0-5")
    s.add_argument("--note", help="finding text")
    s.add_argument("--evidence")
    s.add_argument("--interviewee")
    s.add_argument("--finding-type", dest="finding_type",
                   choices=("major", "minor", "observation", "ofi", "good_practice"))
    _author_option(s)
    s.set_defaults(func=cmd_answer)

    s = sub.add_parser("set", help="set a project field (client, title, scope …)")
    s.add_argument("file")
    s.add_argument("field", help="client, title, sites, assessors, language, confidentiality, "
                   "started_on, report_date, share_answers, scope, scope.sites, scope.processes, "
                   "scope.exclusions, scope.justification")
    s.add_argument("value", help="the value; - reads it from standard input")
    _author_option(s)
    s.set_defaults(func=cmd_set)

    s = sub.add_parser("copy", help="a copy for a colleague, to work apart and merge back")
    s.add_argument("file")
    s.add_argument("out")
    _author_option(s)
    s.set_defaults(func=cmd_copy)

    s = sub.add_parser("catalogs", help="list the available norm catalogs")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_catalogs)

    s = sub.add_parser("catalog", help="show or import a catalog")
    csub = s.add_subparsers(dest="catalog_command", required=True, parser_class=_Parser)
    c = csub.add_parser("show", help="print a catalog's items")
    c.add_argument("id")
    c.add_argument("--json", action="store_true")
    c.add_argument("--lang", choices=("nl", "en"), default="en")
    c = csub.add_parser("import", help="import a custom catalog from an Excel workbook")
    c.add_argument("workbook")
    c.add_argument("--replace", action="store_true", help="replace a user catalog with that id")
    s.set_defaults(func=cmd_catalog)

    s = sub.add_parser("check", help="integrity and format check")
    s.add_argument("file")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("demo", help="write a realistic demo project")
    s.add_argument("file")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("export", help="export the checklist to an Excel workbook")
    s.add_argument("file")
    s.add_argument("out")
    s.add_argument("--lang", choices=("nl", "en"), help="language of the workbook (default: the project's)")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("import", help="merge a returned workbook into the project")
    s.add_argument("file")
    s.add_argument("workbook")
    s.add_argument("--dry-run", action="store_true", help="show the changes, apply nothing")
    s.add_argument("--prefer", choices=("theirs", "mine"),
                   help="decide every conflict for the workbook (theirs) or the project (mine)")
    s.add_argument("--force", action="store_true",
                   help="import a workbook exported from another project")
    _author_option(s)
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("report", help="write the PDF report (nulmetingsrapport)")
    s.add_argument("file")
    s.add_argument("out")
    s.add_argument("--lang", choices=("nl", "en"))
    s.set_defaults(func=cmd_report)
    return p


def _author_option(parser) -> None:
    parser.add_argument("--assessor", dest="author", metavar="NAME",
                        help="your name in the project's history (default: ISODESK_ASSESSOR, "
                        "the name in isodesk's settings, or your user name)")


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="isodesk", description="Start isodesk. Without FILE a demo project opens. "
                f"Commands: {', '.join(COMMANDS)} (isodesk COMMAND --help).")
    p.add_argument("--version", action="version", version=f"isodesk {__version__}")
    p.add_argument("file", nargs="?", help="project file (.isodesk) to open")
    p.add_argument("--read-only", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = build_parser().parse_args(argv)
            return args.func(args)
        args = _gui_parser().parse_args(argv)
        from isodesk.gui.launch import run_gui

        return run_gui(args.file, read_only=args.read_only)
    except IsodeskError as e:
        print(f"isodesk: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("isodesk: interrupted.", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - the promise is: never a traceback in front of users
        print(f"isodesk: unexpected error ({type(e).__name__}: {e}).", file=sys.stderr)
        return 1
