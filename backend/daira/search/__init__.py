"""Arabic-aware search over people, posts and tags."""
