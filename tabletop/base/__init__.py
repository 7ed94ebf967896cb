"""The foundations every room stands on: `record` (frozen value classes) and the literals
shared across rooms (`kinds`). Imports nothing of tabletop's own."""
