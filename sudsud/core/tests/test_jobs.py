import pytest
from django.core.exceptions import ValidationError

from sudsud.core.jobs import job_create, job_list_for_user, job_run
from sudsud.core.models import JobStatus

pytestmark = pytest.mark.django_db


def test_job_run_records_progress_and_result(admin_user):
    job = job_create(
        kind="test", actor=admin_user, input_name="in.csv", input_bytes=b"a,b"
    )

    def work(job, progress):
        progress(5, 10)
        return {"summary": "done"}

    finished = job_run(job_id=job.pk, work=work)
    assert finished.status == JobStatus.SUCCEEDED
    assert finished.result == {"summary": "done"}
    assert not finished.input_file  # read once, never kept
    assert finished.percent == 100
    assert finished.total == 10
    assert finished.finished_at is not None


def test_job_run_turns_validation_errors_into_a_failed_job_with_messages(admin_user):
    job = job_create(
        kind="test", actor=admin_user, input_name="a.csv", input_bytes=b"x"
    )

    def work(job, progress):
        raise ValidationError(["Ligne 2 : pays inconnu", "Ligne 3 : nom manquant"])

    finished = job_run(job_id=job.pk, work=work)
    assert finished.status == JobStatus.FAILED
    assert finished.result["errors"] == [
        "Ligne 2 : pays inconnu",
        "Ligne 3 : nom manquant",
    ]
    assert finished.percent == 0  # a failed job does not look complete
    assert not finished.input_file


def test_job_run_hides_unexpected_errors_behind_a_generic_message(admin_user):
    job = job_create(kind="test", actor=admin_user)

    def work(job, progress):
        raise RuntimeError("secret internals")

    finished = job_run(job_id=job.pk, work=work)
    assert finished.status == JobStatus.FAILED
    assert "secret" not in str(finished.result)


def test_job_list_for_user_shows_only_own_jobs(make_user, admin_user):
    owner = make_user("viewer")
    other = make_user("viewer")
    job = job_create(kind="test", actor=owner)
    assert list(job_list_for_user(user=owner)) == [job]
    assert list(job_list_for_user(user=other)) == []


def test_job_attach_output_keeps_the_progress_written_meanwhile(admin_user):
    from sudsud.core.jobs import job_attach_output, job_report_progress
    from sudsud.core.models import Job

    job = job_create(kind="test", actor=admin_user)
    job_report_progress(job_id=job.pk, progress=7, total=9)
    job_attach_output(job=job, name="out.xml", content=b"<x/>")  # stale in memory

    stored = Job.objects.get(pk=job.pk)
    assert stored.progress == 7
    assert stored.output_file.name.endswith(".xml")


def test_job_start_creates_the_job_and_queues_the_task_after_commit(
    admin_user, django_capture_on_commit_callbacks
):
    from sudsud.core.jobs import job_start

    queued = []

    class FakeTask:
        def enqueue(self, **kwargs):
            queued.append(kwargs)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = job_start(
            task=FakeTask(),
            kind="test",
            actor=admin_user,
            params={"a": 1},
            input_name="in.csv",
            input_bytes=b"a,b",
        )
        assert queued == []  # not before the row is committed

    assert len(callbacks) == 1
    assert queued == [{"job_id": job.pk}]
    assert job.params == {"a": 1}
    assert job.input_file.read() == b"a,b"
