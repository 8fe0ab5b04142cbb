"""``manage.py makemessages``: Django's own, plus the two aliases this project uses for marking strings.

Domain code marks notification titles and texts with ``gettext_noop as N_`` (they are stored as Dutch msgids and put
into words in the reader's language when shown or mailed, ``portal/meldingen/tekst.py``), and some modules import
``gettext_lazy as _l``. xgettext knows neither name, so without these keywords those strings never reached the
catalogue and parents read them in Dutch on an English page (issue #22 §1). Update the English catalogue with::

    .venv/bin/python manage.py makemessages -l en --add-location=file --no-obsolete \\
        --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=docs
"""

from django.core.management.commands.makemessages import Command as DjangoMakemessages


class Command(DjangoMakemessages):
    xgettext_options = [*DjangoMakemessages.xgettext_options, "--keyword=N_", "--keyword=_l"]
