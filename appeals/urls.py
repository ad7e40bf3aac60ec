from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("cases/<uuid:public_id>/", views.case_panel, name="case_panel"),
    path("cases/<uuid:public_id>/p2p/new/", views.p2p_new, name="p2p_new"),
    path("cases/<uuid:public_id>/appeal/new/", views.appeal_new, name="appeal_new"),
    path("cases/<uuid:public_id>/extend/", views.case_extend, name="case_extend"),
    path("p2p/<uuid:public_id>/", views.p2p_detail, name="p2p_detail"),
    path(
        "p2p/<uuid:public_id>/windows/<int:window_id>/missed/", views.p2p_window_missed_view, name="p2p_window_missed"
    ),
    path("p2p/<uuid:public_id>/complete/", views.p2p_complete_view, name="p2p_complete"),
    path("<uuid:public_id>/", views.appeal_detail, name="appeal_detail"),
    path("<uuid:public_id>/assign/", views.appeal_assign_view, name="appeal_assign"),
    path("<uuid:public_id>/decide/", views.appeal_decide_view, name="appeal_decide"),
    path("<uuid:public_id>/ire-packet.zip", views.ire_packet, name="ire_packet"),
    path("notices/<uuid:public_id>.pdf", views.notice_download, name="notice_download"),
]
