"""The registry selects recognizers by language and entity type."""

from __future__ import annotations

from collections.abc import Iterable

from anonymizer.recognizers.base import EntityRecognizer


def default_recognizers() -> list[EntityRecognizer]:
    """One instance of every built-in recognizer."""
    from anonymizer.recognizers.cn.cn_address_recognizer import CnAddressRecognizer
    from anonymizer.recognizers.cn.cn_id_recognizer import CnIdRecognizer
    from anonymizer.recognizers.cn.cn_license_plate_recognizer import CnLicensePlateRecognizer
    from anonymizer.recognizers.cn.cn_person_recognizer import CnPersonRecognizer
    from anonymizer.recognizers.cn.cn_phone_recognizer import CnPhoneRecognizer
    from anonymizer.recognizers.cn.cn_social_account_recognizer import CnSocialAccountRecognizer
    from anonymizer.recognizers.cn.cn_uscc_recognizer import CnUsccRecognizer
    from anonymizer.recognizers.en.en_address_recognizer import EnAddressRecognizer
    from anonymizer.recognizers.en.en_person_recognizer import EnPersonRecognizer
    from anonymizer.recognizers.generic.bank_account_recognizer import BankAccountRecognizer
    from anonymizer.recognizers.generic.bank_card_recognizer import BankCardRecognizer
    from anonymizer.recognizers.generic.crypto_wallet_recognizer import CryptoWalletRecognizer
    from anonymizer.recognizers.generic.date_of_birth_recognizer import DateOfBirthRecognizer
    from anonymizer.recognizers.generic.device_id_recognizer import DeviceIdRecognizer
    from anonymizer.recognizers.generic.email_recognizer import EmailRecognizer
    from anonymizer.recognizers.generic.iban_recognizer import IbanRecognizer
    from anonymizer.recognizers.generic.ip_recognizer import IpRecognizer
    from anonymizer.recognizers.generic.passport_recognizer import PassportRecognizer
    from anonymizer.recognizers.generic.phone_recognizer import PhoneRecognizer
    from anonymizer.recognizers.generic.plate_recognizer import PlateRecognizer
    from anonymizer.recognizers.generic.url_recognizer import UrlRecognizer

    return [
        CnIdRecognizer(),
        CnUsccRecognizer(),
        CnPhoneRecognizer(),
        CnLicensePlateRecognizer(),
        PlateRecognizer(),
        CnSocialAccountRecognizer(),
        CnPersonRecognizer(),
        CnAddressRecognizer(),
        EnPersonRecognizer(),
        EnAddressRecognizer(),
        BankCardRecognizer(),
        BankAccountRecognizer(),
        EmailRecognizer(),
        IpRecognizer(),
        IbanRecognizer(),
        UrlRecognizer(),
        CryptoWalletRecognizer(),
        DeviceIdRecognizer(),
        PassportRecognizer(),
        DateOfBirthRecognizer(),
        PhoneRecognizer(),
    ]


class RecognizerRegistry:
    """Holds recognizers and hands out those that apply to a language and a set of entities."""

    def __init__(self, recognizers: Iterable[EntityRecognizer] | None = None) -> None:
        self.recognizers: list[EntityRecognizer] = list(
            default_recognizers() if recognizers is None else recognizers
        )
        #: bumped by :meth:`add` / :meth:`remove`, so that engines can cache their selections
        self.version = 0

    def add(self, recognizer: EntityRecognizer) -> None:
        """Register one more recognizer."""
        self.recognizers.append(recognizer)
        self.version += 1

    def remove(self, name: str) -> None:
        """Unregister the recognizers of that class name."""
        self.recognizers = [r for r in self.recognizers if r.name != name]
        self.version += 1

    def get(
        self, *, has_cjk: bool = True, has_latin: bool = True, entities: Iterable[str] | None = None
    ) -> list[EntityRecognizer]:
        """Recognizers worth running on a text with these scripts, optionally limited to ``entities``."""
        wanted = set(entities) if entities is not None else None
        out = []
        for r in self.recognizers:
            if wanted is not None and r.ENTITY not in wanted:
                continue
            if r.NEEDS_SCRIPT == "zh" and not has_cjk:
                continue
            if r.NEEDS_SCRIPT == "en" and not has_latin:
                continue
            out.append(r)
        return out
