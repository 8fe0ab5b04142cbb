from django.contrib.auth.password_validation import MinimumLengthValidator as _Base
from django.utils.translation import ngettext


class MinimumLengthValidator(_Base):
    """Django 5.2's Dutch catalogue misses this message (its msgid changed); say it in Dutch ourselves."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %d tekens bevatten.",
            self.min_length,
        ) % self.min_length

    def get_help_text(self):
        return ngettext("Uw wachtwoord moet minstens %d teken bevatten.",
                        "Uw wachtwoord moet minstens %d tekens bevatten.", self.min_length) % self.min_length
