"""Canonical forms and keyed tokens of indicators (phones, cards, accounts, devices, ...).

An indicator is a value that lets the alliance correlate cases without revealing it: the hub stores
``indicator_token(key, kind, canonicalize_indicator(kind, value))`` and never the value itself.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers

from anonymizer import checks

_NON_DIGIT = re.compile(r"\D")

INDICATOR_KINDS: tuple[str, ...] = ("phone", "card", "account", "device", "email", "ip", "url", "wallet")

TOKEN_HEX_CHARS = 32

_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u3000_:]+")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$")
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class InvalidIndicator(ValueError):
    """Raised when a value cannot be read as an indicator of the given kind.

    The message names the kind and the reason, never the value.
    """


def _fail(kind: str, reason: str) -> InvalidIndicator:
    return InvalidIndicator(f"not a valid {kind} indicator: {reason}")


@lru_cache(maxsize=8192)
def _canon_phone(value: str) -> str:
    raw = value.strip()
    plus = raw.startswith(("+", "＋"))
    digits = _NON_DIGIT.sub("", raw)
    if not digits:
        raise _fail("phone", "no digits")
    if not plus and digits.startswith("00"):
        digits, plus = digits[2:], True
    if _CN_MOBILE.match(digits) and not plus:
        return "+86" + digits
    if plus and digits.startswith("86") and _CN_MOBILE.match(digits[2:]):
        return "+" + digits
    if plus:
        candidates = [("+" + digits, None)]
    elif _CN_MOBILE.match(digits):
        candidates = [(digits, "CN")]
    elif digits.startswith("86") and _CN_MOBILE.match(digits[2:]):
        candidates = [("+" + digits, None)]
    elif len(digits) == 11 and digits.startswith("1"):
        candidates = [("+" + digits, None)]  # North American 1-NXX-NXX-XXXX written without +
    elif len(digits) == 10 and not digits.startswith("0"):
        candidates = [(digits, "US"), (digits, "CN")]
    else:
        candidates = [(digits, "CN"), (digits, "US")]
    for number, region in candidates:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    raise _fail("phone", "not a possible phone number")


def _canon_card(value: str) -> str:
    compact = _SEPARATORS.sub("", value)
    if not compact.isdigit() or not 12 <= len(compact) <= 19:
        raise _fail("card", "expected 12 to 19 digits")
    return compact


def _canon_account(value: str) -> str:
    compact = _SEPARATORS.sub("", value).upper()
    if not compact.isascii() or not compact.isalnum() or not 5 <= len(compact) <= 34:
        raise _fail("account", "expected 5 to 34 letters or digits")
    return compact


def _canon_device(value: str) -> str:
    compact = _SEPARATORS.sub("", value).upper()
    if not compact.isascii() or not compact.isalnum() or not 6 <= len(compact) <= 64:
        raise _fail("device", "expected 6 to 64 letters or digits")
    return compact


def _canon_email(value: str) -> str:
    compact = value.strip().lower()
    if compact.startswith("mailto:"):
        compact = compact[7:]
    if not _EMAIL.match(compact):
        raise _fail("email", "not an e-mail address")
    return compact


def _canon_ip(value: str) -> str:
    compact = value.strip().strip("[]")
    try:
        return ipaddress.ip_address(compact).compressed
    except ValueError:
        raise _fail("ip", "not an IPv4 or IPv6 address") from None


def _canon_url(value: str) -> str:
    compact = value.strip()
    if not compact:
        raise _fail("url", "empty")
    if "://" not in compact:
        compact = "http://" + compact
    try:
        parts = urlsplit(compact)
        port = parts.port
    except ValueError:
        raise _fail("url", "cannot be parsed") from None
    host = (parts.hostname or "").lower()
    if not host or not parts.scheme:
        raise _fail("url", "no host")
    netloc = host if port is None else f"{host}:{port}"
    out = f"{parts.scheme.lower()}://{netloc}{parts.path or '/'}"
    if parts.query:
        out += "?" + parts.query
    return out


def _canon_wallet(value: str) -> str:
    compact = value.strip()
    canonical = checks.wallet_canonical(compact)
    if canonical is None:
        raise _fail("wallet", "not a BTC, ETH or TRON address with a valid checksum")
    return canonical


_CANONICALIZERS = {
    "phone": _canon_phone,
    "card": _canon_card,
    "account": _canon_account,
    "device": _canon_device,
    "email": _canon_email,
    "ip": _canon_ip,
    "url": _canon_url,
    "wallet": _canon_wallet,
}


def canonicalize_indicator(kind: str, value: str) -> str:
    """Return the canonical form of an indicator value.

    :param kind: one of ``phone, card, account, device, email, ip, url, wallet``.
    :param value: the value as written by a member or found in a narrative.
    :returns: E.164 for phones (bare 11-digit mobiles are read as CN), digits only for cards,
        upper-case alphanumerics for accounts and devices, lower-cased e-mails, compressed IPs,
        lower-cased scheme and host for URLs (path kept), checksummed form for wallets.
    :raises InvalidIndicator: when the value cannot be read; the message never contains the value.
    """
    if not isinstance(value, str):
        raise InvalidIndicator(f"indicator value must be a string, got {type(value).__name__}")
    try:
        func = _CANONICALIZERS[kind]
    except (KeyError, TypeError):
        raise InvalidIndicator(
            f"unknown indicator kind; expected one of {', '.join(INDICATOR_KINDS)}"
        ) from None
    return func(value)


def indicator_token(key: bytes, kind: str, canonical: str) -> str:
    """Keyed token of a canonical indicator: ``HMAC-SHA256(key, f"{kind}:{canonical}")``, 32 hex chars.

    :param key: the hub's secret token key.
    :param kind: the indicator kind.
    :param canonical: the output of :func:`canonicalize_indicator`.
    """
    if not isinstance(key, bytes | bytearray) or not key:
        raise ValueError("token key must be non-empty bytes")
    mac = hmac.new(bytes(key), f"{kind}:{canonical}".encode(), hashlib.sha256)
    return mac.hexdigest()[:TOKEN_HEX_CHARS]
