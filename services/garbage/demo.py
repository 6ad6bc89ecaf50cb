"""Demo content of the garbage domain, called by the load_demo command."""


def load_demo(municipality, stdout) -> None:
    """Create or update this domain's demo content for *municipality* (idempotent)."""
