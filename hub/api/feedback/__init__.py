"""feedback API package."""
