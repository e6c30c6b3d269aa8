"""The labels of a token's scopes, for the account page that makes and lists tokens."""

from flask_babel import lazy_gettext as _l

from partnership.api.models import TokenScope
from partnership.labels import describe_values

# The token form offers these same words as its choices.
SCOPE_LABELS = {"read": _l("read records"), "write": _l("read and change records")}
describe_values(TokenScope, SCOPE_LABELS)
