"""Reads that add up large parts of tables (the reports' grouped sums): on PostgreSQL they may share
their scans with one more process, also for the middle-sized tables whose scans PostgreSQL would
otherwise run alone. Measured at 75,000 employees (bench/reports.py): the printable report 727 →
597 ms. Only around those reads: the pages' short queries would pay a process start each."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

# one helper process beside the request's own (two cores are the smallest server we support)
PARALLEL_SCANS = {
    "max_parallel_workers_per_gather": "1",
    "min_parallel_table_scan_size": "256kB",
    "parallel_setup_cost": "100",
    "parallel_tuple_cost": "0.01",
}


@contextmanager
def analytic_reads() -> Iterator[None]:
    """Within: PostgreSQL may run scans in parallel (see above); after, the connection's own settings
    again, also after an error. Nothing on other databases. Usable as a decorator."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        calls = ", ".join("set_config(%s, %s, false)" for _name in PARALLEL_SCANS)
        cursor.execute(f"SELECT {calls}", [part for pair in PARALLEL_SCANS.items() for part in pair])
    try:
        yield
    finally:
        restore()


def restore() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"RESET {name}" for name in PARALLEL_SCANS))
    except DatabaseError:
        connection.close()  # e.g. in a failed transaction: a new connection starts from the defaults
