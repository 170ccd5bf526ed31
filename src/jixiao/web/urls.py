from django.urls import path

from .views import auth, editor, exports, imports, password, public, review, tables, users

app_name = "web"

urlpatterns = [
    path("", public.public_list, name="public"),
    path("public/<int:pk>/", public.public_detail, name="public_detail"),
    path("public/<int:pk>/export.<str:kind>", public.public_export, name="public_export"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/", password.PasswordChangeView.as_view(), name="password_change"),
    path("todo/", tables.todo, name="todo"),
    path("tables/", tables.table_list, name="table_list"),
    path("tables/new/", editor.table_new, name="table_new"),
    path("tables/live-review/", editor.live_review, name="live_review"),
    path("tables/<int:pk>/", tables.table_detail, name="table_detail"),
    path("tables/<int:pk>/edit/", editor.table_edit, name="table_edit"),
    path("tables/<int:pk>/submit/", editor.table_submit, name="table_submit"),
    path("tables/<int:pk>/review/", review.review_page, name="table_review"),
    path("tables/<int:pk>/publish/", review.publish, name="table_publish"),
    path("tables/<int:pk>/adjust/", review.adjust, name="table_adjust"),
    path("tables/<int:pk>/export.<str:kind>", exports.export, name="table_export"),
    path("import/", imports.upload, name="import"),
    path("import/<int:pk>/", imports.preview, name="import_preview"),
    path("import/<int:pk>/scan/<int:grid>/<int:row>/<int:column>.png", imports.scan_cell, name="scan_cell"),
    path("files/<int:pk>/", imports.original, name="original_file"),
    path("users/", users.user_list, name="users"),
]
