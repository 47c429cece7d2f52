"""The authorization matrix: what every URL of the project answers to each kind of visitor,
declared once. tests/test_authorization_matrix.py checks every row against the app, and
fails for a URL of the resolver that has no row here, so a new URL must be declared.

A row names the method the matrix uses (GET, or POST for a URL that only takes POST), the
reverse() kwargs, and the outcome for each role in ROLES order. "{name}" in a kwarg or an
outcome is filled from the test world's ids (see World.ids). An outcome is the status code,
followed by the redirect target (path and fragment, query string left out) for a 3xx.
A URL is keyed by its namespaced name (an unnamed one by its route: name it to declare it).
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "owner", "other", "mentor", "former", "pending", "planless", "staff")

OK = "200"
NF = "404"  # not visible: the same answer as for an id that does not exist
FORBIDDEN = "403"
GONE = "410"  # an invitation opened by an account it was not sent to
LOGIN = "302 /accounts/login/"
ADMIN_LOGIN = "302 /admin/login/"
ONBOARD = "302 /onboarding/"
HOME = "302 /"
SETTINGS = "302 /settings/"
MENTORS = "302 /settings/#mentors"
CHANGE_PASSWORD = "302 /accounts/password/change/"
SET_NEW_PASSWORD = "302 /accounts/password/reset/key/{uidb36}-set-password/"
INTERVIEW = "302 /interviews/{interview}/"
CHECK = "302 /interviews/{interview}/#check-{check}"
TOPIC = "python-fundamentals"


@dataclass(frozen=True)
class Row:
    method: str
    kwargs: dict[str, str]
    expected: dict[str, str]
    data: dict[str, str] = field(default_factory=dict)


def _row(method, kwargs, outcomes, data=None) -> Row:
    assert len(outcomes) == len(ROLES), f"{len(outcomes)} outcomes for {len(ROLES)} roles"
    return Row(method, kwargs, dict(zip(ROLES, outcomes, strict=True)), data or {})


def get(kwargs, *outcomes) -> Row:
    return _row("GET", kwargs, outcomes)


def post(kwargs, *outcomes, data=None) -> Row:
    return _row("POST", kwargs, outcomes, data)


ITEM = {"item_id": "{item}"}
INTERVIEW_ID = {"interview_id": "{interview}"}
PROBLEM = {"problem_id": "{problem}"}
STORY = {"story_id": "{story}"}
MOCK = {"mock_id": "{mock}"}
MENTEE = {"mentee_id": "{owner}"}
LINK = {"link_id": "{link}"}  # the owner's link with the active mentor

# fmt: off
URLS: dict[str, Row] = {
    #                            anonymous  owner  other mentor former pending planless staff
    # Liveness for a load balancer: the same answer for everyone, no session needed.
    "healthz": get({},                  OK, OK, OK, OK, OK, OK, OK, OK),
    # The landing page, then the today view; pages of one's own plan (no ids in the URL).
    "plans:home": get({},               OK, OK, OK, OK, OK, OK, ONBOARD, OK),
    "plans:onboarding": get({},         LOGIN, SETTINGS, SETTINGS, SETTINGS, SETTINGS,
                                        SETTINGS, OK, SETTINGS),
    "plans:plan": get({},               LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "plans:catch_up": post({},          LOGIN, HOME, HOME, HOME, HOME, HOME, ONBOARD, HOME),
    # Plan actions on one's own plan (no ids): add a left-out task back, start the next day now.
    "plans:left_out_add": post({},      LOGIN, "302 /plan/#left-out", "302 /plan/#left-out",
                                        "302 /plan/#left-out", "302 /plan/#left-out",
                                        "302 /plan/#left-out", ONBOARD, "302 /plan/#left-out"),
    "plans:start_now": post({},         LOGIN, HOME, HOME, HOME, HOME, HOME, ONBOARD, HOME),
    "plans:progress": get({},           LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "plans:topic_panel": get({"slug": TOPIC}, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # The owner's plan item: only the owner ticks, notes or skips it.
    "plans:item_done": post(ITEM,       LOGIN, HOME, NF, NF, NF, NF, ONBOARD, NF),
    "plans:item_undo": post(ITEM,       LOGIN, HOME, NF, NF, NF, NF, ONBOARD, NF),
    "plans:item_edit": get(ITEM,        LOGIN, OK, NF, NF, NF, NF, ONBOARD, NF),
    "plans:item_note": post(ITEM,       LOGIN, HOME, NF, NF, NF, NF, ONBOARD, NF,
                            data={"note": "Revise the GIL part."}),
    "plans:item_skip": post(ITEM,       LOGIN, HOME, NF, NF, NF, NF, ONBOARD, NF,
                            data={"reason": "Covered at work."}),
    # The curriculum: for anyone signed in.
    "curriculum:topics": get({},        LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "curriculum:plan_template": get({}, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "curriculum:checklists": get({},    LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "curriculum:concepts": get({},      LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "curriculum:topic": get({"slug": TOPIC}, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # The owner's interview. A mentor reads it on the mentee page (which hides what the
    # learner keeps private), never on the learner's own page with its notes and forms.
    "interviews:list": get({},          LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "interviews:detail": get(INTERVIEW_ID, LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "interviews:edit": get(INTERVIEW_ID, LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "interviews:delete": post(INTERVIEW_ID, LOGIN, "302 /interviews/", NF, NF, NF, NF, NF, NF),
    "interviews:reflection": post(INTERVIEW_ID, LOGIN, INTERVIEW, NF, NF, NF, NF, NF, NF,
                                  data={"went_well": "Clear answers.", "outcome": "pending"}),
    "interviews:checklist_add": post(INTERVIEW_ID, LOGIN, INTERVIEW, NF, NF, NF, NF, NF, NF,
                                     data={"text": "Print the CV", "amount": "1",
                                           "unit": "days", "when": "before"}),
    # The owner's own checklist item (a curriculum copy cannot be edited or deleted).
    "interviews:checklist_edit": get({**INTERVIEW_ID, "item_id": "{own_check}"},
                                     LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "interviews:checklist_delete": post({**INTERVIEW_ID, "item_id": "{own_check}"},
                                        LOGIN, INTERVIEW, NF, NF, NF, NF, NF, NF),
    "interviews:checklist_toggle": post({**INTERVIEW_ID, "item_id": "{check}"},
                                        LOGIN, CHECK, NF, NF, NF, NF, NF, NF,
                                        data={"done": "1"}),
    # The owner's practice log, stories and mocks.
    "journal:practice": get({},         LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "journal:practice_edit": get(PROBLEM, LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "journal:practice_delete": post(PROBLEM, LOGIN, "302 /practice/", NF, NF, NF, NF, NF, NF),
    "journal:stories": get({},          LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "journal:story_edit": get(STORY,    LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "journal:story_delete": post(STORY, LOGIN, "302 /stories/", NF, NF, NF, NF, NF, NF),
    "journal:mocks": get({},            LOGIN, OK, OK, OK, OK, OK, ONBOARD, OK),
    "journal:mock_edit": get(MOCK,      LOGIN, OK, NF, NF, NF, NF, NF, NF),
    "journal:mock_delete": post(MOCK,   LOGIN, "302 /mocks/", NF, NF, NF, NF, NF, NF),
    # Spaced review of the key concepts: one's own cards, with or without a plan.
    "review:queue": get({},             LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # Settings and reminders: one's own, with or without a plan. The unsubscribe link's
    # signed token is its authority (a mail client has no session); a GET only asks.
    "settings:page": get({},            LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # Everyone signed in downloads their own data, and only theirs (no id in the URL).
    "privacy:export": get({},           LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # The page listing what deleting takes; the deletion itself asks for the password again.
    "privacy:delete": get({},           LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "feeds:settings": get({},           LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # The feed's secret address is its only authority: a made-up one is 404 for everyone.
    "feeds:feed": get({"token": "made-up"}, NF, NF, NF, NF, NF, NF, NF, NF),
    "reminders:sent": get({},           LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "reminders:unsubscribe": get({"token": "{unsubscribe}"}, OK, OK, OK, OK, OK, OK, OK, OK),
    # Mentoring: the active mentor, and nobody else, sees the mentee and writes about them.
    "mentoring:dashboard": get({},      LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "mentoring:comments": get({},       LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "mentoring:mentee": get(MENTEE,     LOGIN, HOME, NF, OK, NF, NF, NF, NF),
    "mentoring:comment": get({**MENTEE, "about": "item", "about_id": "{item}"},
                             LOGIN, NF, NF, OK, NF, NF, NF, NF),
    "mentoring:mock_new": get(MENTEE,   LOGIN, NF, NF, OK, NF, NF, NF, NF),
    # The owner's waiting invitation to the pending mentor: the invited address answers it.
    "mentoring:invitation": get({"token": "{invitation}"},
                                OK, GONE, GONE, GONE, GONE, OK, GONE, GONE),
    # Either side of the link ends it; only the mentee shares notes on it.
    "mentoring:link_end": post(LINK,    LOGIN, MENTORS, NF, MENTORS, NF, NF, NF, NF),
    "mentoring:link_notes": post(LINK,  LOGIN, MENTORS, NF, NF, NF, NF, NF, NF,
                                 data={"shares_notes": "on"}),
    # allauth: public pages; a signed-in visitor is sent on from the sign-in and sign-up ones.
    "account_login": get({},            OK, HOME, HOME, HOME, HOME, HOME, HOME, HOME),
    "account_logout": get({},           HOME, OK, OK, OK, OK, OK, OK, OK),
    "account_inactive": get({},         OK, OK, OK, OK, OK, OK, OK, OK),
    "account_signup": get({},           OK, HOME, HOME, HOME, HOME, HOME, HOME, HOME),
    "account_reauthenticate": get({},   LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_email": get({},            LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_email_verification_sent": get({}, OK, OK, OK, OK, OK, OK, OK, OK),
    "account_change_password": get({},  LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_set_password": get({},     LOGIN, CHANGE_PASSWORD, CHANGE_PASSWORD,
                                        CHANGE_PASSWORD, CHANGE_PASSWORD, CHANGE_PASSWORD,
                                        CHANGE_PASSWORD, CHANGE_PASSWORD),
    "account_reset_password": get({},   OK, OK, OK, OK, OK, OK, OK, OK),
    "account_confirm_login_code": get({}, LOGIN, HOME, HOME, HOME, HOME, HOME, HOME, HOME),
    # The owner's key confirming a new address: the key is its authority.
    "account_confirm_email": get({"key": "{confirm}"}, OK, OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_from_key_done": get({}, OK, OK, OK, OK, OK, OK, OK, OK),
    # The owner's password-reset link: the key is swapped for a session mark, then asked for.
    # Signing in spends it (the key covers the last sign-in), so the owner signed in meets
    # the page saying the link is no longer valid.
    "account_reset_password_from_key": get({"uidb36": "{uidb36}", "key": "{reset_key}"},
                                           SET_NEW_PASSWORD, OK,
                                           SET_NEW_PASSWORD, SET_NEW_PASSWORD,
                                           SET_NEW_PASSWORD, SET_NEW_PASSWORD,
                                           SET_NEW_PASSWORD, SET_NEW_PASSWORD),
    "account_reset_password_done": get({}, OK, OK, OK, OK, OK, OK, OK, OK),
    # The admin site is declared as one group (ADMIN below); these stand for it: staff only,
    # everyone else is sent to the admin's sign-in.
    "admin:index": get({},              ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,
                                        ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK),
    # The admin's sign-in hands over to the site's own (allauth's); signed in, staff only.
    "admin:login": get({},              LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                                        FORBIDDEN, FORBIDDEN, "302 /admin/"),
    "admin:accounts_user_changelist": get({}, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,
                                          ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,
                                          OK),
    "admin:accounts_user_change": get({"object_id": "{owner}"}, ADMIN_LOGIN, ADMIN_LOGIN,
                                      ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,
                                      ADMIN_LOGIN, OK),
}
# fmt: on

# Every admin URL (named "admin:..." or, unnamed, routed under "admin/") is Django's own
# admin_view behind the staff check; the rows above check it on a representative few.
ADMIN = ("admin:", "admin/")


def url_keys(resolver=None, prefix: str = "", namespace: str = "") -> list[str]:
    """Every URL pattern of the project: its namespaced name, or its route when unnamed."""
    keys = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            keys += url_keys(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                keys.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                keys.append(prefix + str(pattern.pattern))
    return keys


def is_admin(key: str) -> bool:
    return key.startswith(ADMIN)


def declared_ids(*, owner, item, interview, link, invitation) -> dict:
    """The values the rows' "{name}" placeholders take, for a world built around `owner`:
    their plan item, a past interview (its first checklist copy and an own item added here),
    a problem, a story and a mock made here, the mentor link, a pending invitation, and the
    tokens of their e-mails (unsubscribe, an address to confirm, a password reset)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from progress.interviews.services import checklist_item_add
    from progress.mentoring.services import invitation_token
    from progress.reminders import content
    from tests.factories import MockInterviewFactory, PracticeProblemFactory, StoryFactory

    new_address = EmailAddress.objects.create(
        user=owner, email="alice.new@example.com", verified=False, primary=False
    )
    return {
        "owner": owner.pk,
        "item": item.pk,
        "interview": interview.pk,
        "check": interview.checklist.order_by("pk").first().pk,
        "own_check": checklist_item_add(
            interview=interview, phase="before", text="Print the CV", offset_hours=-24
        ).pk,
        "problem": PracticeProblemFactory(user=owner).pk,
        "story": StoryFactory(user=owner).pk,
        "mock": MockInterviewFactory(user=owner).pk,
        "link": link.pk,
        "invitation": invitation_token(invitation),
        "unsubscribe": content.unsubscribe_token(owner.pk, content.ALL),
        "confirm": EmailConfirmationHMAC(new_address).key,
        "uidb36": user_pk_to_url_str(owner),
        "reset_key": default_token_generator.make_token(owner),
    }
