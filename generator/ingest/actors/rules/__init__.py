"""The rules of actor extraction, one a file; their order is in ``generator.ingest.actors``."""
