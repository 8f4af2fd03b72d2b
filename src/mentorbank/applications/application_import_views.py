from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mentorbank.applications import application_import as importing
from mentorbank.applications.import_targets import Target, targets_of
from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.importing.reading import ImportFileError
from mentorbank.programmes.access import access_programme


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A .csv (UTF-8) or .xlsx export of the form tool, one application a row, the first row naming the columns."
        ),
    )

    def clean_file(self):
        """Refused before it is read into memory: as large as an HR file may be, no larger."""
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
        return upload


def managed(request: OrganisationRequest, programme_id: int):
    return access_programme(request.membership, programme_id, manage=True)


@organisation_view("manage_programmes")
def upload(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = managed(request, programme_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        item = ApplicationImport(
            programme=programme, uploaded_by=request.user, filename=upload_file.name[:255], content=upload_file.read()
        )
        try:
            table = importing.load_table(item)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            item.mapping, item.answers = importing.guess_mapping(programme, table.columns)
            item.save()
            return redirect(
                "applications:application_import_map",
                org_slug=request.organisation.slug,
                programme_id=programme.pk,
                import_id=item.pk,
            )
    return render(request, "applications/application_import_upload.html", {"programme": programme, "form": form})


@organisation_view("manage_programmes")
def map_and_preview(request: OrganisationRequest, programme_id: int, import_id: int) -> HttpResponse:
    programme = managed(request, programme_id)
    item = get_object_or_404(programme.application_imports, pk=import_id, applied_at__isnull=True)
    table = importing.load_table(item)
    targets = targets_of(programme)
    if request.method == "POST":
        item.mapping, item.answers = mapping_from(request.POST, targets, table.columns, item.answers)
        item.save(update_fields=["mapping", "answers"])
    missing = [str(t.label) for t in targets if t.required and not item.mapping.get(t.key)]
    if not (item.mapping.get("email") or item.mapping.get("personal_id")):
        missing.append(_("Work e-mail or personal ID"))
    result = None if missing else importing.preview(programme, table, item.mapping, item.answers)
    labels = {t.key: t for t in targets}
    return render(
        request,
        "applications/application_import_map.html",
        {
            "programme": programme,
            "item": item,
            "columns": table.columns,
            "missing": missing,
            "rows": result.rows if result else [],
            "answers": [(labels[k], values) for k, values in result.answers.items()] if result else [],
            "unknown_items": [(labels[k], names) for k, names in result.unknown_items.items()] if result else [],
            "targets": [(t.key, t.label, item.mapping.get(t.key, "")) for t in targets],
            "roles": dict(Application.ROLES),
            "error_count": sum(1 for row in result.rows if row.errors) if result else 0,
        },
    )


def mapping_from(
    data: Any, targets: list[Target], columns: list[str], answers: dict[str, Any]
) -> tuple[dict[str, str], dict[str, Any]]:
    """The columns chosen, the answer words mapped to values and the decisions on unknown themes and
    competences, as the mapping form posts them (each answer as a hidden text beside its choice)."""
    mapping = {
        t.key: data.get(f"col__{t.key}", "") if data.get(f"col__{t.key}", "") in columns else "" for t in targets
    }
    values: dict[str, dict[str, str]] = {k: dict(v) for k, v in answers.get("values", {}).items()}
    items: dict[str, dict[str, str]] = {k: dict(v) for k, v in answers.get("items", {}).items()}
    for name in data:
        kind, _sep, rest = name.partition("__")
        if kind not in ("answer", "item") or not data.get(name):
            continue
        key = rest.rsplit("__", 1)[0]
        text = data.get(f"text__{rest}", "")
        chosen = data.get(name)
        if kind == "answer":
            values.setdefault(key, {})[text] = chosen
        elif chosen in ("add", "drop"):
            items.setdefault(key, {})[text] = chosen
    return mapping, {"values": values, "items": items}


@require_POST
@organisation_view("manage_programmes")
def confirm(request: OrganisationRequest, programme_id: int, import_id: int) -> HttpResponse:
    programme = managed(request, programme_id)
    item = get_object_or_404(programme.application_imports, pk=import_id)
    count = importing.apply(item=item, actor=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)s application was imported.", "%(count)s applications were imported.", count)
            % {"count": count},
        )
        return redirect("applications:applications", org_slug=request.organisation.slug, programme_id=programme.pk)
    messages.error(request, _("Nothing was imported: correct the rows with errors, or the file was imported already."))
    return redirect("applications:application_import", org_slug=request.organisation.slug, programme_id=programme.pk)
