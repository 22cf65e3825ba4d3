"""Keyword moderation: text normalisation, the rule matcher and Daira's default rule pack."""
