"""Qt item models: thin adapters over the ProjectSession's plain-Python records."""
