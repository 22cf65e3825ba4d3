"""Blocks and mutes: who may reach and see whom."""
