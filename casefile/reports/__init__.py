"""Reports: the prisoner list, dossiers, statistics and exports, each in its own module."""
