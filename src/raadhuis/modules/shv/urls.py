"""The consultant's, administrator's and manager's screens of debt assistance."""

app_name = "shv"

urlpatterns: list = []
