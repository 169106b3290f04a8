"""moderation API package."""
