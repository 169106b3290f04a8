"""audit API package."""
