"""Who may see what: one row per URL pattern, one expected outcome per viewer.

HOW TO ADD A URL (every new view must, or `test_every_url_pattern_is_classified` fails):

1. Find its key: the URL name with its namespace (`"certificates:verify"`,
   `"wagtailusers_users:edit"`), or the full route when the pattern has no name or shares its
   name with another pattern (`"admin/settings/<slug:app_name>/<slug:model_name>/"`). Wagtail's
   page routes are keyed `"page:<PageType>"` (a new page type needs a row and a page in
   `world.py` under `page_<PageType>`). The failure message of the classification test
   prints the keys of unclassified patterns.
2. Add a row to `ROWS` built with one of the helpers below, e.g.

       "audit_log": admin_area(trainer=ADMIN_HOME, coordinator=ADMIN_HOME),
       "my_thing:detail": signed_in(OK, params={"pk": "@certificate_B"}),
       "reports_new": admin_area(trainer=AH, coordinator=OK),

   `params` fills the URL's parameters: `"@key"` is the primary key of `world.objects[key]`
   (see `world.py`; objects of side B, so viewers of side A see someone else's object), anything
   else is used as it is; a callable gets the world. Parameters named in `DEFAULT_PARAMS`
   need nothing.
3. Whole Wagtail families (a snippet viewset, a chooser) can be classified by a name prefix in
   `PREFIXES`; a row in `ROWS` always wins over a prefix.
4. A row that fails today because of a known defect gets `xfail={viewer: "issue …: why"}`
   (strict: it fails as soon as the defect is fixed, so the mark is removed then).

Each response is also searched for the marker names and e-mails of people outside the viewer's
scope (`world.SCOPE`): a leak fails whatever the status.
"""

from dataclasses import dataclass, field, replace
from http import HTTPStatus

from django.urls import reverse

from tests.security.world import (
    ADMIN,
    ANON,
    COORD_A,
    COORD_B,
    LEARNER,
    TRAINER_A,
    TRAINER_B,
    VIEWERS,
)

SITE_LOGIN = "<site login>"
ADMIN_LOGIN_URL = "<admin login>"


@dataclass(frozen=True)
class Outcome:
    status: HTTPStatus
    location: object = None  # for redirects: a path, a callable(world) -> path, or a login

    def __str__(self):
        return f"{self.status.value} {self.location or ''}".strip()


OK = Outcome(HTTPStatus.OK)
LOGIN = Outcome(HTTPStatus.FOUND, SITE_LOGIN)  # to /konto/logowanie/?next=<the URL>
ADMIN_LOGIN = Outcome(HTTPStatus.FOUND, ADMIN_LOGIN_URL)  # to /admin/login/?next=<the URL>
ADMIN_HOME = Outcome(HTTPStatus.FOUND, "/admin/")  # Wagtail's "no permission" message + dashboard
FORBIDDEN = Outcome(HTTPStatus.FORBIDDEN)
NOT_FOUND = Outcome(HTTPStatus.NOT_FOUND)
NOT_ALLOWED = Outcome(HTTPStatus.METHOD_NOT_ALLOWED)  # POST-only: the GET does nothing
BAD_REQUEST = Outcome(HTTPStatus.BAD_REQUEST)  # a forged or expired code, refused in Polish
GONE = Outcome(HTTPStatus.GONE)
SERVER_ERROR = Outcome(HTTPStatus.INTERNAL_SERVER_ERROR)


def to(location: str) -> Outcome:
    """A redirect to a path ("/admin/") or a URL name ("=dashboard")."""
    return Outcome(HTTPStatus.FOUND, location)


@dataclass(frozen=True)
class Rule:
    expect: dict  # viewer -> Outcome
    params: dict = field(default_factory=dict)
    xfail: dict = field(default_factory=dict)  # viewer -> reason (strict xfail)
    path: object = None  # a callable(world) -> path, for patterns `reverse` cannot build
    # Why this public page may show a person's name to anyone (e-mails are never allowed).
    public_record: str = ""

    def __or__(self, overrides: dict) -> "Rule":
        """The same rule with some viewers' outcomes replaced: `everyone(NOT_FOUND) | {ADMIN: OK}`."""
        return replace(self, expect={**self.expect, **overrides})


def rule(
    *,
    anonymous,
    learner,
    trainer_a,
    trainer_b,
    coordinator_a,
    coordinator_b,
    administrator,
    **extra,
) -> Rule:
    expect = {
        ANON: anonymous,
        LEARNER: learner,
        TRAINER_A: trainer_a,
        TRAINER_B: trainer_b,
        COORD_A: coordinator_a,
        COORD_B: coordinator_b,
        ADMIN: administrator,
    }
    return Rule(expect=expect, **extra)


def everyone(outcome: Outcome, **extra) -> Rule:
    """Public: the same answer for all, anonymous included."""
    return Rule(expect=dict.fromkeys(VIEWERS, outcome), **extra)


def signed_in(outcome: Outcome = OK, *, anonymous: Outcome = LOGIN, **extra) -> Rule:
    """A front-end page for any signed-in person (scoped to themselves); anonymous → login."""
    expect = dict.fromkeys(VIEWERS, outcome)
    expect[ANON] = anonymous
    for viewer in (TRAINER_A, TRAINER_B, COORD_A, COORD_B, ADMIN, LEARNER):
        if viewer in extra:
            expect[viewer] = extra.pop(viewer)
    return Rule(expect=expect, **extra)


def admin_area(
    *,
    trainer: Outcome,
    coordinator: Outcome,
    administrator: Outcome = OK,
    trainer_a=None,
    trainer_b=None,
    coordinator_a=None,
    coordinator_b=None,
    learner: Outcome = ADMIN_LOGIN,
    **extra,
) -> Rule:
    """Inside Wagtail's admin: anonymous people and learners (no admin access) are sent to the
    admin login; the staff roles get what their permissions and scope allow."""
    return rule(
        anonymous=ADMIN_LOGIN,
        learner=learner,
        trainer_a=trainer_a or trainer,
        trainer_b=trainer_b or trainer,
        coordinator_a=coordinator_a or coordinator,
        coordinator_b=coordinator_b or coordinator,
        administrator=administrator,
        **extra,
    )


def admin_only(refused: Outcome = ADMIN_HOME, **extra) -> Rule:
    """Administrators only; trainers and coordinators are refused as Wagtail refuses them."""
    return admin_area(trainer=refused, coordinator=refused, **extra)


# Parameters filled the same way wherever they appear (a row's `params` wins).
DEFAULT_PARAMS = {
    "page_id": "@page_CoursePage",
    "parent_page_id": "@page_CoursePage",
    "page_to_move_id": "@page_LessonPage",
    "destination_id": "@page_CourseIndexPage",
    "page_pk": "@page_CoursePage",
    "revision_id": "@revision",
    "image_id": "@image",
    "document_id": "@document",
    "doc_id": "@document",
    "uploaded_file_id": 999999,
    "workflow_pk": "@workflow",
    "task_id": "@task",
    "task_state_id": 999999,
    "workflow_state_id": 999999,
    "session_id": 999999,
    "restriction_id": 999999,
    "page_view_restriction_id": 999999,
    "collection_id": "@collection",
    "content_type_app_name": "courses",
    "content_type_model_name": "coursepage",
    "app_name": "notifications",
    "model_name": "notificationsettings",
    "app_label": "courses",
    "filter_spec": "original",
    "code": lambda world: world.objects["certificate_B"].verification_code,
    "token": "niewazny-token",
    "uidb64": "MQ",
    "version": 1,
}

# Classified by name prefix (the longest matching prefix wins); ROWS win over these.
AL, AH = ADMIN_LOGIN, ADMIN_HOME


def staff(outcome: Outcome, **extra) -> Rule:
    """Any admin user gets `outcome` (pickers, dashboards, own-data views); others the login."""
    return admin_area(trainer=outcome, coordinator=outcome, administrator=outcome, **extra)


# Editors of images and documents (trainers and administrators); coordinators are refused.
MEDIA_EDITORS = admin_area(trainer=OK, coordinator=AH)
# Page editing: trainer B edits course B (the fixture page); trainer A and coordinators may not.
PAGE_EDITORS = admin_area(trainer_a=AH, trainer_b=OK, coordinator=AH, trainer=None)

# The question bank: trainers manage their courses' pools (trainer B owns pool B and its
# question; for trainer A they do not exist), administrators all; coordinators are refused.
BANK_LISTING = admin_area(trainer=OK, coordinator=AH)


def bank_object(key: str, **extra) -> Rule:
    return admin_area(
        trainer_a=NOT_FOUND,
        trainer_b=OK,
        trainer=None,
        coordinator=AH,
        params={"pk": f"@{key}"},
        **extra,
    )


PREFIXES: dict[str, Rule] = {
    "wagtailsnippets_questionbank_questionpool:": bank_object("pool_B"),
    "wagtailsnippets_questionbank_question:": bank_object("question_B"),
    "wagtailsnippetchoosers_questionbank_questionpool:": bank_object("pool_B"),
    "wagtailsnippetchoosers_questionbank_question:": bank_object("question_B"),
    # Settings of the platform, snippets only administrators manage, Wagtail's own objects.
    "wagtailsnippets_courses_thematicarea:": admin_only(params={"pk": "@thematic_area"}),
    "wagtailsnippets_certificates_certificatetemplate:": admin_only(params={"pk": "@template"}),
    "wagtailsnippets_notifications_emailtemplate:": admin_only(params={"pk": "@email_template"}),
    # The legal documents: administrators edit the statements and the privacy notice's drafts
    # (a published version is never edited: tests/legal/test_privacy_notice.py).
    "wagtailsnippets_legal_accessibilitystatement:": admin_only(params={"pk": "@statement"}),
    "wagtailsnippets_legal_privacynotice:": admin_only(params={"pk": "@privacy_notice_draft"}),
    # Evaluation surveys (questions only, no answers): administrators manage them.
    "wagtailsnippets_evaluation_survey:": admin_only(params={"pk": "@survey"}),
    "wagtailsnippetchoosers_evaluation_survey:": staff(OK, params={"pk": "@survey"}),
    # In-person events hold attendance lists (names): administrators only.
    "wagtailsnippets_certificates_trainingevent:": admin_only(params={"pk": "@event_B"}),
    "wagtailsites:": admin_only(params={"pk": "@site"}),
    "wagtailusers_groups:": admin_only(params={"pk": "@group"}),
    "wagtailadmin_collections:": admin_only(params={"pk": "@collection"}),
    "wagtailadmin_workflows:": admin_only(params={"pk": "@workflow"}),
    "wagtailredirects:": admin_only(params={"redirect_id": 999999}),
    "wagtailadmin_reports:": admin_area(trainer=OK, coordinator=AH),  # page reports: editors
    "wagtailforms:": admin_area(trainer=OK, coordinator=AH),
    # Choosers: the pickers page editors open; what they list is not personal.
    "wagtailsnippetchoosers_courses_thematicarea:": staff(OK, params={"pk": "@thematic_area"}),
    "wagtailsnippetchoosers_certificates_certificatetemplate:": staff(
        OK, params={"pk": "@template"}
    ),
    "wagtailsnippetchoosers_certificates_trainingevent:": staff(OK, params={"pk": "@event_B"}),
    "wagtailsnippetchoosers_notifications_emailtemplate:": staff(
        OK, params={"pk": "@email_template"}
    ),
    "wagtailimages_chooser:": admin_area(trainer=OK, coordinator=OK, params={"pk": "@image"}),
    "wagtaildocs_chooser:": admin_area(trainer=OK, coordinator=OK, params={"pk": "@document"}),
    "wagtailimages:": MEDIA_EDITORS,
    "wagtaildocs:": MEDIA_EDITORS,
    "wagtailadmin_choose_page": staff(OK),
    # People: the user admin is administrators' (and coordinators' for their own units).
    "wagtailusers_users:": admin_only(params={"pk": "@person_B"}),
    "event_person_chooser:": admin_only(params={"pk": "@person_B"}),
    "organisation_units:": admin_only(params={"pk": "@unit_B"}),
    # EU-funded projects and their participants' data (sex, disability...): administrators only.
    "funding_projects:": admin_only(params={"pk": "@project_B"}),
    "funding_participants:": admin_only(params={"pk": "@participant_B"}),
}

EVENT = {"page_id": "@page_EventPage"}

PUBLIC_RECORD = "certificate verification: the holder's name is shown to whoever has the code"

ROWS: dict[str, Rule] = {
    # --- The public site --------------------------------------------------------------------
    "healthz": everyone(OK),
    # The legal pages: public (everyone in this world has read the current privacy notice).
    "privacy": everyone(OK),
    "privacy_acknowledge": everyone(NOT_ALLOWED),  # POST only
    "privacy_versions": everyone(OK),
    "privacy_version": everyone(OK),
    "accessibility": everyone(OK),
    "accessibility_statement": everyone(OK, params={"language": "en"}),
    "search": everyone(OK),  # finds live, public pages only (lms.search)
    "set_language": everyone(to("/")),
    "login": signed_in(to("/konto/start/"), anonymous=OK),
    "start": signed_in(to("/admin/"), learner=to("/moje-szkolenia/")),
    "logout": everyone(NOT_ALLOWED),  # POST only
    "password_change": signed_in(OK),
    "password_change_done": signed_in(OK),
    "password_reset": everyone(OK),
    "password_reset_done": everyone(OK),
    "password_reset_confirm": everyone(OK),  # a forged token: "the link is invalid"
    "password_reset_complete": everyone(OK),
    "invitation_accept": everyone(NOT_FOUND),  # a forged token
    "profile": signed_in(OK),
    "download_my_data": signed_in(OK),
    "dashboard": signed_in(OK),
    # The viewer's own next step; for a course they are not enrolled in, its page.
    "course_resume": signed_in(
        to(lambda world: world.objects["course_B"].url), params={"course_id": "@course_B"}
    ),
    "certificates:mine": signed_in(OK),
    # --- Two-factor authentication: the signed-in person's own factors only -------------------
    # (No device yet in this world: verification sends to set-up, the codes page likewise.)
    "mfa_verify": signed_in(to("/konto/weryfikacja-dwuetapowa/konfiguracja/")),
    "mfa_setup": signed_in(OK),
    "mfa_recovery_codes": signed_in(to("/konto/weryfikacja-dwuetapowa/konfiguracja/")),
    # Passkey ceremonies are POST-only JSON endpoints of django-otp-webauthn.
    "otp_webauthn:credential-registration-begin": everyone(NOT_ALLOWED) | {ANON: FORBIDDEN},
    "otp_webauthn:credential-registration-complete": everyone(NOT_ALLOWED) | {ANON: FORBIDDEN},
    "otp_webauthn:credential-authentication-begin": everyone(NOT_ALLOWED) | {ANON: FORBIDDEN},
    "otp_webauthn:credential-authentication-complete": everyone(NOT_ALLOWED) | {ANON: FORBIDDEN},
    "otp_webauthn:js-i18n-catalog": everyone(OK),  # the library's public UI strings
    # Single sign-on: absent until an identity provider is configured.
    "oidc_authentication_init": everyone(NOT_FOUND),
    "oidc_authentication_callback": everyone(NOT_FOUND),
    # Person B's certificate PDF: their coordinator and the administrator (and person B); for
    # anyone else it does not exist.
    "certificates:download": everyone(NOT_FOUND, params={"pk": "@certificate_B"})
    | {COORD_B: OK, ADMIN: OK},
    "certificates:verify_form": everyone(OK),
    "certificates:check_document": everyone(OK),
    "certificates:public_key": everyone(OK),
    "certificates:verify": everyone(OK, public_record=PUBLIC_RECORD),
    "certificates:credential": everyone(OK, public_record=PUBLIC_RECORD),
    "certificates:api": everyone(OK, public_record=PUBLIC_RECORD),
    "wagtaildocs_serve": everyone(OK, path=lambda world: world.objects["document"].url),
    "wagtaildocs_authenticate_with_password": everyone(NOT_FOUND),
    "wagtailcore_authenticate_with_password": everyone(NOT_FOUND),
    "wagtailcore_login": everyone(OK),
    # Wagtail's page routes, one per page type (a real page of course B).
    "page:HomePage": everyone(OK),
    "page:CourseIndexPage": everyone(OK),
    "page:CoursePage": everyone(OK),
    "page:ModulePage": everyone(to(lambda world: world.objects["course_B"].url)),
    # Lessons and quizzes: enrolled learners only; others go back to the course page.
    "page:LessonPage": signed_in(to(lambda world: world.objects["course_B"].url)),
    "page:QuizPage": signed_in(to(lambda world: world.objects["course_B"].url)),
    # --- Events: the calendar and event pages are public; registration is one's own ---------
    "page:EventIndexPage": everyone(OK),
    "page:EventPage": everyone(OK),
    "events:register": everyone(NOT_ALLOWED, params=EVENT),  # POST only
    "events:cancel": everyone(NOT_ALLOWED, params=EVENT),  # POST only
    # Coordinators register the people of their units (the list shows their scope only).
    "events:register_staff": signed_in(
        FORBIDDEN, coordinator_a=OK, coordinator_b=OK, administrator=OK, params=EVENT
    ),
    # The event's .ics: for people with a place (the learner has one on event B).
    "events:ics": signed_in(NOT_FOUND, learner=OK, params=EVENT),
    # The participants' list and the QR code: the event's trainer (B) and administrators.
    "events:check_in": signed_in(FORBIDDEN, trainer_b=OK, administrator=OK, params=EVENT),
    "events:check_in_code": signed_in(FORBIDDEN, trainer_b=OK, administrator=OK, params=EVENT),
    "events:mark": everyone(NOT_ALLOWED, params=EVENT),  # POST only
    "events:scan": everyone(BAD_REQUEST, params=EVENT),  # a forged code
    "events:confirm": signed_in(OK, params=EVENT),  # "scan the code first"
    "events:mine": signed_in(OK),
    "events:feed": everyone(NOT_FOUND),  # an unknown secret address
    # The knowledge base is the programme's public output.
    "page:KnowledgeIndexPage": everyone(OK),
    "page:StandardPage": everyone(OK),
    # --- Wagtail admin: the shell, login, assets ---------------------------------------------
    "wagtailadmin_home": staff(OK),
    "admin/test404/": staff(OK, path=lambda world: "/admin/test404/"),
    "admin/^.*/$": staff(NOT_FOUND, path=lambda world: "/admin/nie-ma-takiej-strony/"),
    "wagtailadmin_error_test": staff(SERVER_ERROR),  # Wagtail's deliberate test error
    "wagtailadmin_sprite": everyone(OK),
    "wagtailadmin_javascript_catalog": everyone(OK),
    "wagtailadmin_login": signed_in(AH, anonymous=OK, learner=OK),
    "wagtailadmin_password_reset": everyone(OK),
    "wagtailadmin_password_reset_done": everyone(OK),
    "wagtailadmin_password_reset_confirm": everyone(OK),
    "wagtailadmin_password_reset_complete": everyone(OK),
    "wagtailadmin_logout": staff(NOT_ALLOWED),
    "wagtailadmin_account": staff(OK),
    "wagtailadmin_dismissibles": staff(OK),
    "wagtailadmin_tag_autocomplete": staff(OK),
    "wagtailadmin_tag_model_autocomplete": staff(NOT_FOUND),
    "wagtailadmin_block_preview": staff(NOT_FOUND),
    "wagtailadmin_editing_sessions:ping": staff(
        NOT_ALLOWED,
        params={
            "app_label": "courses",
            "model_name": "coursepage",
            "object_id": lambda world: str(world.pk("course_B")),
        },
    ),
    "wagtailadmin_editing_sessions:release": staff(NOT_ALLOWED),
    "wagtailembeds:chooser": staff(OK),
    "wagtailembeds:chooser_upload": staff(OK),
    # Wagtail's list of snippet types: trainers see the question bank's two (with Wagtail's
    # platform-wide counts, no names); coordinators have no snippet type.
    "wagtailsnippets:index": admin_area(trainer=OK, coordinator=AH),
    # Two patterns share this name: without a pk it redirects to the settings' own page.
    "admin/settings/<slug:app_name>/<slug:model_name>/": staff(
        to(
            lambda world: (
                f"/admin/settings/notifications/notificationsettings/"
                f"{world.pk('notification_settings')}/"
            )
        )
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": admin_only(
        params={"pk": "@notification_settings"}
    ),
    "wagtailsettings:preview_on_edit": admin_only(
        administrator=NOT_FOUND, params={"pk": "@notification_settings"}
    ),
    "wagtail_bulk_action": admin_area(
        trainer=AH,
        coordinator=AH,
        administrator=NOT_FOUND,
        params={"app_label": "users", "model_name": "user", "action": "delete"},
    ),
    # --- Wagtail admin API (page explorer, choosers) -----------------------------------------
    "wagtailadmin_api:pages:listing": staff(OK),
    # Course B is published: every trainer sees it (read-only for trainer A); other trainers'
    # drafts are absent (tests/courses/test_authoring.py).
    "wagtailadmin_api:pages:detail": admin_area(
        trainer=OK, coordinator=NOT_FOUND, params={"pk": "@page_CoursePage"}
    ),
    "wagtailadmin_api:pages:find": staff(NOT_FOUND),
    "wagtailadmin_api:pages:action": staff(
        NOT_ALLOWED, params={"pk": "@page_CoursePage", "action_name": "copy"}
    ),
    "wagtailadmin_api:documents:listing": staff(OK),
    "wagtailadmin_api:documents:detail": staff(OK, params={"pk": "@document"}),
    "wagtailadmin_api:documents:find": staff(NOT_FOUND),
    "wagtailadmin_api:images:listing": staff(OK),
    "wagtailadmin_api:images:detail": staff(OK, params={"pk": "@image"}),
    "wagtailadmin_api:images:find": staff(NOT_FOUND),
    # --- Pages: trainers edit their own course; administrators everything ----------------------
    # Trainers may add courses to the catalogue, events to the calendar and standards to the
    # knowledge base: their explorer starts at the home page above all three.
    "wagtailadmin_explore_root": admin_area(
        trainer=to(lambda world: f"/admin/pages/{world.pk('page_HomePage')}/"),
        coordinator=AH,
    ),
    "wagtailadmin_explore": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_explore_results": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_pages:add": staff(AH),  # a course under a course: nobody may
    "wagtailadmin_pages:preview_on_add": PAGE_EDITORS,
    "wagtailadmin_pages:type_use": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_pages:type_use_results": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_pages:choose_parent": staff(NOT_FOUND),
    "wagtailadmin_pages:usage": PAGE_EDITORS,
    "wagtailadmin_pages:edit": admin_area(trainer_a=AH, trainer_b=OK, coordinator=AH, trainer=None),
    "wagtailadmin_pages:preview_on_edit": PAGE_EDITORS,
    "wagtailadmin_pages:view_draft": PAGE_EDITORS,
    "wagtailadmin_pages:add_subpage": PAGE_EDITORS,
    # Trainers edit, administrators publish and delete; course B has learners' records, so even
    # the administrator is refused (in Polish) and sent back to the course list.
    "wagtailadmin_pages:delete": admin_only(
        administrator=to(lambda world: f"/admin/pages/{world.objects['page_CourseIndexPage'].pk}/")
    ),
    "wagtailadmin_pages:unpublish": admin_only(),
    "wagtailadmin_pages:convert_alias": staff(NOT_FOUND),
    "wagtailadmin_pages:search": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_pages:search_results": admin_area(trainer=OK, coordinator=AH),
    "wagtailadmin_pages:move": admin_only(),
    "wagtailadmin_pages:move_confirm": staff(OK),  # Wagtail: "cannot move here", nothing moved
    "wagtailadmin_pages:set_page_position": staff(NOT_ALLOWED),
    "wagtailadmin_pages:copy": PAGE_EDITORS,
    "wagtailadmin_pages:workflow_action": staff(NOT_FOUND, params={"action_name": "approve"}),
    "wagtailadmin_pages:collect_workflow_action_data": staff(
        NOT_FOUND, params={"action_name": "approve"}
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": staff(OK),
    "wagtailadmin_pages:workflow_preview": staff(AH),
    "wagtailadmin_pages:set_privacy": admin_only(),
    "wagtailadmin_pages:lock": staff(NOT_ALLOWED),
    "wagtailadmin_pages:unlock": staff(NOT_ALLOWED),
    "wagtailadmin_pages:revisions_index": staff(
        to(lambda world: f"/admin/pages/{world.pk('course_B')}/history/")
    ),
    "wagtailadmin_pages:revisions_view": PAGE_EDITORS,
    "wagtailadmin_pages:revisions_revert": admin_area(
        trainer_a=AH, trainer_b=OK, coordinator=AH, trainer=None
    ),
    "wagtailadmin_pages:revisions_unschedule": admin_only(),
    "wagtailadmin_pages:revisions_compare": replace(
        PAGE_EDITORS,
        params={"pk": "@page_CoursePage", "revision_id_a": "earliest", "revision_id_b": "latest"},
    ),
    "wagtailadmin_pages:workflow_history": PAGE_EDITORS,
    "wagtailadmin_pages:workflow_history_detail": admin_area(
        trainer_a=AH, trainer_b=NOT_FOUND, trainer=None, coordinator=AH, administrator=NOT_FOUND
    ),
    "wagtailadmin_pages:history": PAGE_EDITORS,
    "wagtailadmin_pages:history_results": PAGE_EDITORS,
    # Wagtail's built-in exceptions to the prefixes above.
    # The root collection (the only one): neither editable nor deletable.
    "wagtailadmin_collections:edit": admin_only(
        administrator=NOT_FOUND, params={"pk": "@collection"}
    ),
    "wagtailadmin_collections:delete": staff(NOT_FOUND, params={"pk": "@collection"}),
    "wagtailadmin_collections:set_privacy": admin_only(params={"collection_id": "@collection"}),
    "wagtailadmin_workflows:enable": staff(NOT_ALLOWED, params={"pk": "@workflow"}),
    "wagtailadmin_workflows:enable_task": staff(NOT_ALLOWED, params={"pk": "@task"}),
    "wagtailadmin_workflows:edit_task": admin_only(params={"pk": "@task"}),
    "wagtailadmin_workflows:disable_task": admin_only(params={"pk": "@task"}),
    "wagtailadmin_workflows:remove": staff(NOT_ALLOWED),
    "wagtailadmin_workflows:add_task": staff(NOT_FOUND),
    "wagtailadmin_workflows:select_task_type": admin_only(
        administrator=to("/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/")
    ),
    "wagtailadmin_workflows:task_chooser": staff(OK),
    "wagtailadmin_workflows:task_chooser_results": staff(OK),
    "wagtailadmin_workflows:task_chooser_create": staff(OK),
    "wagtailadmin_workflows:task_chosen": staff(OK),
    "wagtailadmin_reports:locked_pages": admin_only(),
    "wagtailadmin_reports:locked_pages_results": admin_only(),
    # Site history lists who changed what: editors' names only, never learners'.
    "wagtailadmin_reports:site_history": staff(OK),
    "wagtailadmin_reports:site_history_results": staff(OK),
    "wagtailforms:list_submissions": staff(NOT_FOUND),  # no form pages on this site
    "wagtailforms:list_submissions_results": staff(NOT_FOUND),
    "wagtailforms:delete_submissions": staff(AH),
    "wagtailredirects:edit": admin_only(administrator=NOT_FOUND, params={"redirect_id": 999999}),
    "wagtailredirects:delete": staff(NOT_FOUND, params={"redirect_id": 999999}),
    "wagtailredirects:process_import": admin_only(administrator=NOT_ALLOWED),
    "wagtailimages:url_generator": admin_area(
        trainer=NOT_FOUND, coordinator=AH, administrator=NOT_FOUND
    ),
    "wagtailimages:url_generator_output": admin_area(
        trainer=NOT_FOUND, coordinator=AH, administrator=NOT_FOUND
    ),
    "wagtailimages:edit_multiple": staff(NOT_ALLOWED),
    "wagtailimages:create_multiple_from_uploaded_image": staff(NOT_ALLOWED),
    "wagtailimages:delete_multiple": staff(NOT_ALLOWED),
    "wagtailimages:delete_upload_multiple": staff(NOT_ALLOWED),
    "wagtaildocs:edit_multiple": staff(NOT_ALLOWED),
    "wagtaildocs:create_multiple_from_uploaded_document": staff(NOT_ALLOWED),
    "wagtaildocs:delete_multiple": staff(NOT_ALLOWED),
    "wagtaildocs:delete_upload_multiple": staff(NOT_ALLOWED),
    "wagtailimages_chooser:chosen": replace(MEDIA_EDITORS, params={"pk": "@image"}),
    "wagtailimages_chooser:create": MEDIA_EDITORS,
    "wagtailimages_chooser:select_format": MEDIA_EDITORS,
    "wagtaildocs_chooser:chosen": replace(MEDIA_EDITORS, params={"pk": "@document"}),
    "wagtaildocs_chooser:create": MEDIA_EDITORS,
    "wagtailsnippetchoosers_courses_thematicarea:create": admin_only(),
    "wagtailsnippetchoosers_certificates_certificatetemplate:create": admin_only(),
    "wagtailsnippetchoosers_certificates_trainingevent:create": admin_only(),
    "wagtailsnippetchoosers_notifications_emailtemplate:create": admin_only(),
    "wagtailsnippetchoosers_evaluation_survey:create": admin_only(),
    # People were asked to fill in the world's survey: its deletion is refused (in Polish).
    "wagtailsnippets_evaluation_survey:delete": admin_only(
        administrator=to("/admin/snippets/evaluation/survey/"), params={"pk": "@survey"}
    ),
    # --- People --------------------------------------------------------------------------------
    # Coordinators list the people of their own units only (a 200 with no one else's name).
    # One person's pages: anyone outside the viewer's scope does not exist (404), so the answer
    # never confirms an account; coordinator B sees person B but may not edit (view only).
    "wagtailusers_users:edit": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=AH,
        coordinator=None,
        params={"pk": "@person_B"},
    ),
    "wagtailusers_users:history": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=AH,
        coordinator=None,
        params={"pk": "@person_B"},
    ),
    "wagtailusers_users:history_results": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=AH,
        coordinator=None,
        params={"pk": "@person_B"},
    ),
    "wagtailusers_users:usage": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=AH,
        coordinator=None,
        params={"pk": "@person_B"},
    ),
    "wagtailusers_users:index": admin_area(trainer=AH, coordinator=OK),
    "wagtailusers_users:index_results": admin_area(trainer=AH, coordinator=OK),
    # The security audit log: administrators only.
    "audit_log:index": admin_only(),
    "audit_log:index_results": admin_only(),
    # Person B has certificates: deletion is refused with the anonymisation hint.
    "wagtailusers_users:delete": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=AH,
        coordinator=None,
        administrator=to("/admin/users/"),
        params={"pk": "@person_B"},
    ),
    "lms_invite_user": admin_only(),
    "organisation_units:index": admin_area(trainer=AH, coordinator=OK),
    "organisation_units:index_results": admin_area(trainer=AH, coordinator=OK),
    # --- Learning records: assignment, reports, exports, imports, certificates -------------------
    "courses_assign": admin_area(trainer=AH, coordinator=OK),
    # A new edition of course B (a GET shows the form): its trainer and administrators.
    "courses_new_edition": PAGE_EDITORS,
    "reports_completion": staff(OK),  # rows scoped: trainers their courses, coordinators units
    "reports_completion_results": staff(OK),
    "reports_summary": staff(OK),
    "reports_summary_results": staff(OK),
    # Event registrations: administrators all; coordinators their units' people (A: the
    # learner, B: person B); trainer B the event they lead, trainer A none (an empty report).
    "events_registration_report": staff(OK),
    "events_registration_report_results": staff(OK),
    # Standards due for review (staff names only): those who write or publish standards.
    "knowledge_review_report": admin_area(trainer=OK, coordinator=AH),
    "knowledge_review_report_results": admin_area(trainer=OK, coordinator=AH),
    "exports_index": staff(OK),  # everyone's own exports
    "exports_status": staff(OK),
    # Coordinator B's export: its owner only (not even an administrator).
    "exports_download": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=OK,
        coordinator=None,
        administrator=NOT_FOUND,
        params={"pk": "@export_B"},
    ),
    "imports_index": admin_area(trainer=AH, coordinator=OK),
    "imports_sample": staff(OK),
    # Coordinator B's import batch: its owner only.
    "imports_detail": admin_area(
        trainer=AH,
        coordinator_a=NOT_FOUND,
        coordinator_b=OK,
        coordinator=None,
        administrator=NOT_FOUND,
        params={"pk": "@import_B"},
    ),
    "imports_status": admin_area(
        trainer=AH,
        coordinator_a=NOT_FOUND,
        coordinator_b=OK,
        coordinator=None,
        administrator=NOT_FOUND,
        params={"pk": "@import_B"},
    ),
    "imports_confirm": staff(NOT_ALLOWED, params={"pk": "@import_B"}),  # POST: see test_posts
    # Certificates of unit B: coordinator B and the administrator; trainers none.
    "certificates_admin:index": admin_area(trainer=AH, coordinator=OK),
    "certificates_admin:index_results": admin_area(trainer=AH, coordinator=OK),
    "certificates_admin:inspect": admin_area(
        trainer=NOT_FOUND,
        coordinator_a=NOT_FOUND,
        coordinator_b=OK,
        coordinator=None,
        params={"pk": "@certificate_B"},
    ),
    "certificates_admin:retry": staff(NOT_ALLOWED, params={"pk": "@certificate_B"}),
    "certificates_admin:revoke": admin_only(params={"pk": "@certificate_B"}),
    "certificates_admin:reissue": admin_only(params={"pk": "@certificate_B"}),
    "certificates_admin:previous_version": admin_area(
        trainer=AH, coordinator=NOT_FOUND, administrator=NOT_FOUND, params={"pk": "@certificate_B"}
    ),
    "certificates_admin:zip": admin_area(trainer=AH, coordinator=OK),
    # --- Evaluation ------------------------------------------------------------------------------
    # The survey form: only the person invited to evaluate the page (nobody among the viewers).
    "evaluation:survey": signed_in(NOT_FOUND),
    # Aggregates for the programme board: administrators, coordinators for their units (groups
    # of 5 or more only); trainers are refused, the surveys rate them.
    "evaluation_summary": admin_area(trainer=AH, coordinator=OK),
    "evaluation_summary_results": admin_area(trainer=AH, coordinator=OK),
    "evaluation_results": admin_area(trainer=AH, coordinator=OK),
    "evaluation_results_results": admin_area(trainer=AH, coordinator=OK),
    "evaluation_knowledge": admin_area(trainer=AH, coordinator=OK),
    "evaluation_knowledge_results": admin_area(trainer=AH, coordinator=OK),
    "wagtailsnippets_certificates_trainingevent:attendance_upload": admin_only(
        params={"pk": "@event_B"}
    ),
    # --- EU-funded projects: the participant's own form; reports for administrators only -------
    # Any signed-in person registering for something the running project finances.
    "funding:participant_form": signed_in(OK, params={"project_id": "@project_B"}),
    "funding_indicators": admin_only(),
    "funding_indicators_results": admin_only(),
    "funding_administrations": admin_only(),
    "funding_administrations_results": admin_only(),
    "funding_participant_export": admin_only(),
    "funding_participant_export_results": admin_only(),
    # Participants come only from the form: nobody adds one in the admin.
    "funding_participants:add": admin_only(administrator=AH),
    # Project B holds participant B's data: kept until its archive period ends.
    "funding_projects:delete": admin_only(
        administrator=to("/admin/projekty-ue/projekty/"), params={"pk": "@project_B"}
    ),
    # --- The question bank (object pages: the prefixes above) ------------------------------------
    "wagtailsnippets_questionbank_questionpool:list": BANK_LISTING,
    "wagtailsnippets_questionbank_questionpool:list_results": BANK_LISTING,
    "wagtailsnippets_questionbank_questionpool:add": BANK_LISTING,
    # Pool B has a question: its deletion is refused (in Polish), back to the list.
    "wagtailsnippets_questionbank_questionpool:delete": bank_object("pool_B")
    | {
        TRAINER_B: to("/admin/snippets/questionbank/questionpool/"),
        ADMIN: to("/admin/snippets/questionbank/questionpool/"),
    },
    "wagtailsnippets_questionbank_question:list": BANK_LISTING,
    "wagtailsnippets_questionbank_question:list_results": BANK_LISTING,
    "wagtailsnippets_questionbank_question:add": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_questionpool:choose": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_questionpool:choose_results": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_questionpool:chosen_multiple": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_questionpool:create": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_question:choose": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_question:choose_results": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_question:chosen_multiple": BANK_LISTING,
    "wagtailsnippetchoosers_questionbank_question:create": BANK_LISTING,
    # Question bank import and export: trainers of a course (both world trainers train one) and
    # administrators; a pool or course of side B exists only for its trainer and administrators.
    "questionbank_import": admin_area(trainer=OK, coordinator=AH),
    "questionbank_import_confirm": staff(NOT_ALLOWED),  # POST: see tests/questionbank
    "questionbank_export": admin_area(trainer=OK, coordinator=AH),
    "questionbank_export_pool": admin_area(
        trainer_a=NOT_FOUND,
        trainer_b=OK,
        trainer=None,
        coordinator=AH,
        params={"pk": "@pool_B", "fmt": "xml"},
    ),
    "questionbank_export_course": admin_area(
        trainer_a=NOT_FOUND,
        trainer_b=OK,
        trainer=None,
        coordinator=AH,
        params={"course_id": "@course_B", "fmt": "gift"},
    ),
}


def rule_for(pattern) -> Rule | None:
    """The row for the pattern's route (where one name has several routes), or its name, or
    the longest matching prefix."""
    for key in (pattern.route, pattern.key):
        if key in ROWS:
            return ROWS[key]
    if pattern.name:
        matches = [prefix for prefix in PREFIXES if pattern.name.startswith(prefix)]
        if matches:
            return PREFIXES[max(matches, key=len)]
    return None


def _value(value, world):
    if callable(value):
        return value(world)
    if isinstance(value, str) and value.startswith("@"):
        return world.pk(value[1:])
    return value


def url_for(pattern, rule: Rule, world) -> str:
    """The URL to request: the pattern reversed with the rule's (or default) parameters."""
    if rule.path is not None:
        return rule.path(world)
    if pattern.name.startswith("page:"):
        return world.objects[pattern.name.replace(":", "_")].url
    names = pattern.parameters
    kwargs = {}
    for name in names:
        if name in rule.params:
            kwargs[name] = _value(rule.params[name], world)
        elif name in DEFAULT_PARAMS:
            kwargs[name] = _value(DEFAULT_PARAMS[name], world)
        else:
            raise AssertionError(f"{pattern}: no value for the URL parameter {name!r}")
    return reverse(pattern.name, kwargs=kwargs)
