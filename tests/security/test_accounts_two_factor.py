"""Two-factor sign-in (home/two_factor.py): required for superusers and 緊急情報, optional for
other staff; real TOTP codes computed from the secret shown at enrolment."""

import base64
import re
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from home import audit, groups
from tests.security.totp import totp

PASSWORD = "correct horse battery staple"
SHOTS = Path("/work/briefs/shots/accounts")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def sign_in(username, password=PASSWORD) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def enrol(client, at=None) -> str:
    """Enrol from the setup page as a person would; returns the secret shown as text."""
    page = client.get(reverse("home_two_factor_setup")).content.decode()
    assert "<svg" in page
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)
    response = client.post(reverse("home_two_factor_setup"), {"code": totp(secret, at=at), "next": "/admin/"})
    assert response.status_code == 200
    assert "data-recovery-codes" in response.content.decode()
    return secret


def recovery_codes(response) -> list[str]:
    block = response.content.decode().split("data-recovery-codes>")[1].split("</ul>")[0]
    return re.findall(r"<li>([a-z2-7]+)</li>", block)


def test_the_tests_totp_matches_the_rfc_6238_vectors():
    """The RFC's own test vectors (Appendix B, SHA-1, 8 digits)."""
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"
    assert totp(secret, at=20000000000, digits=8) == "65353130"


def test_a_superuser_is_led_to_enrolment_and_nothing_else_answers(make_user):
    make_user(username="kanri", is_superuser=True)
    client = sign_in("kanri")
    for path in ["/admin/", "/admin/pages/", "/admin/users/", reverse("home_audit_log")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith(reverse("home_two_factor_setup") + "?next=")
    page = client.get(reverse("home_two_factor_setup")).content.decode()
    assert "2段階認証" in page
    assert "data-required" in page


def test_enrolment_with_a_wrong_code_fails_and_the_right_code_opens_the_admin(make_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's slow-down after a wrong code: tested below
    make_user(username="kanri2", is_superuser=True)
    client = sign_in("kanri2")
    page = client.get(reverse("home_two_factor_setup")).content.decode()
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)
    wrong = str((int(totp(secret)) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("home_two_factor_setup"), {"code": wrong})
    assert response.status_code == 400
    assert "コードが正しくありません" in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response = client.post(reverse("home_two_factor_setup"), {"code": totp(secret), "next": "/admin/"})
    assert len(recovery_codes(response)) == 10
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action=audit.TWO_FACTOR_ENROLLED, label="kanri2").exists()


def test_sign_in_asks_for_a_code_accepts_the_previous_step_and_refuses_a_replay_or_a_wrong_code(make_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's slow-down after a wrong code: tested below
    make_user(username="kanri3", is_superuser=True)
    # A phone whose clock is a step behind: the code of the previous 30 s is accepted.
    secret = enrol(sign_in("kanri3"), at=time.time() - 30)

    client = sign_in("kanri3")
    response = client.get("/admin/pages/")
    assert response.url.startswith(reverse("home_two_factor_verify"))

    current = totp(secret)
    wrong = client.post(reverse("home_two_factor_verify"), {"code": "000000" if current != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "コードが正しくありません" in wrong.content.decode()

    response = client.post(reverse("home_two_factor_verify"), {"code": current, "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200

    replay = sign_in("kanri3")
    response = replay.post(reverse("home_two_factor_verify"), {"code": current})
    assert response.status_code == 400  # a code once used is spent
    assert replay.get("/admin/").status_code == 302


def test_after_wrong_codes_even_the_right_code_waits(make_user, settings):
    """django-otp's slow-down: each wrong code doubles a wait (here a minute per step, so no
    test run is fast or slow enough to see it end)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    make_user(username="kanri6", is_superuser=True)
    secret = enrol(sign_in("kanri6"))
    client = sign_in("kanri6")
    wrong = str((int(totp(secret)) + 1) % 1_000_000).zfill(6)
    assert client.post(reverse("home_two_factor_verify"), {"code": wrong}).status_code == 400
    right = totp(secret, at=time.time() + 30)
    assert client.post(reverse("home_two_factor_verify"), {"code": right}).status_code == 400
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(make_user):
    make_user(username="kanri4", is_superuser=True)
    client = sign_in("kanri4")
    page = client.get(reverse("home_two_factor_setup")).content.decode()
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)
    codes = recovery_codes(client.post(reverse("home_two_factor_setup"), {"code": totp(secret)}))

    first = sign_in("kanri4")
    assert first.post(reverse("home_two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert first.get("/admin/").status_code == 200
    again = sign_in("kanri4")
    assert again.post(reverse("home_two_factor_verify"), {"code": codes[0]}).status_code == 400


def test_emergency_staff_must_enrol_and_editors_may_choose(make_user):
    make_user(groups.EMERGENCY, username="kinkyu")
    make_user(groups.EDITORS, username="koho")
    emergency = sign_in("kinkyu")
    assert emergency.get("/admin/").url.startswith(reverse("home_two_factor_setup"))
    editor = sign_in("koho")
    assert editor.get("/admin/").status_code == 200  # optional: no second step until they enrol
    page = editor.get(reverse("home_two_factor_setup")).content.decode()
    assert "data-required" not in page
    enrol(editor)
    assert sign_in("koho").get("/admin/").url.startswith(reverse("home_two_factor_verify"))


def test_a_citys_user_administrator_must_enrol_too(make_user):
    """Not a superuser, but able to put anyone in any group of their city and reset second factors."""
    from django.contrib.auth.models import Permission

    user = make_user(groups.EDITORS, username="jinji")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="auth", codename="change_user"))
    assert sign_in("jinji").get("/admin/").url.startswith(reverse("home_two_factor_setup"))


def test_an_administrator_resets_a_lost_phone_and_the_user_enrols_again(make_user):
    user = make_user(groups.EMERGENCY, username="kinkyu2")
    enrol(sign_in("kinkyu2"))
    admin = make_user(username="kanri5", is_superuser=True)
    admin_client = sign_in("kanri5")
    enrol(admin_client)
    listing = admin_client.get(reverse("home_accounts")).content.decode()
    assert 'data-user="kinkyu2"' in listing
    admin_client.post(reverse("home_accounts_reset", args=[user.pk]))
    assert sign_in("kinkyu2").get("/admin/").url.startswith(reverse("home_two_factor_setup"))
    entry = ModelLogEntry.objects.get(action=audit.TWO_FACTOR_RESET, label="kinkyu2")
    assert entry.user == admin


@pytest.mark.django_db(transaction=True)
def test_enrolment_and_sign_in_in_chromium_at_390_px(live_server, browser_page, make_user, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    make_user(username="kanri-browser", is_superuser=True)
    page = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)

    def password_step():
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "kanri-browser")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")

    password_step()
    page.wait_for_url("**/admin/two-factor/**")
    assert page.locator(".two-factor h1").inner_text() == "2段階認証"
    assert page.locator(".two-factor__qr svg").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.screenshot(path=str(SHOTS / "enrol-390.png"), full_page=True)
    secret = page.locator("[data-secret]").inner_text()
    page.fill("input[name=code]", totp(secret))
    page.get_by_role("button", name="確認して有効にする").click()
    # The codes are on the page the confirmation answers with: wait for it, do not count the old one.
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.screenshot(path=str(SHOTS / "recovery-codes-390.png"), full_page=True)
    page.click("[data-continue]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.context.clear_cookies()
    password_step()
    page.wait_for_url("**/admin/two-factor/verify/**")
    assert page.locator(".two-factor h1").inner_text() == "確認コードの入力"
    page.screenshot(path=str(SHOTS / "verify-390.png"), full_page=True)
    page.fill("input[name=code]", totp(secret, at=time.time() + 30))  # the next step: not the one spent
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#main").is_visible()
