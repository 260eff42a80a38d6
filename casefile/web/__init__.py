"""The web site and JSON API: server-rendered pages that work without JavaScript."""
