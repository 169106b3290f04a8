"""indicators API package."""
