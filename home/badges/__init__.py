"""Badges as content: the :class:`~badgecms.home.badges.models.Badge` snippet a landing
page shows, its schema.org and Open Badges forms, and the sync from Credly.
"""
