"""Verification: re-run every lesson and compare each cell with its recorded output."""
