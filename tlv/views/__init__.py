"""The TLV's pages, by topic: the application (``aanvraag``), the experts (``deskundige``), the desk (``loket``) and
the register (``register``). A bezwaar against a TLV decision is heard and decided on the bezwaar's own page
(``geschillen:bezwaar``); the TLV's own steps on it (the LBT, verdaging) are actions on the application page."""

