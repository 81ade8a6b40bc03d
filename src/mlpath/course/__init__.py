"""Lessons: the file format, its parser and writer, and the catalog of the whole course."""
