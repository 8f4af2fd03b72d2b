"""One way to refuse: a rule says no by raising a `Refused` with a code.

Each domain subclasses it beside its services and declares there every code it raises with the
translatable message a person reads. Pages show the message (a view may put it on its form; any
refusal a view lets through becomes an error message on the page the person came from, by
`RefusalMiddleware`); the API answers 422 with the message and the codes (`api.v1`)."""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.functional import Promise


class Refused(Exception):
    """A request the rules do not allow, for the reasons its codes name."""

    messages: ClassVar[Mapping[str, str | Promise]] = {}

    def __init__(self, *codes: str, **params: Any) -> None:
        unknown = [code for code in codes if code not in self.messages]
        if not codes or unknown:  # a code without a message is a bug, found by the first test that raises it
            raise ValueError(f"{type(self).__name__} declares no message for {unknown or 'an empty code'}")
        super().__init__(", ".join(codes))
        self.codes = codes
        self.params = params

    @property
    def code(self) -> str:
        return self.codes[0]

    @property
    def message(self) -> str:
        """Every reason in the reader's language (the active one), as one text."""
        return " ".join(self.text_of(code) for code in self.codes)

    def text_of(self, code: str) -> str:
        text = self.messages[code]  # `%` on the lazy text itself: a lazy plural picks its form by a param
        return str(text % self.params) if self.params else str(text)
