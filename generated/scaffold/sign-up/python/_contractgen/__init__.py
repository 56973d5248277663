"""Written by contractgen: the dispatcher, the models and the contracts that index.py
serves; `contractgen scaffold` rewrites this folder."""
