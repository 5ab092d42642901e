"""Below everything but the domain: where bundled data lives, translations, atomic file writes.
Every layer may import it; it imports only the domain (for its error types)."""
