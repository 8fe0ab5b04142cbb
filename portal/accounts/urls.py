from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestaps/instellen/", views.twofactor_setup, name="2fa_setup"),
    path("tweestaps/code/", views.twofactor_verify, name="2fa_verify"),
    path("tweestaps/link-sturen/", views.twofactor_link, name="2fa_link"),
    path("tweestaps/koppelen/<str:token>/", views.twofactor_koppelen, name="2fa_koppelen"),
    path("tweestaps/", views.tweestaps_beheer, name="tweestaps"),
    path("bevestig/", views.reauth, name="reauth"),
    path("instellingen/", views.instellingen, name="instellingen"),
    path("registreren/", views.registreer, name="registreer"),
    path("email-bevestigen/<str:token>/", views.verify_email, name="verify_email"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/",
         auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
         name="password_reset_done"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar/",
         auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
         name="password_reset_complete"),
]
