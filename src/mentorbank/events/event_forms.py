from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorbank.events.models import Material, ProgrammeEvent

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MATERIAL_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}
MAGIC = {
    ".pdf": b"%PDF",
    ".docx": b"PK",
    ".pptx": b"PK",
    ".xlsx": b"PK",
    ".odt": b"PK",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8",
}


def https_urls(field: models.Field, **kwargs: Any) -> Any:
    """Addresses typed without a scheme are taken as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(forms.ModelForm):
    class Meta:
        model = ProgrammeEvent
        formfield_callback = https_urls
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "audience",
            "capacity",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The event must end after it starts."))
        if not data.get("location") and not data.get("online_link"):
            self.add_error("location", _("Give a place or an online link."))
        return data


class FileOrLinkMixin(forms.Form):
    """A file of an accepted type and size (its content checked against its type), or a link."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word, PowerPoint, Excel, OpenDocument text, text or image; at most 10 MB. Or give a link instead."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in MATERIAL_TYPES:
            raise forms.ValidationError(_("This type of file is not accepted."))
        if upload.size > settings.MATERIAL_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        head = upload.read(8)
        upload.seek(0)
        if suffix in MAGIC and not head.startswith(MAGIC[suffix]):
            raise forms.ValidationError(_("The file's content does not match its type."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if not data.get("file") and not data.get("link"):
            self.add_error("file", _("Upload a file or give a link."))
        return data

    def attach_file(self, item: Any) -> None:
        """Put the uploaded file (if any) on a material-like model: name, type and content."""
        upload = self.cleaned_data.get("file")
        if upload:
            suffix = "." + (upload.name or "").rsplit(".", 1)[-1].lower()
            item.filename = (upload.name or "file")[:255]
            item.content_type = MATERIAL_TYPES[suffix]
            item.content = upload.read()


class MaterialForm(FileOrLinkMixin, forms.ModelForm):
    class Meta:
        model = Material
        formfield_callback = https_urls
        fields = ["title", "description", "link", "for_supervisors"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
