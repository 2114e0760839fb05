"""``rezerv bundle export|inspect|import|receipt``: transfer bundles on removable media."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli.context import Context
from app.transfer.kinds import Kind, Notice

_COUNTS = ("add", "update", "same", "conflict", "remove", "need")


def register(sub: argparse._SubParsersAction, t: Callable[[str], str]) -> None:
    p = sub.add_parser("bundle", help=t("cli.bundle.help"), description=t("cli.bundle.help"))
    bs = p.add_subparsers(dest="bundle_command", metavar="ACTION", required=True,
                          parser_class=type(p))  # fmt: skip
    ex = bs.add_parser("export", help=t("cli.bundle.export_help"))
    ex.add_argument("--kind", required=True, choices=[k.value for k in Kind if k != Kind.RECEIPT])
    ex.add_argument("--to", required=True, metavar="PEER_ID", help=t("cli.bundle.opt_to"))
    ex.add_argument("--out", required=True, metavar="FILE", help=t("cli.bundle.opt_out"))
    ex.add_argument("--quarter", default="", metavar="YYYYQN", help=t("cli.bundle.opt_quarter"))
    ex.add_argument("--nominee", type=int, action="append", default=[], metavar="ID",
                    help=t("cli.bundle.opt_nominee"))  # fmt: skip
    ex.set_defaults(handler=run_export)
    ins = bs.add_parser("inspect", help=t("cli.bundle.inspect_help"))
    ins.add_argument("file", metavar="FILE")
    ins.add_argument("--format", choices=["text", "json"], default="text")
    ins.set_defaults(handler=run_inspect)
    im = bs.add_parser("import", help=t("cli.bundle.import_help"))
    im.add_argument("file", metavar="FILE")
    im.add_argument("--receipt", metavar="FILE", help=t("cli.bundle.opt_receipt"))
    im.add_argument("--format", choices=["text", "json"], default="text")
    im.add_argument("--accept-rollback", action="store_true",
                    help=t("cli.bundle.opt_accept_rollback"))  # fmt: skip
    im.set_defaults(handler=run_import)
    rc = bs.add_parser("receipt", help=t("cli.bundle.receipt_help"))
    rc.add_argument("id", metavar="BUNDLE_ID")
    rc.add_argument("--out", required=True, metavar="FILE", help=t("cli.bundle.opt_out"))
    rc.set_defaults(handler=run_receipt)
    cf = bs.add_parser("conflicts", help=t("cli.bundle.conflicts_help"))
    cf.add_argument("--all", action="store_true", help=t("cli.bundle.opt_all_conflicts"))
    cf.add_argument("--format", choices=["text", "json"], default="text")
    cf.add_argument("--fields", type=int, default=None, metavar="ID",
                    help=t("cli.bundle.opt_conflict_fields"))  # fmt: skip
    cf.set_defaults(handler=run_conflicts)
    rs = bs.add_parser("resolve", help=t("cli.bundle.resolve_help"))
    rs.add_argument("id", type=int, metavar="ID")
    rs.add_argument("--keep", required=True, choices=["local", "incoming"])
    rs.add_argument("--field", action="append", default=[], metavar="PATH=local|incoming",
                    help=t("cli.bundle.opt_field"))  # fmt: skip
    rs.set_defaults(handler=run_resolve)


def _counts(ctx: Context, counts: dict[str, int]) -> str:
    return ", ".join(ctx.t(f"cli.bundle.count_{k}", n=counts[k]) for k in _COUNTS if k in counts)


def _warn(ctx: Context, notices: list[Notice]) -> list[str]:
    texts = []
    for n in notices:
        text = ctx.t(n.key, **n.params)
        texts.append(text)
        loud = n.key == "bundle.checkpoint_backwards"
        ctx.err.write(ctx.t("cli.bundle.alarm" if loud else "cli.bundle.warning", text=text) + "\n")
    return texts


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer_bundles

    r = transfer_bundles.export_bundle(
        ctx.session(), kind=args.kind, peer_id=args.to, out=Path(args.out), quarter=args.quarter,
        nominee_ids=tuple(args.nominee),
    )  # fmt: skip
    ctx.print(ctx.t("cli.bundle.exported", path=r.path, count=r.count, peer=r.peer_id, seq=r.seq,
                    id=r.bundle_id, size=r.size))  # fmt: skip
    return 0


def run_inspect(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer_bundles

    ins = transfer_bundles.inspect_bundle(ctx.session(), Path(args.file))
    warnings = [ctx.t(n.key, **n.params) for n in ins.notices]
    refusal = ins.refusal.message(ctx.lang) if ins.refusal else None
    if args.format == "json":
        ctx.print_json({
            "bundle_id": ins.bundle_id, "kind": ins.kind, "sender": ins.sender,
            "sender_role": ins.sender_role, "sender_fingerprint": ins.sender_fingerprint,
            "verified": ins.verified, "created": ins.created, "seq": ins.seq, "items": ins.items,
            "size": ins.size, "counts": ins.counts, "warnings": warnings, "refusal": refusal,
            "changes": [{"action": c.action, "entity": c.entity, "label": c.label}
                        for c in ins.changes],
        })  # fmt: skip
    else:
        state = "cli.bundle.verified" if ins.verified else "cli.bundle.unverified"
        ctx.print(ctx.t("cli.bundle.sender", sender=ins.sender, role=ins.sender_role,
                        fingerprint=ins.sender_fingerprint, state=ctx.t(state)))  # fmt: skip
        ctx.print(ctx.t("cli.bundle.kind", kind=ins.kind, id=ins.bundle_id, created=ins.created,
                        seq=ins.seq, items=ins.items, size=ins.size))  # fmt: skip
        if ins.counts:
            ctx.print(ctx.t("cli.bundle.would", counts=_counts(ctx, ins.counts)))
        for c in ins.changes:
            ctx.print(f"  {c.action}\t{c.entity}\t{c.label}")
        for w in warnings:
            ctx.print(ctx.t("cli.bundle.warning", text=w))
    if refusal:
        sys.stderr.write(ctx.t("cli.bundle.would_refuse", reason=refusal) + "\n")
        return ins.refusal.exit_code if ins.refusal else 4
    return 0


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer_bundles

    path = Path(args.file)
    receipt = Path(args.receipt) if args.receipt else path.with_name(path.stem + ".receipt.rzv")
    r = transfer_bundles.import_bundle(ctx.session(), path, receipt_out=receipt,
                                       accept_rollback=args.accept_rollback)  # fmt: skip
    warnings = _warn(ctx, r.notices)
    if args.format == "json":
        ctx.print_json({
            "bundle_id": r.bundle_id, "kind": r.kind, "sender": r.sender, "seq": r.seq,
            "counts": r.counts, "warnings": warnings, "receipt_id": r.receipt_id,
            "receipt_path": r.receipt_path,
        })  # fmt: skip
        return 0
    ctx.print(ctx.t("cli.bundle.imported", id=r.bundle_id, kind=r.kind, sender=r.sender,
                    counts=_counts(ctx, r.counts)))  # fmt: skip
    if r.receipt_path:
        ctx.print(ctx.t("cli.bundle.receipt_written", path=r.receipt_path))
    return 0


def run_receipt(ctx: Context, args: argparse.Namespace) -> int:
    from app.services import transfer_bundles

    size = transfer_bundles.write_outbox(ctx.session(), args.id, Path(args.out))
    ctx.print(ctx.t("cli.bundle.receipt_written", path=args.out) + f" ({size})")
    return 0


def run_conflicts(ctx: Context, args: argparse.Namespace) -> int:
    import msgspec

    from app.services import conflicts, transfer_views

    session = ctx.session()
    if args.fields is not None:
        diffs = conflicts.fields(session, args.fields)
        if args.format == "json":
            ctx.print_json([msgspec.to_builtins(d) for d in diffs])
            return 0
        for d in diffs:
            ctx.print(ctx.t("cli.bundle.field_line", path=d.path, local=d.local or "—",
                            incoming=d.incoming or "—"))  # fmt: skip
        return 0
    rows = transfer_views.conflicts(session) if args.all else conflicts.pending(session)
    if args.format == "json":
        ctx.print_json([msgspec.to_builtins(r) for r in rows])
        return 0
    if not rows:
        ctx.print(ctx.t("cli.bundle.no_conflicts"))
    for r in rows:
        ctx.print(ctx.t("cli.bundle.conflict_line", id=r.id, nominee=r.nominee_id, name=r.name,
                        version=r.local_version, created=r.created,
                        state=r.resolved or ctx.t("cli.bundle.conflict_open")))  # fmt: skip
    return 0


def run_resolve(ctx: Context, args: argparse.Namespace) -> int:
    from app.errors import InvalidInput
    from app.services import conflicts

    take = {}
    for item in args.field:
        path, eq, side = item.partition("=")
        if not eq or not path.strip():
            raise InvalidInput("cli.bundle.field_syntax", value=item[:80])
        take[path.strip()] = side.strip()
    r = conflicts.resolve(ctx.session(), args.id, args.keep, take)
    ctx.print(ctx.t(f"cli.bundle.resolved_{r.keep}", id=r.id, nominee=r.nominee_id,
                    version=r.version))  # fmt: skip
    for path, side in r.fields.items():
        ctx.print(ctx.t(f"cli.bundle.field_taken_{side}", path=path))
    return 0
