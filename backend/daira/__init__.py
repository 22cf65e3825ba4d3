"""Daira: a social network for an Egyptian audience."""

__version__ = "0.1.0"
