"""Form helpers every app may use."""

import re
from typing import Any, TypeVar

from django import forms

FieldKind = TypeVar("FieldKind", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[FieldKind]) -> FieldKind:
    """The form's field of that name, as the kind it is declared as (checked), for setting what
    depends on the request: a choice field's choices, a model choice field's queryset, bounds."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class LocalizedDecimalField(forms.DecimalField):
    """Money and hours as people type them: the reader's decimal comma (with `localize`), and spaces
    between thousands ("3 450,50"), ordinary or non-breaking."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]+", "", value)
        return super().to_python(value)
