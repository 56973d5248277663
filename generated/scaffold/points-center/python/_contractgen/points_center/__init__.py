"""Models of module points-center, from points-center.json version 1.0.0.

Written by contractgen: `contractgen scaffold` rewrites this package
when the contract changes."""
