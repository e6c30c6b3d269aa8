"""Printable documents of the report pack: lists to sign, the activity report, the payments
list and the photo sheet, each rendered from a template to a tagged PDF."""
