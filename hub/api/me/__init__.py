"""me API package."""
