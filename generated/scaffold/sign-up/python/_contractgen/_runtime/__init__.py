"""The dispatcher of contractgen 0.1.0, copied by `contractgen scaffold` so
that the cloud function needs no contractgen install; it rewrites this package
when contractgen changes."""

from .dispatch import Dispatcher
from .schemas import ContractSchemas

__all__ = ["ContractSchemas", "Dispatcher"]
