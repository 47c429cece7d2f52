"""The benchmarks' own PostgreSQL databases: made afresh for a run, dropped after it. A name
must contain "bench", so a mistyped URL never drops someone's data."""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def recreate_database(url: str) -> str:
    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark's database name must contain 'bench'.")
    with _server(config) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop_database(url: str) -> None:
    config = dj_database_url.parse(url)
    with _server(config) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(config["NAME"])
            )
        )


def _server(config: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )
