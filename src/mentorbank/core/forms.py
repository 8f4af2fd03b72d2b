"""Form helpers every app may use."""

from typing import TypeVar

from django import forms

FieldKind = TypeVar("FieldKind", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[FieldKind]) -> FieldKind:
    """The form's field of that name, as the kind it is declared as (checked), for setting what
    depends on the request: a choice field's choices, a model choice field's queryset, bounds."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field
