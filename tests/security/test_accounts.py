"""Staff sign-in: throttling and lock-out (home/login_throttle.py), the password policy."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from home import audit
from home.models import LoginThrottle

PASSWORD = "correct horse battery staple"  # home/factories.py
LOCKED_JA = "サインインの失敗が多すぎます"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="ja",
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def pass_cool_down():
    """The clock moves past the window and the lock (the rows' times, as time would)."""
    past = timezone.now() - timedelta(days=1)
    LoginThrottle.objects.update(first_failure_at=past, locked_until=past)


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, make_user):
    make_user("広報担当", username="hanako")
    answers = [sign_in(client, "hanako", f"wrong-{n}") for n in range(30)]
    assert [a.status_code for a in answers[:5]] == [200] * 5  # the form again, "wrong password"
    assert all(a.status_code == 429 for a in answers[5:])
    response = sign_in(client, "hanako", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_JA in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_account_gets_the_same_answer_as_a_known_one(client, make_user):
    make_user("広報担当", username="taro")
    for n in range(6):
        known = sign_in(client, "taro", f"wrong-{n}", address="198.51.100.1")
        unknown = sign_in(client, "no-such-user", f"wrong-{n}", address="198.51.100.2")
    assert known.status_code == unknown.status_code == 429
    known_right = sign_in(client, "taro", PASSWORD, address="198.51.100.1")

    def message(response):
        return response.content.decode().split('class="messages"')[1].split("</div>")[0]

    assert message(known) == message(unknown) == message(known_right)
    assert LOCKED_JA in message(unknown)


def test_after_the_cool_down_the_right_password_signs_in(client, make_user):
    make_user("広報担当", username="jiro")
    for n in range(5):
        sign_in(client, "jiro", f"wrong-{n}")
    assert sign_in(client, "jiro", PASSWORD).status_code == 429
    pass_cool_down()
    assert signed_in(sign_in(client, "jiro", PASSWORD))


def test_a_success_before_the_limit_clears_the_account_count(client, make_user):
    make_user("広報担当", username="saburo")
    for n in range(4):
        sign_in(client, "saburo", f"wrong-{n}")
    assert signed_in(sign_in(client, "saburo", PASSWORD))
    client.logout()
    for n in range(4):
        sign_in(client, "saburo", f"wrong-again-{n}")
    assert signed_in(sign_in(client, "saburo", PASSWORD))


def test_one_address_trying_many_accounts_is_locked_but_other_addresses_are_not(client, make_user):
    make_user("広報担当", username="shiro")
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong", address="192.0.2.66")
    assert sign_in(client, "shiro", PASSWORD, address="192.0.2.66").status_code == 429
    assert signed_in(sign_in(client, "shiro", PASSWORD, address="192.0.2.67"))


def test_an_administrator_unlocks_an_account_and_both_are_in_the_audit_log(client, make_user):
    make_user("広報担当", username="goro")
    admin = make_user(is_superuser=True, username="root-admin")
    for n in range(5):
        sign_in(client, "goro", f"wrong-{n}")
    lock = LoginThrottle.objects.get(label="goro")
    assert lock.locked_until > timezone.now()

    client.force_login(admin)
    page = client.get(reverse("home_accounts"), HTTP_ACCEPT_LANGUAGE="ja")
    assert 'data-lock="goro"' in page.content.decode()
    client.post(reverse("home_accounts_unlock", args=[lock.pk]))
    client.logout()
    assert signed_in(sign_in(client, "goro", PASSWORD))

    actions = list(ModelLogEntry.objects.filter(label="goro").values_list("action", "user__username"))
    assert (audit.LOGIN_LOCKED, None) in actions
    assert (audit.LOGIN_UNLOCKED, "root-admin") in actions


def test_staff_without_user_rights_cannot_unlock(client, make_user):
    client.force_login(make_user("広報担当"))
    response = client.get(reverse("home_accounts"))
    assert response.status_code == 302  # Wagtail's answer to PermissionDenied: back to the dashboard
    assert response.url == reverse("wagtailadmin_home")


def test_password_reset_requests_stop_sending_mail_when_locked(client, make_user):
    make_user("広報担当", username="rokuro", email="rokuro@example.invalid")
    for _ in range(8):
        response = client.post(
            reverse("wagtailadmin_password_reset"), {"email": "rokuro@example.invalid"}, REMOTE_ADDR="192.0.2.9"
        )
        assert response.status_code == 302  # the same "sent if it exists" answer every time
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    ("password", "ok"), [("kagawa-udon", False), ("Sanuki-2026", False), ("kagawa-udon-2026", True)]
)
def test_passwords_need_twelve_characters_with_a_japanese_message(password, ok, make_user):
    user = make_user()
    with translation.override("ja"):
        if ok:
            validate_password(password, user)
        else:
            with pytest.raises(ValidationError) as error:
                validate_password(password, user)
            assert "12 文字" in " ".join(error.value.messages)
