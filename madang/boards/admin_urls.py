from django.urls import path

from . import admin_views

app_name = "boards_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.post_review, name="post_review"),
    path("blocks/", admin_views.blocks, name="blocks"),
]
