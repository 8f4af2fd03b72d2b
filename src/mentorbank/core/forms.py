"""Form helpers every app may use."""

import re
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.forms.renderers import Jinja2

FieldKind = TypeVar("FieldKind", bound=forms.Field)


class FormRenderer(Jinja2):
    """Django's own form templates in their Jinja2 form, which render a field several times faster than
    the template language (a 37-field form took most of its page's time); a single checkbox comes before
    its label, on the same line (core/jinja2/core/forms/field.html)."""

    field_template_name = "core/forms/field.html"


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

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # a text box, not type=number: browsers' number boxes refuse "3 450,50" before we see it
        return {key: value for key, value in super().widget_attrs(widget).items() if key not in ("step", "min", "max")}

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]+", "", value)
        return super().to_python(value)


def leading_number(text: str) -> Decimal | None:
    """The number a cell of an imported file starts with, as people write them: "3 450,50", "3450.50",
    "12 vuotta" (12). None when it does not start with one."""
    found = LEADING_NUMBER.match(text.strip())
    if not found:
        return None
    whole = re.sub(r"[\s\u00a0\u202f]", "", found.group(1))
    return Decimal(f"{whole}.{found.group(2)}" if found.group(2) else whole)


# digits in groups of three after spaces ("3 450"), or plain digits; then a decimal comma or point
LEADING_NUMBER = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:[,.](\d+))?")
