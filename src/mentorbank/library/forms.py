from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.core.forms import field_of
from mentorbank.events.event_forms import FileOrLinkMixin, https_urls
from mentorbank.organisations.models import Organisation
from mentorbank.programmes.models import Programme

from .models import LibraryItem


class LibraryItemForm(FileOrLinkMixin, forms.ModelForm):
    class Meta:
        model = LibraryItem
        formfield_callback = https_urls
        fields = ["title", "description", "link", "audience", "programme"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "audience": forms.RadioSelect}
        help_texts = {"programme": _("For the audience “the participants of one programme”.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "programme", forms.ModelChoiceField).queryset = Programme.objects.of_organisation(organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("audience") == LibraryItem.PARTICIPANTS and not data.get("programme"):
            self.add_error("programme", _("Choose the programme whose participants this is for."))
        if data.get("audience") != LibraryItem.PARTICIPANTS:
            data["programme"] = None
        return data
