"""Beschut werk monitor: cleaning, models and reports for the Participatiewet's sheltered jobs."""
