"""The terminal quiz: matching typed answers, the session flow, history, scheduling and stats.

Nothing here imports the exporters; the core (models, kinds, questions) knows nothing of it.
"""
