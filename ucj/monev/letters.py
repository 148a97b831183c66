"""Letters of recommendations from a monev session to the head of a region.

A letter is drafted from the session's findings, recommendations and follow-ups for that
region and from the figures frozen when the session was held; it can be edited while it
is a draft (konsep). Issuing gives it the next number of its office's register for the
year and freezes it: from then on nothing in it changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW
from ucj.lib.bilingual import pair
from ucj.lib.formats import number, percent
from ucj.monev.cycle_models import DocState, Letter, Letterhead, LetterRegister, Sifat
from ucj.monev.models import MonevSession, Recommendation, Snapshot
from ucj.monev.reports.data import bulan, tanggal
from ucj.regions.models import Level, Region

EDITABLE = ("sifat", "lampiran", "hal", "addressee", "addressee_place", "body", "tembusan")

# The head of each level of region (Permendagri naming).
HEADS: dict[str, str] = {
    Level.PROVINCE: "Gubernur",
    Level.REGENCY: "Bupati",
    Level.CITY: "Wali Kota",
}
_PREFIXES = ("Kabupaten ", "Kota ", "Provinsi ")

DEFAULT_LETTERHEAD = {
    "code": "bskdn",
    "office": "BADAN STRATEGI KEBIJAKAN DALAM NEGERI",
    "parent_office": "KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA",
    "city": "Jakarta",
    "signatory_title": "Kepala Badan Strategi Kebijakan Dalam Negeri",
}


def ensure_letterhead() -> Letterhead:
    """The default kop surat (BSKDN, which runs the UCJ monev, FACTS §7.2); its address,
    signatory and archive code are blank until an admin fills them in."""
    head, _ = Letterhead.objects.get_or_create(
        code=DEFAULT_LETTERHEAD["code"], defaults=DEFAULT_LETTERHEAD
    )
    return head


def head_of(region: Region) -> str:
    """'Bupati Sarolangun', 'Wali Kota Jambi', 'Gubernur Jambi'."""
    name = region.name
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return f"{HEADS.get(region.level, 'Kepala Daerah')} {name}"


def _scoped(user: Any, action: str = VIEW) -> QuerySet[Letter]:
    return Letter.objects.for_user(user, action)


def _session(user: Any, session_id: int) -> MonevSession:
    qs = MonevSession.objects.for_user(user)
    session = qs.filter(pk=session_id).first()
    if session is None:
        raise PermissionDenied(
            pair(_("Sesi #%(pk)s tidak ada atau di luar wewenang Anda"), pk=session_id).joined()
        )
    return session


def figures_sentence(snapshot: dict[str, Any] | None) -> str:
    """The achievement line, from the figures frozen when the session was held."""
    if not snapshot or snapshot.get("coverage_pct") is None:
        return "Capaian cakupan belum dapat dihitung karena data belum lengkap."
    text = (
        f"Per {bulan(snapshot.get('period'))}, peserta aktif BPJS Ketenagakerjaan "
        f"{number(snapshot.get('active_participants'))} dari "
        f"{number(snapshot.get('potential_workers'))} pekerja potensial "
        f"(cakupan {percent(snapshot.get('coverage_pct'))})"
    )
    if snapshot.get("category"):
        text += f", kategori {snapshot['category']}"
    if snapshot.get("target_pct") is not None:
        text += f"; target {percent(snapshot['target_pct'])}"
    if snapshot.get("is_sample"):
        text += " [data contoh]"
    return text + "."


def draft_body(session: MonevSession, region: Region) -> tuple[str, list[Recommendation]]:
    snap = Snapshot.objects.filter(session=session, region=region).first()
    recs = list(
        Recommendation.objects.filter(finding__session=session, finding__region=region)
        .select_related("finding")
        .prefetch_related("follow_ups")
        .order_by("finding_id", "id")
    )
    lines = [
        "Dengan hormat,",
        (
            f"Menindaklanjuti {session.title} pada {tanggal(session.date)} "
            f"({session.organiser_label}), bersama ini kami sampaikan hasil pemantauan dan "
            f"evaluasi pelaksanaan Universal Coverage Jamsostek (UCJ) di {region.name}."
        ),
        figures_sentence(snap.data if snap else None),
    ]
    findings: dict[int, list[Recommendation]] = {}
    for rec in recs:
        findings.setdefault(rec.finding_id, []).append(rec)
    if findings:
        lines.append("Temuan dan rekomendasi:")
        for i, group in enumerate(findings.values(), start=1):
            item = [f"{i}. Temuan: {group[0].finding.text}"]
            for rec in group:
                item.append(f"   Rekomendasi: {rec.text}")
                for f in rec.follow_ups.all():
                    item.append(
                        f"   Tindak lanjut: {f.action} ({f.responsible_office}, "
                        f"tenggat {tanggal(f.due_date)})"
                    )
            lines.append("\n".join(item))
    lines.append(
        "Demikian kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan "
        "terima kasih."
    )
    return "\n\n".join(lines), recs


def draft(user: Any, session_id: int, region_code: str, letterhead_code: str = "") -> Letter:
    """A draft letter from a session to the head of one of its regions."""
    session = _session(user, session_id)
    region = session.regions.filter(code=region_code).first()
    if region is None:
        raise ValidationError(
            pair(
                _("Wilayah %(code)s bukan peserta sesi #%(pk)s"), code=region_code, pk=session_id
            ).joined()
        )
    _check_may_write(user, region)
    head = _letterhead(letterhead_code)
    body, recs = draft_body(session, region)
    tembusan = ["Menteri Dalam Negeri"]
    if region.level != Level.PROVINCE and region.parent_id:
        tembusan.append(head_of(region.parent))  # type: ignore[arg-type]
    tembusan.append("Kepala Kantor Cabang BPJS Ketenagakerjaan setempat")
    with transaction.atomic():
        letter = Letter.objects.create(
            session=session,
            region=region,
            letterhead=head,
            sifat=Sifat.BIASA,
            hal=f"Rekomendasi hasil monev UCJ {region.name}",
            addressee=head_of(region),
            addressee_place="Tempat",
            body=body,
            tembusan="\n".join(tembusan),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        letter.recommendations.set(recs)
    return letter


def _check_may_write(user: Any, region: Region) -> None:
    from ucj.accounts.scoping import allowed_regions

    if not allowed_regions(user, CHANGE, Letter).filter(pk=region.pk).exists():
        raise PermissionDenied(
            pair(_("Anda tidak berwenang menulis surat untuk %(code)s"), code=region.code).joined()
        )


def _letterhead(code: str) -> Letterhead:
    if not code:
        return Letterhead.objects.order_by("code").first() or ensure_letterhead()
    head = Letterhead.objects.filter(code=code).first()
    if head is None:
        known = ", ".join(Letterhead.objects.values_list("code", flat=True)) or "-"
        raise ValidationError(
            pair(
                _("Kop surat '%(code)s' tidak ada (ada: %(known)s)"), code=code, known=known
            ).joined()
        )
    return head


def get(user: Any, pk: int, action: str = VIEW) -> Letter:
    letter = _scoped(user, action).select_related("letterhead", "region", "session")
    found = letter.filter(pk=pk).first()
    if found is None:
        raise PermissionDenied(
            pair(_("Surat #%(pk)s tidak ada atau di luar wewenang Anda"), pk=pk).joined()
        )
    return found


def _frozen(letter: Letter) -> ValidationError:
    return ValidationError(
        pair(
            _("Surat %(number)s sudah diterbitkan dan tidak dapat diubah"), number=letter.number
        ).joined()
    )


def update(user: Any, pk: int, **fields: Any) -> Letter:
    letter = get(user, pk, CHANGE)
    if letter.is_issued:
        raise _frozen(letter)
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise ValidationError(
            pair(_("Kolom tidak dapat diubah: %(fields)s"), fields=unknown).joined()
        )
    if "sifat" in fields and fields["sifat"] not in Sifat.values:
        raise ValidationError(
            pair(_("Sifat: pilih %(known)s"), known=", ".join(Sifat.values)).joined()
        )
    for name, value in fields.items():
        setattr(letter, name, value)
    letter.save(update_fields=list(fields))
    return letter


def format_number(head: Letterhead, seq: int, year: int) -> str:
    parts = [head.classification, f"{seq:03d}", head.code.upper(), str(year)]
    return "/".join(p for p in parts if p)


def next_number(head: Letterhead, year: int) -> tuple[int, str]:
    """The next number of the office's register for the year (call inside a transaction:
    the register row is locked until it commits, so two issues never share a number)."""
    LetterRegister.objects.get_or_create(letterhead=head, year=year)
    register = LetterRegister.objects.select_for_update().get(letterhead=head, year=year)
    register.last = F("last") + 1
    register.save(update_fields=["last"])
    register.refresh_from_db()
    return register.last, format_number(head, register.last, year)


def issue(user: Any, pk: int, on: dt.date | None = None) -> Letter:
    """Number the letter from its office's register and freeze it."""
    on = on or dt.date.today()
    with transaction.atomic():
        letter = get(user, pk, CHANGE)
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.is_issued:
            raise _frozen(letter)
        letter.seq, letter.number = next_number(letter.letterhead, on.year)
        letter.year, letter.date = on.year, on
        letter.state = DocState.ISSUED
        letter.issued = timezone.now()
        letter.issued_by = user if getattr(user, "is_authenticated", False) else None
        letter.save()
    return letter


def issued_for(user: Any, region: Region) -> QuerySet[Letter]:
    return (
        _scoped(user)
        .filter(region=region, state=DocState.ISSUED)
        .select_related("session")
        .order_by("-date", "-id")
    )


def as_json(letter: Letter) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "state": letter.state,
        "number": letter.number or None,
        "date": letter.date,
        "session": letter.session_id,
        "region": letter.region.code,
        "letterhead": letter.letterhead.code,
        "sifat": letter.sifat,
        "lampiran": letter.lampiran,
        "hal": letter.hal,
        "addressee": letter.addressee,
        "body": letter.body,
        "tembusan": [t for t in letter.tembusan.splitlines() if t.strip()],
        "recommendations": list(letter.recommendations.values_list("pk", flat=True)),
    }
