"""Crypto wallet addresses: BTC (base58check, bech32/bech32m), ETH (EIP-55), TRON (base58check)."""

from __future__ import annotations

import re

from anonymizer.checks import wallet_canonical
from anonymizer.entities import CRYPTO_WALLET
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_L = r"(?<![0-9A-Za-z])"
_R = r"(?![0-9A-Za-z])"


_GATE = re.compile(r"[0-9A-Za-z]{25}")
#: every match is a whole token of 14+ ASCII letters and digits (the patterns' own boundaries; bc1 + 11)
_TOKEN = re.compile(r"[0-9A-Za-z]{14,}")


class CryptoWalletRecognizer(PatternRecognizer):
    """Addresses whose checksum holds (all-lower/all-upper ETH addresses carry no checksum)."""

    ENTITY = CRYPTO_WALLET
    PATTERNS = [
        Pattern("eth", r"(?=0)" + _L + r"0[xX][0-9a-fA-F]{40}" + _R, 0.9),
        Pattern("btc_bech32", r"(?=[bB])" + _L + r"(?:bc1|BC1)[0-9A-Za-z]{11,87}" + _R, 0.9),
        Pattern("btc_base58", r"(?=[13])" + _L + rf"[13][{_B58}]{{25,34}}" + _R, 0.9),
        Pattern("tron", r"(?=T)" + _L + rf"T[{_B58}]{{33}}" + _R, 0.9),
    ]
    CONTEXT = ["钱包", "地址", "usdt", "btc", "eth", "trc20", "erc20", "wallet", "比特币", "泰达币"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.text) is not None

    def scan_spans(self, ctx: AnalysisContext) -> list[tuple[int, int]]:
        """The tokens of 14+ letters and digits: a match never crosses a token's edges."""
        return [m.span() for m in _TOKEN.finditer(ctx.text)]

    def validate_result(self, value: str) -> bool:
        """The address's own checksum."""
        return wallet_canonical(value) is not None

    def canonical(self, value: str) -> str | None:
        """Checksummed / normal form."""
        return wallet_canonical(value)

    def check(self, value: str) -> tuple[bool, str | None]:
        """One checksum computation gives both the verdict and the canonical form."""
        canonical = wallet_canonical(value)
        return canonical is not None, canonical
