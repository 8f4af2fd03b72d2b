from django.urls import path

from . import course_views, meeting_views, views

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
    path(prefix + "<int:mentorship_id>/state/<slug:action>/", course_views.mentorship_state, name="state"),
    path(prefix + "<int:mentorship_id>/continue/", course_views.mentorship_continue, name="continue"),
    path(prefix + "<int:mentorship_id>/members/add/", course_views.member_add, name="member_add"),
    path(prefix + "<int:mentorship_id>/members/<int:member_id>/leave/", course_views.member_leave, name="leave"),
    path(prefix + "<int:mentorship_id>/meetings/new/", meeting_views.meeting_plan, name="meeting_plan"),
    path(
        prefix + "<int:mentorship_id>/meetings/<int:meeting_id>/move/", meeting_views.meeting_move, name="meeting_move"
    ),
    path(
        prefix + "<int:mentorship_id>/meetings/<int:meeting_id>/cancel/",
        meeting_views.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        prefix + "<int:mentorship_id>/meetings/<int:meeting_id>/held/",
        meeting_views.meeting_record,
        name="meeting_record",
    ),
    path(prefix + "<int:mentorship_id>/more-time/", meeting_views.time_exception, name="time_exception"),
    path(prefix + "<int:mentorship_id>/notes/", views.note_add, name="note_add"),
    path(prefix + "<int:mentorship_id>/checkpoint/", views.checkpoint_answer, name="checkpoint"),
    path(prefix + "<int:mentorship_id>/insights/", views.insight_share, name="insight_share"),
    path("o/<slug:org_slug>/insights/", views.insights, name="insights"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/compensation/",
        meeting_views.compensation_statement,
        name="compensation",
    ),
    path("o/<slug:org_slug>/substitutes/<int:substitute_id>/", meeting_views.substitute_decide, name="substitute"),
    path(prefix + "<int:mentorship_id>/notes/<int:note_id>/remove/", views.note_delete, name="note_delete"),
    path("o/<slug:org_slug>/calendar/", meeting_views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", meeting_views.calendar_feed, name="calendar_feed"),
]
