"""The report pack as a zip: README.txt first (the grant, period, rules, parts and the checks'
warnings), then every part, each folder part as a folder (shown even when empty).

Written into a file the caller gives (a temporary file for a download), member by member, so
only one part is in memory at a time; members are readable by their owner only, as the lists
and scans name people.
"""

import re
import time
import zipfile
from typing import IO

from flask_babel import gettext as _

from partnership.reports.checks import PackWarning, check_pack
from partnership.reports.pack import PARTS, Pack, Part


def zip_name(pack: Pack, what: str = "") -> str:
    label = {"de": "Berichtspaket"}.get(pack.language, "Report_pack")
    start, end = pack.period
    period = f"{start or ''}_{end or ''}" if start or end else ""
    stem = "_".join(filter(None, [label, pack.grant.reference, period, what]))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") + ".zip"


def _readme(pack: Pack, warnings: list[PackWarning]) -> str:
    lines = [
        _("Report pack"),
        "",
        _("Grant: %(grant)s", grant=str(pack.grant)),
        _("Funder: %(funder)s", funder=str(pack.grant.funder)),
        _("Period: %(period)s", period=pack.period_text),
    ]
    if pack.chosen.rules.name:
        lines.append(_("Rules: %(rules)s", rules=pack.chosen.rules.label))
    if pack.chosen.rules.funder_statement:
        lines.append(
            _(
                "Every communication must carry: %(statement)s",
                statement=pack.chosen.rules.funder_statement,
            )
        )
    lines += ["", _("Contents:")]
    for part in PARTS:
        lines.append(f"- {part.name(pack.language)}{'/' if part.is_folder else ''}: {part.title}")
    lines += ["", _("Warnings of the checks:") if warnings else _("The checks found nothing.")]
    for warning in warnings:
        lines.append(
            f"- {warning.subject}: {warning.message}" if warning.subject else f"- {warning.message}"
        )
    return "\r\n".join(lines) + "\r\n"


def _member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # participant lists and scans are personal data
    return archive.open(info, "w", force_zip64=True)


def _folder_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.external_attr = 0o40700 << 16 | 0x10  # a directory, as unzip tools expect
    return info


def _write_part(archive: zipfile.ZipFile, pack: Pack, part: Part, prefix: str = "") -> None:
    if part.is_folder:
        # The folder itself, even empty: the pack shows each part, and what is missing.
        archive.writestr(_folder_entry(f"{prefix}{part.name(pack.language)}/"), b"")
        for name, read in part.files(pack):
            with _member(archive, f"{prefix}{part.name(pack.language)}/{name}") as member:
                member.write(read())
        return
    with _member(archive, f"{prefix}{part.name(pack.language)}") as member:
        part.write(pack, member)


def write_pack_zip(pack: Pack, out: IO[bytes]) -> None:
    """Write the whole pack as a zip into `out`: README.txt first, then every part."""
    warnings = check_pack(pack.grant.id, pack.period)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with _member(archive, "README.txt") as member:
            member.write(_readme(pack, warnings).encode("utf-8"))
        for part in PARTS:
            _write_part(archive, pack, part)


def write_folder_zip(pack: Pack, part: Part, out: IO[bytes]) -> None:
    """Write one folder part alone as a zip."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write_part(archive, pack, part)
