# Dutch date formats for the portal (Django's own, plus the moment of receipt with "om").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \o\m H:i"
SHORT_DATE_FORMAT = "d-m-Y"
