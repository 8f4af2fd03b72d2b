from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question

SCALE = [(str(n), str(n)) for n in range(1, 6)]


class AnswerForm(forms.Form):
    """One field per question, in the respondent's language; scale 1 = disagree … 5 = agree."""

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == Question.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=SCALE,
                    coerce=int,
                    required=question.required,
                    widget=forms.RadioSelect,
                    help_text=_("1 = strongly disagree, 5 = strongly agree"),
                )
                self.fields[name].is_scale = True  # type: ignore[attr-defined]  # a group of radios: a fieldset
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=3000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    @property
    def answers(self) -> dict[int, tuple[int | None, str]]:
        result: dict[int, tuple[int | None, str]] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if value in (None, ""):
                continue
            result[question.pk] = (value, "") if question.kind == Question.SCALE else (None, str(value).strip())
        return result


QuestionFormSet = forms.inlineformset_factory(
    parent_model=Question.survey.field.related_model,
    model=Question,
    fields=["position", "kind", "text_fi", "text_sv", "text_en", "required"],
    extra=1,
    can_delete=True,
)
