"""The thuiszitters overview the inspectie asks SWVs for (issue #20 §4): anonymised, one row per child, no name, no
BSN, no birth date, no free text. Registered as a download-only monitoring figure (``op_pagina=False``); imported by
``thuiszitters.monitoring``. Being built."""
