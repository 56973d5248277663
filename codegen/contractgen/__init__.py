"""Interface contracts for page modules and the businesses that embed them."""

__version__ = "0.1.0"
