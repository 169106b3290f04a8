"""Page views by area: ``auth`` (sign-in, language), ``member``, ``subscriber`` and ``admin``."""
