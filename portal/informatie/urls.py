from django.urls import path

from . import views

app_name = "informatie"
urlpatterns = [
    # public: no login
    path("", views.home, name="home"),
    path("scholen/", views.zoeken, name="zoeken"),
    path("scholen/<int:pk>/", views.school, name="school"),
    path("rechten/<slug:slug>/", views.recht, name="recht"),
    path("begrippen/", views.begrippen, name="begrippen"),
    path("hulp/", views.hulp, name="hulp"),
    path("checklists/", views.checklists, name="checklists"),
    path("checklists/<slug:soort>/", views.checklist_leeg, name="checklist_leeg"),
    path("checklists/<slug:soort>/pdf/", views.checklist_leeg_pdf, name="checklist_leeg_pdf"),
    # filling in, after login
    path("checklist/kind/<int:leerling>/", views.checklist_kind, name="checklist_kind"),
    path("checklist/school/<int:school>/", views.checklist_school, name="checklist_school"),
    path("checklist/samenwerkingsverband/<int:swv>/", views.checklist_swv, name="checklist_swv"),
    path("checklist/terugkoppeling/<int:school>/", views.terugkoppeling, name="terugkoppeling"),
    path("checklist/<int:pk>/", views.checklist, name="checklist"),
    path("checklist/<int:pk>/pdf/", views.checklist_download, name="checklist_pdf"),
    path("terugkoppeling/", views.terugkoppelingen, name="terugkoppelingen"),
    path("steunpunt/<int:swv>/", views.steunpunt, name="steunpunt"),
]
