"""Alembic environment: every pending migration in one transaction, on a connection from
casefile.registry.db.migration_transaction (why: see casefile.registry.db.upgrade), whether
Casefile opens the registry or someone runs alembic's commands directly."""

from alembic import context

from casefile.registry.db import migration_transaction
from casefile.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "casefile.registry.db.alembic_config names the database"
    with migration_transaction(url) as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        context.run_migrations()


run()
