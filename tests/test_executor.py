"""The one executor: the same results in the same order, whether jobs run here or in workers."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from generator import executor


def _square(job: tuple[int, int]) -> int:
    parent, number = job
    if number == 3 and os.getpid() != parent:
        os._exit(9)  # as the kernel's out-of-memory killer would
    return number * number


def _pid(job: int) -> int:
    return os.getpid()


@pytest.fixture(params=["fork", "spawn"])
def started(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Workers started one way or the other, whatever threads the test session runs."""
    if request.param not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {request.param} here")
    # Forking beside a browser's thread is safe here: the workers take no lock the thread may hold.
    monkeypatch.setattr(executor, "start_method", lambda: multiprocessing.get_context(request.param))
    return str(request.param)


def test_a_dead_worker_leaves_the_rest_to_this_process(started: str) -> None:
    parent, ticks = os.getpid(), []
    with executor.Executor(2) as pool:
        jobs = [(parent, number) for number in range(20)]
        assert list(pool.map(_square, jobs, tick=lambda: ticks.append(1))) == [n * n for n in range(20)]
        assert len(ticks) == 20
        # Every later map is done here too.
        assert set(pool.map(_pid, list(range(8)))) == {parent}


def test_jobs_run_in_workers_and_come_back_in_order(started: str) -> None:
    with executor.Executor(2) as pool:
        pids = list(pool.map(_pid, list(range(8)), per_worker=1))
    assert os.getpid() not in pids and len(pids) == 8


def test_one_worker_or_one_job_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(executor, "ProcessPoolExecutor", no_pool)
    with executor.Executor(1) as pool:
        assert list(pool.map(_pid, [1, 2, 3])) == [os.getpid()] * 3
    with executor.Executor(2) as pool:
        assert list(pool.map(_pid, [1])) == [os.getpid()]


def test_no_safe_way_to_start_workers_keeps_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executor, "start_method", lambda: None)
    with executor.Executor(2) as pool:
        assert list(pool.map(_pid, [1, 2, 3])) == [os.getpid()] * 3
    assert executor.in_forked_parts(lambda k, n: k, 2) is None


def test_a_process_that_cannot_start_leaves_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(executor, "start_method", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(os, "fork", no_fork)
    with executor.Executor(2) as pool:
        assert list(pool.map(_pid, [1, 2, 3])) == [os.getpid()] * 3
    outcomes = executor.in_forked_parts(lambda k, n: k, 2)
    assert outcomes is not None and all(executor.lost(outcome) for outcome in outcomes)
