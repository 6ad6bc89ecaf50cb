"""Nothing private leaks (issue 16): a walk over every output a resident can reach.

高松市 (the session's demo city) gets, for every kind of content (a standard page, an お知らせ page,
a facility, an AED, an event, a long-running notice, a nursery, a garbage page), one object in each
hidden state: behind a login restriction, behind a group restriction, under a restricted parent,
a draft never published, published then unpublished (and retitled in a draft), expired but still
live (the scheduler has not run), and a live page whose newer draft is not published. Each hidden
object carries a unique ASCII marker in its slug, title, summary and address or description; a
public control of each kind carries a marker of its own.

Then every surface ``surfaces()`` lists (pages and lists, map data, nearby blocks, home, APIs in JSON
and GeoJSON, iCal feeds and per-event .ics, the garbage page and its print view, the garbage APIs,
sitemap, search page/API/suggest, every /opendata/ download) and every hidden object's own address
are fetched anonymously and as a user holding every staff role of another city (市川市), and no
hidden marker may appear. The surfaces are also fetched as 高松市's own superuser in every role:
lists are the same for everyone, so nothing hidden may show there even to them. Anonymously, each
surface must show the controls it lists, so a surface that answers nothing cannot pass. A new
surface is one line in ``surfaces()``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.rows import module_rows
from tests.staff import city_staff_group

pytestmark = pytest.mark.heavy

TAKAMATSU = "takamatsu.localhost"
WORD = "ひみつ"  # in every title, so a search for it would find whatever leaks
KINDS = ["standard", "news", "facility", "aed", "event", "notice", "nursery", "garbage"]
STATES = ["login", "group", "underrestricted", "draft", "unpublished", "expired", "newerdraft"]
LAT, LNG = 34.34397, 134.03447


def marker(kind: str, state: str) -> str:
    return f"zq{kind}{state}"


def control(kind: str) -> str:
    return f"zqok{kind}"


@dataclass
class Surface:
    name: str
    url: str  # may name {event_url} and the like: filled from the built rows
    shows: tuple[str, ...] = ()  # controls an anonymous resident must see there


def surfaces(ctx: dict) -> list[Surface]:
    """Every output a resident can reach, once."""
    from opendata import downloads

    day = ctx["day"]
    window = f"start={day - timedelta(days=2)}&end={day + timedelta(days=30)}"
    all_places = ("facility", "aed")
    found = [
        Surface("home", "/ja/", ("standard",)),
        Surface("home in English", "/en/"),
        Surface("news section", ctx["news_url"]),
        Surface("sitemap", "/sitemap.xml", ("standard", "news", "facility", "event", "garbage")),
        Surface("facility directory", ctx["directory_url"], all_places),
        Surface("facility directory near me", ctx["directory_url"] + f"?lat={LAT}&lng={LNG}&radius=2000", all_places),
        Surface("facility directory text filter", ctx["directory_url"] + f"?q={WORD}", all_places),
        Surface("facility page and its nearby block", ctx["facility_url"], ("facility",)),
        Surface("facilities API", "/api/v1/facilities?limit=1000", all_places),
        Surface("facilities API near me", f"/api/v1/facilities?lat={LAT}&lng={LNG}&radius_m=3000", all_places),
        Surface("facilities API text filter", f"/api/v1/facilities?q={WORD}", all_places),
        Surface("facilities API AED", "/api/v1/facilities?category=aed", ("aed",)),
        Surface("facilities GeoJSON", "/api/v1/facilities.geojson?limit=1000", all_places),
        Surface("events list", ctx["events_url"] + f"?when=range&{window}", ("event", "notice")),
        Surface("events list text filter", ctx["events_url"] + f"?q={WORD}&when=range&{window}", ("event",)),
        Surface("events calendar", ctx["calendar_url"], ("event",)),
        Surface("events calendar, this month", ctx["events_url"] + "calendar/"),
        Surface("events feed", ctx["events_url"] + "feed/", ("event", "notice")),
        Surface("events tag feed", ctx["events_url"] + "tags/子育て/feed/", ("event",)),
        Surface("events API", f"/api/v1/events?{window}&limit=1000", ("event", "notice")),
        Surface("events API near me", f"/api/v1/events?{window}&lat={LAT}&lng={LNG}&radius_m=3000", ("event",)),
        Surface("event page", ctx["event_url"], ("event",)),
        Surface("event .ics", ctx["event_url"] + "ics/", ("event",)),
        Surface("nurseries page", ctx["nurseries_url"], ("nursery",)),
        Surface("nurseries page near me", ctx["nurseries_url"] + f"?lat={LAT}&lng={LNG}", ("nursery",)),
        Surface("nursery detail", ctx["nursery_url"], ("nursery",)),
        Surface("nurseries API", "/api/v1/nurseries?limit=1000", ("nursery",)),
        Surface("nursery vacancies API", f"/api/v1/nurseries/{ctx['nursery_id']}/vacancies", ("nursery",)),
        Surface("garbage page", ctx["garbage_url"]),
        Surface("garbage page, print", ctx["garbage_url"] + "print/"),
        Surface("garbage areas API", "/api/v1/garbage/areas?limit=1000"),
        Surface("garbage dictionary API", f"/api/v1/garbage/items?q={WORD}"),
        Surface("search page", f"/ja/search/?q={WORD}", ("standard", "facility", "event")),
        Surface("search page, facilities", f"/ja/search/?q={WORD}&type=facilities", ("facility",)),
        Surface("search page, nurseries", f"/ja/search/?q={WORD}&type=nurseries", ("nursery",)),
        Surface("search API", f"/api/v1/search?q={WORD}&limit=100", ("standard", "facility", "event")),
        Surface("search suggestions", f"/ja/search/suggest/?q={WORD}&limit=20", ("standard",)),
    ]
    download_shows = {
        "public_facilities.csv": ("facility",),
        "aed.csv": ("aed",),
        "events.csv": ("event", "notice"),
        "childcare_facilities.csv": ("nursery",),
        "nursery_vacancies.csv": ("nursery",),
    }
    found += [
        Surface(f"download {name}", f"/opendata/{name}", download_shows.get(name, ()))
        for name, entry in sorted(downloads.REGISTRY.items())
        if entry.build is not None
    ]
    return found


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _restrict(page, kind: str, group: Group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([group])


def build_rows() -> dict:
    """Every kind in every state, the controls, a second city: built once for the module."""
    from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
    from facilities.models import FacilityIndexPage
    from home import demo, groups
    from home.models import Municipality, StandardPage
    from home.registries import roles
    from home.sites import city_home, city_section
    from japanese.dates import today_in_japan
    from services.events.factories import EventPageFactory
    from services.events.models import EventIndexPage
    from services.garbage.models import GarbageCalendarPage
    from services.nurseries.models import Nursery, NurseryIndexPage
    from services.nurseries.notices import save_notice

    takamatsu = demo.ensure_municipality()
    # Another city's staff: its groups of every role (their pages do not matter here).
    other, _new = Municipality.objects.get_or_create(code="122033", defaults={"name": "市川市"})
    staff_groups = [city_staff_group(role, other).pk for role in roles()]
    own_groups = [city_staff_group(role, takamatsu).pk for role in roles()]
    home = city_home(takamatsu)
    news = home.get_children().get(slug="news").specific
    directory = city_section(takamatsu, FacilityIndexPage)
    events = city_section(takamatsu, EventIndexPage)
    nurseries = city_section(takamatsu, NurseryIndexPage)
    garbage = city_section(takamatsu, GarbageCalendarPage)
    editors = groups.city_group(groups.EDITORS, takamatsu)
    library = FacilityCategoryFactory()
    aed = FacilityCategoryFactory(code="aed", name="AED", kind="aed")
    childcare = FacilityCategoryFactory(code="childcare", name="保育所・幼稚園", kind="childcare")
    day = today_in_japan() + timedelta(days=3)
    restricted_parent = _publish_child(home, StandardPage, title="職員用", slug="staff-only")
    _restrict(restricted_parent, PageViewRestriction.LOGIN, editors)

    def fields(kind: str, mark: str) -> dict:
        text = f"{WORD}の{kind} {mark}"
        common = {"title": text, "slug": mark, "summary": f"{mark} のご案内"}
        if kind in ("facility", "aed", "nursery"):
            category = {"facility": library, "aed": aed, "nursery": childcare}[kind]
            return {
                **common,
                "category": category,
                "kind": category.kind,
                "municipality": takamatsu,
                "address": f"香川県高松市番町一丁目 {mark}",
                "latitude": LAT,
                "longitude": LNG,
            }
        if kind in ("event", "notice"):
            end = day + timedelta(days=60) if kind == "notice" else None
            return {
                **common,
                "start_date": day if kind == "event" else day - timedelta(days=5),
                "end_date": end,
                "all_day": kind == "notice",
                "description": f"<p>{mark} の説明</p>",
                "venue_name": f"会場 {mark}",
                "address": f"香川県高松市番町一丁目 {mark}",
                "municipality": takamatsu,
                "lat": LAT,
                "lng": LNG,
            }
        if kind == "garbage":
            return {**common, "municipality": takamatsu, "intro": f"{mark} の収集"}
        return common

    def make(kind: str, state: str | None):
        """One page of *kind* in *state* (None: the public control)."""
        mark = control(kind) if state is None else marker(kind, state)
        # A live page with a newer draft: live as a control would be, only its draft has the marker.
        values = fields(kind, f"zq{kind}newerlive" if state == "newerdraft" else mark)
        parent = {
            "standard": home,
            "news": news,
            "facility": directory,
            "aed": directory,
            "nursery": directory,
            "event": events,
            "notice": events,
            "garbage": home,
        }[kind]
        if state == "underrestricted":
            parent = restricted_parent
        if kind in ("facility", "aed", "nursery"):
            page = FacilityPageFactory(parent=parent, live=state != "draft", **values)
        elif kind in ("event", "notice"):
            page = EventPageFactory(parent=parent, live=state != "draft", tags=["子育て"], **values)
        else:
            model = {"standard": StandardPage, "news": StandardPage, "garbage": GarbageCalendarPage}[kind]
            page = model(live=state != "draft", **values)
            parent.add_child(instance=page)
            if state == "draft":
                page.save_revision()
            else:
                _publish(page)
        if kind == "nursery":
            Nursery.objects.create(facility=page, municipality=takamatsu, number=f"37{len(mark):03d}{mark}"[:20])
        if state == "login":
            _restrict(page, PageViewRestriction.LOGIN, editors)
        elif state == "group":
            _restrict(page, PageViewRestriction.GROUPS, editors)
        elif state == "unpublished":
            page.unpublish()
            page.refresh_from_db()
            page.title = f"{WORD}の{kind} {mark}retitled"
            page.save_revision()
        elif state == "expired":
            Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(hours=1))
        elif state == "newerdraft":
            page.title, page.summary = f"{WORD}の{kind} {mark}", f"{mark} の下書き"
            page.save_revision()
            page.refresh_from_db()
        return page

    controls = {kind: make(kind, None) for kind in KINDS}
    hidden = {(kind, state): make(kind, state) for kind in KINDS for state in STATES}
    counts = {str(n.pk): [1, 2, 0, 3, None, 1] for n in Nursery.objects.filter(municipality=takamatsu)}
    save_notice(takamatsu, today_in_japan(), counts, publish=True)
    nursery = Nursery.objects.get(facility=controls["nursery"])
    hidden_urls = []
    for (kind, state), page in hidden.items():
        url = page.specific.get_url() or f"/ja/{page.slug}/"
        hidden_urls.append(((kind, state), url))
        if kind in ("event", "notice"):
            hidden_urls.append(((kind, state), url + "ics/"))
        if kind == "nursery":
            hidden_nursery = Nursery.objects.get(facility=page)
            nursery_base = nurseries.get_url()
            hidden_urls.append(((kind, state), f"{nursery_base}{hidden_nursery.pk}/"))
            hidden_urls.append(((kind, state), f"/api/v1/nurseries/{hidden_nursery.pk}/vacancies"))
        hidden_urls.append(((kind, state), f"/en/-/untranslated/{page.pk}/"))
    return {
        "day": day,
        "news_url": news.get_url(),
        "directory_url": directory.get_url(),
        "facility_url": controls["facility"].get_url(),
        "events_url": events.get_url(),
        "calendar_url": f"{events.get_url()}calendar/{day.year}/{day.month}/",
        "event_url": controls["event"].get_url(),
        "nurseries_url": nurseries.get_url(),
        "nursery_url": f"{nurseries.get_url()}{nursery.pk}/",
        "nursery_id": nursery.pk,
        "garbage_url": garbage.get_url(),
        "hidden_urls": hidden_urls,
        "staff_groups": staff_groups,
        "own_groups": own_groups,
    }


def _publish_child(parent, model, **values):
    page = model(**values)
    parent.add_child(instance=page)
    return _publish(page)


_rows = module_rows(build_rows)


@pytest.fixture
def rows(_rows, site_tree):
    return _rows


HIDDEN = [marker(kind, state) for kind in KINDS for state in STATES]


def body(response) -> str:
    """The text of a response (every file of a ZIP), iCalendar lines unfolded, lower case (slugs are)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"\n".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8-sig", errors="replace").replace("\r\n ", "").lower()


def leaks(text: str) -> list[str]:
    return [mark for mark in HIDDEN if mark in text]


def visitors(rows) -> list[tuple[str, Client]]:
    """An anonymous resident, and one user holding every staff role of the other city at once.

    What a user may see only grows with their groups (a login restriction admits any of the
    page's city's staff, a group restriction any of its groups), so what the holder of every role
    does not see, no single role sees: one visit stands for each role, and keeps the walk fast.
    """
    from home.factories import UserFactory

    roles = list(Group.objects.filter(pk__in=rows["staff_groups"]).order_by("name"))
    assert len(roles) >= 4, "the other city's staff roles are missing"
    staff = Client(HTTP_HOST=TAKAMATSU)
    staff.force_login(UserFactory(groups=roles))
    return [("anonymous", Client(HTTP_HOST=TAKAMATSU)), ("市川市 staff in every role", staff)]


def city_administrator(rows) -> tuple[str, Client]:
    """高松市's own staff at their most: a superuser in every role of the city. A login or group
    restriction admits them to the page itself, yet lists, feeds, search and exports are the same
    for everyone (docs/security.md), so they must not see a hidden object there either."""
    from home.factories import UserFactory

    roles = list(Group.objects.filter(pk__in=rows["own_groups"]))
    assert len(roles) >= 4, "高松市's staff roles are missing"
    administrator = Client(HTTP_HOST=TAKAMATSU)
    administrator.force_login(UserFactory(groups=roles, is_superuser=True))
    return ("高松市 superuser in every role", administrator)


def test_every_surface_shows_the_controls_and_no_hidden_marker(rows):
    problems = []
    people = [*visitors(rows), city_administrator(rows)]
    for surface in surfaces(rows):
        for who, client in people:
            response = client.get(surface.url)
            text = body(response)
            if who == "anonymous":
                if response.status_code != 200:
                    problems.append(f"{surface.name} ({surface.url}): {response.status_code}")
                    continue
                missing = [kind for kind in surface.shows if control(kind) not in text]
                if missing:
                    problems.append(f"{surface.name} ({surface.url}) does not show the control of {missing}")
            if leaked := leaks(text):
                problems.append(f"{surface.name} ({surface.url}) shows {leaked} to {who}")
    assert problems == [], "\n".join(problems)


def test_no_hidden_object_answers_at_its_own_address(rows):
    problems = []
    for who, client in visitors(rows):
        for (kind, state), url in rows["hidden_urls"]:
            response = client.get(url)
            if response.status_code == 200 and marker(kind, state) in body(response):
                problems.append(f"{kind} {state} at {url} shows its marker to {who}")
            elif response.status_code >= 500:
                problems.append(f"{kind} {state} at {url}: {response.status_code} for {who}")
    assert problems == [], "\n".join(problems)


def test_expired_and_restricted_pages_still_answer_whom_they_should(rows, make_user):
    """The hidden objects are hidden for the right reason: the page's own city's staff still open a
    login-restricted page, and an expired page is gone for everyone."""
    from home import groups

    by_state = {(kind, state): url for (kind, state), url in rows["hidden_urls"] if not url.startswith("/en/-/")}
    own = Client(HTTP_HOST=TAKAMATSU)
    own.force_login(make_user(groups.EDITORS))  # 高松市's 広報担当: the login and group restrictions admit them
    for state in ("login", "group"):
        response = own.get(by_state[("standard", state)])
        assert response.status_code == 200
        assert marker("standard", state) in body(response)
    assert own.get(by_state[("standard", "expired")]).status_code == 404
    assert Client(HTTP_HOST=TAKAMATSU).get(by_state[("standard", "login")]).status_code == 302  # to the login


def test_export_opendata_writes_no_hidden_object(rows, tmp_path):
    """The command as a city runs it (issue 16: it wrote unpublished and restricted facilities),
    every KIND, for the city and for all cities at once."""
    from io import StringIO

    from django.core.management import call_command

    from opendata import kinds

    shows = {"facilities": "facility", "aed": "aed", "childcare": "nursery", "events": "event"}
    problems = []
    for kind in sorted(kinds.REGISTRY):
        for scope in (["--municipality", "372013"], []):
            path = tmp_path / f"{kind}{len(scope)}.csv"
            call_command("export_opendata", kind, str(path), *scope, stdout=StringIO())
            text = path.read_bytes().decode("utf-8-sig", errors="replace").lower()
            if kind in shows and control(shows[kind]) not in text:
                problems.append(f"export_opendata {kind} {scope} lacks the control of {shows[kind]}")
            if leaked := leaks(text):
                problems.append(f"export_opendata {kind} {scope} writes {leaked}")
    assert problems == [], "\n".join(problems)
