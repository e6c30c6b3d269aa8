"""The public page of a partnership: its published events for citizens and funders, without a
login, without personal data, in German, English or Ukrainian, with its own feeds."""
