"""Notifications: created with the action that causes them, listed, counted, streamed live."""
