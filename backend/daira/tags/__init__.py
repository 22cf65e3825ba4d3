"""Hashtags and mentions: parsing, tag pages, trending tags."""
