"""With ``SUDSUD_TASKS_BACKEND=django_tasks_fennel.CeleryBackend`` background jobs go
through Redis to Celery workers. Checked end to end against the real Redis that CI
starts on 127.0.0.1 (database 14): an import uploaded through the page is queued in
Redis and run by a real ``celery worker`` process, started with the production
settings on this test's database, as a worker host would run it."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import Celery
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django_tasks import TaskResult, TaskResultStatus, default_task_backend
from django_tasks.signals import task_enqueued

from sudsud.core.models import Job, JobStatus
from sudsud.organisations.models import Organisation
from sudsud.organisations.tests.test_imports import GOOD_ROWS, csv_file

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("SUDSUD_TEST_QUEUE_REDIS_URL", "redis://127.0.0.1:6379/14")
CELERY_BACKEND = "django_tasks_fennel.CeleryBackend"
FINISHED = {JobStatus.SUCCEEDED, JobStatus.FAILED}


@pytest.fixture
def redis_queue():
    """An empty Redis database for the queue, or a skip (a failure on CI)."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Redis at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {exc}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def celery_settings(redis_queue, settings, tmp_path):
    """This process enqueues as the web app does with the Celery backend; uploads
    go to files that the worker process can read."""
    app = Celery("sudsud-test", set_as_current=True)
    app.conf.update(
        broker_url=REDIS_URL, result_backend=REDIS_URL, result_extended=True
    )
    settings.TASKS = {"default": {"BACKEND": CELERY_BACKEND}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    yield app
    app.close()


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}{port}/{db['NAME']}"


def _start_worker(data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": _database_url(),
        "SUDSUD_DATA_DIR": str(data_dir),
        "SUDSUD_TASKS_BACKEND": CELERY_BACKEND,
        "SUDSUD_CELERY_BROKER_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "django_tasks_fennel.app",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--hostname=sudsud-test@%h",
    ]
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and code
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _wait_until_finished(job: Job, worker: subprocess.Popen[bytes], log: Path) -> Job:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in FINISHED:
            return job
        if worker.poll() is not None:
            pytest.fail(f"the Celery worker stopped:\n{log.read_text()}")
        time.sleep(0.25)
    pytest.fail(f"job still {job.status} after 90 s; worker log:\n{log.read_text()}")


@pytest.fixture
def enqueued_results():
    """The results of the tasks that this process sends to the queue."""
    results: list[TaskResult] = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_enqueued.connect(record)
    yield results
    task_enqueued.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_import_job_runs_on_a_celery_worker_through_redis(
    admin_client, countries, celery_settings, redis_queue, enqueued_results, tmp_path
):
    log = tmp_path / "worker.log"
    worker = _start_worker(tmp_path, log)
    try:
        response = admin_client.post(
            reverse("organisations:organisation_import"),
            {"file": SimpleUploadedFile("orgs.csv", csv_file(*GOOD_ROWS))},
        )
        job = Job.objects.get()
        assert response["Location"] == reverse("web:job_detail", args=[job.pk])
        job = _wait_until_finished(job, worker, log)
    finally:
        _stop_worker(worker)

    assert job.status == JobStatus.SUCCEEDED, (job.result, log.read_text())
    assert "3" in job.result["summary"]
    assert job.result["next_url"] == reverse("organisations:organisation_list")
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        row["name"] for row in GOOD_ROWS
    }
    (enqueued,) = enqueued_results
    result = default_task_backend.get_result(enqueued.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert redis_queue.exists(f"celery-task-meta-{enqueued.id}")
    assert result.kwargs == {"job_id": job.pk}
    assert [w.split("@")[0] for w in result.worker_ids] == ["sudsud-test"]
