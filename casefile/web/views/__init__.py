"""One module per kind of page; ROUTERS is the order the app mounts them in."""

from __future__ import annotations

from fastapi import APIRouter

from casefile.web.views import (
    api,
    audit,
    auth,
    editor,
    feed,
    figures,
    follows,
    home,
    interventions,
    inventory,
    manual,
    officials,
    persons,
    prisoners,
    recommendations,
    reference,
    releases,
    review,
    screening,
    search,
    sources,
    statistics,
    watches,
)

ROUTERS: list[APIRouter] = [api.router, home.router, prisoners.router, persons.router,
                            officials.router, releases.router, figures.router,
                            sources.router, search.router, auth.router, review.router,
                            editor.router, inventory.router, manual.router, audit.router,
                            interventions.router, recommendations.router, reference.router,
                            screening.router, statistics.router, watches.router, feed.router,
                            follows.router]
