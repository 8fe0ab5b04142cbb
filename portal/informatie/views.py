from django.shortcuts import render


def home(request):
    """Public: no login. Placeholder until the public-information issue builds the finder and the rights pages."""
    return render(request, "core/placeholder.html", {
        "titel": "Informatie voor ouders",
        "tekst": "Hier komen de scholenzoeker, uitleg over uw rechten en de drie checklists. Dit onderdeel is nog in aanbouw."})
