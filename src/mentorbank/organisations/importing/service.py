"""The import's life: upload -> preview (dry run) -> confirm -> apply.

Preview and apply run as background tasks so a 40,000-row file never holds
a web request; with the immediate task backend they run inline."""

import logging
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.core.refusals import Refused

from ..models import ImportBatch, Organisation
from .employees import plan_employee_import
from .messages import TEXTS
from .plan import ImportPlan
from .reading import ImportFileError, read_table
from .units import plan_unit_import

logger = logging.getLogger(__name__)

PLANNERS = {ImportBatch.UNITS: plan_unit_import, ImportBatch.EMPLOYEES: plan_employee_import}


class UploadRejected(Refused):
    messages = {"too_large": TEXTS["too_large"]}


def import_upload(*, organisation: Organisation, actor: Any, kind: str, upload: UploadedFile) -> ImportBatch:
    limit = settings.IMPORT_MAX_FILE_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected("too_large", limit=limit // (1024 * 1024))
    batch = ImportBatch.objects.create(
        organisation=organisation,
        uploaded_by=actor,
        kind=kind,
        filename=(upload.name or "upload")[:255],
        content=upload.read(),
    )
    audit.record(
        actor=actor,
        action="import.uploaded",
        organisation=organisation,
        details={"kind": kind, "file": batch.filename, "batch": batch.pk},
    )
    transaction.on_commit(lambda: preview_import.enqueue(batch.pk))
    return batch


def plan_batch(batch: ImportBatch) -> ImportPlan:
    try:
        table = read_table(bytes(batch.content), batch.filename)
    except ImportFileError as error:
        return ImportPlan(kind=batch.kind, file_errors=[error.stored()])
    return PLANNERS[batch.kind](batch.organisation, table)


def preview_batch(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("organisation").get(pk=batch_id)
    if batch.status != ImportBatch.PREVIEWING:
        return
    plan = plan_batch(batch)
    batch.preview = plan.to_json()
    batch.status = ImportBatch.READY if plan.is_valid else ImportBatch.INVALID
    batch.save(update_fields=["preview", "status"])


def confirm_import(*, batch: ImportBatch, actor: Any) -> bool:
    """Start applying a previewed batch; False when it is not ready (e.g. a double click)."""
    started = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.READY).update(status=ImportBatch.APPLYING)
    if not started:
        return False
    transaction.on_commit(lambda: apply_import.enqueue(batch.pk, actor.pk))
    return True


def apply_batch(batch_id: int, actor_id: int | None) -> None:
    """Re-plan against the data as it is now and write all of it, or nothing."""
    batch = ImportBatch.objects.select_related("organisation").get(pk=batch_id)
    if batch.status != ImportBatch.APPLYING:
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        # The batch's new status commits with its rows: a task run again finds it applied.
        with transaction.atomic():
            plan = plan_batch(batch)
            if plan.is_valid and plan.apply_steps is not None:
                plan.apply_steps(actor)
                audit.record(
                    actor=actor,
                    action="import.applied",
                    organisation=batch.organisation,
                    details={"kind": batch.kind, "file": batch.filename, "batch": batch.pk, **plan.counts()},
                )
            batch.preview = plan.to_json()
            if plan.is_valid:
                batch.status, batch.applied_at, batch.content = ImportBatch.APPLIED, timezone.now(), b""
            else:
                batch.status = ImportBatch.INVALID  # the data changed since the preview
            batch.save(update_fields=["preview", "status", "applied_at", "content"])
    except Exception:
        logger.exception("Import batch %s failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.FAILED, content=b"")


@task()
def preview_import(batch_id: int) -> None:
    preview_batch(batch_id)


@task()
def apply_import(batch_id: int, actor_id: int | None) -> None:
    apply_batch(batch_id, actor_id)
