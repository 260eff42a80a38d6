"""Alembic environment: runs on the connection handed over by casefile.registry.db."""

from alembic import context
from sqlalchemy import create_engine

from casefile.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        eng = create_engine(config.get_main_option("sqlalchemy.url"))
        with eng.begin() as connection:
            context.configure(
                connection=connection, target_metadata=target_metadata, render_as_batch=True
            )
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    context.run_migrations()


run()
