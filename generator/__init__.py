"""Idea Portal: validate an idea-and-answer portal kept as YAML in Git and build its site."""

__version__ = "0.1.0"
