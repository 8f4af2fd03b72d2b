from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CompetenceListField(forms.CharField):
    """Comma-separated competence names with suggestions from the organisation's vocabulary
    (a <datalist id="competence-suggestions"> on the page); cleans to a list of unique names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("help_text", _("Separate with commas. Suggestions appear as you type."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "competence-suggestions"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        return list(dict.fromkeys(name.strip()[:100] for name in text.split(",") if name.strip()))

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value
