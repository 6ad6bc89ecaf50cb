"""The scheduler runs the periodic jobs the kernel and the domains registered, each when due,
so scheduled pages go live and event dates stay fresh without a cron."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from home import jobs
from home.models import PeriodicJobRun, StandardPage


@pytest.fixture
def registry(monkeypatch):
    """A registry of the test's own jobs (the real one is restored after)."""
    monkeypatch.setattr(jobs, "_JOBS", {})
    return jobs


def test_the_kernel_and_the_domains_register_their_jobs():
    names = {job.name for job in jobs.periodic_jobs()}

    assert {"publish_scheduled", "refresh_event_dates"} <= names


def test_once_runs_each_due_job_and_the_next_run_waits_for_its_interval(db, registry):
    ran = []
    registry.register_periodic_job("hourly", lambda: ran.append("hourly"), every=timedelta(hours=1))
    registry.register_periodic_job("daily", lambda: ran.append("daily"), every=timedelta(days=1))

    call_command("scheduler", "--once", stdout=io.StringIO())
    call_command("scheduler", "--once", stdout=io.StringIO())
    assert sorted(ran) == ["daily", "hourly"]  # not again: neither is due

    PeriodicJobRun.objects.filter(name="hourly").update(last_started=timezone.now() - timedelta(hours=2))
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert sorted(ran) == ["daily", "hourly", "hourly"]
    assert out.getvalue() == "hourly: ok\n"


def test_a_failing_job_is_logged_and_the_others_still_run(db, registry, caplog):
    ran = []

    def broken():
        raise RuntimeError("feed unreachable")

    registry.register_periodic_job("broken", broken, every=timedelta(minutes=5))
    registry.register_periodic_job("works", lambda: ran.append("works"), every=timedelta(minutes=5))

    assert registry.run_due() == {"broken": False, "works": True}
    assert ran == ["works"]
    assert "periodic job broken failed" in caplog.text and "feed unreachable" in caplog.text
    assert PeriodicJobRun.objects.get(name="broken").last_succeeded is False


def test_a_job_another_scheduler_just_started_is_not_run_twice(db, registry):
    ran = []
    registry.register_periodic_job("once", lambda: ran.append(1), every=timedelta(minutes=10))
    now = timezone.now()
    PeriodicJobRun.objects.create(name="once", last_started=now - timedelta(minutes=11))
    due = registry.due_jobs(now)

    PeriodicJobRun.objects.filter(name="once").update(last_started=now)  # the other scheduler claimed it
    assert [job.name for job in due] == ["once"]
    assert registry._claim(due[0], now) is False
    assert ran == []


def test_the_scheduler_publishes_a_page_whose_time_has_come(client, site_tree):
    page = site_tree.add_child(instance=StandardPage(title="年末年始の窓口", slug="year-end", live=False))
    revision = page.save_revision()
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    assert client.get("/ja/year-end/").status_code == 404

    call_command("scheduler", "--once", stdout=io.StringIO())

    assert client.get("/ja/year-end/").status_code == 200
