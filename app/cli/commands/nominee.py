"""``rezerv nominee add|list|show``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context
from app.i18n import fmt_date


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("nominee", help=t("cli.nominee.help"), description=t("cli.nominee.help"))
    ns = p.add_subparsers(dest="nominee_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    add = ns.add_parser("add", help=t("cli.nominee.add_help"))
    add.add_argument("--json", required=True, metavar="FILE", help=t("cli.nominee.opt_json"))
    add.set_defaults(handler=run_add)
    ls = ns.add_parser("list", help=t("cli.nominee.list_help"))
    ls.add_argument("--search", default="", metavar="TEXT")
    ls.add_argument("--body", default="", choices=["", "knb", "syrbar", "sgs"])
    ls.add_argument("--status", default="")
    ls.add_argument("--quarter", default="")
    ls.add_argument("--limit", type=int, default=1000)
    ls.add_argument("--format", choices=["table", "json"], default="table")
    ls.set_defaults(handler=run_list)
    show = ns.add_parser("show", help=t("cli.nominee.show_help"))
    show.add_argument("id", type=int)
    show.add_argument("--format", choices=["table", "json"], default="table")
    show.set_defaults(handler=run_show)
    edit = ns.add_parser("edit", help=t("life.cli.edit"))
    edit.add_argument("id", type=int)
    edit.add_argument("--json", required=True, metavar="FILE", help=t("cli.nominee.opt_json"))
    edit.set_defaults(handler=run_edit)
    ren = ns.add_parser("renominate", help=t("life.cli.renominate"))
    ren.add_argument("id", type=int)
    ren.add_argument("--quarter", required=True, metavar="YYYYQn")
    ren.set_defaults(handler=run_renominate)
    hist = ns.add_parser("history", help=t("life.cli.history"))
    hist.add_argument("id", type=int)
    hist.add_argument("--format", choices=["text", "json"], default="text")
    hist.set_defaults(handler=run_history)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import interchange, nominees

    dossiers = interchange.read_file(Path(args.json))
    session = ctx.session()
    if len(dossiers) == 1:
        ctx.print(str(nominees.add(session, dossiers[0])))
    else:
        for nid in nominees.add_many(session, dossiers):
            ctx.print(str(nid))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import nominees
    from app.store.nominees import Filters

    f = Filters(search=args.search, body=args.body, status=args.status, quarter=args.quarter)
    rows = nominees.rows(ctx.session(), f, limit=max(1, args.limit))
    if args.format == "json":
        ctx.print_json([
            {"id": r.id, "iin": r.iin, "surname": r.surname, "given_name": r.given_name,
             "patronymic": r.patronymic, "body": r.body, "status": r.status,
             "position": r.position, "quarter": r.quarter, "blockers": r.blockers,
             "warnings": r.warnings, "version": r.version}
            for r in rows
        ])  # fmt: skip
        return 0
    for r in rows:
        name = " ".join(x for x in (r.surname, r.given_name, r.patronymic) if x)
        ctx.print(f"{r.id}\t{r.iin}\t{name}\t{r.body}\t{ctx.t('status.' + r.status)}")
    ctx.print(ctx.t("cli.nominee.count", shown=len(rows)))
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import interchange, nominees

    rec = nominees.get(ctx.session(), args.id)
    if args.format == "json":
        ctx.print_json(interchange.to_obj(rec.dossier))
        return 0
    d = rec.dossier
    p = d.person
    lines = [
        (ctx.t("field.id"), str(rec.id)),
        (ctx.t("field.iin"), p.iin),
        (ctx.t("field.name_kk"), " ".join(x for x in (p.surname, p.given_name, p.patronymic) if x)),
        (ctx.t("field.name_ru"),
         " ".join(x for x in (p.surname_ru, p.given_name_ru, p.patronymic_ru) if x)),
        (ctx.t("field.birth_date"), fmt_date(p.birth_date)),
        (ctx.t("field.body"), ctx.t("body." + d.body.value)),
        (ctx.t("field.position"), d.current_position),
        (ctx.t("field.intended_position"), d.nomination.intended_position),
        (ctx.t("field.status"), ctx.t("status." + rec.status)),
        (ctx.t("field.version"), str(rec.version)),
    ]  # fmt: skip
    for label, value in lines:
        ctx.print(f"{label}: {value}")
    return 0


def run_edit(ctx: Context, args: argparse.Namespace) -> int:
    """Replace a dossier from a JSON file (as ``nominee show --format json`` writes it): the
    member's later facts (sanctions, secondments, indicators) recorded; the photo kept unless
    the file has one; the IIN cannot change."""
    import msgspec

    from app.errors import InvalidInput
    from app.services import interchange, nominees

    dossiers = interchange.read_file(Path(args.json))
    if len(dossiers) != 1:
        raise InvalidInput("life.edit_one")
    s = ctx.session()
    rec = nominees.get(s, args.id)
    d = dossiers[0]
    if d.person.iin != rec.dossier.person.iin:
        raise InvalidInput("quarter.iin_changed", id=args.id)
    if d.photo is None:
        d = msgspec.structs.replace(d, photo=rec.dossier.photo)
    version = nominees.update(s, args.id, d, expected_version=rec.version)
    ctx.print(ctx.t("life.cli.edited", id=args.id, version=version))
    return 0


def run_renominate(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    version = reserve_life.renominate(ctx.session(), args.id, args.quarter)
    ctx.print(ctx.t("life.cli.renominated", id=args.id, quarter=args.quarter, version=version))
    return 0


def run_history(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import reserve_life

    events = reserve_life.history(ctx.session(), args.id)
    if args.format == "json":
        ctx.print_json([{"day": e.day.isoformat() if e.day else None, "kind": e.kind,
                         "clause": e.clause, **e.detail} for e in events])  # fmt: skip
        return 0
    for e in events:
        w = reserve_life.describe(e, ctx.lang)
        ctx.print(f"{w.day}\t{w.what}\t{w.detail}\t{w.clause}")
    return 0
