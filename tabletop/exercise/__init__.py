"""The exercise room: the game clock, the seeded simulation of the item stream, the signals
the dashboard shows, the `Exercise` that fires injects and takes decisions, workshop votes,
solo-drill variation, and the replay engine (steps at their minutes, headless play).
"""
