from django.urls import path

from . import views

app_name = "mentorships"

prefix = "o/<slug:org_slug>/mentorships/"
urlpatterns = [
    path(prefix, views.mentorship_list, name="list"),
    path(prefix + "<int:mentorship_id>/", views.mentorship_detail, name="detail"),
    path(prefix + "<int:mentorship_id>/agreement/", views.agreement_edit, name="agreement_edit"),
    path(prefix + "<int:mentorship_id>/agreement/accept/", views.agreement_accept, name="accept"),
    path(prefix + "<int:mentorship_id>/agreement/send-back/", views.agreement_send_back, name="send_back"),
    path(prefix + "<int:mentorship_id>/agreement/print/", views.agreement_print, name="print"),
    path(prefix + "<int:mentorship_id>/approvals/<int:approval_id>/", views.approval_give, name="approve"),
    path(prefix + "<int:mentorship_id>/state/<slug:action>/", views.mentorship_state, name="state"),
    path(prefix + "<int:mentorship_id>/continue/", views.mentorship_continue, name="continue"),
    path(prefix + "<int:mentorship_id>/members/add/", views.member_add, name="member_add"),
    path(prefix + "<int:mentorship_id>/members/<int:member_id>/leave/", views.member_leave, name="leave"),
]
