"""Pages of the ondersteuningsaanbod, by topic: the start pages (``home``), the arrangement (``arrangement``), the
conversation logs on a case (``gesprek``), the accommodations sheet and the teacher's pupils (``blad``), and the
request for an effective adjustment (``aanpassing``). Cases are read through the core's page kit
(``portal.zaken.pagina``: ``zaak_of_404`` answers 404 for what the user may not see and gives the reader's relations);
their actions are declared (``Actie``); every view of a pupil's support is audited; a refused form is shown again with
its input and the error at the field (status 200)."""
