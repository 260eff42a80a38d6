"""Claims from text. Extractors are plain functions listed by name@version in `registry.py`."""
