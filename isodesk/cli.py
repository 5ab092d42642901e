"""The front door: ``isodesk [FILE]`` starts the GUI; sub-commands work without a display.

Exit codes: 0 success, 1 bad data or a refused file (one line on stderr), 2 usage errors.
Never a traceback: anything unexpected is reported in one line as well. Messages are in the
language of the locale (LC_ALL, LC_MESSAGES, LANG: Dutch when it starts with "nl").
Output into a pipe that was closed (``isodesk catalog show … | head -1``) ends quietly.
"""
from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from pathlib import Path

from isodesk import __version__
from isodesk.domain.errors import DataError, IsodeskError
from isodesk.domain.limits import MAX_TEXT_LENGTH, too_long
from isodesk.support import i18n
from isodesk.support.i18n import localize, tr

COMMANDS = ("new", "info", "show", "answer", "set", "attach", "detach", "caption", "evidence",
            "copy", "merge", "followup", "compare", "transition", "catalogs", "catalog", "check",
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
    name, the OS user); ``--force-unlock`` removes a lock file first."""
    from isodesk.app.session import ProjectSession
    from isodesk.app.upgrade import upgrade_message

    if getattr(args, "force_unlock", False):
        _break_lock(path)
    author = getattr(args, "author", None)
    session = ProjectSession.open(Path(path), read_only=read_only, author=author)
    message = upgrade_message(session)
    if message:
        print(f"isodesk: {message}", file=sys.stderr)
    return session


def _break_lock(path: str) -> None:
    """``--force-unlock``: remove the lock file of ``path``, whoever wrote it."""
    from isodesk.storage.lock import break_lock

    break_lock(Path(path))


def _read_note_file(name: str) -> str:
    """The text of ``--note-file`` (``-``: standard input), as UTF-8 (a BOM is dropped).

    Read in chunks and kept only up to the maximum, so a wrong file (a video, a disk image)
    costs no memory, yet the refusal can say how long the text is.
    """
    label = tr("standard input") if name == "-" else Path(name).name
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    kept, length, last = [], 0, ""
    try:
        with (open(sys.stdin.fileno(), "rb", closefd=False) if name == "-"
              else open(name, "rb")) as stream:
            while chunk := stream.read(1 << 20):
                part = decoder.decode(chunk)
                if length <= MAX_TEXT_LENGTH + 1:
                    kept.append(part)
                length += len(part)
                last = part[-1:] or last
        kept.append(decoder.decode(b"", final=True))
    except FileNotFoundError:
        raise DataError("{name} does not exist.", name=label) from None
    except IsADirectoryError:
        raise DataError("{name} is a folder, not a text file.", name=label) from None
    except UnicodeDecodeError:
        raise DataError("{name} is not UTF-8 text; save it as UTF-8 and try again.",
                        name=label) from None
    except OSError as e:
        raise DataError("{name} cannot be read: {reason}.", name=label,
                        reason=e.strerror or e) from None
    ends_line = last == "\n"  # the newline that ends a text file is not part of the text
    if length - ends_line > MAX_TEXT_LENGTH:
        raise too_long(length - ends_line)
    text = "".join(kept)
    return text[:-1] if ends_line else text


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ----------------------------------------------------------------------------- commands
def cmd_new(args) -> int:
    from isodesk.app.session import create_project

    if args.force_unlock:
        _break_lock(args.file)
    assessors = args.assessor or ()
    session = create_project(args.file, args.client, args.norm, _registry(), language=args.lang,
                             assessors=assessors, author=assessors[0] if assessors else None)
    n = len(session.assessable())
    session.close()
    print(tr("Created {file} with {n} items.").format(file=args.file, n=n))
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
    if args.note_file is not None:
        fields["findings"] = _read_note_file(args.note_file)
    if not fields:
        print(tr("isodesk answer: give at least one of --result, --maturity, --note, "
                 "--note-file, --evidence, --interviewee, --finding-type."), file=sys.stderr)
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
    for a in data["attachments"]:
        print(f"attachment {a['id']}: {a['name']} ({a['media_type']}, {a['bytes']} bytes)"
              + (f", {a['caption']}" if a["caption"] else ""))
    if data["baseline"]:
        then = data["baseline"]
        print(f"baseline ({then['date']}): {then['result']}, maturity "
              f"{'–' if then['maturity'] is None else then['maturity']}"
              + (", to re-verify" if data["reverify"] else ""))
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


def cmd_attach(args) -> int:
    from isodesk.app import attachments
    from isodesk.app.evidence_files import prepare_file, size_text

    files = [prepare_file(Path(name), attachments.long_side()) for name in args.paths]
    session = _open(args.file, args=args)
    try:
        edit = attachments.attach(session, args.key, files, caption=args.caption or "")
    finally:
        session.close()
    for change in edit.changes:
        a = change.after
        print(tr("Attached {name} to {key} as {id} ({size}).").format(
            name=a.name, key=a.key, id=a.id, size=size_text(a.size)))
    return 0


def cmd_detach(args) -> int:
    from isodesk.app import attachments

    session = _open(args.file, args=args)
    try:
        found = attachments.find(session, args.key, args.id)
        attachments.detach(session, found.id)
    finally:
        session.close()
    print(tr("Removed {name} from {key}.").format(name=found.name, key=args.key))
    return 0


def cmd_caption(args) -> int:
    from isodesk.app import attachments

    text = sys.stdin.read() if args.text == "-" else args.text
    session = _open(args.file, args=args)
    try:
        found = attachments.find(session, args.key, args.id)
        attachments.set_caption(session, found.id, text)
        caption = session.attachments[found.id].caption
    finally:
        session.close()
    print(f"{found.name}: {caption}")
    return 0


def cmd_evidence(args) -> int:
    from isodesk.app.attachments import export_evidence, reading_content

    session = _open(args.file, read_only=True)
    try:
        with reading_content(session.path) as content:
            written = export_evidence(session.snapshot(), content, Path(args.folder),
                                      progress=_cli_progress("Export"))
    finally:
        session.close()
    print(tr("Wrote {n} file(s) to {folder}.").format(n=len(written), folder=args.folder))
    return 0


def cmd_copy(args) -> int:
    from isodesk.app.copy import copy_project
    from isodesk.domain.errors import ProjectLockedError, ReadOnlyFileError

    try:  # writable if it can be: an older format is then upgraded for good, ids and all
        session = _open(args.file, args=args)
    except (ProjectLockedError, ReadOnlyFileError):
        session = _open(args.file, read_only=True, args=args)
    try:
        out = copy_project(session, Path(args.out))
    finally:
        session.close()
    print(f"Wrote {out}, a copy to work on apart and merge back.")
    return 0


def cmd_merge(args) -> int:
    from isodesk.app import merge_text
    from isodesk.app.merge import apply_merge, plan_merge
    from isodesk.domain.merge import WHOLE

    session = _open(args.file, read_only=args.dry_run, args=args)
    try:
        plan = plan_merge(session.snapshot(), session.path, Path(args.other),
                          progress=_cli_progress("Merge"))
        for line in merge_text.arriving_lines(plan):
            print(f"{line.item}: {line.field}" if line.key[2] == WHOLE else
                  f"{line.item} {line.field}: {_short(line.here)} → {_short(line.there)}")
        for line in merge_text.conflict_lines(plan):
            print(f"conflict: {line.item} {line.field}: here {_short(line.here)!r} "
                  f"({line.here_stamp or '?'}) | there {_short(line.there)!r} "
                  f"({line.there_stamp or '?'})")
        print(merge_text.summary(plan))
        if args.dry_run:
            return 0
        if plan.conflicts and not args.prefer:
            print(f"isodesk: {len(plan.conflicts)} conflict(s): nothing was merged; decide them "
                  "with --prefer mine or --prefer theirs, or in the application.", file=sys.stderr)
            return 1
        edit = apply_merge(session, plan, args.prefer or "mine")
    finally:
        session.close()
    decided = f"{len(plan.conflicts)} conflict(s) decided for {args.prefer}" if plan.conflicts else ""
    if edit is not None and edit.changes:
        print(f"Merged {len(edit.changes)} record(s) from {plan.other.name} in one step"
              + (f", {decided}." if decided else "."))
    elif decided:  # every conflict kept as it is here: only the decisions are recorded
        print(f"Nothing merged: {decided}, nothing else is new.")
    else:
        print("Nothing merged: the project already holds everything in it.")
    return 0


def cmd_transition(args) -> int:
    from isodesk.app.transition import apply_transition, plan_transition

    session = _open(args.file, read_only=args.dry_run, args=args)
    try:
        plan = plan_transition(session, _registry(), args.to)
        print(plan.summary())
        if args.dry_run:
            print(tr("Dry run: nothing was changed."))
            return 0
        apply_transition(session, plan)
    finally:
        session.close()
    print(tr("Added {name} to {file}.").format(name=plan.new.info.name, file=args.file))
    return 0


def cmd_followup(args) -> int:
    from isodesk.app.followup import start_followup
    from isodesk.domain.errors import ProjectLockedError, ReadOnlyFileError
    from isodesk.support.i18n import parse_date

    try:
        day = parse_date(args.date) if args.date else None
    except ValueError:
        raise DataError("{value} is not a date (use YYYY-MM-DD).", value=repr(args.date)) from None
    try:  # writable if it can be: an older format is then upgraded for good, ids and all
        session = _open(args.file, args=args)
    except (ProjectLockedError, ReadOnlyFileError):
        session = _open(args.file, read_only=True, args=args)
    try:
        out = start_followup(session, Path(args.out), on=day)
        carried = len(session.answers)
    finally:
        session.close()
    print(tr("Wrote {file}, the follow-up of {baseline}: {n} answers carried over to "
             "re-verify.").format(file=out, baseline=Path(args.file).name, n=carried))
    return 0


def cmd_compare(args) -> int:
    from isodesk.app.compare import (
        compare_sides,
        comparison_json,
        comparison_lines,
        related,
        side_of,
        unrelated_warning,
    )

    sides = []
    for path in (args.old, args.new):
        session = _open(path, read_only=True)
        try:
            sides.append(side_of(session))
        finally:
            session.close()
    old, new = sides
    comparison = compare_sides(old, new, force=args.force)
    if not related(old, new):  # --force: said once more, on stderr, so it is never missed
        print("isodesk: " + tr("warning: {problem}").format(problem=unrelated_warning(old, new)),
              file=sys.stderr)
    if args.json:
        _print_json(comparison_json(comparison, old, new))
    else:
        print("\n".join(comparison_lines(comparison, old, new)))
    return 0


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def cmd_catalogs(args) -> int:
    from isodesk.support.i18n import tr

    registry = _registry()
    catalogs = registry.available()
    for problem in registry.problems:
        print(tr("warning: {problem}").format(problem=problem), file=sys.stderr)
    rows = [{
        "id": c.id,
        "standard": c.info.standard,
        "edition": c.info.edition,
        "title": c.info.title,
        "items": len(c.items),
        "assessable": len(c.assessable),
        "amendments": list(c.amendments),
        "supersedes": c.info.supersedes,
        "user": c.user,
    } for c in catalogs]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            counts = tr("{items} items, {assessable} assessable").format(
                items=r["items"], assessable=r["assessable"])
            extra = [tr("supersedes {id}").format(id=r["supersedes"])] if r["supersedes"] else []
            if r["user"]:
                extra.append(tr("user catalog"))
            note = f"  ({'; '.join(extra)})" if extra else ""
            name = f"{r['standard']}:{r['edition']}"
            print(f"{r['id']:<16} {name:<20} {counts:<26} {r['title']['en']}{note}")
    return 0


def catalog_item_json(req, linked=()) -> dict:
    """One catalog item as ``catalog show --json`` prints it; ``linked``: its partners in the
    other catalogs (domain/linking.py Partner)."""
    return {
        "key": req.key,
        "ref": req.ref,
        "parent": req.parent,
        "level": req.level,
        "assessable": req.assessable,
        "kind": req.kind,
        "title": req.title,
        "own_title": req.own_title,
        "summary": req.summary,
        "questions": req.questions,
        "evidence": req.evidence,
        "hs": req.hs,
        "theme": req.theme,
        "amendment": req.amendment,
        "note": req.note,
        "verify": req.verify,
        "linked": [{"key": p.requirement.key, "kind": p.kind, "via": p.via, "follows": p.follows}
                   for p in linked],
        "continues": list(req.continues),
        "new_in_edition": req.new_in_edition,
        "changed": req.changed,
        "attributes": {name: list(values) for name, values in req.attributes.items()},
        "anchors": req.anchors,
    }


def _item_marks(req) -> str:
    from isodesk.support.i18n import tr

    if req.new_in_edition:
        return "  [" + tr("new") + "]"
    if req.changed:
        return "  [" + tr("changed") + "]"
    return ""


def cmd_catalog(args) -> int:
    if args.catalog_command == "show":
        from isodesk.domain import linking

        registry = _registry()
        cat = registry.get(args.id)
        links = linking.Links(r for c in registry.available() for r in c.items)
        if args.json:
            _print_json({
                "id": cat.id,
                "standard": cat.info.standard,
                "edition": cat.info.edition,
                "title": cat.info.title,
                "amendments": list(cat.amendments),
                "supersedes": cat.info.supersedes,
                "items": [catalog_item_json(r, links.partners(r) if r.assessable else ())
                          for r in cat.items],
            })
        else:
            lang = args.lang
            print(f"{cat.info.name} — {cat.info.title[lang]}")
            for r in cat.items:
                indent = "  " * (r.level - 1)
                print(f"{indent}{r.ref}  {r.display_title(lang)}{_item_marks(r)}")
                if r.verify:
                    print(f"{indent}    ! {r.verify[lang]}")
        return 0
    if args.catalog_command == "import":
        from isodesk.excel.catalog_import import import_catalog_workbook

        path = import_catalog_workbook(Path(args.workbook), replace=args.replace)
        print(tr("Imported the catalog into {path}.").format(path=path))
        return 0
    raise AssertionError(args.catalog_command)


def cmd_check(args) -> int:
    from isodesk.app.check import check_project

    verdict = check_project(Path(args.file))
    out = sys.stdout if verdict.ok else sys.stderr
    print(verdict.sentence, file=out)
    if args.verbose:
        for line in verdict.details:
            print(f"  {line}", file=out)
    return 0 if verdict.ok else 1


def cmd_demo(args) -> int:
    from isodesk.app.demo import write_demo

    if args.force_unlock:
        _break_lock(args.file)
    write_demo(Path(args.file), _registry(), language=args.lang, overwrite=args.force)
    print(tr("Wrote the demo project {file}.").format(file=args.file))
    return 0


def cmd_export(args) -> int:
    from isodesk.excel.export import export_workbook

    session = _open(args.file, read_only=True)
    try:
        export_workbook(session.snapshot(), Path(args.out), progress=_cli_progress("Export"),
                        language=args.lang)
    finally:
        session.close()
    print(tr("Exported to {file}.").format(file=args.out))
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
                print(problem.text())
            if e.count > len(e.problems):
                print(tr("… and {more} more.").format(more=e.count - len(e.problems)))
            raise
        for warning in plan.warnings:
            print(tr("warning: {sentence}").format(sentence=warning.text()))
        for line in plan.describe():
            print(line)
        for conflict in plan.conflicts:
            print(conflict.line())
        undecided = plan.conflicts and not args.prefer
        if args.dry_run:
            count = plan.change_count if undecided else len(plan.edit(args.prefer).changes)
            print(tr("Dry run: {n} change(s) would be applied.").format(n=count))
            if undecided:
                print(tr("{n} conflict(s) need --prefer theirs or --prefer mine.").format(
                    n=len(plan.conflicts)))
            return 0
        if undecided:
            raise DataError("{n} conflict(s): the project and the workbook both changed these "
                            "fields since the export (listed above); nothing was imported. "
                            "Choose with --prefer theirs (the workbook) or --prefer mine (the "
                            "project).", n=len(plan.conflicts))
        edit = plan.edit(args.prefer)
        if plan.conflicts:
            print((tr("{n} conflict(s) decided for the workbook (--prefer theirs).")
                   if args.prefer == "theirs" else
                   tr("{n} conflict(s) decided for the project (--prefer mine).")).format(
                n=len(plan.conflicts)))
        if edit.changes:
            apply_import(session, plan, args.prefer)
            print(tr("Applied {n} change(s).").format(n=len(edit.changes)))
    finally:
        session.close()
    return 0


def cmd_report(args) -> int:
    from isodesk.app.attachments import reading_content
    from isodesk.app.followup import baseline_of
    from isodesk.report.builder import build_report

    session = _open(args.file, read_only=True)
    try:
        baseline = baseline_of(session)  # a follow-up's report shows the progress since it
        with reading_content(session.path) as content:
            build_report(session.snapshot(), Path(args.out), language=args.lang,
                         progress=_cli_progress("Report"), logo=session.asset("logo"),
                         baseline=baseline.data if baseline else None, content=content)
    finally:
        session.close()
    print(tr("Wrote {file}.").format(file=args.out))
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
    _force_unlock_option(s)
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
    note = s.add_mutually_exclusive_group()
    note.add_argument("--note", help="finding text")
    note.add_argument("--note-file", dest="note_file", metavar="PATH",
                      help="finding text from a UTF-8 file ('-': standard input), "
                           f"at most {MAX_TEXT_LENGTH:,} characters")
    s.add_argument("--evidence")
    s.add_argument("--interviewee")
    s.add_argument("--finding-type", dest="finding_type",
                   choices=("major", "minor", "observation", "ofi", "good_practice"))
    _author_option(s)
    _force_unlock_option(s)
    s.set_defaults(func=cmd_answer)

    s = sub.add_parser("set", help="set a project field (client, title, scope …)")
    s.add_argument("file")
    s.add_argument("field", help="client, title, sites, assessors, language, confidentiality, "
                   "started_on, report_date, share_answers, scope, scope.sites, scope.processes, "
                   "scope.exclusions, scope.justification; for the report: conclusion, "
                   "strengths, advice.<catalog-id>, remark.<catalog-id>:<chapter>, roadmap "
                   "(a line per phase: MONTHS TITLE[: WHAT], e.g. 1-3 Foundation: policy), "
                   "status (draft|final), version, reviewer, distribution, consultancy, "
                   "consultancy.contact, consultancy.logo (an image file)")
    s.add_argument("value", help="the value; - reads it from standard input")
    _author_option(s)
    s.set_defaults(func=cmd_set)

    s = sub.add_parser("attach", help="attach photos or documents to an item as evidence")
    s.add_argument("file")
    s.add_argument("key", help="<catalog-id>:<ref>, e.g. iso9001-2015:7.1.5.2")
    s.add_argument("paths", nargs="+", metavar="PATH",
                   help="JPEG or PNG photos (scaled down, location data removed), PDF, Word, "
                        "Excel, PowerPoint or OpenDocument files; at most 20 MB each")
    s.add_argument("--caption", help="what the evidence shows")
    _author_option(s)
    _force_unlock_option(s)
    s.set_defaults(func=cmd_attach)

    s = sub.add_parser("detach", help="remove an attachment from an item")
    s.add_argument("file")
    s.add_argument("key", help="<catalog-id>:<ref>")
    s.add_argument("id", help="the attachment's id, or its first characters (isodesk show)")
    _author_option(s)
    _force_unlock_option(s)
    s.set_defaults(func=cmd_detach)

    s = sub.add_parser("caption", help="set the caption of an attachment")
    s.add_argument("file")
    s.add_argument("key", help="<catalog-id>:<ref>")
    s.add_argument("id", help="the attachment's id, or its first characters (isodesk show)")
    s.add_argument("text", help="the caption; - reads it from standard input; empty removes it")
    _author_option(s)
    _force_unlock_option(s)
    s.set_defaults(func=cmd_caption)

    s = sub.add_parser("evidence", help="export every attachment to a folder")
    s.add_argument("file")
    s.add_argument("folder", help="an empty or new folder; the files are named after their "
                   "standard and clause")
    s.set_defaults(func=cmd_evidence)

    s = sub.add_parser("copy", help="a copy for a colleague, to work apart and merge back")
    s.add_argument("file")
    s.add_argument("out")
    _author_option(s)
    s.set_defaults(func=cmd_copy)

    s = sub.add_parser("merge", help="merge a colleague's copy (or the original) into FILE")
    s.add_argument("file")
    s.add_argument("other", help="the other project file: a copy of FILE, its original, or "
                   "another copy of the same original")
    s.add_argument("--dry-run", action="store_true", help="list what would arrive, change nothing")
    s.add_argument("--prefer", choices=("mine", "theirs"),
                   help="decide every conflict for FILE (mine) or OTHER (theirs)")
    _author_option(s)
    s.set_defaults(func=cmd_merge)

    s = sub.add_parser("transition", help="add the new edition of a standard and carry the "
                       "answers over to it")
    s.add_argument("file")
    s.add_argument("--to", required=True, metavar="ID",
                   help="the new edition's catalog id, e.g. iso14001-2026")
    s.add_argument("--dry-run", action="store_true", help="say what would happen, change nothing")
    _author_option(s)
    _force_unlock_option(s)
    s.set_defaults(func=cmd_transition)

    s = sub.add_parser("followup", help="start a follow-up assessment (hermeting) from FILE")
    s.add_argument("file", help="the baseline assessment (nulmeting)")
    s.add_argument("out", help="the new project file of the follow-up")
    s.add_argument("--date", metavar="D", help="the date of the follow-up (YYYY-MM-DD; "
                   "default today)")
    _author_option(s)
    s.set_defaults(func=cmd_followup)

    s = sub.add_parser("compare", help="compare two assessments: scores, changed items, gaps")
    s.add_argument("old", help="the earlier assessment (the baseline)")
    s.add_argument("new", help="the later one (the follow-up)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--force", action="store_true",
                   help="compare two files that share no history (different projects)")
    s.set_defaults(func=cmd_compare)

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
    s.add_argument("--verbose", action="store_true", help="also list what SQLite found")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("demo", help="write a realistic demo project")
    s.add_argument("file")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    _force_unlock_option(s)
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
    _force_unlock_option(s)
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("report", help="write the report (nulmetingsrapport) as PDF or Word")
    s.add_argument("file")
    s.add_argument("out", help="OUT.pdf, or OUT.docx for an editable Word file")
    s.add_argument("--lang", choices=("nl", "en"))
    s.set_defaults(func=cmd_report)
    return p


def _author_option(parser) -> None:
    parser.add_argument("--assessor", dest="author", metavar="NAME",
                        help="your name in the project's history (default: ISODESK_ASSESSOR, "
                        "the name in isodesk's settings, or your user name)")


def _force_unlock_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force-unlock", dest="force_unlock", action="store_true",
                        help="remove the lock file left by another isodesk first (only when "
                             "you are sure nobody has the project open)")


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="isodesk", description="Start isodesk. Without FILE a demo project opens. "
                f"Commands: {', '.join(COMMANDS)} (isodesk COMMAND --help).")
    p.add_argument("--version", action="version", version=f"isodesk {__version__}")
    p.add_argument("file", nargs="?", help="project file (.isodesk) to open")
    p.add_argument("--read-only", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.system_language())
    for stream in (sys.stdout, sys.stderr):
        # File names with bytes that are not UTF-8 reach us as lone surrogates: print them
        # escaped instead of failing on them.
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] in COMMANDS:
            args = build_parser().parse_args(argv)
            code = args.func(args)
        else:
            args = _gui_parser().parse_args(argv)
            from isodesk.gui.launch import run_gui

            code = run_gui(args.file, read_only=args.read_only)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return code
    except BrokenPipeError:
        return _output_closed()
    except IsodeskError as e:
        return _fail(localize(e))
    except KeyboardInterrupt:
        return _fail(tr("interrupted."))
    except Exception as e:  # noqa: BLE001 - the promise is: never a traceback in front of users
        return _fail(tr("unexpected error ({kind}: {text}).").format(kind=type(e).__name__, text=e))


def _fail(sentence: str) -> int:
    try:
        print(f"isodesk: {sentence}", file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        return _output_closed()
    return 1


def _output_closed() -> int:
    """Whoever read our output stopped reading (``| head``): end quietly, exit 0. Standard
    output goes to the null device, so the flush at exit cannot complain either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0
