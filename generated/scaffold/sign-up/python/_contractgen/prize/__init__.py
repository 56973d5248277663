"""Models of module prize, from prize.json version 1.0.0.

Written by contractgen: `contractgen scaffold` rewrites this package
when the contract changes."""
