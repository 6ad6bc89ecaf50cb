"""Two cities on one install: each site answers only with its own municipality.

高松市 is the default site (takamatsu.localhost, from the session tree); 市川市 is set up here with
its own hostname. Both get a library, an event and a page with the same words (中央図書館,
図書館まつり, 図書館のお知らせ), and their libraries stand a few metres apart, so any list, map,
feed or search that forgot the site would show the other city's. 高松市 also has a library and
an event behind a password: an anonymous resident never sees them listed.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import icalendar
from django.test import TestCase
from wagtail.models import PageViewRestriction

from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
from facilities.models import FacilityIndexPage
from home import demo
from home.cities import setup_city
from home.models import StandardPage
from home.sites import city_section
from japanese.dates import today_in_japan
from services.events.factories import EventPageFactory
from services.events.models import EventIndexPage

TAKAMATSU = "takamatsu.localhost"
ICHIKAWA = "ichikawa.example.jp"
CITIES = {TAKAMATSU: "高松市", ICHIKAWA: "市川市"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _publish_page(parent, **fields):
    page = StandardPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def path(page) -> str:
    """The page's path on its own site (``page.url`` is absolute once there are two sites)."""
    return urlsplit(page.full_url).path


def found(name: str) -> list[str]:
    """What a search for 図書館 finds on a city's site: its three pages and its 施設案内 (whose
    summary names 図書館), never the other city's."""
    return sorted([f"{name}中央図書館", f"{name}図書館まつり", f"{name}図書館のお知らせ", "施設案内"])


def _restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")


class TwoCities(TestCase):
    @classmethod
    def setUpTestData(cls):
        takamatsu = demo.ensure_municipality()
        ichikawa = setup_city("122033", "市川市", hostname=ICHIKAWA).municipality
        cls.municipalities = {TAKAMATSU: takamatsu, ICHIKAWA: ichikawa}
        library = FacilityCategoryFactory()
        day = today_in_japan() + timedelta(days=3)
        cls.directories, cls.indexes, cls.facilities, cls.events = {}, {}, {}, {}
        for host, (slug, lat) in {TAKAMATSU: ("takamatsu", 34.34397), ICHIKAWA: ("ichikawa", 34.34399)}.items():
            municipality, name = cls.municipalities[host], CITIES[host]
            directory = city_section(municipality, FacilityIndexPage)
            index = city_section(municipality, EventIndexPage)
            cls.directories[host], cls.indexes[host] = directory, index
            cls.facilities[host] = FacilityPageFactory(
                parent=directory,
                title=f"{name}中央図書館",
                slug=f"{slug}-library",
                category=library,
                municipality=municipality,
                latitude=lat,
                longitude=134.03447,
            )
            cls.events[host] = EventPageFactory(
                parent=index,
                title=f"{name}図書館まつり",
                slug=f"{slug}-festival",
                start_date=day,
                municipality=municipality,
                lat=lat,
                lng=134.03447,
                tags=["子育て"],
            )
            _publish_page(
                directory.get_parent(),
                title=f"{name}図書館のお知らせ",
                slug=f"{slug}-notice",
                summary="図書館の休館日",
            )
        cls.hidden_facility = FacilityPageFactory(
            parent=cls.directories[TAKAMATSU],
            title="高松市秘密図書館",
            slug="secret-library",
            category=library,
            municipality=takamatsu,
        )
        _restrict(cls.hidden_facility)
        cls.hidden_event = EventPageFactory(
            parent=cls.indexes[TAKAMATSU],
            title="高松市秘密図書館まつり",
            slug="secret-festival",
            start_date=day,
            municipality=takamatsu,
            tags=["子育て"],
        )
        _restrict(cls.hidden_event)

    def get(self, host, url, **params):
        response = self.client.get(url, params, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, f"{host}{url}: {response.status_code}")
        return response

    def assert_only_own(self, host, text: str, *, what: str):
        """*text* names this city's 中央図書館 or 図書館まつり and nothing of the other city's."""
        own, other = CITIES[host], next(name for h, name in CITIES.items() if h != host)
        self.assertIn(f"{own}{what}", text)
        self.assertNotIn(f"{other}{what}", text)
        self.assertNotIn("秘密図書館", text)

    # --- facilities ---------------------------------------------------------------------

    def test_facility_directory_and_map_list_only_the_sites_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                response = self.get(host, path(self.directories[host]))
                self.assert_only_own(host, response.content.decode(), what="中央図書館")
                names = [feature["name"] for feature in response.context["map_features"]]
                self.assertEqual(names, [f"{CITIES[host]}中央図書館"])
                searched = self.get(host, path(self.directories[host]), q="中央図書館")
                self.assertEqual([page.title for page in searched.context["results"]], names)

    def test_facility_page_lists_only_nearby_facilities_of_its_own_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                response = self.get(host, path(self.facilities[host]))
                self.assertEqual(response.context["nearby"], [])

    def test_other_citys_facility_is_not_found_on_this_host(self):
        response = self.client.get(path(self.facilities[ICHIKAWA]), HTTP_HOST=TAKAMATSU)
        self.assertEqual(response.status_code, 404)

    def test_facilities_api_and_geojson_answer_for_the_requested_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                body = self.get(host, "/api/v1/facilities").json()
                self.assertEqual([item["name"] for item in body["items"]], [f"{CITIES[host]}中央図書館"])
                self.assertEqual(body["count"], 1)
                self.assertTrue(body["items"][0]["url"].endswith(path(self.facilities[host])))
                near = self.get(host, "/api/v1/facilities", lat=34.34398, lng=134.03447, radius_m=500).json()
                self.assertEqual([item["name"] for item in near["items"]], [f"{CITIES[host]}中央図書館"])
                geojson = self.get(host, "/api/v1/facilities.geojson", q="図書館").json()
                names = [feature["properties"]["name"] for feature in geojson["features"]]
                self.assertEqual(names, [f"{CITIES[host]}中央図書館"])

    # --- events ---------------------------------------------------------------------------

    def test_event_list_and_calendar_show_only_the_sites_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                index = self.indexes[host]
                self.assert_only_own(host, self.get(host, path(index)).content.decode(), what="図書館まつり")
                searched = self.get(host, path(index), tag="子育て").content.decode()
                self.assert_only_own(host, searched, what="図書館まつり")
                day = self.events[host].start_date
                calendar = self.get(host, f"{path(index)}calendar/{day.year}/{day.month}/").content.decode()
                self.assert_only_own(host, calendar, what="図書館まつり")

    def test_events_api_answers_for_the_requested_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                body = self.get(host, "/api/v1/events", q="図書館").json()
                self.assertEqual([item["title"] for item in body["items"]], [f"{CITIES[host]}図書館まつり"])
                near = self.get(host, "/api/v1/events", lat=34.34398, lng=134.03447, radius_m=1000).json()
                self.assertEqual([item["title"] for item in near["items"]], [f"{CITIES[host]}図書館まつり"])

    def test_ical_feeds_hold_only_the_sites_city(self):
        for host in CITIES:
            for feed in ("feed/", f"tags/{quote('子育て')}/feed/"):
                with self.subTest(host=host, feed=feed):
                    response = self.get(host, path(self.indexes[host]) + feed)
                    calendar = icalendar.Calendar.from_ical(response.content)
                    titles = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
                    self.assertEqual(titles, [f"{CITIES[host]}図書館まつり"])
                    urls = [str(event["URL"]) for event in calendar.walk("VEVENT")]
                    self.assertTrue(all(f"//{host}/" in url for url in urls), urls)

    def test_event_ics_of_the_other_city_is_not_served_on_this_host(self):
        own = self.get(ICHIKAWA, path(self.events[ICHIKAWA]) + "ics/")
        self.assertEqual(
            [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(own.content).walk("VEVENT")],
            ["市川市図書館まつり"],
        )
        other = self.client.get(path(self.events[ICHIKAWA]) + "ics/", HTTP_HOST=TAKAMATSU)
        self.assertEqual(other.status_code, 404)

    def test_home_page_panels_show_only_the_sites_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                html = self.get(host, "/ja/").content.decode()
                self.assert_only_own(host, html, what="図書館まつり")
                self.assertIn(f'action="{path(self.directories[host])}"', html)

    # --- search ---------------------------------------------------------------------------

    def test_search_page_finds_only_the_sites_pages_and_data(self):
        for host in CITIES:
            with self.subTest(host=host):
                response = self.get(host, "/ja/search/", q="図書館")
                titles = sorted(hit.title for hit in response.context["outcome"].hits)
                name = CITIES[host]
                self.assertEqual(titles, found(name))

    def test_search_api_and_suggestions_answer_for_the_requested_city(self):
        for host in CITIES:
            with self.subTest(host=host):
                name = CITIES[host]
                body = self.get(host, "/api/v1/search", q="図書館").json()
                titles = sorted(item["title"] for item in body["items"])
                self.assertEqual(titles, found(name))
                self.assertEqual(body["count"], 4)
                suggested = self.get(host, "/ja/search/suggest/", q=name[:2]).json()["items"]
                self.assertTrue(suggested)
                self.assertTrue(all(item["title"].startswith(name) for item in suggested), suggested)

    def test_search_log_keeps_each_site_apart(self):
        from search.models import SearchQueryLog

        for host in CITIES:
            self.get(host, "/api/v1/search", q="図書館")
        self.assertEqual(
            sorted(SearchQueryLog.objects.values_list("site__hostname", "hits")), [(ICHIKAWA, 1), (TAKAMATSU, 1)]
        )

    # --- sitemap and robots ------------------------------------------------------------------

    def test_sitemap_lists_every_language_of_the_sites_pages_only(self):
        for host in CITIES:
            with self.subTest(host=host):
                response = self.get(host, "/sitemap.xml")
                root = ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own answer)
                locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
                self.assertTrue(all(loc.startswith(f"http://{host}/") for loc in locations), locations)
                own = "takamatsu" if host == TAKAMATSU else "ichikawa"
                other = "ichikawa" if own == "takamatsu" else "takamatsu"
                self.assertIn(f"http://{host}{path(self.facilities[host])}", locations)
                self.assertIn(f"http://{host}{path(self.events[host])}", locations)
                self.assertIn(f"http://{host}/en/", locations)  # the home page's translation
                self.assertFalse([loc for loc in locations if f"/{other}-" in loc])
                self.assertFalse([loc for loc in locations if "secret" in loc])

    def test_robots_txt_names_the_sitemap_of_the_requested_host(self):
        for host in CITIES:
            with self.subTest(host=host):
                text = self.get(host, "/robots.txt").content.decode()
                self.assertIn(f"Sitemap: http://{host}/sitemap.xml", text)
                self.assertIn("Disallow: /admin/", text)
