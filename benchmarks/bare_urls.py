"""The portal's URLs and ``/bench/bare/``: a view that answers "ok" through the whole middleware
stack, touching nothing else, the baseline of benchmarks/run.py (issue 18: every resident page at
least 0.2 × its requests per second)."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
