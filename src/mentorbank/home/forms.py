from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.core.forms import field_of
from mentorbank.core.models import AccessibilityFeedback
from mentorbank.organisations.models import Organisation

from .audit_actions import ACTION_LABELS


class FeedbackForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        label=_("Which organisation's service is this about?"),
        empty_label=_("Choose an organisation"),
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["organisation", "message", "page", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "message": _(
                "Tell us what was hard to use or could not be used, and how you use the service "
                "(for example a screen reader or keyboard only)."
            ),
            "page": _("The address or the name of the page, if you know it."),
            "email": _("Give an address if you would like an answer."),
        }


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    who = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    whose = forms.CharField(label=_("Whose data (name or personal ID)"), required=False, max_length=200)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "action", forms.ChoiceField).choices = [("", _("All actions")), *ACTION_LABELS.items()]
