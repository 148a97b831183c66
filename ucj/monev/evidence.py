"""Evidence files: minutes, attendance lists and photos of a session; documents of a
regulation or a follow-up. Each file is checked (`filecheck`), stored under
UCJ_DATA_DIR/uploads (so `ucj backup` carries it) with its SHA-256, and read only in its
parent's scope: whoever may see the session, regulation or follow-up sees its files.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW
from ucj.lib.bilingual import pair
from ucj.monev.cycle_models import Attachment, AttachmentKind
from ucj.monev.filecheck import check_upload
from ucj.monev.models import FollowUp, MonevSession
from ucj.monev.records import Regulation

# What each kind of attachment may be.
ALLOWED: dict[str, tuple[str, ...]] = {
    AttachmentKind.MINUTES: ("pdf", "docx"),
    AttachmentKind.ATTENDANCE: ("pdf", "docx", "xlsx", "jpeg", "png"),
    AttachmentKind.PHOTO: ("jpeg", "png"),
    AttachmentKind.DOCUMENT: ("pdf", "docx", "xlsx", "jpeg", "png"),
}
# Parent name → (model, Attachment field, kinds it takes).
PARENTS: dict[str, tuple[Any, str, tuple[str, ...]]] = {
    "sesi": (MonevSession, "session", tuple(ALLOWED)),
    "regulasi": (Regulation, "regulation", (AttachmentKind.DOCUMENT,)),
    "tindak-lanjut": (FollowUp, "follow_up", (AttachmentKind.DOCUMENT, AttachmentKind.PHOTO)),
}


def _scoped(model: Any, user: Any, action: str) -> QuerySet[Any]:
    return model.objects.for_user(user, action)


def note_refusal(user: Any, pk: int) -> None:
    """An attachment that exists but lies outside the user's regions: recorded for the
    audit page like every refused look-up (its parent's region)."""
    from ucj.accounts.refusals import refuse

    item = Attachment.objects.filter(pk=pk).select_related("regulation", "follow_up").first()
    if item is None:
        return  # no such file anywhere: an honest 404
    region_id = None
    if item.regulation is not None:
        region_id = item.regulation.region_id
    elif item.follow_up is not None:
        region_id = item.follow_up.region_id
    elif item.session is not None:
        region_id = item.session.regions.values_list("pk", flat=True).first()
    refuse(user, VIEW, "monev.attachment", object_id=str(pk), region_id=region_id)


def visible(user: Any) -> QuerySet[Attachment]:
    """Attachments whose parent this user may see (the operator: a SystemActor)."""
    return Attachment.objects.filter(
        Q(session__in=_scoped(MonevSession, user, VIEW).values("pk"))
        | Q(regulation__in=_scoped(Regulation, user, VIEW).values("pk"))
        | Q(follow_up__in=_scoped(FollowUp, user, VIEW).values("pk"))
    )


def parent_of(user: Any, parent: str, pk: int, action: str = CHANGE) -> Any:
    if parent not in PARENTS:
        raise ValidationError(
            pair(
                _("Induk lampiran tidak dikenal: %(parent)s (pilih %(known)s)"),
                parent=parent,
                known=", ".join(PARENTS),
            ).joined()
        )
    model = PARENTS[parent][0]
    obj = _scoped(model, user, action).filter(pk=pk).first()
    if obj is None:
        raise PermissionDenied(
            pair(
                _("%(parent)s #%(pk)s tidak ada atau di luar wewenang Anda"), parent=parent, pk=pk
            ).joined()
        )
    return obj


def attach(
    user: Any, parent: str, pk: int, kind: str, upload: Any, description: str = ""
) -> Attachment:
    """Check and store one file against a session, regulation or follow-up."""
    obj = parent_of(user, parent, pk, CHANGE)
    kinds = PARENTS[parent][2]
    if kind not in kinds:
        raise ValidationError(
            pair(
                _("Jenis lampiran '%(kind)s' tidak untuk %(parent)s (pilih %(known)s)"),
                kind=kind,
                parent=parent,
                known=", ".join(kinds),
            ).joined()
        )
    path, checked = check_upload(upload, ALLOWED[kind])
    try:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        name = Path(str(upload.name)).name[:255]
        suffix = Path(name).suffix.lower()
        item = Attachment(
            kind=kind,
            name=name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=digest.hexdigest(),
            description=description[:300],
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            **{PARENTS[parent][1]: obj},
        )
        # The stored name is ours (no user text on disk); the user's name is kept apart.
        with path.open("rb") as fh:
            item.file.save(f"{uuid.uuid4().hex}{suffix}", File(fh), save=True)
    finally:
        path.unlink(missing_ok=True)
    return item


def of_parent(user: Any, parent: str, pk: int) -> QuerySet[Attachment]:
    field = PARENTS[parent][1]
    return visible(user).filter(**{f"{field}_id": pk})


def as_json(item: Attachment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "name": item.name,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "file": item.file.name,
        "uploaded": item.uploaded,
    }
