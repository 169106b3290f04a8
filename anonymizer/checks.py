"""Check-digit and checksum helpers shared by recognizers and indicator canonicalisation."""

from __future__ import annotations

import datetime as _dt
import re

import base58
from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.cn import ric as _ric
from stdnum.cn import uscc as _uscc

_USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
_ETH_SHAPE = re.compile(r"0[xX][0-9a-fA-F]{40}")

try:  # pycryptodome provides Keccak-256 for EIP-55 checksums
    from Crypto.Hash import keccak as _keccak
except ImportError:  # pragma: no cover - optional
    _keccak = None


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_ok(digits: str) -> bool:
    """Return True when a digit string passes the Luhn check."""
    if not digits.isdigit():
        return False
    if not digits.isascii():  # other Unicode digits: let python-stdnum decide
        return _luhn.is_valid(digits)
    total = sum(map(int, digits[-1::-2])) + sum(_DOUBLED[int(c)] for c in digits[-2::-2])
    return total % 10 == 0


def cn_id_ok(value: str) -> bool:
    """GB 11643 check digit and a real birth date (not python-stdnum's county/year verdict)."""
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        return False
    try:
        # stdnum's calc_check_digit takes the full 18 characters (check digit included) and ignores the last
        if _ric.calc_check_digit(value) != value[17]:
            return False
        born = _dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (ValueError, KeyError):
        return False
    return 1900 <= born.year <= _dt.date.today().year


def uscc_ok(value: str) -> bool:
    """GB 32100 unified social credit code check character."""
    value = value.upper()
    if len(value) != 18 or not _USCC_SHAPE.fullmatch(value):
        return False
    try:
        return _uscc.calc_check_digit(value) == value[17]
    except (ValueError, KeyError, IndexError):
        return False


def iban_ok(value: str) -> bool:
    """ISO 13616 IBAN (mod 97 and country length)."""
    try:
        return _iban.is_valid(value)
    except Exception:
        return False


def imei_ok(digits: str) -> bool:
    """A 15-digit IMEI passes Luhn."""
    return len(digits) == 15 and luhn_ok(digits)


def _keccak256(data: bytes) -> str | None:
    if _keccak is None:
        return None
    k = _keccak.new(digest_bits=256)
    k.update(data)
    return k.hexdigest()


def eth_checksum(address: str) -> str | None:
    """EIP-55 checksummed form of a 0x address, or None when no Keccak is available."""
    body = address[2:].lower()
    digest = _keccak256(body.encode("ascii"))
    if digest is None:
        return None
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(body)
    )


def eth_ok(address: str) -> bool:
    """A 0x + 40 hex address; mixed case must match EIP-55, single case is accepted."""
    if not _ETH_SHAPE.fullmatch(address):
        return False
    body = address[2:]
    if body == body.lower() or body == body.upper():
        return True
    return eth_checksum(address) == "0x" + body


def _b58check(address: str) -> bytes | None:
    try:
        return base58.b58decode_check(address)
    except ValueError:
        return None


def btc_base58_ok(address: str) -> bool:
    """Legacy P2PKH / P2SH address (version 0x00 / 0x05) with a valid double-SHA256 checksum."""
    payload = _b58check(address)
    return payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


def tron_ok(address: str) -> bool:
    """TRON base58check address (version 0x41)."""
    payload = _b58check(address)
    return payload is not None and len(payload) == 21 and payload[0] == 0x41


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def btc_bech32_ok(address: str) -> bool:
    """Segwit address (bc1...), bech32 or bech32m checksum."""
    if address.lower() != address and address.upper() != address:
        return False
    addr = address.lower()
    pos = addr.rfind("1")
    if pos < 1 or pos + 7 > len(addr) or len(addr) > 90 or addr[:pos] not in ("bc", "tb"):
        return False
    if any(c not in _BECH32 for c in addr[pos + 1 :]):
        return False
    hrp = addr[:pos]
    data = [_BECH32.find(c) for c in addr[pos + 1 :]]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    return _bech32_polymod(expanded + data) in (1, 0x2BC830A3)


def wallet_canonical(address: str) -> str | None:
    """Canonical form of a BTC / ETH / TRON address, or None if no checksum matches."""
    if address[:2] in ("0x", "0X"):
        if not eth_ok(address):
            return None
        return eth_checksum(address) or "0x" + address[2:].lower()
    if address[:3].lower() in ("bc1", "tb1"):
        return address.lower() if btc_bech32_ok(address) else None
    if address.startswith("T") and tron_ok(address):
        return address
    if address[:1] in ("1", "3") and btc_base58_ok(address):
        return address
    return None
