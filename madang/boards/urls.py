"""URLs of the boards app."""

app_name = "boards"
urlpatterns: list = []
