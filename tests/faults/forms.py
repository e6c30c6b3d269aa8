"""Read a page's form as a browser would send it (see `page_reader.form_fields`)."""

from page_reader import form_fields  # noqa: F401  (the tests here import it from here)
