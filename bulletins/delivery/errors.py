"""The one exception delivery channels raise."""

from __future__ import annotations


class DeliveryError(Exception):
    """A delivery attempt failed.

    :param message: what failed, without personal values (no addresses, no server replies).
    :param permanent: ``True`` if retrying the same delivery cannot help (bad address, 4xx from a
        webhook, authentication refused); ``False`` for transient failures worth a retry with
        :func:`bulletins.delivery.backoff`.
    :param code: the SMTP reply code or HTTP status, if there was one.
    """

    def __init__(self, message: str, *, permanent: bool, code: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.code = code

    def __repr__(self) -> str:
        return f"DeliveryError({str(self)!r}, permanent={self.permanent}, code={self.code})"
