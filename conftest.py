"""Put the repository root on sys.path, so tests import `generator` without installing it."""
