"""Drop and create the PostgreSQL database of a URL: `python scripts/fresh_database.py URL`.

CI runs `make demo-setup` (migrate, load_demo, check) on such a database, as a new user would.
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def main(url: str) -> None:
    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        sys.exit(f"not a PostgreSQL address: {url}")
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(autocommit=True, **server) as connection:
        name = sql.Identifier(config["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    print(f"fresh database {config['NAME']}")


if __name__ == "__main__":
    main(sys.argv[1])
