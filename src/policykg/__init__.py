"""policykg: a typed, evidence-backed knowledge graph of US-China technology-competition policy."""
__version__ = "0.1.0"
