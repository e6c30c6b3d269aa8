"""What every kind of record shares: its description, its pages and its write path.

Each area describes its kind of record once (`<area>/entity.py`) and registers it here; the
list and detail pages, downloads, imports, search, history, navigation and the delete check
read those descriptions instead of keeping their own lists of areas.
"""
