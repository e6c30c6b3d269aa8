"""Choosing a record among thousands: bounded lookups by name, for search-as-you-type fields.

A form field names a `LookupSource` (made by `partnership.forms.model_choices`); the page asks
`/lookup/<source>?q=…` for at most a screenful of hits, and the server resolves typed text
to a record when the browser runs no script.
"""
