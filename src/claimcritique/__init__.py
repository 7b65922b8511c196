"""claimcritique: critique health-supplement marketing articles, with a quote for every number."""

__version__ = "0.1.0"
