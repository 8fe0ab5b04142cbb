"""The ground floor of ``portal``: typed JSON, form fields, the one ``Registry`` class, middleware and template tags.
It imports nothing else of the project; every other part may use it (README, Layout)."""
