"""admin API package."""
