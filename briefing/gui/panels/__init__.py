"""The side panels beside the article: summary, entities, claims (strongest first, with all
candidates on request) and notes, with their item models. Clicking an item reveals its span.

May import the root building blocks, services and domain; never ``shell`` or ``reader``.
"""
