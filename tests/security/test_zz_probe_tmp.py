import pytest

URLS = [
 "/ja/events/?page=9223372036854775808", "/ja/events/?page=-1", "/ja/events/?page=1e308",
 "/ja/events/?start=0001-01-01", "/ja/events/?start=9999-12-31&when=range", "/ja/events/?end=9999-12-31&when=range",
 "/ja/events/calendar/?start=0001-01-01", "/ja/events/calendar/9999/12/", "/ja/events/calendar/1/1/", "/ja/events/calendar/2026/13/", "/ja/events/calendar/99999999999999999999/1/",
 "/ja/events/calendar/0/1/",
 "/api/v1/events?start=0001-01-01", "/api/v1/events?start=9999-12-31", "/api/v1/events?end=9999-12-31", "/api/v1/events?start=2026-01-01&end=0001-01-01",
 "/ja/garbage/?lat=1e308&lng=1", "/ja/garbage/?lat=nan&lng=nan", "/ja/garbage/?lat=inf&lng=1", "/ja/garbage/?area=%00", "/ja/garbage/print/?area=x",
 "/api/v1/garbage/areas/{code}/collections?start=9999-01-01&end=9999-12-31",
 "/api/v1/garbage/areas/{code}/collections?start=0001-01-01&end=0001-12-31",
 "/api/v1/garbage/areas/{code}/collections?start=2026-01-01&end=9999-12-31",
 "/api/v1/garbage/areas/{code}/calendar.ics?locale=xx",
 "/api/v1/search?q=の&limit=1000", "/ja/search/?q=の&page=49", "/ja/search/?q=ごみ&page=99999999999999999999",
 "/api/v1/facilities?lat=1e308&lng=1&radius_m=1", "/api/v1/facilities?lat=91&lng=1", "/api/v1/facilities?radius_m=1e308&lat=34&lng=134",
 "/api/v1/facilities.geojson?limit=9223372036854775808", "/api/v1/nurseries?locale=xx", "/api/v1/nurseries/9223372036854775808/vacancies",
 "/api/v1/geocode?q=" + "あ"*300, "/ja/facilities/?lat=1e308&lng=1", "/ja/facilities/?page=9223372036854775808",
 "/ja/nurseries/?lat=nan&lng=1", "/ja/nurseries/99999999999999999999/",
 "//evil.example/ja/", "/ja/events/tags/%00/feed/",
 "/api/v1/events?locale=xx", "/api/v1/events?offset=9223372036854775808",
 "/ja/-/untranslated/99999999999999999999/", "/opendata/..%2F..%2Fetc%2Fpasswd", "/opendata/x.csv",
 "/ja/search/suggest/?q=%E3%81%AE&limit=99999999999999999999",
]

@pytest.mark.django_db
def test_probe(client, site_tree):
    from services.garbage.models import CollectionArea
    area = CollectionArea.objects.first()
    code = area.code if area else "372013-001"
    out = []
    for u in URLS:
        u = u.replace("{code}", code)
        r = client.get(u)
        extra = ""
        if u.startswith("//evil"):
            extra = "EVIL" if b"//evil.example" in r.content else "no-evil"
        out.append(f"{'!!' if r.status_code >= 500 else '  '} {r.status_code} {u[:90]} {extra}")
    print("\n".join(out))
    assert not [o for o in out if o.startswith("!!")], "\n".join(out)
