"""Exceptions raised by the bulletins library (messages never carry input values)."""

from __future__ import annotations


class BulletinError(Exception):
    """Base class of the library's errors."""


class ContentError(BulletinError, ValueError):
    """The period data (or a content dict) does not have the documented shape.

    ``errors`` lists one short message per problem; each names the place (a JSON pointer such as
    ``/patterns/3/members``) and the rule broken, never the offending value.
    """

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = "; ".join(self.errors[:5])
        more = f" (+{len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"invalid bulletin data: {shown}{more}")


class RenderError(BulletinError):
    """A rendering could not be produced (for example no usable font)."""
