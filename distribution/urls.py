from django.urls import path

from . import views

app_name = "pressroom_distribution"
urlpatterns = [
    path("<int:index_id>/", views.subscribe, name="subscribe"),
    path("angefordert/", views.requested, name="requested"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
